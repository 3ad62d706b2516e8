/**
 * MiniSearch's OR search, scored straight from the postings into typed arrays and read back
 * best-first on demand — so a query on a large corpus does not build a result object (with its term
 * list and match map) for every clause that shares one word with it, only for the few the ranking
 * reads before it stops (`rank.ts`).
 *
 * The scores, their order and ties are MiniSearch's own (`search(..., { combineWith: 'OR' })`):
 * the same BM25 formula, the same additions in the same order (each term's fields summed first,
 * then the terms in query order), the same `× number of matched query terms`, and ties kept in the
 * order MiniSearch meets the clauses (its sort is stable). tests/search/orScores.test.ts compares
 * the two. Queries MiniSearch would expand (fuzzy or prefix terms) or an index with discarded
 * documents are not handled here: {@link scoreOr} returns `undefined` and the caller asks MiniSearch.
 *
 * @module
 */
import type MiniSearch from 'minisearch';

/** One result, as the ranking reads it from a MiniSearch `SearchResult`. */
export interface OrResult {
  id: number;
  score: number;
  /** Matched index terms, in MiniSearch's order (`Object.keys(match)`). */
  terms: string[];
  /** Matched query terms, in query order. */
  queryTerms: string[];
}

/** A field's postings: MiniSearch's `Map<docId, freq>` or a persisted `PostingList`. */
interface PostingsLike {
  readonly size: number;
  keys(): Iterable<number>;
  get(doc: number): number | undefined;
}

/** The parts of MiniSearch's state its scoring reads (not in its public types). */
interface MiniSearchState {
  _index: { get(term: string): { get(fieldId: number): PostingsLike | undefined } | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: { get(shortId: number): ArrayLike<number | undefined> | undefined };
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: { get(shortId: number): unknown; has(shortId: number): boolean };
  _dirtCount: number;
  _nextId: number;
  _options: {
    fields: string[];
    searchOptions: {
      boost?: Record<string, number>;
      bm25: { k: number; b: number; d: number };
      fuzzy?: boolean | number | ((term: string, i: number, terms: string[]) => boolean | number);
      prefix?: boolean | ((term: string, i: number, terms: string[]) => boolean);
    };
  };
}

/**
 * Scores every clause containing one of `terms` (each weighted by `boostTerm`) as MiniSearch's OR
 * search would, keeping only clauses whose id passes `accept`. Returns the results best-first as a
 * lazy iterable, or `undefined` when the query needs MiniSearch itself (see the module comment).
 */
export function scoreOr(
  ms: MiniSearch<unknown>,
  terms: readonly string[],
  boostTerm: (term: string) => number,
  accept?: (id: number) => boolean,
): Iterable<OrResult> | undefined {
  const s = ms as unknown as MiniSearchState;
  const opts = s._options.searchOptions;
  if (s._dirtCount > 0) return undefined;
  const list = [...terms];
  for (let i = 0; i < list.length; i++) {
    const fuzzy = typeof opts.fuzzy === 'function' ? opts.fuzzy(list[i]!, i, list) : opts.fuzzy;
    const prefix = typeof opts.prefix === 'function' ? opts.prefix(list[i]!, i, list) : opts.prefix;
    if (fuzzy || prefix) return undefined;
  }
  const { k, b, d } = opts.bm25;
  const n = s._nextId;
  const total = new Float64Array(n);
  const termScore = new Float64Array(n);
  const matched = new Uint16Array(n);
  /** Which query terms a clause matched, one bit per term (queries have far fewer than 32). */
  const termBits = new Uint32Array(n);
  const seen: number[] = [];
  const touched: number[] = [];
  if (list.length > 32) return undefined;

  for (let ti = 0; ti < list.length; ti++) {
    const term = list[ti]!;
    const data = s._index.get(term);
    if (!data) continue;
    const termBoost = boostTerm(term);
    for (const field of s._options.fields) {
      const fieldBoost = opts.boost?.[field] || 1;
      const fieldId = s._fieldIds[field]!;
      const postings = data.get(fieldId);
      if (!postings) continue;
      const matching = postings.size;
      const idf = Math.log(1 + (s._documentCount - matching + 0.5) / (matching + 0.5));
      const avg = s._avgFieldLength[fieldId]!;
      // keys() then get() of that key: the walk a persisted PostingList serves without allocating.
      for (const doc of postings.keys()) {
        const freq = postings.get(doc)!;
        const len = s._fieldLength.get(doc)![fieldId]!;
        const raw = idf * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * len) / avg)));
        const weighted = 1 * termBoost * fieldBoost * 1 * raw;
        if ((termBits[doc]! & (1 << ti)) === 0) {
          if (termBits[doc] === 0) seen.push(doc);
          termBits[doc] = termBits[doc]! | (1 << ti);
          touched.push(doc);
          termScore[doc] = weighted;
        } else {
          termScore[doc] = termScore[doc]! + weighted;
        }
      }
    }
    // A clause's score is the first matched term's, plus each later one's, in query order.
    for (const doc of touched) {
      total[doc] = matched[doc] === 0 ? termScore[doc]! : total[doc]! + termScore[doc]!;
      matched[doc] = matched[doc]! + 1;
    }
    touched.length = 0;
  }

  // Candidates in the order MiniSearch's result Map has them; its stable sort keeps that for ties.
  const candidates: number[] = [];
  for (const doc of seen) {
    const id = s._documentIds.get(doc) as number;
    if (accept && !accept(id)) continue;
    total[doc] = total[doc]! * (matched[doc] || 1);
    candidates.push(doc);
  }
  return bestFirst(candidates, total, (doc) => {
    const queryTerms = list.filter((_, ti) => (termBits[doc]! & (1 << ti)) !== 0);
    // MiniSearch lists matched terms as the keys of an object, which puts integer-like keys first.
    const match: Record<string, true> = {};
    for (const t of queryTerms) match[t] = true;
    return { id: s._documentIds.get(doc) as number, score: total[doc]!, terms: Object.keys(match), queryTerms };
  });
}

/** Yields `candidates` by descending score, earlier position first on ties, from a binary heap. */
function* bestFirst(candidates: number[], score: Float64Array, result: (doc: number) => OrResult): Generator<OrResult> {
  const heap = Int32Array.from(candidates.keys());
  const before = (a: number, b: number) => {
    const sa = score[candidates[a]!]!;
    const sb = score[candidates[b]!]!;
    return sa > sb || (sa === sb && a < b);
  };
  let size = heap.length;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const r = l + 1;
      const c = r < size && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[c]!, heap[i]!)) return;
      const t = heap[c]!;
      heap[c] = heap[i]!;
      heap[i] = t;
      i = c;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  while (size > 0) {
    const top = heap[0]!;
    heap[0] = heap[--size]!;
    siftDown(0);
    yield result(candidates[top]!);
  }
}
