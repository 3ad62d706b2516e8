/**
 * Quarterly quota compliance and annual target progress, computed by the rule module from the
 * stored months. The thresholds and their clauses live in `src/rules` only; this file just
 * gathers the figures.
 *
 * A month with no report in a closed quarter is passed as `missing`: the rule answers `met` if the
 * other months already reach the quota, else `undetermined`. An excused month (免报) is no
 * activity, not missing.
 */
import { currentQuarter, evaluateQuarterlyQuota, METRIC_LABELS, targetProgress, type MonthFigures, type QuotaAnswer, type TargetProgress } from '../rules/index.ts';
import { addMonths, monthKey, monthsOfQuarter, quarterOf, splitMonth } from './months.ts';
import type { ReportStore } from './store.ts';
import type { Localized } from '../text/locale.ts';

/**
 * The quarterly quota outcome words (the rule module's codes) as people read them, defined once for
 * /compliance, the quarter digest and the export. "Undetermined" needs no "(缺报)": every table
 * that shows it lists the missing months beside it.
 */
export const QUOTA_OUTCOME: Record<string, Localized> = {
  met: { zh: '达标', en: 'met' },
  not_met: { zh: '未达标', en: 'not met' },
  undetermined: { zh: '无法判定', en: 'undetermined' },
  on_track: { zh: '尚未达标（进度正常）', en: 'not met yet (on track)' },
  at_risk: { zh: '尚未达标（有风险）', en: 'not met yet (at risk)' },
};

export interface UnitCompliance {
  unit: string;
  outcome: QuotaAnswer['outcome'];
  outbound_trips: number;
  projects_docked: number;
  stillNeeded: QuotaAnswer['stillNeeded'];
  monthsLeft: number;
  /** Months of the quarter whose due day has passed with no figures, not excused (缺报). */
  missingMonths: string[];
  /** Months over but not reported yet whose due day has not passed (未到截止日): not missing yet. */
  notDueMonths: string[];
  /** Months the unit was excused from (免报): counted as no activity, never as missing. */
  excusedMonths: string[];
  /** Months of the quarter with figures; none = the unit has not reported in the quarter (未报, not 0). */
  reportedMonths: string[];
  explanation: string;
  explanationEn: string;
  citations: QuotaAnswer['citations'];
}

export interface ComplianceReport {
  quarter: string;
  running: boolean;
  units: UnitCompliance[];
}

/** The quarter now running in Jincheng. */
export function runningQuarter(store: ReportStore): string {
  return currentQuarter(store.now());
}

/**
 * The quarter a coordinator means when naming none: in the first month of a quarter, until the
 * digest of the quarter that just ended has gone out, that quarter (the new one has everyone at
 * 0/0); otherwise the running quarter.
 */
export function defaultComplianceQuarter(store: ReportStore): string {
  const running = runningQuarter(store);
  const first = monthsOfQuarter(running)[0]!;
  const previous = quarterOf(addMonths(first, -1));
  return store.currentMonth() === first && !store.notifications.has(`digest:${previous}`) ? previous : running;
}

/** Quota compliance of every unit expected in the quarter, counties first. */
export function computeCompliance(store: ReportStore, quarter: string): ComplianceReport {
  const months = monthsOfQuarter(quarter);
  const all = store.valuesBetween(months[0]!, months[2]!);
  const now = store.now();
  const cur = store.currentMonth();
  const views = new Map(months.map((m) => [m, store.monthViews(m)]));
  const unitsWith = (m: string, keep: (v: ReturnType<ReportStore['monthViews']>[number]) => boolean) => new Set(views.get(m)!.filter(keep).map((v) => v.unit));
  const excused = new Map(months.map((m) => [m, unitsWith(m, (v) => v.status === 'excused')]));
  const notDue = new Map(months.map((m) => [m, unitsWith(m, (v) => v.status === 'missing' && !v.overdue)]));
  const units = store.activeUnits(months[0]!).concat(store.activeUnits(months[2]!)).filter((u, i, a) => a.findIndex((x) => x.name === u.name) === i);
  const out: UnitCompliance[] = [];
  for (const u of units) {
    const figures: MonthFigures[] = [];
    const missingMonths: string[] = [];
    const notDueMonths: string[] = [];
    const excusedMonths: string[] = [];
    const reportedMonths: string[] = [];
    for (const m of months) {
      const v = all.get(u.name)?.get(m);
      if (v) reportedMonths.push(m);
      if (v) figures.push({ month: m, outbound_trips: Number(v.outbound_trips ?? 0), projects_docked: Number(v.projects_docked ?? 0) });
      else if (excused.get(m)?.has(u.name)) {
        // 免报: the coordinator accepted that there was nothing to report — no activity, not a gap.
        figures.push({ month: m, outbound_trips: 0, projects_docked: 0 });
        excusedMonths.push(m);
      } else if (m < cur && notDue.get(m)?.has(u.name)) {
        figures.push({ month: m, notDue: true });
        notDueMonths.push(m);
      } else {
        figures.push({ month: m, missing: true });
        if (m < cur) missingMonths.push(m);
      }
    }
    const a = evaluateQuarterlyQuota({ quarter, unit: u.name, months: figures, now });
    out.push({
      unit: u.name,
      outcome: a.outcome,
      outbound_trips: a.outbound_trips,
      projects_docked: a.projects_docked,
      stillNeeded: a.stillNeeded,
      monthsLeft: a.monthsLeft,
      missingMonths,
      notDueMonths,
      excusedMonths,
      reportedMonths,
      explanation: a.explanation,
      explanationEn: a.explanationEn,
      citations: a.citations,
    });
  }
  return { quarter, running: quarter === currentQuarter(now), units: out };
}

export interface TargetLine extends TargetProgress {
  label: Localized;
  /** The actual in the target's display unit (亿元 for money). */
  actualDisplay: string;
  /** Which report field feeds it, when one does. */
  field?: string;
}

/**
 * City progress toward the year's targets: year-to-date totals of the fields linked to a target
 * metric (`targetMetric` in the definition), scaled to the rule module's base units.
 */
export function targetLines(store: ReportStore, month: string): { year: number; lines: TargetLine[] } {
  const { y } = splitMonth(month);
  const linked = store.definition.fields.filter((f) => f.targetMetric);
  const all = store.valuesBetween(monthKey(y, 1), month);
  const actuals: Record<string, number> = {};
  for (const f of linked) {
    let sum = 0;
    for (const ms of all.values()) for (const v of ms.values()) sum += Number(v[f.key] ?? 0);
    actuals[f.targetMetric!] = Math.round(sum * 100) / 100 * (f.targetScale ?? 1);
  }
  const progress = targetProgress(y, actuals as Parameters<typeof targetProgress>[1]);
  const lines = progress
    .filter((p) => p.level === 'city')
    .map((p) => {
      const f = linked.find((x) => x.targetMetric === p.metric);
      const shown = p.actual === undefined ? '—' : f?.targetScale ? (p.actual / f.targetScale).toFixed(2) + (f.unit?.['zh-CN'] ?? '') : `${p.actual}${p.unit}`;
      return { ...p, label: METRIC_LABELS[p.metric], actualDisplay: shown, field: f?.key };
    });
  return { year: y, lines };
}
