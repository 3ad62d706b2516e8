/**
 * Texts that arrive without their structure: a web page or a PDF flattened into one long line.
 *
 * Two general repairs, applied to every document:
 * - {@link restoreLineBreaks}: inside a very long line, a heading number that follows a finished
 *   sentence (`…施行。第二条 …`, `…如下：（一）…`) starts a new line again, so the parser sees
 *   the articles and items the text still spells out. A text with (almost) no line breaks at all
 *   ({@link textIsFlat}), however short, gets the same treatment on every line, and more: a
 *   heading number after a space or right after a heading's words (`一、总体要求（一）指导思想`),
 *   and the header's own lines (masthead, 文号, notice title, salutation, date) start lines again,
 *   so its 文号, title and clauses are found;
 * - {@link splitLongClauses}: a clause that is still far longer than a citable unit (a text with
 *   no numbering at all) is cut at sentence ends into parts of at most {@link CLAUSE_PART_CHARS}
 *   characters, cited as `序言 第1段`, `序言 第2段`, … — so one 300,000-character 序言 can neither
 *   outrank real clauses nor flood `--json` output.
 */
import type { Clause } from './schema.ts';

/** A line longer than this has probably lost its line breaks. */
export const LONG_LINE_CHARS = 1000;
/** A clause longer than this is split (the longest real clause of the five documents has 615). */
export const MAX_CLAUSE_CHARS = 700;
/** Target size of the parts a long clause is split into. */
export const CLAUSE_PART_CHARS = 600;

const CN = '[一二三四五六七八九十百零〇]+';
// A heading number that starts a new line when it directly follows a sentence end (or, for
// 第X章/第X条, a space: `第一章 总则 第一条 …`).
const INLINE_HEADING = new RegExp(
  `(?<=[。；！？：:;!?][”’」』）)]*\\s*)(?=第${CN}[章条]|${CN}、|[（(]${CN}[）)]|[（(]\\d{1,2}[）)]|\\d{1,2}[.．、](?!\\d))` +
    `|(?<=\\S\\s+)(?=第${CN}[章条][\\s\\u3000])`,
  'g',
);

/** At most this many non-empty lines, one of at least {@link FLAT_MIN_LINE_CHARS} characters: a text that lost its line breaks. */
const FLAT_MAX_LINES = 3;
const FLAT_MIN_LINE_CHARS = 40;
/** How far into a flat text its header (masthead, 文号, notice, salutation, issuer, date) may reach. */
const FLAT_HEADER_CHARS = 600;

const SP = '[ \\t\\u3000]';
// In a flat text headings were separated by the line breaks that are gone, so a heading number
// also starts a line after a space, and `（一）` right after a heading's words; not after 第…条/款/项,
// where `（一）` is a reference (第三条（一）项).
const FLAT_HEADING = new RegExp(
  `(?<=\\S${SP}+)(?=${CN}、|[（(]${CN}[）)]|[（(]\\d{1,2}[）)]|\\d{1,2}[.．、](?![\\d%]))` +
    `|(?<=[\\u4e00-\\u9fff])(?<![第条款项章节])(?=[（(]${CN}[）)])`,
  'g',
);
// Header lines of a flat text, each put on a line of its own: a 文号 standing apart (or in
// parentheses under a rule's title), `（此件公开发布）`, a date standing apart. Only inside the
// header: in the body a date between spaces is part of a sentence.
const FLAT_DOC_NO = new RegExp(`(^|${SP}+)([（(]?[\\u4e00-\\u9fff]{1,12}${SP}*[〔\\[【(（]${SP}*\\d{4}${SP}*[〕\\]】)）]${SP}*\\d{1,4}${SP}*号[）)]?)(?=${SP}|$)`);
const FLAT_PUBLIC = /[（(]此件[^（）()]{0,12}[）)]/g;
const FLAT_DATE = new RegExp(`(^|${SP}+)((?:\\d{4}|[〇零一二三四五六七八九]{4})年[\\d一二三四五六七八九十]{1,3}月[\\d一二三四五六七八九十]{1,3}日)(?=${SP}|$)`, 'g');
// A space after a masthead (`…文件`), a notice title (`…的通知`), a salutation (`…：`) or a
// sentence (before the issuer's name).
const FLAT_HEADER_END = new RegExp(`(?<=文件|通知|[：:。；！？])${SP}+`, 'g');

/** Whether a text has (almost) no line breaks: a web page or PDF flattened into a line or two. */
export function textIsFlat(raw: string): boolean {
  const lines = raw.split('\n').filter((l) => l.trim().length > 0);
  return lines.length > 0 && lines.length <= FLAT_MAX_LINES && lines.some((l) => l.trim().length >= FLAT_MIN_LINE_CHARS);
}

/** The extra breaks of a flat text (see the module comment); `offset` is where `line` starts in the text. */
function rebreakFlatLine(line: string, offset: number): string {
  const headerChars = Math.max(0, FLAT_HEADER_CHARS - offset);
  const head = line
    .slice(0, headerChars)
    .replace(FLAT_DOC_NO, '\n$2\n')
    .replace(FLAT_PUBLIC, '\n$&\n')
    .replace(FLAT_DATE, '\n$2\n')
    .replace(FLAT_HEADER_END, '\n');
  return (head + line.slice(headerChars))
    .replace(INLINE_HEADING, '\n')
    .replace(FLAT_HEADING, '\n');
}

/**
 * Puts line breaks back before heading numbers inside over-long lines, and throughout a text
 * with (almost) no line breaks; other lines are untouched. The result differs from `raw` exactly
 * when something was re-broken (the loader warns then).
 */
export function restoreLineBreaks(raw: string): string {
  const flat = textIsFlat(raw);
  if (!flat && !raw.split('\n').some((l) => l.length > LONG_LINE_CHARS)) return raw;
  let offset = 0;
  const out = raw.split('\n').map((line) => {
    const start = offset;
    offset += line.length + 1;
    if (flat) return tidyBreaks(rebreakFlatLine(line, start));
    return line.length > LONG_LINE_CHARS ? tidyBreaks(line.replace(INLINE_HEADING, '\n')) : line;
  });
  return out.join('\n');
}

/** Spaces around the inserted breaks go, and a break at either end of the line (nothing was split there). */
function tidyBreaks(s: string): string {
  return s.includes('\n') ? s.replace(/[ \t\u3000]*\n[ \t\u3000]*/g, '\n').replace(/\n{2,}/g, '\n').replace(/^\n+|\n+$/g, '') : s;
}

/** Splits a text into sentences, each keeping its closing punctuation (and closing quotes). */
export function sentences(text: string): string[] {
  const out = text.match(/[^。！？；!?;\n]*(?:[。！？；!?;][”’」』）)]*|\n|$)/g) ?? [];
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Cuts one sentence longer than `max` at commas, and at `max` characters as a last resort. */
function cutSentence(s: string, max: number): string[] {
  if (s.length <= max) return [s];
  const parts: string[] = [];
  let cur = '';
  for (const piece of s.match(/[^，,、]*[，,、]?/g)!.filter(Boolean)) {
    if (cur && cur.length + piece.length > max) {
      parts.push(cur);
      cur = '';
    }
    cur += piece;
    while (cur.length > max) {
      parts.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur) parts.push(cur);
  return parts;
}

/** Packs a long text into parts of at most `max` characters, breaking only between sentences where it can. */
export function packSentences(text: string, max = CLAUSE_PART_CHARS): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const s of sentences(text).flatMap((x) => cutSentence(x, max))) {
    if (cur && cur.length + s.length > max) {
      parts.push(cur);
      cur = '';
    }
    cur += s;
  }
  if (cur) parts.push(cur);
  return parts;
}

export interface SplitResult {
  clauses: Clause[];
  /** Paths of the clauses that were split, with their length. */
  split: Array<{ path: string; chars: number; parts: number }>;
}

/** Splits every clause longer than {@link MAX_CLAUSE_CHARS} into sentence-sized parts. */
export function splitLongClauses(clauses: readonly Clause[]): SplitResult {
  const out: Clause[] = [];
  const split: SplitResult['split'] = [];
  for (const c of clauses) {
    if (c.text.length <= MAX_CLAUSE_CHARS) {
      out.push(c);
      continue;
    }
    const parts = packSentences(c.text);
    split.push({ path: c.path, chars: c.text.length, parts: parts.length });
    parts.forEach((text, i) => out.push({ ...c, path: `${c.path} 第${i + 1}段`, text }));
  }
  return { clauses: out, split };
}
