/**
 * Reading document numbers, clause paths and responsible units out of a query, so
 * `晋市政办〔2024〕32号 二、（五）`, `32号文 二（五）9` or `市商务局负责哪些任务` go straight to their
 * clauses instead of through ranked text search.
 *
 * Paths are compared component by component (`二、` `（五）` `9`), so `二（五）1` is a prefix of
 * `二、（五）1` but not of `二、（五）10`, and the separator a user types (`、` `.` `(`) does not matter.
 *
 * @module
 */
import { chineseNumeralToInt, intToChineseNumeral, ORDINAL_NUMERAL_CHARS, normalizeDocNo, ordinalsAsFigures } from '../corpus/index.ts';
import { splitFiller } from './evidence.ts';
import { foldText } from './tokenize.ts';

const CN = '一二三四五六七八九十';
const COMPONENT = new RegExp(
  [
    `第[${ORDINAL_NUMERAL_CHARS}\\d]+[章节条款]`,
    // An item as the law cites it (第三项, 第（三）项), the same as （三）.
    `第\\s*(?:[（(]\\s*[${CN}]+\\s*[）)]|[${CN}\\d]+)\\s*项`,
    `[${CN}]+(?:[、.．]|(?=\\s*[（(]))`,
    `[（(]\\s*[${CN}]+\\s*[）)]`,
    `[（(]\\s*\\d+\\s*[）)]`,
    `\\d+(?![\\d万亿元个家场次户%])[.．、]?`,
    '附件\\s*\\d*',
    '序言',
  ].join('|'),
  'gu',
);

/**
 * Spaces typed inside a clause path (`第 十二 条`, `二 、（ 五 ） 9`) separate nothing: they are
 * removed where both sides are parts of a path (a numeral, 第, 条, 、 or a bracket), so the path
 * reads as written without them. Spaces elsewhere (`32号文 二、（五）9`) stay.
 */
export function closePathGaps(q: string): string {
  return englishArticle(q).replace(PATH_GAP, '').replace(AFTER_DIGITS_GAP, '');
}

/**
 * An article named in English, with its document: `Article 2 of 晋市政办〔2026〕8号` and
 * `晋市政办〔2026〕8号 Article 2` read as `晋市政办〔2026〕8号第2条`.
 */
function englishArticle(q: string): string {
  return q
    .replace(/^\s*(?:article|art\.)\s*(\d{1,3})\s+of\s+(?:the\s+)?(.+?)\s*[?？.]?\s*$/i, '$2第$1条')
    .replace(/^(.+?)\s*,?\s+(?:article|art\.)\s*(\d{1,3})\s*[?？.]?\s*$/i, '$1第$2条');
}
const PATH_GAP = new RegExp(`(?<=[第${ORDINAL_NUMERAL_CHARS}、（(）)])\\s+(?=[${ORDINAL_NUMERAL_CHARS}章节条款项、（(）)\\d])`, 'gu');
// After a figure only a path's own marks close up: `第 12 条`, but two figures (`12 34`) stay apart.
const AFTER_DIGITS_GAP = /(?<=第\s*\d+)\s+(?=[章节条款项])|(?<=\d)\s+(?=[、（(）)])/gu;

/** Splits a clause path into canonical components: `二、（五）9` → `['二', '(五)', '9']`. */
export function pathComponents(path: string): string[] {
  const out: string[] = [];
  // A fresh regex: matchAll would inherit COMPONENT.lastIndex from readLeadingPath.
  for (const m of foldText(path).matchAll(new RegExp(COMPONENT.source, 'gu'))) out.push(canonicalComponent(m[0]));
  return out;
}

/** `path` as written up to the end of its `n`th component: `pathPrefix('二、（九）1', 2)` → `二、（九）`. */
export function pathPrefix(path: string, n: number): string {
  let end = 0;
  let k = 0;
  for (const m of foldText(path).matchAll(new RegExp(COMPONENT.source, 'gu'))) {
    if (k++ === n) break;
    end = m.index + m[0].length;
  }
  return path.slice(0, end);
}

function canonicalComponent(c: string): string {
  const item = /^第\s*[（(]?\s*([^（）()\s]+?)\s*[）)]?\s*项$/u.exec(c);
  if (item) {
    const n = /^\d+$/.test(item[1]!) ? Number(item[1]) : chineseNumeralToInt(item[1]!);
    if (n !== null) return `(${intToChineseNumeral(n)})`;
  }
  return ordinalsAsFigures(c.replace(/\s+/g, '').replace(/[、.．]$/, '').replace(/（/g, '(').replace(/）/g, ')'));
}

/** True when `prefix` is a component-wise prefix of `path` (both as from {@link pathComponents}). */
export function isPathPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length === 0 || prefix.length > path.length) return false;
  return prefix.every((c, i) => c === path[i]);
}

/**
 * Reads a leading clause path from `s` (after a 文号 has been removed): the components and what
 * is left, and the path as typed (for messages: the components are canonical, 第十二条 as 第12条).
 * Only components at the very start count, so a quantity in a sentence is never a path.
 */
export function readLeadingPath(s: string): { components: string[]; rest: string; typed: string } {
  const folded = foldText(s);
  let i = 0;
  const skip = () => {
    while (i < folded.length && /[\s,，:：的中里]/.test(folded[i]!)) i++;
  };
  skip();
  const start = i;
  const components: string[] = [];
  const componentAt = (at: number) => {
    COMPONENT.lastIndex = at;
    const m = COMPONENT.exec(folded);
    return m && m.index === at ? m[0] : undefined;
  };
  for (;;) {
    const c = componentAt(i);
    if (c === undefined) break;
    components.push(canonicalComponent(c));
    i += c.length;
    while (i < folded.length && /\s/.test(folded[i]!)) i++;
    // A dot or 、 typed between two components (二.（一）.3, 二、（一）、3) separates them, nothing more;
    // one that no component follows is not part of the path.
    if (/[.．、·]/.test(folded[i] ?? '') && componentAt(i + 1) !== undefined) i++;
  }
  return { components, rest: folded.slice(i), typed: folded.slice(start, i).trim() };
}

export interface DocRef {
  /** Canonical 文号s of the known documents the mention refers to (may be several for `4号文`). */
  docNos: string[];
  /** The mention as typed. */
  raw: string;
  /** The query with the mention removed. */
  rest: string;
  /** The query before the mention (请问). */
  before: string;
  /** The query after the mention, where a clause path is written (请问32号文二（五）9 → 二（五）9). */
  after: string;
}

/** A mention of `docNos` typed as `raw` at `at..end` of the folded query `q`. */
function docRef(docNos: string[], raw: string, q: string, at: number, end: number): DocRef {
  const before = q.slice(0, at);
  const after = q.slice(end);
  return { docNos, raw, rest: `${before} ${after}`, before, after };
}

// The bracketed year makes the number plain even without 号 (晋市政办〔2024〕32), but not a count (〔2024〕3个).
const FULL_DOC_NO = /([\u4e00-\u9fa5]{1,10}?)\s*[〔[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})(?:\s*号(?:文件|文)?|(?![\d.．万亿元个家场次户项条%]))/u;
// `32号文`, `2024年32号文件`, or `32号` followed by a clause path or nothing (not a date: `6月30号`).
const SHORT_DOC_NO = /(?:(\d{4})\s*年?\s*)?第?\s*(?<![月\d.])(\d{1,4})\s*号(?:\s*(?:文件|文)|(?=\s*(?:[一二三四五六七八九十]+\s*[、（(]|[（(]|第|附件|$)))/u;

/**
 * Finds a 文号 mention in a query and resolves it against the known document numbers.
 * Full numbers (`晋市政办〔2024〕32号`, any bracket style) resolve exactly, or by year and number
 * when the issuer is abbreviated; short forms (`32号文`, `2024年32号文`, `32号 二、（五）`) by number
 * and year.
 * Returns `null` when the query mentions no 文号; `docNos` is empty for an unknown one.
 */
export function findDocRef(query: string, knownDocNos: readonly string[]): DocRef | null {
  const q = foldText(query);
  const known = docNoIndex(knownDocNos);
  // Any known number typed as it is stored (国务院令第673号, or a 文号 in its canonical form).
  const literal = known.longestIn(q.replace(/\s+/g, ''));
  if (literal) {
    const at = q.indexOf(literal.f);
    // 号文 / 号文件 after the number is part of the mention (晋市政办〔2024〕32号文), as in the short
    // form; 号文化产业 is not.
    if (at >= 0) return docRef([literal.d], literal.d, q, at, at + literal.f.length + (/^\s*(?:文件|文(?=$|[\s，,。？?的里中讲说第一二三四五六七八九十（(附]))/u.exec(q.slice(at + literal.f.length))?.[0].length ?? 0));
  }
  const full = FULL_DOC_NO.exec(q);
  if (full) {
    const canonical = normalizeDocNo(`${full[1]}〔${full[2]}〕${Number(full[3])}号`);
    let docNos = knownDocNos.filter((d) => d === canonical);
    if (docNos.length === 0) {
      docNos = known.parsed
        .filter((p) => p.year === full[2] && p.number === Number(full[3]) && (p.issuer.endsWith(full[1]!) || full[1]!.endsWith(p.issuer)))
        .map((p) => p.d);
    }
    return docRef(docNos, full[0], q, full.index, full.index + full[0].length);
  }
  const short = SHORT_DOC_NO.exec(q);
  if (short) {
    const matching = known.parsed.filter((p) => p.number === Number(short[2]) && (!short[1] || p.year === short[1]));
    // The issuer typed before a year and number without brackets (晋市政办2024年32号, 晋市政办 2024 32号)
    // is part of the mention, not words to search the document for.
    const end = short.index + short[0].length;
    const typed = short[1] ? /[\u4e00-\u9fa5]{2,10}(?=\s*$)/u.exec(q.slice(0, short.index))?.[0] : undefined;
    if (typed) {
      // The longest end of the words typed before that ends an issuer (晋市政办, or 市政办 for it).
      let best = 0;
      for (const p of matching) for (let k = typed.length; k > best; k--) if (p.issuer.endsWith(typed.slice(-k))) best = k;
      if (best >= 2) {
        const issuer = typed.slice(-best);
        const at = q.slice(0, short.index).trimEnd().length - best;
        return docRef(matching.filter((p) => p.issuer.endsWith(issuer)).map((p) => p.d), q.slice(at, end), q, at, end);
      }
    }
    return docRef(matching.map((p) => p.d), short[0], q, short.index, end);
  }
  return null;
}

/** Words that ask "what is X responsible for". */
export const RESPONSIBILITY_CUE = /负责|任务|职责|分工|牵头|承担|责任单位|责任/;

/** An article mention: 第十二条, 第12条, 第三十九条第二款. */
const ARTICLE = new RegExp(`第[${ORDINAL_NUMERAL_CHARS}\\d]+条`, 'u');

export interface TitleRef {
  /** Ids of the documents whose title the words before the article name best. */
  docIds: string[];
  /** The query from the article mention on (`第十二条`), for {@link readLeadingPath}. */
  rest: string;
}

/**
 * Reads `<title words>第X条` — 政府投资条例第十二条, 举报奖励办法第十条 — against the documents'
 * titles: the words before the article must be (mostly) words of one title. Returns `null` when the
 * query has no article mention or its words name no title.
 */
export function findTitleRef(query: string, titles: ReadonlyMap<string, string>): TitleRef | null {
  const q = foldText(query);
  const m = ARTICLE.exec(q);
  if (!m) return null;
  const docIds = titledBy(titleWords(q.slice(0, m.index)), titles);
  return docIds.length > 0 ? { docIds, rest: q.slice(m.index) } : null;
}

/** The words of a title typed before a clause path: without the words that only ask (我想问一下，请问), quotes, or 的 before the path. */
function titleWords(before: string): string {
  const parts = splitFiller(before);
  while (parts.length > 0 && (parts[0]!.filler || /^[\s,，:：]+$/.test(parts[0]!.text))) parts.shift();
  return parts
    .map((p) => p.text)
    .join('')
    .replace(/^[\s,，:：]+/, '')
    .replace(/[\s《》〈〉「」“”"]/g, '')
    .replace(/[,，:：的中里]+$/, '');
}

/** Where a clause path can start: a numeral, 第, an opening bracket, a figure, 附件 or 序言. */
const PATH_START = new RegExp(`[${ORDINAL_NUMERAL_CHARS}第（(\\d附序]`, 'u');
/** Words after a path that only ask for it (讲的是什么, 的内容, 全文). */
const ASKING_AFTER_PATH = /全文|条款|内容|原文|规定了?|讲了?|说了?|写了?|是|什么|哪些|啥|的|了|吗|呢|[\s？?。.!！,，:：]/g;

/**
 * Reads `<title words><clause path>` with the path closing the question — 加快重点产业实施意见二（一）3,
 * 实施意见 二、（九）, 营商环境条例第二章 — for a document cited by title (one with no 文号 above all):
 * the path must be all that follows the title (words that only ask aside), hold a path's own mark
 * (、 a bracket 第 附件 序言 or a dot between parts), and the words before it must name a title as in
 * {@link findTitleRef}. `rest` is the query from the path on. Returns `null` otherwise, so a
 * question that merely ends in a figure (…3亿元) stays a text search.
 */
export function findTitlePathRef(query: string, titles: ReadonlyMap<string, string>): TitleRef | null {
  const q = foldText(query).trimEnd();
  // A path is a few characters at the end: only its last stretch is tried.
  for (let i = Math.max(2, q.length - 40); i < q.length; i++) {
    if (!PATH_START.test(q[i]!)) continue;
    const p = readLeadingPath(q.slice(i));
    if (p.components.length === 0 || !/[、（(第附序.．]/.test(p.typed)) continue;
    const asked = splitFiller(p.rest).filter((x) => !x.filler).map((x) => x.text).join('');
    if (asked.replace(ASKING_AFTER_PATH, '') !== '') continue;
    const docIds = titledBy(titleWords(q.slice(0, i)), titles);
    if (docIds.length > 0) return { docIds, rest: q.slice(i) };
  }
  return null;
}

/**
 * The documents whose title `words` name: (mostly) the words of one title, by shared character pairs.
 * Empty when fewer than two pairs are typed or no title holds {@link TITLE_MATCH_SHARE} of them.
 */
function titledBy(words: string, titles: ReadonlyMap<string, string>): string[] {
  const grams = [...new Set([...words].slice(0, -1).map((ch, i) => words.slice(i, i + 2)).filter((g) => /^[\u4e00-\u9fff]{2}$/.test(g)))];
  if (grams.length < 2) return [];
  let best = 0;
  let docIds: string[] = [];
  for (const [docId, title] of titles) {
    const t = foldedTitle(title);
    const typed = grams.filter((g) => t.includes(g)).length / grams.length;
    const share = typed < TITLE_MATCH_SHARE && abbreviates(words, t) ? TITLE_MATCH_SHARE : typed;
    if (share > best + 1e-9) {
      best = share;
      docIds = [docId];
    } else if (Math.abs(share - best) < 1e-9 && share > 0) docIds.push(docId);
  }
  return best >= TITLE_MATCH_SHARE ? docIds : [];
}

/**
 * Whether `words` shorten `title` the way titles are shortened (威海停车条例 for 威海市停车管理和服务条例,
 * 北京专利条例 for 北京市专利保护和促进条例): runs of two or more of its characters, kept in order,
 * with words left out between them. The pairs that span a left-out word (海停, 车条) are in no
 * title, so a shortened title falls short of {@link TITLE_MATCH_SHARE} by pairs alone.
 */
function abbreviates(words: string, title: string): boolean {
  if (!/^[\u4e00-\u9fff]{4,}$/u.test(words)) return false;
  let at = 0;
  let i = 0;
  // Characters typed in runs of two or more: most of the words must be, a character alone standing
  // for a word of the title (外企 for 外商投资企业, 技改 for 技术改造).
  let inRuns = 0;
  while (i < words.length) {
    // The longest run of the words from i found in the title after the previous run.
    let run = 0;
    let next = -1;
    for (let k = words.length; k >= i + 1; k--) {
      const found = title.indexOf(words.slice(i, k), at);
      if (found >= 0) {
        run = k - i;
        next = found + run;
        break;
      }
    }
    if (run === 0) return false;
    if (run >= 2) inRuns += run;
    i += run;
    at = next;
  }
  return 2 * inRuns >= words.length;
}

/** The words a document's title ends with: what makes a run of words a document's name. */
const DOC_GENRE = '办法|规定|条例|细则|方案|通知|意见|制度|规则|措施|决定|纲要|规划';
/** 《title》, or a run of words ending in a genre word (阳城县招商考核办法), in a folded query. */
const NAMED_TITLE = new RegExp(`《([^》]{2,60})》|([\u4e00-\u9fff]{2,40}?(?:${DOC_GENRE}))`, 'gu');
/** Words before a title that only introduce it (按照…办法, 根据…规定). */
const TITLE_INTRO = /^(?:请问|我想问|我们|咱们|那么|那|就|是|要|应|应当|应该|需|需要)*(?:按照|依照|依据|根据|参照|对照|遵照|按|照|依|据)?(?:的)?/u;

/**
 * Documents a question names as its source, by 文号 or by title: 按阳城县招商考核办法达标吗,
 * 《泽州县工业项目准入管理办法》, 阳政办发〔2025〕8号规定…. `unknownDocNo` is true when a 文号 is
 * typed that no document has. Words that name no particular document (按规定, 文件里, 考核办法 alone)
 * name none: a title is read only from at least three words before its genre word.
 */
export function namedDocuments(query: string, knownDocNos: readonly string[], titles: ReadonlyMap<string, string>): { docNos: string[]; docIds: string[]; unknownDocNo: boolean } {
  const ref = findDocRef(query, knownDocNos);
  const docIds = new Set<string>();
  const q = foldText(query);
  for (const m of q.matchAll(NAMED_TITLE)) {
    const words = (m[1] ?? m[2]!).replace(TITLE_INTRO, '').replace(/[\s《》〈〉「」“”"]/g, '');
    const body = words.replace(new RegExp(`(?:${DOC_GENRE})$`, 'u'), '');
    if (m[2] && [...body].filter((ch) => /[\u4e00-\u9fff]/u.test(ch)).length < 3) continue;
    for (const d of titledBy(words, titles)) docIds.add(d);
  }
  return { docNos: ref?.docNos ?? [], docIds: [...docIds], unknownDocNo: ref !== null && ref.docNos.length === 0 };
}

/** Share of the words before 第X条 a title must contain to be the document meant. */
export const TITLE_MATCH_SHARE = 0.7;

/** A known 文号 parsed as issuer〔year〕number号 (an order, 国务院令第728号, with no year). */
interface ParsedDocNo {
  d: string;
  issuer: string;
  year: string;
  number: number;
}

/**
 * The known 文号s, folded and parsed once per list rather than on every query: with 10,000
 * documents, folding and matching each against the query was a third of a text search's time.
 * The folded numbers are grouped by their first two code units, so finding those a query contains
 * looks at the query's positions, not at every document.
 */
class DocNoIndex {
  /** Folded numbers of 4+ code units by their first two, longest first, then in list order. */
  private readonly byStart = new Map<string, Array<{ d: string; f: string; order: number }>>();
  readonly parsed: ParsedDocNo[] = [];

  constructor(knownDocNos: readonly string[]) {
    knownDocNos.forEach((d, order) => {
      const f = foldText(d).replace(/\s+/g, '');
      if (f.length >= 4) {
        const key = f.slice(0, 2);
        const list = this.byStart.get(key) ?? this.byStart.set(key, []).get(key)!;
        list.push({ d, f, order });
      }
      const p = /^(.*)〔(\d{4})〕(\d+)号$/.exec(d);
      if (p) this.parsed.push({ d, issuer: p[1]!, year: p[2]!, number: Number(p[3]) });
      // An order numbered without a year (国务院令第728号) is found by its number alone (728号 第八条).
      const ordinance = p ? null : /^(.*令)第(\d+)号$/.exec(d);
      if (ordinance) this.parsed.push({ d, issuer: ordinance[1]!, year: '', number: Number(ordinance[2]) });
    });
    for (const list of this.byStart.values()) list.sort((a, b) => b.f.length - a.f.length || a.order - b.order);
  }

  /** The longest known number `text` contains (the earliest listed among equally long ones). */
  longestIn(text: string): { d: string; f: string } | undefined {
    let best: { d: string; f: string; order: number } | undefined;
    for (let i = 0; i + 4 <= text.length; i++) {
      const list = this.byStart.get(text.slice(i, i + 2));
      if (!list) continue;
      const hit = list.find((e) => text.startsWith(e.f, i));
      if (hit && (!best || hit.f.length > best.f.length || (hit.f.length === best.f.length && hit.order < best.order))) best = hit;
    }
    return best;
  }
}

// Indexed once per list of known numbers (a search engine keeps one list for its life).
const docNoIndexes = new WeakMap<readonly string[], DocNoIndex>();
function docNoIndex(knownDocNos: readonly string[]): DocNoIndex {
  let index = docNoIndexes.get(knownDocNos);
  if (!index) docNoIndexes.set(knownDocNos, (index = new DocNoIndex(knownDocNos)));
  return index;
}

// Titles are folded once, not on every query.
const foldedTitles = new Map<string, string>();
function foldedTitle(t: string): string {
  let f = foldedTitles.get(t);
  if (f === undefined) foldedTitles.set(t, (f = foldText(t)));
  return f;
}
