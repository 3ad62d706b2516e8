/**
 * When the deadline scheduler acts, as plain dates on China's working-day calendar.
 *
 * For the report of month M, due on `dueDay` of M+1:
 * - reporters of units that have not reported are reminded `remindBeforeWorkdays` working days
 *   before the due day (`before`), on the due day (`due`; on the last working day before it
 *   when the due day is a holiday), and on the first working day after it (`after`);
 * - `escalateAfterWorkdays` working days after the due day the coordinators get the list of
 *   units still missing (`escalation`);
 * - the month's status board opens on the first working day of M+1.
 * (2025-09-28 is a Sunday made a working day for the National Day holiday.)
 * For quarter Q, units at risk of missing the quarterly quota are named on the first working
 * day after the quarter's second month is due (`atRisk`), and the quota digest goes out on the
 * escalation day of its last month (`digest`), when its figures should all be in.
 *
 * Each action has a window: from its day until the next stage (reminders), or until the month
 * locks. A bot that was down on the day catches up within the window, and only with the latest
 * stage — never a stale pile of reminders.
 *
 * ```ts
 * monthSchedule('2025-09', policy, calendar)
 * // { dueDay: '2025-10-05', reminders: [{ stage: 'before', day: '2025-09-28' }, { stage: 'due', day: '2025-09-30' },
 * //   { stage: 'after', day: '2025-10-09' }], escalation: '2025-10-10', … }
 * ```
 */
import { addMonths, deadline, lastDayBefore, lockTime, monthsOfQuarter, quarterOf, splitMonth, monthKey } from './months.ts';

/** The working-day arithmetic the schedule needs (implemented by WorkCalendar in workdays.ts). */
export interface WorkdayCalendar {
  isWorkday(day: string): boolean;
  /** n > 0: the n-th working day after `day`; n < 0: before it; 0: `day` or the next working day. */
  addWorkdays(day: string, n: number): string;
  /** False when the holiday table has no entry for the year (only weekends are known then). */
  covers(year: number): boolean;
}

export interface ReminderPolicy {
  /** Day of M+1 the report of M is due. */
  dueDay: number;
  /** Calendar days after the due day when the month locks. */
  lockDays: number;
  /** Working days before the due day for the first reminder (default 3). */
  remindBeforeWorkdays: number;
  /** Working days after the due day when coordinators are told who is late (default 2). */
  escalateAfterWorkdays: number;
}

export type ReminderStage = 'before' | 'due' | 'after';

export interface MonthSchedule {
  month: string;
  /** The last day a report is on time (YYYY-MM-DD). */
  dueDay: string;
  /** The last day reporters may write without a coordinator reopening the month. */
  lockDay: string;
  /** The day the month's status board is posted. */
  boardOpens: string;
  /** Reporter reminders, in date order; at most one per day. */
  reminders: Array<{ stage: ReminderStage; day: string }>;
  escalation: string;
}

export interface QuarterSchedule {
  quarter: string;
  atRisk: string;
  /** The last day of the quarter: after it, "at risk" makes no sense any more. */
  atRiskUntil: string;
  digest: string;
  digestUntil: string;
}

/** Day arithmetic on YYYY-MM-DD strings (calendar days, no time zone involved). */
export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function previousWorkdayOrSame(cal: WorkdayCalendar, day: string): string {
  return cal.isWorkday(day) ? day : cal.addWorkdays(day, -1);
}

export function monthSchedule(month: string, policy: ReminderPolicy, cal: WorkdayCalendar): MonthSchedule {
  const dueDay = lastDayBefore(deadline(month, policy.dueDay));
  const lockDay = lastDayBefore(lockTime(month, policy.dueDay, policy.lockDays));
  const stages: Array<{ stage: ReminderStage; day: string }> = [
    { stage: 'before', day: cal.addWorkdays(dueDay, -policy.remindBeforeWorkdays) },
    { stage: 'due', day: previousWorkdayOrSame(cal, dueDay) },
    { stage: 'after', day: cal.addWorkdays(dueDay, 1) },
  ];
  // Two stages on one day (e.g. remindBeforeWorkdays = 0) become one reminder: the later stage.
  const byDay = new Map<string, { stage: ReminderStage; day: string }>();
  for (const s of stages) byDay.set(s.day, s);
  const reminders = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  const { y, m } = splitMonth(addMonths(month, 1));
  return {
    month,
    dueDay,
    lockDay,
    boardOpens: cal.addWorkdays(`${monthKey(y, m)}-01`, 0),
    reminders,
    escalation: cal.addWorkdays(dueDay, policy.escalateAfterWorkdays),
  };
}

export function quarterSchedule(quarter: string, policy: ReminderPolicy, cal: WorkdayCalendar): QuarterSchedule {
  const months = monthsOfQuarter(quarter);
  const second = monthSchedule(months[1]!, policy, cal);
  const last = monthSchedule(months[2]!, policy, cal);
  const { y, m } = splitMonth(addMonths(months[2]!, 1));
  return {
    quarter,
    atRisk: cal.addWorkdays(second.dueDay, 1),
    atRiskUntil: addDays(`${monthKey(y, m)}-01`, -1),
    digest: last.escalation,
    digestUntil: last.lockDay,
  };
}

/**
 * The reminder stage whose window contains `day`: from the stage's day until the next stage's
 * day, the last one until the month locks. Undefined outside every window.
 */
export function reminderStageOn(s: MonthSchedule, day: string): ReminderStage | undefined {
  for (let i = s.reminders.length - 1; i >= 0; i--) {
    const r = s.reminders[i]!;
    const until = s.reminders[i + 1]?.day;
    if (day >= r.day && (until === undefined ? day <= s.lockDay : day < until)) return r.stage;
  }
  return undefined;
}

/** True when the month's escalation is due on `day` (within its window). */
export function escalationOn(s: MonthSchedule, day: string): boolean {
  return day >= s.escalation && day <= s.lockDay;
}

/** Months whose reminders or board may be active on `day`: the two before its month, and its month. */
export function monthsWatchedOn(day: string): string[] {
  const cur = day.slice(0, 7);
  return [addMonths(cur, -2), addMonths(cur, -1), cur];
}

/** Quarters whose digests may be due on `day`: the running one and the one before. */
export function quartersWatchedOn(day: string): string[] {
  const cur = day.slice(0, 7);
  return [quarterOf(addMonths(cur, -3)), quarterOf(cur)];
}
