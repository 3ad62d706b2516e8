/**
 * Figures given in parts. The quota counts a quarter, and people give its figures two other ways:
 *
 * - month by month (四月外出招商1次，五月2次，六月1次): the months of one quarter add up to the
 *   quarter's figure — but only when every month of it so far is there, and all fall in one quarter;
 * - with a part said to belong to another period (对接项目5个，其中2个是上季度的): that part is taken
 *   out, or asked about when the sentence does not say how much it is.
 *
 * Neither guesses: a missing month, months of two quarters, a quarter other than the one asked
 * about, or a part of unknown size comes back as a {@link Problem}, and the figure stays unset.
 */
import type { Localized } from '../text/locale.ts';
import { FACT_DEFS, formatQuantity } from './factDefs.ts';
import { currentQuarter, EN_MONTHS, monthOf, quarterMonths, quarterOfMonth } from './timeFacts.ts';
import type { FactKey, MonthlyFigure, Problem } from './types.ts';

/** A figure the question gives for one named month (四月外出招商1次 → month 4). */
export interface MonthFigure {
  key: FactKey;
  month: number;
  /** When written with the month (2025年4月). */
  year?: number;
  value: number;
  raw: string;
}

export interface PartsResult {
  /** Figures worked out (a quarter's sum; a figure less its other-period part). */
  values: Partial<Record<FactKey, number>>;
  /** The quarter the months fall in, when the question named none and they fall in one. */
  quarter?: string;
  /** Facts that must stay unset (their parts could not be used). */
  unset: FactKey[];
  problems: Problem[];
  notes: Localized[];
  /**
   * The monthly figures of counts left unset only because months of the quarter were missing: a
   * follow-up that gives those months (or the quarter's total) completes them.
   */
  held: MonthlyFigure[];
}

const zhMonth = (m: string) => `${Number(m.slice(5))}月`;
const enMonth = (m: string) => EN_MONTHS[Number(m.slice(5)) - 1]!;
const listZh = (ms: string[]) => ms.map(zhMonth).join('、');
const listEn = (ms: string[]) => ms.map(enMonth).join(', ');

/**
 * The month (`YYYY-MM`) a figure is for. A month written without its year is the one of the quarter
 * the question names when it falls in it (二季度…四月), otherwise its latest occurrence up to now:
 * asked in January, 十一月 is last November.
 */
function resolveMonth(f: MonthFigure, quarter: string | undefined, nowMonth: string): string {
  const pad = String(f.month).padStart(2, '0');
  if (f.year) return `${f.year}-${pad}`;
  const inQuarter = quarter ? quarterMonths(quarter).find((m) => m.endsWith(`-${pad}`)) : undefined;
  if (inQuarter) return inQuarter;
  const y = Number(nowMonth.slice(0, 4));
  return `${f.month <= Number(nowMonth.slice(5)) ? y : y - 1}-${pad}`;
}

/**
 * Adds up the monthly figures of each count into its quarter's figure.
 *
 * `quarter` is the quarter the question names (本季度, 2025年第二季度), if any; `totals` the
 * quarter figures it also states (本季度外出招商3次，其中四月1次…: the months must agree with it).
 * The quarter's months so far are needed: all three for a closed quarter, those up to this month
 * for the running one (the quarter-to-date figure, judged like 这个季度…). `earlier` are months held
 * from earlier in the conversation ({@link PartsResult.held}); a month given again now replaces its
 * earlier figure (a correction).
 */
export function sumMonths(figures: MonthFigure[], quarter: string | undefined, totals: Partial<Record<FactKey, number>>, now: Date, earlier: readonly MonthlyFigure[] = []): PartsResult {
  const out: PartsResult = { values: {}, unset: [], problems: [], notes: [], held: [] };
  if (figures.length === 0 && earlier.length === 0) return out;
  const nowMonth = monthOf(now);
  const byKey = new Map<FactKey, Map<string, { value: number; raw: string }[]>>();
  const put = (key: FactKey, month: string, value: number, raw: string) => {
    const months = byKey.get(key) ?? new Map<string, { value: number; raw: string }[]>();
    months.set(month, [...(months.get(month) ?? []), { value, raw }]);
    byKey.set(key, months);
  };
  for (const f of figures) put(f.key, resolveMonth(f, quarter, nowMonth), f.value, f.raw);
  for (const f of earlier) if (!byKey.get(f.key)?.has(f.month)) put(f.key, f.month, f.value, f.raw);
  const fail = (key: FactKey, zh: string, en: string) => {
    out.unset.push(key);
    out.problems.push({ fact: key, zh, en });
  };
  const said = (key: FactKey) => [...new Set([...byKey.get(key)!.values()].flat().map((x) => x.raw))];
  const quotes = (key: FactKey) => `「${said(key).join('」「')}」`;
  const quotesEn = (key: FactKey) => `"${said(key).join('", "')}"`;
  const allMonths = [...new Set([...byKey.values()].flatMap((m) => [...m.keys()]))].sort();
  const quarters = [...new Set(allMonths.map(quarterOfMonth))];

  if (quarters.length > 1) {
    const parts = quarters.map((q) => `${q}：${listZh(allMonths.filter((m) => quarterOfMonth(m) === q))}`).join('；');
    const partsEn = quarters.map((q) => `${q}: ${listEn(allMonths.filter((m) => quarterOfMonth(m) === q))}`).join('; ');
    for (const key of byKey.keys()) {
      const def = FACT_DEFS[key]!;
      fail(key,
        `${quotes(key)}等月份的数字分属不同季度（${parts}），而${def.label.zh}按每个季度分别考核，不能跨季度相加；请给出某一个季度的${def.label.zh}合计。`,
        `The months given (${quotesEn(key)}) belong to different quarters (${partsEn}), but the ${def.label.en} are checked quarter by quarter and are not added across quarters; please give one quarter's total.`);
    }
    return out;
  }
  const q = quarters[0]!;
  if (quarter && quarter !== q) {
    const named = quarter === currentQuarter(now) ? `本季度（${quarter}）` : quarter;
    const namedEn = quarter === currentQuarter(now) ? `this quarter (${quarter})` : quarter;
    for (const key of byKey.keys()) {
      const def = FACT_DEFS[key]!;
      fail(key,
        `${quotes(key)}是${listZh(allMonths)}的数字，属于${q}，而问题问的是${named}；二者不是同一个季度，不能混在一起判断。请说明问的是哪个季度，并给出该季度的${def.label.zh}合计。`,
        `${quotesEn(key)} are figures for ${listEn(allMonths)}, which fall in ${q}, but the question asks about ${namedEn}; these are different quarters and are not mixed. Please say which quarter is meant and give its total ${def.label.en}.`);
    }
    return out;
  }

  // The months name the quarter even when they cannot be added up: a follow-up with its total judges it.
  if (!quarter) out.quarter = q;
  const running = quarterMonths(q).includes(nowMonth);
  const needed = quarterMonths(q).filter((m) => m <= nowMonth);
  const summed: string[] = [];
  const summedEn: string[] = [];
  for (const [key, months] of byKey) {
    const def = FACT_DEFS[key]!;
    const unit = (v: number) => formatQuantity(key, v);
    const clash = [...months.entries()].find(([, xs]) => new Set(xs.map((x) => x.value)).size > 1);
    if (clash) {
      fail(key,
        `关于${zhMonth(clash[0])}${def.label.zh}的说法相互矛盾（「${clash[1].map((x) => x.raw).join('」「')}」），请确认一个。`,
        `Contradictory figures for ${def.label.en} in ${enMonth(clash[0])} ("${clash[1].map((x) => x.raw).join('", "')}"); please confirm one.`);
      continue;
    }
    const given = [...months.keys()].sort();
    const total = totals[key];
    const future = given.filter((m) => m > nowMonth);
    const lacking = needed.filter((m) => !months.has(m));
    // A breakdown of a quarter figure also stated (本季度3次，其中四月1次…): the total stands; the
    // months only have to agree with it when they are all there.
    if (total !== undefined && (future.length || lacking.length)) continue;
    if (future.length) {
      fail(key,
        `${quotes(key)}中${listZh(future)}还没有到来，这样的数字不是已经完成的；${def.label.zh}只计实际完成的，请给出截至目前的实际数字。`,
        `${quotesEn(key)} include ${listEn(future)}, which has not come yet, so those are not figures of what was done; please give the actual ${def.label.en} so far.`);
      continue;
    }
    // Kept for a follow-up: the missing months, or a correction of one month (六月其实是0个), complete them.
    const hold = () => {
      for (const m of given) out.held.push({ key: key as MonthlyFigure['key'], month: m, value: months.get(m)![0]!.value, raw: months.get(m)![0]!.raw });
    };
    if (lacking.length) {
      hold();
      const thisMonth = (m: string) => (m === nowMonth ? '（本月至今）' : '');
      fail(key,
        `${quotes(key)}是按月计的数字，而${def.label.zh}按整个季度计算；问题只给了${listZh(given)}的数字，缺少${lacking.map((m) => zhMonth(m) + thisMonth(m)).join('、')}的，不能相加得出${q}${running ? '截至目前' : ''}的合计；请给出该季度${running ? '截至目前' : ''}的合计（或在一句话里给出每个月的数字）。`,
        `${quotesEn(key)} are monthly figures, but the ${def.label.en} count the whole quarter; only ${listEn(given)} ${given.length > 1 ? 'are' : 'is'} given and ${listEn(lacking)}${lacking.includes(nowMonth) ? ' (this month so far)' : ''} ${lacking.length > 1 ? 'are' : 'is'} missing, so ${q}'s total${running ? ' to date' : ''} cannot be added up; please give the quarter's total${running ? ' so far' : ''} (or every month's figure in one message).`);
      continue;
    }
    const values = given.map((m) => months.get(m)![0]!.value);
    const sum = values.reduce((a, b) => a + b, 0);
    if (total !== undefined) {
      if (total !== sum) {
        fail(key,
          `${def.label.zh}的季度合计${unit(total)}与各月数字之和（${given.map((m, i) => zhMonth(m) + unit(values[i]!)).join(' + ')} = ${unit(sum)}）不一致，请核对。`,
          `The quarter's ${def.label.en} (${total}) do not agree with the sum of the months (${given.map((m, i) => `${enMonth(m)} ${values[i]}`).join(' + ')} = ${sum}); please check.`);
      }
      continue;
    }
    out.values[key] = sum;
    hold();
    summed.push(`${def.label.zh} ${given.map((m, i) => zhMonth(m) + unit(values[i]!)).join(' + ')} = ${unit(sum)}`);
    summedEn.push(`${def.label.en} ${given.map((m, i) => `${enMonth(m)} ${values[i]}`).join(' + ')} = ${sum}`);
  }
  if (summed.length) {
    out.notes.push({
      zh: `问题给出的是${listZh(needed)}各月的数字，按月相加得出${q}${running ? '截至目前' : ''}的季度合计：${summed.join('；')}。`,
      en: `The question gives figures for ${listEn(needed)}; added month by month, ${q}'s total${running ? ' to date' : ''} is: ${summedEn.join('; ')}.`,
    });
  }
  return out;
}

/**
 * Another period than the figure's own: 上季度, 去年, 以前, last quarter. A clause naming one after a
 * figure may say that part of the figure is from then (其中2个是上季度的).
 */
export const OTHER_PERIOD = /上(?:个|一)?季度|上(?:个|一)?月|去年|上一?年度?|前年|往年|以前|之前|此前|早先|前期|上半年|(?:其他|其它|别的|另外的?|另一个?)(?:季度|时期|月份?|年份?|年度)|\b(?:last|previous|prior|another|other|earlier)\s+(?:quarters?|years?|months?|periods?)\b/i;
/** Not this quarter's: 不算本季度, 不属于这个季度, not from this quarter. */
const NOT_THIS = /(?:不算|不计入?|不属于|不是|并非|非)\s*(?:在)?\s*(?:本|这个?|当|今)季度?|\b(?:not|n't)\s+(?:(?:be\s+)?count(?:ed)?\s+(?:in|for|towards?)|from|in|part\s+of|belong\s+to)\s+this\s+quarter\b/i;
/** A part of the figure before: 其中, 包括, 有的, of which, including. */
const PART = /其中|当中|这里面|里面|里头|内含|含有?|包括|包含|有的|有些|一部分|部分|\bof\s+(?:which|them|these|those)\b|\bincluding\b|\binclud(?:es?|ed)\b/i;
/** …是 / 属于 / 来自 right before the other period (2个是上季度的, 2 were from last quarter). */
const BELONGS = /(?:是|属于|为|算|来自|系)\s*(?:在)?\s*$|\b(?:were|was|are|is|from|in|belong(?:s|ed)?\s+to|dat(?:e|es|ed)\s+from|carried\s+over\s+from)\s*$/i;
/** The other period's part is already left out (上季度的不算, last quarter's are excluded). */
const ALREADY_OUT = /不算|不计入?|没算|没有算|未计入?|已经?(?:扣除|剔除|除去|去掉)|除外|\b(?:excluded|not\s+(?:counted|included))\b/i;

/** The other period's part is counted in (上季度的也算进去了, last quarter's are included). */
const COUNTED_IN = /也算|算进|算上|算在|计入|加上|连同|一起算|\b(?:counted|included)\b/i;

/** What a clause naming another period says about the figure before it. */
export type OtherPeriodClause =
  /** Part of the figure, of the size given, is another period's: take it out. */
  | 'part'
  /** Part of it is another period's, size not said (有的是上季度的), or the relation is unclear (上季度3个). */
  | 'unclear'
  /** The other period's part is already left out (上季度的不算): the figure stands. */
  | 'excluded'
  /** Not about a part: a figure of its own for another period (上季度外出招商2次). */
  | 'own';

/**
 * Reads a clause (between commas) that follows a figure: `hasCount` when it gives an exact count,
 * `ownFact` when it names a fact of its own (外出招商, 对接项目). `undefined` when it names no other period.
 * `inQuarter` tells whether a period the clause names falls inside the quarter asked about.
 */
export function otherPeriodClause(clause: string, hasCount: boolean, ownFact: boolean, inQuarter?: (period: string) => boolean): OtherPeriodClause | undefined {
  const named = OTHER_PERIOD.exec(clause);
  // 上个月 asked in December is November: this quarter's, so a part from then is no other period's.
  const other = named && inQuarter?.(named[0]) ? null : named;
  const notThis = NOT_THIS.test(clause);
  if (!other && !notThis) return undefined;
  const before = other ? clause.slice(0, other.index) : clause;
  const partOf = PART.test(before) || (other !== null && BELONGS.test(before)) || notThis;
  if (partOf) return hasCount ? 'part' : PART.test(clause) || notThis ? 'unclear' : ALREADY_OUT.test(clause) ? 'excluded' : 'unclear';
  if (ownFact) return 'own';
  // A remark with no fact word of its own: 上季度3个 (a part, or last quarter's own figure?) and
  // 上季度的也算进去了 are unclear; 上季度的不算 leaves the figure as it is; 上季度达标了吗 is no remark.
  if (hasCount) return 'unclear';
  return ALREADY_OUT.test(clause) ? 'excluded' : COUNTED_IN.test(clause) ? 'unclear' : undefined;
}
