/**
 * Small shared pieces of the reports flows: failure replies, value formatting, the form.
 */
import type { Failure, Problem, ReportDefinition, ReportField, ReportValues, ReportView, Unit } from '../../reports/index.ts';
import { formatValue, parseMonth, type ReportStore } from '../../reports/index.ts';
import type { Invocation } from '../core/context.ts';
import type { FormField, FormRequest } from '../core/form.ts';
import { tr } from '../core/i18n.ts';
import type { Locale, Reply } from '../core/reply.ts';
import { reply } from '../core/reply.ts';
import type { Localized } from '../../text/locale.ts';

export const t = (L: Locale, p: Problem): string => tr(L, p.zh, p.en);

/** A domain refusal or bad input as an error reply; field errors go where forms show them. */
export function failureReply(L: Locale, f: Failure): Reply {
  const r = reply.error(L, f.problem, {
    error: f.code,
    message: f.problem.zh,
    ...(f.fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(f.fieldErrors).map(([k, p]) => [k, p.zh])) } : {}),
    ...(f.warnings ? { warnings: f.warnings.map((w) => ({ code: w.code, field: w.field, message: w.problem.zh })) } : {}),
  });
  if (f.fieldErrors) r.fieldErrors = Object.fromEntries(Object.entries(f.fieldErrors).map(([k, p]) => [k, t(L, p)]));
  return r;
}

export const STATUS_TEXT: Record<ReportView['status'], Localized> = {
  on_time: { zh: '按时报送', en: 'on time' },
  late: { zh: '迟报', en: 'late' },
  missing: { zh: '未报', en: 'missing' },
  excused: { zh: '免报', en: 'excused' },
};

export function fieldLabel(f: ReportField, L: Locale): string {
  const label = L === 'en' ? f.label.en : f.label['zh-CN'];
  return label.slice(0, 45);
}

/** "3 次", "1.50 亿元": a value with its unit, for cards and tables. */
export function valueText(f: ReportField, v: number | string | undefined, L: Locale): string {
  const s = formatValue(f, v);
  if (s === '') return '—';
  if (f.type === 'text' || !f.unit) return s;
  const unit = L === 'en' ? f.unit.en : f.unit['zh-CN'];
  const label = L === 'en' ? f.label.en : f.label['zh-CN'];
  return label.includes(unit) ? s : L === 'en' ? `${s} ${unit}` : `${s} ${unit}`;
}

/** The fields of a report as label/value pairs, exactly as stored. */
export function valueFields(def: ReportDefinition, values: ReportValues, L: Locale): Array<{ label: string; value: string }> {
  return def.fields.filter((f) => f.type !== 'text' || values[f.key]).map((f) => ({ label: fieldLabel(f, L), value: valueText(f, values[f.key], L) }));
}

/** The monthly report form, derived from the definition (labels ≤ 45, title ≤ 24 characters). */
/** True when a label already names its unit in brackets: 签约总投资（亿元）, Signed investment (100M yuan). */
function labelNamesUnit(label: string, unit: string): boolean {
  return label.includes(`（${unit}）`) || label.includes(`(${unit})`);
}

export function reportForm(opts: {
  def: ReportDefinition;
  id: string;
  unit: Unit;
  month: string;
  L: Locale;
  initial?: Record<string, string | number>;
  withReason?: boolean;
}): FormRequest {
  const { def, L } = opts;
  const fields: FormField[] = def.fields.map((f) => ({
    key: f.key,
    label: fieldLabel(f, L),
    kind: f.type,
    // The unit is left out where the label already says it (签约总投资（亿元）), so no surface prints it twice.
    // (Bracketed only: 外出招商次数 contains 次 as a word, not as its unit.)
    unit: f.unit && !labelNamesUnit(fieldLabel(f, L), L === 'en' ? f.unit.en : f.unit['zh-CN']) ? (L === 'en' ? f.unit.en : f.unit['zh-CN']) : undefined,
    min: f.min,
    max: f.max,
    decimals: f.type === 'decimal' ? (f.decimals ?? 2) : f.type === 'integer' ? 0 : undefined,
    required: f.required,
    multiline: f.type === 'text' ? true : undefined,
    maxLength: f.maxLength,
    placeholder: f.type === 'text' ? tr(L, '选填', 'optional') : f.type === 'decimal' ? '0.00' : '0',
    initial: opts.initial?.[f.key] !== undefined ? String(opts.initial[f.key]) : undefined,
  }));
  if (opts.withReason) {
    fields.push({
      key: 'reason',
      label: tr(L, '更正原因', 'Reason for the correction'),
      kind: 'text',
      required: true,
      maxLength: 200,
      initial: opts.initial?.reason !== undefined ? String(opts.initial.reason) : undefined,
    });
  }
  const title = L === 'en' ? `${opts.unit.nameEn ?? 'Report'} ${opts.month}` : `${opts.unit.name} ${opts.month} 月报`;
  return { id: opts.id, title: title.slice(0, 24), fields, submitLabel: tr(L, '下一步', 'Next') };
}

/** The month an option names (`2025-03`, `3月`, `上月`…), else the month now due; an error Reply when unreadable. */
export function monthArg(store: Pick<ReportStore, 'lastMonth' | 'now'>, inv: Invocation, L: Locale, option = 'month'): { month: string } | Reply {
  const raw = inv.options[option];
  if (raw === undefined || String(raw).trim() === '') return { month: store.lastMonth() };
  const m = parseMonth(String(raw), store.now());
  if (!m.ok) return reply.error(L, m.problem, { error: 'bad_month' });
  return { month: m.month };
}

/** A unit as a reader of this locale names it: the roster's English name (nameEn) in English, else its Chinese name. */
export function unitName(store: Pick<ReportStore, 'roster'>, unit: string, L: Locale): string {
  if (L !== 'en') return unit;
  return store.roster.units.find((u) => u.name === unit)?.nameEn ?? unit;
}
