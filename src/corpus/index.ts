/**
 * The policy corpus: every `.txt` in `corpus/`, repaired and parsed into citable clauses.
 *
 * ```ts
 * import { loadCorpus, findClause } from './index.ts';
 * const { documents, clauses, warnings } = loadCorpus();
 * findClause(clauses, '晋市政办〔2024〕32号', '二（五）9')?.text
 * // => '简化审批流程。市直相关部门、各开发区要为项目落地提供…'
 * ```
 *
 * Metadata (文号, title, issuer, date) is read from each file's header; the optional
 * `corpus/metadata.json` only fills what a header lacks (keyed by file name):
 * `{ "some-file.txt": { "title": "…", "docNo": null, "issuer": "…", "date": "2023-11-30" } }`.
 * A file that cannot be read as UTF-8 text, is empty, looks binary or yields no clause is
 * skipped with a warning naming it; the other files still load.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { clauseSchema, policyDocumentSchema, type Clause, type PolicyDocument } from './schema.ts';
import { readHeader, normalizeDocNo } from './header.ts';
import { repairBody } from './repair.ts';
import { parseClauses } from './parse.ts';
import { canonicalizeCjkPunctuation, normalizeChars } from '../text/normalize.ts';

export type { Clause, PolicyDocument } from './schema.ts';
export { normalizeDocNo, findDocNo, parseChineseDate, readHeader } from './header.ts';
export { repairBody, removeCjkSpaces, repairRosterLine } from './repair.ts';
export { parseClauses, splitUnits, extractUnitNotes } from './parse.ts';

export interface LoadOptions {
  /** Folder of `.txt` files; defaults to the repository's `corpus/`. */
  dir?: string;
  /** Called once per skipped file or other problem, in addition to `warnings`. */
  onWarning?: (msg: string) => void;
}

export interface Corpus {
  documents: PolicyDocument[];
  clauses: Clause[];
  /** One message per skipped file or metadata problem, naming the file (中文 / English). */
  warnings: string[];
}

/** The repository's corpus folder, resolved from this file so it works from any cwd. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

const metadataEntry = z.object({
  title: z.string().min(1).optional(),
  docNo: z.string().nullable().optional(),
  issuer: z.string().nullable().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
});
const metadataFile = z.record(z.string(), metadataEntry);
type MetadataEntry = z.infer<typeof metadataEntry>;

const cache = new Map<string, Corpus>();

/**
 * Loads, repairs and parses every `.txt` file of a corpus folder. Results are cached per folder
 * for the life of the process (several layers call this); pass a new `dir` for a fresh load, or
 * call {@link clearCorpusCache}.
 */
export function loadCorpus(options: LoadOptions = {}): Corpus {
  const dir = resolve(options.dir ?? DEFAULT_CORPUS_DIR);
  const cached = cache.get(dir);
  if (cached) {
    if (options.onWarning) for (const w of cached.warnings) options.onWarning(w);
    return cached;
  }
  const warnings: string[] = [];
  const warn = (msg: string) => {
    warnings.push(msg);
    options.onWarning?.(msg);
  };

  const documents: PolicyDocument[] = [];
  const clauses: Clause[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    warn(`语料目录不存在：${dir} / corpus folder not found: ${dir}`);
    const empty = { documents, clauses, warnings };
    cache.set(dir, empty);
    return empty;
  }

  const metadata = readMetadata(dir, warn);
  const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.txt')).sort();
  for (const file of files) {
    try {
      const loaded = loadFile(join(dir, file), metadata[file], warn);
      if (!loaded) continue;
      documents.push(loaded.document);
      clauses.push(...loaded.clauses);
    } catch (err) {
      warn(`已跳过 ${file}：解析失败（${(err as Error).message}） / skipped ${file}: parse error (${(err as Error).message})`);
    }
  }
  const corpus = { documents, clauses, warnings };
  cache.set(dir, corpus);
  return corpus;
}

/** Forgets cached corpora (all, or one folder). */
export function clearCorpusCache(dir?: string): void {
  if (dir) cache.delete(resolve(dir));
  else cache.clear();
}

function readMetadata(dir: string, warn: (m: string) => void): Record<string, MetadataEntry> {
  const path = join(dir, 'metadata.json');
  if (!existsSync(path)) return {};
  try {
    const parsed = metadataFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
    warn(`已忽略 metadata.json：格式不符（${parsed.error.issues[0]?.message ?? ''}） / ignored metadata.json: invalid shape`);
  } catch (err) {
    warn(`已忽略 metadata.json：不是有效的 JSON / ignored metadata.json: not valid JSON (${(err as Error).message})`);
  }
  return {};
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function loadFile(
  path: string,
  meta: MetadataEntry | undefined,
  warn: (m: string) => void,
): { document: PolicyDocument; clauses: Clause[] } | null {
  const file = basename(path);
  const docId = file.replace(/\.txt$/i, '');
  let raw: string;
  try {
    raw = decoder.decode(readFileSync(path));
  } catch {
    warn(`已跳过 ${file}：不是有效的 UTF-8 文本 / skipped ${file}: not valid UTF-8 text`);
    return null;
  }
  if (raw.trim().length === 0) {
    warn(`已跳过 ${file}：文件为空 / skipped ${file}: empty file`);
    return null;
  }
  // Valid UTF-8 can still be binary: NUL bytes or many control characters mean it is not text.
  const controls = raw.match(/[\u0000-\u0008\u000E-\u001F]/g)?.length ?? 0;
  if (raw.includes('\u0000') || controls > raw.length * 0.01) {
    warn(`已跳过 ${file}：看起来是二进制文件 / skipped ${file}: looks like a binary file`);
    return null;
  }

  const header = readHeader(raw);
  const docNo = header.docNo ?? (meta?.docNo ? normalizeDocNo(meta.docNo) : null);
  const title = header.title ?? meta?.title ?? docId;
  const document = policyDocumentSchema.parse({
    docId,
    docNo,
    title,
    issuer: header.issuer ?? meta?.issuer ?? null,
    date: header.date ?? meta?.date ?? null,
    file,
  });
  const clauses = parseClauses(repairBody(header.body), { docId, docNo, title });
  if (clauses.length === 0) {
    warn(`已跳过 ${file}：没有找到任何条文 / skipped ${file}: no clauses found`);
    return null;
  }
  for (const c of clauses) clauseSchema.parse(c);
  return { document, clauses };
}

/**
 * The repaired text of a source file's body, one logical line per line. Every clause text
 * occurs in it verbatim (modulo whitespace) — the property the tests pin.
 */
export function repairSource(raw: string): string {
  return repairBody(readHeader(raw).body).map((l) => l.text).join('\n');
}

/**
 * A comparison key for clause paths, so `二（五）9`, `二、(五)9`, `二、（五）9.` and `二、（五）9`
 * are the same citation: punctuation canonicalised, `、` `.` and spaces dropped.
 */
export function normalizeClausePath(path: string): string {
  return canonicalizeCjkPunctuation(normalizeChars(path))
    .replace(/[(]/g, '（')
    .replace(/[)]/g, '）')
    .replace(/[\s、.．]/g, '');
}

/**
 * Finds a clause by document and path. `doc` is a 文号 in any bracket style
 * (`晋市政办[2024]32 号`), a docId, or a title; `null` matches documents without a 文号.
 */
export function findClause(clauses: readonly Clause[], doc: string | null, path: string): Clause | undefined {
  const key = normalizeClausePath(path);
  const docKey = doc === null ? null : normalizeDocNo(doc);
  return clauses.find(
    (c) =>
      (docKey === null ? c.docNo === null : c.docNo === docKey || c.docId === doc || c.title === doc) &&
      normalizeClausePath(c.path) === key,
  );
}
