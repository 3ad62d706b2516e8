import { describe, expect, it } from 'vitest';
import { and, known, not, or, 不满, 不少于, 以上, 以下, 以内, 超过, type Tri } from '../../src/rules/logic.ts';

const ALL: Tri[] = ['T', 'F', 'U'];

describe('three-valued logic (Kleene)', () => {
  it('AND with one false is false, whatever the other side', () => {
    for (const x of ALL) expect(and('F', x)).toBe('F');
  });
  it('OR with one true is true, whatever the other side', () => {
    for (const x of ALL) expect(or('T', x)).toBe('T');
  });
  it('unknown stays unknown unless the other side decides', () => {
    expect(and('T', 'U')).toBe('U');
    expect(or('F', 'U')).toBe('U');
    expect(not('U')).toBe('U');
    expect(not('T')).toBe('F');
  });
  it('an unknown fact is unknown, never false', () => {
    expect(known(undefined)).toBe('U');
    expect(不满(undefined, 1000)).toBe('U');
    expect(以上(null, 3)).toBe('U');
    expect(不少于(Number.NaN, 1)).toBe('U');
  });
});

describe('comparators named after the legal words (民法典 第一千二百五十九条)', () => {
  it('不满 and 超过 exclude the number itself', () => {
    expect(不满(1000, 1000)).toBe('F');
    expect(不满(999, 1000)).toBe('T');
    expect(超过(400, 400)).toBe('F');
    expect(超过(401, 400)).toBe('T');
  });
  it('以上, 以下, 以内 and 不少于 include the number itself', () => {
    expect(以上(3, 3)).toBe('T');
    expect(以上(2, 3)).toBe('F');
    expect(以下(3, 3)).toBe('T');
    expect(以下(4, 3)).toBe('F');
    expect(以内(3, 3)).toBe('T');
    expect(不少于(1, 1)).toBe('T');
    expect(不少于(0, 1)).toBe('F');
  });
});

describe('comparators on a range (a figure known only by its bounds)', () => {
  it('decide when every figure of the range answers the same way', () => {
    expect(不满({ upper: 1000, upperIncluded: false }, 1000)).toBe('T'); // 不到1000 is 不满1000
    expect(不满({ lower: 800, upper: 900 }, 1000)).toBe('T');
    expect(不满({ lower: 1000, lowerIncluded: false }, 1000)).toBe('F'); // 超过1000
    expect(不满({ lower: 1000, lowerIncluded: true }, 1000)).toBe('F'); // 1000以上
    expect(以上({ lower: 3, lowerIncluded: true }, 3)).toBe('T');
    expect(以上({ upper: 2, upperIncluded: true }, 3)).toBe('F');
  });
  it('stay unknown when the range holds figures on both sides (never a guess)', () => {
    expect(不满({ upper: 2000, upperIncluded: false }, 1000)).toBe('U'); // 不到2000 against 不满1000
    expect(不满({ upper: 1000, upperIncluded: true }, 1000)).toBe('U'); // 1000以下 may be exactly 1000
    expect(不满({ lower: 800, upper: 1200 }, 1000)).toBe('U');
    expect(不少于({ lower: 0, upper: 5 }, 1)).toBe('U');
  });
});
