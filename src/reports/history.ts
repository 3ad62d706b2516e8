/**
 * A unit's own view of its reports: which month to file by default, its months with status and
 * revisions (`/report history`), and what an amendment changes (old → new).
 *
 * Pure functions over the store's public reads, so they survive a split of the store.
 *
 * ```ts
 * defaultReportMonth(store, '城区')   // '2025-03' on 04-07 while March is unreported, else the current month
 * diffValues(def, { projects_docked: 3 }, { projects_docked: 4 })
 * // [{ key: 'projects_docked', label: …, before: '3', after: '4' }]
 * ```
 */
import type { ReportDefinition } from './definition.ts';
import type { ReportValues } from './values.ts';
import { findUnit, unitActiveIn } from './definition.ts';
import { formatValue } from './values.ts';
import { addMonths, chinaIso, monthEnded } from './months.ts';
import type { ReportStatus, ReportStore, ReportView } from './store.ts';

/** How far back an unreported month is still looked for (older months are locked long since). */
const LOOK_BACK_MONTHS = 12;

/**
 * The month `/report submit` opens when none is named: the oldest month the unit has not
 * reported that is still open to its reporters (not locked, or reopened, or returned), else the
 * current month. With `ended`, only months that are over count (for "no activity").
 */
export function defaultReportMonth(store: ReportStore, unitText: string, opts: { ended?: boolean } = {}): string {
  const now = store.now();
  const current = store.currentMonth();
  const unit = findUnit(store.roster, unitText);
  if (!unit) return store.dueMonth();
  for (let i = LOOK_BACK_MONTHS; i >= 1; i--) {
    const month = addMonths(current, -i);
    if (!unitActiveIn(unit, month)) continue;
    const v = store.show(unit.name, month);
    if (v.status === 'missing' && (!v.locked || v.returned)) return month;
  }
  return opts.ended && !monthEnded(current, now) ? addMonths(current, -1) : current;
}

export interface HistoryLine {
  month: string;
  status: ReportStatus;
  /** True once the month's due day has passed: a `missing` month before it reads 未到截止日. */
  overdue: boolean;
  /** 退回待改: returned for correction and not yet amended. */
  returned: boolean;
  noActivity: boolean;
  revisions: number;
  /** Last change, China time with its offset like every JSON time (`2025-04-07T10:00:00+08:00`), or null when never reported. */
  lastChange: string | null;
  lastChangeBy: string | null;
  locked: boolean;
}

/**
 * A unit's months, newest first, from the first month it was in force (at most `months` back)
 * up to the current month, each with status, revision count and last change.
 */
export function unitHistory(store: ReportStore, unitName: string, months = 12): HistoryLine[] {
  const unit = findUnit(store.roster, unitName);
  if (!unit) return [];
  const current = store.currentMonth();
  const out: HistoryLine[] = [];
  for (let i = 0; i < months; i++) {
    const month = addMonths(current, -i);
    if (!unitActiveIn(unit, month)) continue;
    out.push(historyLine(store.show(unit.name, month)));
  }
  return out;
}

function historyLine(v: ReportView): HistoryLine {
  const changed = v.excused && !v.updatedAt ? v.excused.at : v.updatedAt;
  return {
    month: v.month,
    status: v.status,
    overdue: v.overdue,
    returned: v.returned !== undefined,
    noActivity: v.noActivity,
    revisions: v.revisions,
    lastChange: changed ? chinaIso(changed) : null,
    lastChangeBy: v.excused && !v.updatedAt ? v.excused.by : (v.updatedBy ?? null),
    locked: v.locked,
  };
}

export interface ValueChange {
  key: string;
  label: { 'zh-CN': string; en: string };
  /** Formatted as the form shows it (`1.50`), '' when empty. */
  before: string;
  after: string;
}

/** What an amendment changes, field by field in definition order (unchanged fields left out). */
export function diffValues(def: ReportDefinition, before: ReportValues, after: ReportValues): ValueChange[] {
  const out: ValueChange[] = [];
  for (const f of def.fields) {
    const a = formatValue(f, before[f.key]);
    const b = formatValue(f, after[f.key]);
    if (a !== b) out.push({ key: f.key, label: f.label, before: a, after: b });
  }
  return out;
}
