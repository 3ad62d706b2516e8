/**
 * Compact, read-only storage for a persisted clause index, behind the few `Map` methods MiniSearch's
 * scoring calls — so a loaded index scores exactly like one built with `add()`, at a fraction of
 * the memory and with almost no work at load time.
 *
 * MiniSearch keeps every posting in `Map<term, Map<fieldId, Map<docId, freq>>>` (about 35 bytes per
 * posting; gigabytes at 10,000 documents) and three `Map` entries plus an array per document. Here:
 *
 * - **Postings** stay in each shard's byte array as read from disk (`persist.ts`): per term and
 *   field a run of varint-coded (gap to the previous clause × 2 + [frequency ≠ 1]) values, followed
 *   by the frequency when it is not 1 — about 1.2 bytes per posting, since most gaps are small and
 *   most frequencies are 1. {@link PostingList} decodes them in order as MiniSearch iterates.
 * - **Terms** ({@link ShardedTermIndex}): each shard's term list as persisted, sorted, with two
 *   offset arrays saying where each term's fields and postings are. A term's {@link FieldPostings}
 *   are made when a query asks for the term (a binary search per shard), never at load: loading a
 *   shard is reading it and computing those offsets.
 * - **Documents** ({@link DenseIds}, {@link FieldLengths}): ids are 0…n-1 (short id = id), so the
 *   id maps are a count, and field lengths one `Uint32Array` row per clause.
 *
 * Everything here is read-only: a changed document is taken in by rebuilding its shard and loading
 * a new index.
 *
 * @module
 */
import { TermIndex } from './termIndex.ts';

/** One shard's postings and the id of its first clause. */
export interface ShardPostings {
  base: number;
  /** Varint-coded postings, runs of them per term and field, in the order of the shard's term list. */
  bytes: Uint8Array;
}

// ── posting coding ──────────────────────────────────────────────────────

/** Appends one term-field run of (local clause, frequency) pairs, clauses ascending, to `out`. */
export function encodePostings(out: number[], docs: Iterable<[number, number]>): void {
  let prev = 0;
  for (const [doc, freq] of docs) {
    const gap = doc - prev;
    prev = doc;
    writeVarint(out, gap * 2 + (freq === 1 ? 0 : 1));
    if (freq !== 1) writeVarint(out, freq);
  }
}

function writeVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

// Scratch of the decoder: the byte position after the last varint read (single-threaded).
let at = 0;
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
 * The postings of one term in one field: runs (segments) in several shards' byte arrays, in shard
 * order, so ids ascend. Reads like a `ReadonlyMap<clauseId, frequency>`.
 */
export class PostingList implements Iterable<[number, number]> {
  /** (shard, byte start, count) per segment, flat. */
  private readonly segs: number[] = [];
  private total = 0;
  /** The pair the last iteration step yielded: MiniSearch reads `keys()` then `get()` of that id. */
  private lastId = -1;
  private lastFreq = 0;

  constructor(private readonly shards: readonly ShardPostings[]) {}

  /** Appends a run of `count` postings starting at byte `start` of shard `shard`; shards in order. */
  addSegment(shard: number, start: number, count: number): void {
    this.segs.push(shard, start, count);
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
    for (let s = 0; s < segs.length; s += 3) {
      const sh = this.shards[segs[s]!]!;
      const bytes = sh.bytes;
      let pos = segs[s + 1]!;
      let local = 0;
      for (let i = segs[s + 2]!; i > 0; i--) {
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
  step(cursor: { seg: number; pos: number; left: number; local: number }): number {
    const segs = this.segs;
    while (cursor.left === 0) {
      if (cursor.seg >= segs.length) return -1;
      cursor.pos = segs[cursor.seg + 1]!;
      cursor.left = segs[cursor.seg + 2]!;
      cursor.local = 0;
      cursor.seg += 3;
    }
    const sh = this.shards[segs[cursor.seg - 3]!]!;
    at = cursor.pos;
    const v = readVarint(sh.bytes);
    cursor.local += Math.floor(v / 2);
    this.lastFreq = v & 1 ? readVarint(sh.bytes) : 1;
    cursor.pos = at;
    cursor.left--;
    this.lastId = sh.base + cursor.local;
    return this.lastId;
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

/** {@link PostingList.keys}: ids in ascending order, no allocation per step. */
class PostingKeys implements IterableIterator<number> {
  private readonly cursor = { seg: 0, pos: 0, left: 0, local: 0 };
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

// ── the term directory ──────────────────────────────────────────────────

/** One adopted shard's terms: sorted, with where each term's head and postings start. */
interface ShardTerms {
  /** The shard's terms in ascending (UTF-16 code unit) order, as persisted. */
  terms: readonly string[];
  heads: Uint32Array;
  headAt: Uint32Array;
  byteAt: Uint32Array;
}

/** Terms whose postings a query looked up recently, kept so repeated lookups cost one `Map` get. */
const RECENT_TERMS = 4096;

/**
 * The term dictionary of a loaded index, in place of MiniSearch's: term → {@link FieldPostings},
 * made on lookup from where the term's postings are in each shard (a binary search in each shard's
 * sorted term list; recent lookups are remembered). Loading a shard builds nothing per term but
 * two offset arrays. Fuzzy and prefix lookups (English words), `size` and iteration go through a
 * {@link TermIndex} of all terms, made on first use.
 */
export class ShardedTermIndex implements Iterable<[string, FieldPostings]> {
  readonly shards: ShardPostings[] = [];
  private readonly shardTerms: ShardTerms[] = [];
  private readonly recent = new Map<string, FieldPostings | null>();
  private all?: TermIndex<true>;

  /**
   * Adds a shard whose `terms` are sorted ascending; per term, `heads` holds the number of fields,
   * then (field id, number of postings, bytes of postings) per field. Shards are added in id order.
   */
  addShard(base: number, bytes: Uint8Array, terms: readonly string[], heads: Uint32Array): void {
    this.shards.push({ base, bytes });
    const headAt = new Uint32Array(terms.length);
    const byteAt = new Uint32Array(terms.length);
    let h = 0;
    let byte = 0;
    for (let k = 0; k < terms.length; k++) {
      headAt[k] = h;
      byteAt[k] = byte;
      const nFields = heads[h]!;
      for (let f = 0; f < nFields; f++) byte += heads[h + 3 + f * 3]!;
      h += 1 + nFields * 3;
    }
    this.shardTerms.push({ terms, heads, headAt, byteAt });
    this.recent.clear();
    this.all = undefined;
  }

  get(term: string): FieldPostings | undefined {
    let found = this.recent.get(term);
    if (found === undefined) {
      found = this.lookup(term);
      if (this.recent.size >= RECENT_TERMS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(term, found);
    }
    return found ?? undefined;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  private lookup(term: string): FieldPostings | null {
    let out: FieldPostings | null = null;
    const newList = () => new PostingList(this.shards);
    for (let shard = 0; shard < this.shardTerms.length; shard++) {
      const st = this.shardTerms[shard]!;
      const k = indexOfSorted(st.terms, term);
      if (k < 0) continue;
      out ??= new FieldPostings();
      const heads = st.heads;
      let h = st.headAt[k]!;
      let byte = st.byteAt[k]!;
      const nFields = heads[h++]!;
      for (let f = 0; f < nFields; f++) {
        const fieldId = heads[h++]!;
        const count = heads[h++]!;
        const length = heads[h++]!;
        out.fetch(fieldId, newList).addSegment(shard, byte, count);
        byte += length;
      }
    }
    return out;
  }

  /** Every term of every shard, once. */
  private allTerms(): TermIndex<true> {
    if (!this.all) {
      this.all = new TermIndex<true>();
      for (const st of this.shardTerms) for (const t of st.terms) this.all.set(t, true);
    }
    return this.all;
  }

  get size(): number {
    return this.allTerms().size;
  }

  *entries(): IterableIterator<[string, FieldPostings]> {
    for (const term of this.allTerms().keys()) yield [term, this.get(term)!];
  }

  keys(): IterableIterator<string> {
    return this.allTerms().keys();
  }

  *values(): IterableIterator<FieldPostings> {
    for (const [, postings] of this.entries()) yield postings;
  }

  [Symbol.iterator](): IterableIterator<[string, FieldPostings]> {
    return this.entries();
  }

  atPrefix(prefix: string): Map<string, FieldPostings> {
    const out = new Map<string, FieldPostings>();
    for (const term of this.allTerms().atPrefix(prefix).keys()) out.set(term, this.get(term)!);
    return out;
  }

  fuzzyGet(key: string, maxEditDistance: number): Map<string, [FieldPostings, number]> {
    const out = new Map<string, [FieldPostings, number]>();
    for (const [term, [, distance]] of this.allTerms().fuzzyGet(key, maxEditDistance)) out.set(term, [this.get(term)!, distance]);
    return out;
  }

  set(): never {
    throw new Error('ShardedTermIndex is read-only: rebuild the shard instead');
  }

  delete(): never {
    throw new Error('ShardedTermIndex is read-only: rebuild the shard instead');
  }
}

/** Position of `term` in the ascending array `terms`, or -1. */
function indexOfSorted(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = terms[mid]!;
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// ── documents ───────────────────────────────────────────────────────────

/**
 * MiniSearch's `_documentIds` and `_idToShortId` for an index whose ids and short ids are both
 * 0…count-1: a count instead of two `Map` entries per clause.
 */
export class DenseIds implements Iterable<[number, number]> {
  count = 0;

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.count;
  }

  get(id: number): number | undefined {
    return this.has(id) ? id : undefined;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.count; i++) yield [i, i];
  }

  *keys(): IterableIterator<number> {
    for (let i = 0; i < this.count; i++) yield i;
  }

  values(): IterableIterator<number> {
    return this.keys();
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  forEach(fn: (value: number, key: number) => void): void {
    for (let i = 0; i < this.count; i++) fn(i, i);
  }

  set(): never {
    throw new Error('DenseIds is read-only: rebuild the shard instead');
  }

  delete(): never {
    throw new Error('DenseIds is read-only: rebuild the shard instead');
  }
}

/** Marks a field a document did not have (MiniSearch skips null fields: no length, no average). */
export const NO_FIELD = 0xffffffff;

/**
 * MiniSearch's `_fieldLength` (`Map<shortId, number[]>`) as one `Uint32Array` row per clause.
 * `get()` returns a scratch row that the next `get()` overwrites: MiniSearch reads one element of
 * it at once (`_fieldLength.get(docId)[fieldId]`) and never keeps it.
 */
export class FieldLengths implements Iterable<[number, number[]]> {
  private data = new Uint32Array(0);
  private count = 0;
  private readonly row: Array<number | undefined>;

  constructor(private readonly fields: number) {
    this.row = new Array<number | undefined>(fields).fill(undefined);
  }

  /** Appends the rows of `n` clauses (`n * fields` lengths, {@link NO_FIELD} where absent). */
  append(rows: Uint32Array): void {
    const need = (this.count * this.fields) + rows.length;
    if (need > this.data.length) {
      const next = new Uint32Array(Math.max(need, this.data.length * 2));
      next.set(this.data.subarray(0, this.count * this.fields));
      this.data = next;
    }
    this.data.set(rows, this.count * this.fields);
    this.count += rows.length / this.fields;
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.count;
  }

  get(id: number): Array<number | undefined> | undefined {
    if (!this.has(id)) return undefined;
    for (let f = 0; f < this.fields; f++) {
      const v = this.data[id * this.fields + f]!;
      this.row[f] = v === NO_FIELD ? undefined : v;
    }
    return this.row;
  }

  /** Fresh arrays (for `toJSON`), holes where a field is absent, as `add()` leaves them. */
  *entries(): IterableIterator<[number, number[]]> {
    for (let i = 0; i < this.count; i++) {
      const lengths: number[] = [];
      for (let f = 0; f < this.fields; f++) {
        const v = this.data[i * this.fields + f]!;
        if (v !== NO_FIELD) lengths[f] = v;
      }
      yield [i, lengths];
    }
  }

  [Symbol.iterator](): IterableIterator<[number, number[]]> {
    return this.entries();
  }

  set(): never {
    throw new Error('FieldLengths is read-only: rebuild the shard instead');
  }

  delete(): never {
    throw new Error('FieldLengths is read-only: rebuild the shard instead');
  }
}
