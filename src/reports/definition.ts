/**
 * The report definition and the roster: coordinator-editable config files
 * (`config/report-definition.json`, `config/roster.json`), validated on load.
 *
 * Everything else is derived from them — the form, the zod schema that checks submitted values
 * (values.ts), the export columns, the summary table — so a coordinator who adds a field or a
 * unit edits one file and every surface follows.
 *
 * ```ts
 * const def = loadDefinition();           // default config file
 * findUnit(loadRoster(), '城区')?.name    // '城区'
 * ```
 */
import * as z from 'zod';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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
