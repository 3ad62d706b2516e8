/**
 * Who has reported for a month and who has not: a pure tally over the month's report views,
 * behind `ReportStore.missing` (the missing list, reminders, the status board, compliance).
 */
import { deadline, lastDayBefore } from './months.ts';
import type { MissingReport, ReportView } from './storeTypes.ts';

/**
 * The month's completeness from every expected unit's view: who has not reported (with the
 * reporters to mention), who was late, on time, excused or returned, and the rates over the
 * units still expected (an excused unit is not).
 */
export function tallyMissing(month: string, views: ReportView[], reportersOf: (unit: string) => string[], dueDay: number, now: Date): MissingReport {
  const out: MissingReport = {
    month,
    missing: [],
    late: [],
    excused: [],
    onTime: [],
    returned: [],
    expected: views.length,
    completeness: 0,
    onTimeRate: 0,
    deadline: lastDayBefore(deadline(month, dueDay)),
    overdue: now >= deadline(month, dueDay),
  };
  for (const v of views) {
    if (v.status === 'missing') out.missing.push({ unit: v.unit, reporters: reportersOf(v.unit) });
    else if (v.status === 'late') out.late.push({ unit: v.unit, submittedAt: v.firstSubmittedAt! });
    else if (v.status === 'excused') out.excused.push({ unit: v.unit, reason: v.excused?.reason ?? '' });
    else out.onTime.push({ unit: v.unit, submittedAt: v.firstSubmittedAt! });
  }
  // An excused unit is not expected: 应报 and the rates count the same units.
  const base = views.length - out.excused.length;
  out.expected = base;
  out.returned = views.filter((v) => v.returned).map((v) => ({ unit: v.unit, comment: v.returned!.comment }));
  const pct = (n: number) => (base === 0 ? 100 : Math.round((n / base) * 1000) / 10);
  out.completeness = pct(out.onTime.length + out.late.length);
  out.onTimeRate = pct(out.onTime.length);
  return out;
}
