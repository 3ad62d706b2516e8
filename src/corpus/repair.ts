/**
 * Repair of PDF-extraction damage in a policy text, without changing its words.
 *
 * The input is the body of a document (the header is read by `header.ts`). The output is a list
 * of *logical lines*: paragraphs re-joined across line breaks, blank lines and page-break
 * fragments, each classified (heading, text, roster entry, label …) for the parser.
 *
 * What is repaired, and how:
 * - Characters: {@link normalizeChars} (radical look-alikes, full-width digits, odd spaces),
 *   markdown bold markers `**` removed, half-width punctuation in Chinese text made full-width
 *   ({@link canonicalizeCjkPunctuation}).
 * - Spaces: a space touching a Chinese character or Chinese punctuation is an extraction
 *   artefact (`工 作 方 案`, `32 号`, `2024 年`, `“双 11”`) and is removed; a space between two
 *   Latin words or numbers is kept.
 * - Broken lines: a line that does not end a sentence continues on the next non-blank line,
 *   unless the next line starts something new (a heading, a label, a roster entry …). A
 *   heading-only line continues when it ends with `，`/`、` or fills the column (the
 *   two-column briefing breaks headings after ~15 characters).
 * - Roster entries (`组 长：	范永星	区委副书记、区长`) stay one per line as `组长：范永星 区委副书记、区长`:
 *   the space inside a padded two-character name goes, the space between name and title stays.
 * - The 抄送/印发 footer, 供稿 credits, page numbers and the `附件：` list are dropped.
 */
import { canonicalizeCjkPunctuation, CJK_CHAR, CJK_PUNCT, normalizeChars } from '../text/normalize.ts';
import { matchHeading, STYLE_DEPTH, type HeadingCandidate, type HeadingStyle } from './numbering.ts';

export type LineKind =
  /** A numbered heading (`一、`, `（一）`, `1.`, `（1）`, `第一章`, `第一条`), possibly with run-in text. */
  | 'heading'
  /** Ordinary paragraph text. */
  | 'text'
  /** A bracketed section label such as `【下一步工作计划】`. */
  | 'label'
  /** A short standalone title line (`附件`, an annex title, a part title such as `晋中市开发区`). */
  | 'title'
  /** One person of a member list: `组长：范永星 区委副书记、区长`. */
  | 'roster'
  /** A separate `责任单位：…` line. */
  | 'units'
  /** One row of a table (cells separated by tabs or wide gaps), cells joined with {@link CELL_SEPARATOR}. */
  | 'row';

export interface LogicalLine {
  kind: LineKind;
  /** The repaired line. */
  text: string;
  /** Present for headings. */
  heading?: HeadingCandidate;
  /** The last physical line joined into this one (decides whether a heading goes on). */
  lastPiece?: string;
}

const CJK = new RegExp(CJK_CHAR);
const CJK_OR_PUNCT = new RegExp(`(?:${CJK_CHAR}|${CJK_PUNCT})`);

/** Character-level repair of a whole source text, before it is split into lines. */
export function normalizeSource(raw: string): string {
  return normalizeChars(raw).replace(/\*\*/g, '');
}

/**
 * Removes the spaces that PDF extraction puts inside Chinese text (`工 作 方 案` → `工作方案`,
 * `不满 1000 吨` → `不满1000吨`), keeps a single space between Latin words or numbers.
 */
export function removeCjkSpaces(s: string): string {
  return s.replace(/([^\s]?)([ \t]+)(?=([^\s]?))/g, (_m, left: string, _sp: string, right: string) => {
    if (!left || !right) return left; // leading/trailing space
    if (CJK_OR_PUNCT.test(left) || CJK_OR_PUNCT.test(right)) return left;
    return `${left} `;
  }).trim();
}

/** How the cells of a table row are kept apart in clause text. */
export const CELL_SEPARATOR = ' | ';

/**
 * Recognises a table row (an annex table, a tiered-amount table): cells separated by tabs, or by
 * runs of two or more spaces when the cells are short and no sentence runs through them (PDF
 * justification can put two spaces inside prose). Returns the repaired cells, or `null`.
 */
export function tableCells(line: string): string[] | null {
  const t = line.trim();
  let cells: string[];
  if (/\t/.test(t)) cells = t.split(/\t+/);
  else if (/\S(?: {2,}|\u3000{2,})\S/.test(t) && !/[。；]/.test(t)) cells = t.split(/ {2,}|\u3000{2,}/);
  else return null;
  cells = cells.map((c) => removeCjkSpaces(canonicalizeCjkPunctuation(c))).filter((c) => c.length > 0);
  if (cells.length < 2) return null;
  if (!/\t/.test(t) && cells.some((c) => [...c].length > 40)) return null;
  return cells;
}

/** A chapter or article heading (第二章 计划, 第五条 …), whose wide gaps are layout, never cells. */
function isStructuralHeading(text: string): boolean {
  const style = matchHeading(text)?.style;
  return style === 'chapter' || style === 'article';
}

const NAME = `(?:${CJK_CHAR}{2,3}|${CJK_CHAR}[ \\u3000]${CJK_CHAR})`;
const ROSTER = new RegExp(
  `^(?:(${CJK_CHAR}(?:[ \\t]*${CJK_CHAR}){0,7})\\s*[：:]\\s*)?(${NAME})[ \\t]+(${CJK_CHAR}[^\\s，。；！？,;]*)$`,
);

/**
 * Recognises one entry of a member list (`成 员：	许钟蔚	区政府办公室主任`, `李 晋 市工信局副局长`)
 * and returns it repaired (`成员：许钟蔚 区政府办公室主任`), or `null` for any other line.
 */
export function repairRosterLine(line: string): string | null {
  const t = line.trim();
  if (t.length > 48) return null;
  const m = t.match(ROSTER);
  if (!m || matchHeading(removeCjkSpaces(t))) return null; // `第一章 总则` is a heading, not a person
  const role = m[1] ? m[1].replace(/\s+/g, '') : '';
  const name = m[2]!.replace(/\s+/g, '');
  const title = m[3]!;
  return `${role ? `${role}：` : ''}${name} ${title}`;
}

const SENTENCE_END = /[。！？；：…!?;][”’」』》）)〕】]*$/;
const UNIT_NOTE_END = /[〔（(]责任单位[：:].*[〕）)]$/;
const LABEL = /^【[^【】]{1,30}】$/;
const PUNCT_ANY = /[，。、；：！？“”‘’《》〔〕（）()【】,.;:!?]/;
const FOOTER_START = /^(抄送|抄报)[：:]/;
const ISSUED_LINE = /^.{0,40}\d{4}年\d{1,2}月\d{1,2}日印发$/;
const CREDIT_LINE = /^(供稿|来源|撰稿|编辑|审核)[：:]/;
/** The line that starts an annex: `附件`, `附件2`. */
export const ANNEX_MARK = /^附件\s*\d*$/;
/** The part the contact lines at the end of a text form. */
export const CONTACT_PART = '联系方式';
/** A contact line: `联系人：…`, `（联系电话：…）`. */
export const CONTACT_LINE = /^[（(]?(?:联系人|联系电话|联系方式|咨询电话|联系地址|联系单位)[：:]/;
/** The `附件：` line: a list of annexes (`附件：1.…`), or an annex printed right here (`附件：名称`). */
export const ANNEX_LIST = /^附件\s*(\d*)\s*[：:]/;
// Page numbers are set between dashes (`- 3 -`); a bare number may be a broken-line fragment.
const PAGE_NO = /^[-—–－]\s*\d{1,3}\s*[-—–－]$/;

/** True when the line ends a sentence (or a responsibility note), so the next line starts afresh. */
export function endsSentence(s: string): boolean {
  return SENTENCE_END.test(s) || UNIT_NOTE_END.test(s) || /〕$/.test(s) || ENACTMENT_RECORD.test(s);
}

/**
 * The date under a notice's signature (`2026年3月15日`, a physical line of its own): the cover letter
 * ends there, so the title and `第一条` after it start afresh instead of running on from it. Only a
 * whole line: `本措施自2026年4月1日` broken before `起施行` goes on.
 */
const SIGNATURE_DATE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** A logical line is finished: its text ends a sentence, or its last physical line was a signature date. */
function lineEnded(l: LogicalLine): boolean {
  return endsSentence(l.text) || SIGNATURE_DATE.test(l.lastPiece ?? l.text);
}

/**
 * A regulation's record of enactment under its title (`2016年11月30日 国务院令第673号公布`,
 * `2017年2月1日 施行`, `…第一次修订`, `根据…修正`), often in parentheses over one or more lines
 * (`（2020年11月27日…通过　2021年3月1日起施行）`): complete without a full stop, so the `第一条`
 * after it starts the articles instead of continuing it. header.ts reads the title above it.
 */
export const ENACTMENT_RECORD = /^[（(]?(?:根据)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*(?:通过|公布|发布|施行|修订|修正|修改|批准|印发)[）)]?$/;

/** Length of a line in characters (code points). */
function len(s: string): number {
  return [...s].length;
}

/** The column width of the document: a high percentile of its prose line lengths. */
function columnWidth(lines: string[]): number {
  const lengths = lines.filter((l) => PUNCT_ANY.test(l)).map(len).sort((a, b) => a - b);
  if (lengths.length === 0) return 40;
  return Math.max(10, lengths[Math.floor(lengths.length * 0.75)]!);
}

interface PhysicalLine {
  text: string;
  /** The line before trimming and space repair (a table row's gaps live here). */
  raw: string;
  /** The physical lines before and after this one are blank (or absent). */
  standalone: boolean;
}

/**
 * Repairs a document body into logical lines.
 *
 * ```ts
 * repairBody('一、总体目标\n\n2024 年，招引 3 个项\n\n目落户。').map((l) => l.text)
 * // => ['一、总体目标', '2024年，招引3个项目落户。']
 * ```
 */
export function repairBody(body: string): LogicalLine[] {
  const rawLines = normalizeSource(body).split('\n');
  const physical: PhysicalLine[] = [];
  const cleaned = rawLines.map((l) => l.trim());
  for (let i = 0; i < cleaned.length; i++) {
    const t = cleaned[i]!;
    if (!t) continue;
    const prevBlank = i === 0 || !cleaned[i - 1];
    const nextBlank = i === cleaned.length - 1 || !cleaned[i + 1];
    physical.push({ text: t, raw: rawLines[i]!, standalone: prevBlank && nextBlank });
  }

  const out: LogicalLine[] = [];
  const lastNum: Partial<Record<HeadingStyle, number>> = {};
  const prepared = physical.map((p) => {
    const roster = repairRosterLine(canonicalizeCjkPunctuation(p.text));
    const text = roster ?? removeCjkSpaces(canonicalizeCjkPunctuation(p.text));
    // `第一章  总    则`: a regulation's heading spaced out to the page width, not a table row.
    const cells = roster === null && !isStructuralHeading(text) ? tableCells(p.raw) : null;
    return { ...p, text, roster: roster !== null, cells };
  });
  const width = columnWidth(prepared.filter((p) => !p.roster && !p.cells).map((p) => p.text));
  const isFull = (s: string) => len(s) >= width * 0.8;

  // Contact lines at the very end (`联系人：…，电话：…`) are a part of their own, 联系方式, not the
  // end of the last clause.
  let contactFrom = prepared.length;
  while (contactFrom > 0 && CONTACT_LINE.test(prepared[contactFrom - 1]!.text)) contactFrom--;
  let inAnnexList = false;
  let cur: LogicalLine | null = null;
  const flush = () => {
    if (cur) out.push(cur);
    cur = null;
  };

  // The last `附件` / `附件2` line standing alone: an `附件：` list before it names annexes printed there.
  let lastAnnexMark = -1;
  prepared.forEach((p, k) => {
    if (ANNEX_MARK.test(p.text)) lastAnnexMark = k;
  });
  for (const [k, p] of prepared.entries()) {
    const t = p.text;
    if (FOOTER_START.test(t) || ISSUED_LINE.test(t)) break; // the distribution footer ends the text
    if (k >= contactFrom && contactFrom > 0) {
      flush();
      if (k === contactFrom) out.push({ kind: 'title', text: CONTACT_PART });
      out.push({ kind: 'text', text: t });
      continue;
    }
    if (PAGE_NO.test(t)) continue;
    if (CREDIT_LINE.test(t)) {
      flush();
      continue;
    }
    if (ANNEX_LIST.test(t)) {
      flush();
      // `附件：<名称>` with no `附件` line after it: the annex follows right here (a table after
      // the body), so it starts a part of its own instead of running on from the last clause.
      const named = t.replace(ANNEX_LIST, '').trim();
      const mark = t.match(ANNEX_LIST)![1]!;
      if (named && k > lastAnnexMark && !/^\d{1,2}\s*[.．、]/.test(named)) {
        out.push({ kind: 'title', text: `附件${mark}` });
        out.push({ kind: 'title', text: named });
        resetNumbering(lastNum);
        continue;
      }
      inAnnexList = true;
      continue;
    }
    // The lines after `附件：` that continue the annex list (`2.xxx名单`) are part of it.
    if (inAnnexList && /^\d{1,2}\s*[.．、]/.test(t) && !PUNCT_ANY.test(t.replace(/^\d{1,2}\s*[.．、]/, ''))) continue;
    inAnnexList = false;

    if (p.roster) {
      flush();
      out.push({ kind: 'roster', text: t });
      continue;
    }
    if (p.cells) {
      flush();
      out.push({ kind: 'row', text: p.cells.join(CELL_SEPARATOR) });
      continue;
    }
    if (LABEL.test(t)) {
      flush();
      out.push({ kind: 'label', text: t });
      resetNumbering(lastNum);
      continue;
    }
    if (/^责任单位[：:]/.test(t)) {
      flush();
      cur = { kind: 'units', text: t };
      continue;
    }

    const prev: LogicalLine | null = cur ?? out[out.length - 1] ?? null;
    const prevEnded =
      prev === null || prev.kind !== 'text' && prev.kind !== 'units' && !(prev.kind === 'heading' && headingContinues(prev))
        ? true
        : lineEnded(prev);
    const openLine: LogicalLine | null = cur;

    // A heading: syntactically numbered, in sequence, and (for arabic numbers, which also occur
    // inside sentences) starting after a finished sentence.
    const cand = matchHeading(t);
    if (cand && isInSequence(cand, lastNum, prevEnded) && (prevEnded || (cand.style !== 'arabic' && cand.style !== 'parabic' && cand.style !== 'article'))) {
      flush();
      lastNum[cand.style] = cand.num;
      // A new top-level section restarts the numbering below it in the documents that do so.
      cur = { kind: 'heading', text: t, heading: cand };
      continue;
    }

    // A chapter heading printed without its number (法律责任 between 第二十六条 and 第二十七条, or 附则
    // in a regulation without numbered chapters): read as text, it held back every article after it.
    // It takes the next chapter number, so a numbered chapter after it (第六章) is in sequence.
    if (prevEnded && isUnnumberedChapter(t) && startsNextArticle(prepared[k + 1]?.text, lastNum)) {
      flush();
      lastNum.chapter = (lastNum.chapter ?? 0) + 1;
      cur = { kind: 'heading', text: t, heading: { style: 'chapter', num: lastNum.chapter, label: '', rest: t } };
      continue;
    }

    // A short standalone line without punctuation after a finished sentence is a title;
    // `附件` / `附件2` always is (it often directly follows the `附件：` list).
    if (
      ANNEX_MARK.test(t) ||
      p.standalone && prevEnded && len(t) <= 30 && !isFull(t) && !PUNCT_ANY.test(t) && !/^\d/.test(t)
    ) {
      flush();
      out.push({ kind: 'title', text: t });
      if (ANNEX_MARK.test(t)) resetNumbering(lastNum);
      else if (prev === null || prev.kind === 'label' || prev.kind === 'title') resetNumbering(lastNum);
      continue;
    }

    if (openLine !== null) {
      const o: LogicalLine = openLine;
      const joinable =
        (o.kind === 'text' && !lineEnded(o)) ||
        (o.kind === 'units' && !endsSentence(o.text)) ||
        (o.kind === 'heading' && headingContinues(o));
      if (joinable) {
        o.text = joinText(o.text, t);
        o.lastPiece = t;
        if (o.kind === 'heading') o.heading = matchHeading(o.text) ?? o.heading;
        continue;
      }
    }
    flush();
    cur = { kind: 'text', text: t };
  }
  flush();
  return out;

  function headingContinues(h: LogicalLine): boolean {
    if (endsSentence(h.text)) return false;
    const rest = h.heading?.rest ?? '';
    if (/[。！？]/.test(rest)) return true; // run-in heading: its body text goes on
    // A heading-only line goes on when its last piece was cut off: ends with ，/、 or fills the column.
    const piece = h.lastPiece ?? h.text;
    return /[，、]$/.test(piece) || isFull(piece);
  }
}

function resetNumbering(lastNum: Partial<Record<HeadingStyle, number>>): void {
  for (const k of Object.keys(lastNum) as HeadingStyle[]) delete lastNum[k];
}

/**
 * A heading number is in sequence when it is 1, the previous number of its style plus one, or
 * — for an excerpt that starts mid-list — the first of its style right after a finished sentence.
 */
function isInSequence(c: HeadingCandidate, lastNum: Partial<Record<HeadingStyle, number>>, prevEnded: boolean): boolean {
  if (c.num === 1) return true;
  const last = lastNum[c.style];
  if (last === undefined) return prevEnded;
  return c.num === last + 1;
}

/** A chapter's name alone (法律责任, 附则): a few Chinese characters, no punctuation, no number. */
const CHAPTER_NAME = new RegExp(`^${CJK_CHAR}{2,12}$`);
function isUnnumberedChapter(t: string): boolean {
  return CHAPTER_NAME.test(t) && !matchHeading(t);
}

/** The line `next` starts the article after the last one read (第二十七条 after 第二十六条). */
function startsNextArticle(next: string | undefined, lastNum: Partial<Record<HeadingStyle, number>>): boolean {
  const c = next === undefined ? null : matchHeading(next);
  return c !== null && c.style === 'article' && lastNum.article !== undefined && c.num === lastNum.article + 1;
}

/** Joins two pieces of a broken line: no space in Chinese, one space between Latin words. */
export function joinText(a: string, b: string): string {
  const l = a.slice(-1);
  const r = b.slice(0, 1);
  if (/[A-Za-z0-9]/.test(l) && /[A-Za-z0-9]/.test(r) && !CJK.test(l)) {
    // Digits split across a line (`力争招引30` / `个`) never need a space; two Latin words do.
    if (/[A-Za-z]/.test(l) && /[A-Za-z]/.test(r)) return `${a} ${b}`;
  }
  return a + b;
}

export { STYLE_DEPTH };
