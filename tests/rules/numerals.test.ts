import { describe, expect, it } from 'vitest';
import { parseNumber, plainNumerals, scanNumbers, writeNumerals } from '../../src/text/numerals.ts';
import { scanQuantities } from '../../src/text/quantity.ts';

describe('parseNumber reads Chinese, full-width and mixed numerals', () => {
  const table: Array<[string, number]> = [
    ['八百', 800], ['三百万', 3_000_000], ['一点二万', 12_000], ['两千', 2000], ['1.2万', 12_000], ['１２', 12],
    ['十五', 15], ['三千五百', 3500], ['零点五', 0.5], ['一百零五', 105], ['一万二', 12_000], ['三百五', 350],
    ['一亿二千万', 120_000_000], ['十万', 100_000], ['1,000', 1000], ['3千', 3000], ['二〇二四', 2024], ['0.5亿', 50_000_000],
  ];
  for (const [s, v] of table) it(`${s} = ${v}`, () => expect(parseNumber(s)).toBe(v));

  for (const s of ['三四百', '十几', '300多', '1.2.3', '万', '百三', '', 'abc', '几百']) {
    it(`「${s}」 is ambiguous or unreadable → null`, () => expect(parseNumber(s)).toBeNull());
  }
});

describe('writeNumerals writes a whole number as a law text does', () => {
  const table: Array<[number, string]> = [
    [15, '十五'], [24, '二十四'], [105, '一百零五'], [110, '一百一十'], [2000, '二千'], [1050, '一千零五十'],
    [30_000, '三万'], [10_500, '一万零五百'], [110_000, '十一万'], [15_000_000, '一千五百万'],
  ];
  for (const [n, w] of table) it(`${n} = ${w}`, () => expect(writeNumerals(n)).toBe(w));

  it('is the inverse of parseNumber for every whole number it writes', () => {
    for (let n = 1; n < 200_000; n += 37) expect(parseNumber(writeNumerals(n)!), String(n)).toBe(n);
  });

  it('writes nothing for a fraction, zero or a number of 亿', () => {
    for (const n of [1.5, 0, -3, 1e8]) expect(writeNumerals(n)).toBeNull();
  });
});

describe('scanNumbers and scanQuantities find numbers and units in text', () => {
  it('keeps 千 for the unit in 300万千瓦时', () => {
    expect(scanNumbers('年用电300万千瓦时').map((t) => t.value)).toEqual([3_000_000]);
  });
  it('marks approximate numbers and gives them no value', () => {
    const [t] = scanNumbers('约800吨');
    expect(t!.approximate).toBe(true);
    expect(t!.value).toBeNull();
  });
  it('reads scientific notation as one unreadable number, not as 1 and 9', () => {
    expect(scanNumbers('1e9吨标准煤').map((t) => [t.raw, t.value])).toEqual([['1e9', null]]);
    expect(scanNumbers('3E-2千瓦时').map((t) => [t.raw, t.value])).toEqual([['3E-2', null]]);
  });
  it('gives a bound or an estimate no value, and keeps the words that made it one', () => {
    const q = scanQuantities('不到1000吨标准煤、300万度以上、less than 5 million kWh、about 800 tce、2亿元左右、800吨标准煤');
    expect(q.map((x) => [x.range, x.value])).toEqual([
      ['不到1000吨标准煤', null], ['300万度以上', null], ['less than 5 million kWh', null], ['about 800 tce', null], ['2亿元左右', null], [undefined, 800],
    ]);
  });
  it('scales units to base units and names their dimension', () => {
    const q = scanQuantities('800吨标准煤、300万度、1.2万吨标煤、2亿元、3 million kWh、3户、800吨、100千瓦');
    expect(q.map((x) => [x.value, x.dimension])).toEqual([
      [800, 'energy'], [3_000_000, 'electricity'], [12_000, 'energy'], [200_000_000, 'money'],
      [3_000_000, 'electricity'], [3, 'count'], [800, 'mass'], [100, 'power'],
    ]);
  });
  it('reads 800-900吨标准煤 as one range, not 800 and -900, and leaves 1-4月 to the calendar', () => {
    const [q, ...rest] = scanQuantities('800-900吨标准煤');
    expect(rest).toEqual([]);
    expect(q).toMatchObject({ value: null, dimension: 'energy', between: { lower: 800, upper: 900 }, range: '800-900吨标准煤' });
    expect(scanQuantities('1-4月').every((x) => x.between === undefined)).toBe(true);
  });
  it('reads 千克标准煤 as energy in tonnes (1000 千克 = 1 吨), and bare 千克 as a mass', () => {
    expect(scanQuantities('800千克标准煤').map((x) => [x.value, x.dimension])).toEqual([[0.8, 'energy']]);
    expect(scanQuantities('800千克').map((x) => [x.value, x.dimension])).toEqual([[0.8, 'mass']]);
  });
});

describe('financial (大写) numerals', () => {
  it('reads them as the ordinary numerals, character for character', () => {
    expect(plainNumerals('年综合能源消费量玖佰吨，年用电叁佰万千瓦时')).toBe('年综合能源消费量九百吨，年用电三百万千瓦时');
    expect(plainNumerals('外出招商壹次，对接项目叁个')).toBe('外出招商一次，对接项目三个');
    expect(plainNumerals('壹仟零伍拾万元')).toBe('一千零五十万元');
    expect(plainNumerals('參佰萬')).toBe('三百萬');
  });

  it('leaves words that merely hold such a character alone', () => {
    for (const s of ['招商队伍建设', '陆续到位', '大陆企业', '伍先生']) expect(plainNumerals(s)).toBe(s);
  });
});
