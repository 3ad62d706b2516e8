/**
 * Adding a document to the corpus, in two steps so a person sees what will be cited before it is:
 *
 * 1. {@link prepareDocument} extracts the text (PDF, .docx, HTML, text in any encoding), parses it
 *    with the loader's own code and returns an outline: 文号, title, date, clause count, the first
 *    citation paths, every warning — and which stored document it would replace.
 * 2. {@link storeDocument} writes the extracted text as `<name>.txt` (and the 文号, title, issuer
 *    or date a person gave into `metadata.json`). A document whose 文号 is already in the corpus under another file,
 *    or whose text is (the same words in the same order after repair, whatever the file's name,
 *    encoding, format or line breaks: `sameText.ts`), is refused unless `replace` is set, in which case the old file goes: never two copies.
 *
 * The CLI (`corpus add`) and the chat upload (`/corpus add`, confirm button) both use these, so
 * what a coordinator confirms in chat is exactly what the CLI would store.
 *
 * Files are written to a temporary name and renamed, so a watching bot never reads half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Clause, PolicyDocument } from './schema.ts';
import { contentKeyOf, defaultCorpusDir, loadCorpus, METADATA_FILE, metadataEntrySchema, parseDocumentText, readMetadata, type Corpus, type CorpusIssue, type MetadataEntry } from './index.ts';
import { extractDocument, hasSupportedExtension, SUPPORTED_TYPES, type SourceFormat } from './extract.ts';
import type { TextEncodingName } from './decode.ts';
import { isDocNo, normalizeDocNo } from './header.ts';
import type { Localized } from '../text/locale.ts';

export interface NewDocument {
  /** The file's name as uploaded or given on the command line (`规定.pdf`). */
  filename: string;
  data: Uint8Array;
  /** 文号 to record when the text does not state it (or states it wrongly). */
  docNo?: string;
  /** Title to record when the text does not state it. */
  title?: string;
  /** Date (YYYY-MM-DD) to record when the text does not state it. */
  date?: string;
  /** Issuer (发文机关) to record when the text does not state it. */
  issuer?: string;
}

/**
 * What storing does with a document whose 文号 or text the corpus already has: `refuse` it (the
 * command line without --replace), `replace` the stored file (--replace), or `offer` the person the
 * choice (chat: the outline's 替换旧文件 / 取消 buttons). The outline says what it will be.
 */
export type OnConflict = 'refuse' | 'replace' | 'offer';


/** What a document will look like once stored; shown to the person before they confirm. */
export interface IngestPreview {
  /** Name it will have in the corpus folder (`<name>.txt`). */
  file: string;
  source: string;
  format: SourceFormat;
  encoding?: TextEncodingName;
  document: PolicyDocument;
  clauses: Clause[];
  /** The first citation paths, in document order. */
  firstPaths: string[];
  /** Warnings about the document (long clauses split, unusual encoding …), each naming the file. */
  warnings: string[];
  /** Notes on the extraction (pages, encoding). */
  notes: string[];
  /**
   * Files already in the corpus with the same 文号 or the same text: storing refuses them, and
   * storing with `replace` replaces them (overwritten in place when the new file has the name of
   * one, else removed). The ones with the same 文号 are those not in {@link sameText}.
   */
  replaces: string[];
  /** Of {@link replaces}, the files with the same text (and another or no 文号). */
  sameText: string[];
  /** What storing does with {@link replaces}, as the outline says it. */
  onConflict: OnConflict;
  /** The parse's key for "the same text" (`sameText.ts`). */
  contentKey: string;
  /** The text to store. */
  text: string;
  /** The metadata entry to record, when a 文号, title, issuer or date was given. */
  meta?: MetadataEntry;
}

export type PrepareResult = { ok: true; preview: IngestPreview } | { ok: false; error: Localized; warnings?: string[] };
/**
 * `replaced`: the files the document took the place of (one overwritten in place among them);
 * `removed`: those of them deleted.
 */
export type StoreResult = { ok: true; file: string; removed: string[]; replaced: string[] } | { ok: false; error: Localized };

export interface IngestOptions {
  /** Corpus folder; default {@link defaultCorpusDir}. */
  dir?: string;
}

export interface PrepareOptions extends IngestOptions {
  /** What the store will do with a document already in the corpus (default `refuse`). */
  onConflict?: OnConflict;
}

/** Number of citation paths an outline shows. */
export const OUTLINE_PATHS = 8;

/** A file name that is safe in any file system and keeps Chinese: `晋市政办〔2024〕32号.pdf` → `晋市政办〔2024〕32号.txt`. */
export function corpusFileName(source: string): string {
  const stem = basename(source, extname(source))
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 80);
  return `${stem || 'document'}.txt`;
}

/** Extracts and parses a new document and tells what storing it would do. Writes nothing. */
export async function prepareDocument(doc: NewDocument, options: PrepareOptions = {}): Promise<PrepareResult> {
  const onConflict = options.onConflict ?? 'refuse';
  const dir = resolve(options.dir ?? defaultCorpusDir());
  // The extension decides whether the file is taken at all: none, or another one, is refused
  // (`corpus add /etc/passwd` must not store a system file as a policy text). What it is read as,
  // its content decides (a .docx saved as .doc, a PDF saved as .txt: `detectFormat`).
  if (!hasSupportedExtension(doc.filename)) {
    const ext = extname(doc.filename).toLowerCase();
    const what = ext ? { zh: `不支持 ${ext} 文件`, en: `${ext} files are not supported` } : { zh: `「${basename(doc.filename)}」没有扩展名，无法判断文件类型`, en: `"${basename(doc.filename)}" has no extension, so its type is unknown` };
    return {
      ok: false,
      error: {
        zh: `${what.zh}。支持的类型：${SUPPORTED_TYPES.zh}。`,
        en: `${what.en}. Supported types: ${SUPPORTED_TYPES.en}.`,
      },
    };
  }
  // An empty --doc-no is a mistake (a shell variable that was not set), not "no 文号": say so.
  if (doc.docNo !== undefined && doc.docNo.trim() === '') {
    return {
      ok: false,
      error: { zh: '给定的文号是空的。文件没有文号时请不要给出文号（去掉 --doc-no）。', en: 'The document number given is empty. Leave it out (no --doc-no) when the document has none.' },
    };
  }
  if (doc.title !== undefined && doc.title.trim() === '') {
    return {
      ok: false,
      error: { zh: '给定的标题是空的。要用正文中的标题请不要给出标题（去掉 --title）。', en: 'The title given is empty. Leave it out (no --title) to use the title in the text.' },
    };
  }
  if (doc.issuer !== undefined && doc.issuer.trim() === '') {
    return {
      ok: false,
      error: { zh: '给定的发文机关是空的。要用正文中的发文机关请不要给出（去掉 --issuer）。', en: 'The issuer given is empty. Leave it out (no --issuer) to use the issuer in the text.' },
    };
  }
  const dateProblem = doc.date === undefined ? undefined : givenDateProblem(doc.date.trim());
  if (dateProblem) return { ok: false, error: dateProblem };
  const givenNo = doc.docNo?.trim();
  const metaInput = {
    docNo: givenNo ? normalizeDocNo(givenNo) : undefined,
    title: doc.title?.trim() || undefined,
    issuer: doc.issuer?.trim() || undefined,
    date: doc.date?.trim() || undefined,
  };
  if (metaInput.docNo && !isDocNo(metaInput.docNo)) {
    return {
      ok: false,
      error: {
        zh: `文号「${givenNo}」格式不对，应如 晋市政办〔2024〕32号 或 国务院令第728号。`,
        en: `"${givenNo}" is not a document number like 晋市政办〔2024〕32号 or 国务院令第728号.`,
      },
    };
  }
  const extracted = await extractDocument(doc.filename, doc.data);
  if (!extracted.ok) return { ok: false, error: extracted.error };

  const current = loadCorpus({ dir, fresh: true });
  let meta = Object.values(metaInput).some((v) => v !== undefined) ? metadataEntrySchema.parse(metaInput) : undefined;
  let file = chooseFileName(dir, corpusFileName(doc.filename));
  const first = parseDocumentText(extracted.text, file, meta, extracted.encoding);
  if (!first.ok) {
    return {
      ok: false,
      error: { zh: `${doc.filename} 中没有找到任何条文。`, en: `No clause was found in ${doc.filename}.` },
      warnings: first.warnings,
    };
  }
  let parsed = first;
  const sameNo = parsed.document.docNo
    ? current.documents.filter((d) => d.docNo === parsed.document.docNo).map((d) => d.file)
    : [];
  let contentKey = parsed.contentKey ?? contentKeyOf(parsed.clauses);
  const sameText = sameTextFiles(current, contentKey).filter((f) => !sameNo.includes(f));
  const replaces = [...sameNo, ...sameText];
  // A replacement keeps what the replaced file's metadata.json entry says (a title given with
  // --title, a 文号) unless given anew, so the outline shows what will be recorded.
  const keptMeta = keptMetadata(dir, replaces, meta);
  if (keptMeta) {
    const again = parseDocumentText(extracted.text, file, keptMeta, extracted.encoding);
    if (again.ok) {
      parsed = again;
      meta = keptMeta;
      contentKey = again.contentKey ?? contentKeyOf(again.clauses);
    }
  }
  const warnings = [...(extracted.warnings ?? []), ...parsed.warnings];
  if (!parsed.document.docNo) {
    // Without a 文号 a second copy of this document cannot be recognised by its number.
    warnings.push(
      `${doc.filename}：未能识别文号；如文件有文号，请用 --doc-no 给出（聊天中在消息里写「文号：…」） / ${doc.filename}: no 文号 (document number) was recognised; if the document has one, give it with --doc-no (in chat, a "文号：…" line in the message)`,
    );
  }
  // Replacing, the file of the same name is overwritten in place (as storeDocument does).
  if (onConflict !== 'refuse' && replaces.includes(corpusFileName(doc.filename))) file = corpusFileName(doc.filename);
  if (sameText.length > 0) {
    const same = { zh: sameText.join('、'), en: sameText.join(', ') };
    const what =
      onConflict === 'replace'
        ? { zh: `将用它替换 ${same.zh}（--replace）`, en: `; it replaces ${same.en} (--replace)` }
        : onConflict === 'offer'
          ? { zh: `不会重复导入；选择「替换旧文件」将用它替换 ${same.zh}`, en: `, so it will not be added twice; choose "Replace" to replace ${same.en} with it` }
          : { zh: '不会重复导入；如要用它替换，请选择「替换」（命令行加 --replace）', en: ', so it will not be added twice; choose "Replace" (--replace on the command line) to replace it' };
    warnings.push(`${doc.filename}：内容与语料中的 ${same.zh} 相同，${what.zh} / ${doc.filename}: same text as ${same.en} already in the corpus${what.en}`);
  }
  return {
    ok: true,
    preview: {
      file,
      source: doc.filename,
      format: extracted.format,
      encoding: extracted.encoding,
      document: parsed.document,
      clauses: parsed.clauses,
      firstPaths: parsed.clauses.slice(0, OUTLINE_PATHS).map((c) => c.path),
      warnings,
      notes: extracted.notes,
      replaces,
      sameText,
      onConflict,
      contentKey,
      text: extracted.text,
      meta,
    },
  };
}

/** Why a date given for a document (`--date`) cannot be recorded, or undefined when it can. */
function givenDateProblem(date: string): Localized | undefined {
  if (date === '') {
    return { zh: '给定的日期是空的。要用正文中的日期请不要给出日期（去掉 --date）。', en: 'The date given is empty. Leave it out (no --date) to use the date in the text.' };
  }
  const checked = metadataEntrySchema.shape.date.safeParse(date);
  if (checked.success) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? { zh: `日期「${date}」不是真实的日期。`, en: `The date "${date}" is not a real date.` }
    : { zh: `日期「${date}」格式不对，应写成 YYYY-MM-DD，如 2021-01-22。`, en: `The date "${date}" is not written YYYY-MM-DD, e.g. 2021-01-22.` };
}

/**
 * The metadata entries of the files a document replaces, merged, with what was given now on top;
 * undefined when they add nothing to `given`.
 */
function keptMetadata(dir: string, replaced: readonly string[], given: MetadataEntry | undefined): MetadataEntry | undefined {
  if (replaced.length === 0) return undefined;
  const metadata = readMetadata(dir, () => undefined);
  const old = Object.assign({}, ...replaced.map((f) => metadata[f] ?? {})) as MetadataEntry;
  const givenFields = Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined));
  const merged = { ...old, ...givenFields };
  if (Object.keys(merged).length === Object.keys(givenFields).length) return undefined;
  return metadataEntrySchema.parse(merged);
}

/** Loaded documents with this text. */
function sameTextFiles(corpus: Corpus, contentKey: string): string[] {
  return corpus.documents.filter((d) => corpus.contentKeys.get(d.file) === contentKey).map((d) => d.file);
}

/** A name not yet taken in the folder (`规定.txt`, `规定-2.txt`, …). */
function chooseFileName(dir: string, wanted: string): string {
  const stem = wanted.replace(/\.txt$/, '');
  let name = wanted;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${stem}-${n}.txt`;
  return name;
}

/**
 * Stores a prepared document. Refuses when its 文号 is already in the corpus, unless `replace`;
 * with `replace` the old file (and its metadata entry) is removed after the new one is written.
 */
/** The corpus's files a preview would replace: those with its 文号, and those with its very text. */
function conflictsOf(preview: IngestPreview, dir: string): { sameNo: string[]; sameText: string[] } {
  // The corpus may have changed since the preview (another upload, a hand edit): look again.
  const current = loadCorpus({ dir, fresh: true });
  const sameNo = preview.document.docNo ? current.documents.filter((d) => d.docNo === preview.document.docNo).map((d) => d.file) : [];
  // The same text under another name (a copy, or the very file re-added) is refused the same way:
  // stored beside it, every clause would be found twice.
  const sameText = sameTextFiles(current, preview.contentKey).filter((f) => !sameNo.includes(f));
  return { sameNo, sameText };
}

/**
 * Why {@link storeDocument} would refuse `preview` now — its 文号 or its text is already in the corpus
 * and `replace` is not set — or undefined when it would store it. A dry run says so ahead.
 */
export function storeRefusal(preview: IngestPreview, options: IngestOptions & { replace?: boolean } = {}): Localized | undefined {
  if (options.replace) return undefined;
  const { sameNo, sameText } = conflictsOf(preview, resolve(options.dir ?? defaultCorpusDir()));
  return refusalFor(preview, sameNo, sameText);
}

function refusalFor(preview: IngestPreview, sameNo: string[], sameText: string[]): Localized | undefined {
  if (sameNo.length > 0) {
    return {
      zh: `语料中已有文号 ${preview.document.docNo} 的文件（${sameNo.join('、')}），未导入。如要用新文件替换，请选择「替换」（命令行加 --replace）。`,
      en: `The corpus already has ${preview.document.docNo} (${sameNo.join(', ')}); nothing was stored. Choose "Replace" (--replace on the command line) to replace it.`,
    };
  }
  if (sameText.length > 0) {
    return {
      zh: `语料中已有内容相同的文件（${sameText.join('、')}），未导入。如要用新文件替换，请选择「替换」（命令行加 --replace）。`,
      en: `The corpus already has the same text (${sameText.join(', ')}); nothing was stored. Choose "Replace" (--replace on the command line) to replace it.`,
    };
  }
  return undefined;
}

export function storeDocument(preview: IngestPreview, options: IngestOptions & { replace?: boolean } = {}): StoreResult {
  const dir = resolve(options.dir ?? defaultCorpusDir());
  const { sameNo, sameText } = conflictsOf(preview, dir);
  const refused = options.replace ? undefined : refusalFor(preview, sameNo, sameText);
  if (refused) return { ok: false, error: refused };
  const same = [...sameNo, ...sameText];
  // Replacing a document by a file of the same name overwrites it in place.
  const sameName = corpusFileName(preview.source);
  const file =
    options.replace && same.includes(sameName) ? sameName : existsSync(join(dir, preview.file)) ? chooseFileName(dir, preview.file) : preview.file;
  let metadata: Record<string, unknown> | undefined;
  if (preview.meta || same.length > 0) {
    const read = readMetadataObject(dir);
    if (!read.ok) return read;
    metadata = read.value;
  }

  try {
    // A corpus folder named in the settings but not made yet is made: the first document starts it.
    mkdirSync(dir, { recursive: true });
    writeAtomically(join(dir, file), preview.text);
    if (metadata) {
      // A replaced file's entry (a title, a 文号) is kept unless given anew, whether the new file
      // has its text or its 文号.
      const kept = Object.assign({}, ...same.map((old) => metadata![old]).filter((e) => typeof e === 'object' && e !== null)) as Record<string, unknown>;
      for (const old of same) delete metadata[old];
      const given = Object.entries(preview.meta ?? {}).filter(([, v]) => v !== undefined);
      const entry = { ...kept, ...Object.fromEntries(given) };
      if (Object.keys(entry).length > 0) metadata[file] = entry;
      writeAtomically(join(dir, METADATA_FILE), JSON.stringify(metadata, null, 2) + '\n');
    }
    for (const old of same) if (old !== file) unlinkSync(join(dir, old));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return {
      ok: false,
      error: { zh: `无法写入语料目录 ${dir}（${code}），请检查目录和权限。`, en: `Could not write to the corpus folder ${dir} (${code}); check the folder and its permissions.` },
    };
  }
  return { ok: true, file, removed: same.filter((f) => f !== file), replaced: same };
}

function readMetadataObject(dir: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: Localized } {
  const path = join(dir, METADATA_FILE);
  if (!existsSync(path)) return { ok: true, value: {} };
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { ok: true, value: v as Record<string, unknown> };
  } catch {
    // fall through
  }
  return {
    ok: false,
    error: {
      zh: `${METADATA_FILE} 不是有效的 JSON 对象，请先修正它再导入（未做任何改动）。`,
      en: `${METADATA_FILE} is not a valid JSON object; fix it first (nothing was changed).`,
    },
  };
}

function writeAtomically(path: string, content: string): void {
  const tmp = join(resolve(path, '..'), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, content, 'utf8');
  renameSync(tmp, path);
}

/** One row of `corpus list` / `corpus check`. */
export interface CorpusEntry {
  file: string;
  docNo: string | null;
  title: string;
  date: string | null;
  clauses: number;
  warnings: string[];
}

export interface CorpusReport {
  dir: string;
  documents: CorpusEntry[];
  /** Problems with files that did not load, and with metadata.json. */
  skipped: CorpusIssue[];
  warnings: string[];
}

/** Every document of the corpus folder with its clause count and warnings, read fresh from disk. */
export function corpusReport(options: IngestOptions = {}): CorpusReport {
  const dir = resolve(options.dir ?? defaultCorpusDir());
  const corpus = loadCorpus({ dir, fresh: true });
  const counts = new Map<string, number>();
  for (const c of corpus.clauses) counts.set(c.docId, (counts.get(c.docId) ?? 0) + 1);
  const loaded = new Set(corpus.documents.map((d) => d.file));
  return {
    dir,
    documents: corpus.documents.map((d) => ({
      file: d.file,
      docNo: d.docNo,
      title: d.title,
      date: d.date,
      clauses: counts.get(d.docId) ?? 0,
      warnings: corpus.issues.filter((i) => i.file === d.file).map((i) => i.message),
    })),
    skipped: corpus.issues.filter((i) => !loaded.has(i.file)),
    warnings: corpus.warnings,
  };
}
