/**
 * Where a loaded shard's postings are read from (`postings.ts` decodes them): the shard file on
 * disk, read a term at a time with positioned reads, or a byte array in memory (an index that is
 * not persisted, or a shard that could not be saved).
 *
 * Reading from disk keeps serving memory flat however large the corpus: the postings are ~60% of a
 * shard file, and the operating system's page cache — not this process — holds the parts questions
 * read often. A small ring of bytes ({@link RunCache}) keeps the blocks read most recently,
 * so the common terms that come back question after question are not read again each time.
 *
 * A file is held open from load until its index is closed: a shard file renamed over or deleted
 * meanwhile (a live reload, `live.ts`) is still read through the old inode, which is the content
 * the index was built from. A read that fails (a file truncated in place, an I/O error) never
 * throws into a search: the shard reads as holding no postings, and the failure is reported once
 * per file to the index's listener (see `ShardedTermIndex.onReadError`).
 *
 * @module
 */
import { closeSync, readSync } from 'node:fs';

/**
 * One shard's postings: bytes `start` … `start + length - 1`, or null when they cannot be read. The
 * array returned may be a view of a cache ({@link RunCache}): decode it before reading many more.
 */
export interface PostingSource {
  read(start: number, length: number): Uint8Array | null;
  /** Releases the file, if any; reads after this return null. */
  close(): void;
}

/** Disk reads of postings since the process started, for the bench's work figures. */
export const postingReads = { reads: 0, bytes: 0, cacheHits: 0 };

/** Postings held in memory: reads are views, nothing is copied. */
export class MemoryPostings implements PostingSource {
  constructor(private readonly bytes: Uint8Array) {}

  read(start: number, length: number): Uint8Array | null {
    return start + length <= this.bytes.length ? this.bytes.subarray(start, start + length) : null;
  }

  close(): void {}
}

/**
 * The blocks read from disk most recently, in one preallocated ring of `maxBytes`: a block is read
 * straight into the ring and handed out as a view of it, and the oldest blocks are overwritten
 * first. Nothing is allocated per read (a `Uint8Array` per block made serving memory climb with
 * every question: freed buffers are not given back to the system), and dropping the oldest block
 * costs no search. A view stays valid until `maxBytes` more bytes are read — its reader decodes it
 * before reading much else.
 */
export class RunCache {
  private readonly ring: Uint8Array;
  /** Next write position in the ring. */
  private head = 0;
  /** Blocks in the ring in the order written (file's map, key, position), from `front`; the oldest first. */
  private queueMaps: Array<Map<number, number>> = [];
  private queueKeys: number[] = [];
  private queuePos: number[] = [];
  private front = 0;

  constructor(readonly maxBytes: number) {
    this.ring = new Uint8Array(maxBytes);
  }

  /**
   * The cached block of `key` (its start) in `where` (its file's map: start → position in the
   * ring; per file, so keys and values stay small integers), `length` bytes long.
   */
  get(where: Map<number, number>, key: number, length: number): Uint8Array | undefined {
    const pos = where.get(key);
    return pos === undefined ? undefined : this.ring.subarray(pos, pos + length);
  }

  /**
   * Room for a block of `length` bytes under `key`: a view to read it into, evicting the oldest
   * blocks it overwrites; undefined for a block over a quarter of the ring (it would push out most
   * of what is worth keeping: read it into a buffer of its own). A block under
   * {@link MIN_CACHED_BLOCK} bytes is read into the ring too but not remembered: reading it again
   * costs less than remembering it (most blocks are a rare term's few bytes).
   */
  reserve(where: Map<number, number>, key: number, length: number): Uint8Array | undefined {
    if (length > this.maxBytes / 4) return undefined;
    if (this.head + length > this.maxBytes) {
      // Wrap: the blocks after `head` are the oldest, and the ring starts over.
      while (this.front < this.queueKeys.length && this.queuePos[this.front]! >= this.head) this.evictFront();
      this.head = 0;
    }
    const end = this.head + length;
    while (this.front < this.queueKeys.length && this.queuePos[this.front]! >= this.head && this.queuePos[this.front]! < end) this.evictFront();
    const pos = this.head;
    this.head = end;
    if (length >= MIN_CACHED_BLOCK) {
      where.set(key, pos);
      this.queueMaps.push(where);
      this.queueKeys.push(key);
      this.queuePos.push(pos);
    }
    return this.ring.subarray(pos, end);
  }

  private evictFront(): void {
    const where = this.queueMaps[this.front]!;
    const key = this.queueKeys[this.front]!;
    const pos = this.queuePos[this.front]!;
    this.front++;
    if (where.get(key) === pos) where.delete(key);
    if (this.front > 4096 && this.front * 2 > this.queueKeys.length) {
      this.queueMaps = this.queueMaps.slice(this.front);
      this.queueKeys = this.queueKeys.slice(this.front);
      this.queuePos = this.queuePos.slice(this.front);
      this.front = 0;
    }
  }

  /** Blocks held now. */
  get size(): number {
    return this.queueKeys.length - this.front;
  }

  clear(): void {
    for (let i = this.front; i < this.queueMaps.length; i++) this.queueMaps[i]!.clear();
    this.queueMaps = [];
    this.queueKeys = [];
    this.queuePos = [];
    this.front = 0;
    this.head = 0;
  }
}

/** Bytes below which a block is not worth a cache entry (see {@link RunCache.reserve}). */
export const MIN_CACHED_BLOCK = 128;

/** Where a {@link FilePostings} reports a read that failed; shared, so it never points back to its index. */
export interface ReadErrorSink {
  report(err: Error): void;
}

/** Postings in a shard file: `length` bytes from byte `offset` of the open file `fd`. */
export class FilePostings implements PostingSource {
  private fd: number;
  private failed = false;
  /** This file's blocks in the cache: start → where in the ring ({@link RunCache.get}). */
  private readonly cached = new Map<number, number>();

  constructor(
    /** The file's path, for messages. */
    readonly path: string,
    fd: number,
    private readonly offset: number,
    private readonly length: number,
    private readonly cache: RunCache,
    private readonly errors: ReadErrorSink,
  ) {
    this.fd = fd;
  }

  read(start: number, length: number): Uint8Array | null {
    if (this.failed) return null;
    const cached = this.cache.get(this.cached, start, length);
    if (cached !== undefined) {
      postingReads.cacheHits++;
      return cached;
    }
    try {
      if (this.fd < 0) throw new Error('the index was closed');
      if (start + length > this.length) throw new Error(`bytes ${start}…${start + length} are past the postings' end (${this.length})`);
      const block = this.cache.reserve(this.cached, start, length) ?? new Uint8Array(length);
      const got = length === 0 ? 0 : readSync(this.fd, block, 0, length, this.offset + start);
      postingReads.reads++;
      postingReads.bytes += got;
      if (got !== length) throw new Error(`read ${got} of ${length} bytes: the file was cut short`);
      return block;
    } catch (err) {
      this.cached.delete(start);
      this.failed = true;
      this.errors.report(new Error(`search index shard ${this.path} cannot be read (${(err as Error).message}); its clauses are left out until the index is rebuilt`));
      return null;
    }
  }

  close(): void {
    if (this.fd < 0) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by the finalizer's owner: nothing is left to release.
    }
    this.fd = -1;
  }
}
