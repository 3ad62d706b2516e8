/** A bounded memo (src/search/boundedMemo.ts): each argument computed once while kept, and never more than the bound kept. */
import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/search/boundedMemo.ts';

describe('boundedMemo', () => {
  it('computes a result once and reads it back, undefined and null results included', () => {
    const calls: string[] = [];
    const f = boundedMemo(10, (k) => {
      calls.push(k);
      return k === 'none' ? null : k.length;
    });
    expect([f('年假'), f('年假'), f('none'), f('none')]).toEqual([2, 2, null, null]);
    expect(calls).toEqual(['年假', 'none']);
  });

  it('keeps at most the bound: a new argument past it starts afresh', () => {
    const calls: string[] = [];
    const f = boundedMemo(2, (k) => calls.push(k));
    f('a');
    f('b');
    f('c'); // clears, keeps c
    f('c');
    f('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
