/**
 * How everyday a Chinese verb, adverb, adjective or locative is in speech, from word frequencies in
 * film subtitles (SUBTLEX-CH, Cai & Brysbaert 2010, as shipped in the `chinese-lexicon` npm package's
 * `statistics/movieWordFrequency.js`, ISC) and the part-of-speech tags of jieba's dictionary (`dict.txt`
 * in `@node-rs/jieba`, MIT). The search uses it for the same one decision as generalWords.ts: how much a
 * question word that **no clause contains** counts against a match.
 *
 * jieba's IDF comes from written text, where much of what people say is rare: 放假 9.1, 下班 8.4, 花钱
 * 8.4 — as rare as 所得税 8.3 — so 厂里放假了领导要不要在现场盯着 weighed 放假 as a missing subject. In
 * speech they are everyday: the share of films whose subtitles hold the word gives 放假 3.8, 下班 2.2,
 * 事先 2.6 (ln of films / films with it) against 所得税 6.2, 年检 7.4, 税率 7.6.
 * Speech is also full of everyday *topics* — 足球, 电影, 护照 — which are exactly the subjects an
 * off-topic question is about; so only jieba's verbs, adverbs, adjectives and locatives (tags v, d, ad,
 * a, f; {@link READ_TAGS}) are read here, never a noun, a place word or a time word (周末电影推荐 stays
 * a question about films).
 *
 * Reading the two files takes a few hundred milliseconds, so the few thousand spoken-everyday words are
 * cached as one JSON file in the system's temp folder, keyed by both package versions, as the
 * other tables are (packageData.ts). Without either package every word counts fully, as before.
 *
 * ```ts
 * spokenSubjectShare('放假')   // => 0.59 (a verb films often say)
 * spokenSubjectShare('所得税') // => 1 (a noun: not read here)
 * ```
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { derivedJson, packageFile } from './packageData.ts';

/** Spoken IDF at or below which a word of the tags read is plain everyday speech (下班 2.2). */
export const SPOKEN_EVERYDAY_IDF = 2;
/** Spoken IDF at or above which a word of the tags read counts as a subject word (加收 6.8). */
export const SPOKEN_SUBJECT_IDF = 5;
/**
 * jieba's tags read: verbs, adverbs, adjectives (便宜) and locatives (旁边, 里面). Nouns, time and place
 * words name what a question is about. Adjectives and locatives were added measured on `npm run eval --
 * --tuning`: round 6 hit@3 +1, nothing else changed and the "no match" model's cross-validated rates
 * did not move; place words (家里, 路边: tag s) gained one more round-6 question but cost the
 * cross-validated dev unanswerable refusal 0.655 → 0.626, numerals (好几), verbal nouns, idioms and fixed
 * phrases gained nothing.
 */
const READ_TAGS = /^(?:v|d|ad|a|f)$/;

/**
 * The spoken IDF (ln of films / films whose subtitles hold the word) of jieba's words of the tags read
 * ({@link READ_TAGS}) below {@link SPOKEN_SUBJECT_IDF}, from SUBTLEX-CH's `word⇥count⇥films` lines (the
 * data between the backquotes of the package's module) and jieba's `word count tag` dictionary lines.
 */
export function parseSpoken(subtitles: string, jiebaDictionary: string): Record<string, number> {
  const read = new Set<string>();
  for (const line of jiebaDictionary.split('\n')) {
    const [word, , tag] = line.trim().split(' ');
    if (word && tag && READ_TAGS.test(tag)) read.add(word);
  }
  const data = /`([^`]*)`/.exec(subtitles)?.[1] ?? '';
  const films = new Map<string, number>();
  let all = 0;
  for (const line of data.split('\n')) {
    const [word, , n] = line.split('\t');
    const count = Number(n);
    if (!word || !(count > 0)) continue;
    films.set(word, count);
    all = Math.max(all, count);
  }
  const out: Record<string, number> = {};
  for (const [word, count] of films) {
    const idf = Math.log(all / count);
    if (idf < SPOKEN_SUBJECT_IDF && read.has(word)) out[word] = idf;
  }
  return out;
}

let table: Record<string, number> | null | undefined;

function load(): Record<string, number> | null {
  if (table !== undefined) return table;
  const subtitles = packageFile('chinese-lexicon', 'statistics/movieWordFrequency.js');
  const dictionary = packageFile('@node-rs/jieba', 'dict.txt');
  if (!subtitles || !dictionary) return (table = null);
  // The tags read are part of the key: a cache made with other tags would hold other words.
  table = derivedJson(`spoken-${subtitles.version}-${dictionary.version}-${SPOKEN_SUBJECT_IDF}-${READ_TAGS.source.replace(/\W/g, '')}.json`, () =>
    parseSpoken(readFileSync(subtitles.file, 'utf8'), readFileSync(dictionary.file, 'utf8')),
  );
  return table;
}

/** Spoken IDF of `word` when it is a word of the tags read, everyday in speech (below {@link SPOKEN_SUBJECT_IDF}), else undefined. */
export function spokenIdf(word: string): number | undefined {
  const t = load();
  return t && Object.hasOwn(t, word) ? t[word] : undefined;
}

/**
 * How much of a subject word `word` is by speech, from 0 (a word everyone says: 下班, 事先) to 1
 * (rare in speech, not of the tags read, or not in the lists), linear in spoken IDF between
 * {@link SPOKEN_EVERYDAY_IDF} and {@link SPOKEN_SUBJECT_IDF}.
 */
export function spokenSubjectShare(word: string): number {
  const idf = spokenIdf(word);
  if (idf === undefined) return 1;
  return Math.min(1, Math.max(0, (idf - SPOKEN_EVERYDAY_IDF) / (SPOKEN_SUBJECT_IDF - SPOKEN_EVERYDAY_IDF)));
}

/**
 * Highest count jieba's dictionary gives a verb it lists without having met it in its corpus: most of
 * its entries of count 2 or 3 are words speech builds from parts (隔成, 租出去, 弄坏, 缺钱), added so the
 * segmenter keeps them whole; a verb the corpus behind jieba uses has a count in the dozens or more.
 */
export const COINED_VERB_MAX_COUNT = 3;

/** jieba's verbs (tag v) listed with a count of at most {@link COINED_VERB_MAX_COUNT}, from its `word count tag` lines. */
export function parseRareVerbs(jiebaDictionary: string): string[] {
  const out: string[] = [];
  for (const line of jiebaDictionary.split('\n')) {
    const [word, count, tag] = line.trim().split(' ');
    if (word && tag === 'v' && Number(count) <= COINED_VERB_MAX_COUNT) out.push(word);
  }
  return out;
}

let rareVerbs: ReadonlySet<string> | null | undefined;

/**
 * True when jieba's dictionary lists `word` as a verb with a count of at most
 * {@link COINED_VERB_MAX_COUNT} (see there). The ~19,000 words are cached in the temp folder like
 * the spoken table; read on the first question with a word no clause contains.
 */
export function isRareDictionaryVerb(word: string): boolean {
  if (rareVerbs === undefined) {
    const dictionary = packageFile('@node-rs/jieba', 'dict.txt');
    rareVerbs = dictionary
      ? new Set(derivedJson(`rare-verbs-${dictionary.version}-${COINED_VERB_MAX_COUNT}.json`, () => parseRareVerbs(readFileSync(dictionary.file, 'utf8'))))
      : null;
  }
  return rareVerbs?.has(word) ?? false;
}

