/**
 * A clause carrying only a small share of the question's evidence (rank.ts, LIST_FLOOR) is still
 * listed, after every clause that reaches the floors: an everyday question often shares one word with
 * the clause that answers it. The round-3 regulations (tests/eval/dev/round3/docs) serve as the corpus.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch, HIT_FLOOR, LIST_FLOOR } from '../../src/search/index.ts';
import { DEV_ROUND3_DOCS_DIR } from '../eval/harness.ts';

const clauses = loadCorpus({ dir: DEV_ROUND3_DOCS_DIR }).clauses;
const search = createClauseSearch(clauses);
const listing = createClauseSearch(clauses, { matchDecision: () => true });

describe('a clause short of the floors', () => {
  it('is listed where few clauses match better: 开发商…要不要先垫上 finds 先行垫付 in the top 3', () => {
    expect(LIST_FLOOR).toBeLessThan(HIT_FLOOR);
    const hits = search.search('开发商工程款迟迟不给，工人拿不到钱，开发商要不要先垫上', { limit: 3 }).hits;
    expect(hits.some((h) => h.text.includes('以未结清的工程款为限先行垫付被拖欠的农民工工资'))).toBe(true);
  });

  it('never outranks one at the floors, and the scores shown stay in descending order', () => {
    for (const q of ['活儿转给没资质的包工头，包工头跑了，工人的工钱找谁要', '哪些东西政府是一律不给看的', '市场监管局查案的时候能不能查公司的银行流水', '公司停业最长能停多久']) {
      const scores = listing.search(q, { limit: 10 }).hits.map((h) => h.score);
      expect(scores.length, q).toBeGreaterThan(0);
      for (let i = 1; i < scores.length; i++) expect(scores[i], q).toBeLessThanOrEqual(scores[i - 1]!);
    }
  });
});
