/**
 * The report definition and the roster: coordinator-editable config files
 * (`config/report-definition.json`, `config/roster.json`), validated on load.
 *
 * Everything else is derived from them — the form, the zod schema that checks submitted values,
 * the export columns, the summary table — so a coordinator who adds a field or a unit edits one
 * file and every surface follows.
 *
 * ```ts
 * const def = loadDefinition();           // default config file
 * const { values, errors } = parseValues(def, { outbound_trips: '三', signed_investment: '1.5' });
 * ```
 */
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNumber } from '../text/numerals.ts';
import type { Localized } from '../text/locale.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFINITION_FILE = resolve(REPO_ROOT, 'config', 'report-definition.json');
export const ROSTER_FILE = resolve(REPO_ROOT, 'config', 'roster.json');

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

const fieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    label: localized,
    short: localized.optional(),
    type: z.enum(['integer', 'decimal', 'text']),
    decimals: z.number().int().min(0).max(6).optional(),
    unit: localized.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().optional(),
    required: z.boolean(),
    targetMetric: z.string().optional(),
    /** Multiply a value by this to get the rule module's base unit (亿元 → 元: 100000000). */
    targetScale: z.number().positive().optional(),
  })
  .refine((f) => f.label['zh-CN'].length <= 45 && f.label.en.length <= 45, 'labels must be at most 45 characters');

const definitionSchema = z.object({
  title: localized,
  fields: z.array(fieldSchema).min(1),
  warnings: z.object({
    medianFactor: z.number().positive(),
    medianMonths: z.number().int().positive(),
    minHistory: z.number().int().positive(),
    pairs: z.array(z.tuple([z.string(), z.string()])),
  }),
});

export type ReportField = z.infer<typeof fieldSchema>;
export type ReportDefinition = z.infer<typeof definitionSchema>;

const unitSchema = z.object({
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  kind: z.enum(['county', 'zone']),
  from: monthText.optional(),
  until: monthText.optional(),
  aliases: z.array(z.string()).optional(),
});
const rosterSchema = z.object({ units: z.array(unitSchema).min(1) });

export type Unit = z.infer<typeof unitSchema>;
export type Roster = z.infer<typeof rosterSchema>;

/**
 * Reads a JSON config file. A syntax error names the file, line and column (JSON.parse only gives
 * a character position), a missing or unreadable file names the file.
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = (err as Error).message.replace(/,\s*(\.\.\.)?".*$/s, '');
    const at = /position (\d+)/.exec(message);
    const pos = at ? Number(at[1]) : syntaxErrorOffset(text);
    const before = text.slice(0, pos).split('\n');
    const where = /line \d+/.test(message) ? '' : `line ${before.length} column ${before.at(-1)!.length + 1}: `;
    throw new Error(`${file}: JSON syntax error: ${where}${message}`);
  }
}

/**
 * Where JSON.parse stops making sense, when its message does not say (Node 20 often does not):
 * the shortest prefix that fails for a reason other than ending too early contains the error.
 */
function syntaxErrorOffset(text: string): number {
  const endsEarly = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      const m = (e as Error).message;
      if (/end of JSON input/.test(m)) return true;
      const at = /position (\d+)/.exec(m);
      return at !== null && Number(at[1]) >= n;
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endsEarly(mid + 1)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function loadJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(readJsonFile(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Reads and checks the report definition; throws naming the file and path when it is malformed. */
export function loadDefinition(file = DEFINITION_FILE): ReportDefinition {
  const def = loadJson(file, definitionSchema);
  const keys = new Set<string>();
  for (const f of def.fields) {
    if (keys.has(f.key)) throw new Error(`${file}: fields: duplicate field key "${f.key}"`);
    keys.add(f.key);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) throw new Error(`${file}: field "${f.key}": min (${f.min}) is greater than max (${f.max})`);
  }
  for (const [a, b] of def.warnings.pairs) {
    if (!keys.has(a) || !keys.has(b)) throw new Error(`${file}: warnings.pairs names an unknown field (${a}, ${b})`);
  }
  return def;
}

/** Reads and checks the roster; unit names must be unique. */
export function loadRoster(file = ROSTER_FILE): Roster {
  const roster = loadJson(file, rosterSchema);
  // Every name and alias must lead to exactly one unit, or a typed name could mean two units.
  const owner = new Map<string, string>();
  for (const u of roster.units) {
    if (owner.has(u.name)) throw new Error(`${file}: duplicate unit ${u.name}`);
    owner.set(u.name, u.name);
  }
  for (const u of roster.units) {
    if (u.from && u.until && u.until < u.from) throw new Error(`${file}: unit ${u.name}: until (${u.until}) is before from (${u.from})`);
    for (const alias of u.aliases ?? []) {
      const other = owner.get(alias);
      if (other && other !== u.name) throw new Error(`${file}: unit ${u.name}: alias "${alias}" is already ${other === alias ? 'the name' : 'an alias'} of unit ${other}`);
      owner.set(alias, u.name);
    }
  }
  return roster;
}

/** Counties first, then zones, each in roster order — the layout Chinese offices expect. */
export function orderedUnits(roster: Roster): Unit[] {
  return [...roster.units.filter((u) => u.kind === 'county'), ...roster.units.filter((u) => u.kind === 'zone')];
}

/** Whether a unit is expected to report for a month (inside its effective dates). */
export function unitActiveIn(unit: Unit, month: string): boolean {
  return (!unit.from || month >= unit.from) && (!unit.until || month <= unit.until);
}

/** Finds a unit by its name or an alias (spaces ignored). */
export function findUnit(roster: Roster, text: string): Unit | undefined {
  const t = text.replace(/\s+/g, '').normalize('NFKC');
  return (
    roster.units.find((u) => u.name === t) ??
    roster.units.find((u) => u.aliases?.includes(t) || u.nameEn?.toLowerCase() === t.toLowerCase())
  );
}

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
 * definition. With `base` (amending), fields not typed keep their stored value.
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
