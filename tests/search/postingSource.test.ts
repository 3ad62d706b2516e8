/**
 * The cache of term blocks read from the shard files (src/search/postingSource.ts): a ring of bytes
 * with a direct-mapped table of where each block is. Whatever it hands out must be the very bytes
 * of the block asked for — never another block's, never bytes overwritten since.
 */
import { describe, expect, it } from 'vitest';
import { RunCache } from '../../src/search/postingSource.ts';

/** The bytes block (file, start) holds in this test: a pattern no other block repeats. */
const byteOf = (file: number, start: number, i: number) => (file * 31 + start * 7 + i * 13) & 0xff;

describe('the block cache', () => {
  it('hands out only the bytes of the block asked for, through many wraps of a small ring and colliding slots', () => {
    const cache = new RunCache(4096);
    cache.addFile(4096);
    let seed = 1;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let hits = 0;
    for (let op = 0; op < 50_000; op++) {
      const file = rnd(6);
      const start = rnd(400) * 8;
      const length = 1 + ((file * 7 + start) % 300); // a block's length is fixed by where it is
      const cached = cache.get(file, start, length);
      if (cached) {
        hits++;
        for (let i = 0; i < length; i++) expect(cached[i]).toBe(byteOf(file, start, i));
      } else {
        const room = cache.reserve(file, start, length) ?? new Uint8Array(length);
        for (let i = 0; i < length; i++) room[i] = byteOf(file, start, i);
      }
    }
    expect(hits).toBeGreaterThan(1000); // it does cache
  });

  it('keeps a block larger than a quarter of the ring out of it', () => {
    const cache = new RunCache(4096);
    cache.addFile(1 << 20);
    expect(cache.reserve(0, 0, 2000)).toBeUndefined();
    expect(cache.reserve(0, 0, 500)).toHaveLength(500);
    expect(cache.get(0, 0, 500)).toHaveLength(500);
  });
});
