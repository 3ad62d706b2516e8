/**
 * The direct OR scoring (src/search/orScores.ts) must give MiniSearch's own OR search, result for
 * result: the same clauses, scores to the last bit, order (ties included) and matched terms — on an
 * index built in memory and on one read back from persisted shards — so that reading only the top
 * of it changes speed and memory, never answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type MiniSearch from 'minisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { buildClauseIndex, indexSource, newMiniSearch } from '../../src/search/clauseIndex.ts';
import { buildShardedIndex } from '../../src/search/persist.ts';
import { orScoreWork, scoreOr } from '../../src/search/orScores.ts';
import { queryTerms } from '../../src/search/tokenize.ts';
import { loadQuestions } from '../eval/harness.ts';

const { clauses } = loadCorpus();
const root = mkdtempSync(join(tmpdir(), 'pd-orscores-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A term weight that differs per term, as the ranking's concept weights do. */
const boostTerm = (t: string) => 1 + (t.length % 3) * 0.5;

function miniSearchOr(ms: MiniSearch<unknown>, terms: string[], accept?: (id: number) => boolean) {
  return ms
    .search({ combineWith: 'OR', queries: terms }, { boostTerm, ...(accept ? { filter: (r) => accept(r.id as number) } : {}) })
    .map((r) => ({ id: r.id as number, score: r.score, terms: r.terms, queryTerms: r.queryTerms }));
}

const inMemory = buildClauseIndex(clauses, undefined).ms as MiniSearch<unknown>;
buildClauseIndex(clauses, root);
const persisted = buildClauseIndex(clauses, root);

describe('scoreOr', () => {
  it.each([
    ['an index built in memory', inMemory],
    ['an index read from persisted shards', persisted.ms as MiniSearch<unknown>],
  ])("lists every evaluation question's results exactly as MiniSearch's OR search, on %s", (_, ms) => {
    let compared = 0;
    for (const { q } of loadQuestions()) {
      const terms = queryTerms(q);
      const direct = scoreOr(ms, terms, boostTerm);
      if (!direct) continue; // a fuzzy English word: the caller asks MiniSearch
      expect([...direct]).toEqual(miniSearchOr(ms, terms));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('keeps only the clauses the filter accepts, in the same order', () => {
    const accept = (id: number) => id % 3 === 0;
    for (const { q } of loadQuestions().slice(0, 40)) {
      const terms = queryTerms(q);
      const direct = scoreOr(inMemory, terms, boostTerm, accept);
      if (direct) expect([...direct]).toEqual(miniSearchOr(inMemory, terms, accept));
    }
  });

  it('reads only the shards of the documents a set of ids names, with the same results as a filter', () => {
    const dir = join(root, 'one-per-document');
    // One shard per document, so a search inside one document can skip the others' postings.
    const sharded = buildShardedIndex(indexSource(clauses), newMiniSearch, { dir, version: 'v', targetDocs: 1 }).ms as MiniSearch<unknown>;
    const docIds = [...new Set(clauses.map((c) => c.docId))];
    expect(docIds.length).toBeGreaterThan(2);
    const inDoc = (docId: string) => new Set(clauses.flatMap((c, i) => (c.docId === docId ? [i] : [])));
    let decodedWithin = 0;
    let decodedAll = 0;
    for (const { q } of loadQuestions().slice(0, 40)) {
      const terms = queryTerms(q);
      for (const within of [inDoc(docIds[1]!), new Set([...inDoc(docIds[0]!), ...inDoc(docIds[2]!)])]) {
        let before = orScoreWork.decoded;
        const direct = scoreOr(sharded, terms, boostTerm, within);
        if (!direct) continue;
        decodedWithin += orScoreWork.decoded - before;
        expect([...direct]).toEqual(miniSearchOr(sharded, terms, (id) => within.has(id)));
        before = orScoreWork.decoded;
        scoreOr(sharded, terms, boostTerm);
        decodedAll += orScoreWork.decoded - before;
      }
    }
    expect(decodedWithin).toBeGreaterThan(0);
    expect(decodedWithin).toBeLessThan(decodedAll * 0.8);
  });

  it('scores the next query correctly after a filter threw halfway through one', () => {
    const ms = persisted.ms as MiniSearch<unknown>;
    const terms = queryTerms('节能审查');
    const boom = () => {
      throw new Error('filter failed');
    };
    expect(() => scoreOr(ms, terms, boostTerm, boom)).toThrow('filter failed');
    expect([...scoreOr(ms, terms, boostTerm)!]).toEqual(miniSearchOr(ms, terms));
  });

  it('leaves queries MiniSearch expands (a fuzzy English word) to MiniSearch', () => {
    expect(scoreOr(inMemory, ['investment'], boostTerm)).toBeUndefined();
  });

  it('finds nothing for a term no clause contains', () => {
    expect([...scoreOr(inMemory, ['不存在的词语'], boostTerm)!]).toEqual([]);
  });
});
