/**
 * One shard of the persisted clause index as a file (see `persist.ts`): a header of 32-bit words
 * (magic, format, entries, fields, term list bytes, terms, block bytes), field lengths as 32-bit
 * integers, the shard's sorted term list as JSON, where each term's block starts (32-bit), and the
 * blocks. A term's block is its head — varints: number of fields, then (field id, number of
 * postings, bytes of postings) per field — followed by those fields' varint-coded postings
 * (`postings.ts`). Written to a temporary name and renamed, so a reader never sees half a file;
 * anything unreadable reads as null and is rebuilt.
 *
 * A loaded shard keeps in memory only what every query needs — the term list, the block offsets
 * and the field lengths — and holds the file open: a term's block is read when a question asks
 * for the term (`postingSource.ts`).
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Bump when the shard file layout changes. */
export const FORMAT_VERSION = 5;
const MAGIC = 0x50445358; // "PDSX"

/** What every query needs of a shard, kept in memory while its index serves. */
export interface ShardDirectory {
  n: number;
  fields: number;
  fieldLength: Uint32Array;
  /** Sorted ascending (UTF-16 code units). */
  terms: string[];
  /** Where each term's block starts in the blocks; one more entry, the blocks' total length. */
  blockAt: Uint32Array;
}

/** A tokenized shard (`shardPostings.ts`): its directory and its blocks. */
export interface ShardData extends ShardDirectory {
  /** Per term its block: head, then the varint-coded postings of each field it names. */
  blocks: Uint8Array;
}

/** A shard file opened for serving: its directory in memory, its blocks left on disk. */
export interface OpenShard extends ShardDirectory {
  fd: number;
  /** Byte offset and length of the blocks in the file. */
  blocksOffset: number;
  blocksLength: number;
}

const HEADER_WORDS = 7;

/** Writes a shard file; false when it could not be written (the shard is then served from memory). */
export function writeShard(file: string, d: ShardData): boolean {
  const termBytes = Buffer.from(JSON.stringify(d.terms), 'utf8');
  const termPadded = Math.ceil(termBytes.length / 4) * 4;
  const header = Uint32Array.of(MAGIC, FORMAT_VERSION, d.n, d.fields, termBytes.length, d.terms.length, d.blocks.length);
  const out = Buffer.alloc(HEADER_WORDS * 4 + d.fieldLength.byteLength + termPadded + d.blockAt.byteLength + d.blocks.byteLength);
  let at = 0;
  const put = (part: Uint32Array | Uint8Array) => {
    Buffer.from(part.buffer, part.byteOffset, part.byteLength).copy(out, at);
    at += part.byteLength;
  };
  put(header);
  put(d.fieldLength);
  termBytes.copy(out, at);
  at += termPadded;
  put(d.blockAt);
  put(d.blocks);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, out);
    renameSync(tmp, file);
    return true;
  } catch {
    // A full disk or read-only folder only costs the next start this shard's tokenizing.
    rmSync(tmp, { force: true });
    return false;
  }
}

/** The entry count a shard file's header states, or null when it is missing or not a shard of this format. */
export function readShardHeader(file: string): number | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(HEADER_WORDS * 4);
    if (readSync(fd, head, 0, head.length, 0) !== head.length) return null;
    const [magic, version, count] = [head.readUInt32LE(0), head.readUInt32LE(4), head.readUInt32LE(8)];
    return magic === MAGIC && version === FORMAT_VERSION ? count : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Opens a shard file for serving: reads its directory and leaves the file open (the caller closes
 * `fd`). Null when it is missing, truncated, inconsistent or not for `n` entries.
 */
export function openShard(file: string, n: number): OpenShard | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const head = new Uint32Array(HEADER_WORDS);
    const headBytes = new Uint8Array(head.buffer);
    if (size < headBytes.length || readSync(fd, headBytes, 0, headBytes.length, 0) !== headBytes.length) return null;
    const [magic, version, count, fields, termLen, termCount, blockLen] = head as unknown as number[];
    if (magic !== MAGIC || version !== FORMAT_VERSION || count !== n) return null;
    const flBytes = count * fields! * 4;
    const termPadded = Math.ceil(termLen! / 4) * 4;
    const atBytes = (termCount! + 1) * 4;
    const dirStart = headBytes.length;
    const blocksOffset = dirStart + flBytes + termPadded + atBytes;
    if (blocksOffset + blockLen! !== size) return null;
    // One read of the directory; the typed arrays below are copies, so this buffer is collected.
    const dir = new Uint8Array(flBytes + termPadded + atBytes);
    if (readSync(fd, dir, 0, dir.length, dirStart) !== dir.length) return null;
    const fieldLength = new Uint32Array(dir.buffer.slice(0, flBytes));
    const terms = JSON.parse(Buffer.from(dir.buffer, flBytes, termLen!).toString('utf8')) as string[];
    const blockAt = new Uint32Array(dir.buffer.slice(flBytes + termPadded, flBytes + termPadded + atBytes));
    if (!Array.isArray(terms) || terms.length !== termCount || blockAt[0] !== 0 || blockAt[termCount!] !== blockLen) return null;
    for (let k = 0; k < termCount!; k++) if (blockAt[k]! > blockAt[k + 1]!) return null;
    keep = true;
    return { n: count, fields: fields!, fieldLength, terms, blockAt, fd, blocksOffset, blocksLength: blockLen! };
  } catch {
    return null; // Corrupt: rebuilt, never fatal.
  } finally {
    if (!keep) closeSync(fd);
  }
}
