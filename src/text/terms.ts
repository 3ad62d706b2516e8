/**
 * Whether a short term (an abbreviation such as 能评, 环评, 涉密) stands as a word where it occurs,
 * or its characters belong to the ordinary words around it: 性能评价 (性能 + 评价), 才能评价,
 * 循环评估, 能评上区级专业镇 (能 "can" + 评上 "be rated"), 牵涉密码.
 *
 * Chinese has no spaces, so this looks at the neighbours: the term is not a word of its own when
 * the character before it forms a word with its first character, or its last character forms a
 * word with the character after it (both judged by the ICU word segmenter, `Intl.Segmenter`), or
 * a resultative complement follows (上 / 到 / 得: 评上, 评得上 — a verb, where an abbreviation is
 * a noun).
 *
 * ```ts
 * standsAlone('这个项目要做能评吗', 6, 2)   // true
 * standsAlone('能评上区级专业镇吗', 0, 2)   // false
 * ```
 *
 * @module
 */
import { wordSegmenter } from './segmenter.ts';

const HAN = /\p{Script=Han}/u;
/** Resultative complements: after them the characters before are a verb, not an abbreviation. */
const COMPLEMENT = /[上到得]/;

const pairs = new Map<string, boolean>();
/** Two characters the segmenter keeps together as one word (性能, 评价, 循环, 密码). */
function formsWord(a: string, b: string): boolean {
  const key = a + b;
  let v = pairs.get(key);
  if (v === undefined) {
    v = [...wordSegmenter().segment(key)].length === 1;
    if (pairs.size < 10_000) pairs.set(key, v);
  }
  return v;
}

/** Whether `text.slice(at, at + length)` reads as a word of its own (see the module comment). */
export function standsAlone(text: string, at: number, length: number): boolean {
  const before = text[at - 1];
  const first = text[at]!;
  const last = text[at + length - 1]!;
  const after = text[at + length];
  if (before && HAN.test(before) && formsWord(before, first)) return false;
  if (after && HAN.test(after) && (COMPLEMENT.test(after) || formsWord(last, after))) return false;
  return true;
}

/** Zero-width space: splits a term's characters so a pattern for the term no longer matches. */
const SPLIT = '\u200b';

/**
 * Breaks every occurrence of `terms` that does not stand alone, so patterns looking for the term
 * skip it while patterns for the surrounding words (评上…专业镇) still match.
 */
export function splitEmbeddedTerms(text: string, terms: readonly string[]): string {
  let out = text;
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = out.indexOf(term, from);
      if (at < 0) break;
      if (!standsAlone(out, at, term.length)) {
        out = out.slice(0, at + 1) + SPLIT + out.slice(at + 1);
        from = at + term.length + 1;
      } else from = at + term.length;
    }
  }
  return out;
}
