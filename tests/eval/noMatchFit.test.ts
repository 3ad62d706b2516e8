/**
 * The stored "no match" model (src/search/noMatchModel.json) must be the fit of the current ranking:
 * the ranking moves the evidence the decision reads, so a change to it needs a re-fit.
 */
import { describe, expect, it } from 'vitest';
import { answersQuestion, NO_MATCH_MODEL } from '../../src/search/noMatch.ts';
import { collectSamples, fit, rates, refusedBy } from '../../scripts/fit-nomatch.ts';

describe('the stored no-match model', () => {
  const samples = collectSamples();

  it('decides every corpus and dev question as a fresh fit would (otherwise run `node bin/run.js scripts/fit-nomatch.ts --write`)', () => {
    const { model } = fit(samples);
    const differ = samples.filter((s) => s.evidence && answersQuestion(s.evidence, model) !== answersQuestion(s.evidence, NO_MATCH_MODEL)).map((s) => s.q);
    expect(differ).toEqual([]);
  });

  it('refuses at least 0.8 of the unanswerable and off-topic questions it was fitted on', () => {
    expect(rates(samples, refusedBy(NO_MATCH_MODEL)).negativesRefused).toBeGreaterThanOrEqual(0.8);
  });
});
