/**
 * China's official working-day calendar: public holidays and 调休 make-up workdays, read from
 * `config/holidays.json` (one block per year, copied from the State Council notice).
 *
 * A working day is a Monday–Friday that is not a holiday, or a weekend day the notice declares a
 * working day (调休上班). Years the table does not cover fall back to Monday–Friday; `covers`
 * tells the caller so it can warn instead of silently trusting the fallback.
 *
 * Days are `YYYY-MM-DD` strings, calendar days in Jincheng; get today's with `formatDay(now)`.
 *
 * ```ts
 * const cal = loadWorkCalendar();
 * cal.isWorkday('2025-09-28');           // true: a Sunday, 国庆节、中秋节调休上班
 * cal.holidayName('2025-10-03');         // '国庆节、中秋节'
 * cal.addWorkdays('2025-10-09', -3);     // '2025-09-28': remind three working days before the 9th
 * cal.covers(2027);                      // false until the 2027 notice is entered
 * ```
 */
import * as z from 'zod';
import { readJsonFile } from './definition.ts';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDay } from './months.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOLIDAYS_FILE = resolve(REPO_ROOT, 'config', 'holidays.json');

/** Longest run of days off a notice has granted; a longer range is almost surely a typo. */
const MAX_HOLIDAY_DAYS = 15;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD', abort: true })
  .refine(isRealDay, { error: (issue) => `${String(issue.input)} does not exist` });

const holidaySchema = z.object({ name: z.string().min(1), from: day, to: day });
const workdaySchema = z.object({ date: day, name: z.string().min(1) });

const yearSchema = z.object({
  /** Document number of the notice, e.g. 国办发明电〔2024〕12号. */
  source: z.string().min(1),
  note: z.string().optional(),
  holidays: z.array(holidaySchema),
  workdays: z.array(workdaySchema),
});

const tableSchema = z
  .object({
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    // The arithmetic below is on Jincheng calendar days; another zone would need other code.
    timeZone: z.literal('Asia/Shanghai'),
    years: z.record(z.string().regex(/^\d{4}$/, 'years are keyed by a four-digit year'), yearSchema),
  })
  .superRefine((table, ctx) => {
    const off = new Map<string, string>(); // day → where it was declared a holiday
    const work = new Set<string>();
    const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['years', ...path], message });

    for (const [year, entry] of Object.entries(table.years)) {
      // A notice may reach into the neighbouring December or January (元旦 bridging the new year).
      const earliest = `${Number(year) - 1}-12-01`;
      const latest = `${Number(year) + 1}-01-31`;
      const outside = (d: string) => d < earliest || d > latest;

      entry.holidays.forEach((h, i) => {
        const path = [year, 'holidays', i];
        const label = `${h.name} ${h.from}–${h.to}`;
        if (!isDay(h.from) || !isDay(h.to)) return; // already reported by the field check
        if (h.to < h.from) return fail(path, `${label}: "to" is before "from"`);
        if (outside(h.from) || outside(h.to)) return fail(path, `${label}: not in ${year}`);
        const days = daysFrom(h.from, h.to);
        if (days.length > MAX_HOLIDAY_DAYS) return fail(path, `${label}: ${days.length} days is longer than any official holiday`);
        for (const d of days) {
          const earlier = off.get(d);
          if (earlier) return fail(path, `${label}: ${d} is already a holiday (${earlier})`);
          off.set(d, `${year} ${h.name}`);
        }
      });

      entry.workdays.forEach((w, i) => {
        const path = [year, 'workdays', i];
        const label = `${w.name} ${w.date}`;
        if (!isDay(w.date)) return;
        if (outside(w.date)) return fail(path, `${label}: not in ${year}`);
        if (!isWeekend(w.date)) return fail(path, `${label}: make-up workdays are weekend days, but ${w.date} is a weekday`);
        if (work.has(w.date)) return fail(path, `${label}: listed twice`);
        work.add(w.date);
      });
    }

    // Checked after all years, since a holiday and a make-up day may come from different notices.
    for (const [year, entry] of Object.entries(table.years)) {
      entry.workdays.forEach((w, i) => {
        const holiday = off.get(w.date);
        if (holiday) fail([year, 'workdays', i], `${w.name} ${w.date}: also listed as a holiday (${holiday})`);
      });
    }
  });

export type HolidayTable = z.infer<typeof tableSchema>;
export type HolidayYear = z.infer<typeof yearSchema>;
export type Holiday = z.infer<typeof holidaySchema>;
export type MakeUpWorkday = z.infer<typeof workdaySchema>;

/**
 * Working-day arithmetic over a checked holiday table. Build it from the config file with
 * `loadWorkCalendar()`, or from a table (a fixture in tests) with `new WorkCalendar(table)`;
 * either throws, naming the year and entry, when the table is malformed.
 */
export class WorkCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly makeUpDays = new Set<string>();
  private readonly years: Set<number>;

  constructor(table: HolidayTable, source = 'holiday table') {
    const parsed = tableSchema.safeParse(table);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`${source} is malformed:\n${lines.join('\n')}`);
    }
    for (const entry of Object.values(parsed.data.years)) {
      for (const h of entry.holidays) for (const d of daysFrom(h.from, h.to)) this.holidays.set(d, h.name);
      for (const w of entry.workdays) this.makeUpDays.add(w.date);
    }
    this.years = new Set(Object.keys(parsed.data.years).map(Number));
  }

  /**
   * Whether the table has the notice for `year`. When it does not, that year's holidays are
   * unknown and every Monday–Friday counts as a working day: warn the coordinator
   * (「2027 年节假日安排尚未录入 config/holidays.json」).
   */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** Whether people work on `day`: Monday–Friday unless a holiday, plus 调休 make-up weekends. */
  isWorkday(day: string): boolean {
    checkDay(day);
    if (this.holidays.has(day)) return false;
    return this.makeUpDays.has(day) || !isWeekend(day);
  }

  /** The holiday `day` belongs to, as the notice names it ('春节', '国庆节、中秋节'); undefined otherwise. */
  holidayName(day: string): string | undefined {
    checkDay(day);
    return this.holidays.get(day);
  }

  /** Whether `day` is a weekend day declared a working day (调休上班), e.g. 2025-09-28. */
  isMakeUpWorkday(day: string): boolean {
    checkDay(day);
    return this.makeUpDays.has(day);
  }

  /**
   * Counts working days from `day`, which itself never counts:
   * n > 0 is the n-th working day after it, n < 0 the |n|-th working day before it, and
   * n = 0 is `day` if it is a working day, else the next working day.
   *
   * ```ts
   * cal.addWorkdays('2026-02-13', 1);   // '2026-02-14', the make-up Saturday before 春节
   * cal.addWorkdays('2025-10-01', 0);   // '2025-10-09', the first working day after the holiday
   * ```
   */
  addWorkdays(day: string, n: number): string {
    checkDay(day);
    if (!Number.isInteger(n)) throw new RangeError(`addWorkdays needs a whole number of days, got ${n}`);
    if (n === 0) return this.isWorkday(day) ? day : this.addWorkdays(day, 1);
    const step = Math.sign(n);
    let d = day;
    for (let left = Math.abs(n); left > 0; ) {
      d = shiftDay(d, step);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /**
   * Working days from `a` to `b`: those after `a` up to and including `b`, negative when `b` is
   * earlier (then those from `b` up to but excluding `a`). It inverts `addWorkdays`: for a working
   * day `b`, `addWorkdays(a, workdaysBetween(a, b)) === b`. "Overdue by 3 working days" is
   * `workdaysBetween(dueDay, today) === 3`.
   */
  workdaysBetween(a: string, b: string): number {
    checkDay(a);
    checkDay(b);
    if (b < a) return -this.workdaysBetween(shiftDay(b, -1), shiftDay(a, -1));
    let count = 0;
    for (let d = shiftDay(a, 1); d <= b; d = shiftDay(d, 1)) if (this.isWorkday(d)) count++;
    return count;
  }
}

/** Reads and checks the holiday table; throws naming the file, year and entry when it is malformed. */
export function loadWorkCalendar(path = HOLIDAYS_FILE): WorkCalendar {
  return new WorkCalendar(readJsonFile(path) as HolidayTable, path);
}

function parts(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function isDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isRealDay(day);
}

function isRealDay(day: string): boolean {
  const [y, m, d] = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A malformed day would compare wrongly as a string and give a plausible, wrong answer: refuse it. */
function checkDay(day: string): void {
  if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
}

function isWeekend(day: string): boolean {
  const [y, m, d] = parts(day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day `n` days later. Noon in Jincheng (04:00 UTC) keeps the instant well inside the day. */
function shiftDay(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return formatDay(new Date(Date.UTC(y, m - 1, d + n, 4)));
}

/** Every day from `from` to `to`, inclusive. */
function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) out.push(d);
  return out;
}
