/**
 * Report values against the definition: reading what a person typed into a field (numerals in
 * any script, bounds, decimals) with a message naming the field, checking stored values with the
 * zod schema derived from the definition, and formatting a value back for display.
 *
 * ```ts
 * const { values, errors } = parseValues(loadDefinition(), { outbound_trips: '三', signed_investment: '1.5' });
 * ```
 */
import * as z from 'zod';
import { parseNumber } from '../text/numerals.ts';
import type { Localized } from '../text/locale.ts';
import type { ReportDefinition, ReportField } from './definition.ts';

export type ReportValues = Record<string, number | string>;

/**
 * Text as it may be stored: control characters (C0 except line breaks, DEL, C1) and invisible
 * direction overrides removed, tabs turned into spaces, CR LF into LF. Anything a person typed
 * that reaches the database (notes, reasons, comments) passes through here.
 */
export function stripControls(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}

/** What is wrong with one field's value, in both locales. */
export type FieldProblem = Localized;

/** The numeric fields (integer and decimal), in definition order. */
export function numericFields(def: ReportDefinition): ReportField[] {
  return def.fields.filter((f) => f.type !== 'text');
}

/** Field label as messages name it: 「签约总投资（亿元）」. The key is internal and never shown. */
export function fieldName(f: ReportField, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? `"${f.label.en}"` : `「${f.label['zh-CN']}」`;
}

/**
 * The zod schema of stored values, derived from the definition: integers for counts, numbers
 * with at most `decimals` places for money, bounded text for notes.
 */
export function valuesSchema(def: ReportDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of def.fields) {
    let s: z.ZodType;
    if (f.type === 'text') {
      s = z.string().max(f.maxLength ?? 1000);
    } else {
      let n = z.number();
      if (f.type === 'integer') n = n.int();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      const places = f.type === 'decimal' ? (f.decimals ?? 2) : 0;
      s = n.refine((v) => Math.abs(Math.round(v * 10 ** places) - v * 10 ** places) < 1e-6, `at most ${places} decimal places`);
    }
    shape[f.key] = f.required ? s : s.optional();
  }
  return z.object(shape).strict();
}

const DECIMAL_TEXT = /^\d+(?:\.\d+)?$/;

/**
 * Reads one typed value for a field. Accepts Arabic, full-width and unambiguous Chinese numerals
 * (`12`, `１２`, `十二`, `三`); refuses scientific notation, signs, words and ambiguous numerals,
 * with a message that names the field.
 */
export function parseFieldValue(f: ReportField, raw: string): { ok: true; value: number | string } | { ok: false; problem: FieldProblem } {
  const name = { zh: fieldName(f, 'zh-CN'), en: fieldName(f, 'en') };
  const text = stripControls(raw).trim();
  if (f.type === 'text') {
    const max = f.maxLength ?? 1000;
    if (text.length > max) return { ok: false, problem: { zh: `${name.zh}最多 ${max} 个字`, en: `${name.en} is limited to ${max} characters` } };
    return { ok: true, value: text };
  }
  const unit = f.unit ? { zh: f.unit['zh-CN'], en: ` ${f.unit.en}` } : { zh: '', en: '' };
  // "1 2" is two numbers, not 12: spaces may surround a number but never split one.
  if (/[\d０-９]\s+[\d０-９.,]/.test(text)) {
    return { ok: false, problem: { zh: `${name.zh}数字中间不能有空格：「${raw}」`, en: `${name.en}: a number cannot contain spaces: "${raw}"` } };
  }
  const half = text.normalize('NFKC').replace(/\s+/g, '');
  if (/^[-−]/.test(half)) return { ok: false, problem: { zh: `${name.zh}不能为负数：「${raw}」`, en: `${name.en} cannot be negative: "${raw}"` } };
  if (/\d[eE][-+]?\d/.test(half)) {
    return { ok: false, problem: { zh: `${name.zh}请写成普通数字，不要用科学计数法：「${raw}」`, en: `${name.en}: write a plain number, not scientific notation: "${raw}"` } };
  }
  const n = parseNumber(half);
  if (n === null || !Number.isFinite(n)) {
    return { ok: false, problem: { zh: `${name.zh}不是数字：「${raw}」`, en: `${name.en} is not a number: "${raw}"` } };
  }
  if (n < 0) return { ok: false, problem: { zh: `${name.zh}不能为负数：「${raw}」`, en: `${name.en} cannot be negative: "${raw}"` } };
  if (f.type === 'integer' && !Number.isInteger(n)) {
    return { ok: false, problem: { zh: `${name.zh}应为整数：「${raw}」`, en: `${name.en} must be a whole number: "${raw}"` } };
  }
  if (f.type === 'decimal') {
    const places = f.decimals ?? 2;
    const asText = DECIMAL_TEXT.test(half.replace(/,/g, '')) ? half.replace(/,/g, '') : String(n);
    const frac = asText.split('.')[1] ?? '';
    if (frac.replace(/0+$/, '').length > places) {
      return { ok: false, problem: { zh: `${name.zh}最多保留 ${places} 位小数：「${raw}」`, en: `${name.en} allows at most ${places} decimal places: "${raw}"` } };
    }
  }
  if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
    return {
      ok: false,
      problem: {
        zh: `${name.zh}超出范围（${f.min ?? '-∞'}–${f.max ?? '∞'}${unit.zh}）：「${raw}」`,
        en: `${name.en} is out of range (${f.min ?? '-∞'}–${f.max ?? '∞'}${unit.en}): "${raw}"`,
      },
    };
  }
  return { ok: true, value: f.type === 'decimal' ? Math.round(n * 100) / 100 : n };
}

export interface ParsedValues {
  values: ReportValues;
  /** Field key → problem; empty when everything parsed. Unknown keys are reported under their own key. */
  errors: Record<string, FieldProblem>;
}

/**
 * Parses raw typed strings into values, checking them against the schema derived from the
 * definition. With `base` (amending), fields not typed (or a number left empty) keep their stored
 * value; an optional text field typed empty is cleared.
 */
export function parseValues(def: ReportDefinition, raw: Record<string, string>, base?: ReportValues): ParsedValues {
  const errors: Record<string, FieldProblem> = {};
  const values: ReportValues = {};
  const known = new Set(def.fields.map((f) => f.key));
  for (const k of Object.keys(raw)) {
    if (!known.has(k)) {
      errors[k] = {
        zh: `不认识的字段「${k}」，可用：${def.fields.map((f) => f.key).join('、')}`,
        en: `Unknown field "${k}"; use one of: ${def.fields.map((f) => f.key).join(', ')}`,
      };
    }
  }
  for (const f of def.fields) {
    const r = raw[f.key];
    // An optional text field given empty (`--set notes=`, a form's notes cleared) is cleared, not kept.
    if (r !== undefined && !f.required && f.type === 'text' && stripControls(r).trim() === '') continue;
    if (r === undefined || r.trim() === '') {
      const kept = base?.[f.key];
      if (kept !== undefined) values[f.key] = kept;
      else if (f.required) errors[f.key] = { zh: `缺少${fieldName(f, 'zh-CN')}`, en: `Missing ${fieldName(f, 'en')}` };
      continue;
    }
    const p = parseFieldValue(f, r);
    if (p.ok) values[f.key] = p.value;
    else errors[f.key] = p.problem;
  }
  if (Object.keys(errors).length === 0) Object.assign(errors, checkValues(def, values).errors);
  return { values, errors };
}

/**
 * Checks values that were parsed already (a confirmed draft) against the schema derived from the
 * definition, without turning them back into text: the derived schema is the last word on what
 * may be stored.
 */
export function checkValues(def: ReportDefinition, values: ReportValues): ParsedValues {
  const errors: Record<string, FieldProblem> = {};
  const checked = valuesSchema(def).safeParse(values);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? '');
      const f = def.fields.find((x) => x.key === key);
      errors[key] = { zh: `${f ? fieldName(f, 'zh-CN') : key}：${issue.message}`, en: `${f ? fieldName(f, 'en') : key}: ${issue.message}` };
    }
  }
  return { values, errors };
}

/** The "本月无招商活动" values: real zeros in every numeric field. */
export function zeroValues(def: ReportDefinition): ReportValues {
  const v: ReportValues = {};
  for (const f of numericFields(def)) v[f.key] = 0;
  return v;
}

/** A value as people read it: 亿元 with two decimals. */
export function formatValue(f: ReportField, v: number | string | undefined): string {
  if (v === undefined || v === '') return '';
  if (typeof v === 'number' && f.type === 'decimal') return v.toFixed(f.decimals ?? 2);
  return String(v);
}
