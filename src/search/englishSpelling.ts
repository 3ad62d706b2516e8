/**
 * British spellings read as American ones before an English question is looked up: `labour` →
 * `labor`, `licence` → `license`, `organisation` → `organization`, `programme` → `program`. CC-CEDICT
 * glosses, the English word-frequency list and the glossary spell the American way, so a question
 * typed in British spelling (as English is often taught in China) otherwise finds no translation.
 *
 * The table is `british_spellings.json` of the npm package `american-british-english-translator`
 * (MIT; 1,700 word forms, inflections included), read on the first question with Latin letters.
 *
 * ```ts
 * toAmericanSpelling('labour contract licence') // => 'labor contract license'
 * ```
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { packageFile } from './packageData.ts';

let table: Readonly<Record<string, string>> | null | undefined;

function load(): Readonly<Record<string, string>> | null {
  const source = packageFile('american-british-english-translator', 'data/british_spellings.json');
  if (!source) return null;
  try {
    return JSON.parse(readFileSync(source.file, 'utf8')) as Record<string, string>;
  } catch {
    return null;
  }
}

/** `text` (folded: lower case) with each British word form replaced by its American spelling. */
export function toAmericanSpelling(text: string): string {
  if (!/[a-z]{3}/.test(text)) return text;
  table ??= load();
  const t = table;
  if (!t) return text;
  return text.replace(/[a-z]+/g, (w) => (Object.hasOwn(t, w) ? t[w]! : w));
}
