/**
 * Tiers: a rule that sets one amount per range (举报奖励: 罚款金额在15万元以下的，按1500元奖励；15万元以上
 * 50万元以下的，按1%奖励；… as items （一）…（五）) answers a question that names its own figure (对方被罚了
 * 100万，举报人拿多少) by the item whose range holds that figure. The items share every word of the
 * question but the figure, so by words alone the first item, or the top tier, comes first.
 *
 * The ranges are read by text/bounds.ts (以上 and 以下 include the number, 不满 and 超过 do not:
 * 民法典 第一千二百五十九条); the figure is the question's first amount with a unit (50万元, 300万度), or a
 * number of 万 or 亿 said without one (罚了100万, 十来万), which then holds against any unit the tiers use.
 * answer.ts already cuts the holding tier's span out of one clause that states every tier; this module
 * orders the clauses when each tier is an item of its own. Measured on `npm run eval -- --tuning`: round 7
 * (written with tiered reward rules among its documents) +1 at rank 1 and in the top 3 (罚了100万，举报的人
 * 按几个点拿奖励, which the "no match" decision had refused while no clause among the first three stated a
 * share), nothing else moved; the no-match model's cross-validated rates unchanged.
 *
 * ```ts
 * tierSignal('对方被罚了100万，举报人拿多少', clauses)?.factor(idOf('第七条（二）')) // => 0.5 (15万–50万)
 * tierSignal('对方被罚了100万，举报人拿多少', clauses)?.factor(idOf('第七条（三）')) // => 1 (50万–200万)
 * ```
 *
 * @module
 */
import type { Clause } from '../corpus/index.ts';
import { holds, readBounds, statedFigure, type Bounds } from '../text/bounds.ts';
import { parseNumber } from '../text/numerals.ts';
import type { Dimension } from '../text/quantity.ts';
import { itemIdsOf, parentOf } from './leadIn.ts';

/**
 * Score factor for an item stating a range of the figure's kind that does not hold it, where a sibling
 * item's range does: another tier of the same rule. As for a clause about another place (places.ts).
 */
export const OTHER_TIER_FACTOR = 0.5;

/** A figure the question names: its value in the base unit, and its kind (`any`: said without a unit). */
export interface QuestionFigure {
  value: number;
  dimension: Dimension | 'any';
}

/**
 * A number of 万 or 亿 with no unit after it (罚了100万, 十来万, 一百多万): how people say a sum of money
 * or a large count. `来` and `多` after the number say "a little more" and are read as a tenth and a
 * third more (十来万 ≈ 11万); `几` (十几万) spans too wide a range to place and is not read.
 */
const BARE_LARGE_NUMBER = /(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(来|多)?(万|亿)(?![元吨度千瓦人户个平方亩米公里])/u;

/** The figure `question` names, if any. */
export function questionFigure(question: string): QuestionFigure | undefined {
  const stated = statedFigure(question);
  if (stated) return stated;
  const m = BARE_LARGE_NUMBER.exec(question);
  if (!m) return undefined;
  const n = parseNumber(m[1]!);
  if (n === null) return undefined;
  const approx = m[2] === '来' ? 1.1 : m[2] === '多' ? 4 / 3 : 1;
  return { value: n * approx * (m[3] === '亿' ? 1e8 : 1e4), dimension: 'any' };
}

/** What the ranking asks of a question's figure. */
export interface TierSignal {
  readonly figure: QuestionFigure;
  /** {@link OTHER_TIER_FACTOR} for an item of a tiered list whose range does not hold the figure, else 1. */
  factor(id: number): number;
  /** The items of tiered list `parent` whose range holds the figure (empty when it is no tiered list). */
  holdingItems(parent: number): number[];
}

/** The signal for `question` over `clauses`, or `null` when it names no figure. */
export function tierSignal(question: string, clauses: readonly Clause[]): TierSignal | null {
  const figure = questionFigure(question);
  if (!figure) return null;
  const onFigure = (id: number): Bounds[] => readBounds(clauses[id]!.text).filter((b) => figure.dimension === 'any' || b.dimension === figure.dimension);
  // Per list (its parent clause): the items stating a range of the figure's kind, and those holding it.
  const lists = new Map<number, { tiers: Set<number>; holding: Set<number> }>();
  const listOf = (parent: number) => {
    let l = lists.get(parent);
    if (!l) {
      const tiers = itemIdsOf(clauses, parent)
        .map((s) => ({ s, bounds: onFigure(s) }))
        .filter((t) => t.bounds.length > 0);
      l = { tiers: new Set(tiers.map((t) => t.s)), holding: new Set(tiers.filter((t) => t.bounds.some((b) => holds(b, figure.value))).map((t) => t.s)) };
      lists.set(parent, l);
    }
    return l;
  };
  return {
    figure,
    factor(id) {
      const parent = parentOf(clauses, id);
      if (parent < 0) return 1;
      const { tiers, holding } = listOf(parent);
      return tiers.size >= 2 && holding.size > 0 && tiers.has(id) && !holding.has(id) ? OTHER_TIER_FACTOR : 1;
    },
    holdingItems(parent) {
      const { tiers, holding } = listOf(parent);
      return tiers.size >= 2 ? [...holding] : [];
    },
  };
}
