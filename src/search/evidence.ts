/**
 * The evidence a question offers: its content words grouped into concepts (one per word of the
 * question, glossary concept or English word), question words and filler recognised by the general
 * list in `querywords.json`, each concept weighted by its IDF in the corpus; and the share of that
 * evidence a clause carries (`coverage`), which decides "no match".
 *
 * @module
 */
import querywords from './querywords.json' with { type: 'json' };
import { eng as englishStopwords } from 'stopword';
import { corpusSynonyms, englishAbsentFactor, englishOrAgentCandidates, isDictionaryWord, wordOfTerms } from './bilingual.ts';
import { absentWordFactor, EVERYDAY_FACTOR, holdsLexiconWord, isGeneralCompound, isLooseCompound, isPhrasing, isSpokenVerbForm } from './generalWords.ts';
import type { Bridge } from './bridges.ts';
import type { ExpandedQuery } from './expand.ts';
import { boundedMemo } from './boundedMemo.ts';
import { foldText, isCjkChar, queryTerms, tokenize, tokenizeWithInfo } from './tokenize.ts';
import { wordSegmenter } from '../text/segmenter.ts';

/**
 * Ranking weight of a term the question does not require: a bigram straddling two words of the query
 * (导小 in 领导|小组), or a question word / everyday filler from `querywords.json` (多久, 能拿). It still
 * ranks a clause that happens to contain it (最多可延长), but must not outvote a subject word.
 */
const SOFT_TERM_WEIGHT = 0.3;
/**
 * Weight of a glossary concept (能评, 外出招商, "energy review") relative to a plain word of the same
 * IDF: confirmed domain vocabulary of the five corpus documents.
 */
const GLOSSARY_CONCEPT_WEIGHT = 1.5;
/** Weight of a term the glossary or the dictionary added, relative to a term the user typed. */
export const ADDED_TERM_WEIGHT = 0.6;
/**
 * Weight of an unseen fragment of the question (see weighConcepts): characters the segmenter left
 * one by one that make no word (得赶到, 名下跑, 刚升成规上). Measured on the corpus, dev and both
 * later rounds (`npm run eval -- --tuning`): 0.25 against 0.5 answered round 4 +4 and round 3 +1 in
 * the top 3, dev +1 at rank 1, no refusal lost once a fragment holding a real word of three or more
 * characters (税起征点: 起征点) no longer counts as one; 0.35 gained less.
 */
const UNSEEN_FRAGMENT_WEIGHT = 0.25;

/** One concept of the query for coverage: any one alternative (a term list) satisfies it. */
export interface Concept {
  alternatives: string[][];
  /** Glossary entries weigh more than a plain word: they are confirmed domain vocabulary. */
  weight: number;
  /**
   * A Latin word or number typed as such. It counts only if some clause contains it: English
   * function words the glossary does not know (`newly`, `mechanism`) say nothing about relevance.
   */
  latin: boolean;
  /**
   * An English word outside the glossary: its CC-CEDICT translations, best first. The search keeps
   * the few the corpus contains as alternatives; a word the dictionary knows but the corpus has no
   * translation of (pizza) counts against the match, as an unknown Chinese word would.
   */
  english?: readonly string[];
  /**
   * For an English word: the stretch of English it was typed in (every word, function words too; a
   * `null` where punctuation or Chinese breaks the stretch) and its place there, so the dictionary
   * can read it together with its neighbours (`business license`, `take effect`; bilingual.ts).
   */
  englishRun?: { words: ReadonlyArray<string | null>; at: number };
  /**
   * For a glossary entry read from English (`submit` → 上报): the English as typed, so that where
   * the corpus has none of the glossary's wording the dictionary can translate it instead
   * (bilingual.ts): the glossary speaks for the five corpus documents, not for every corpus.
   */
  glossaryEnglish?: string;
  /** A word the segmenter could only read as single characters (see TermInfo.singleRun). */
  singleRun?: boolean;
  /** The question's word this concept stands for (储备粮), for dictionary look-ups. */
  word?: string;
  /** Words of the corpus that translate like `word`, or terms a document defines with `word` as a member (definitions.ts; see {@link WeightedConcept.synonyms}). */
  synonyms?: string[][];
  /** The corpus's wordings of `word` when no clause uses it (bridges.ts: 年假 → 年休假, 三倍 → 300%). */
  bridges?: Bridge[];
  /**
   * A word read in either register (querywords.json `register`: 公司 | 企业): weighed by its
   * commonest wording the corpus has, since a clause showing any one of them carries the concept.
   */
  register?: boolean;
  /**
   * A number in either form (15 | 十五; expand.ts `number` parts): weighed by the forms the corpus
   * has, since a form no clause writes says nothing about which clause answers.
   */
  number?: boolean;
}


/**
 * Light verbs of the stop-word list that stay words of the question: each heads phrases CC-CEDICT
 * translates as a whole (`take effect` → 施行, `make public` → 公开, `come into force`), which the
 * dictionary reads only with the verb among the question's words (bilingual.ts, readTogether).
 * Dropped with the rest, `When did the rules … take effect?` lost its clause (dev, rank 1 → 3).
 */
const PHRASE_VERBS: ReadonlySet<string> = new Set(['take', 'make', 'get', 'got', 'come', 'came']);
/**
 * English function words (the `stopword` package's English list, MIT, minus {@link PHRASE_VERBS}):
 * no concept of the question. CC-CEDICT glosses them too (their → 及其, they → 他们),
 * and each then weighed as much as an everyday word of the subject. They stay in the English run,
 * so a phrase containing one is still read whole (`chamber of commerce`).
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(englishStopwords.filter((w) => !PHRASE_VERBS.has(w)));

/** Question words and everyday filler (general, not per document), by first character, longest first. */
const FILLER_BY_FIRST: ReadonlyMap<string, readonly string[]> = (() => {
  const byFirst = new Map<string, string[]>();
  // 几 / 多少 before any measure word asks a quantity (几批, 几点), as the listed 几次 and 多少天 do.
  const quantities = querywords.measureWords.words.flatMap((m) => [`几${m}`, `多少${m}`]);
  for (const f of [...new Set([...querywords.filler, ...quantities].map((w) => foldText(w)))].sort((a, b) => b.length - a.length)) {
    const list = byFirst.get(f[0]!) ?? [];
    list.push(f);
    byFirst.set(f[0]!, list);
  }
  return byFirst;
})();

/**
 * Splits plain query text into content stretches and filler stretches: the filler that covers the
 * most characters, so one filler does not hide a longer one it overlaps (我想知道 is 我 + 想知道, not
 * 我想 + a content word 知道). Where covers tie, the longest filler at the earliest place is taken.
 */
export function splitFiller(text: string): Array<{ text: string; filler: boolean }> {
  // A one-character filler (弄, 搞, 咋) counts only as a word of its own: 弄 of 怎么弄, never the 弄 of 弄坏了.
  let alone: Set<number> | undefined;
  const standsAlone = (i: number) => {
    if (!alone) {
      alone = new Set();
      let at = 0;
      for (const { segment } of wordSegmenter().segment(text)) {
        if (segment.length === 1) alone.add(at);
        at += segment.length;
      }
    }
    return alone.has(i);
  };
  // covered[i]: most characters of text[i..] fillers can cover; take[i]: the filler to take at i, if any.
  const covered = new Array<number>(text.length + 1).fill(0);
  const take = new Array<string | undefined>(text.length);
  for (let i = text.length - 1; i >= 0; i--) {
    let best = -1;
    for (const f of FILLER_BY_FIRST.get(text[i]!) ?? []) {
      if (f.length === 1 && !standsAlone(i)) continue;
      if (text.startsWith(f, i) && f.length + covered[i + f.length]! > best) {
        best = f.length + covered[i + f.length]!;
        take[i] = f;
      }
    }
    // Taking a filler here wins a tie with skipping the character (greedy where it loses nothing).
    if (best < covered[i + 1]!) take[i] = undefined;
    covered[i] = Math.max(best, covered[i + 1]!);
  }
  const out: Array<{ text: string; filler: boolean }> = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const f = take[i];
    if (f) {
      if (plain) out.push({ text: plain, filler: false });
      plain = '';
      out.push({ text: f, filler: true });
      i += f.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) out.push({ text: plain, filler: false });
  return out;
}

/**
 * The English words of a stretch of question text in order, function words included, with `null`
 * where punctuation or Chinese breaks the English (a hyphen or an apostrophe does not:
 * `medium-sized`, `investors'`).
 */
export function englishRun(text: string): Array<string | null> {
  return (text.match(/[a-z0-9]+|[^a-z0-9\s'’-]+/g) ?? []).map((w) => (/^[a-z0-9]+$/.test(w) ? w : null));
}

/**
 * Query terms with their ranking weights, and the concepts the evidence is measured over. `recut`
 * re-cuts the segmenter's words of the question (segment.ts: the corpus's own words).
 */
export function readConcepts(
  exp: ExpandedQuery,
  options: { recut?: (segments: readonly string[]) => readonly string[] } = {},
): { weights: Map<string, number>; concepts: Concept[] } {
  const weights = new Map<string, number>();
  const put = (t: string, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (const part of exp.parts) {
    if (part.kind === 'plain') {
      for (const piece of splitFiller(part.text)) {
        if (piece.filler) {
          for (const term of tokenize(piece.text)) if (term.length > 1) put(term, SOFT_TERM_WEIGHT);
          continue;
        }
        // One concept per word of the question (储备粮 = 储备 + 备粮, partly covered by 储备 alone).
        const words = new Map<number, { terms: string[]; singleRun: boolean }>();
        const run = englishRun(piece.text);
        let cursor = 0;
        for (const { term, crossWord, word, singleRun } of tokenizeWithInfo(piece.text, true, options.recut)) {
          put(term, crossWord ? SOFT_TERM_WEIGHT : 1);
          // A bigram straddling two words (目要 in 项目要不要) ranks but is not something the user asked for.
          // A lone character (不, 吨) or digit (1) is too weak to be something asked about on its own.
          if (crossWord || (term.length === 1 && (isCjkChar(term) || /\d/.test(term)))) continue;
          if (/^[a-z0-9.]+$/.test(term)) {
            const at = run.indexOf(term, cursor);
            if (at >= 0) cursor = at + 1;
            if (seen.has(term)) continue;
            seen.add(term);
            // A function word (their, they, very) is read with its neighbours, never as a subject.
            if (ENGLISH_FUNCTION_WORDS.has(term)) continue;
            const english = /^[a-z]{3,}$/.test(term) ? englishOrAgentCandidates(term) : undefined;
            concepts.push({
              alternatives: [[term]],
              weight: 1,
              latin: !english?.length,
              ...(english?.length ? { english, ...(at >= 0 ? { englishRun: { words: run, at } } : {}) } : {}),
            });
            continue;
          }
          const w = words.get(word) ?? { terms: [], singleRun };
          if (!w.terms.includes(term)) w.terms.push(term);
          words.set(word, w);
        }
        for (const w of words.values()) {
          const key = w.terms.join('+');
          if (seen.has(key)) continue;
          seen.add(key);
          const word = wordOfTerms(w.terms);
          concepts.push({ alternatives: [w.terms], weight: 1, latin: false, singleRun: w.singleRun, word });
        }
      }
      continue;
    }
    if (part.kind === 'everyday') {
      // Colloquial wording ranks clauses in the official register but is never required.
      for (const t of queryTerms(part.text)) put(t, SOFT_TERM_WEIGHT);
      for (const a of part.add) for (const t of queryTerms(a)) put(t, ADDED_TERM_WEIGHT);
      continue;
    }
    if (part.kind === 'number') {
      // One concept in either form; like a Latin word it counts only where the corpus writes it
      // (Concept.latin): a figure no clause states says nothing about which clause answers.
      const alternatives = [part.text, ...part.add].map((a) => queryTerms(a)).filter((a) => a.length > 0);
      for (const a of alternatives) for (const t of a) put(t, 1);
      const key = `#${alternatives.map((a) => a.join('+')).join('|')}`;
      if (alternatives.length > 0 && !seen.has(key)) {
        seen.add(key);
        concepts.push({ alternatives, weight: 1, latin: true, number: true });
      }
      continue;
    }
    const typed = part.kind === 'synonym' || part.kind === 'register' ? queryTerms(part.text) : [];
    const added = part.add.map((a) => queryTerms(a)).filter((a) => a.length > 0);
    for (const t of typed) put(t, 1);
    for (const a of added) for (const t of a) put(t, part.kind === 'english' ? 1 : ADDED_TERM_WEIGHT);
    const alternatives = [typed, ...added].filter((a) => a.length > 0);
    if (alternatives.length === 0) continue;
    // The same entry typed twice is one concept, as a repeated word is. Two phrases of one entry
    // (`submit … report` → 上报) stay two: where the corpus lacks the glossary's wording, the
    // dictionary reads each its own way (提交, 报告).
    const key = `${part.kind === 'english' ? part.text : ''}=${alternatives.map((a) => a.join('+')).join('|')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (part.kind === 'register') {
      // A colloquial word is a word of the question like any other, read in either register.
      concepts.push({ alternatives, weight: 1, latin: false, word: part.text, register: true });
      continue;
    }
    concepts.push({ alternatives, weight: GLOSSARY_CONCEPT_WEIGHT, latin: false, ...(part.kind === 'english' ? { glossaryEnglish: part.text } : {}) });
  }
  return { weights, concepts };
}

/**
 * For each concept whose word no clause uses (驾照, 付钱, 年报), the corpus's words that translate
 * the same way through CC-CEDICT (驾驶证, 支付, 年度报告; bilingual.ts, `corpusSynonyms`), kept on
 * the concept as `synonyms`. A word that drops a specific sense of the question's (台商 "Taiwanese
 * businessman" → 外商 "foreign businessman": bilingual.ts, `keepsSpecificSenses`) is a kindred
 * subject, not the same one, and is not kept: on the dev set 台商 → 外商 put the foreign-investment
 * regulation above the Taiwan one in 10 questions (never-refusing hit@1 155 → 159, hit@3 193 → 194
 * without it; corpus and round 3 unchanged, no refusal lost) — unless it names the same thing by the
 * same first character (景点 → 景区 "scenic spot / area": bilingual.ts, `sharesModifierAndSense`).
 * Returns their terms, for the ranking. Only words of the question are looked up, so the cost does not
 * grow with the corpus.
 */
export function findSynonyms(concepts: Concept[], df: (t: string) => number): string[] {
  const terms: string[] = [];
  for (const c of concepts) {
    const word = c.word;
    if (!word || c.english || c.alternatives.some((a) => a.every((t) => df(t) > 0))) continue;
    const present = corpusSynonyms(word, (zh) => {
      const alt = queryTerms(zh);
      return alt.length > 0 && alt.every((t) => df(t) > 0) ? alt : null;
    });
    if (present.length === 0) continue;
    c.synonyms = present;
    for (const alt of present) terms.push(...alt);
  }
  return terms;
}

/** A concept with its evidence weight: its importance times the IDF of its most specific wording. */
export interface WeightedConcept {
  alternatives: string[][];
  weight: number;
  /** Some wording of it occurs in the corpus (a word no clause has is `false`: 付钱, 增值税). */
  known: boolean;
  /** The question's Chinese word (储备粮), for credit where a clause words it differently (see {@link coverage}). */
  word?: string;
  /**
   * For a word the corpus does not use: the corpus's words that translate the same way (驾照 →
   * 驾驶证, 付钱 → 支付); for any word, the terms a document defines with it as a member (公司 →
   * 市场主体, definitions.ts); as term lists. A clause with one earns {@link SYNONYM_CREDIT}.
   */
  synonyms?: string[][];
  /** The corpus's wordings of `word` (see {@link Concept.bridges}); a clause with one earns its credit. */
  bridges?: Bridge[];
  /** The question's bigrams joining an edge character of `word` to its neighbour there (see {@link anchorConcepts}). */
  anchors?: string[];
}

/** How {@link weighConcepts} weighs. */
export interface WeighOptions {
  /**
   * Weights for the "no match" decision rather than the order: a coined verb no clause contains
   * (generalWords.ts, `isCoinedVerb`: 隔成, 弄坏), or a verb with a complement of direction or result
   * (`isDirectionalVerb`: 卖出去, 谈好), counts as everyday wording, not as a missing subject.
   * Measured on `npm run eval -- --tuning`: round 3 +3, round 6 +2 and round 4 +1 in the top 3, no
   * refusal of an unanswerable or off-topic question lost, the "no match" model's cross-validated rates
   * unchanged. Weighed so in the order too, it cost three right clauses their place in the
   * never-refusing top 3 (冻住 no longer lifted the clause with 冻结). Default false.
   */
  forDecision?: boolean;
}

/**
 * BM25-style IDF of each concept: a word in few clauses is strong evidence, one in most clauses is
 * weak. A word no clause contains gets the IDF of the rarest possible word — an unknown subject
 * (所得税, pizza) is exactly what makes a question unanswerable here.
 */
export function weighConcepts(concepts: readonly Concept[], df: (t: string) => number, n: number, opts: WeighOptions = {}): WeightedConcept[] {
  const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  return concepts.map((c) => {
    const idfOf = (alt: readonly string[]) => alt.reduce((s, t) => s + idf(df(t)), 0) / Math.max(1, alt.length);
    // The most specific wording; a word read in either register, its commonest wording the corpus has.
    const present = c.register || c.number ? c.alternatives.filter((a) => a.every((t) => df(t) > 0)) : [];
    let best = present.length > 0 ? (c.register ? Math.min : Math.max)(...present.map(idfOf)) : Math.max(0, ...c.alternatives.map(idfOf));
    if (c.alternatives.length === 0 || (c.english && c.alternatives.length === 1)) best = Math.max(best, idf(0));
    // A word no clause uses as such but whose wording a bridge found (年假 → 年休假, bridges.ts) is no
    // missing subject: counted as absent, more unanswerable questions were answered (dev 0.655 → 0.621 refused).
    // A guess among a verb's words (冻住 → 冻结, Bridge.guess) leaves it absent: counted as known, the
    // word weighed as a subject where it had weighed as everyday wording (换了), and a dev question was refused.
    const known = c.alternatives.some((a) => a.some((t) => df(t) > 0)) || (c.bridges?.some((b) => !b.guess) ?? false);
    // Characters that are no word of general Chinese, and that the corpus has never seen together or
    // the segmenter could only read one by one (钱从, 交了, 户换 from 个体户换老板, 户不交 from
    // 个体户不交年报): how colloquial wording was cut, far more often than a subject. A bigram of them
    // the corpus happens to have (户不 in 个体工商户不再) does not make them one. Characters holding a
    // lexicon word of three or more (税起征点, cut 增值 | 税 | 起 | 征 | 点 by the segmenter) are a
    // subject cut apart, not colloquial wording. Colloquial wording too: a word no clause uses that the
    // lexicon has but rarely, made of two everyday characters (generalWords.ts, `isLooseCompound`):
    // 过程中新搞的 cut 过程 | 中新 means 中 | 新, and 占地 in 不新占地 is how the question is put, not its
    // subject. Round 8 +1 at rank 1 and in the top 3, nothing else moved; characters' IDFs adding up
    // to 9 rather than 8 gained round 6 +1 but cost round 3 an unanswerable refusal.
    const unseenFragment =
      ((!known || c.singleRun) && !c.english && c.word !== undefined && !isDictionaryWord(c.word) && !isGeneralCompound(c.word) && !holdsLexiconWord(c.word, 3)) ||
      (!known && !c.english && c.word !== undefined && isLooseCompound(c.word));
    // A word no clause uses counts against a match as much as it is a subject word in general
    // language: 增值税 fully, 觉得 / 对方 / 东西 hardly (generalWords.ts); an English word by general
    // English frequency: visa fully, big / keep hardly (bilingual.ts). A word of grammar's closed classes
    // (不在, 改了, 要带, 退给, 北京这边: generalWords.ts, `isPhrasing`) is how the question is put, however
    // rare in the IDF table; only here, not for the bridges, which may still read 不理 as 不予处理.
    // A word read in either register whose own wording the corpus lacks (一起, for 共同) weighs as that word would.
    const typedAbsent = c.register && c.word !== undefined && !c.alternatives[0]!.every((t) => df(t) > 0);
    const everyday = (w: string) => isPhrasing(w, isDictionaryWord) || (opts.forDecision === true && isSpokenVerbForm(w, isDictionaryWord));
    const absent = known && !typedAbsent ? 1 : c.english ? englishAbsentFactor(c.alternatives[0]![0]!) : c.word ? (everyday(c.word) ? EVERYDAY_FACTOR : absentWordFactor(c.word)) : 1;
    return {
      alternatives: c.alternatives,
      weight: c.weight * best * (unseenFragment ? UNSEEN_FRAGMENT_WEIGHT : 1) * absent,
      known,
      ...(c.word && !c.english ? { word: c.word } : {}),
      ...(c.synonyms?.length ? { synonyms: c.synonyms } : {}),
      ...(c.bridges?.length ? { bridges: c.bridges } : {}),
    };
  });
}

/** Credit for a word that a clause spells out rather than contains (外企 in 外商投资企业). */
const SPELLED_OUT_CREDIT = 0.75;
/**
 * Credit for a word none of whose bigrams a clause has, per share of its characters the clause
 * has: 粮食 on a clause about 储备粮 (粮), 补回来 on one about 补库. Half at most: sharing
 * characters is a hint, not a match.
 */
const SHARED_CHARS_CREDIT = 0.5;

/**
 * Credit for a word the corpus does not use on a clause that has a word translating the same way
 * (CC-CEDICT, through English): 驾照 on a clause about 驾驶证 — as much as a word the clause spells
 * out; measured on the corpus and dev sets (0.5 and 0.6 answered fewer paraphrases, no more refusals).
 */
export const SYNONYM_CREDIT = 0.75;

/**
 * For ordering candidates only (never for "no match"): credit per share of its characters for a
 * word no clause uses, on a clause sharing them — 一家人 on a clause about 家庭经营, 台胞 on one
 * about 台湾同胞. Half the credit of a word the corpus uses ({@link SHARED_CHARS_CREDIT}): it is a
 * hint where nothing better is known. Measured on the corpus and dev sets (0.25: dev +1 at rank 1
 * and +1 in the top 3, corpus unchanged; 0.5 lost one top-3 hit).
 */
export const ABSENT_SHARED_CHARS_RANK_CREDIT = 0.25;

/** Share of the characters of `word` found in `text`. */
function sharedChars(word: string, text: string): number {
  const chars = distinctChars(word);
  let shared = 0;
  for (const ch of chars) if (text.includes(ch)) shared++;
  return shared / chars.length;
}

// The distinct characters of words asked about lately: sharedChars runs for every clause a question's
// ranking reads, and reading 一家人 character by character makes a new string of each (V8 keeps
// one-character strings only for Latin-1).
const distinctChars = boundedMemo(4096, (word): readonly string[] => [...new Set(word)]);

/**
 * What an uncovered concept still earns on a clause whose folded text is `text`. Shared characters
 * count only for a word the corpus uses elsewhere: an absent word (增值税) sharing 税 with a clause
 * is exactly the near miss an unanswerable question makes.
 */
function differentlyWorded(c: WeightedConcept & { word: string }, text: string, forRanking: boolean): number {
  if (spelledOutIn(c.word, text)) return SPELLED_OUT_CREDIT;
  const shared = (c.known ? SHARED_CHARS_CREDIT : forRanking ? ABSENT_SHARED_CHARS_RANK_CREDIT : 0) * sharedChars(c.word, text);
  const synonym = c.synonyms?.some((alt) => alt.every((t) => text.includes(t))) ? SYNONYM_CREDIT : 0;
  return Math.max(shared, synonym);
}

/**
 * True when the characters of `word` occur in `text` in order within a short stretch: how Chinese
 * shortens a term (外企 ← 外商投资企业, 法人 ← 法定代表人, 发改委 ← 发展改革委员会). A word no clause
 * contains as such then still counts on the clause that spells it out.
 */
export function spelledOutIn(word: string, text: string): boolean {
  const chars = abbreviationChars(word);
  if (!chars) return false;
  const span = 3 * chars.length;
  for (let start = text.indexOf(chars[0]!); start >= 0; start = text.indexOf(chars[0]!, start + 1)) {
    let at = start;
    let ok = true;
    for (let k = 1; k < chars.length; k++) {
      const ch = chars[k]!;
      at = text.indexOf(ch, at + 1);
      if (at < 0 || at - start >= span) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

// The characters of words asked about lately, or null for a word that cannot be an abbreviation:
// spelledOutIn runs for every clause a question's ranking reads, with the same few words.
const abbreviationChars = boundedMemo(4096, (word): string[] | null => {
  const chars = [...word];
  return chars.length >= 2 && chars.length <= 4 && chars.every(isCjkChar) ? chars : null;
});

/** Share of a concept a hit covers: its best-covered alternative's share of terms. */
function covered(c: WeightedConcept, matched: ReadonlySet<string>): number {
  // Read for every candidate, a few times each: counted, not filtered into a new array.
  let best = 0;
  for (const alt of c.alternatives) {
    let k = 0;
    for (const t of alt) if (matched.has(t)) k++;
    const n = k / alt.length;
    if (n > best) best = n;
  }
  // A word the clause lacks, one of whose characters it holds beside the question's next word, as
  // the question runs (see anchorConcepts): that character counts as the word's, like a term matched.
  if (best === 0 && c.anchors !== undefined && c.word !== undefined) {
    let k = 0;
    for (const a of c.anchors) if (matched.has(a)) k++;
    const length = [...c.word].length;
    if (k > 0) best = Math.min(k, length) / length;
  }
  return best;
}

/**
 * The concepts with their anchors: for each question word, the bigrams of the question (`normalized`)
 * joining its first character to the character before it, or its last to the one after, that are
 * terms of the search (`isTerm`: matched on a clause like any other). A clause holding such a bigram
 * holds the question's own running text across the word's edge, so it has that character of the
 * word in the question's sense: 署名举报同一 against 联名举报同一 (名举: half of 署名), 房产登记
 * against 不动产登记 (产登: half of 房产). The untuned words + bigrams baseline found these clauses
 * where the word-level evidence saw only the neighbouring word. A word the clause holds in full or
 * in part gains nothing from it (covered).
 */
export function anchorConcepts(concepts: readonly WeightedConcept[], normalized: string, isTerm: (t: string) => boolean): WeightedConcept[] {
  return concepts.map((c) => {
    const w = c.word;
    if (w === undefined) return c;
    const chars = [...w];
    const first = chars[0]!;
    const last = chars[chars.length - 1]!;
    const anchors = new Set<string>();
    for (let at = normalized.indexOf(w); at >= 0; at = normalized.indexOf(w, at + 1)) {
      const before = normalized[at - 1];
      const after = normalized[at + w.length];
      if (before !== undefined && isCjkChar(before) && isCjkChar(first) && isTerm(before + first)) anchors.add(before + first);
      if (after !== undefined && isCjkChar(after) && isCjkChar(last) && isTerm(last + after)) anchors.add(last + after);
    }
    return anchors.size > 0 ? { ...c, anchors: [...anchors] } : c;
  });
}

/**
 * Share of the concepts' weight a hit carries; a concept counts by its best-covered alternative.
 * With the clause's folded `text`, a word the clause does not contain as such counts partly where
 * the clause spells it out ({@link spelledOutIn}) or shares its characters. `forRanking`: the share
 * that orders the candidates, where a word no clause uses also earns a little for shared
 * characters ({@link ABSENT_SHARED_CHARS_RANK_CREDIT}); without it, the share the "no match"
 * decision and the candidate floors read.
 */
export function coverage(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>, text?: string, forRanking = false): number {
  return weightedShare(concepts, matched, text, forRanking);
}

/**
 * The best {@link coverage} one sentence of a clause earns, or undefined for a clause of one sentence.
 * A long article states several rules, one a sentence (or a part between ；); a question asks about
 * one of them, and the article that holds its words in one sentence (…鼓励经营者内部人员依法举报…) is
 * likelier its answer than one whose words fall in sentences about other things (外籍职工 in one, 违法
 * in the next, 鼓励 in a third). A word counts in a sentence that holds any of its terms, at its share
 * over the whole clause. `text` is the clause's folded text; `context` (its heading and title, folded)
 * is read with every sentence, as it heads them all. `wordedDifferently` and `forRanking` as
 * the ranking's own coverage reads them.
 */
export function sentenceCoverage(
  concepts: readonly WeightedConcept[],
  matched: ReadonlySet<string>,
  text: string,
  context: string,
  wordedDifferently: boolean,
  forRanking: boolean,
): number | undefined {
  return sentenceCoverageOf(concepts, matched, sentenceReads(text, context), wordedDifferently, forRanking);
}

/**
 * The sentences {@link sentenceCoverage} reads of a clause (folded `text`), each followed by the
 * clause's `context` on a line of its own; undefined for a clause of one sentence. They depend on
 * the clause only, so the ranking keeps them per clause (rank.ts) rather than splitting and joining
 * the same article for every question that reaches it.
 */
export function sentenceReads(text: string, context: string): string[] | undefined {
  const sentences = text.split(/[。；;\n]/).filter((s) => s.trim().length > 0);
  return sentences.length < 2 ? undefined : sentences.map((sentence) => `${sentence}\n${context}`);
}

/** {@link sentenceCoverage} over a clause's {@link sentenceReads}. */
export function sentenceCoverageOf(
  concepts: readonly WeightedConcept[],
  matched: ReadonlySet<string>,
  reads: readonly string[] | undefined,
  wordedDifferently: boolean,
  forRanking: boolean,
): number | undefined {
  if (reads === undefined) return undefined;
  let best = 0;
  // One set for every sentence, refilled: coverage reads it before the next sentence does.
  const here = new Set<string>();
  for (const read of reads) {
    here.clear();
    for (const t of matched) if (read.includes(t)) here.add(t);
    // A word the sentence shows in part counts as the clause shows it: 保证金 of 不得将保证金限定为现金。
    // 中小企业以金融机构保函提供保证的，…应当接受 is the subject of the second sentence too.
    for (const c of concepts) for (const alt of c.alternatives) if (holdsAny(here, alt)) for (const t of alt) if (matched.has(t)) here.add(t);
    if (here.size === 0) continue;
    best = Math.max(best, wordedDifferently ? coverage(concepts, here, read, forRanking) : coverage(concepts, here));
  }
  return best;
}

/** Whether `set` has any of `terms`. */
function holdsAny(set: ReadonlySet<string>, terms: readonly string[]): boolean {
  for (const t of terms) if (set.has(t)) return true;
  return false;
}

/**
 * What a concept earns on a clause through its bridges (bridges.ts): the best credit among the
 * wordings the clause shows — all their terms matched, or (a quantity) its folded `text` containing
 * the form. `text` undefined: not known, and a quantity counts as not shown; `true`: as shown (a bound).
 */
function bridged(c: WeightedConcept, matched: ReadonlySet<string>, text?: string | true): number {
  let best = 0;
  for (const b of c.bridges ?? []) {
    if (b.credit <= best) continue;
    const shown = b.by === 'terms' ? b.terms.every((t) => matched.has(t)) : text === true || (text !== undefined && text.includes(b.form));
    if (shown) best = b.credit;
  }
  return best;
}

/**
 * Share of the concepts' weight `matched` covers, each concept by its best-covered alternative. With
 * the clause's folded `text`, a word none of whose terms are matched earns what it earns worded
 * differently there (`forRanking` as {@link coverage} reads it); with `text` true (a bound), the most
 * that can be. With `leadIn`, every concept earns at least {@link LEAD_IN_CREDIT} times the share of
 * its terms the lead-in holds ({@link coverageWithLeadIn}); `true`, that credit in full (a bound).
 * Plain arguments, no callbacks: it runs several times for every candidate of every question.
 */
function weightedShare(
  concepts: readonly WeightedConcept[],
  matched: ReadonlySet<string>,
  text: string | true | undefined,
  forRanking: boolean,
  leadIn?: string | true,
): number {
  let sum = 0;
  let total = 0;
  for (const c of concepts) {
    const n = covered(c, matched);
    let got = n === 0 && text !== undefined && c.word ? (text === true ? MOST_DIFFERENTLY_WORDED_CREDIT : differentlyWorded(c as WeightedConcept & { word: string }, text, forRanking)) : n;
    if (c.bridges && got < 1) got = Math.max(got, bridged(c, matched, text));
    if (leadIn !== undefined) got = Math.max(got, leadIn === true ? LEAD_IN_CREDIT : LEAD_IN_CREDIT * heldIn(c, leadIn));
    sum += got * c.weight;
    total += c.weight;
  }
  return total === 0 ? 0 : sum / total;
}

/**
 * For ordering candidates only: the share of a concept a numbered item earns when the sentence that
 * introduces its list (leadIn.ts: 有下列情形之一的，终止调解：) holds the word and the item does not.
 * The item states a case of that sentence's rule, so the rule's subject is its subject too; but the
 * words are not the item's own, so they count at a reduced weight. Measured on the corpus and dev
 * sets: 0.25 gained nothing, 0.5 to 1 the same one question (调解拖多久没结果就终止了 6th → 3rd).
 */
export const LEAD_IN_CREDIT = 0.5;

/**
 * {@link coverage} of a numbered item read with its list's introducing sentence `leadIn` (folded): a
 * concept the item lacks earns {@link LEAD_IN_CREDIT} times the share of its terms `leadIn` holds.
 */
export function coverageWithLeadIn(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>, leadIn: string, text?: string, forRanking = false): number {
  return weightedShare(concepts, matched, text, forRanking, leadIn);
}

/** Share of a concept's terms `text` holds, by its best alternative. */
function heldIn(c: WeightedConcept, text: string): number {
  let best = 0;
  for (const alt of c.alternatives) {
    let n = 0;
    for (const t of alt) if (text.includes(t)) n++;
    if (n / alt.length > best) best = n / alt.length;
  }
  return best;
}

/** The most a word the clause lacks can earn put differently (see {@link differentlyWorded}). */
const MOST_DIFFERENTLY_WORDED_CREDIT = Math.max(SPELLED_OUT_CREDIT, SHARED_CHARS_CREDIT, ABSENT_SHARED_CHARS_RANK_CREDIT, SYNONYM_CREDIT);

/**
 * The highest {@link coverage} (for ranking or not) the clause's text could give a hit with these `matched` terms: every
 * word it lacks counted at the most a word put differently earns. Lets the ranking skip reading the
 * text of a clause that could not reach the floor or the results anyway.
 */
export function coverageBound(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>, leadIn = false): number {
  // An item read with its lead-in: every concept may also earn the lead-in's credit.
  return weightedShare(concepts, matched, true, false, leadIn ? true : undefined);
}

/**
 * The parts of a clause's match with the question that the "no match" decision reads (noMatch.ts):
 * how much of the question's content weight it carries — as such (`literal`), counting words put
 * differently partly (`worded`), and of the words the corpus uses at all (`known`) — and what it
 * misses of the question's subject: the largest single piece it leaves uncovered (`largestHole`), and
 * the share of the weight of words no clause uses that it leaves uncovered (`absentHole`). A big
 * missing subject (增值税 in 小微企业增值税起征点是多少; 所得税 + 税率 in 高新技术企业所得税税率是多少)
 * is what an unanswerable question looks like; everyday words put differently (送去, 老板 in a
 * paraphrase) are smaller holes. All are shares of the question's content weight, in [0, 1].
 */
export interface MatchParts {
  literal: number;
  worded: number;
  known: number;
  largestHole: number;
  absentHole: number;
  /**
   * The evidence the clause carries in absolute terms, not as a share: the weight it covers in units
   * of the IDF of a word in one clause of the corpus (`mass`), and of its best-covered single word
   * (`rarest`). A clause sharing only common words (工资, 标准, 企业) with the question carries little
   * of either, however large the share.
   */
  mass: number;
  rarest: number;
}

/** The {@link MatchParts} of a clause (folded `text`, `matched` terms) for the weighted concepts. */
export function matchParts(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>, text: string, clauseCount = 1): MatchParts {
  const total = concepts.reduce((s, c) => s + c.weight, 0);
  if (total === 0) return { literal: 0, worded: 0, known: 0, largestHole: 0, absentHole: 0, mass: 0, rarest: 0 };
  const unit = Math.log(1 + (clauseCount - 0.5) / 1.5);
  let largestHole = 0;
  let absentHole = 0;
  let mass = 0;
  let rarest = 0;
  for (const c of concepts) {
    const got = coverage([c], matched, text);
    const h = ((1 - got) * c.weight) / total;
    largestHole = Math.max(largestHole, h);
    if (!c.known) absentHole += h;
    mass += (got * c.weight) / unit;
    rarest = Math.max(rarest, (got * c.weight) / unit);
  }
  const known = concepts.filter((c) => c.known);
  return {
    literal: coverage(concepts, matched),
    worded: coverage(concepts, matched, text),
    known: known.length > 0 ? coverage(known, matched, text) : 0,
    largestHole,
    absentHole,
    mass,
    rarest,
  };
}

/**
 * The hand-shaped strength the "no match" decision used before it was fitted (noMatch.ts keeps it as
 * one feature): coverage `cov` (words put differently count partly), plus half the literal coverage,
 * plus half the coverage of the words the corpus uses at all, minus the larger of the largest hole
 * and {@link ABSENT_HOLE_SHARE} of the absent words' hole (see {@link MatchParts}).
 */
export function matchStrength(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>, text: string, cov: number): number {
  if (concepts.reduce((s, c) => s + c.weight, 0) === 0) return 0;
  return strengthOf(matchParts(concepts, matched, text), cov);
}

/** {@link matchStrength} from parts already computed. */
export function strengthOf(p: MatchParts, cov: number): number {
  return cov + LITERAL_SHARE * p.literal + KNOWN_SHARE * p.known - Math.max(p.largestHole, ABSENT_HOLE_SHARE * p.absentHole);
}
/**
 * Share of the question's evidence weight in words no clause uses (see {@link WeightedConcept.known})
 * that a clause leaves uncovered: `vat` and `threshold` in "What is the VAT threshold for small
 * businesses?" — the subject the documents do not have.
 */
export function absentShare(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>, text: string): number {
  const total = concepts.reduce((s, c) => s + c.weight, 0);
  if (total === 0) return 0;
  let absent = 0;
  for (const c of concepts) if (!c.known) absent += (1 - coverage([c], matched, text)) * c.weight;
  return absent / total;
}

/** Weight of the literal coverage in {@link matchStrength}: words a clause has as such are surer evidence. */
export const LITERAL_SHARE = 0.5;
/** Weight of the coverage of the words the corpus uses, in {@link matchStrength}. */
export const KNOWN_SHARE = 0.5;
/** Share of the uncovered words no clause uses that counts as one hole, in {@link matchStrength}. */
export const ABSENT_HOLE_SHARE = 0.75;

