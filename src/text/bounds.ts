/**
 * Bounds a text states on a figure: `10万元以上不满100万元` is 100,000 元 or more and under
 * 1,000,000 元; `不满10万元` is under 100,000 元. A tiered table or clause (奖励等级, 罚款档次)
 * states one range per row, and a question that names its own figure (罚没款50万元) is answered by
 * the row whose range holds it — not by the first row that shares its words.
 *
 * Whether a comparator word includes the number itself is the law's, not ours: 民法典 第一千二百五十九条
 * “民法所称的‘以上’、‘以下’、‘以内’、‘届满’，包括本数；所称的‘不满’、‘超过’、‘以外’，不包括本数。”
 * The other words (低于, 不少于 …) read as plain Chinese says. {@link BOUND_WORDS} is the one table;
 * the rule module's comparators read their inclusiveness from it.
 *
 * ```ts
 * readBounds('二级 10万元以上不满100万元')
 * // => [{ dimension: 'money', lower: 100000, lowerIncluded: true, upper: 1000000, upperIncluded: false }]
 * holds(readBounds('10万元以上不满100万元')[0], 500000) // => true
 * ```
 *
 * @module
 */
import { scanQuantities, type Dimension } from './quantity.ts';

/** A comparator word: where it stands beside the number, which bound it sets, and whether the number itself is in. */
export interface BoundWord {
  word: string;
  /** `before`: 不满10万元; `after`: 10万元以上. */
  at: 'before' | 'after';
  bound: 'lower' | 'upper';
  /** The number itself satisfies the bound (以上: yes; 不满: no — 民法典 第一千二百五十九条). */
  included: boolean;
}

/** The comparator words of the texts, longest first where one holds another (不超过 before 超过). */
export const BOUND_WORDS: readonly BoundWord[] = [
  { word: '不超过', at: 'before', bound: 'upper', included: true },
  { word: '不高于', at: 'before', bound: 'upper', included: true },
  { word: '不多于', at: 'before', bound: 'upper', included: true },
  { word: '不少于', at: 'before', bound: 'lower', included: true },
  { word: '不低于', at: 'before', bound: 'lower', included: true },
  { word: '不满', at: 'before', bound: 'upper', included: false },
  { word: '未满', at: 'before', bound: 'upper', included: false },
  { word: '不足', at: 'before', bound: 'upper', included: false },
  { word: '低于', at: 'before', bound: 'upper', included: false },
  { word: '少于', at: 'before', bound: 'upper', included: false },
  { word: '小于', at: 'before', bound: 'upper', included: false },
  { word: '至多', at: 'before', bound: 'upper', included: true },
  { word: '最多', at: 'before', bound: 'upper', included: true },
  { word: '超过', at: 'before', bound: 'lower', included: false },
  { word: '高于', at: 'before', bound: 'lower', included: false },
  { word: '多于', at: 'before', bound: 'lower', included: false },
  { word: '大于', at: 'before', bound: 'lower', included: false },
  { word: '至少', at: 'before', bound: 'lower', included: true },
  { word: '及以上', at: 'after', bound: 'lower', included: true },
  { word: '以上', at: 'after', bound: 'lower', included: true },
  { word: '及以下', at: 'after', bound: 'upper', included: true },
  { word: '以下', at: 'after', bound: 'upper', included: true },
  { word: '以内', at: 'after', bound: 'upper', included: true },
  { word: '之内', at: 'after', bound: 'upper', included: true },
];

/** The range a text states on one dimension; a side without a bound is open. */
export interface Bounds {
  dimension: Dimension;
  lower?: number;
  lowerIncluded?: boolean;
  upper?: number;
  upperIncluded?: boolean;
}

/** The comparator words right before `start` and right after `end` (a figure's span) in `text`. */
function boundWordAround(text: string, start: number, end: number): BoundWord[] {
  const out: BoundWord[] = [];
  const before = BOUND_WORDS.find((b) => b.at === 'before' && text.slice(0, start).trimEnd().endsWith(b.word));
  if (before) out.push(before);
  const after = BOUND_WORDS.find((b) => b.at === 'after' && text.slice(end).trimStart().startsWith(b.word));
  if (after) out.push(after);
  return out;
}

/**
 * The ranges `text` states, one per dimension (money, energy, count …), from every figure with a
 * comparator word beside it. A figure without one (按罚没款的2%) bounds nothing.
 */
export function readBounds(text: string): Bounds[] {
  const byDimension = new Map<Dimension, Bounds>();
  for (const q of scanQuantities(text)) {
    if (q.dimension === 'none') continue;
    // A bound figure is reported without a value (quantity.ts); its number and unit alone give it.
    const value = q.value ?? scanQuantities(text.slice(q.start, q.end))[0]?.value ?? null;
    if (value === null) continue;
    for (const w of boundWordAround(text, q.start, q.end)) {
      const b = byDimension.get(q.dimension) ?? { dimension: q.dimension };
      if (w.bound === 'lower') Object.assign(b, { lower: value, lowerIncluded: w.included });
      else Object.assign(b, { upper: value, upperIncluded: w.included });
      byDimension.set(q.dimension, b);
    }
  }
  return [...byDimension.values()];
}

/** Whether `value` lies within `b`. */
export function holds(b: Bounds, value: number): boolean {
  if (b.lower !== undefined && (b.lowerIncluded ? value < b.lower : value <= b.lower)) return false;
  if (b.upper !== undefined && (b.upperIncluded ? value > b.upper : value >= b.upper)) return false;
  return true;
}

/**
 * The figure a question states as a fact of its case (罚没款50万元, 年耗电300万度): the first one
 * with a unit of measure, a value and no comparator word of its own. `undefined` when it states
 * none. A count is no such figure: 三个 in 三个一批 or 两个人 names things, not an amount to place in a tier.
 */
export function statedFigure(text: string): { dimension: Dimension; value: number } | undefined {
  for (const q of scanQuantities(text)) {
    if (q.dimension === 'none' || q.dimension === 'count' || q.value === null || q.range !== undefined) continue;
    return { dimension: q.dimension, value: q.value };
  }
  return undefined;
}
