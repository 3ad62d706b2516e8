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
 * A malformed field is reported by file and field and only that field is ignored (`metadata.ts`).
 * A file that is empty, binary, in no encoding we read, or yields no clause is skipped with a
 * warning naming it; the other files still load. A running bot passes what it served before
 * ({@link LoadOptions.lastGood}): a file emptied or unreadable meanwhile, or a metadata.json that
 * no longer reads as JSON, keeps its last good version, with a warning saying so.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusSchemas, type Clause, type PolicyDocument } from './schema.ts';
import { readHeader, normalizeDocNo } from './header.ts';
import { repairBody } from './repair.ts';
import { parseClauses } from './parse.ts';
import { ordinalsAsFigures } from './numbering.ts';
import { decodeText, looksLikeText, type TextEncodingName } from './decode.ts';
import { restoreLineBreaks, splitLongClauses, textIsFlat } from './structure.ts';
import { canonicalizeCjkPunctuation, normalizeChars } from '../text/normalize.ts';
import { ParseCache } from './cache.ts';
import { contentKeyOf, contentKeyOfLines } from './sameText.ts';
import { METADATA_FILE, orphanMetadataWarnings, readMetadataFile, type MetadataEntry } from './metadata.ts';
import { SharedValues } from './shareValues.ts';
import type { Localized } from '../text/locale.ts';
import { drain } from './steps.ts';
import { packParse, unpackParse } from './packedParse.ts';

export type { Clause, PolicyDocument } from './schema.ts';
export { contentKeyOf, contentKeyOfLines } from './sameText.ts';
export { normalizeDocNo, findDocNo, parseChineseDate, readHeader } from './header.ts';
export { repairBody, removeCjkSpaces, repairRosterLine } from './repair.ts';
export { parseClauses, splitUnits, extractUnitNotes } from './parse.ts';
export { chineseNumeralToInt, figuresAsOrdinals, intToChineseNumeral, ordinalsAsFigures, ORDINAL_NUMERAL_CHARS } from './numbering.ts';
export { decodeText, encodingLabel, type TextEncodingName } from './decode.ts';
export { shareRepeatedValues, SharedValues } from './shareValues.ts';
export { METADATA_FILE, metadataEntrySchema, readMetadata, checkMetadataEntry, type MetadataEntry } from './metadata.ts';

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
  /**
   * The last good versions a running bot served (`search/live.ts`): a file that is now empty, binary,
   * in no encoding we read or cannot be read keeps its last good parse, and a metadata.json that no
   * longer reads as a JSON object keeps its last good entries — each with a warning naming the file.
   * A file deleted is gone all the same. Without it (a start, the CLI) the folder is read as it is.
   */
  lastGood?: LastGood;
}

/** A document's parse as loaded, with the file's modification time and its content key. */
export type GoodParse = ParsedDocument & { mtime: number; contentKey: string };

/** What a running bot served before a reload: see {@link LoadOptions.lastGood}. */
export interface LastGood {
  /** The last good parse of a corpus file, if there is one. */
  document(file: string): GoodParse | undefined;
  /** The entries of the last metadata.json that read as a JSON object (undefined: none yet). */
  metadata?: Record<string, MetadataEntry>;
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
  /** Each loaded document's {@link ParsedDocument.contentKey}, by file: `corpus add` refuses a second copy. */
  contentKeys: ReadonlyMap<string, string>;
  /**
   * The good parse of every file that has one, read now or kept (before one copy of each document
   * is chosen): the last good versions the next reload of a running bot passes on.
   */
  parses: ReadonlyMap<string, GoodParse>;
  /** The metadata.json entries to pass on as the last good ones (undefined: never a good file yet). */
  goodMetadata?: Record<string, MetadataEntry>;
  /**
   * Files skipped because they are empty, binary, in no encoding we read or cannot be read, with
   * no last good version given for them: the live rebuild asks its worker again with theirs.
   */
  unusable: readonly string[];
  /** Files unusable now and served in their last good version ({@link LoadOptions.lastGood}). */
  kept: readonly string[];
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

/**
 * What lies in a corpus folder but is never read: a PDF, Word or web page dropped there instead
 * of added, or a sub-folder. Hidden files (`.DS_Store`, temporary files) and metadata.json are
 * not reported.
 */
export function unreadEntryWarnings(entries: ReadonlyArray<{ name: string; isDirectory(): boolean }>): CorpusIssue[] {
  const out: CorpusIssue[] = [];
  for (const e of [...entries].sort((a, b) => byCodeUnits(a.name, b.name))) {
    if (e.name.startsWith('.') || e.name === METADATA_FILE) continue;
    if (e.isDirectory()) {
      out.push({
        file: e.name,
        message: `未读取子文件夹 ${e.name}/：语料只读取语料目录中的 .txt 文件，请用 npx policy-desk corpus add 逐个添加其中的文件 / sub-folder ${e.name}/ is not read: the corpus reads only the .txt files directly in its folder; add its files with npx policy-desk corpus add`,
      });
    } else if (!isCorpusFile(e.name)) {
      out.push({
        file: e.name,
        message: `未读取 ${e.name}：不是 .txt 文件，请用 npx policy-desk corpus add ${e.name} 添加（会转换为文本） / ${e.name} is not read: not a .txt: add it with npx policy-desk corpus add ${e.name} (it is converted to text)`,
      });
    }
  }
  return out;
}

/**
 * Orders two names by their UTF-16 code units, as `Array.prototype.sort` does: stable across
 * machines, and free, where the first `localeCompare` of a process loads ICU's collator (~15 ms of
 * a CLI call).
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const cache = new Map<string, Corpus>();

/**
 * Loads, repairs and parses every `.txt` file of a corpus folder. Results are cached per folder
 * for the life of the process (several layers call this); pass `fresh: true` to read the folder
 * again (the running bot does so when the folder changes), or call {@link clearCorpusCache}.
 *
 * Files are decoded as UTF-8, GB18030/GBK or UTF-16 ({@link decodeText}). Two files with the same
 * 文号 are never both loaded: the one with the later issue date (then the newer file) is kept and
 * the other is reported. Nor are two copies of the same text when a copy has no 文号
 * ({@link contentKeyOfLines}): it is reported and skipped.
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
    const empty = { documents: [], clauses: [], warnings, issues, contentKeys: new Map<string, string>(), parses: new Map<string, GoodParse>(), unusable: [], kept: [] };
    cache.set(dir, empty);
    return empty;
  }

  const lastGood = options.lastGood;
  const { entries: metadata, good: goodMetadata } = readMetadataFile(dir, (m) => warn(METADATA_FILE, m), lastGood?.metadata);
  const entries = readdirSync(dir, { withFileTypes: true });
  const files = entries.filter((e) => !e.isDirectory() && isCorpusFile(e.name)).map((e) => e.name).sort();
  for (const w of unreadEntryWarnings(entries)) warn(w.file, w.message);
  for (const w of orphanMetadataWarnings(metadata, files)) warn(METADATA_FILE, w);
  // One copy of each repeated value (文号, title, path, heading, unit list) over the whole corpus.
  const shared = new SharedValues();
  const saved = yield* openCorpusParseCacheSteps(options.cacheDir, dir, shared);
  const loaded: GoodParse[] = [];
  const parses = new Map<string, GoodParse>();
  const unusable: string[] = [];
  const kept: string[] = [];
  /** Serves the last good version of a file that is unusable now; false when there is none. */
  const keepLastGood = (file: string, why: Localized): boolean => {
    const good = lastGood?.document(file);
    if (!good) return false;
    warn(file, `${file} ${why.zh}，继续使用上次的有效版本（如要移除该文件，请删除它） / ${file} ${why.en}; the last good version is still served (delete the file to remove it)`);
    loaded.push(good);
    parses.set(file, good);
    kept.push(file);
    return true;
  };
  for (const [k, file] of files.entries()) {
    if (k % LOAD_STEP_FILES === LOAD_STEP_FILES - 1) yield;
    const path = join(dir, file);
    let read = false;
    try {
      // Stat before reading: a file changed in between is stamped old and parsed again next time.
      const stat = statSync(path);
      const stamp = `${stat.size}\t${stat.mtimeMs}\t${JSON.stringify(metadata[file] ?? null)}`;
      let r = saved.get(file, stamp);
      if (!r) {
        const bytes = readFileSync(path);
        read = true;
        r = parseDocumentFile(bytes, file, metadata[file]);
        saved.set(file, stamp, r);
        if (r.ok) shared.clauses(r.clauses);
      }
      if (!r.ok && r.unusable) {
        if (keepLastGood(file, UNUSABLE_WORDS[r.unusable])) continue;
        unusable.push(file);
      }
      for (const w of r.warnings) warn(file, w);
      if (r.ok) {
        const good = { ...r, mtime: stat.mtimeMs, contentKey: r.contentKey ?? contentKeyOf(r.clauses) };
        loaded.push(good);
        parses.set(file, good);
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A file that cannot be read (no permission, an I/O error) is unusable now; one deleted since
      // the listing is simply gone.
      if (!read && code !== undefined && code !== 'ENOENT') {
        if (keepLastGood(file, { zh: `无法读取（${code}）`, en: `cannot be read (${code})` })) continue;
        unusable.push(file);
      }
      warn(file, `已跳过 ${file}：解析失败（${(err as Error).message}） / skipped ${file}: parse error (${(err as Error).message})`);
    }
  }
  saved.save(dir);

  const documents: PolicyDocument[] = [];
  const clauses: Clause[] = [];
  const contentKeys = new Map<string, string>();
  for (const doc of keepOnePerText(keepOnePerDocNo(loaded, warn), metadata, warn)) {
    documents.push(doc.document);
    clauses.push(...doc.clauses);
    contentKeys.set(doc.document.file, doc.contentKey);
  }
  const corpus = { documents, clauses, warnings, issues, contentKeys, parses, goodMetadata, unusable, kept };
  cache.set(dir, corpus);
  return corpus;
}

/** Why a file is unusable, in the words of the warning that keeps its last good version. */
const UNUSABLE_WORDS: Record<UnusableReason, Localized> = {
  empty: { zh: '为空', en: 'is empty' },
  binary: { zh: '看起来是二进制文件', en: 'looks like a binary file' },
  undecodable: { zh: '无法识别编码（不是 UTF-8、GB18030/GBK 或 UTF-16 文本）', en: 'is not UTF-8, GB18030/GBK or UTF-16 text' },
};

/** Forgets cached corpora (all, or one folder). */
export function clearCorpusCache(dir?: string): void {
  if (dir) cache.delete(resolve(dir));
  else cache.clear();
}

export type ParsedDocument = {
  ok: true;
  document: PolicyDocument;
  clauses: Clause[];
  /** Warnings about this file (split long clauses, an unusual encoding), each naming it. */
  warnings: string[];
  encoding: TextEncodingName;
  /**
   * {@link contentKeyOfLines} its repaired lines: two copies of one text have the same key (see
   * `sameText.ts`). Set by {@link parseDocumentText}; a parse made elsewhere (the scale bench) may
   * leave it out, and is then keyed by {@link contentKeyOf} its clauses.
   */
  contentKey?: string;
};

/**
 * Why a file gives no text at all — empty, binary, in no encoding we read: the states a file is in
 * while being saved or when damaged, for which a running bot keeps the last good version.
 */
export type UnusableReason = 'empty' | 'binary' | 'undecodable';

export type DocumentParse = ParsedDocument | { ok: false; warnings: string[]; unusable?: UnusableReason };

/** Decodes and parses the bytes of one corpus file; the same code the loader runs. */
export function parseDocumentFile(bytes: Uint8Array, file: string, meta?: MetadataEntry): DocumentParse {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const why =
      decoded.reason === 'binary'
        ? ['看起来是二进制文件', 'looks like a binary file']
        : ['无法识别编码（不是 UTF-8、GB18030/GBK 或 UTF-16 文本）', 'not UTF-8, GB18030/GBK or UTF-16 text'];
    return { ok: false, warnings: [`已跳过 ${file}：${why[0]} / skipped ${file}: ${why[1]}`], unusable: decoded.reason === 'binary' ? 'binary' : 'undecodable' };
  }
  return parseDocumentText(decoded.text, file, meta, decoded.encoding);
}

/** Repairs and parses the text of one document named `file` (its docId is the name without `.txt`). */
export function parseDocumentText(raw: string, file: string, meta?: MetadataEntry, encoding: TextEncodingName = 'utf-8'): DocumentParse {
  if (raw.trim().length === 0) return { ok: false, warnings: [`已跳过 ${file}：文件为空 / skipped ${file}: empty file`], unusable: 'empty' };
  if (!looksLikeText(raw)) return { ok: false, warnings: [`已跳过 ${file}：看起来是二进制文件 / skipped ${file}: looks like a binary file`], unusable: 'binary' };
  const docId = file.replace(/\.txt$/i, '');
  const restored = restoreLineBreaks(raw);
  const header = readHeader(restored);
  const warnings: string[] = [];
  // An entry a person wrote (corpus add --doc-no/--title) outranks what the header reader guessed.
  const docNo = meta?.docNo ? normalizeDocNo(meta.docNo) : header.docNo;
  const acknowledged = meta?.printedDocNo ? normalizeDocNo(meta.printedDocNo) : undefined;
  if (docNo && header.docNo && docNo !== header.docNo && acknowledged !== header.docNo) {
    // Kept as given (the person may be correcting an extraction error), but never silently — until
    // the metadata says the correction is meant (printedDocNo: the number the text prints).
    warnings.push(
      `${file}：给定的文号 ${docNo} 与正文中的文号 ${header.docNo} 不一致，按给定的 ${docNo} 记录；如有误请更正，如确为有意更正，在 ${METADATA_FILE} 该文件的条目中加 "printedDocNo": "${header.docNo}" 即不再提示 / ${file}: the given 文号 ${docNo} differs from the one printed in the text, ${header.docNo}; ${docNo} is recorded — correct it if that is wrong, or, if the correction is meant, add "printedDocNo": "${header.docNo}" to the file's entry in ${METADATA_FILE}`,
    );
  }
  if (acknowledged && acknowledged !== header.docNo) {
    warnings.push(
      `${file}：${METADATA_FILE} 中的 printedDocNo ${acknowledged} 不是正文所印的文号（${header.docNo ?? '正文未印文号'}）/ ${file}: printedDocNo ${acknowledged} in ${METADATA_FILE} is not the 文号 the text prints (${header.docNo ?? 'the text prints none'})`,
    );
  }
  const title = meta?.title ?? header.title ?? docId;
  const document = corpusSchemas().policyDocument.parse({
    docId,
    docNo,
    title,
    issuer: meta?.issuer ?? header.issuer ?? null,
    date: meta?.date ?? header.date ?? null,
    file,
  });
  const lines = repairBody(header.body);
  const parsed = parseClauses(lines, { docId, docNo, title });
  if (parsed.length === 0) return { ok: false, warnings: [`已跳过 ${file}：没有找到任何条文 / skipped ${file}: no clauses found`] };
  const { clauses, split } = splitLongClauses(parsed);
  const { clause } = corpusSchemas();
  for (const c of clauses) clause.parse(c);
  if (restored !== raw) {
    warnings.push(
      textIsFlat(raw)
        ? `${file}：原文几乎没有换行，已在编号和文头处重新分行，请核对文号、标题和条文划分 / ${file}: the text had (almost) no line breaks; lines were restored before numbering and header lines — check the 文号, title and clauses`
        : `${file}：有超长的行（缺少换行），已在编号处重新分行，请核对条文划分 / ${file}: some lines were very long (line breaks lost); lines were restored before numbering — check the clauses`,
    );
  }
  if (!meta?.title && !header.title) {
    warnings.push(
      `${file}：未能识别标题，暂用文件名「${docId}」；请用 --title 给出（聊天中在消息里写「标题：…」） / ${file}: no title was recognised, so the file name "${docId}" stands in; give it with --title (in chat, a "标题：…" line in the message)`,
    );
  }
  if (clauses.some((c) => c.path === '第二条') && !clauses.some((c) => c.path === '第一条')) {
    // 第一条 run into the text before it (a title or record of enactment the header reader missed).
    warnings.push(
      `${file}：有第二条却没有第一条，第一条可能并入了前面的文字，请核对标题和条文划分 / ${file}: there is a 第二条 but no 第一条; 第一条 may have run into the text before it — check the title and the clauses`,
    );
  }
  if (split.length > 0) {
    // Paths hold 、 themselves (一、): listed with ；, as everywhere paths are listed.
    const list = split.map((s) => `${s.path}（${s.chars}字→${s.parts}段）`).join('；');
    const listEn = split.map((s) => `${s.path} (${s.chars} chars → ${s.parts} parts)`).join('; ');
    warnings.push(
      `${file}：条文过长、缺少可识别的编号结构，已按句拆分：${list} / ${file}: clauses too long and without recognisable numbering were split at sentence ends: ${listEn}`,
    );
  } else if (parsed.every((c) => c.path === '序言')) {
    // The split warning above already says there is no numbering; otherwise say it here.
    warnings.push(
      `${file}：没有找到编号结构（一、（一）1. 第一条 等），全文只是一条序言，引用时无法指明条款 / ${file}: no numbering was found (一、 （一） 1. 第一条 …); the whole text is one 序言 clause, so citations cannot point to a section`,
    );
  }
  return { ok: true, document, clauses, warnings, encoding, contentKey: contentKeyOfLines(lines) };
}

/**
 * Keeps one document per text, as {@link keepOnePerDocNo} does per 文号, so a second copy without
 * a 文号 (`…-2.txt`) cannot return every clause twice. Copies that carry different 文号 are
 * different documents and are both kept. Of the others the kept one is: one with a 文号, then one
 * with a metadata.json entry, then the older file (the original), then the first by name.
 */
function keepOnePerText<T extends { document: PolicyDocument; mtime: number; contentKey: string }>(
  docs: T[],
  metadata: Record<string, MetadataEntry>,
  warn: (file: string, m: string) => void,
): T[] {
  const byKey = new Map<string, T[]>();
  for (const d of docs) byKey.set(d.contentKey, [...(byKey.get(d.contentKey) ?? []), d]);
  const dropped = new Set<T>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const ranked = [...group].sort(
      (a, b) =>
        Number(b.document.docNo !== null) - Number(a.document.docNo !== null) ||
        Number(metadata[b.document.file] !== undefined) - Number(metadata[a.document.file] !== undefined) ||
        a.mtime - b.mtime ||
        a.document.file.length - b.document.file.length ||
        byCodeUnits(a.document.file, b.document.file),
    );
    const kept = ranked[0]!;
    for (const d of ranked.slice(1)) {
      if (d.document.docNo !== null) continue;
      dropped.add(d);
      warn(
        d.document.file,
        `已跳过 ${d.document.file}：内容与 ${kept.document.file} 相同（没有文号），只保留 ${kept.document.file} / skipped ${d.document.file}: same text as ${kept.document.file} (no 文号), which is kept`,
      );
    }
  }
  return docs.filter((d) => !dropped.has(d));
}

/** Keeps one document per 文号 (later issue date, then newer file, then file name) and reports the rest. */
function keepOnePerDocNo<T extends { document: PolicyDocument; mtime: number }>(docs: T[], warn: (file: string, m: string) => void): T[] {
  const byNo = new Map<string, T[]>();
  for (const d of docs) if (d.document.docNo) byNo.set(d.document.docNo, [...(byNo.get(d.document.docNo) ?? []), d]);
  const dropped = new Set<T>();
  for (const [docNo, group] of byNo) {
    if (group.length < 2) continue;
    const ranked = [...group].sort(
      (a, b) => byCodeUnits(b.document.date ?? '', a.document.date ?? '') || b.mtime - a.mtime || byCodeUnits(a.document.file, b.document.file),
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
