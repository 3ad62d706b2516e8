/**
 * Monthly summary: every expected unit's figures for a month, the 合计 row, the year to date
 * (本年累计) and year on year (同比) where last year's data exists.
 *
 * Reads one range of reports (January of last year to the month) in one query and sums in
 * memory: 7 units × 24 months is nothing, and it keeps the sums in one place for the table,
 * the export and the target progress.
 */
import type { ReportField } from './definition.ts';
import type { ReportValues } from './values.ts';
import { numericFields } from './values.ts';
import { addMonths, monthKey, splitMonth } from './months.ts';
import type { ReportStatus, ReportStore } from './store.ts';

export type Totals = Record<string, number>;

export interface SummaryRow {
  unit: string;
  kind: 'county' | 'zone';
  status: ReportStatus;
  /** True once the month's due day has passed (a `missing` unit before it reads 未到截止日). */
  overdue: boolean;
  /** Current values, or null when the unit has not reported (or is excused). */
  values: ReportValues | null;
}

export interface Summary {
  month: string;
  fields: ReportField[];
  rows: SummaryRow[];
  /** 合计 of the month. */
  total: Totals;
  /** 本年累计: January to the month, all units. */
  ytd: Totals;
  /** Same month last year (合计), when any unit reported it. */
  lastYear?: Totals;
  /** Last year's January-to-month total, when any report exists in that range. */
  lastYearYtd?: Totals;
  /** 同比 in percent (month total vs last year's), null where last year's figure is 0. */
  yoy?: Record<string, number | null>;
  reported: number;
  /** Units expected to report: active in the month and not excused (the 应报 of `report missing`). */
  expected: number;
  /** Units excused (免报) that month without a report. */
  excused: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Sums the numeric fields of some reports. */
export function sumValues(fields: ReportField[], list: Iterable<ReportValues>): Totals {
  const t: Totals = Object.fromEntries(fields.map((f) => [f.key, 0]));
  for (const v of list) for (const f of fields) t[f.key] = t[f.key]! + Number(v[f.key] ?? 0);
  for (const f of fields) t[f.key] = round2(t[f.key]!);
  return t;
}

/** The month's summary table with totals, year to date and year on year. */
export function buildSummary(store: ReportStore, month: string): Summary {
  const fields = numericFields(store.definition);
  const { y } = splitMonth(month);
  const all = store.valuesBetween(monthKey(y - 1, 1), month);
  const pick = (from: string, to: string) => {
    const out: ReportValues[] = [];
    for (const months of all.values()) for (const [mm, v] of months) if (mm >= from && mm <= to) out.push(v);
    return out;
  };
  const views = store.monthViews(month);
  const rows: SummaryRow[] = views.map((v) => ({
    unit: v.unit,
    kind: store.roster.units.find((u) => u.name === v.unit)?.kind ?? 'county',
    status: v.status,
    overdue: v.overdue,
    values: v.revisions > 0 ? v.values : null,
  }));
  const total = sumValues(fields, rows.flatMap((r) => (r.values ? [r.values] : [])));
  const ytd = sumValues(fields, pick(monthKey(y, 1), month));
  // 应报 as `report missing` counts it: an excused unit is not expected (one that reported anyway counts).
  const excused = rows.filter((r) => !r.values && r.status === 'excused').length;
  const summary: Summary = { month, fields, rows, total, ytd, reported: rows.filter((r) => r.values).length, expected: rows.length - excused, excused };
  const lastMonth = addMonths(month, -12);
  const ly = pick(lastMonth, lastMonth);
  if (ly.length > 0) {
    summary.lastYear = sumValues(fields, ly);
    summary.lastYearYtd = sumValues(fields, pick(monthKey(y - 1, 1), lastMonth));
    summary.yoy = Object.fromEntries(
      fields.map((f) => {
        const before = summary.lastYear![f.key]!;
        return [f.key, before === 0 ? null : Math.round(((total[f.key]! - before) / before) * 1000) / 10];
      }),
    );
  }
  return summary;
}

/** Year-to-date totals for the whole city (all units), January to `month` inclusive. */
export function yearToDate(store: ReportStore, month: string): Totals {
  const { y } = splitMonth(month);
  const all = store.valuesBetween(monthKey(y, 1), month);
  return sumValues(numericFields(store.definition), [...all.values()].flatMap((ms) => [...ms.values()]));
}
