/**
 * PackedTable: a read-only string table kept as one string of sorted lines (the CC-CEDICT index and
 * the general lexicon), looked up by bisection.
 */
import { describe, expect, it } from 'vitest';
import { PackedTable } from '../../src/search/packedTable.ts';

describe('PackedTable', () => {
  const entries: Array<[string, string]> = [
    ['review', '审查 100'],
    ['energy', '能源 100|能量 80'],
    ['能源', 'energy|power'],
    ['take effect', '施行 100|生效 90'],
  ];
  const table = new PackedTable(PackedTable.pack(entries));

  it('finds the value of every key, whatever order the entries came in', () => {
    for (const [k, v] of entries) expect(table.get(k)).toBe(v);
  });

  it('answers undefined for a key it does not hold, including a prefix or extension of one it does', () => {
    for (const k of ['', 'energ', 'energy ', 'reviews', 'take', '能', 'zzz']) expect(table.get(k)).toBeUndefined();
    expect(table.has('power')).toBe(false);
  });

  it('keeps key-only lines (a word list) and answers them with an empty value', () => {
    const words = new PackedTable(PackedTable.pack(['社保', '觉得', '对方', '缴费'].map((w) => [w, undefined])));
    expect(words.has('觉得')).toBe(true);
    expect(words.get('社保')).toBe('');
    expect(words.has('社保缴费')).toBe(false);
  });

  it('keeps the first of two entries with the same key', () => {
    expect(new PackedTable(PackedTable.pack([['a', '1'], ['a', '2']])).get('a')).toBe('1');
  });

  it('finds every key of a large table', () => {
    const many = Array.from({ length: 5000 }, (_, i) => [`w${(i * 7919) % 5000}`, String(i)] as [string, string]);
    const big = new PackedTable(PackedTable.pack(many));
    expect(many.every(([k, v]) => big.get(k) === v)).toBe(true);
    expect(new PackedTable('').get('a')).toBeUndefined();
  });
  it('lists the keys starting with a prefix, in order, and none for a prefix no key has', () => {
    const words = new PackedTable(PackedTable.pack(['年休假', '年度', '年', '平年', '年假', '休假'].map((w) => [w, undefined])));
    expect(words.keysWithPrefix('年')).toEqual(['年', '年休假', '年假', '年度']);
    expect(words.keysWithPrefix('年', 2)).toEqual(['年', '年假', '年度']);
    expect(words.keysWithPrefix('月')).toEqual([]);
    expect(new PackedTable('').keysWithPrefix('年')).toEqual([]);
  });
});
