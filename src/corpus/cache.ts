/**
 * Each document's parse kept on disk, so a start — every CLI call, every bot restart — reads the
 * clauses back instead of decoding, repairing, parsing and validating every document again (for
 * the five seed documents that was a third of a CLI call's time; at archive scale it is seconds),
 * and a changed document is parsed again alone.
 *
 * - **Where**: one file per corpus folder, `corpus-<hash of the folder path>.v8`, in the folder of
 *   the persisted search index (`POLICY_DESK_SEARCH_INDEX`; `off` keeps nothing on disk).
 * - **Validity**: the file is read only when it names the same folder and the same parser — a hash
 *   of the parser's sources (`src/corpus/`, `src/text/`) and {@link CACHE_FORMAT} — so any change
 *   to the parser parses everything again. Inside it, each document's parse is used only while the
 *   document's size, modification time and `metadata.json` entry are what they were.
 * - **Format**: the header, then chunks of up to {@link CHUNK_ENTRIES} entries — file name, stamp and
 *   stored result (see `CacheCodec`) — each chunk its byte length (4 bytes) and the entries in V8's
 *   structured-clone format (`node:v8` serialize): it reads back several times faster than the
 *   parse, and needs no schema validation because only results the parser validated are written.
 *   Chunks let a reader go one at a time ({@link ParseCache.openSteps}): at 10,000 documents the
 *   file is ~90 MB, and deserializing it in one call held the event loop for half a second.
 *   Written to a temporary name and renamed, so a reader never sees half a file.
 *
 * A cache that cannot be read or written costs only the parsing; it is never an error.
 *
 * @module
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { ensureParentDir } from '../files.ts';
import { drain } from './steps.ts';

/** Bump when the cached shape changes in a way the sources' hash would not show. */
const CACHE_FORMAT = 4;
/** Entries per chunk of the file: a chunk of packed documents is read back in a few milliseconds. */
export const CHUNK_ENTRIES = 64;
const MAGIC = 'PDCORPUS';

/**
 * A hash of source files (name and contents), for keys that must change when code changes even if
 * nobody bumps a version: the corpus cache (parser) and the search index (tokenizer) use it.
 * Sources that are not shipped are skipped (the explicit versions alone key the cache then).
 */
export function sourceVersion(sources: ReadonlyArray<{ dir: URL; files: RegExp }>): string {
  const built = builtSourceDigests();
  let listing = '';
  for (const { dir, files } of sources) {
    const listed = built ? builtFilesIn(built, dir) : undefined;
    let names: string[];
    try {
      names = (listed ? Object.keys(listed) : readdirSync(dir)).filter((n) => files.test(n)).sort();
    } catch {
      continue;
    }
    for (const name of names) listing += `${name}\0${listed?.[name] ?? sha1Hex(readFileSync(new URL(name, dir)))}\0`;
  }
  return hash64(listing);
}

/**
 * SHA-1 of a file's bytes. node:crypto is loaded here, on first use, rather than by an import:
 * loading it is ~7 ms of a CLI start, and the compiled build (below) never needs it.
 */
function sha1Hex(data: Uint8Array): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(data).digest('hex');
}

/**
 * A 64-bit hash of a short string as 16 hex digits (two 32-bit multiply-xor lanes, then mixed):
 * for cache keys made from a few kB of names and digests, not for security.
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5 ^ text.length;
  let b = 0x9e3779b9 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ b;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ a;
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The compiled build (scripts/build.mjs) carries the SHA-1 of every file under src/, by path from
 * the repository root; it runs only while src/ is what it was built from (bin/compiled.cjs), so a
 * start reads no source file to learn these hashes. Undefined when running the sources (tsx).
 */
declare const __POLICY_DESK_SOURCE_DIGESTS__: string | undefined;
let builtDigestsMemo: { text: string; digests: Record<string, string> } | undefined;
function builtSourceDigests(): Record<string, string> | undefined {
  const root = (globalThis as { __policyDeskRoot?: string }).__policyDeskRoot;
  if (typeof __POLICY_DESK_SOURCE_DIGESTS__ !== 'string' || !root) return undefined;
  // Parsed once: the parser's version and the index's both read it at every start.
  if (builtDigestsMemo?.text !== __POLICY_DESK_SOURCE_DIGESTS__) {
    builtDigestsMemo = { text: __POLICY_DESK_SOURCE_DIGESTS__, digests: JSON.parse(__POLICY_DESK_SOURCE_DIGESTS__) as Record<string, string> };
  }
  return builtDigestsMemo.digests;
}

/** File name → digest for the files directly in `dir`, from the build's table; undefined outside src/. */
function builtFilesIn(digests: Record<string, string>, dir: URL): Record<string, string> | undefined {
  const root = (globalThis as { __policyDeskRoot?: string }).__policyDeskRoot!;
  if (!dir.href.startsWith(root)) return undefined;
  const prefix = decodeURIComponent(dir.href.slice(root.length)).replace(/\/?$/, '/');
  if (!prefix.startsWith('src/')) return undefined;
  const out: Record<string, string> = {};
  for (const [path, digest] of Object.entries(digests)) {
    if (path.startsWith(prefix) && !path.includes('/', prefix.length)) out[path.slice(prefix.length)] = digest;
  }
  return out;
}

let parserVersionMemo: string | undefined;
/** Hash of everything the parsed clauses depend on besides the files: the parser and text/ code. */
function parserVersion(): string {
  parserVersionMemo ??= `${CACHE_FORMAT}:${sourceVersion([
    { dir: new URL('./', import.meta.url), files: /\.(ts|json)$/ },
    { dir: new URL('../text/', import.meta.url), files: /\.(ts|json)$/ },
  ])}`;
  return parserVersionMemo;
}

/** The cache file for corpus folder `dir` inside `cacheDir`. */
export function corpusCacheFile(cacheDir: string, dir: string): string {
  return join(cacheDir, `corpus-${hash64(dir)}.v8`);
}

/**
 * Parse results of one corpus folder by file, each valid while the file's stamp (size, mtime and
 * its metadata entry) and the parser are unchanged: a changed document is parsed again, the others
 * are read back.
 *
 * ```ts
 * const saved = ParseCache.open('data/search-index', '/srv/corpus');
 * const r = saved.get('a.txt', stamp) ?? parse('a.txt');
 * saved.set('a.txt', stamp, r);
 * saved.save('/srv/corpus'); // keeps exactly the files set or got in this run
 * ```
 *
 * A {@link CacheCodec} stores each result in another form (the corpus packs a document's clauses,
 * `packedParse.ts`); without one a result is stored as it is.
 */
export class ParseCache<T> {
  private readonly before: Map<string, { stamp: string; value: unknown }>;
  private readonly now = new Map<string, { stamp: string; value: unknown }>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    before: Map<string, { stamp: string; value: unknown }>,
    private readonly codec: CacheCodec<T>,
  ) {
    this.before = before;
  }

  /** The cache of folder `dir` kept in `cacheDir`; undefined `cacheDir` = an empty cache that saves nothing. */
  static open<T>(cacheDir: string | undefined, dir: string, codec: CacheCodec<T> = AS_IS as CacheCodec<T>): ParseCache<T> {
    return drain(ParseCache.openSteps(cacheDir, dir, codec));
  }

  /** {@link open}, yielding after each chunk of the file, so a caller can give other work a turn. */
  static *openSteps<T>(cacheDir: string | undefined, dir: string, codec: CacheCodec<T> = AS_IS as CacheCodec<T>): Generator<void, ParseCache<T>> {
    if (!cacheDir) return new ParseCache<T>(undefined, new Map(), codec);
    const file = corpusCacheFile(cacheDir, dir);
    return new ParseCache<T>(file, (yield* readEntries(file, header(dir))) ?? new Map(), codec);
  }

  /** The saved result for `name` if its stamp is `stamp`. */
  get(name: string, stamp: string): T | undefined {
    const e = this.before.get(name);
    if (!e || e.stamp !== stamp) return undefined;
    this.now.set(name, e);
    return this.codec.unpack(e.value);
  }

  set(name: string, stamp: string, value: T): void {
    this.now.set(name, { stamp, value: this.codec.pack(value) });
    this.changed = true;
  }

  /** Writes the entries of this run when any was added or any file went away. */
  save(dir: string): void {
    if (!this.file || (!this.changed && this.now.size === this.before.size)) return;
    writeEntries(this.file, header(dir), this.now);
  }
}

/** How a {@link ParseCache} stores a result: `unpack(pack(v))` must deep-equal `v`. */
export interface CacheCodec<T> {
  pack(value: T): unknown;
  unpack(stored: unknown): T;
}

const AS_IS: CacheCodec<unknown> = { pack: (v) => v, unpack: (v) => v };

/** What a cache file must start with to be read: the format, parser version and folder. */
function header(dir: string): string {
  return `${MAGIC}${parserVersion()}\0${dir}\n`;
}

/**
 * The entries of `file` when it starts with `head` and every chunk reads back whole; undefined
 * otherwise (missing, another parser, cut short, corrupt or from another Node version: the corpus
 * is parsed afresh). Yields after each chunk.
 */
function* readEntries(file: string, head: string): Generator<void, Map<string, { stamp: string; value: unknown }> | undefined> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const headBytes = Buffer.from(head, 'utf8');
    const got = Buffer.alloc(headBytes.length);
    if (readSync(fd, got, 0, got.length, 0) !== got.length || !got.equals(headBytes)) return undefined;
    const entries = new Map<string, { stamp: string; value: unknown }>();
    const size = Buffer.alloc(4);
    // One buffer for every chunk (deserializing copies out of it): ~150 buffers of a few hundred KB
    // each, freed at once, left the serving process holding ~60 MB more at 10,000 documents.
    let scratch = Buffer.allocUnsafe(0);
    for (let at = headBytes.length; ; ) {
      const n = readSync(fd, size, 0, 4, at);
      if (n === 0) return entries;
      if (n !== 4) return undefined;
      const length = size.readUInt32LE(0);
      if (length > scratch.length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
      if (readSync(fd, scratch, 0, length, at + 4) !== length) return undefined;
      at += 4 + length;
      const list = deserialize(scratch.subarray(0, length)) as unknown;
      if (!Array.isArray(list)) return undefined;
      for (const [name, stamp, value] of list as Array<[string, string, unknown]>) entries.set(name, { stamp, value });
      yield;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Saves the entries (temporary file, then rename, so a reader never sees half a file); failures are ignored. */
function writeEntries(file: string, head: string, entries: Map<string, { stamp: string; value: unknown }>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // Checked first: a recursive mkdir under /proc can spin forever (files.ts).
    ensureParentDir(file, '语料缓存');
    // Chunk by chunk to the file: one chunk's bytes in memory at a time, not the whole file twice.
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, Buffer.from(head, 'utf8'));
      const all = [...entries];
      const size = Buffer.alloc(4);
      for (let i = 0; i < all.length; i += CHUNK_ENTRIES) {
        const chunk = serialize(all.slice(i, i + CHUNK_ENTRIES).map(([name, e]) => [name, e.stamp, e.value]));
        size.writeUInt32LE(chunk.length, 0);
        writeSync(fd, size);
        writeSync(fd, chunk);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
