/**
 * `corpus/metadata.json`: per-file values a document's header lacks or gets wrong —
 * `{ "some-file.txt": { "title": "…", "docNo": null, "issuer": "…", "date": "2023-11-30" } }`.
 *
 * Read field by field: a malformed field is reported (file and field, in plain words, Chinese then
 * English) and ignored on its own, so the entry's valid fields — above all a 文号 override, which
 * decides which copy of a document is kept — still apply.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { Localized } from '../text/locale.ts';

/** Name of the optional metadata file inside a corpus folder. */
export const METADATA_FILE = 'metadata.json';

// An empty string is refused rather than read as "no value": `null` (or leaving the key out) says that.
const text = () => z.string().min(1).nullable().optional();

export const metadataEntrySchema = z.object({
  title: text(),
  docNo: text(),
  issuer: text(),
  /**
   * The 文号 the text itself prints, when `docNo` deliberately corrects it (an extraction error, a
   * misprint): says the difference is known, so it is no longer warned about. A value that is not
   * what the text prints is itself warned about.
   */
  printedDocNo: text(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date')
    .nullable()
    .optional(),
});
export type MetadataEntry = z.infer<typeof metadataEntrySchema>;
type Field = keyof MetadataEntry;

const FIELDS = Object.keys(metadataEntrySchema.shape) as Field[];
const FIELD_NAMES: Record<Field, Localized> = {
  title: { zh: '标题（title）', en: 'title' },
  docNo: { zh: '文号（docNo）', en: 'docNo' },
  issuer: { zh: '发文机关（issuer）', en: 'issuer' },
  printedDocNo: { zh: '正文所印文号（printedDocNo）', en: 'printedDocNo' },
  date: { zh: '日期（date）', en: 'date' },
};

/** What a JSON value is, in words (for "got …"). */
function kindOf(v: unknown): Localized {
  if (v === null) return { zh: 'null', en: 'null' };
  if (Array.isArray(v)) return { zh: '数组', en: 'an array' };
  switch (typeof v) {
    case 'string':
      return { zh: `文字「${v}」`, en: `the text "${v}"` };
    case 'number':
      return { zh: `数字 ${v}`, en: `the number ${v}` };
    case 'boolean':
      return { zh: `${v}`, en: `${v}` };
    default:
      return { zh: '对象', en: 'an object' };
  }
}

/** One zod issue of field `field` as a plain sentence: the validator's own wording means nothing to a coordinator. */
function describeIssue(field: Field, value: unknown, issue: z.core.$ZodIssue): Localized {
  const name = FIELD_NAMES[field];
  switch (issue.code) {
    case 'invalid_type': {
      const got = kindOf(value);
      return { zh: `${name.zh}应为文字或 null，收到的是${got.zh}`, en: `${name.en} should be text or null, got ${got.en}` };
    }
    case 'too_small':
      return { zh: `${name.zh}是空的；没有这一项请写 null 或删去`, en: `${name.en} is empty; write null or leave it out when there is none` };
    case 'invalid_format':
      return { zh: `${name.zh}「${String(value)}」应写成 YYYY-MM-DD，如 2025-03-01`, en: `${name.en} "${String(value)}" should be written YYYY-MM-DD, e.g. 2025-03-01` };
    case 'custom':
      return { zh: `${name.zh}「${String(value)}」不是真实的日期`, en: `${name.en} "${String(value)}" is not a real date` };
    default:
      return { zh: `${name.zh}格式不对（${issue.message}）`, en: `${name.en} is malformed (${issue.message})` };
  }
}

/**
 * Checks one entry field by field: the valid fields, and one sentence per problem (every problem,
 * not only the first). Unknown keys are reported too: a misspelt `doc_no` would otherwise vanish.
 */
export function checkMetadataEntry(entry: unknown): { value: MetadataEntry | undefined; problems: Localized[] } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    const got = kindOf(entry);
    return {
      value: undefined,
      problems: [{ zh: `条目应为对象，如 {"title": "…", "docNo": "…"}，收到的是${got.zh}`, en: `the entry should be an object such as {"title": "…", "docNo": "…"}, got ${got.en}` }],
    };
  }
  const value: Record<string, unknown> = {};
  const problems: Localized[] = [];
  for (const [key, v] of Object.entries(entry)) {
    if (!(FIELDS as string[]).includes(key)) {
      problems.push({ zh: `不认识的字段「${key}」（可用：${FIELDS.join('、')}）`, en: `unknown field "${key}" (known: ${FIELDS.join(', ')})` });
      continue;
    }
    const field = key as Field;
    const parsed = metadataEntrySchema.shape[field].safeParse(v);
    if (parsed.success) value[field] = parsed.data;
    else problems.push(describeIssue(field, v, parsed.error.issues[0]!));
  }
  return { value: metadataEntrySchema.parse(value), problems };
}

/**
 * Reads `metadata.json`: each malformed field is reported by file and field and ignored, the rest
 * of its entry still applies. A file that is not a JSON object is ignored as a whole.
 */
export function readMetadata(dir: string, warn: (m: string) => void): Record<string, MetadataEntry> {
  return readMetadataFile(dir, warn).entries;
}

/**
 * {@link readMetadata} for a running bot, which keeps the last good version: when the file no
 * longer reads as a JSON object (saved half-way, a stray comma) and `lastGood` is given, those
 * entries stay in force, with a warning saying so. A file deleted is a deliberate removal: no
 * entries. Returns the entries in force and `good`: the entries to keep as the last good version
 * (undefined while there has never been one).
 */
export function readMetadataFile(
  dir: string,
  warn: (m: string) => void,
  lastGood?: Record<string, MetadataEntry>,
): { entries: Record<string, MetadataEntry>; good: Record<string, MetadataEntry> | undefined } {
  const path = join(dir, METADATA_FILE);
  if (!existsSync(path)) return { entries: {}, good: {} };
  const unusable = (why: Localized): { entries: Record<string, MetadataEntry>; good: Record<string, MetadataEntry> | undefined } => {
    if (lastGood) {
      warn(`metadata.json ${why.zh}，继续使用上次的有效版本 / metadata.json: ${why.en}; the last good version is still used`);
      return { entries: lastGood, good: lastGood };
    }
    warn(`已忽略 metadata.json：${why.zh} / ignored metadata.json: ${why.en}`);
    return { entries: {}, good: undefined };
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { entries: {}, good: {} }; // removed meanwhile
    return unusable({ zh: `无法读取（${code ?? (err as Error).message}）`, en: `cannot be read (${code ?? (err as Error).message})` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return unusable({ zh: '不是有效的 JSON', en: `not valid JSON (${(err as Error).message})` });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return unusable({ zh: '应为以文件名为键的对象', en: 'expected an object keyed by file name' });
  }
  const out: Record<string, MetadataEntry> = {};
  for (const [file, entry] of Object.entries(json)) {
    const { value, problems } = checkMetadataEntry(entry);
    if (value) out[file] = value;
    const what = value ? ['已忽略这一项，该条目的其他项照常使用', 'this field is ignored; the entry\'s other fields still apply'] : ['已忽略该条目', 'the entry is ignored'];
    for (const p of problems) warn(`metadata.json 中「${file}」的条目：${p.zh}，${what[0]} / metadata.json, entry for ${file}: ${p.en}; ${what[1]}`);
  }
  return { entries: out, good: out };
}

/** Entries naming a file the folder does not have: a misspelt name, or a document since removed. */
export function orphanMetadataWarnings(metadata: Record<string, unknown>, files: readonly string[]): string[] {
  const present = new Set(files);
  return Object.keys(metadata)
    .filter((f) => !present.has(f))
    .map(
      (f) =>
        `metadata.json 中有「${f}」的条目，但语料目录里没有这个文件（文件名写错了，或文件已删除？），该条目不起作用 / metadata.json has an entry for ${f}, but the corpus folder has no such file (misspelt, or removed?); the entry has no effect`,
    );
}
