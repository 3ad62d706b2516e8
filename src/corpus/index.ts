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
 * `corpus/metadata.json` (keyed by file name) states what a header lacks or gets wrong — a value
 * given there wins, a `null` or missing one leaves the header's:
 * `{ "some-file.txt": { "title": "…", "docNo": null, "issuer": "…", "date": "2023-11-30" } }`.
 * A malformed entry is reported by its file name and only that entry is ignored.
 * A file that is empty, binary, in no encoding we read, or yields no clause is skipped with a
 * warning naming it; the other files still load.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { corpusSchemas, type Clause, type PolicyDocument } from './schema.ts';
import { readHeader, normalizeDocNo } from './header.ts';
import { repairBody } from './repair.ts';
import { parseClauses } from './parse.ts';
import { ordinalsAsFigures } from './numbering.ts';
import { decodeText, looksLikeText, type TextEncodingName } from './decode.ts';
import { restoreLineBreaks, splitLongClauses } from './structure.ts';
import { canonicalizeCjkPunctuation, normalizeChars } from '../text/normalize.ts';
import { ParseCache } from './cache.ts';
import { SharedValues } from './shareValues.ts';
import { drain } from './steps.ts';
import { packParse, unpackParse } from './packedParse.ts';

export type { Clause, PolicyDocument } from './schema.ts';
export { normalizeDocNo, findDocNo, parseChineseDate, readHeader } from './header.ts';
export { repairBody, removeCjkSpaces, repairRosterLine } from './repair.ts';
export { parseClauses, splitUnits, extractUnitNotes } from './parse.ts';
export { ordinalsAsFigures } from './numbering.ts';
export { decodeText, encodingLabel, type TextEncodingName } from './decode.ts';
export { shareRepeatedValues, SharedValues } from './shareValues.ts';

export interface LoadOptions {
  /** Folder of `.txt` files; defaults to {@link defaultCorpusDir}. */
  dir?: string;
  /** Called once per skipped file or other problem, in addition to `warnings`. */
  onWarning?: (msg: string) => void;
  /** Read the folder again even if it is cached, and cache the fresh result (a reload). */
  fresh?: boolean;
  /**
   * Folder to keep each document's parse in between runs, so only new or changed files are parsed
   * (`cache.ts`; callers pass the search index's folder). Undefined = parse every file every run.
   */
  cacheDir?: string;
}

/** One problem found while loading, tied to the file it concerns (`metadata.json` for metadata). */
export interface CorpusIssue {
  file: string;
  message: string;
}

export interface Corpus {
  documents: PolicyDocument[];
  clauses: Clause[];
  /** One message per skipped file or metadata problem, naming the file (中文 / English). */
  warnings: string[];
  /** The same problems with the file each concerns, for `corpus check`. */
  issues: CorpusIssue[];
}

/** The repository's corpus folder, resolved from this file so it works from any cwd. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/**
 * The parse cache of corpus folder `dir`, kept in `cacheDir` (`cache.ts`), storing each document
 * packed (`packedParse.ts`); documents read back share repeated values through `shared`. The
 * loader's; exported for the scale bench, which reads a synthetic corpus back the way a restart does.
 */
export function openCorpusParseCache(cacheDir: string | undefined, dir: string, shared?: SharedValues): ParseCache<DocumentParse> {
  return drain(openCorpusParseCacheSteps(cacheDir, dir, shared));
}

/** {@link openCorpusParseCache} in steps: it yields after each chunk of the file. */
export function openCorpusParseCacheSteps(cacheDir: string | undefined, dir: string, shared?: SharedValues): Generator<void, ParseCache<DocumentParse>> {
  return ParseCache.openSteps<DocumentParse>(cacheDir, dir, { pack: packParse, unpack: (v) => unpackParse(v as ReturnType<typeof packParse>, shared) });
}


/** The corpus folder in use: `POLICY_DESK_CORPUS_DIR` when set, else the repository's `corpus/`. */
export function defaultCorpusDir(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.POLICY_DESK_CORPUS_DIR?.trim();
  return resolve(v ? v : DEFAULT_CORPUS_DIR);
}

/** File names the corpus reads: plain-text files (other formats are converted by `corpus add`). */
export function isCorpusFile(name: string): boolean {
  return name.toLowerCase().endsWith('.txt');
}

export const metadataEntrySchema = z.object({
  title: z.string().min(1).nullable().optional(),
  docNo: z.string().nullable().optional(),
  issuer: z.string().nullable().optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date')
    .nullable()
    .optional(),
});
export type MetadataEntry = z.infer<typeof metadataEntrySchema>;

const cache = new Map<string, Corpus>();

/**
 * Loads, repairs and parses every `.txt` file of a corpus folder. Results are cached per folder
 * for the life of the process (several layers call this); pass `fresh: true` to read the folder
 * again (the running bot does so when the folder changes), or call {@link clearCorpusCache}.
 *
 * Files are decoded as UTF-8, GB18030/GBK or UTF-16 ({@link decodeText}). Two files with the same
 * 文号 are never both loaded: the one with the later issue date (then the newer file) is kept and
 * the other is reported.
 */
export function loadCorpus(options: LoadOptions = {}): Corpus {
  return drain(loadCorpusSteps(options));
}

/** Documents read or parsed between two yields of {@link loadCorpusSteps}. */
const LOAD_STEP_FILES = 32;

/**
 * {@link loadCorpus} in steps: it yields after each chunk of the parse cache and every
 * {@link LOAD_STEP_FILES} documents, so a running bot can read a large corpus between answers
 * (`ClauseSearchLoad` drives them). The result is cached like
 * {@link loadCorpus}'s.
 */
export function* loadCorpusSteps(options: LoadOptions = {}): Generator<void, Corpus> {
  const dir = resolve(options.dir ?? defaultCorpusDir());
  const cached = options.fresh ? undefined : cache.get(dir);
  if (cached) {
    if (options.onWarning) for (const w of cached.warnings) options.onWarning(w);
    return cached;
  }
  const issues: CorpusIssue[] = [];
  const warnings: string[] = [];
  const warn = (file: string, msg: string) => {
    issues.push({ file, message: msg });
    warnings.push(msg);
    options.onWarning?.(msg);
  };

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    warn(dir, `语料目录不存在：${dir} / corpus folder not found: ${dir}`);
    const empty = { documents: [], clauses: [], warnings, issues };
    cache.set(dir, empty);
    return empty;
  }

  const metadata = readMetadata(dir, (m) => warn(METADATA_FILE, m));
  const files = readdirSync(dir).filter(isCorpusFile).sort();
  // One copy of each repeated value (文号, title, path, heading, unit list) over the whole corpus.
  const shared = new SharedValues();
  const saved = yield* openCorpusParseCacheSteps(options.cacheDir, dir, shared);
  const loaded: Array<ParsedDocument & { mtime: number }> = [];
  for (const [k, file] of files.entries()) {
    if (k % LOAD_STEP_FILES === LOAD_STEP_FILES - 1) yield;
    const path = join(dir, file);
    try {
      // Stat before reading: a file changed in between is stamped old and parsed again next time.
      const stat = statSync(path);
      const stamp = `${stat.size}\t${stat.mtimeMs}\t${JSON.stringify(metadata[file] ?? null)}`;
      let r = saved.get(file, stamp);
      if (!r) {
        r = parseDocumentFile(readFileSync(path), file, metadata[file]);
        saved.set(file, stamp, r);
        if (r.ok) shared.clauses(r.clauses);
      }
      for (const w of r.warnings) warn(file, w);
      if (r.ok) loaded.push({ ...r, mtime: stat.mtimeMs });
    } catch (err) {
      warn(file, `已跳过 ${file}：解析失败（${(err as Error).message}） / skipped ${file}: parse error (${(err as Error).message})`);
    }
  }
  saved.save(dir);

  const documents: PolicyDocument[] = [];
  const clauses: Clause[] = [];
  for (const doc of keepOnePerDocNo(loaded, warn)) {
    documents.push(doc.document);
    clauses.push(...doc.clauses);
  }
  const corpus = { documents, clauses, warnings, issues };
  cache.set(dir, corpus);
  return corpus;
}

/** Forgets cached corpora (all, or one folder). */
export function clearCorpusCache(dir?: string): void {
  if (dir) cache.delete(resolve(dir));
  else cache.clear();
}

/** Name of the optional metadata file inside a corpus folder. */
export const METADATA_FILE = 'metadata.json';

/**
 * Reads `metadata.json` entry by entry: a malformed entry is reported by its file name and
 * ignored, the others still apply. A file that is not a JSON object is ignored as a whole.
 */
export function readMetadata(dir: string, warn: (m: string) => void): Record<string, MetadataEntry> {
  const path = join(dir, METADATA_FILE);
  if (!existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    warn(`已忽略 metadata.json：不是有效的 JSON / ignored metadata.json: not valid JSON (${(err as Error).message})`);
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    warn('已忽略 metadata.json：应为以文件名为键的对象 / ignored metadata.json: expected an object keyed by file name');
    return {};
  }
  const out: Record<string, MetadataEntry> = {};
  for (const [file, entry] of Object.entries(json)) {
    const parsed = metadataEntrySchema.safeParse(entry);
    if (parsed.success) {
      out[file] = parsed.data;
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    warn(`已忽略 metadata.json 中「${file}」的条目：${where}${issue?.message ?? '格式不符'} / ignored the metadata.json entry for ${file}: ${where}${issue?.message ?? 'invalid'}`);
  }
  return out;
}

export type ParsedDocument = {
  ok: true;
  document: PolicyDocument;
  clauses: Clause[];
  /** Warnings about this file (split long clauses, an unusual encoding), each naming it. */
  warnings: string[];
  encoding: TextEncodingName;
};

export type DocumentParse = ParsedDocument | { ok: false; warnings: string[] };

/** Decodes and parses the bytes of one corpus file; the same code the loader runs. */
export function parseDocumentFile(bytes: Uint8Array, file: string, meta?: MetadataEntry): DocumentParse {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const why =
      decoded.reason === 'binary'
        ? ['看起来是二进制文件', 'looks like a binary file']
        : ['无法识别编码（不是 UTF-8、GB18030/GBK 或 UTF-16 文本）', 'not UTF-8, GB18030/GBK or UTF-16 text'];
    return { ok: false, warnings: [`已跳过 ${file}：${why[0]} / skipped ${file}: ${why[1]}`] };
  }
  return parseDocumentText(decoded.text, file, meta, decoded.encoding);
}

/** Repairs and parses the text of one document named `file` (its docId is the name without `.txt`). */
export function parseDocumentText(raw: string, file: string, meta?: MetadataEntry, encoding: TextEncodingName = 'utf-8'): DocumentParse {
  if (raw.trim().length === 0) return { ok: false, warnings: [`已跳过 ${file}：文件为空 / skipped ${file}: empty file`] };
  if (!looksLikeText(raw)) return { ok: false, warnings: [`已跳过 ${file}：看起来是二进制文件 / skipped ${file}: looks like a binary file`] };
  const docId = file.replace(/\.txt$/i, '');
  const header = readHeader(restoreLineBreaks(raw));
  // An entry a person wrote (corpus add --doc-no/--title) outranks what the header reader guessed.
  const docNo = meta?.docNo ? normalizeDocNo(meta.docNo) : header.docNo;
  const title = meta?.title ?? header.title ?? docId;
  const document = corpusSchemas().policyDocument.parse({
    docId,
    docNo,
    title,
    issuer: meta?.issuer ?? header.issuer ?? null,
    date: meta?.date ?? header.date ?? null,
    file,
  });
  const parsed = parseClauses(repairBody(header.body), { docId, docNo, title });
  if (parsed.length === 0) return { ok: false, warnings: [`已跳过 ${file}：没有找到任何条文 / skipped ${file}: no clauses found`] };
  const { clauses, split } = splitLongClauses(parsed);
  const { clause } = corpusSchemas();
  for (const c of clauses) clause.parse(c);
  const warnings: string[] = [];
  if (split.length > 0) {
    const list = split.map((s) => `${s.path}（${s.chars}字→${s.parts}段）`).join('、');
    const listEn = split.map((s) => `${s.path} (${s.chars} chars → ${s.parts} parts)`).join(', ');
    warnings.push(
      `${file}：条文过长、缺少可识别的编号结构，已按句拆分：${list} / ${file}: clauses too long and without recognisable numbering were split at sentence ends: ${listEn}`,
    );
  }
  return { ok: true, document, clauses, warnings, encoding };
}

/** Keeps one document per 文号 (later issue date, then newer file, then file name) and reports the rest. */
function keepOnePerDocNo<T extends { document: PolicyDocument; mtime: number }>(docs: T[], warn: (file: string, m: string) => void): T[] {
  const byNo = new Map<string, T[]>();
  for (const d of docs) if (d.document.docNo) byNo.set(d.document.docNo, [...(byNo.get(d.document.docNo) ?? []), d]);
  const dropped = new Set<T>();
  for (const [docNo, group] of byNo) {
    if (group.length < 2) continue;
    const ranked = [...group].sort(
      (a, b) => (b.document.date ?? '').localeCompare(a.document.date ?? '') || b.mtime - a.mtime || a.document.file.localeCompare(b.document.file),
    );
    const kept = ranked[0]!;
    for (const d of ranked.slice(1)) {
      dropped.add(d);
      warn(
        d.document.file,
        `已跳过 ${d.document.file}：文号 ${docNo} 与 ${kept.document.file} 重复，只保留 ${kept.document.file} / skipped ${d.document.file}: same 文号 ${docNo} as ${kept.document.file}, which is kept`,
      );
    }
  }
  return docs.filter((d) => !dropped.has(d));
}

/**
 * The repaired text of a source file's body, one logical line per line. Every clause text
 * occurs in it verbatim (modulo whitespace) — the property the tests pin.
 */
export function repairSource(raw: string): string {
  return repairBody(readHeader(restoreLineBreaks(raw)).body).map((l) => l.text).join('\n');
}

/**
 * A comparison key for clause paths, so `二（五）9`, `二、(五)9`, `二、（五）9.` and `二、（五）9`
 * are the same citation, as are `第十二条` and `第12条`: punctuation canonicalised, `、` `.` and
 * spaces dropped, article numbers written with figures.
 */
export function normalizeClausePath(path: string): string {
  return ordinalsAsFigures(canonicalizeCjkPunctuation(normalizeChars(path)))
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
