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
import { scanQuantities, type Dimension, type Quantity } from './quantity.ts';

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

/**
 * Words people put before or after their own figure (不到1000吨, less than 5 million kWh, 3户或以上)
 * beyond the documents' words above. Kept apart from {@link BOUND_WORDS} so the search's tier reading
 * stays as it is; the documents' words keep their legal reading here too.
 */
export const FIGURE_BOUND_WORDS: readonly BoundWord[] = ([
  ...BOUND_WORDS,
  { word: '没有达到', at: 'before', bound: 'upper', included: false },
  { word: '未达到', at: 'before', bound: 'upper', included: false },
  { word: '没达到', at: 'before', bound: 'upper', included: false },
  { word: '不到', at: 'before', bound: 'upper', included: false },
  { word: '没到', at: 'before', bound: 'upper', included: false },
  { word: '没有到', at: 'before', bound: 'upper', included: false },
  // A negation right before a bare figure bounds it: 年用电没有500万千瓦时 is under 500万.
  { word: '没有', at: 'before', bound: 'upper', included: false },
  { word: '没', at: 'before', bound: 'upper', included: false },
  { word: '超', at: 'before', bound: 'lower', included: false },
  { word: '未达', at: 'before', bound: 'upper', included: false },
  { word: '超出', at: 'before', bound: 'lower', included: false },
  { word: '最少', at: 'before', bound: 'lower', included: true },
  { word: '或以上', at: 'after', bound: 'lower', included: true },
  { word: '或以下', at: 'after', bound: 'upper', included: true },
  { word: 'no more than', at: 'before', bound: 'upper', included: true },
  { word: 'not more than', at: 'before', bound: 'upper', included: true },
  { word: 'no less than', at: 'before', bound: 'lower', included: true },
  { word: 'not less than', at: 'before', bound: 'lower', included: true },
  { word: 'no fewer than', at: 'before', bound: 'lower', included: true },
  { word: 'less than', at: 'before', bound: 'upper', included: false },
  { word: 'fewer than', at: 'before', bound: 'upper', included: false },
  { word: 'more than', at: 'before', bound: 'lower', included: false },
  { word: 'greater than', at: 'before', bound: 'lower', included: false },
  { word: 'at least', at: 'before', bound: 'lower', included: true },
  { word: 'at most', at: 'before', bound: 'upper', included: true },
  { word: 'up to', at: 'before', bound: 'upper', included: true },
  { word: 'under', at: 'before', bound: 'upper', included: false },
  { word: 'below', at: 'before', bound: 'upper', included: false },
  { word: 'over', at: 'before', bound: 'lower', included: false },
  { word: 'above', at: 'before', bound: 'lower', included: false },
  { word: 'or more', at: 'after', bound: 'lower', included: true },
  { word: 'or above', at: 'after', bound: 'lower', included: true },
  { word: 'or less', at: 'after', bound: 'upper', included: true },
  { word: 'or below', at: 'after', bound: 'upper', included: true },
] satisfies BoundWord[]).sort((a, b) => b.word.length - a.word.length);

/**
 * A negation before a bound word turns the bound over (没有超过1000吨 is at most 1000吨, 未低于 is at
 * least): the number's side changes and so does whether it is included.
 */
const NEGATION_BEFORE = /(?:并没有|并未|从来?没有?|从未|没有|没|未|不曾|\bnever|\bnot|\bdid\s+not|\bdidn't|\bhas\s+not|\bhasn't|\bhave\s+not|\bhaven't)\s*$/i;
const NEGATIVE_WORD = /^(?:不|没|未|no\b|not\b)/i;

function negated(w: BoundWord): BoundWord {
  return { ...w, word: w.word, bound: w.bound === 'lower' ? 'upper' : 'lower', included: !w.included };
}

/** Words that make a bound an estimate again (大约不到1000吨): then nothing is decided by it. */
const HEDGE_BEFORE = /(?:大约|大概|约|差不多|估计|可能|应该|好像|about|around|roughly|approximately|probably|maybe)\s*$/i;

function endsWithWord(s: string, w: string): boolean {
  if (!s.toLowerCase().endsWith(w)) return false;
  // An English word must stand alone (under, not thunder).
  return !/^[a-z]/i.test(w) || !/[a-z]$/i.test(s.slice(0, s.length - w.length));
}

/**
 * The bounds a person's own figure states (`不到1000吨标准煤` is under 1000 tce, `800-900吨标准煤`
 * is 800 to 900 both included), or `undefined` when the figure is exact or only an estimate
 * (大约800吨, 800吨左右, 300多万度): an estimate bounds nothing, so no rule may be decided by it.
 */
export function figureBounds(text: string, q: Quantity): Bounds | undefined {
  if (q.between) return { dimension: q.dimension, lower: q.between.lower, lowerIncluded: true, upper: q.between.upper, upperIncluded: true };
  const inner = scanQuantities(text.slice(q.start, q.end))[0];
  const value = q.value ?? inner?.value ?? null;
  if (value === null || inner?.approximate) return undefined;
  const head = text.slice(0, q.start).trimEnd();
  const word = FIGURE_BOUND_WORDS.find((b) => b.at === 'before' && endsWithWord(head, b.word));
  const turned = word && !NEGATIVE_WORD.test(word.word) && NEGATION_BEFORE.test(head.slice(0, head.length - word.word.length));
  const before = word && turned ? negated(word) : word;
  const tail = text.slice(q.end).trimStart();
  const after = FIGURE_BOUND_WORDS.find((b) => b.at === 'after' && tail.toLowerCase().startsWith(b.word));
  if (!before && !after) return undefined;
  if (before && HEDGE_BEFORE.test(head.slice(0, head.length - before.word.length).replace(NEGATION_BEFORE, ''))) return undefined;
  if (before && after && before.bound === after.bound) return undefined; // 超过1000吨以下: no reading
  const b: Bounds = { dimension: q.dimension };
  for (const w of [before, after]) {
    if (!w) continue;
    if (w.bound === 'lower') Object.assign(b, { lower: value, lowerIncluded: w.included });
    else Object.assign(b, { upper: value, upperIncluded: w.included });
  }
  return b;
}
