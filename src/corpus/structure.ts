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
 *   so its 文号, title and clauses are found. Where the breaks were simply deleted (no space left),
 *   a covering notice ending in `（此件公开发布）` is cut at its masthead (`…文件`), 文号, notice title,
 *   sentences, issuer and date, the plan's title is cut from its preamble, heading words from the
 *   text they run into (`一、总体目标聚焦…`), and `一、` `二、` … start lines when next in sequence;
 *   an annex title and a 责任单位 line stand apart. (A member roster stays one table row, and a
 *   briefing's unnumbered part names, such as 太原市开发区, are lost.)
 * - {@link splitLongClauses}: a clause that is still far longer than a citable unit (a text with
 *   no numbering at all) is cut at sentence ends into parts of at most {@link CLAUSE_PART_CHARS}
 *   characters, cited as `序言 第1段`, `序言 第2段`, … — so one 300,000-character 序言 can neither
 *   outrank real clauses nor flood `--json` output.
 */
import type { Clause } from './schema.ts';
import { chineseNumeralToInt, CN_NUM as CN } from './numbering.ts';

/** A line longer than this has probably lost its line breaks. */
export const LONG_LINE_CHARS = 1000;
/** A clause longer than this is split (the longest real clause of the five documents has 615). */
export const MAX_CLAUSE_CHARS = 700;
/** Target size of the parts a long clause is split into. */
export const CLAUSE_PART_CHARS = 600;

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
const DOC_NO_BODY = `[〔\\[【(（]${SP}*\\d{4}${SP}*[〕\\]】)）]${SP}*第?${SP}*\\d{1,4}${SP}*号`;
const FLAT_DOC_NO = new RegExp(`(^|${SP}+)([（(]?[\\u4e00-\\u9fff]{1,12}${SP}*${DOC_NO_BODY}[）)]?)(?=${SP}|$)`);
// A 文号 glued to what surrounds it (a text whose line breaks were simply deleted): at the very
// start, or right after the masthead (`…办公室文件晋市政办〔2024〕32号晋城市…`). Its prefix never
// contains `文件`, so the masthead is not taken for part of it.
const FLAT_DOC_NO_GLUED = new RegExp(`(?:^\\s*|(?<=文件[*＊]*\\s*))((?:(?!文件)[\\u4e00-\\u9fff]){1,12}${SP}*${DOC_NO_BODY})`);
const FLAT_PUBLIC = /[（(]此件[^（）()]{0,12}[）)]/g;
const FLAT_PUBLIC_ONE = /[（(]此件[^（）()]{0,12}[）)]/;
const DATE = `(?:\\d{4}|[〇零一二三四五六七八九]{4})${SP}*年${SP}*[\\d一二三四五六七八九十]{1,3}${SP}*月${SP}*[\\d一二三四五六七八九十]{1,3}${SP}*日`;
const FLAT_DATE = new RegExp(`(^|${SP}+)(${DATE})(?=${SP}|$)`, 'g');
// A space after a masthead (`…文件`), a notice title (`…的通知`), a salutation (`…：`) or a
// sentence (before the issuer's name).
const FLAT_HEADER_END = new RegExp(`(?<=文件|通知|[：:。；！？])${SP}+`, 'g');
// Inside a covering notice that ends with `（此件公开发布）` the same places start lines even with
// no space at all: masthead, notice title (`…的通知**`), salutation, sentences, the issuer before
// the date and the date itself.
const NOTICE_BREAK = new RegExp(`(?<=(?:文件|通知)[*＊]*)(?![*＊])|(?<=[：:。；！？])|(?=${DATE})|(?<=${DATE})`, 'g');
/** Document types a plan's own title ends with, spaced out or not (`工 作 方 案`). */
const TITLE_END = new RegExp(`(?:${['办法', '条例', '规定', '方案', '意见', '细则', '规则', '决定', '纲要', '规划', '计划', '措施', '指引', '指南'].map((w) => [...w].join(`${SP}*`)).join('|')})`, 'g');
const NOTICE_TITLE = /关于印发《?(.+?)》?的通知/;

// Body breaks of a flat text whose line breaks were simply deleted (no space left between lines):
// a responsibility line or an annex after a finished sentence; `（二）` after a unit note's `）`;
// an item number `1.` right after a heading's words; a bracketed label (`【下一步工作计划】`).
const FLAT_BODY = new RegExp(
  `(?<=[。；！？]${SP}*)(?=责任单位[：:]|附件|抄送[：:]|抄报[：:])` +
    `|(?<=[）)〕\\]])(?=[（(]${CN}[）)])` +
    `|(?<=[\\u4e00-\\u9fff〕\\]）)])(?<![第条款项章节])(?=\\d{1,2}[.．](?![\\d%]))` +
    `|(?=【[^【】\\n]{1,30}】)|(?<=【[^【】\\n]{1,30}】)`,
  'g',
);
const CN_ITEM = new RegExp(`(?<![一二三四五六七八九十百千万零〇第])(${CN})、`, 'g');

/** Whether a text has (almost) no line breaks: a web page or PDF flattened into a line or two. */
export function textIsFlat(raw: string): boolean {
  const lines = raw.split('\n').filter((l) => l.trim().length > 0);
  return lines.length > 0 && lines.length <= FLAT_MAX_LINES && lines.some((l) => l.trim().length >= FLAT_MIN_LINE_CHARS);
}

/** A paragraph break (kept as a blank line by {@link tidyBreaks}): around titles that stand alone. */
const PARA = '\u0001';

/**
 * The covering notice of a flat text, up to `（此件公开发布）`, broken into the lines a real
 * header has; then the plan's own title, cut from the preamble that follows it.
 */
function rebreakNotice(head: string): string | null {
  // The notice ends with `（此件公开发布）`, or else with the date under its signature (the first
  // date after `关于印发…的通知` / `现将《…》印发`).
  const pub = FLAT_PUBLIC_ONE.exec(head);
  let end: number;
  if (pub) end = pub.index + pub[0].length;
  else {
    const marker = /关于印发.{2,80}?的通知|现将《[^》]+》/.exec(head);
    const date = marker ? new RegExp(DATE).exec(head.slice(marker.index + marker[0].length)) : null;
    if (!marker || !date) return null;
    end = marker.index + marker[0].length + date.index + date[0].length;
  }
  const notice = head.slice(0, end).replace(NOTICE_BREAK, '\n');
  const rest = head.slice(end);
  // The plan's own title: the notice names it; else it ends with a document type. Only a
  // punctuation-free stretch can be a title.
  const run = /^[ \t\u3000]*[^，。、；：！？,;:!?（）()《》“”\n]{4,80}/.exec(rest)?.[0] ?? '';
  const named = NOTICE_TITLE.exec(notice.replace(/\s+/g, ''))?.[1];
  let cut = -1;
  if (named) {
    let k = 0;
    for (let i = 0; i < run.length && k < named.length; i++) if (!/\s/.test(run[i]!)) k = run[i] === named[k] ? k + 1 : named.length + 1;
    if (k === named.length) {
      let seen = 0;
      for (let i = 0; i < run.length; i++) if (!/\s/.test(run[i]!) && ++seen === named.length) cut = i + 1;
    }
  }
  if (cut < 0) {
    for (const m of run.matchAll(TITLE_END)) {
      if (m.index! >= 4) {
        cut = m.index! + m[0].length;
        break;
      }
    }
  }
  const titled = cut > 0 && cut < rest.length ? `${rest.slice(0, cut)}\n${rest.slice(cut)}` : rest;
  return `${notice}\n${titled}`;
}

/**
 * Top-level numbers (`一、` `二、` …) in a flat text: each starts a line when it is the next in
 * sequence — `一、` only after a sentence end, a bracket, a space or a line start (`统一、规范`
 * is not a heading) — and an annex starts the count again.
 */
function rebreakTopLevel(text: string): string {
  let expected = 1;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CN_ITEM)) {
    const at = m.index!;
    const before = text.slice(last, at);
    if (/(^|[\n\u0001])附件\d*[\n\u0001]/.test(before)) expected = 1;
    const n = cnNumber(m[1]!);
    const prev = at > 0 ? text[at - 1]! : '\n';
    const clear = /[\s\u0001。；！？：）)】”]/.test(prev);
    out += before;
    if (n === expected && (clear || n > 1)) {
      if (prev !== '\n' && prev !== PARA) out += '\n';
      expected = n + 1;
    }
    out += m[0];
    last = at + m[0].length;
  }
  return out + text.slice(last);
}

const ORDINAL = new RegExp(`第(${CN})([章条])`, 'g');
/** Words before a citation of an article (`依照本办法第五条`, `违反第五条`), never a heading. */
const CITING = /(?:本(?:办法|条例|规定|细则|决定|法|措施|方案)|依照|依据|按照|根据|违反|适用|见|和|或|、|及)$/;

/**
 * `第一章` … and `第一条` … in a flat text: each starts a line when it is the next in sequence,
 * wherever it stands (`…施行。第二章补贴标准第四条…`, `…办法第一章总则第一条为…`); a citation
 * of another article (`依照本办法第三条`) is not the next number, or follows words that cite
 * ({@link CITING}), so it stays in its sentence.
 */
function rebreakOrdinals(text: string): string {
  const expected: Record<string, number> = { 章: 1, 条: 1 };
  return text.replace(ORDINAL, (m: string, num: string, unit: string, at: number) => {
    if (chineseNumeralToInt(num) !== expected[unit] || CITING.test(text.slice(Math.max(0, at - 6), at))) return m;
    expected[unit]!++;
    return at === 0 || text[at - 1] === '\n' ? m : `\n${m}`;
  });
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** `一` … `九十九`; anything else NaN. */
function cnNumber(s: string): number {
  if (s.length === 1) return s === '十' ? 10 : CN_DIGITS[s] ?? NaN;
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return NaN;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
}

/**
 * An annex after the `附件：` list that names it: `附件：甲名单附件甲 名单一、…` — the second
 * `附件` and the annex title (the listed name again, spaced or not) stand on lines of their own.
 */
function rebreakAnnex(text: string): string {
  const list = /附件(\d*)[：:]/.exec(text);
  if (!list) return text;
  const mark = `附件${list[1]}`;
  const from = list.index + list[0].length;
  const again = text.indexOf(mark, from);
  if (again < 0 || /^[：:]/.test(text.slice(again + mark.length))) return text;
  const name = text.slice(from, again).replace(/\s+/g, '');
  if (name.length < 2 || name.length > 60 || /[。；！？]/.test(name)) return text;
  // The title after the second 附件: the listed name, whatever spaces it has.
  let i = again + mark.length;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const start = i;
  let k = 0;
  for (; i < text.length && k < name.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    if (text[i] !== name[k]) return text;
    k++;
  }
  return `${text.slice(0, again)}${PARA}${mark}${PARA}${text.slice(start, i)}${PARA}${text.slice(i)}`;
}

// Section names are short and end in a handful of nouns (总体要求, 保障措施, 主要职责, 组成人员).
const HEADING_NOUN = '(?:要求|目标|任务|措施|思想|原则|职责|人员|机制|保障|标准|范围|对象|程序|条件|内容|分工|安排|步骤|方向|重点|路径|举措|机构)';
// A heading whose words run straight on into its text (`一、总体目标聚焦智能家居、…`): the words
// end with such a noun within six characters, and what follows runs on without a full stop.
const GLUED_HEADING = new RegExp(`(?<=^|[\\n\\u0001])((?:${CN}、|[（(]${CN}[）)])[\\u4e00-\\u9fff]{0,4}${HEADING_NOUN})(?=[^。；！？\\n]{4,}[，、：:,（(\\d])(?![。；！？])`, 'g');

/** Heading words glued to the text under them are put on their own line (see {@link GLUED_HEADING}). */
function splitHeadingWords(text: string): string {
  return text.replace(GLUED_HEADING, (m, h: string, at: number) => {
    const rest = text.slice(at + h.length);
    // `（一）坚持政府引导。…` is a run-in heading: its first sentence stays whole.
    const firstStop = rest.search(/[。；！？\n]/);
    const firstComma = rest.search(/[，、：:,（(]/);
    return firstComma >= 0 && (firstStop < 0 || firstComma < firstStop) ? `${h}\n` : m;
  });
}

/** The extra breaks of a flat text (see the module comment); `offset` is where `line` starts in the text. */
function rebreakFlatLine(line: string, offset: number): string {
  const headerChars = Math.max(0, FLAT_HEADER_CHARS - offset);
  let head = line.slice(0, headerChars);
  const notice = rebreakNotice(head);
  head = (notice ?? head)
    .replace(FLAT_DOC_NO_GLUED.test(notice ?? head) ? FLAT_DOC_NO_GLUED : FLAT_DOC_NO, (...m: string[]) => `\n${m.length > 4 ? m[2] : m[1]}\n`)
    .replace(FLAT_PUBLIC, '\n$&\n')
    .replace(FLAT_DATE, '\n$2\n')
    .replace(FLAT_HEADER_END, '\n');
  const body = (head + line.slice(headerChars))
    .replace(INLINE_HEADING, '\n')
    .replace(FLAT_HEADING, '\n')
    .replace(FLAT_BODY, '\n')
    ;
  return splitHeadingWords(rebreakOrdinals(rebreakTopLevel(rebreakAnnex(body))));
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
  if (!s.includes('\n') && !s.includes(PARA)) return s;
  return s
    .replace(/[ \t\u3000]*\n[ \t\u3000]*/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .replace(/[\n\u0001]*\u0001[\n\u0001]*/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
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
