/**
 * Where a loaded shard's postings are read from (`postings.ts` decodes them): the shard file on
 * disk, read a term at a time with positioned reads, or a byte array in memory (an index that is
 * not persisted, or a shard that could not be saved).
 *
 * Reading from disk keeps serving memory flat however large the corpus: the postings are ~60% of a
 * shard file, and the operating system's page cache — not this process — holds the parts questions
 * read often. A small cache bounded by bytes ({@link RunCache}) keeps the blocks read most recently,
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

/** One shard's postings: bytes `start` … `start + length - 1`, or null when they cannot be read. */
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
 * The blocks read from disk most recently, up to a total of `maxBytes` (least recently used
 * dropped first). Keys are numbers: a file's number × 2^32 + the block's start.
 */
export class RunCache {
  private readonly blocks = new Map<number, Uint8Array>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get(key: number): Uint8Array | undefined {
    const block = this.blocks.get(key);
    if (block !== undefined) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.blocks.delete(key);
      this.blocks.set(key, block);
    }
    return block;
  }

  set(key: number, block: Uint8Array): void {
    // A block larger than a quarter of the cache would push out most of what is worth keeping.
    if (block.length > this.maxBytes / 4) return;
    this.blocks.set(key, block);
    this.bytes += block.length;
    while (this.bytes > this.maxBytes) {
      const [oldest, dropped] = this.blocks.entries().next().value!;
      this.blocks.delete(oldest);
      this.bytes -= dropped.length;
    }
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }

  clear(): void {
    this.blocks.clear();
    this.bytes = 0;
  }
}

/** Where a {@link FilePostings} reports a read that failed; shared, so it never points back to its index. */
export interface ReadErrorSink {
  report(err: Error): void;
}

/** Postings in a shard file: `length` bytes from byte `offset` of the open file `fd`. */
export class FilePostings implements PostingSource {
  private fd: number;
  private failed = false;

  constructor(
    /** The file's path, for messages. */
    readonly path: string,
    fd: number,
    private readonly offset: number,
    private readonly length: number,
    private readonly cache: RunCache,
    /** This file's number in the index, part of its cache keys. */
    private readonly fileNo: number,
    private readonly errors: ReadErrorSink,
  ) {
    this.fd = fd;
  }

  read(start: number, length: number): Uint8Array | null {
    if (this.failed) return null;
    const key = this.fileNo * 0x1_0000_0000 + start;
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.length === length) {
      postingReads.cacheHits++;
      return cached;
    }
    try {
      if (this.fd < 0) throw new Error('the index was closed');
      if (start + length > this.length) throw new Error(`bytes ${start}…${start + length} are past the postings' end (${this.length})`);
      const block = new Uint8Array(length);
      const got = length === 0 ? 0 : readSync(this.fd, block, 0, length, this.offset + start);
      postingReads.reads++;
      postingReads.bytes += got;
      if (got !== length) throw new Error(`read ${got} of ${length} bytes: the file was cut short`);
      this.cache.set(key, block);
      return block;
    } catch (err) {
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
