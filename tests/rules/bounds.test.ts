import { describe, expect, it } from 'vitest';
import { BOUND_WORDS, figureBounds, holds, readBounds, statedFigure } from '../../src/text/bounds.ts';
import { scanQuantities } from '../../src/text/quantity.ts';
import { INCLUDES_NUMBER } from '../../src/rules/logic.ts';

describe('bounds a text states on a figure', () => {
  it('reads a two-sided tier: 10万元以上不满100万元 is from 100,000 元 (in) to 1,000,000 元 (out)', () => {
    expect(readBounds('二级\t10万元以上不满100万元\t按罚没款的3%奖励')).toEqual([
      { dimension: 'money', lower: 100000, lowerIncluded: true, upper: 1000000, upperIncluded: false },
    ]);
  });

  it('counts the number itself as the law says: in for 以上 and 以下, out for 不满 and 超过 (民法典 第一千二百五十九条)', () => {
    const [upTo] = readBounds('处2万元以上5万元以下的罚款');
    expect(holds(upTo!, 20000)).toBe(true);
    expect(holds(upTo!, 50000)).toBe(true);
    const [under] = readBounds('不满10万元');
    expect(holds(under!, 100000)).toBe(false);
    expect(holds(under!, 99999)).toBe(true);
    const [over] = readBounds('超过500万千瓦时');
    expect(holds(over!, 5000000)).toBe(false);
  });

  it('is the one table the rule comparators read their inclusiveness from', () => {
    for (const [word, included] of Object.entries(INCLUDES_NUMBER)) expect(BOUND_WORDS.find((b) => b.word === word)!.included).toBe(included);
    expect(INCLUDES_NUMBER).toEqual({ 不满: false, 超过: false, 以上: true, 以下: true, 以内: true, 不少于: true });
  });

  it('keeps each dimension apart and bounds nothing with a bare figure', () => {
    expect(readBounds('年综合能源消费量不满1000吨标准煤且年电力消费量不满500万千瓦时').map((b) => b.dimension)).toEqual(['energy', 'electricity']);
    expect(readBounds('按罚没款的2%奖励')).toEqual([]);
  });

  it('reads the figure a question states of its case, not one it bounds', () => {
    expect(statedFigure('罚没款50万元的案子举报人能拿多少')).toEqual({ dimension: 'money', value: 500000 });
    expect(statedFigure('罚没款50万元以上的奖励多少')).toBeUndefined();
    expect(statedFigure('举报奖励多少钱')).toBeUndefined();
    // A count names things (三个一批, 两个人), it is no amount to place in a tier.
    expect(statedFigure('三个一批活动共涉及项目多少个')).toBeUndefined();
  });
});

describe('bounds a person states on their own figure', () => {
  const bound = (text: string) => figureBounds(text, scanQuantities(text)[0]!);
  it('reads everyday bound words: 不到, 少于, 超过, 或以上, less than, at least', () => {
    expect(bound('不到1000吨标准煤')).toMatchObject({ upper: 1000, upperIncluded: false });
    expect(bound('少于1000吨标准煤')).toMatchObject({ upper: 1000, upperIncluded: false });
    expect(bound('超过500万千瓦时')).toMatchObject({ lower: 5e6, lowerIncluded: false });
    expect(bound('3户或以上')).toMatchObject({ lower: 3, lowerIncluded: true });
    expect(bound('less than 1000 tce')).toMatchObject({ upper: 1000, upperIncluded: false });
    expect(bound('at least 3 firms')).toMatchObject({ lower: 3, lowerIncluded: true });
  });
  it('reads a range written with a dash or 到 (both ends included), not a negative number', () => {
    expect(bound('800-900吨标准煤')).toMatchObject({ lower: 800, upper: 900, lowerIncluded: true, upperIncluded: true });
    expect(bound('800到900吨标准煤')).toMatchObject({ lower: 800, upper: 900 });
  });
  it('gives an estimate or an exact figure no bounds', () => {
    expect(bound('大约不到1000吨标准煤')).toBeUndefined();
    expect(bound('1000吨标准煤左右')).toBeUndefined();
    expect(bound('1000吨标准煤')).toBeUndefined();
  });
});
