/**
 * Tokenizing one shard's documents straight into what its file holds (`shardFile.ts`): field
 * lengths, the sorted term list, and per term a block: its fields and the varint-coded postings
 * of each (`postings.ts`).
 *
 * It reads the documents exactly as MiniSearch's `add()` does — the same options (`fields`,
 * `extractField`, `stringifyField`, `tokenize`, `processTerm`), a field's length being its number
 * of distinct tokens, a term counted once per occurrence — but keeps them in a few typed arrays
 * and one term → number map instead of a `Map` per term and field and a `Map` entry per posting.
 * A throwaway MiniSearch per shard made the index build peak at ~1 GB RSS at 10,000 documents,
 * nearly all of it maps that died with their shard; tests/search/persist.test.ts pins that the
 * result reads back as the very index `addAll` builds.
 *
 * @module
 */
import type MiniSearch from 'minisearch';
import { NO_FIELD } from './clauseTables.ts';
import type { ShardData } from './shardFile.ts';

/** The parts of MiniSearch's options and state that `add()` reads (7.x). */
interface AddOptions<T> {
  _fieldIds: Record<string, number>;
  _options: {
    fields: string[];
    extractField: (document: T, fieldName: string) => unknown;
    stringifyField: (fieldValue: unknown, fieldName: string) => string;
    tokenize: (text: string, fieldName?: string) => string[];
    processTerm: (term: string, fieldName?: string) => string | string[] | null | undefined | false;
  };
}

/** A growing `Int32Array` (or `Uint8Array`) with `push`. */
class Ints<A extends Int32Array | Uint8Array> {
  length = 0;
  constructor(public data: A) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => A)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Tokenizes `count` documents (`doc(0)` … `doc(count - 1)`, local ids in that order) with the options
 * of `ms` (an empty MiniSearch, only read) into one shard's data.
 */
export function tokenizeDocuments<T>(ms: MiniSearch<T>, count: number, doc: (local: number) => T): ShardData {
  const { _fieldIds: fieldIds, _options: o } = ms as unknown as AddOptions<T>;
  const fields = Object.keys(fieldIds).length;
  const fieldLength = new Uint32Array(count * fields).fill(NO_FIELD);
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  /** Postings as (term id × fields + field id, local document, frequency), in document order. */
  const postings = new Ints(new Int32Array(3 * 4096));
  // Per term, the stamp of the (document, field) it was last counted in and where its frequency is.
  let stamps = new Int32Array(4096).fill(-1);
  let slot = new Int32Array(4096);
  const distinct = new Set<string>();
  let stamp = 0;

  const count1 = (term: string, fieldId: number, local: number) => {
    let t = termIds.get(term);
    if (t === undefined) {
      t = terms.length;
      termIds.set(term, t);
      terms.push(term);
      if (t === stamps.length) {
        const grown = new Int32Array(2 * t).fill(-1);
        grown.set(stamps);
        stamps = grown;
        const grownSlot = new Int32Array(2 * t);
        grownSlot.set(slot);
        slot = grownSlot;
      }
    }
    if (stamps[t] === stamp) {
      postings.data[slot[t]! + 2]! += 1;
    } else {
      stamps[t] = stamp;
      slot[t] = postings.length;
      postings.push(t * fields + fieldId);
      postings.push(local);
      postings.push(1);
    }
  };

  for (let local = 0; local < count; local++) {
    const document = doc(local);
    for (const field of o.fields) {
      const value = o.extractField(document, field);
      if (value == null) continue;
      const tokens = o.tokenize(o.stringifyField(value, field), field);
      const fieldId = fieldIds[field]!;
      distinct.clear();
      for (const token of tokens) distinct.add(token);
      fieldLength[local * fields + fieldId] = distinct.size;
      stamp++;
      for (const token of tokens) {
        const processed = o.processTerm(token, field);
        if (Array.isArray(processed)) {
          for (const t of processed) count1(t, fieldId, local);
        } else if (processed) {
          count1(processed, fieldId, local);
        }
      }
    }
  }
  distinct.clear();
  return encodeShard(count, fields, fieldLength, terms, postings);
}

/** Sorts the terms and lays the postings out per term (one block) and field, varint-coded (`postings.ts`). */
function encodeShard(n: number, fields: number, fieldLength: Uint32Array, terms: string[], postings: Ints<Int32Array>): ShardData {
  // Sorted, so a loaded shard is searched by bisection and needs no per-term map (shardTerms.ts).
  const order = Array.from(terms.keys()).sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
  const rank = new Int32Array(terms.length);
  order.forEach((t, r) => (rank[t] = r));
  // A stable counting sort of the postings by (term rank, field id): documents stay ascending.
  const keys = terms.length * fields;
  const start = new Int32Array(keys + 1);
  const p = postings.data;
  const total = postings.length / 3;
  const keyOf = (i: number) => rank[Math.floor(p[3 * i]! / fields)]! * fields + (p[3 * i]! % fields);
  for (let i = 0; i < total; i++) start[keyOf(i) + 1]! += 1;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const sorted = new Int32Array(total);
  const next = start.slice(0, keys);
  for (let i = 0; i < total; i++) sorted[next[keyOf(i)]!++] = i;

  // Per term one block: its head (varints: fields, then field id, postings, bytes per field),
  // then each field's postings. A field's postings are coded into `run` first, for their length.
  const blockAt = new Uint32Array(terms.length + 1);
  const blocks = new Ints(new Uint8Array(Math.max(1024, 2 * total + 4 * terms.length + 1024)));
  const run = new Ints(new Uint8Array(1024));
  const varint = (out: Ints<Uint8Array>, v: number) => {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  const runEnds: number[] = [];
  for (let r = 0; r < terms.length; r++) {
    blockAt[r] = blocks.length;
    run.length = 0;
    runEnds.length = 0;
    for (let f = 0; f < fields; f++) {
      const from = start[r * fields + f]!;
      const to = start[r * fields + f + 1]!;
      if (to === from) continue;
      let prev = 0;
      for (let j = from; j < to; j++) {
        const i = sorted[j]!;
        const local = p[3 * i + 1]!;
        const freq = p[3 * i + 2]!;
        varint(run, (local - prev) * 2 + (freq === 1 ? 0 : 1));
        if (freq !== 1) varint(run, freq);
        prev = local;
      }
      runEnds.push(f, to - from, run.length);
    }
    varint(blocks, runEnds.length / 3);
    let before = 0;
    for (let e = 0; e < runEnds.length; e += 3) {
      varint(blocks, runEnds[e]!);
      varint(blocks, runEnds[e + 1]!);
      varint(blocks, runEnds[e + 2]! - before);
      before = runEnds[e + 2]!;
    }
    for (let j = 0; j < run.length; j++) blocks.push(run.data[j]!);
  }
  blockAt[terms.length] = blocks.length;
  return {
    n,
    fields,
    fieldLength,
    terms: order.map((t) => terms[t]!),
    blockAt,
    blocks: blocks.data.slice(0, blocks.length),
  };
}
