/**
 * Months, deadlines and quarters, on Jincheng's calendar (Asia/Shanghai, UTC+8, no DST).
 *
 * A report for month M is due on `dueDay` of M+1 (end of that day) and locks `lockDays` days
 * later. "The month now due" is the previous month up to and including the due day, and the
 * current month after it.
 *
 * ```ts
 * parseMonth('上个月', now)   // { ok: true, month: '2025-03' } in April
 * parseMonth('2025-13', now)  // { ok: false, problem: { zh: '月份不存在…', … } }
 * ```
 */
import { chinaClock, chinaMidnight } from '../text/chinaTime.ts';
import type { Localized } from '../text/locale.ts';
const DAY_MS = 86_400_000;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Calendar date in Jincheng for an instant. */
export function localDate(now: Date): Ymd {
  const t = chinaClock(now);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function monthKey(y: number, m: number): string {
  return `${y}-${String(m).padStart(2, '0')}`;
}

export function splitMonth(month: string): { y: number; m: number } {
  return { y: Number(month.slice(0, 4)), m: Number(month.slice(5, 7)) };
}

export function addMonths(month: string, n: number): string {
  const { y, m } = splitMonth(month);
  const i = y * 12 + (m - 1) + n;
  return monthKey(Math.floor(i / 12), (i % 12) + 1);
}

export function currentMonth(now: Date): string {
  const { y, m } = localDate(now);
  return monthKey(y, m);
}

/** The month whose report is due now: previous month up to the due day, else the current month. */
export function dueMonth(now: Date, dueDay: number): string {
  const { y, m, d } = localDate(now);
  const cur = monthKey(y, m);
  return d <= dueDay ? addMonths(cur, -1) : cur;
}

/** Midnight in Jincheng at the start of a calendar day, as an instant. */
function startOfLocalDay(y: number, m: number, d: number): Date {
  return chinaMidnight(y, m, d);
}

/** First instant after the due day: a report is on time if first submitted before it. */
export function deadline(month: string, dueDay: number): Date {
  const next = splitMonth(addMonths(month, 1));
  return new Date(startOfLocalDay(next.y, next.m, dueDay).getTime() + DAY_MS);
}

/** First instant after the lock day: from then on only a coordinator can reopen the month. */
export function lockTime(month: string, dueDay: number, lockDays: number): Date {
  return new Date(deadline(month, dueDay).getTime() + lockDays * DAY_MS);
}

/** A calendar day in Jincheng, for messages: 2025-04-05. */
export function formatDay(instant: Date): string {
  const { y, m, d } = localDate(instant);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Re-exported: the reports layer's times go through the one China-time formatter in src/text. */
export { chinaIso, formatChinaTime } from '../text/chinaTime.ts';

/** Whether a month is over in Jincheng (a "no activity" report can only be made for one that is). */
export function monthEnded(month: string, now: Date): boolean {
  return month < currentMonth(now);
}

/**
 * The instant a month locks for its reporters: the lock day, or, when a coordinator reopened it,
 * another `lockDays` after the reopening if that is later. One definition for `report show`,
 * the lock check and `/admin reopen`'s "open until".
 */
export function effectiveLockTime(month: string, dueDay: number, lockDays: number, reopenedAt?: string | null): Date {
  const lock = lockTime(month, dueDay, lockDays);
  if (!reopenedAt) return lock;
  const reopened = new Date(new Date(reopenedAt).getTime() + lockDays * DAY_MS);
  return reopened > lock ? reopened : lock;
}

/** The last day before an exclusive bound, for messages ("due by 2025-04-05"). */
export function lastDayBefore(bound: Date): string {
  return formatDay(new Date(bound.getTime() - 1));
}

export type MonthParse = { ok: true; month: string } | { ok: false; problem: Localized };

/** The first year a month, quarter or year may name; the last is the current year (China time). */
export const FIRST_YEAR = 2000;

/**
 * Whether a month, quarter or year may name year `y`: from FIRST_YEAR to the current year. The one
 * definition behind every report command's month (`--month`), quarter (`--quarter`) and year
 * (`--year`); the message names the range. `raw` is what the person typed.
 */
export function yearProblem(y: number, raw: string, now: Date): Localized | undefined {
  const last = localDate(now).y;
  if (y >= FIRST_YEAR && y <= last) return undefined;
  return {
    zh: `年份超出范围：「${raw}」（年份应在 ${FIRST_YEAR}–${last} 年之间）`,
    en: `Year out of range: "${raw}" (years ${FIRST_YEAR}–${last})`,
  };
}

const RELATIVE: Record<string, number> = {
  本月: 0, 这个月: 0, 当月: 0, 'this month': 0,
  上月: -1, 上个月: -1, 'last month': -1,
  上上月: -2, 上上个月: -2,
  下月: 1, 下个月: 1, 'next month': 1,
  下下月: 2, 下下个月: 2,
};

const CN_MONTH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/**
 * Reads a month as people type it: `2025-03`, `2025/3`, `2025.3`, `202503`, `2025年3月`,
 * `3月` / `三月` (this year), `本月`, `上个月`, `上上个月`. A future month is refused here too,
 * so no caller can forget it.
 */
export function parseMonth(input: string, now: Date): MonthParse {
  const raw = input.trim();
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase();
  const cur = currentMonth(now);
  let month: string | undefined;
  if (text in RELATIVE) {
    month = addMonths(cur, RELATIVE[text]!);
  } else {
    let y: number | undefined;
    let m: number | undefined;
    const full = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
    const short = /^(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(份)?$/.exec(text);
    if (full) {
      y = Number(full[1]);
      m = Number(full[2]);
    } else if (short) {
      y = localDate(now).y;
      m = /^\d+$/.test(short[1]!) ? Number(short[1]) : CN_MONTH[short[1]!];
    } else {
      return {
        ok: false,
        problem: {
          zh: `看不懂月份「${raw}」，请写成 2025-03、2025年3月 或 上个月`,
          en: `Cannot read the month "${raw}"; write it like 2025-03 or "last month"`,
        },
      };
    }
    if (m === undefined || m < 1 || m > 12) {
      return { ok: false, problem: { zh: `月份不存在：「${raw}」（月份应为 1–12）`, en: `No such month: "${raw}" (months are 1–12)` } };
    }
    // A later year is the future, said below; an earlier one is out of range.
    if (y < FIRST_YEAR) return { ok: false, problem: yearProblem(y, raw, now)! };
    month = monthKey(y, m);
  }
  if (month > cur) {
    return {
      ok: false,
      problem: { zh: `不能填报或查询未来的月份：「${raw}」（${month}，现在是 ${cur}）`, en: `"${raw}" (${month}) is in the future; it is now ${cur}` },
    };
  }
  return { ok: true, month };
}

/**
 * `2025-Q1` ← `2025-Q1`, `2025q1`, `2025年第一季度`, `2025年一季度`; its year in the range of
 * `yearProblem` (a quarter of this year that has not started is for the caller to refuse).
 */
export function parseQuarter(input: string, now: Date): { ok: true; quarter: string } | { ok: false; problem: Localized } {
  const text = input.trim().normalize('NFKC');
  const m = /^(\d{4})\s*[-\s]?\s*[qQ]([1-4])$/.exec(text) ?? /^(\d{4})年?第?([1-4一二三四])季度?$/.exec(text);
  if (!m) {
    return { ok: false, problem: { zh: `看不懂季度「${input}」，请写成 2025-Q1`, en: `Cannot read the quarter "${input}"; write it like 2025-Q1` } };
  }
  const q = { 一: 1, 二: 2, 三: 3, 四: 4 }[m[2]!] ?? Number(m[2]);
  const year = yearProblem(Number(m[1]), input.trim(), now);
  if (year) return { ok: false, problem: year };
  return { ok: true, quarter: `${m[1]}-Q${q}` };
}

export function quarterOf(month: string): string {
  const { y, m } = splitMonth(month);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

export function monthsOfQuarter(quarter: string): string[] {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return [1, 2, 3].map((i) => monthKey(y, (q - 1) * 3 + i));
}
