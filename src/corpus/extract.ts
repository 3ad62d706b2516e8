/**
 * Plain text out of the files policy documents arrive as: PDF, Word (.docx), web pages and text
 * in any of the encodings Chinese offices use. The result is what a `.txt` in `corpus/` holds —
 * the loader repairs and parses it with the same code as the five seed documents.
 *
 * Libraries (all pure JavaScript, nothing downloaded at install, loaded only when a file of
 * that kind is extracted so other commands do not pay for them):
 * - PDF: `unpdf`, the serverless build of Mozilla's PDF.js, for positioned text items. Lines are
 *   rebuilt from the items' positions; a wide horizontal gap (a table column) becomes a tab, so
 *   table cells stay apart.
 * - .docx: `mammoth` converts the document to HTML (paragraphs, tables), then as a web page.
 * - HTML: `html-to-text` with tables written one row per line, cells tab-separated; the page's
 *   declared charset (gb2312, gbk, gb18030) is honoured, else the encoding is detected.
 *
 * ```ts
 * const r = await extractDocument('规定.pdf', bytes);
 * if (r.ok) r.text; // '晋城市…管理办法\n第一条 …'
 * ```
 */
import { extname } from 'node:path';
import { paragraphLabels } from './docxNumbering.ts';
import { decodeText, encodingLabel, type TextEncodingName } from './decode.ts';
import type { Localized } from '../text/locale.ts';

export type SourceFormat = 'pdf' | 'docx' | 'html' | 'text';

export type Extracted =
  | { ok: true; text: string; format: SourceFormat; encoding?: TextEncodingName; pages?: number; notes: string[]; /** Problems the outline shows, each naming the file. */ warnings?: string[] }
  | { ok: false; error: Localized };

/** Largest file accepted (a policy document is rarely over a few MB; this bounds the work). */
export const MAX_SOURCE_BYTES = 30 * 1024 * 1024;

/**
 * Extensions `corpus add` accepts. `.doc` is let through for its content to decide: a .docx saved
 * under a .doc name is read as one, a legacy (OLE2) .doc is refused with advice to save it as .docx
 * or PDF ({@link detectFormat}).
 */
export const SUPPORTED_EXTENSIONS = ['.pdf', '.docx', '.doc', '.html', '.htm', '.txt'] as const;

/** The supported types as a person reads them, for every refusal (CLI and chat upload alike). */
export const SUPPORTED_TYPES = {
  zh: 'PDF、Word（.docx）、网页（.html、.htm）或文本（.txt）',
  en: 'PDF, Word (.docx), web page (.html, .htm) or text (.txt)',
} as const;

/** Whether a file name ends in one of {@link SUPPORTED_EXTENSIONS} (a name without one does not). */
export function hasSupportedExtension(filename: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(filename).toLowerCase());
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** `%PDF-`: how every PDF file starts. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
/** A zip file's first local header (`PK\x03\x04`): .docx, but also .xlsx, .pptx, any archive. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE2 compound file: legacy Word (.doc), Excel (.xls), WPS. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The part every Word document (.docx) holds. */
const DOCX_MAIN_PART = 'word/document.xml';

/**
 * The names of the entries of a zip file, from its central directory; undefined when that cannot
 * be read (cut short, ZIP64). Reads only the directory at the end, decompressing nothing.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes and a comment of up to 65,535, at the very end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Whether a zip file is a Word document: it holds `word/document.xml`. */
function isDocx(bytes: Uint8Array): boolean {
  const names = zipEntryNames(bytes);
  // A directory that cannot be read: the part's name, stored uncompressed in its local header.
  return names ? names.includes(DOCX_MAIN_PART) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(DOCX_MAIN_PART);
}

/**
 * The format of a file, from its content when that is unambiguous, else from its extension. The
 * content wins over a wrong name: a PDF (`%PDF-`), a Word .docx (a zip holding
 * `word/document.xml`) or a web page is read as what it is whatever it is called; an OLE2 file is
 * a legacy .doc, which is not read. A file called .html with no tag at all is plain text.
 */
export function detectFormat(filename: string, bytes: Uint8Array): SourceFormat | 'doc' | 'unknown' {
  const ext = extname(filename).toLowerCase();
  if (startsWith(bytes, PDF_MAGIC)) return 'pdf';
  // A .docx is a zip; so are .xlsx and .pptx, which hold no word/document.xml.
  if (startsWith(bytes, ZIP_MAGIC)) return ext === '.docx' || isDocx(bytes) ? 'docx' : 'unknown';
  if (startsWith(bytes, OLE2_MAGIC)) return 'doc';
  if (ext === '.html' || ext === '.htm') return bytes.includes(0x3c) ? 'html' : 'text'; // no `<`: no tag
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).toLowerCase();
  if (/^\s*(<!doctype html|<html|<head|<meta)/.test(head)) return 'html';
  if (ext === '.txt' || ext === '') return 'text';
  if (ext === '.pdf' || ext === '.docx' || ext === '.doc') return 'unknown'; // the name says so but the content does not
  return 'text';
}

/** What a file's extension claims it is (undefined for a name that claims nothing we read). */
function claimedFormat(filename: string): SourceFormat | 'doc' | undefined {
  const ext = extname(filename).toLowerCase();
  if (ext === '.pdf' || ext === '.docx' || ext === '.doc') return ext === '.pdf' ? 'pdf' : ext === '.docx' ? 'docx' : 'doc';
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.txt') return 'text';
  return undefined;
}

const FORMAT_WORDS: Record<SourceFormat, Localized> = {
  pdf: { zh: 'PDF', en: 'a PDF' },
  docx: { zh: 'Word（.docx）', en: 'a Word (.docx) file' },
  html: { zh: '网页', en: 'a web page' },
  text: { zh: '纯文本', en: 'plain text' },
};

/** Extracts the plain text of a document file. Never throws; a bad file gives a message naming the problem. */
export async function extractDocument(filename: string, bytes: Uint8Array): Promise<Extracted> {
  if (bytes.length === 0) return fail(`${filename} 是空文件。`, `${filename} is empty.`);
  if (bytes.length > MAX_SOURCE_BYTES) {
    return fail(`${filename} 超过 ${MAX_SOURCE_BYTES / 1024 / 1024} MB，无法导入。`, `${filename} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB.`);
  }
  const format = detectFormat(filename, bytes);
  try {
    switch (format) {
      case 'pdf':
      case 'docx':
      case 'html':
      case 'text': {
        const r = format === 'pdf' ? await fromPdf(bytes) : format === 'docx' ? await fromDocx(bytes, filename) : format === 'html' ? await fromHtml(bytes) : fromText(bytes, filename);
        const claimed = claimedFormat(filename);
        if (r.ok && claimed && claimed !== format) {
          // Read by its content; the outline says so, so the person can name the file right.
          const what = FORMAT_WORDS[format];
          r.warnings = [
            ...(r.warnings ?? []),
            `${filename}：按内容是${what.zh}文件（与扩展名不符），已按${what.zh}读取 / ${filename}: by its content this is ${what.en}, not what its extension says; it was read as such`,
          ];
        }
        return r;
      }
      case 'doc':
        return fail(
          `${filename} 是旧版 Word（.doc）文件（OLE2 复合文档），无法直接读取。请先在 Word 或 WPS 中另存为 .docx 或 PDF，再导入。`,
          `${filename} is a legacy Word (.doc) file (an OLE2 compound file), which cannot be read. Save it as .docx or PDF in Word or WPS first, then add that.`,
        );
      default:
        return fail(
          `${filename} 的内容与扩展名不符，无法识别为 PDF、Word（.docx）、网页或文本。`,
          `${filename} does not look like a PDF, .docx, web page or text file.`,
        );
    }
  } catch (err) {
    const why = (err as Error).message?.split('\n')[0] ?? String(err);
    return fail(`无法读取 ${filename}：${why}`, `Could not read ${filename}: ${why}`);
  }
}

function fail(zh: string, en: string): Extracted {
  return { ok: false, error: { zh, en } };
}

function fromText(bytes: Uint8Array, filename: string): Extracted {
  const d = decodeText(bytes);
  if (!d.ok) {
    return d.reason === 'binary'
      ? fail(`${filename} 看起来是二进制文件，不是文本。`, `${filename} looks like a binary file, not text.`)
      : fail(`${filename} 的编码无法识别（支持 UTF-8、GB18030/GBK、UTF-16）。`, `${filename} is not UTF-8, GB18030/GBK or UTF-16 text.`);
  }
  const notes = d.encoding === 'utf-8' ? [] : [`编码 ${encodingLabel(d.encoding)} / encoding ${encodingLabel(d.encoding)}`];
  return { ok: true, text: d.text, format: 'text', encoding: d.encoding, notes };
}

interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/**
 * Rebuilds the lines of one PDF page from positioned text items: items whose baselines are within
 * half a font size are one line, read left to right; a gap wider than two characters is a column
 * gap (tab), a smaller visible gap a space (the repair drops spaces inside Chinese anyway).
 */
export function pdfPageLines(items: readonly PdfItem[]): string[] {
  const visible = items.filter((i) => i.str.length > 0);
  const rows: PdfItem[][] = [];
  for (const item of [...visible].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const row = rows[rows.length - 1];
    const size = item.fontSize || 10;
    if (row && Math.abs(row[0]!.y - item.y) <= size * 0.5) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let line = '';
    let end: number | null = null;
    for (const item of row) {
      const size = item.fontSize || 10;
      // PDF.js reports the gap between two text runs as a whitespace item as wide as the gap.
      if (/^\s*$/.test(item.str)) {
        if (item.width > size * 2) line = line.replace(/ $/, '') + '\t';
        else if (!/\s$/.test(line)) line += ' ';
        end = item.x + item.width;
        continue;
      }
      if (end !== null && !/\t$/.test(line)) {
        const gap = item.x - end;
        if (gap > size * 2) line += '\t';
        else if (gap > size * 0.25 && !/\s$/.test(line) && !/^\s/.test(item.str)) line += ' ';
      }
      line += item.str;
      end = item.x + item.width;
    }
    return line.replace(/\s+$/, '');
  });
}

async function fromPdf(bytes: Uint8Array): Promise<Extracted> {
  const { extractTextItems, getDocumentProxy } = await import('unpdf');
  // PDF.js may transfer (detach) the buffer it is given, so it gets its own copy. Verbosity 0: its
  // console warnings (Indexing all PDF objects) are no message for the coordinator; errors still throw.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const { totalPages, items } = await extractTextItems(pdf);
  const pages = items.map((page) => pdfPageLines(page as PdfItem[]).join('\n'));
  const text = pages.join('\n\n');
  if (text.trim().length === 0) {
    return fail(
      'PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别）。',
      'The PDF has no extractable text (probably a scan; it needs OCR first).',
    );
  }
  return { ok: true, text, format: 'pdf', pages: totalPages, notes: [`PDF ${totalPages} 页 / ${totalPages} page(s)`] };
}

async function fromDocx(bytes: Uint8Array, filename: string): Promise<Extracted> {
  const mammoth = (await import('mammoth')).default;
  const notes: string[] = [];
  const warnings: string[] = [];
  const parts = await numberingParts(bytes);
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    { transformDocument: (doc: MammothElement) => restoreAutoNumbers(doc, parts, filename, notes, warnings) },
  );
  const text = await htmlToPlainText(html);
  if (text.trim().length === 0) return fail(`${filename} 中没有文字。`, `${filename} contains no text.`);
  return { ok: true, text, format: 'docx', notes, warnings };
}

interface MammothElement {
  type: string;
  children?: MammothElement[];
  numbering?: { isOrdered: boolean } | null;
}

/**
 * Puts Word's automatic numbers (`一、` `（一）`, see `docxNumbering.ts`) back in front of their
 * paragraphs, as text: mammoth would make them a list numbered 1. 2. …, or drop them (numbering
 * set by a paragraph style). When mammoth's paragraphs are not the ones of word/document.xml
 * (content in text boxes), nothing is changed and a warning names the file.
 */
/** The parts of a .docx that automatic numbering is computed from (JSZip, the zip reader mammoth itself uses). */
interface NumberingParts {
  document: string;
  numbering: string | null;
  styles: string;
}

async function numberingParts(bytes: Uint8Array): Promise<NumberingParts> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? null;
  return { document: (await part('word/document.xml')) ?? '', numbering: await part('word/numbering.xml'), styles: (await part('word/styles.xml')) ?? '' };
}

function restoreAutoNumbers(doc: MammothElement, parts: NumberingParts, filename: string, notes: string[], warnings: string[]): MammothElement {
  const paragraphs: MammothElement[] = [];
  const visit = (e: MammothElement) => {
    if (e.type === 'paragraph') paragraphs.push(e);
    for (const c of e.children ?? []) visit(c);
  };
  visit(doc);
  if (!parts.numbering) return doc;
  const labels = paragraphLabels(parts.document, parts.numbering, parts.styles);
  const numbered = labels.filter((l) => l !== null).length;
  if (labels.length !== paragraphs.length) {
    const seen = Math.max(numbered, paragraphs.filter((p) => p.numbering?.isOrdered).length);
    if (seen > 0) {
      warnings.push(
        `${filename}：有 ${seen} 段使用 Word 自动编号，编号未能还原，请核对条文划分（或在 Word 中将编号转为文本后再导入） / ${filename}: ${seen} paragraphs use Word automatic numbering, which could not be restored; check the clauses (or convert the numbering to text in Word and add the file again)`,
      );
    }
    return doc;
  }
  paragraphs.forEach((p, i) => {
    const label = labels[i];
    if (!label) return;
    p.numbering = null;
    p.children = [{ type: 'run', children: [{ type: 'text', value: label } as MammothElement], verticalAlignment: 'baseline' } as MammothElement, ...(p.children ?? [])];
  });
  if (numbered > 0) notes.push(`已还原 Word 自动编号（${numbered} 段） / Word automatic numbering restored (${numbered} paragraphs)`);
  return doc;
}

/** The charset a web page declares (`<meta charset="gbk">`, `content="text/html; charset=gb2312"`). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i);
  return m ? m[1]!.toLowerCase() : null;
}

async function fromHtml(bytes: Uint8Array): Promise<Extracted> {
  const charset = declaredCharset(bytes);
  let html: string | null = null;
  let encoding: TextEncodingName | undefined;
  if (charset && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(charset)) {
    html = new TextDecoder('gb18030').decode(bytes);
    encoding = 'gb18030';
  } else {
    const d = decodeText(bytes);
    if (!d.ok) return fail('网页的编码无法识别。', 'The web page is in an encoding that cannot be read.');
    html = d.text;
    encoding = d.encoding;
  }
  const text = await htmlToPlainText(html);
  if (text.trim().length === 0) return fail('网页中没有正文文字。', 'The web page has no text.');
  const notes = encoding && encoding !== 'utf-8' ? [`编码 ${encodingLabel(encoding)} / encoding ${encodingLabel(encoding)}`] : [];
  return { ok: true, text, format: 'html', encoding, notes };
}

/**
 * Elements of a web page that frame the document rather than belong to it: a government site puts
 * its footer (版权所有 某市人民政府, 网站标识码), breadcrumbs (首页 > 政策文件), menus and search
 * forms around the text, and the last article would otherwise end with them.
 */
const PAGE_FRAME = [
  'footer', 'aside', 'form', 'noscript', 'iframe', 'button', 'select',
  '[class*=footer]', '[id*=footer]', '[class*=breadcrumb]', '[id*=breadcrumb]', '[class*=copyright]', '[id*=copyright]',
  '[class*=nav]', '[id*=nav]', '[class*=menu]', '[id*=menu]',
];

/**
 * HTML to the line structure the repair expects: one paragraph per line, one table row per line
 * with tab-separated cells; scripts, styles, navigation, the page's frame ({@link PAGE_FRAME}) and
 * images dropped.
 */
export async function htmlToPlainText(html: string): Promise<string> {
  const { convert } = await import('html-to-text');
  // Word cells (and many web tables) wrap their text in paragraphs; inside a cell they are inline,
  // or every cell would become a line of its own. (html-to-text selectors have no `td p`.)
  const cellsInline = html.replace(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/gi, (_m, tag: string, attrs: string, inner: string) =>
    `<${tag}${attrs}>${inner.replace(/<\/?p\b[^>]*>/gi, ' ').trim()}</${tag}>`,
  );
  const text = convert(cellsInline, {
    wordwrap: false,
    preserveNewlines: false,
    formatters: {
      // A cell's text followed by a tab; the row's block ends the line.
      tabCell: (elem, walk, builder) => {
        walk(elem.children, builder);
        builder.addLiteral('\t');
      },
    },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      // A web page's frame around the document: footer (版权所有 …), breadcrumbs, menus, forms.
      ...PAGE_FRAME.map((selector) => ({ selector, format: 'skip' })),
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'table', format: 'block' },
      { selector: 'tbody', format: 'block' },
      { selector: 'thead', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'td', format: 'tabCell' },
      { selector: 'th', format: 'tabCell' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    ],
  });
  return text
    .split('\n')
    .map((l) => l.replace(/\t+$/, '').replace(/[ \u00a0]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
