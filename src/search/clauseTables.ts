/**
 * The per-clause tables MiniSearch reads while scoring, for a persisted index whose clause ids are
 * 0…n-1 (see `postings.ts` for the postings and terms): {@link DenseIds} stands in for the two id
 * maps with a count, {@link FieldLengths} for the field-length map with one `Uint32Array` row per
 * clause. Read-only: a changed document is taken in by rebuilding its shard.
 *
 * @module
 */

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

  /** The length of field `field` of clause `id` ({@link NO_FIELD} when absent), without a row: for the scoring loop. */
  lengthOf(id: number, field: number): number {
    return this.data[id * this.fields + field]!;
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
