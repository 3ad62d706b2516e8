/**
 * Compact, read-only posting lists for a persisted clause index.
 *
 * MiniSearch keeps each term's postings as `Map<fieldId, Map<docId, freq>>`: about 35 bytes per
 * posting, which at 10,000 documents (tens of millions of postings) is gigabytes. A shard read from
 * disk (`persist.ts`) already holds its postings as one `Uint32Array` of (clause, frequency) pairs,
 * term after term; here a term's postings stay in those arrays — 4 bytes each (16-bit clause
 * number within the shard and frequency) when they fit, else 8 — and MiniSearch
 * reads them through the few `Map` methods its scoring uses (`get`, `has`, `size`, `keys`,
 * iteration). It sees the same documents, in the same (ascending) order, with the same
 * frequencies, so scores are identical to an index built with `add()`.
 *
 * The lists are read-only: removing or re-adding a document is done by rebuilding the shard.
 *
 * @module
 */

/** One shard's posting array and the id of its first clause. */
export interface ShardPostings {
  base: number;
  /** (local clause, frequency) pairs, runs of them per term and field; 16-bit when everything fits. */
  pairs: Uint16Array | Uint32Array;
}

// Scratch for PostingList.segment(): the segment being read (single-threaded, read immediately).
let segPairs: Uint16Array | Uint32Array = new Uint32Array(0);
let segBase = 0;
let segStart = 0;
let segCount = 0;

/**
 * The postings of one term in one field: runs (segments) in several shards' arrays, in shard order,
 * so ids ascend. Reads like a `ReadonlyMap<clauseId, frequency>`.
 */
export class PostingList implements Iterable<[number, number]> {
  // The first segment inline (most terms occur in one shard), further ones flat in `more`
  // (shard, start pair, count; three numbers each). Fewer objects per term is most of the saving.
  private shard0 = 0;
  private start0 = 0;
  private count0 = 0;
  private more: number[] | undefined;
  private total = 0;
  /** Where the last read ended (segment, position): MiniSearch reads `keys()` then `get()` of that id. */
  private cursorSeg = 0;
  private cursorPos = 0;

  constructor(private readonly shards: readonly ShardPostings[]) {}

  /** Appends a run of `count` pairs starting at pair `start` of shard `shard`; shards in order. */
  addSegment(shard: number, start: number, count: number): void {
    if (this.total === 0 && this.more === undefined) {
      this.shard0 = shard;
      this.start0 = start;
      this.count0 = count;
    } else (this.more ??= []).push(shard, start, count);
    this.total += count;
  }

  get size(): number {
    return this.total;
  }

  private segments(): number {
    return 1 + (this.more ? this.more.length / 3 : 0);
  }

  /** Loads segment `k` into the module's scratch variables (no allocation on the hot path). */
  private segment(k: number): void {
    let sh: ShardPostings;
    if (k === 0) {
      sh = this.shards[this.shard0]!;
      segStart = this.start0;
      segCount = this.count0;
    } else {
      const m = this.more!;
      sh = this.shards[m[(k - 1) * 3]!]!;
      segStart = m[(k - 1) * 3 + 1]!;
      segCount = m[(k - 1) * 3 + 2]!;
    }
    segPairs = sh.pairs;
    segBase = sh.base;
  }

  get(id: number): number | undefined {
    // Fast path: the pair the cursor points at (the id keys() just yielded).
    if (this.cursorSeg < this.segments()) {
      this.segment(this.cursorSeg);
      const pairs = segPairs, base = segBase, start = segStart, count = segCount;
      const at = (start + this.cursorPos) * 2;
      if (this.cursorPos < count && base + pairs[at]! === id) return pairs[at + 1];
    }
    const n = this.segments();
    for (let k = 0; k < n; k++) {
      this.segment(k);
      const pairs = segPairs, base = segBase, start = segStart, count = segCount;
      const local = id - base;
      if (count === 0 || local < pairs[start * 2]! || local > pairs[(start + count - 1) * 2]!) continue;
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = pairs[(start + mid) * 2]!;
        if (v === local) {
          this.cursorSeg = k;
          this.cursorPos = mid;
          return pairs[(start + mid) * 2 + 1];
        }
        if (v < local) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    }
    return undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Ids in ascending order; leaves the cursor on each, so `get(id)` right after is O(1). */
  *keys(): IterableIterator<number> {
    if (this.total === 0) return;
    const n = this.segments();
    for (let k = 0; k < n; k++) {
      this.segment(k);
      const pairs = segPairs, base = segBase, start = segStart, count = segCount;
      for (let i = 0; i < count; i++) {
        this.cursorSeg = k;
        this.cursorPos = i;
        yield base + pairs[(start + i) * 2]!;
      }
    }
  }

  *values(): IterableIterator<number> {
    for (const [, freq] of this.entries()) yield freq;
  }

  *entries(): IterableIterator<[number, number]> {
    if (this.total === 0) return;
    const n = this.segments();
    for (let k = 0; k < n; k++) {
      this.segment(k);
      const pairs = segPairs, base = segBase, start = segStart, count = segCount;
      for (let i = 0; i < count; i++) {
        this.cursorSeg = k;
        this.cursorPos = i;
        yield [base + pairs[(start + i) * 2]!, pairs[(start + i) * 2 + 1]!];
      }
    }
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
