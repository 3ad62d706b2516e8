/**
 * The clause index persisted in shards, so a restart loads it instead of re-tokenizing the corpus.
 *
 * - **Shards** are runs of whole documents. A shard ends after a document whose id hashes to
 *   0 mod {@link SHARD_TARGET_DOCS} (or at {@link SHARD_MAX_DOCS}), so shard boundaries depend on the
 *   documents themselves, not on their positions: adding, changing or removing one document
 *   re-tokenizes only the shard it falls in, and every other shard is read back from disk.
 * - **Keys**: a shard's file is named by a hash of its clauses' indexed fields (a CRC-32 and the
 *   length of each clause's: {@link addEntry}) plus the index version (tokenizer sources,
 *   glossary, field list, format). Any change to corpus/ or to the tokenizer gives new names, so a
 *   stale shard is not read; files no longer named are deleted.
 * - **Format**: one small binary file per shard — field lengths as 32-bit integers, the shard's
 *   term list as JSON (sorted), where each term's block starts, and per term a block: its fields
 *   with their posting counts and byte lengths, then the postings varint-coded (`postings.ts`,
 *   ~1.2 bytes each) — written to a temporary name and renamed (`shardFile.ts`). Neither saving nor
 *   loading ever holds the whole index as one string (MiniSearch's `toJSON` does, and at ~20,000
 *   documents exceeds V8's maximum string length).
 * - **Served from disk**: a loaded shard keeps its term list, block offsets and field lengths in
 *   memory and its file open; a term's block is read when a question asks for the term, through a
 *   small cache of recent blocks (`postingSource.ts`). Only an index that is not persisted (or a
 *   shard that could not be saved) keeps its blocks in memory. Close an index you replace
 *   ({@link ShardedIndexResult.close}) to release its files.
 * - **One MiniSearch**: the shards are assembled into a single MiniSearch index that scores exactly
 *   like the one `addAll` would build (same document frequencies, field lengths and averages), so
 *   ranking does not depend on how the index was obtained.
 *
 * MiniSearch 7 has no public API for adding pre-tokenized postings; {@link adoptInto} stands in
 * compact read-only structures (`postings.ts`) for the internal maps `add()` fills (`_index`,
 * `_documentIds`, `_idToShortId`, `_fieldLength`) and sets `_avgFieldLength`, `_documentCount` and
 * `_nextId` as `add()` would. Loading a shard is reading its directory and appending to typed
 * arrays; a term's postings are looked up when a query asks for it. tests/search/persist.test.ts pins that
 * a loaded index serializes and answers exactly like a freshly built one. A shard is tokenized
 * with the factory's options straight into its file's arrays (`shardPostings.ts`), not through a
 * throwaway MiniSearch: its per-term maps made the build peak near 1 GB at 10,000 documents.
 *
 * @module
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import type MiniSearch from 'minisearch';
import { ensureParentDir } from '../files.ts';
import { drain } from '../corpus/steps.ts';
import { DenseIds, FieldLengths, NO_FIELD } from './clauseTables.ts';
import { tokenizeDocuments } from './shardPostings.ts';
import { ShardedTermIndex } from './shardTerms.ts';
import { FORMAT_VERSION, openShard, readShardHeader, writeShard, type OpenShard, type ShardData, type ShardDirectory } from './shardFile.ts';

/** Documents per shard on average (content-defined boundaries). */
export const SHARD_TARGET_DOCS = 64;
/** A shard never holds more documents than this. */
export const SHARD_MAX_DOCS = 256;

/** What the sharded index is built from: `count` documents of the index, grouped by `groupOf`. */
export interface IndexSource<T> {
  count: number;
  /** The document (for MiniSearch) with id `i`: ids are 0…count-1 in order. */
  doc(i: number): T;
  /** Group (source document) of entry `i`; shards never split a group. */
  groupOf(i: number): string;
  /** Everything of entry `i` that is indexed, as one string; part of its shard's key. */
  fingerprint(i: number): string;
}

export interface ShardedIndexOptions {
  /** Folder for the shard files; undefined = build in memory only. */
  dir?: string;
  /** Changes whenever the terms produced for a text could change (tokenizer, fields, options). */
  version: string;
  /** Documents per shard on average; default {@link SHARD_TARGET_DOCS}. */
  targetDocs?: number;
}

export interface ShardedIndexResult<T> {
  ms: MiniSearch<T>;
  /** Shards read from disk / tokenized in this run. */
  loaded: number;
  built: number;
  /** Closes the index's shard files (when it is replaced or dropped); it finds no postings afterwards. */
  close(): void;
  /** Called with a shard file that fails to read while serving, instead of a line on stderr. */
  onReadError(listener: (err: Error) => void): void;
}

interface Shard {
  start: number;
  end: number;
  key: string;
}


/**
 * A 64-bit hash of strings and numbers (two 32-bit multiply-xor lanes, mixed at the end, as in
 * cyrb53). It keys shard files, so it runs at every start that reads the index; over long texts it
 * takes their digests ({@link addEntry}) rather than the texts themselves. Not cryptographic — shard
 * files are our own cache, and a stale one is also rejected when its entry count differs.
 */
class ContentHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** Mixes in a 32-bit integer (a digest or a length). */
  addNumber(n: number): this {
    this.h1 = Math.imul(this.h1 ^ n, 2654435761);
    this.h2 = Math.imul(this.h2 ^ n, 1597334677);
    return this;
  }

  /** 16 hex digits. */
  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }
}

/** Scratch bytes for {@link addEntry}, grown as needed and reused: no allocation per clause. */
let digestScratch = Buffer.alloc(1 << 16);

/**
 * What a shard's key takes of one entry's fingerprint: the CRC-32 of its UTF-16 code units (zlib,
 * native: Node 20.15+) and its length. Hashing the fingerprints in JavaScript was most of planning
 * the shards — ~5 ms of every CLI call over the seed corpus, where the loop still runs interpreted —
 * and copying a string's code units is close to a memory copy. An edited clause keeps its digest
 * only if its length and CRC both stay the same: never for an edit within two adjacent characters
 * (CRC-32 catches every burst up to 32 bits), about 2^-32 for any other. On a Node without
 * `zlib.crc32` the whole fingerprint is hashed in JavaScript, as before.
 */
function addEntry(hash: ContentHash, fingerprint: string): void {
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (!crc32) {
    hash.add(fingerprint).add('\0');
    return;
  }
  const bytes = fingerprint.length * 2;
  if (bytes > digestScratch.length) digestScratch = Buffer.alloc(Math.max(bytes, digestScratch.length * 2));
  digestScratch.write(fingerprint, 0, bytes, 'utf16le');
  hash.addNumber(crc32(digestScratch.subarray(0, bytes))).addNumber(fingerprint.length);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Splits entries into shards of whole groups, with content-defined boundaries and hashed keys. */
export function planShards(src: Pick<IndexSource<unknown>, 'count' | 'groupOf' | 'fingerprint'>, version: string, targetDocs = SHARD_TARGET_DOCS): Shard[] {
  return drain(planSteps(src, version, targetDocs));
}

/** Entries hashed between two yields of {@link planSteps} (a few ms of work). */
const PLAN_STEP_ENTRIES = 4096;

/** {@link planShards}, yielding every {@link PLAN_STEP_ENTRIES} entries (hashing is most of a load). */
function* planSteps(src: Pick<IndexSource<unknown>, 'count' | 'groupOf' | 'fingerprint'>, version: string, targetDocs: number): Generator<void, Shard[]> {
  const shards: Shard[] = [];
  let start = 0;
  let docs = 0;
  const seed = `${FORMAT_VERSION}\0${version}\0`;
  let hash = new ContentHash().add(seed);
  for (let i = 0; i < src.count; i++) {
    if (i % PLAN_STEP_ENTRIES === PLAN_STEP_ENTRIES - 1) yield;
    addEntry(hash, src.fingerprint(i));
    const group = src.groupOf(i);
    const lastOfGroup = i + 1 === src.count || src.groupOf(i + 1) !== group;
    if (!lastOfGroup) continue;
    docs++;
    if (i + 1 === src.count || fnv1a(group) % targetDocs === 0 || docs >= SHARD_MAX_DOCS) {
      shards.push({ start, end: i + 1, key: `${hash.digest()}-${i + 1 - start}` });
      start = i + 1;
      docs = 0;
      hash = new ContentHash().add(seed);
    }
  }
  return shards;
}

/** Makes `dir` (false when it cannot be made: saving is then skipped, never an error). */
function prepareDir(dir: string | undefined): boolean {
  if (!dir) return false;
  try {
    // Checked first: a recursive mkdir under /proc can spin forever (files.ts).
    ensureParentDir(join(dir, 'shard'), '检索索引');
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure every shard of `src` is on disk in `dir`, tokenizing only those missing (new or
 * changed documents), and deletes the files no shard names — without assembling the index. What a
 * background rebuild runs (`rebuildWorker.ts`) before the serving process reads the shards.
 */
export function persistShards<T>(src: IndexSource<T>, create: () => MiniSearch<T>, options: ShardedIndexOptions & { dir: string }): { built: number; kept: number } {
  const shards = planShards(src, options.version, options.targetDocs);
  if (!prepareDir(options.dir)) throw new Error(`cannot write the search index in ${options.dir}`);
  let built = 0;
  for (const shard of shards) {
    const file = join(options.dir, `${shard.key}.shard`);
    if (readShardHeader(file) === shard.end - shard.start) continue;
    writeShard(file, tokenizeShard(src, shard, create));
    built++;
  }
  pruneShards(options.dir, new Set(shards.map((s) => `${s.key}.shard`)));
  return { built, kept: shards.length - built };
}

/**
 * Builds the index, reading every shard already on disk and tokenizing (then saving) the rest.
 * A generator that yields after each shard, so {@link buildShardedIndexAsync} can let other work
 * run while a large index loads; {@link buildShardedIndex} drains it synchronously.
 */
export function* shardedIndexSteps<T>(src: IndexSource<T>, create: () => MiniSearch<T>, options: ShardedIndexOptions): Generator<void, ShardedIndexResult<T>> {
  const ms = create();
  const shards = yield* planSteps(src, options.version, options.targetDocs ?? SHARD_TARGET_DOCS);
  const dir = options.dir;
  const writable = prepareDir(dir);
  const target = adoptionTarget(ms);
  let loaded = 0;
  let built = 0;
  try {
    for (const shard of shards) {
      const file = dir ? join(dir, `${shard.key}.shard`) : undefined;
      const count = shard.end - shard.start;
      const open = file ? openShard(file, count) : null;
      if (open) {
        loaded++;
        adoptInto(ms, target, shard.start, open, { path: file!, open });
      } else {
        const data = tokenizeShard(src, shard, create);
        built++;
        // Served from the file just written, like a loaded shard; from memory if it could not be.
        const saved = file && writable && writeShard(file, data) ? openShard(file, count) : null;
        adoptInto(ms, target, shard.start, data, saved ? { path: file!, open: saved } : data.blocks);
      }
      yield;
    }
  } catch (err) {
    target.terms.close();
    throw err;
  } finally {
    // A load abandoned half-way (its generator dropped) still releases the files it opened.
    if (loaded + built < shards.length) target.terms.close();
  }
  if (dir && writable) pruneShards(dir, new Set(shards.map((s) => `${s.key}.shard`)));
  const terms = target.terms;
  return { ms, loaded, built, close: () => terms.close(), onReadError: (listener) => terms.onReadError(listener) };
}

/** {@link shardedIndexSteps}, run to the end at once. */
export function buildShardedIndex<T>(src: IndexSource<T>, create: () => MiniSearch<T>, options: ShardedIndexOptions): ShardedIndexResult<T> {
  return drain(shardedIndexSteps(src, create, options));
}

/** {@link shardedIndexSteps}, giving the event loop a turn between shards (the bot keeps answering). */
export async function buildShardedIndexAsync<T>(src: IndexSource<T>, create: () => MiniSearch<T>, options: ShardedIndexOptions): Promise<ShardedIndexResult<T>> {
  const steps = shardedIndexSteps(src, create, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A hash of the source files the terms depend on (tokenizer, glossary, text/), for the version. */
export { sourceVersion } from '../corpus/cache.ts';

// ── shard contents ───────────────────────────────────────────────────────

/** The MiniSearch internals `add()` fills (7.x). */
interface Internals {
  _index: unknown;
  _fieldIds: Record<string, number>;
  _documentIds: unknown;
  _idToShortId: unknown;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
}

/** Tokenizes one shard's documents (with the options of a new MiniSearch, see `shardPostings.ts`). */
function tokenizeShard<T>(src: IndexSource<T>, shard: Shard, create: () => MiniSearch<T>): ShardData {
  return tokenizeDocuments(create(), shard.end - shard.start, (local) => src.doc(shard.start + local));
}

/** The compact structures a MiniSearch's internal maps are replaced with while shards are adopted. */
interface AdoptionTarget {
  terms: ShardedTermIndex;
  ids: DenseIds;
  lengths: FieldLengths;
}

/** Replaces a new, empty MiniSearch's term and document maps with compact read-only ones. */
function adoptionTarget<T>(ms: MiniSearch<T>): AdoptionTarget {
  const m = ms as unknown as Omit<Internals, '_fieldLength'> & { _fieldLength: unknown };
  if (m._documentCount !== 0) throw new Error('the index must be empty');
  const target = { terms: new ShardedTermIndex(), ids: new DenseIds(), lengths: new FieldLengths(Object.keys(m._fieldIds).length) };
  m._index = target.terms;
  m._documentIds = target.ids;
  m._idToShortId = target.ids;
  m._fieldLength = target.lengths;
  return target;
}

/**
 * Adds one shard to `ms`, as `add()` would have added its documents in order: ids and short ids
 * are `base + local`, field lengths are appended, and field averages are updated with the same
 * running formula `add()` uses (so the floating-point result is identical too). The postings stay
 * in the shard's file (or byte array), found through the term directory.
 */
function adoptInto<T>(ms: MiniSearch<T>, target: AdoptionTarget, base: number, d: ShardDirectory, blocks: Uint8Array | { path: string; open: OpenShard }): void {
  const m = ms as unknown as Internals;
  for (let i = 0; i < d.n; i++) {
    for (let f = 0; f < d.fields; f++) {
      const len = d.fieldLength[i * d.fields + f]!;
      if (len === NO_FIELD) continue;
      const count = m._documentCount; // documents added before this one, as in add()
      const average = m._avgFieldLength[f] || 0;
      m._avgFieldLength[f] = (average * count + len) / (count + 1);
    }
    m._documentCount += 1;
  }
  m._nextId = base + d.n;
  target.ids.count = base + d.n;
  target.lengths.append(d.fieldLength);
  target.terms.addShard(base, d.n, d.terms, d.blockAt, blocks);
}

/** Deletes shard files the current corpus no longer names (older corpora, older tokenizers). */
function pruneShards(dir: string, keep: ReadonlySet<string>): void {
  try {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.shard') && !keep.has(name)) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // Pruning is housekeeping; a failure leaves only disk space used.
  }
}
