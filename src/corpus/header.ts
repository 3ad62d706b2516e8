/**
 * Reading a policy document's header: 文号, title, issuer, date — and where the body starts.
 *
 * A government document (公文) opens with a masthead (`晋城市人民政府办公室文件`), the 文号
 * (`晋市政办〔2024〕32号`), a covering notice (`关于印发…的通知`, salutation, "已经…同意，现印发给你们",
 * issuer, date, `（此件公开发布）`) and then the plan's own title and text. The covering notice is
 * boilerplate, not an answer, so the body starts after it. A text without such a header (a
 * briefing, a bare regulation) is all body; its title comes from a first line that names a
 * document type (…办法, …方案), or else from corpus/metadata.json, or else from the file name.
 */
import { chineseNumeralToInt, CN_NUMERAL_CHARS } from './numbering.ts';
import { canonicalizeCjkPunctuation } from '../text/normalize.ts';
import { ANNEX_LIST, ANNEX_MARK, CONTACT_LINE, ENACTMENT_RECORD, normalizeSource, removeCjkSpaces } from './repair.ts';

export interface HeaderInfo {
  docNo: string | null;
  title: string | null;
  issuer: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** The body text (everything after the header), still unrepaired. */
  body: string;
}

// `晋市政办〔2024〕32号`, also printed `晋市政办〔2025〕第18号`: the same number either way.
const DOC_NO = /([\u4e00-\u9fff]{1,12})\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*第?\s*(\d{1,4})\s*号/;
// A decree's number: `国务院令第728号`, `主席令第45号` (第 and figures or Chinese numerals).
const DECREE_NO = new RegExp(`^([\\u4e00-\\u9fff]{0,16}令)第([\\d${CN_NUMERAL_CHARS}]{1,8})号$`);

/**
 * Canonical form of a 文号: brackets as 〔〕, no spaces, no 第 before the number
 * (`晋市政办[2024]32 号` → `晋市政办〔2024〕32号`, `晋市政办〔2025〕第18号` → `晋市政办〔2025〕18号`); a decree's
 * number keeps its 第, in figures (`国务院令第七百二十八号` → `国务院令第728号`).
 * Returns the input trimmed when it does not look like either.
 *
 * ```ts
 * normalizeDocNo('晋市政办(2024)32号') // => '晋市政办〔2024〕32号'
 * ```
 */
export function normalizeDocNo(s: string): string {
  const t = removeCjkSpaces(normalizeSource(s)).trim();
  const m = t.match(DOC_NO);
  if (m) return `${m[1]}〔${m[2]}〕${Number(m[3])}号`;
  const d = t.replace(/\s+/g, '').match(DECREE_NO);
  if (d) {
    const n = /^\d+$/.test(d[2]!) ? Number(d[2]) : chineseNumeralToInt(d[2]!);
    if (n !== null) return `${d[1]}第${n}号`;
  }
  return t;
}

/** Whether a (normalised) string is a 文号 (`…〔2024〕32号`) or a decree's number (`国务院令第728号`). */
export function isDocNo(s: string): boolean {
  return /〔\d{4}〕\d+号$/.test(s) || DECREE_NO.test(s);
}

/** Finds a 文号 anywhere in a line, canonicalised, or `null`. */
export function findDocNo(line: string): string | null {
  const m = normalizeSource(line).replace(/\s+/g, '').match(DOC_NO);
  return m ? `${m[1]}〔${m[2]}〕${Number(m[3])}号` : null;
}

const CN_YEAR_DIGIT = /^[〇零一二三四五六七八九]{4}$/;
// A date's parts, in figures or Chinese numerals: `2024年11月4日`, `二〇二四年十一月四日`.
const YEAR = '\\d{4}|[〇零一二三四五六七八九]{4}';
const MONTH_OR_DAY = '\\d{1,2}|[一二三四五六七八九十]{1,3}';
const DATE_PARTS = new RegExp(`^(${YEAR})年(${MONTH_OR_DAY})月(${MONTH_OR_DAY})日`);

/** Parses `2024年11月4日` / `二〇二四年十一月四日` to `2024-11-04`, or `null`. */
export function parseChineseDate(s: string): string | null {
  const t = s.replace(/\s+/g, '');
  const m = t.match(DATE_PARTS);
  if (!m) return null;
  const year = CN_YEAR_DIGIT.test(m[1]!)
    ? Number([...m[1]!].map((c) => String(chineseNumeralToInt(c === '〇' ? '零' : c) ?? 0)).join(''))
    : Number(m[1]);
  const month = /^\d+$/.test(m[2]!) ? Number(m[2]) : chineseNumeralToInt(m[2]!);
  const day = /^\d+$/.test(m[3]!) ? Number(m[3]) : chineseNumeralToInt(m[3]!);
  if (!month || !day || month > 12 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DOC_TYPE_SUFFIX = /(办法|条例|规定|方案|意见|细则|规则|决定|纲要|规划|计划|措施|通知|通告|公告|指引|标准|章程|制度|指南)$/;
const PUNCT = /[，。、；：！？,;:!?]/;

/**
 * Splits a source text into header metadata and body.
 *
 * ```ts
 * readHeader(text).docNo // => '晋市政办〔2024〕32号'
 * ```
 */
export function readHeader(raw: string): HeaderInfo {
  const rawLines = normalizeSource(raw).split('\n');
  const lines = rawLines.map((l) => removeCjkSpaces(canonicalizeCjkPunctuation(l.trim())));
  const scan = Math.min(lines.length, 60);

  let docNo: string | null = null;
  let docNoIdx = -1;
  let noticeIdx = -1;
  let publicIdx = -1;
  for (let i = 0; i < scan; i++) {
    const l = lines[i]!;
    if (docNo === null) {
      const d = findDocNo(l);
      // A 文号 is on its own line in the header, not inside a sentence that cites another document.
      if (d && l.length <= d.length + 4) {
        docNo = d;
        docNoIdx = i;
      }
    }
    // A covering notice titled 关于印发…的通知, or one that only says so (现将《…》印发给你们).
    if (noticeIdx < 0 && /关于印发|现将《[^》]+》印发/.test(l)) noticeIdx = i;
    if (publicIdx < 0 && /^[（(]此件.{0,12}[）)]$/.test(l)) publicIdx = i;
  }

  // The covering notice: from `关于印发` to its closing date line.
  let noticeTitle: string | null = null;
  let dateIdx = -1;
  if (noticeIdx >= 0) {
    // The notice title may span a few lines up to `…的通知`.
    let joined = '';
    for (let i = noticeIdx; i < Math.min(lines.length, noticeIdx + 6); i++) {
      joined += lines[i];
      if (/通知$/.test(lines[i]!)) break;
    }
    const m = joined.match(/关于印发《?(.+?)》?的通知/) ?? joined.match(/现将《(.+?)》印发/);
    if (m) noticeTitle = m[1]!;
    for (let i = noticeIdx + 1; i < scan; i++) {
      if (parseChineseDate(lines[i]!) && /日$/.test(lines[i]!)) {
        dateIdx = i;
        break;
      }
    }
  } else if (docNoIdx >= 0) {
    for (let i = docNoIdx + 1; i < scan; i++) {
      if (parseChineseDate(lines[i]!) && /日$/.test(lines[i]!)) {
        dateIdx = i;
        break;
      }
      if (PUNCT.test(lines[i]!)) break;
    }
  }

  const headerEnd = Math.max(publicIdx, dateIdx, noticeIdx < 0 ? docNoIdx : -1);
  let date: string | null = dateIdx >= 0 ? parseChineseDate(lines[dateIdx]!) : null;

  let issuer: string | null = null;
  if (dateIdx > 0) {
    for (let i = dateIdx - 1; i > Math.max(noticeIdx, docNoIdx, 0) - 1; i--) {
      const l = lines[i]!;
      if (!l) continue;
      if (!PUNCT.test(l) && l.length <= 30) issuer = l;
      break;
    }
  }
  if (issuer === null && headerEnd >= 0) {
    const first = lines.find((l) => l.length > 0);
    if (first && /文件$/.test(first)) issuer = first.replace(/文件$/, '');
    else if (noticeIdx >= 0) {
      const m = lines[noticeIdx]!.match(/^(.+?)关于印发/);
      if (m) issuer = m[1]!;
      else if (noticeIdx > 0 && lines[noticeIdx - 1] && !PUNCT.test(lines[noticeIdx - 1]!)) issuer = lines[noticeIdx - 1]!;
    }
  }

  // The plan's own title: the block of punctuation-free lines right after the header.
  let title: string | null = null;
  let bodyStart = headerEnd + 1;
  let i = bodyStart;
  while (i < lines.length && !lines[i]) i++;
  const titleLines: string[] = [];
  let j = i;
  while (j < lines.length && lines[j] && titleLines.length < 4) {
    const l = lines[j]!;
    if (PUNCT.test(l) || /^(第[一二三四五六七八九十]+[章条]|[一二三四五六七八九十]+、)/.test(l)) break;
    // The preamble (为…，制定本方案) may start on the next line in single-spaced texts.
    if (titleLines.length > 0 && /^为/.test(l) && l.length >= 16) break;
    if (titleLines.length > 0 && ENACTMENT_RECORD.test(l)) break;
    titleLines.push(l);
    j++;
  }
  // A regulation's record of enactment under its title (2021年1月22日宁波市…会议通过) names the title
  // above it, whatever that title ends with, and gives the date and the body that adopted it. The
  // record stays in the body (its own 序言 clause: when was it adopted?).
  const record = titleLines.length > 0 && titleLines.length < 4 ? readEnactmentRecord(lines, j) : null;
  if (record) {
    title = titleLines.join('').replace(/\s+/g, '');
    bodyStart = j;
    date ??= record.date;
    issuer ??= record.issuer;
  } else if (headerEnd >= 0) {
    if (titleLines.length > 0 && titleLines.length < 4) {
      title = titleLines.join('').replace(/\s+/g, '');
      bodyStart = j;
    } else if (noticeIdx < 0 && docNoIdx > 0) {
      // A rule printed title first, 文号 under it (晋城市…办法 / （晋市监规〔2025〕2号）): the
      // punctuation-free lines right above the 文号, when they name a document type.
      const above: string[] = [];
      let k = docNoIdx - 1;
      while (k >= 0 && !lines[k]) k--;
      for (; k >= 0 && lines[k] && !PUNCT.test(lines[k]!) && above.length < 3; k--) above.unshift(lines[k]!);
      const joined = above.join('').replace(/\s+/g, '');
      if (above.length > 0 && DOC_TYPE_SUFFIX.test(joined) && !/文件$/.test(joined)) title = joined;
    }
  } else {
    // No header: a first line naming a document type is the title.
    if (titleLines.length > 0 && DOC_TYPE_SUFFIX.test(titleLines.join(''))) {
      title = titleLines.join('').replace(/\s+/g, '');
      bodyStart = j;
    } else {
      bodyStart = 0;
    }
  }
  title ??= noticeTitle;

  // The signature under the body (issuer, date) is not part of its last clause; it gives the
  // issuer and date a header without a covering notice lacks. It stands at the end of the text,
  // or before the annexes printed after it; the one before the annexes is the document's.
  const atEnd = readSignature(lines, Math.max(0, bodyStart));
  const beforeAnnex = readSignatureBeforeAnnex(lines, Math.max(0, bodyStart), atEnd?.start ?? lines.length);
  const signatures = [beforeAnnex, atEnd].filter((s): s is Signature => s !== null);
  issuer ??= beforeAnnex?.issuer ?? atEnd?.issuer ?? null;
  date ??= beforeAnnex?.date ?? atEnd?.date ?? null;

  if (date === null) {
    // Fall back to the `…年…月…日印发` line of the footer.
    for (const l of lines) {
      const m = l.match(/(\d{4}年\d{1,2}月\d{1,2}日)印发$/);
      if (m) {
        date = parseChineseDate(m[1]!);
        break;
      }
    }
  }

  return {
    docNo,
    title,
    issuer,
    date,
    body: withoutSignatures(rawLines, Math.max(0, bodyStart), signatures).join('\n'),
  };
}

/**
 * The record of enactment under a regulation's title (repair.ts, ENACTMENT_RECORD) starting at line
 * `from`, if there is one: one or more such lines. Returns the line after it, its latest date of
 * adoption or revision ({@link latestEnactment}; else its first date) and the body that adopted it (…人民代表大会常务委员会, its session dropped), or `null`.
 */
function readEnactmentRecord(lines: readonly string[], from: number): { end: number; date: string | null; issuer: string | null } | null {
  let k = from;
  while (k < lines.length && !lines[k]) k++;
  const start = k;
  while (k < lines.length && lines[k] && ENACTMENT_RECORD.test(lines[k]!)) k++;
  if (k === start) return null;
  const first = lines[start]!.replace(/^[（(]?(?:根据)?/, '');
  const body = first.match(new RegExp(`^(?:${YEAR})年(?:${MONTH_OR_DAY})月(?:${MONTH_OR_DAY})日(.{2,40}?)第[${CN_NUMERAL_CHARS}\\d]+次[^，。]{0,4}会议`));
  return { end: k, date: latestEnactment(lines.slice(start, k).join('\n')) ?? parseChineseDate(first), issuer: body ? body[1]!.replace(new RegExp(`第[${CN_NUMERAL_CHARS}\\d]+届`), '') : null };
}

const RECORD_DATE = new RegExp(`(?:${YEAR})\\s*年\\s*(?:${MONTH_OR_DAY})\\s*月\\s*(?:${MONTH_OR_DAY})\\s*日`, 'g');
/** What makes a dated step of a record an enactment of the text in force: adopted or revised (not 批准, 公布, 施行). */
const ENACTING_STEP = /通过|修订|修正|修改/;

/**
 * The latest date in a record of enactment at which the text was adopted or revised (2005 通过,
 * 2013 修订 → 2013): the text in force is the revised one. Each date reads up to the next date;
 * `null` when no step adopts or revises.
 */
function latestEnactment(record: string): string | null {
  const dates = [...record.matchAll(RECORD_DATE)];
  let latest: string | null = null;
  dates.forEach((m, n) => {
    const step = record.slice(m.index + m[0].length, dates[n + 1]?.index ?? record.length);
    const date = ENACTING_STEP.test(step) ? parseChineseDate(m[0]) : null;
    if (date && (latest === null || date > latest)) latest = date;
  });
  return latest;
}

/** The lines from `from` on, without the lines of each signature (in text order). */
function withoutSignatures(rawLines: readonly string[], from: number, signatures: readonly Signature[]): string[] {
  const out: string[] = [];
  let at = from;
  for (const s of signatures) {
    out.push(...rawLines.slice(at, s.start));
    at = s.end;
  }
  out.push(...rawLines.slice(at));
  return out;
}

/** A whole line that is a date (`2025年3月10日`, `二〇二五年三月十日`), after an issuer's name or alone. */
const SIGNATURE_LINE = new RegExp(`^(.{0,30}?)((?:${YEAR})年(?:${MONTH_OR_DAY})月(?:${MONTH_OR_DAY})日)$`);
const ISSUER_END = /(?:局|委|委员会|办公室|办公厅|政府|厅|部|院|会|中心|处|所|站|组|公司|集团|办)$/;

/** A signature's lines (`start` … `end`, exclusive) and what it says. */
interface Signature {
  start: number;
  end: number;
  issuer: string | null;
  date: string;
}

/**
 * The signature that closes the body: a date line at the end of the text (only contact lines may
 * follow it), with the issuer's name before it on its own line or the same line. Returns the
 * lines it spans, or `null`.
 */
function readSignature(lines: readonly string[], from: number): Signature | null {
  let i = lines.length - 1;
  while (i > from && (!lines[i] || CONTACT_LINE.test(lines[i]!))) i--;
  return signatureEndingAt(lines, from, i);
}

/**
 * The signature under the body when annexes are printed after it: the date line (with the
 * issuer's name) right before the first annex — `附件` / `附件1` on a line of its own, or
 * `附件：名称` starting an annex there — read like the one at the end ({@link readSignature}).
 * Only lines before `end` (where a signature at the very end starts) are looked at.
 */
function readSignatureBeforeAnnex(lines: readonly string[], from: number, end: number): Signature | null {
  for (let a = from + 1; a < end; a++) {
    const l = lines[a]!;
    const mark = ANNEX_MARK.test(l);
    if (!mark && !ANNEX_LIST.test(l)) continue;
    let i = a - 1;
    while (i > from && !lines[i]) i--;
    const signature = signatureEndingAt(lines, from, i);
    if (signature) return signature;
    // Past the first annex, a date is an annex's own (a form's, a notice's), not the document's.
    if (mark || startsAnnex(lines, a, end)) return null;
  }
  return null;
}

/**
 * Whether the `附件：` line at `a` starts an annex printed right there (`附件：名称` with no `附件`
 * line after it), as the repair reads it, rather than listing annexes (`附件：1.…`).
 */
function startsAnnex(lines: readonly string[], a: number, end: number): boolean {
  const named = lines[a]!.replace(ANNEX_LIST, '').trim();
  if (!named || ANNEX_LIST_ITEM.test(named)) return false;
  for (let k = a + 1; k < end; k++) if (ANNEX_MARK.test(lines[k]!)) return false;
  return true;
}

/** An item of an annex list (`1.参展企业名单`, `2、报名回执`). */
const ANNEX_LIST_ITEM = /^\d{1,2}\s*[.．、]/;

/**
 * The signature whose date is line `i`: the issuer's name before it on its own line or on the
 * same line, and above it a finished sentence — or the list of annexes (`附件：1.…`, `2.…`) under
 * that sentence. `null` when line `i` is not such a date.
 */
function signatureEndingAt(lines: readonly string[], from: number, i: number): Signature | null {
  const m = SIGNATURE_LINE.exec(lines[i] ?? '');
  if (i <= from || !m) return null;
  const date = parseChineseDate(m[2]!);
  if (!date) return null;
  const isIssuer = (l: string) => l.length >= 2 && l.length <= 30 && !PUNCT.test(l) && !/^(第[^条章]{1,8}[条章]|[一二三四五六七八九十]+、|附件)/.test(l);
  let start = i;
  let issuer: string | null = null;
  if (m[1]) {
    // On the date's line only a name that ends like an office's (…局, …办公室), not `本办法自`.
    if (!isIssuer(m[1]) || !ISSUER_END.test(m[1])) return null;
    issuer = m[1];
  } else {
    let k = i - 1;
    while (k > from && !lines[k]) k--;
    if (k > from && isIssuer(lines[k]!)) {
      issuer = lines[k]!;
      start = k;
    }
  }
  // Above it a finished sentence: a date after `有效期至` is the end of that sentence.
  let above = start - 1;
  while (above >= from && !lines[above]) above--;
  above = aboveAnnexList(lines, from, above);
  if (above < from || !/[。！？；”’）)〕]$/.test(lines[above]!)) return null;
  return { start, end: i + 1, issuer, date };
}

/**
 * When line `at` ends a list of annexes (`附件：1.参展企业名单`, `2.报名回执` …), the last non-blank
 * line above the list; otherwise `at`.
 */
function aboveAnnexList(lines: readonly string[], from: number, at: number): number {
  let k = at;
  while (k >= from && ANNEX_LIST_ITEM.test(lines[k]!) && !ANNEX_LIST.test(lines[k]!)) k--;
  if (k < from || !ANNEX_LIST.test(lines[k]!)) return at;
  k--;
  while (k >= from && !lines[k]) k--;
  return k;
}
