/**
 * One shard of the persisted clause index as a file (see `persist.ts`): a header of 32-bit words
 * (magic, format, entries, fields, byte lengths), field lengths as 32-bit integers, the shard's
 * sorted term list as JSON, per term its fields with posting counts and byte lengths, and the
 * varint-coded postings (`postings.ts`). Written to a temporary name and renamed, so a reader never
 * sees half a file; anything unreadable reads as null and is rebuilt.
 *
 * @module
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Bump when the shard file layout changes. */
export const FORMAT_VERSION = 4;
const MAGIC = 0x50445358; // "PDSX"

/** Decoded postings of one shard: what `persist.ts` adds to the index. */
export interface ShardData {
  n: number;
  fields: number;
  fieldLength: Uint32Array;
  terms: string[];
  /** Per term: number of fields, then (field id, number of postings, bytes of postings) per field. */
  heads: Uint32Array;
  /** Varint-coded postings (`postings.ts`), in the order `heads` describes. */
  bytes: Uint8Array;
}

const HEADER_WORDS = 7;

export function writeShard(file: string, d: ShardData): void {
  const termBytes = Buffer.from(JSON.stringify(d.terms), 'utf8');
  const termPadded = Math.ceil(termBytes.length / 4) * 4;
  const header = Uint32Array.of(MAGIC, FORMAT_VERSION, d.n, d.fields, termBytes.length, d.heads.length, d.bytes.length);
  const out = Buffer.alloc(HEADER_WORDS * 4 + d.fieldLength.byteLength + termPadded + d.heads.byteLength + d.bytes.byteLength);
  let at = 0;
  const put = (part: Uint32Array | Uint8Array) => {
    Buffer.from(part.buffer, part.byteOffset, part.byteLength).copy(out, at);
    at += part.byteLength;
  };
  put(header);
  put(d.fieldLength);
  termBytes.copy(out, at);
  at += termPadded;
  put(d.heads);
  put(d.bytes);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, out);
    renameSync(tmp, file);
  } catch {
    // A full disk or read-only folder only costs the next start this shard's tokenizing.
    rmSync(tmp, { force: true });
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

/** A shard file's contents, or null when it is missing, truncated or not for `n` entries. */
export function readShard(file: string, n: number): ShardData | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  try {
    if (buf.length < HEADER_WORDS * 4) return null;
    // Typed-array views need 4-byte alignment; pooled small buffers may not have it.
    if (buf.byteOffset % 4 !== 0) buf = Buffer.from(buf);
    const words = new Uint32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4));
    const [magic, version, count, fields, termLen, headLen, byteLen] = words as unknown as number[];
    if (magic !== MAGIC || version !== FORMAT_VERSION || count !== n) return null;
    const flWords = count * fields!;
    const termStart = (HEADER_WORDS + flWords) * 4;
    const headStart = (termStart + Math.ceil(termLen! / 4) * 4) / 4;
    const byteStart = (headStart + headLen!) * 4;
    if (byteStart + byteLen! !== buf.length) return null;
    return {
      n: count,
      fields: fields!,
      fieldLength: words.subarray(HEADER_WORDS, HEADER_WORDS + flWords),
      terms: JSON.parse(buf.toString('utf8', termStart, termStart + termLen!)) as string[],
      heads: words.subarray(headStart, headStart + headLen!),
      bytes: new Uint8Array(buf.buffer, buf.byteOffset + byteStart, byteLen!),
    };
  } catch {
    return null; // Corrupt: rebuilt, never fatal.
  }
}
