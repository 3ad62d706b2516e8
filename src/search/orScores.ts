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
import { DenseIds, FieldLengths } from './clauseTables.ts';
import { PostingList } from './postings.ts';

/** One result, as the ranking reads it from a MiniSearch `SearchResult`. */
export interface OrResult {
  id: number;
  score: number;
  /** Matched index terms, in MiniSearch's order (`Object.keys(match)`). */
  terms: string[];
  /** Matched query terms, in query order. */
  queryTerms: string[];
}

/**
 * Work counters, added to by every {@link scoreOr} call (never reset here): postings of the terms
 * looked up, postings decoded from a persisted index (fewer in a search inside some documents),
 * clauses scored (candidates, after the filter) and results read back. For the bench, which reports work
 * beside wall time because timings on a shared machine are noisy.
 */
export const orScoreWork = { calls: 0, postings: 0, decoded: 0, candidates: 0, read: 0 };

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
  _fieldLength: { get(shortId: number): ArrayLike<number | undefined> | undefined } | FieldLengths;
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
 * Per-clause scratch of one index, kept between queries: zeroing and collecting four arrays the size
 * of the corpus on every query (5.6 MB at 250,000 clauses) cost more than scoring a rare term.
 * Only the entries of clauses a query touched are written, and they are cleared before it returns.
 */
interface Scratch {
  total: Float64Array;
  termScore: Float64Array;
  matched: Uint16Array;
  /** Which query terms a clause matched, one bit per term (queries have far fewer than 32). */
  termBits: Uint32Array;
  /** Decoded postings of one term and field ({@link PostingList.decodeInto}). */
  ids: Int32Array;
  freqs: Int32Array;
  /** Clauses a query touched, first-met order, and those one term touched: emptied, not made anew, each query. */
  seen: number[];
  touched: number[];
}
const scratchOf = new WeakMap<object, Scratch>();

function scratchFor(s: MiniSearchState, n: number): Scratch {
  let sc = scratchOf.get(s);
  if (!sc || sc.total.length < n) {
    sc = {
      total: new Float64Array(n),
      termScore: new Float64Array(n),
      matched: new Uint16Array(n),
      termBits: new Uint32Array(n),
      ids: sc?.ids ?? new Int32Array(1024),
      freqs: sc?.freqs ?? new Int32Array(1024),
      seen: sc?.seen ?? [],
      touched: sc?.touched ?? [],
    };
    scratchOf.set(s, sc);
  }
  return sc;
}

/**
 * Scores every clause containing one of `terms` (each weighted by `boostTerm`) as MiniSearch's OR
 * search would, keeping only clauses whose id passes `accept` (a test, or the set of ids to keep).
 * Returns the results best-first as a lazy iterable, or `undefined` when the query needs MiniSearch
 * itself (see the module comment). The iterable holds its own copy of the scores: other searches may run before it is read.
 */
export function scoreOr(
  ms: MiniSearch<unknown>,
  terms: readonly string[],
  boostTerm: (term: string) => number,
  accept?: ((id: number) => boolean) | ReadonlySet<number>,
): Iterable<OrResult> | undefined {
  const s = ms as unknown as MiniSearchState;
  const opts = s._options.searchOptions;
  if (s._dirtCount > 0) return undefined;
  const list = [...terms];
  if (list.length > 32) return undefined;
  for (let i = 0; i < list.length; i++) {
    const fuzzy = typeof opts.fuzzy === 'function' ? opts.fuzzy(list[i]!, i, list) : opts.fuzzy;
    const prefix = typeof opts.prefix === 'function' ? opts.prefix(list[i]!, i, list) : opts.prefix;
    if (fuzzy || prefix) return undefined;
  }
  const { k, b, d } = opts.bm25;
  const sc = scratchFor(s, s._nextId);
  const { total, termScore, matched, termBits, seen, touched } = sc;
  seen.length = 0;
  touched.length = 0;
  const lengths = s._fieldLength instanceof FieldLengths ? s._fieldLength : undefined;
  // A set of ids (a search inside some documents): only the shards holding them are decoded
  // (ids are positions in a persisted index, as the shards' ranges are).
  const within = accept instanceof Set ? accept : undefined;
  let from = 0;
  let to = Number.MAX_SAFE_INTEGER;
  if (within && s._documentIds instanceof DenseIds) {
    from = Infinity;
    to = -1;
    for (const id of within) {
      if (id < from) from = id;
      if (id > to) to = id;
    }
  }
  const accepts = typeof accept === 'function' ? accept : within ? (id: number) => within.has(id) : undefined;

  // The results' own copy, sized once the clauses touched are known (at most that many pass `accept`).
  let ids = new Float64Array(0);
  let scores = new Float64Array(0);
  let bitsOf = new Uint32Array(0);
  let n = 0;
  try {
    for (let ti = 0; ti < list.length; ti++) {
      const term = list[ti]!;
      const data = s._index.get(term);
      if (!data) continue;
      const termBoost = boostTerm(term);
      const bit = 1 << ti;
      for (const field of s._options.fields) {
        const fieldBoost = opts.boost?.[field] || 1;
        const fieldId = s._fieldIds[field]!;
        const postings = data.get(fieldId);
        if (!postings) continue;
        const matching = postings.size;
        orScoreWork.postings += matching;
        const idf = Math.log(1 + (s._documentCount - matching + 0.5) / (matching + 0.5));
        const avg = s._avgFieldLength[fieldId]!;
        const add = (doc: number, freq: number, len: number) => {
          const raw = idf * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * len) / avg)));
          const weighted = 1 * termBoost * fieldBoost * 1 * raw;
          const bits = termBits[doc]!;
          if ((bits & bit) === 0) {
            if (bits === 0) seen.push(doc);
            termBits[doc] = bits | bit;
            touched.push(doc);
            termScore[doc] = weighted;
          } else {
            termScore[doc] = termScore[doc]! + weighted;
          }
        };
        if (postings instanceof PostingList && lengths) {
          // A persisted index: decode the whole list at once and read lengths from the table.
          if (sc.ids.length < matching) {
            sc.ids = new Int32Array(Math.max(matching, 2 * sc.ids.length));
            sc.freqs = new Int32Array(sc.ids.length);
          }
          const { ids, freqs } = sc;
          const count = postings.decodeInto(ids, freqs, from, to);
          orScoreWork.decoded += count;
          for (let j = 0; j < count; j++) add(ids[j]!, freqs[j]!, lengths.lengthOf(ids[j]!, fieldId));
        } else {
          // keys() then get() of that key: MiniSearch's own walk.
          for (const doc of postings.keys()) add(doc, postings.get(doc)!, s._fieldLength.get(doc)![fieldId]!);
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
    // Copied out (id, score, matched terms), and the scratch cleared for the next query.
    ids = new Float64Array(seen.length);
    scores = new Float64Array(seen.length);
    bitsOf = new Uint32Array(seen.length);
    for (const doc of seen) {
      const id = s._documentIds.get(doc) as number;
      if (!accepts || accepts(id)) {
        ids[n] = id;
        scores[n] = total[doc]! * (matched[doc] || 1);
        bitsOf[n] = termBits[doc]!;
        n++;
      }
      total[doc] = 0;
      termScore[doc] = 0;
      matched[doc] = 0;
      termBits[doc] = 0;
    }
  } catch (err) {
    // Never leave the scratch dirty for the next query.
    for (const doc of seen) {
      total[doc] = 0;
      termScore[doc] = 0;
      matched[doc] = 0;
      termBits[doc] = 0;
    }
    throw err;
  } finally {
    seen.length = 0;
    touched.length = 0;
  }
  orScoreWork.calls++;
  orScoreWork.candidates += n;
  // Clauses matching the same query terms share one pair of term lists (read-only).
  const termLists = new Map<number, { terms: string[]; queryTerms: string[] }>();
  return bestFirst(scores.subarray(0, n), (c) => {
    orScoreWork.read++;
    const bits = bitsOf[c]!;
    let lists = termLists.get(bits);
    if (!lists) {
      const queryTerms = list.filter((_, ti) => (bits & (1 << ti)) !== 0);
      // MiniSearch lists matched terms as the keys of an object, which puts integer-like keys first.
      const match: Record<string, true> = {};
      for (const t of queryTerms) match[t] = true;
      lists = { terms: Object.freeze(Object.keys(match)) as string[], queryTerms: Object.freeze(queryTerms) as string[] };
      termLists.set(bits, lists);
    }
    return { id: ids[c]!, score: scores[c]!, terms: lists.terms, queryTerms: lists.queryTerms };
  });
}

/** Yields candidate positions by descending `score`, earlier position first on ties, from a binary heap. */
function* bestFirst(score: Float64Array, result: (candidate: number) => OrResult): Generator<OrResult> {
  let size = score.length;
  const heap = new Int32Array(size);
  for (let i = 0; i < size; i++) heap[i] = i;
  const before = (a: number, b: number) => {
    const sa = score[a]!;
    const sb = score[b]!;
    return sa > sb || (sa === sb && a < b);
  };
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
    yield result(top);
  }
}
