/**
 * A word the clause lacks, one of whose characters it holds beside the question's next word as the
 * question runs (署名举报 against 联名举报: 名举), holds that character in the question's sense: the
 * character counts as the word's, as a matched term would. The development documents
 * (tests/eval/dev/docs) serve as the corpus.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { anchorConcepts, coverage, type WeightedConcept } from '../../src/search/evidence.ts';
import { DEV_DOCS_DIR } from '../eval/harness.ts';

const concept = (w: string, weight = 1): WeightedConcept => ({ alternatives: [[w]], weight, known: false, word: w });

describe('a character held beside the question’s next word', () => {
  const question = '几个人一起署名举报同一个粮库';
  const terms = new Set(['名举', '举报', '报同']);
  const [signed, report] = anchorConcepts([concept('署名'), concept('举报')], question, (t) => terms.has(t));

  it('anchors a word by the question’s bigrams across its edges that are search terms', () => {
    expect(signed!.anchors).toEqual(['名举']);
    expect(report!.anchors).toEqual(['名举', '报同']);
  });

  it('earns the word the share of its characters so held, on a clause with that bigram', () => {
    expect(coverage([signed!], new Set(['名举']))).toBeCloseTo(0.5, 10);
    expect(coverage([signed!], new Set(['举报']))).toBe(0);
  });

  it('adds nothing to a word the clause holds itself', () => {
    expect(coverage([report!], new Set(['举报', '名举', '报同']))).toBe(1);
  });

  it('answers an everyday question whose function word runs into the subject (对台 of 对台湾同胞投资企业)', () => {
    const dev = createClauseSearch(loadCorpus({ dir: DEV_DOCS_DIR }).clauses);
    const outcome = dev.search('能不能对台资企业额外加收费用', { limit: 3 });
    expect(outcome.status).toBe('ok');
    expect(outcome.hits[0]?.text).toContain('不得对台湾同胞投资企业另列收费项目');
  });
});
