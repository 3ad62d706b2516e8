/**
 * Bridges from a word of the question that no clause uses to the wording the corpus uses for it,
 * found by general means — never a glossary entry:
 *
 * - **abbreviations** (简称): the corpus spells the word out. 年假 is short for 年休假, and a word of
 *   the general lexicon (jieba's) that starts with the same character, is a little longer and holds
 *   the question word's characters in order is such a spelling ({@link spelledOutForms}); it counts
 *   where the corpus writes it. Where no lexicon word does (台资 for 台湾同胞投资), the corpus's own
 *   run of characters holding the word's in order, read in a few dozen of its clauses
 *   ({@link corpusSpellings}).
 * - **quantity forms**: a multiple or a share typed in words is written as a percentage or in digits
 *   in the texts (三倍 → 300% or 3倍, 一半 → 50%, 百分之二 → 2%, 一成 → 10% or 百分之十; {@link quantityForms}), read from the
 *   question's text too, since the segmenter cuts them apart (百分 + 之二) or runs them into a
 *   neighbour (付两倍).
 *
 * - **verbs with a complement**: colloquial speech adds a resultative or directional complement or an
 *   aspect particle to a verb character (冻住, 销掉, 收走, 改了), where the texts write a two-character
 *   word holding that verb (冻结, 注销). The lexicon's two-character words with the verb that the
 *   corpus writes stand for it ({@link verbForms}); which one is meant is a guess, so they earn
 *   little ({@link VERB_CREDIT}) and the word still counts as one no clause uses.
 *
 * - **contracted verb-object words**: the texts write a verb and its object as one two-character word
 *   of the verb character and one of the object's (贴息 for 贴点利息, 特聘 for 特事特办地聘用), read from
 *   the question's text before a word no clause uses ({@link contractedObjects}); a guess, as a verb's is.
 *
 * (Words the corpus translates the same way through CC-CEDICT, 驾照 → 驾驶证, are found by
 * evidence.ts's `findSynonyms`.) A bridge is evidence, but less sure than the word as typed: a
 * clause with the bridged wording earns {@link ABBREVIATION_CREDIT}, {@link QUANTITY_CREDIT} or {@link VERB_CREDIT} of
 * the word's share, and its terms rank at {@link BRIDGE_TERM_WEIGHT}.
 *
 * ```ts
 * spelledOutForms('年假')   // => ['年休假', …] (lexicon words; the search keeps those its corpus writes)
 * quantityForms('三倍')     // => ['300%', '3倍']
 * verbForms('冻住')         // => [… '冻结' …] (lexicon words with 冻; the search keeps those its corpus writes)
 * ```
 *
 * @module
 */
import { boundedMemo } from './boundedMemo.ts';
import { characterSynonyms } from './characterSynonyms.ts';
import { absentWordFactor, everydayIdf, generalWordsStartingWith, isGeneralWord, twoCharWordsWith } from './generalWords.ts';
import { isCjkChar, queryTerms, ZH_STOPWORDS } from './tokenize.ts';
import { parseNumber, writeNumerals } from '../text/numerals.ts';
import { wordSegmenter } from '../text/segmenter.ts';

/** A wording of the corpus that stands for a word of the question. */
export interface Bridge {
  /** The wording as written in the texts (年休假, 300%). */
  form: string;
  /** Its index terms (年休 + 休假; 300). */
  terms: string[];
  /**
   * How a clause shows it: `terms` — the clause holds all its terms (a word); `text` — the clause's
   * text contains `form` (a quantity: the term 300 alone is any 300).
   */
  by: 'terms' | 'text';
  /** Share of the word's evidence a clause with the bridged wording earns. */
  credit: number;
  /**
   * A guess among a verb's words (冻住 → 冻结, {@link verbForms}): a clause showing it earns the
   * credit, but the word stays one no clause uses (evidence.ts, `known`), weighed as such.
   */
  guess?: boolean;
}

/** Credit of a spelled-out form (年休假 for 年假): the same subject, written out; less sure than the word typed. */
export const ABBREVIATION_CREDIT = 0.8;
/** Credit of a quantity written another way (300% for 三倍). */
export const QUANTITY_CREDIT = 0.8;
/** Ranking weight of a bridged wording's terms, relative to a term the user typed. */
export const BRIDGE_TERM_WEIGHT = 0.3;
/** A spelled-out form is at most this many characters longer than the word ("a little longer"). */
export const MAX_EXTRA_CHARS = 2;
/** Most spelled-out forms kept per word (shortest first). */
export const MAX_SPELLED_OUT = 2;
/**
 * Least general-language subject weight (generalWords.ts, `absentWordFactor`) of a word whose spelled-out
 * forms are looked for: 年假, 外企 are subjects (1); everyday words (一起 0.05, 工人 0.24) are put
 * differently by the texts in many ways, and the lexicon words holding their characters (一刻起,
 * 工作人员) are not what they stand for.
 */
export const ABBREVIATION_SUBJECT_FACTOR = 0.5;

/** True when the characters of `short` occur in `long` in order. */
function inOrder(short: string, long: string): boolean {
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/**
 * Words of the general lexicon that may spell `word` out: they start with its first character,
 * hold its characters in order, are 1 to {@link MAX_EXTRA_CHARS} characters longer and all Chinese.
 * Shortest first. A word of one character, or one with other characters, has none.
 */
export function spelledOutForms(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2 || chars.length > 4 || !chars.every(isCjkChar)) return [];
  return spelledOutFormsOf(word);
}

/** Words whose bridges are remembered (each memo below is cleared when full, so it stays small). */
const MAX_CACHED = 5000;

/**
 * {@link spelledOutForms} of a word that may be an abbreviation: a word of the general lexicon that is
 * a subject there (see {@link ABBREVIATION_SUBJECT_FACTOR}) — a fragment the segmenter cut (每度 from
 * 每度电) or an everyday word is none. Cached with the forms: the same question words come back.
 */
const abbreviationForms = boundedMemo(MAX_CACHED, (word) =>
  isGeneralWord(word) && absentWordFactor(word) >= ABBREVIATION_SUBJECT_FACTOR ? spelledOutForms(word) : [],
);

/** Spelled-out forms already found (the lexicon does not change while the process runs; the same question words come back). */
const spelledOutFormsOf = boundedMemo(MAX_CACHED, (word) =>
  generalWordsStartingWith([...word][0]!, word.length + MAX_EXTRA_CHARS)
    .filter((w) => w.length > word.length && [...w].every(isCjkChar) && inOrder(word, w))
    .sort((a, b) => a.length - b.length),
);

/**
 * Characters that follow a verb as a resultative or directional complement, or as an aspect particle
 * (冻**住**, 销**掉**, 收**走**, 凑**齐**, 办**完**, 交**上**, 找**到**, 改**了**): a closed class of
 * Chinese grammar, not vocabulary. Colloquial speech builds such verbs freely; the texts write the
 * verb as a two-character word instead (冻结, 注销), so the verb character is what the two share.
 */
export const COMPLEMENTS: ReadonlySet<string> = new Set([...'住掉走齐完好上下出起来去到了过着']);
/**
 * Credit of a word holding the verb of a verb-and-complement (冻结 for 冻住): which of the verb's
 * words the question means is a guess, so it earns less than a spelled-out form. Measured with
 * `npm run eval -- --tuning` (and never-refusing ranks): 0.25 put round-3's 冻住 and 销掉 clauses
 * in the top 3 (one to rank 1; 招来 → 招用 cost one rank-1 question a place) and changed no answer
 * or refusal; 0.35 and 0.5 lifted one more clause to rank 1 whose evidence the "no match" decision
 * then refused, where the clause it displaced at rank 1 had been answered with the right one 3rd
 * (round-3 hit@3 −1).
 */
export const VERB_CREDIT = 0.25;
/** Most words read for one verb-and-complement (commonest in general language first). */
export const MAX_VERB_FORMS = 3;

/**
 * The verb character of a verb-and-complement (冻住 → 冻, 销掉 → 销, 改了 → 改), or null: two Chinese
 * characters, the second of {@link COMPLEMENTS}, the first neither a complement nor a stopword (就走,
 * 上来), and the whole no everyday word of general Chinese — 马上, 以上, 原来, 找到 are words of
 * their own (general IDF below 8), not a verb the question built.
 */
export function complementVerb(word: string): string | null {
  const chars = [...word];
  if (chars.length !== 2 || !chars.every(isCjkChar)) return null;
  const [verb, complement] = chars as [string, string];
  if (!COMPLEMENTS.has(complement) || COMPLEMENTS.has(verb) || ZH_STOPWORDS.has(verb)) return null;
  return everydayIdf(word) === undefined ? verb : null;
}

/**
 * Two-character words of the general lexicon holding the verb of a verb-and-complement
 * ({@link complementVerb}: 冻住 → 冻结, 解冻 …), none holding a complement itself, commonest in
 * general language first (jieba's IDF; a rare word last). Empty for any other word.
 */
export function verbForms(word: string): string[] {
  const verb = complementVerb(word);
  return verb === null ? [] : verbFormsOf(verb);
}

const verbFormsOf = boundedMemo(MAX_CACHED, (verb) => {
  const idf = (w: string) => everydayIdf(w) ?? Infinity;
  return twoCharWordsWith(verb)
    .filter((w) => [...w].every((ch) => isCjkChar(ch) && !COMPLEMENTS.has(ch) && !ZH_STOPWORDS.has(ch)))
    .sort((a, b) => idf(a) - idf(b));
});

/** Index terms of the wordings looked at (lexicon words and quantities come back question after question). */
const termsOf = boundedMemo(MAX_CACHED, queryTerms);

/** Chinese names of a share: 一半 is 50%. */
const SHARES: Readonly<Record<string, number>> = { 一半: 50, 半数: 50 };

/** A share as the texts write it: 10% or 百分之十. */
function percentForms(p: number): string[] {
  const written = writeNumerals(p);
  return written === null ? [`${p}%`] : [`${p}%`, `百分之${written}`];
}

/**
 * How the texts may write a multiple or a share the question words differently: `三倍` / `3倍` /
 * `双倍` → 300% / 3倍 (or 200% / 2倍), `百分之三百` → 300%, `一半` → 50%, `一成` → 10% / 百分之十.
 * Empty for anything else.
 */
export function quantityForms(word: string): string[] {
  if (SHARES[word] !== undefined) return [`${SHARES[word]}%`];
  // Tenths as speech counts them (超了一成多 "over a tenth", 三成): 10%, 百分之十 in the texts. Measured
  // on `npm run eval -- --tuning`: round 7 +1 in the top 3 and at rank 1 (the over-budget clause, 超过批复概算
  // 百分之十以上, answered, not refused), nothing else moved.
  const tenths = /^(.+)成$/.exec(word);
  if (tenths) {
    const n = parseNumber(tenths[1]!);
    return n !== null && Number.isInteger(n) && n >= 1 && n <= 10 ? percentForms(n * 10) : [];
  }
  const times = /^(.+)倍$/.exec(word);
  if (times) {
    const n = times[1] === '双' ? 2 : parseNumber(times[1]!);
    if (n === null || !(n > 0)) return [];
    const forms = [`${Math.round(n * 100)}%`, `${n}倍`];
    return forms.filter((f) => f !== word);
  }
  const percent = /^百分之(.+)$/.exec(word);
  if (percent) {
    const n = parseNumber(percent[1]!);
    return n === null ? [] : [`${n}%`];
  }
  return [];
}

/** What the bridges need to know of the corpus. */
export interface BridgeCorpus {
  /** Number of clauses holding a term. */
  df(term: string): number;
  /**
   * The folded texts of up to `max` clauses holding every one of `terms`, or null when the terms are
   * too common to list. Optional: without it (or with null), a wording counts when each of its terms
   * is in some clause.
   */
  textsWith?(terms: readonly string[], max: number): string[] | null;
  /**
   * How the corpus itself spells out an abbreviation no lexicon word spells ({@link corpusSpellings}),
   * remembered per corpus by the caller. Optional: without it, only the lexicon's spellings are used.
   */
  spellingsOf?(word: string): readonly string[];
  /**
   * The index's two-character terms starting with the character `ch` (as {@link SpellingCorpus}'s).
   * Optional: without it, no character is read through its synonym ({@link characterForms}).
   */
  bigramsStartingWith?(ch: string): readonly string[];
}

/** Most clauses holding a wording's terms whose text is read to see it written. */
export const CLAUSES_READ = 5;

/**
 * The bridges of a word of the question that no clause uses, to wordings the corpus does use
 * (see the module doc); empty for a word the corpus has.
 */
export function bridgesOf(word: string, corpus: BridgeCorpus): Bridge[] {
  const own = termsOf(word);
  if (own.length > 0 && own.every((t) => corpus.df(t) > 0)) return [];
  return bridgesOfAbsent(word, corpus);
}

/** {@link bridgesOf} for a word already known to be absent from the corpus. */
function bridgesOfAbsent(word: string, corpus: BridgeCorpus): Bridge[] {
  const out: Bridge[] = quantityBridges(word, corpus);
  let spelled = 0;
  for (const form of abbreviationForms(word)) {
    const terms = termsOf(form);
    if (terms.length === 0 || !terms.every((t) => corpus.df(t) > 0)) continue;
    const texts = corpus.textsWith?.(terms, CLAUSES_READ);
    if (texts && !texts.some((t) => t.includes(form))) continue;
    out.push({ form, terms, by: 'terms', credit: ABBREVIATION_CREDIT });
    if (++spelled >= MAX_SPELLED_OUT) break;
  }
  if (spelled === 0) {
    for (const form of corpus.spellingsOf?.(word) ?? []) {
      const terms = termsOf(form);
      if (terms.length === 0 || !terms.every((t) => corpus.df(t) > 0)) continue;
      out.push({ form, terms, by: 'terms', credit: ABBREVIATION_CREDIT });
    }
  }
  let verbs = 0;
  for (const form of verbForms(word)) {
    const terms = termsOf(form);
    if (terms.length === 0 || !terms.every((t) => corpus.df(t) > 0)) continue;
    out.push({ form, terms, by: 'terms', credit: VERB_CREDIT, guess: true });
    if (++verbs >= MAX_VERB_FORMS) break;
  }
  out.push(...characterForms(word, corpus));
  return out;
}

/**
 * Credit of a corpus word holding the one-character synonym of a character no clause writes (犬只, 养犬
 * for 狗 of 遛狗): the same thing named, but which of its words the question means is a guess, so the
 * word stays one no clause uses for the "no match" decision (`guess`), as a verb's words do.
 */
export const CHARACTER_CREDIT = 0.75;
/**
 * Most of the corpus's terms starting with a character's synonym that stand for it (the commonest):
 * each ranks a clause, so a clause naming the thing many ways (养犬, 犬只, 狂犬, 流浪犬 in one article on
 * who is in charge) would outrank the one answering. Measured on the tuning sets (diag.ts): 6 to 10
 * gave the same top 3 (round 5 +3), 5 one fewer, 12 and every term one fewer.
 */
export const CHARACTER_TERMS = 8;

/**
 * The characters of the question standing alone as words (几条**狗**, **狗**把人咬了) that no clause writes and
 * that are read through a synonym the corpus writes ({@link characterForms}), outside every word in
 * `words`: each is a word of the question like any other, bridged to the corpus's wording. A lone
 * character is otherwise no concept (evidence.ts: 不, 吨 are too weak to be asked about), and
 * 城区里一户人家最多能养几条狗 had lost its subject altogether.
 */
export function loneCharacterWords(query: string, words: readonly string[], corpus: BridgeCorpus): string[] {
  const out: string[] = [];
  // Most questions hold no such character: they are not segmented again.
  if (![...query].some((ch) => characterSynonyms(ch).length > 0)) return out;
  for (const { segment } of wordSegmenter().segment(query)) {
    if (segment.length !== 1 || out.includes(segment) || characterSynonyms(segment).length === 0) continue;
    if (corpus.df(segment) > 0 || words.some((w) => w.includes(segment))) continue;
    if (characterForms(segment, corpus).length > 0) out.push(segment);
  }
  return out;
}

/** Whether the corpus writes the character `ch`: in a term starting with it, or in a lexicon word holding it. */
function writesCharacter(ch: string, corpus: BridgeCorpus & { bigramsStartingWith(ch: string): readonly string[] }): boolean {
  return corpus.bigramsStartingWith(ch).length > 0 || twoCharWordsWith(ch).some((w) => corpus.df(w) > 0);
}

/**
 * The corpus's words for a word holding a noun character no clause writes, read through the
 * character's one-character synonym (characterSynonyms.ts: 狗 → 犬): the word with the character
 * replaced where the corpus writes that (养狗 → 养犬), and the corpus's terms starting with the synonym
 * (犬只, 犬绳, 犬粪 for 遛狗, 狗屎, 小狗), commonest first. A dog-keeping regulation writes 犬 throughout
 * and never 狗, so 遛狗不捡狗屎罚多少 had shared no word with any clause.
 */
export function characterForms(word: string, corpus: BridgeCorpus): Bridge[] {
  if (!corpus.bigramsStartingWith) return [];
  const reader = corpus as BridgeCorpus & { bigramsStartingWith(ch: string): readonly string[] };
  const out: Bridge[] = [];
  const seen = new Set<string>();
  const add = (form: string, terms: string[]) => {
    if (seen.has(form)) return;
    seen.add(form);
    out.push({ form, terms, by: 'terms', credit: CHARACTER_CREDIT, guess: true });
  };
  for (const ch of new Set(word)) {
    const synonyms = characterSynonyms(ch);
    if (synonyms.length === 0 || writesCharacter(ch, reader)) continue;
    for (const syn of synonyms) {
      const replaced = word.split(ch).join(syn);
      const terms = termsOf(replaced);
      if (terms.length > 0 && terms.every((t) => corpus.df(t) > 0)) add(replaced, terms);
      const starting = reader.bigramsStartingWith(syn).filter((t) => corpus.df(t) > 0).sort((a, b) => corpus.df(b) - corpus.df(a));
      for (const t of starting.slice(0, CHARACTER_TERMS)) add(t, [t]);
    }
  }
  return out;
}

/** What {@link corpusSpellings} reads of the corpus. */
export interface SpellingCorpus {
  df(term: string): number;
  /** As {@link BridgeCorpus.textsWith}. */
  textsWith(terms: readonly string[], max: number): string[] | null;
  /** The index's two-character terms starting with the character `ch`. */
  bigramsStartingWith(ch: string): readonly string[];
}

/**
 * Most terms starting with an abbreviation's first character whose clauses are read for its spelling
 * ({@link corpusSpellings}), commonest first: with {@link SPELLING_CLAUSES}, at most 48 texts per absent
 * word. The spelling is the corpus's usual name for the thing, so it sits in its commonest terms.
 */
export const SPELLING_HEADS = 6;
/** Most clauses read per such term (those the index lists; a term too common to list is skipped). */
export const SPELLING_CLAUSES = 8;
/**
 * Least clauses a spelling must be read in: a phrase the documents use, not a chance run of
 * characters (on the tuning sets the one-clause runs were 代其办 for 代办, 保密行政管 for 保管).
 */
export const SPELLING_MIN_CLAUSES = 2;

/**
 * How the corpus itself spells out an abbreviation no lexicon word spells (台资 → 台湾同胞投资): the
 * shortest runs of Chinese characters in its clauses that start with the word's first character and
 * hold its characters in order within the span {@link spelledOutIn} (evidence.ts) accepts, read in the
 * clauses of the index's commonest terms starting with that character (a few dozen texts at most),
 * kept when at least {@link SPELLING_MIN_CLAUSES} clauses write them and no function character
 * (的, 和, 或, 对 …: a stop word's characters) lies inside — an abbreviation drops content
 * morphemes, it does not run across a phrase (额外 is no 额度以外) — and a word starts where the run
 * does ({@link startsWord}). The commonest only. The texts' 台湾同胞投资企业 was reached by no term of
 * 台资企业, so a question about 台资 found it only when other words brought it in, and evidence.ts's
 * `spelledOutIn` credit then applied; as a bridge it is retrieved and counted as the same subject.
 * Measured on the tuning sets (the spellings found were 台湾同胞投资 and 外商投资企 only): dev
 * never-refusing hit@1 153 → 155, hit@3 192 → 193; corpus and round 3 unchanged, no refusal lost.
 */
export function corpusSpellings(word: string, corpus: SpellingCorpus): string[] {
  const chars = [...word];
  if (chars.length < 2 || chars.length > 3 || !chars.every(isCjkChar)) return [];
  if (!(isGeneralWord(word) && absentWordFactor(word) >= ABBREVIATION_SUBJECT_FACTOR)) return [];
  const span = 3 * chars.length;
  const pattern = new RegExp(chars.map((ch, i) => (i === 0 ? ch : `[\\u4e00-\\u9fff]{0,${span - chars.length}}?${ch}`)).join(''), 'g');
  const heads = corpus.bigramsStartingWith(chars[0]!)
    .map((t) => [t, corpus.df(t)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, SPELLING_HEADS);
  const counts = new Map<string, number>();
  const seenTexts = new Set<string>();
  for (const [head] of heads) {
    for (const text of corpus.textsWith([head], SPELLING_CLAUSES) ?? []) {
      if (seenTexts.has(text)) continue;
      seenTexts.add(text);
      const inText = new Set<string>();
      for (const match of text.matchAll(pattern)) {
        const m = match[0];
        if (m.length <= chars.length || m.length > span) continue;
        if ([...m.slice(1, -1)].some((ch) => STOP_CHARACTERS.has(ch))) continue;
        if (!startsWord(text, match.index)) continue;
        inText.add(m);
      }
      for (const m of inText) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= SPELLING_MIN_CLAUSES)
    .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)
    .slice(0, 1)
    .map(([m]) => m);
}

/** Characters of context around a place read to see whether a word starts there. */
const WORD_CONTEXT = 6;

/**
 * Whether the word segmenter reads a word starting at `at` in `text` (of a window around it): 动工 is
 * no spelling of 劳动用工's 动用工, which starts inside 劳动.
 */
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const from = Math.max(0, at - WORD_CONTEXT);
  for (const seg of wordSegmenter().segment(text.slice(from, at + WORD_CONTEXT))) {
    if (seg.index + from === at) return true;
    if (seg.index + from > at) return false;
  }
  return false;
}

/** Single-character function words of the stop list (的, 和, 或, 及, 在, 对 …). */
const STOP_CHARACTERS: ReadonlySet<string> = new Set([...ZH_STOPWORDS].filter((w) => w.length === 1));

/**
 * Finds the bridges of each concept whose word no clause uses (see {@link bridgesOf}) and keeps them
 * on the concept as `bridges`. Returns their terms, for the ranking. Only words of the question are
 * looked up, so the cost does not grow with the corpus.
 */
export function bridgeConcepts(
  concepts: Array<{ word?: string; alternatives: string[][]; english?: readonly string[]; bridges?: Bridge[] }>,
  corpus: BridgeCorpus,
  query?: string,
): string[] {
  const terms: string[] = [];
  const add = (c: { bridges?: Bridge[] }, found: readonly Bridge[]) => {
    for (const b of found) {
      if (c.bridges?.some((x) => x.form === b.form)) continue;
      (c.bridges ??= []).push(b);
      terms.push(...b.terms);
    }
  };
  for (const c of concepts) {
    if (!c.word || c.english || c.alternatives.some((a) => a.every((t) => corpus.df(t) > 0))) continue;
    add(c, bridgesOfAbsent(c.word, corpus));
  }
  // A quantity the segmenter cut apart or ran into a neighbour (百分之二 → 百分 + 之二, 付两倍): read
  // from the question's text, and given to every word of the question that shares two characters with it.
  if (query) {
    for (const [expr] of query.matchAll(QUANTITY_EXPR)) {
      const found = quantityBridges(expr, corpus);
      if (found.length === 0) continue;
      for (const c of concepts) if (c.word && !c.english && sharesBigram(c.word, expr)) add(c, found);
    }
    // An object whose verb the texts write with one of its characters (贴点利息 → 贴息): contractedObjects.
    for (const c of concepts) {
      if (!c.word || c.english || c.alternatives.some((a) => a.every((t) => corpus.df(t) > 0))) continue;
      const found = contractedObjects(c.word, query, corpus);
      if (found.length > 0) add(c, found);
    }
  }
  return terms;
}

/** Negations and numerals: grammar and counts, never the verb of a contracted object (没人收拾 is no 没收). */
const NOT_VERBS: ReadonlySet<string> = new Set([...'不没别未无一二两三四五六七八九十几']);

/** Characters before an object read for its verb (贴点利息, 特事特办地聘用). */
export const VERB_REACH = 3;

/**
 * Credit of a contracted verb-object word (贴息 for 贴点利息): an abbreviation's
 * ({@link ABBREVIATION_CREDIT}), but a guess (`guess`), so the object stays a word no clause uses
 * for the "no match" decision. 0.25 ({@link VERB_CREDIT}) moved the same top-3 hit and left 贴息's
 * clause out of the never-refusing top 3.
 */
export const CONTRACTION_CREDIT = ABBREVIATION_CREDIT;

/**
 * A verb and its object the texts contract to a two-character word (缩略 of a verb-object phrase):
 * 贴点利息 → 贴息, 休年假 → 休假, 特事特办地聘用 → 特聘 — the verb (or modifier) character and one
 * character of an object no clause uses, a word of the general lexicon the corpus writes. The verb is
 * a character the segmenter left alone up to {@link VERB_REACH} characters before the object, no
 * stopword, complement, negation or numeral ({@link NOT_VERBS}), and not the end of a word with the
 * character before it (举报的案子 is no 报案, 门票涨价 no 票价): on the tuning sets
 * without those two conditions, half the bridges found were such chance pairs (没人收拾 → 没收,
 * 中储粮的粮库 → 储粮). Measured on the tuning sets (diag.ts): round 8 +1 in the top 3 (开发区招商的人能不能…
 * 特事特办地聘用 → 特岗特薪、特职特聘) and +1 in the never-refusing top 3 (贴点利息 → 财政贴息, still
 * refused); no other question's outcome moved on any set; the bridges found were only 休假, 贴息, 特聘.
 */
function contractedObjects(word: string, query: string, corpus: BridgeCorpus): Bridge[] {
  const chars = [...word];
  if (chars.length !== 2 || !chars.every(isCjkChar)) return [];
  const at = query.indexOf(word);
  if (at <= 0) return [];
  const out: Bridge[] = [];
  const from = Math.max(0, at - VERB_REACH);
  const lone = new Set<number>();
  for (const seg of wordSegmenter().segment(query.slice(Math.max(0, from - WORD_CONTEXT), at + word.length))) {
    if (seg.segment.length === 1) lone.add(seg.index + Math.max(0, from - WORD_CONTEXT));
  }
  for (let k = at - 1; k >= from; k--) {
    const v = query[k]!;
    if (!isCjkChar(v)) break;
    if (!lone.has(k) || NOT_VERBS.has(v) || (k > 0 && isGeneralWord(query[k - 1]! + v))) continue;
    if (ZH_STOPWORDS.has(v) || COMPLEMENTS.has(v)) continue;
    for (const ch of chars) {
      const form = v + ch;
      if (form === word || !isGeneralWord(form) || corpus.df(form) === 0) continue;
      if (out.some((b) => b.form === form)) continue;
      out.push({ form, terms: [form], by: 'terms', credit: CONTRACTION_CREDIT, guess: true });
    }
  }
  return out;
}

/** A multiple or a share written in the question (see {@link quantityForms}). */
const QUANTITY_EXPR = /百分之[零〇一二两三四五六七八九十百千\d.]+|[零〇一二两三四五六七八九十百千\d.]+倍|[一二两三四五六七八九十]成|双倍|一半|半数/g;

function sharesBigram(a: string, b: string): boolean {
  for (let i = 0; i + 1 < a.length; i++) if (b.includes(a.slice(i, i + 2))) return true;
  return false;
}

/** The bridges of a quantity expression to the forms the corpus has. */
function quantityBridges(expr: string, corpus: BridgeCorpus): Bridge[] {
  const out: Bridge[] = [];
  for (const form of quantityForms(expr)) {
    const terms = termsOf(form).filter((t) => corpus.df(t) > 0);
    if (terms.length === 0) continue;
    out.push({ form, terms, by: 'text', credit: QUANTITY_CREDIT });
  }
  return out;
}

/**
 * The texts of up to `max` clauses holding every one of `terms` (those `clausesWith` lists; a term
 * too common to list says nothing, and null when none is listed), for {@link BridgeCorpus.textsWith}.
 */
export function textsHolding(
  terms: readonly string[],
  max: number,
  clausesWith: (term: string) => ReadonlySet<number> | undefined,
  textOf: (clause: number) => string,
): string[] | null {
  const sets = terms.map(clausesWith).filter((x): x is ReadonlySet<number> => x !== undefined).sort((a, b) => a.size - b.size);
  if (sets.length === 0) return null;
  const out: string[] = [];
  for (const id of sets[0]!) {
    if (!sets.every((set) => set.has(id))) continue;
    out.push(textOf(id));
    if (out.length >= max) break;
  }
  return out;
}
