/**
 * Compact, read-only storage for a persisted clause index, behind the few `Map` methods MiniSearch's
 * scoring calls — so a loaded index scores exactly like one built with `add()`, at a fraction of
 * the memory and with almost no work at load time.
 *
 * MiniSearch keeps every posting in `Map<term, Map<fieldId, Map<docId, freq>>>` (about 35 bytes per
 * posting; gigabytes at 10,000 documents) and three `Map` entries plus an array per document. Here:
 *
 * - **Postings** stay in each shard's file (`shardFile.ts`), read a term's block at a time when a
 *   question asks for the term (`postingSource.ts`; in memory for an index that is not persisted):
 *   per term and field a run of varint-coded (gap to the previous clause × 2 + [frequency ≠ 1])
 *   values, followed by the frequency when it is not 1 — about 1.2 bytes per posting, since most
 *   gaps are small and most frequencies are 1. {@link PostingList} decodes them in order as
 *   MiniSearch iterates.
 * - **Terms** (`ShardedTermIndex` in `shardTerms.ts`): each shard's term list as persisted, sorted,
 *   with where each term's block starts. A term's {@link FieldPostings} are made when a query asks
 *   for the term (a binary search per shard, then its block's head), never at load: loading a
 *   shard is reading its term list and offsets.
 * - **Documents** (`clauseTables.ts`): ids are 0…n-1 (short id = id), so the id maps are a count,
 *   and field lengths one `Uint32Array` row per clause.
 *
 * Everything here is read-only: a changed document is taken in by rebuilding its shard and loading
 * a new index.
 *
 * @module
 */

import type { PostingSource } from './postingSource.ts';

/** One shard's postings and the ids of its clauses, `base` … `end - 1`. */
export interface ShardPostings {
  base: number;
  end: number;
  /** The shard's term blocks (see `shardFile.ts`), on disk or in memory. */
  source: PostingSource;
}

// ── posting decoding (written by shardPostings.ts) ─────────────────────

// Scratch of the decoder: the byte position after the last varint read (single-threaded).
let at = 0;
/** The varint at byte `pos` of `bytes`; {@link varintEnd} is where it ends. */
export function varintAt(bytes: Uint8Array, pos: number): number {
  at = pos;
  return readVarint(bytes);
}

/** The byte after the varint {@link varintAt} read last. */
export function varintEnd(): number {
  return at;
}

function readVarint(bytes: Uint8Array): number {
  let b = bytes[at++]!;
  if (b < 0x80) return b;
  let v = b & 0x7f;
  let scale = 128;
  do {
    b = bytes[at++]!;
    v += (b & 0x7f) * scale;
    scale *= 128;
  } while (b >= 0x80);
  return v;
}

/**
 * The postings of one term in one field: runs (segments) in several shards' term blocks, in shard
 * order, so ids ascend. Reads like a `ReadonlyMap<clauseId, frequency>`. A block that cannot be
 * read (see `postingSource.ts`) contributes no postings.
 */
export class PostingList implements Iterable<[number, number]> {
  /**
   * (shard, block start, block length, run start in the block, count) per segment, flat, in the
   * first `segEnd` entries: 32-bit, as thousands of recently looked-up lists are kept.
   */
  private segs = new Int32Array(SEG * 4);
  private segEnd = 0;
  private total = 0;
  /** The pair the last iteration step yielded: MiniSearch reads `keys()` then `get()` of that id. */
  private lastId = -1;
  private lastFreq = 0;

  constructor(private readonly shards: readonly ShardPostings[]) {}

  /**
   * Appends a run of `count` postings starting at byte `offset` of the block of `length` bytes at
   * `start` in shard `shard`; shards in order.
   */
  addSegment(shard: number, start: number, length: number, offset: number, count: number): void {
    if (this.segEnd === this.segs.length) {
      const grown = new Int32Array(2 * this.segs.length);
      grown.set(this.segs);
      this.segs = grown;
    }
    const segs = this.segs;
    const e = this.segEnd;
    segs[e] = shard;
    segs[e + 1] = start;
    segs[e + 2] = length;
    segs[e + 3] = offset;
    segs[e + 4] = count;
    this.segEnd = e + SEG;
    this.total += count;
  }

  get size(): number {
    return this.total;
  }

  get(id: number): number | undefined {
    if (id === this.lastId) return this.lastFreq;
    // Not the pair just iterated (MiniSearch never asks for another): scan.
    for (const [doc, freq] of this.entries()) {
      if (doc === id) return freq;
      if (doc > id) break;
    }
    return undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Pairs in ascending id order; remembers each, so `get(id)` right after is O(1). */
  *entries(): IterableIterator<[number, number]> {
    const segs = this.segs;
    for (let s = 0; s < this.segEnd; s += SEG) {
      const sh = this.shards[segs[s]!]!;
      const bytes = sh.source.read(segs[s + 1]!, segs[s + 2]!);
      if (!bytes) continue;
      let pos = segs[s + 3]!;
      let local = 0;
      for (let i = segs[s + 4]!; i > 0; i--) {
        at = pos;
        const v = readVarint(bytes);
        local += Math.floor(v / 2);
        const freq = v & 1 ? readVarint(bytes) : 1;
        pos = at;
        this.lastId = sh.base + local;
        this.lastFreq = freq;
        yield [this.lastId, freq];
      }
    }
  }

  /**
   * Ids in ascending order, remembering each with its frequency. The loop MiniSearch scores with
   * (`for (const id of list.keys()) list.get(id)`), so it is a plain iterator that allocates
   * nothing per posting: one result object, reused (for…of reads it before the next step).
   */
  keys(): IterableIterator<number> {
    return new PostingKeys(this);
  }

  /** Steps the segment walk for {@link PostingKeys}: the next id, or -1 at the end. */
  step(cursor: Cursor): number {
    const segs = this.segs;
    while (cursor.left === 0) {
      if (cursor.seg >= this.segEnd) return -1;
      const s = cursor.seg;
      cursor.seg += SEG;
      cursor.bytes = this.shards[segs[s]!]!.source.read(segs[s + 1]!, segs[s + 2]!);
      if (!cursor.bytes) continue;
      cursor.base = this.shards[segs[s]!]!.base;
      cursor.pos = segs[s + 3]!;
      cursor.left = segs[s + 4]!;
      cursor.local = 0;
    }
    const bytes = cursor.bytes!;
    at = cursor.pos;
    const v = readVarint(bytes);
    cursor.local += Math.floor(v / 2);
    this.lastFreq = v & 1 ? readVarint(bytes) : 1;
    cursor.pos = at;
    cursor.left--;
    this.lastId = cursor.base + cursor.local;
    return this.lastId;
  }

  /**
   * Decodes the postings into `ids` and `freqs` (each at least {@link size} long), ids ascending,
   * and returns the count: the scoring loop's fast path (`orScores.ts`), one tight loop per segment
   * instead of an iterator step and a `get` per posting. With `from` and `to`, only the shards
   * holding some of the ids `from` … `to` are decoded (a search inside one document reads its shard,
   * not the whole list); postings of those shards outside that range are still listed.
   */
  decodeInto(ids: Int32Array, freqs: Int32Array, from = 0, to = Number.MAX_SAFE_INTEGER): number {
    const segs = this.segs;
    let n = 0;
    for (let s = 0; s < this.segEnd; s += SEG) {
      const sh = this.shards[segs[s]!]!;
      if (sh.end <= from || sh.base > to) continue;
      const bytes = sh.source.read(segs[s + 1]!, segs[s + 2]!);
      if (!bytes) continue;
      let pos = segs[s + 3]!;
      let id = sh.base;
      for (let i = segs[s + 4]!; i > 0; i--) {
        let v = bytes[pos++]!;
        if (v >= 0x80) {
          at = pos - 1;
          v = readVarint(bytes);
          pos = at;
        }
        id += Math.floor(v / 2);
        let freq = 1;
        if (v & 1) {
          freq = bytes[pos++]!;
          if (freq >= 0x80) {
            at = pos - 1;
            freq = readVarint(bytes);
            pos = at;
          }
        }
        ids[n] = id;
        freqs[n] = freq;
        n++;
      }
    }
    return n;
  }

  /**
   * Sets bit `id` of `bits` (bit `id & 7` of byte `id >> 3`) for every id in the list: the clauses
   * holding a term, for checking it on candidates (`ClauseSearch.termTest`, which keeps the result,
   * so this runs once per common term, not per question).
   */
  markIn(bits: Uint8Array): void {
    const ids = new Int32Array(this.total);
    const n = this.decodeInto(ids, new Int32Array(this.total));
    for (let k = 0; k < n; k++) bits[ids[k]! >>> 3]! |= 1 << (ids[k]! & 7);
  }

  *values(): IterableIterator<number> {
    for (const [, freq] of this.entries()) yield freq;
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  forEach(fn: (freq: number, id: number) => void): void {
    for (const [id, freq] of this.entries()) fn(freq, id);
  }

  set(): never {
    throw new Error('PostingList is read-only: rebuild the shard instead');
  }

  delete(): never {
    throw new Error('PostingList is read-only: rebuild the shard instead');
  }
}

/** Numbers per segment in {@link PostingList}'s flat list. */
const SEG = 5;

/** Where {@link PostingList.step} is: the segment after the current one, and in the current block. */
interface Cursor {
  seg: number;
  bytes: Uint8Array | null;
  base: number;
  pos: number;
  left: number;
  local: number;
}

/** {@link PostingList.keys}: ids in ascending order, no allocation per step. */
class PostingKeys implements IterableIterator<number> {
  private readonly cursor: Cursor = { seg: 0, bytes: null, base: 0, pos: 0, left: 0, local: 0 };
  private readonly result: IteratorResult<number> = { done: false, value: 0 };

  constructor(private readonly list: PostingList) {}

  next(): IteratorResult<number> {
    const id = this.list.step(this.cursor);
    if (id < 0) return { done: true, value: undefined };
    (this.result as { value: number }).value = id;
    return this.result;
  }

  [Symbol.iterator](): IterableIterator<number> {
    return this;
  }
}

/** A term's posting lists by field id; reads like `ReadonlyMap<fieldId, PostingList>`. */
export class FieldPostings implements Iterable<[number, PostingList]> {
  private readonly byField: Array<PostingList | undefined> = [];
  private count = 0;

  /** The list of `fieldId`, created (empty) on first use. */
  fetch(fieldId: number, create: () => PostingList): PostingList {
    let list = this.byField[fieldId];
    if (!list) {
      list = this.byField[fieldId] = create();
      this.count++;
    }
    return list;
  }

  get size(): number {
    return this.count;
  }

  get(fieldId: number): PostingList | undefined {
    return this.byField[fieldId];
  }

  has(fieldId: number): boolean {
    return this.byField[fieldId] !== undefined;
  }

  *entries(): IterableIterator<[number, PostingList]> {
    for (let f = 0; f < this.byField.length; f++) {
      const list = this.byField[f];
      if (list) yield [f, list];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [f] of this.entries()) yield f;
  }

  *values(): IterableIterator<PostingList> {
    for (const [, list] of this.entries()) yield list;
  }

  [Symbol.iterator](): IterableIterator<[number, PostingList]> {
    return this.entries();
  }

  set(): never {
    throw new Error('FieldPostings is read-only: rebuild the shard instead');
  }

  delete(): never {
    throw new Error('FieldPostings is read-only: rebuild the shard instead');
  }
}
