/**
 * The terms a document defines by their members. A regulation says what its own words cover —
 * `本条例所称市场主体，是指…下列自然人、法人及非法人组织：（一）公司、非公司企业法人及其分支机构；…`,
 * `本条例所称居民住宅区是指…，包括城镇居民小区、…` — and then writes only the defined word (市场主体)
 * where a person asks about a member (公司). The ranking lets a clause holding the defined term stand,
 * in part, for a member the question names ({@link findDefinedTerms}), as the texts themselves say it
 * does: the document's own definition, not a glossary. Measured on `npm run eval -- --tuning`: round 3
 * +3 at rank 1 and +2 in the top 3 (公司 on the market-entity regulation), one more unanswerable
 * question refused (公司刻公章要去哪里备案), nothing else moved; the "no match" model's cross-validated
 * rates unchanged.
 *
 * ```ts
 * membersOf(clauses) // => [{ term: '市场主体', elements: ['公司', '非公司企业法人', '分支机构', …] }, …]
 * definedTermsFor('公司', clauses) // => ['市场主体']
 * ```
 *
 * @module
 */
import type { Clause } from '../corpus/index.ts';
import { boundedMemo } from './boundedMemo.ts';
import type { Concept } from './evidence.ts';
import { itemIdsOf } from './leadIn.ts';
import { queryTerms } from './tokenize.ts';
import { wordOfTerms } from './bilingual.ts';

/** A term a document defines and its members. */
export interface Definition {
  term: string;
  /** The members one by one (公司, 非公司企业法人, 分支机构 …). */
  elements: string[];
}

/** What separates the members of an enumeration. */
const SEPARATOR = /[、，,；;。：:\n（）()]|及其|以及|及|和|或者|或|等|[一二三四五六七八九十]+）/;
/** Most characters a member may add before the word that names its kind (城镇居民小区 for 小区). */
const MEMBER_MODIFIER_CHARS = 4;

/** True when the member `element` is `word` or a kind of it (the word its head: 城镇居民小区 for 小区). */
function namesMember(element: string, word: string): boolean {
  return element === word || (element.endsWith(word) && element.length <= word.length + MEMBER_MODIFIER_CHARS);
}

/** `本条例所称X，是指…` and its kin; X is two to twelve characters, 的 before it left out. */
const DEFINES = /本(?:条例|办法|规定|细则|决定|法|意见|措施)(?:中)?所称(?:的)?([\u4e00-\u9fff]{2,12}?)[，,]?(?:是指|指|包括)/;
/** Where a definition names members in its own sentence: after 包括 (or 包含), to the sentence's end. */
const INCLUDES = /包[括含]([^。]*)/;
/** Most characters of member text read per definition. */
const MAX_MEMBER_CHARS = 400;

const definitions = new WeakMap<readonly Clause[], Definition[]>();

/**
 * Every definition by members in `clauses` (read once per clause list): the items listed under a
 * defining clause (下列…：（一）公司…) and what its sentence lists after 包括. A definition by
 * description only (是指…的信息) has no members and is left out.
 */
export function membersOf(clauses: readonly Clause[]): Definition[] {
  const known = definitions.get(clauses);
  if (known) return known;
  const out: Definition[] = [];
  clauses.forEach((c, i) => {
    if (!c.text.includes('所称')) return;
    const m = DEFINES.exec(c.text);
    if (!m) return;
    const parts: string[] = [];
    const own = INCLUDES.exec(c.text.slice(m.index));
    if (own) parts.push(own[1]!);
    for (const j of itemIdsOf(clauses, i)) parts.push(clauses[j]!.text);
    const elements = parts.join('\n').slice(0, MAX_MEMBER_CHARS).split(SEPARATOR).map((e) => e.replace(/^其/, '').trim()).filter((e) => e.length >= 2);
    if (elements.length > 0) out.push({ term: m[1]!, elements });
  });
  definitions.set(clauses, out);
  return out;
}

const termsFor = new WeakMap<readonly Clause[], (word: string) => string[]>();

/**
 * The terms whose definition names `word` among their members (公司 → 市场主体); never a term that
 * holds the word or is held by it (中小企业 is no member-term of 企业).
 */
export function definedTermsFor(word: string, clauses: readonly Clause[]): string[] {
  let of = termsFor.get(clauses);
  if (!of) {
    const defs = membersOf(clauses);
    termsFor.set(
      clauses,
      (of = boundedMemo(4096, (w: string) =>
        [...new Set(defs.filter((d) => d.elements.some((e) => namesMember(e, w)) && !d.term.includes(w) && !w.includes(d.term)).map((d) => d.term))],
      )),
    );
  }
  return word.length < 2 ? [] : of(word);
}

/**
 * For each Chinese word of the question that a definition names among its members, the defined
 * terms the corpus holds, added to the concept's `synonyms` (a clause with one earns evidence.ts's
 * SYNONYM_CREDIT of the word where it lacks the word itself). Returns their terms, for the ranking.
 * An English word the glossary reads (`company` → 企业) is read by its Chinese wording, as the same
 * word typed in Chinese is: a definition listing 个人独资企业、合伙企业 makes 市场主体 stand for it.
 * Measured (scratch diag): round 3 +1 in the top 3 (a new licence after a name change:
 * 登记机关应当及时为市场主体换发营业执照), −1 at rank 1 (a wage question's company, now also read as
 * 市场主体, meets the market-entity rule's deregistration clause first; still in the top 3), one wrong
 * answer fewer, nothing else moved. A word CC-CEDICT translates is not read so (stop 31: nothing moved).
 */
export function findDefinedTerms(concepts: Concept[], clauses: readonly Clause[], df: (t: string) => number): string[] {
  const terms: string[] = [];
  for (const c of concepts) {
    const words = c.word && !c.english ? [c.word] : c.glossaryEnglish !== undefined ? c.alternatives.map(wordOfTerms) : [];
    if (words.length === 0) continue;
    const defined = [...new Set(words.flatMap((w) => definedTermsFor(w, clauses)))]
      .map((d) => queryTerms(d))
      .filter((a) => a.length > 0 && a.every((t) => df(t) > 0));
    if (defined.length === 0) continue;
    c.synonyms = [...(c.synonyms ?? []), ...defined];
    for (const a of defined) terms.push(...a);
  }
  return terms;
}
