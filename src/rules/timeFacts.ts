/**
 * Time facts from a sentence: quarters (2025年第一季度, Q1 2025, 上季度), years (今年, 2025) and
 * dates (2025年3月, 2025-03-15), read in China time so "this quarter" is the one Jincheng is in.
 */
import { foldFullWidth } from '../text/normalize.ts';
import { chinaClock } from '../text/chinaTime.ts';

/** The calendar month (`YYYY-MM`) an instant falls in, China time. */
export function monthOf(d: Date): string {
  return chinaClock(d).toISOString().slice(0, 7);
}

/** The quarter (`YYYY-Qn`) a month (`YYYY-MM`) belongs to: the one month→quarter mapping. */
export function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The three months (`YYYY-MM`) of a quarter (`YYYY-Qn`), in order. */
export function quarterMonths(quarter: string): string[] {
  const [y, q] = quarter.split('-Q').map(Number) as [number, number];
  return [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
}

/** The quarter an instant falls in (`YYYY-Qn`), China time: the quarter "本季度" names. */
export function currentQuarter(now: Date): string {
  return quarterOfMonth(monthOf(now));
}

function quarterOf(d: Date): { y: number; q: number } {
  const [y, q] = currentQuarter(d).split('-Q').map(Number) as [number, number];
  return { y, q };
}

const RELATIVE_YEAR: Record<string, number> = { 前年: -2, 去年: -1, 上年: -1, 今年: 0, 本年: 0, 明年: 1, 下年: 1 };
const CN_Q: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const EN_Q: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

export function extractQuarters(text: string, now: Date): string[] {
  const out: string[] = [];
  const t = foldFullWidth(text);
  for (const m of t.matchAll(/(20\d{2})\s*年?\s*(?:第)?([一二三四1-4])\s*季度/g)) out.push(`${m[1]}-Q${CN_Q[m[2]!]}`);
  for (const m of t.matchAll(/(20\d{2})\s*年?\s*[-\s]?\s*Q([1-4])\b/gi)) out.push(`${m[1]}-Q${m[2]}`);
  for (const m of t.matchAll(/\bQ([1-4])\s*[-\s,]?\s*(20\d{2})/gi)) out.push(`${m[2]}-Q${m[1]}`);
  for (const m of t.matchAll(/\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s*,?\s*(20\d{2})/gi)) out.push(`${m[2]}-Q${EN_Q[m[1]!.toLowerCase()]}`);
  const cur = quarterOf(now);
  if (/本季度|这个季度|这季度|当前季度|本季|this\s+quarter|current\s+quarter/i.test(t)) out.push(`${cur.y}-Q${cur.q}`);
  if (/上季度|上个季度|上一季度|last\s+quarter|previous\s+quarter/i.test(t)) {
    const y = cur.q === 1 ? cur.y - 1 : cur.y;
    out.push(`${y}-Q${cur.q === 1 ? 4 : cur.q - 1}`);
  }
  // 去年四季度, 今年第一季度, last year's Q4: the year the word names.
  for (const m of t.matchAll(/(前年|去年|上一?年|今年|本年|明年|下一?年)\s*(?:的)?\s*(?:第?([一二三四1-4])\s*季度|Q([1-4])\b)/gi)) {
    out.push(`${cur.y + RELATIVE_YEAR[m[1]!.replace('一', '')]!}-Q${CN_Q[(m[2] ?? m[3])!]}`);
  }
  for (const m of t.matchAll(/\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|Q([1-4]))\s+(?:of\s+)?(last|this|next)\s+year\b/gi)) {
    out.push(`${cur.y + ({ last: -1, this: 0, next: 1 } as Record<string, number>)[m[3]!.toLowerCase()]!}-Q${m[1] ? EN_Q[m[1].toLowerCase()] : m[2]}`);
  }
  // A bare 第一季度 without a year: the current year.
  if (out.length === 0) for (const m of t.matchAll(/(?<!\d年?)第?([一二三四])季度/g)) out.push(`${cur.y}-Q${CN_Q[m[1]!]}`);
  return [...new Set(out)];
}

export function extractYears(text: string, now: Date): number[] {
  const out: number[] = [];
  const t = foldFullWidth(text);
  for (const m of t.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)) out.push(Number(m[1]));
  const y = quarterOf(now).y;
  if (/今年|本年度?|this\s+year/i.test(t)) out.push(y);
  if (/明年|next\s+year/i.test(t)) out.push(y + 1);
  if (/去年|last\s+year/i.test(t)) out.push(y - 1);
  return [...new Set(out)];
}

export function extractDates(text: string): string[] {
  const out: string[] = [];
  const t = foldFullWidth(text);
  const pad = (s: string) => s.padStart(2, '0');
  for (const m of t.matchAll(/(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/g)) {
    out.push(`${m[1]}-${pad(m[2]!)}-${m[3] ? pad(m[3]) : '15'}`);
  }
  for (const m of t.matchAll(/\b(20\d{2})-(\d{2})-(\d{2})\b/g)) out.push(`${m[1]}-${m[2]}-${m[3]}`);
  // A bare year (2024年项目…) names no day: no date is made up for it (the rule in force today applies).
  return [...new Set(out)];
}

/**
 * The period a figure is stated for: 年能耗 (a year), 月用电 / 每月 (a month), 日均 (a day), 今年 /
 * 上半年 / 前两个季度 (longer than a quarter), 本季度 (a quarter). The rules' figures are per year
 * (年综合能源消费量) or per quarter (每季度外出招商), so a figure for another period is not theirs.
 */
export type Period = 'day' | 'week' | 'month' | 'months' | 'quarter' | 'quarters' | 'half' | 'year';

/** How long each period is, in months (a day or week is shorter than any month). */
export const PERIOD_MONTHS: Record<Period, number> = { day: 0.03, week: 0.25, month: 1, months: 2, quarter: 3, quarters: 6, half: 6, year: 12 };

export const PERIOD_WORDS: Record<Period, { zh: string; en: string }> = {
  day: { zh: '按日计', en: 'daily' },
  week: { zh: '按周计', en: 'weekly' },
  month: { zh: '按月计', en: 'monthly' },
  months: { zh: '几个月（不足一个季度）', en: 'several months’' },
  quarter: { zh: '按季度计', en: 'quarterly' },
  quarters: { zh: '超过一个季度的时期', en: 'multi-quarter' },
  half: { zh: '半年', en: 'half-year' },
  year: { zh: '全年', en: 'annual' },
};

const CN_NUM = '一二两三四五六七八九十';
/** English month names, January first (read in questions, written in answers). */
export const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/**
 * A calendar month named by itself (四月, 4月份, 2025年4月, April 2025): the period of the figures it
 * labels (四月外出招商1次, 对接项目四月1个). Not a day (4月15日), a point in the month (6月底) or a span
 * (4-6月, 三个月). English names are matched as capitalised words; "May" before a pronoun or verb is the modal.
 */
const NAMED_MONTH: Array<[RegExp, 'zh' | 'en']> = [
  [new RegExp(`(?:(20\\d{2})\\s*年\\s*)?(?<![\\d${CN_NUM}])(十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9])\\s*月份?(?![份底末初中旬]|以来|至今|起|开始|\\s*[至到~～-]|\\s*\\d{1,2}\\s*[日号])`, 'g'), 'zh'],
  [new RegExp(`\\b(${EN_MONTHS.join('|')})\\b(?<!\\bMay(?=\\s+(?:I|we|you|they|he|she|it|be|not|have)\\b))(?:,?\\s+(20\\d{2})\\b)?`, 'g'), 'en'],
];
/** Phrases that state a period, most specific first; `date` names a day or month, not a period. */
const PERIOD_PHRASES: Array<[RegExp, Period | 'date' | 'monthRange']> = [
  [/20\d{2}\s*年?\s*第?[一二三四1-4]\s*季度|20\d{2}\s*年?\s*[-\s]?\s*Q[1-4]|\bQ[1-4]\s*[-\s,]?\s*20\d{2}|\bQ[1-4]\b|第?[一二三四1-4]季度|(?:本|这个?|上个?|上一|当前|当|每个?|一个|单)季度?(?!节)|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|\b(?:this|last|previous|current|each|a|per|one)\s+quarter\b|\bquarterly\b/gi, 'quarter'],
  [/前[两二三]个?季度|[两二三四]个季度|\b(?:first\s+(?:two|three)|two|three)\s+quarters\b/gi, 'quarters'],
  [/上半年|下半年|半年|\b(?:first|second)\s+half\b|\bhalf[- ]year\b/gi, 'half'],
  [new RegExp(`(?:\\d{1,2}|[${CN_NUM}]{1,2})\\s*(?:月份?)?\\s*[-－~～至到]\\s*(?:\\d{1,2}|[${CN_NUM}]{1,2})\\s*月份?`, 'g'), 'monthRange'],
  [new RegExp(`前[\\d${CN_NUM}]+个月|[\\d两二三四五六七八九十]+个月`, 'g'), 'months'],
  [/20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\b20\d{2}-\d{2}(?:-\d{2})?\b/g, 'date'],
  [/(?:每个?|本|这个?|上一?个?|当|单|一个)月|月均|月度|\bmonthly\b|\b(?:per|a|each|this|last|one)\s+month\b/gi, 'month'],
  [/每周|每个?星期|一周|本周|周均|\bweekly\b|\b(?:per|a|each|this|last|one)\s+week\b/gi, 'week'],
  [/每天|每日|日均|天均|一天|当天|当日|单日|\bdaily\b|\b(?:per|a|each|one)\s+day\b/gi, 'day'],
  [/每年|全年|年均|年度|一年|今年|去年|明年|本年|当年|上一?年|20\d{2}\s*年(?!\s*(?:\d|第|[一二三四]季|上半|下半|Q[1-4]))|\bannual(?:ly)?\b|\byearly\b|\b(?:per|a|each|this|last|one)\s+year\b|\b20\d{2}\b(?!\s*-?\s*Q)/gi, 'year'],
];

/**
 * A month named relative to today (上个月 2, 这个月 0 → months back): read as that calendar month
 * where a quota count is given month by month (上个月外出招商1次，这个月2次), so it adds up with
 * the months named outright. 当月 ("that month") names no month of its own.
 */
const RELATIVE_MONTH: Array<[RegExp, number]> = [
  [/^(?:上一?个?月|last\s+month)$/i, 1],
  [/^(?:本月|这个?月|this\s+month)$/i, 0],
];

/** The calendar month `back` months before the month `now` falls in (China time). */
function monthBefore(now: Date, back: number): { month: number; year: number } {
  const [y, m] = monthOf(now).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The calendar month a relative month word (上个月, this month) names today, or undefined for another word. */
function relativeMonthOf(words: string, now: Date): { month: number; year: number } | undefined {
  const back = RELATIVE_MONTH.find(([re]) => re.test(words.trim()))?.[1];
  return back === undefined ? undefined : monthBefore(now, back);
}

/** {@link relativeMonthOf} as `YYYY-MM`. */
export function relativeMonth(words: string, now: Date): string | undefined {
  const named = relativeMonthOf(words, now);
  return named && `${named.year}-${String(named.month).padStart(2, '0')}`;
}

interface PeriodHit {
  period: Period | 'date';
  start: number;
  end: number;
  raw: string;
  /** A named calendar month (1–12), and its year when written with it (2025年4月). */
  month?: number;
  year?: number;
}

function monthNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const d: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
  if (s.length === 2 && s[0] === '十') return 10 + (d[s[1]!] ?? 0);
  return d[s] ?? NaN;
}

/**
 * Period phrases of `text`, left to right; where two overlap, the longer (more specific) one. With
 * `now`, a month named relative to it (上个月, this month) comes back as that calendar month.
 */
function periodHits(text: string, now?: Date): PeriodHit[] {
  const all: PeriodHit[] = [];
  for (const [re, kind] of PERIOD_PHRASES) {
    for (const m of text.matchAll(re)) {
      let period: Period | 'date';
      if (kind === 'monthRange') {
        const [a, b] = m[0].replace(/月份?/g, '').split(/\s*[-－~～至到]\s*/).map(monthNumber) as [number, number];
        // 1-3月 is the first quarter itself; another span is some months, shorter or longer.
        period = b - a === 2 && a % 3 === 1 ? 'quarter' : b - a + 1 > 3 ? 'quarters' : 'months';
      } else if (kind === 'months') {
        const n = monthNumber(m[0].replace(/^前|个月$/g, ''));
        period = n === 1 ? 'month' : n > 3 ? 'quarters' : 'months';
      } else period = kind;
      const named = now && kind === 'month' ? relativeMonthOf(m[0], now) : undefined;
      all.push({ period, start: m.index!, end: m.index! + m[0].length, raw: m[0], ...named });
    }
  }
  for (const [re, lang] of NAMED_MONTH) {
    for (const m of text.matchAll(re)) {
      const month = lang === 'zh' ? monthNumber(m[2]!.replace(/^0/, '')) : EN_MONTHS.indexOf(m[1]!) + 1;
      const year = lang === 'zh' ? m[1] : m[2];
      all.push({ period: 'month', start: m.index!, end: m.index! + m[0].length, raw: m[0], month, ...(year ? { year: Number(year) } : {}) });
    }
  }
  // Of two hits over the same words (2025年4月 as a date and as a named month), the month says more.
  all.sort((a, b) => a.start - b.start || b.end - a.end || (b.month ? 1 : 0) - (a.month ? 1 : 0));
  const out: PeriodHit[] = [];
  for (const h of all) if (!out.some((o) => h.start < o.end && o.start < h.end)) out.push(h);
  return out;
}

const SENTENCE_END = /[。！？；;!?\n]|\.(?=\s|$)/g;
// 3 projects in May, 1 project docked in April: the month after the figure, a verb between at most.
const MONTH_AFTER_FIGURE = new RegExp(`^\\s*(?:(?:docked|made|held|landed|signed|attracted|organi[sz]ed)\\s+)?(?:in|during|for)\\s+(${EN_MONTHS.join('|')})\\b(?:,?\\s+(20\\d{2})\\b)?`);
const CLAUSE_END = /[，,、]|\s+and\s+/;
const AFTER_FIGURE = /^\s*(?:\/\s*|每个?|一个|(?:per|a|an|each)\s+)(年|月|日|天|周|季度?|year|month|day|week|quarter)(?![a-z])|^\s*(annually|yearly|monthly|daily|weekly|quarterly)\b/i;
const ONE_CHAR: Record<string, Period> = { 年: 'year', 月: 'month', 日: 'day', 周: 'week', 季: 'quarter' };

/**
 * The period stated for the figure at [`start`, `end`) of `text` whose fact word starts at
 * `wordAt` (`undefined` when none was found), or `undefined` when none is stated. Looked for, in
 * order: a period word right before the fact word (年能耗, 月用电, 上半年外出招商), one right after
 * the figure (50万千瓦时/月, 5 million kWh a month), then the nearest one earlier in the sentence
 * (今年外出招商4次，对接项目12个: both figures are this year's). Dates (2024年10月立项) state no period.
 * A named calendar month (四月外出招商1次, 对接项目四月1个) comes back with its `month` (and `year`
 * when written): earlier in the sentence it labels a figure only where `namedMonths` is set (the
 * quota's counts, which people give month by month) or right before the figure — 3月份投产的项目，
 * 能耗800吨 names when the project started, not the period of its energy use. Where `namedMonths`
 * is set, a month named relative to `now` (上个月外出招商1次，这个月2次) is read as that calendar month.
 */
export function statedPeriod(text: string, start: number, end: number, wordAt?: number, namedMonths = false, now?: Date): StatedPeriod | undefined {
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m.index! < start) from = m.index! + m[0].length;
    else break;
  }
  const sentence = text.slice(from, start);
  // Relative months count as named ones only where months are read as a quarter's parts.
  const hits = periodHits(sentence, namedMonths ? now : undefined).map((h) => ({ ...h, start: h.start + from, end: h.end + from }));
  const stated = (h: PeriodHit): StatedPeriod => ({ period: h.period as Period, raw: h.raw, at: h.start, ...(h.month ? { month: h.month } : {}), ...(h.year ? { year: h.year } : {}) });
  if (wordAt !== undefined && wordAt <= start) {
    const lead = text.slice(from, wordAt).replace(/(?:的|平均|均)\s*$/, '').trimEnd();
    const leadEnd = from + lead.length;
    const right = hits.find((h) => h.end === leadEnd && h.period !== 'date');
    if (right) return stated(right);
    const one = /(?:\d{1,2}|[一二三四五六七八九十]{1,2})?(年|月|日|周|季)(?:度|均)?$/.exec(lead);
    if (one) return { period: ONE_CHAR[one[1]!]!, raw: one[0], at: from + one.index };
  }
  // 3 projects in May: an English month after the figure labels it as well.
  const inMonth = MONTH_AFTER_FIGURE.exec(text.slice(end));
  if (inMonth) {
    return { period: 'month', raw: inMonth[0].trim(), at: end + (inMonth[0].length - inMonth[0].trimStart().length), month: EN_MONTHS.indexOf(inMonth[1]!) + 1, ...(inMonth[2] ? { year: Number(inMonth[2]) } : {}) };
  }
  const after = AFTER_FIGURE.exec(text.slice(end));
  if (after) {
    const w = (after[1] ?? after[2] ?? '').toLowerCase();
    const period: Period = /^(?:年|year|annually|yearly)/.test(w) ? 'year' : /^(?:月|month)/.test(w) ? 'month' : /^(?:日|天|day|daily)/.test(w) ? 'day' : /^(?:周|week)/.test(w) ? 'week' : 'quarter';
    return { period, raw: after[0].trim(), at: end + (after[0].length - after[0].trimStart().length) };
  }
  // A named month labels the figures of its own clause, and of the sentence when it leads it
  // (四月外出招商1次，对接项目1个) or the sentence is a list of months (四月…，五月2次，对接项目3个).
  // One in a breakdown after a broader period (本季度3次，其中四月1次，…) stops at its clause's end.
  const firstClauseEnd = from + (CLAUSE_END.exec(sentence)?.index ?? sentence.length);
  const broaderBefore = (h: PeriodHit) => hits.some((o) => !o.month && o.period !== 'date' && o.end <= h.start);
  const labels = (h: PeriodHit) => /^[\s:：]*$/.test(text.slice(h.end, start))
    || (namedMonths && (h.start < firstClauseEnd || !CLAUSE_END.test(text.slice(h.end, start)) || !broaderBefore(h)));
  const last = hits.filter((h) => h.period !== 'date' && h.end <= start && (!h.month || labels(h))).at(-1);
  return last ? stated(last) : undefined;
}

/** The period a figure is stated for; `month` (1–12) and `year` when it is a named calendar month. */
export interface StatedPeriod {
  period: Period;
  raw: string;
  at: number;
  month?: number;
  year?: number;
}
