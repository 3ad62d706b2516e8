/**
 * Text that reports what a policy says is not a fact about the asker's project. In
 * `政策说涉及国家秘密的项目不再单独进行节能审查，我们年综合能源消费量2000吨标准煤…` the words 涉及国家秘密
 * belong to the policy; the project's facts are in the rest. {@link reportedSpans} finds such text:
 *
 * - after a reporting word (政策说, 文件规定, 听说, 据说, 按照…规定, according to …), up to where the
 *   asker speaks again (我们, 但, 那么 …), up to the end of the rule's consequence (不再…, 无需…), or
 *   to the end of the sentence;
 * - a rule stated without one (`涉及国家秘密的项目不再单独进行节能审查，…`): a clause with a rule's
 *   consequence that is not a question and is not about the asker's own project, with the class of
 *   projects before it (`…的项目，无需办理环评手续`);
 * - a clause pasted from the rules' own citations (most of a quote, with words of the clause beyond
 *   the facts it names, e.g. 原则上区级…).
 *
 * The facts extractor blanks these spans before it reads anything, so their conditions never
 * become facts; a question about a class of projects (涉密项目需要节能审查吗) is still a question.
 */
import { allCitations } from './parameters.ts';

export interface Span { start: number; end: number }

/** Words that report what a policy, a document or someone else says. */
const REPORTING =
  /(?:[\d〇零一二三四五六七八九十]+号文?|第[\d一二三四五六七八九十百千]+[条款项])(?:里|中|上)?(?:说|讲|写|提到|明确|要求|规定)(?:了|的是|是|着)?|(?:政策|文件|规定|条款|条文|原文|通知|方案|办法|上面|里面|文件里|文件中|政策里|政策上|规定里|规定中)(?:里|中|上)?(?:说|讲|写|提到|明确|要求|规定)(?:了|的是|是|着)?|(?:听说|据说|据悉|据了解|有人说|别人说|他们说|领导说|不是说|说是|规定)|(?:按照|根据|依据|依照|按)[^，,。；;！!？?\n]{0,24}?(?:的)?(?:规定|政策|文件|要求|条款|精神|通知|方案|办法)|\b(?:the\s+(?:policy|policies|rules?|regulations?|document|notice|plan|clause)\s+(?:says?|states?|provides?)|according\s+to\s+(?:the\s+)?(?:policy|rules?|regulations?|document|notice|plan|clause)|i\s+heard|it\s+is\s+said|they\s+say|(?:the\s+)?(?:policy|rule)\s+is\s+that)\b/gi;
/** Frames (按照…规定) report only a rule statement after them, not the question they introduce. */
const FRAME = /^(?:按照|根据|依据|依照|按)/;

/** A rule's consequence: what a clause says follows for a class of projects. */
const CONSEQUENCE = /不再|无需|无须|不需要?|不用|不必|免于|免予|免除|免办|豁免|可适当放宽|可以不|需要|须|必须|应当|应该|\b(?:exempt|no\s+need|need\s+not|does\s+not\s+need|do\s+not\s+need|must|required?)\b/i;
/** The asker speaking of their own case again. */
const OWN_CASE = /^(?:本季度?|本月|本年度?|今年|去年|上个?季度|这个?季度|上个?月|这个月|但是?|可是?|不过|而|那么?|所以|因此|请问|想问|问一下|我|咱|俺|本(?:项目|单位|公司|镇|县|区)|该项目|这个项目|此项目|现在|目前|如果|假如|要是|若|\s*(?:but|our|we|my|so|and\s+(?:our|we|my)|does|do|is|are|can)\b)/i;
/** Words for the asker's own project or unit (我想了解一下 is only asking, not about the project). */
const OWN_WORDS = /我们|我方|咱们|咱|俺们|我(?:的|家|司|公司|单位|镇|县|区|项目)|本项目|该项目|这个项目|此项目|本单位|本公司|本镇|\b(?:our|we|my)\b/i;
/** A report that opens on the asker's own case (领导说我们项目涉密) reports a fact of it, not a policy. */
const OWN_OPENING = /^\s*(?:我们|我方|咱们|咱|俺们|我(?:的|家|司)|本项目|该项目|这个项目|此项目|本单位|本公司|\b(?:our|we|my)\b)/i;
/**
 * A clause that states a rule's threshold (对接项目不少于3个, 年产值2亿元以上): a report runs on over
 * such clauses and ends after the last one, where the asker's own figures begin.
 */
const RULE_CLAUSE = /(?:不少于|不低于|不高于|不超过|不多于|不满|未满|不足|低于|高于|少于|多于|超过|至少|最少|达到)\s*[\d零一二两三四五六七八九十百千万亿.]|以上|以下|以内|\b(?:at\s+least|no\s+(?:less|fewer|more)\s+than|not\s+(?:less|fewer|more)\s+than|below|under|over)\b/i;

/** A question or a tag that makes a clause one (…的项目不用审查，对吗). */
const QUESTION = /吗|么|呢|[？?]|是否|能否|要不要|需不需要|用不用|是不是|对不对|什么|哪些|哪类|多少|几[次个家户项]|怎么|如何|\b(?:does|do|is|are|can|what|which|how)\b/i;
const TAG = /^[，,\s]*(?:对吗|是吗|对吧|是吧|吧|对不对|是不是|没错吧|right|correct|is\s+that\s+right)[？?。！!\s]*$/i;

const SENTENCE = /[。！？；;!?\n]|\.(?=\s|$)/g;
const CLAUSE = /[，,：:]/g;

function boundaries(text: string, re: RegExp): number[] {
  return [...text.matchAll(re)].map((m) => m.index!);
}

/** End of the sentence that holds `at`. */
function sentenceEnd(text: string, at: number): number {
  return boundaries(text, SENTENCE).find((i) => i >= at) ?? text.length;
}
function sentenceStart(text: string, at: number): number {
  const before = boundaries(text, SENTENCE).filter((i) => i < at);
  return before.length ? before.at(-1)! + 1 : 0;
}

/** The clauses (comma pieces) of text[from, to), as [start, end) pairs. */
function clauses(text: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = from;
  for (const i of boundaries(text, CLAUSE)) {
    if (i < from || i >= to) continue;
    out.push([s, i]);
    s = i + 1;
  }
  out.push([s, to]);
  return out;
}

/** The span reported after a reporting word ending at `from`: clause by clause, as the module comment says. */
function reportedAfter(text: string, markerStart: number, from: number, frame: boolean): Span | null {
  const end = sentenceEnd(text, from);
  const parts = clauses(text, from, end);
  let last = from;
  const statement = (s: number, e: number) => CONSEQUENCE.test(text.slice(s, e)) && !QUESTION.test(text.slice(s, e)) && !TAG.test(text.slice(e, end));
  if (frame) {
    // 按照规定，年能耗800吨的项目需要审查吗: the frame introduces the question; only a statement after it is the rule's.
    const stated = parts.findIndex(([s, e]) => statement(s, e));
    if (stated < 0 || parts.slice(0, stated + 1).some(([s, e], i) => i > 0 && OWN_CASE.test(text.slice(s, e).trimStart()))) return { start: markerStart, end: from };
    return { start: markerStart, end: parts[stated]![1] };
  }
  if (parts[0] && OWN_OPENING.test(text.slice(parts[0][0], parts[0][1]))) return null;
  let ruleSeen = false;
  for (const [i, [s, e]] of parts.entries()) {
    const piece = text.slice(s, e);
    if (i > 0 && OWN_CASE.test(piece.trimStart())) break;
    const states = RULE_CLAUSE.test(piece) || CONSEQUENCE.test(piece);
    // After the rule's threshold clauses, a clause that states none is the asker speaking again.
    if (ruleSeen && !states) break;
    last = e;
    if (CONSEQUENCE.test(piece)) break;
    ruleSeen ||= states;
  }
  return { start: markerStart, end: last };
}

/** Rule statements with no reporting word: `…的项目（，）不再单独进行节能审查`. */
function statedRules(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  const ends = [...boundaries(text, SENTENCE), text.length];
  for (const end of ends) {
    const parts = clauses(text, from, end);
    for (const [i, [s, e]] of parts.entries()) {
      const piece = text.slice(s, e);
      if (!CONSEQUENCE.test(piece) || QUESTION.test(piece) || OWN_WORDS.test(piece) || TAG.test(text.slice(e, end))) continue;
      // The class of projects the consequence is for may stand in the clause before (…的项目，无需…).
      let start = s;
      const prev = parts[i - 1];
      if (prev && /的(?:项目|专业镇|企业|镇)\s*$/.test(text.slice(prev[0], prev[1])) && !OWN_WORDS.test(text.slice(prev[0], prev[1]))) start = prev[0];
      out.push({ start, end: e });
    }
    from = end + 1;
  }
  return out;
}

/**
 * Words of a clause quote beyond its facts: what a pasted clause has and a person's own statement of
 * the same facts has not (原则上区级, 不再单独进行节能审查). The facts' own words are passed in.
 */
function quotedClauses(text: string, factWords: RegExp): Span[] {
  const out: Span[] = [];
  for (const c of uniqueQuotes()) {
    for (const [s, len] of commonRuns(text, c, 12)) {
      const piece = text.slice(s, s + len);
      if (len < Math.min(c.length, 40) * 0.6) continue;
      const rest = piece.replace(new RegExp(factWords.source, 'gi'), '|').replace(/《[^》]*》/g, '|');
      if (!rest.split('|').some((r) => r.replace(/[的和且或及与、，,\d.]/g, '').length >= 4)) continue;
      if (OWN_WORDS.test(text.slice(sentenceStart(text, s), s))) continue;
      out.push({ start: s, end: s + len });
    }
  }
  return out;
}

let quotes: string[] | null = null;
function uniqueQuotes(): string[] {
  return (quotes ??= [...new Set(allCitations().map((c) => c.quote))]);
}

/** Maximal runs (start in `a`, length) of at least `min` characters that `a` and `b` share. */
function commonRuns(a: string, b: string, min: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) if (a[i - 1] === b[j - 1]) cur[j] = prev[j - 1]! + 1;
    for (let j = 1; j <= b.length; j++) {
      const n = cur[j]!;
      // A run ends here when it does not go on at (i+1, j+1).
      if (n >= min && (i === a.length || j === b.length || a[i] !== b[j])) out.push([i - n, n]);
    }
    prev = cur;
  }
  return out;
}

/**
 * The spans of `text` that report a policy rather than state the asker's facts, merged and in
 * order. `factWords` names the facts (their keywords, yes/no words and figures), so a person
 * stating their own facts in the clause's words (年综合能源消费量不满1000吨标准煤) is not quoting it.
 */
export function reportedSpans(text: string, factWords: RegExp): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(REPORTING)) {
    const start = m.index!;
    let from = start + m[0].length;
    // 政策规定：… / 文件说，…: the report starts after the punctuation.
    const punct = /^\s*[：:，,]\s*/.exec(text.slice(from));
    if (punct) from += punct[0].length;
    const s = reportedAfter(text, start, from, FRAME.test(m[0]));
    if (s) spans.push(s);
  }
  spans.push(...statedRules(text), ...quotedClauses(text, factWords));
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged.filter((s) => s.end > s.start);
}
