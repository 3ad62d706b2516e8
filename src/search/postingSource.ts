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
 * The blocks read from disk most recently, in one ring of up to `maxBytes` (made on the first read,
 * no larger than the files' postings): a block is read
 * straight into the ring and handed out as a view of it, and the oldest blocks are overwritten
 * first. Where a block is in the ring is remembered in a fixed table of slots (up to 2^18, 4 MB;
 * direct-mapped: a block's file and start pick its slot, and a newer block of the same slot
 * replaces it). Nothing is allocated per read and nothing grows: a `Uint8Array` per block and a
 * `Map` of them made serving memory climb with every question (freed buffers are not given back
 * to the system). A view stays valid until a ring's worth more bytes are read — its reader decodes it
 * before reading much else.
 */
export class RunCache {
  /** Ring and table, made on the first read, sized for the postings of the files then added. */
  private ring?: Uint8Array;
  private size = 0;
  private bits = 0;
  /** Postings bytes of the files that read through this cache. */
  private fileBytes = 0;
  /** Bytes written since the start (positions in the ring are this modulo `size`, tails skipped included). */
  private written = 0;
  private slotFile = new Int32Array(0);
  private slotStart = new Int32Array(0);
  /** Where the slot's block was written (a value of {@link written}). */
  private slotAt = new Float64Array(0);

  constructor(readonly maxBytes: number) {}

  /** Counts a file's postings, so a small index gets a small ring (the real corpus's are a few KB). */
  addFile(bytes: number): void {
    this.fileBytes += bytes;
  }

  private slotOf(file: number, start: number): number {
    return (Math.imul(file + 1, 0x9e3779b1) ^ Math.imul(start, 0x85ebca6b)) >>> (32 - this.bits);
  }

  /** The cached block of file number `file` at `start`, `length` bytes long, if it is still in the ring. */
  get(file: number, start: number, length: number): Uint8Array | undefined {
    if (!this.ring) return undefined;
    const slot = this.slotOf(file, start);
    if (this.slotFile[slot] !== file || this.slotStart[slot] !== start) return undefined;
    const at = this.slotAt[slot]!;
    // Overwritten once the ring has been written a full turn past it.
    if (at + this.size < this.written + length) return undefined;
    const pos = at % this.size;
    return this.ring.subarray(pos, pos + length);
  }

  /**
   * Room for the block of file `file` at `start`, `length` bytes: a view of the ring to read it
   * into, remembered for {@link get}. Undefined for a block over a quarter of the ring (it would
   * push out most of what is worth keeping: read it into a buffer of its own).
   */
  reserve(file: number, start: number, length: number): Uint8Array | undefined {
    const ring = (this.ring ??= this.allocate());
    if (length > this.size / 4) return undefined;
    let pos = this.written % this.size;
    if (pos + length > this.size) {
      this.written += this.size - pos; // the tail is skipped: the ring starts over
      pos = 0;
    }
    const slot = this.slotOf(file, start);
    this.slotFile[slot] = file;
    this.slotStart[slot] = start;
    this.slotAt[slot] = this.written;
    this.written += length;
    return ring.subarray(pos, pos + length);
  }

  private allocate(): Uint8Array {
    this.size = Math.max(4096, Math.min(this.maxBytes, this.fileBytes));
    // About one slot per 32 bytes of ring (most blocks are a rare term's few bytes), at most 2^18.
    this.bits = Math.min(18, Math.max(8, Math.ceil(Math.log2(this.size / 32))));
    this.slotFile = new Int32Array(1 << this.bits).fill(-1);
    this.slotStart = new Int32Array(1 << this.bits);
    this.slotAt = new Float64Array(1 << this.bits);
    return new Uint8Array(this.size);
  }

  /** Forgets the block of `file` at `start` (its read failed). */
  drop(file: number, start: number): void {
    if (!this.ring) return;
    const slot = this.slotOf(file, start);
    if (this.slotFile[slot] === file && this.slotStart[slot] === start) this.slotFile[slot] = -1;
  }

  /** Releases the ring and table (the index was closed). */
  clear(): void {
    this.ring = undefined;
    this.slotFile = new Int32Array(0);
    this.slotStart = new Int32Array(0);
    this.slotAt = new Float64Array(0);
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
    /** This file's number in its index, for the cache. */
    private readonly fileNo: number,
    private readonly errors: ReadErrorSink,
  ) {
    this.fd = fd;
  }

  read(start: number, length: number): Uint8Array | null {
    // A closed file is not a failure: an index replaced while someone still held it finds nothing.
    if (this.failed || this.fd < 0) return null;
    const cached = this.cache.get(this.fileNo, start, length);
    if (cached !== undefined) {
      postingReads.cacheHits++;
      return cached;
    }
    try {
      if (start + length > this.length) throw new Error(`bytes ${start}…${start + length} are past the postings' end (${this.length})`);
      const block = this.cache.reserve(this.fileNo, start, length) ?? new Uint8Array(length);
      const got = length === 0 ? 0 : readSync(this.fd, block, 0, length, this.offset + start);
      postingReads.reads++;
      postingReads.bytes += got;
      if (got !== length) throw new Error(`read ${got} of ${length} bytes: the file was cut short`);
      return block;
    } catch (err) {
      this.cache.drop(this.fileNo, start);
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
