/**
 * Texts that arrive without their structure: a web page or a PDF flattened into one long line.
 *
 * Two general repairs, applied to every document:
 * - {@link restoreLineBreaks}: inside a very long line, a heading number that follows a finished
 *   sentence (`…施行。第二条 …`, `…如下：（一）…`) starts a new line again, so the parser sees
 *   the articles and items the text still spells out;
 * - {@link splitLongClauses}: a clause that is still far longer than a citable unit (a text with
 *   no numbering at all) is cut at sentence ends into parts of at most {@link CLAUSE_PART_CHARS}
 *   characters, cited as `序言 第1段`, `序言 第2段`, … — so one 300,000-character 序言 can neither
 *   outrank real clauses nor flood `--json` output.
 */
import type { Clause } from './schema.ts';

/** A line longer than this has probably lost its line breaks. */
export const LONG_LINE_CHARS = 1000;
/** A clause longer than this is split (the longest real clause of the five documents has 615). */
export const MAX_CLAUSE_CHARS = 700;
/** Target size of the parts a long clause is split into. */
export const CLAUSE_PART_CHARS = 600;

const CN = '[一二三四五六七八九十百零〇]+';
// A heading number that starts a new line when it directly follows a sentence end (or, for
// 第X章/第X条, a space: `第一章 总则 第一条 …`).
const INLINE_HEADING = new RegExp(
  `(?<=[。；！？：:;!?][”’」』）)]*\\s*)(?=第${CN}[章条]|${CN}、|[（(]${CN}[）)]|[（(]\\d{1,2}[）)]|\\d{1,2}[.．、](?!\\d))` +
    `|(?<=\\S\\s+)(?=第${CN}[章条][\\s\\u3000])`,
  'g',
);

/** Puts line breaks back before heading numbers inside over-long lines; other lines are untouched. */
export function restoreLineBreaks(raw: string): string {
  if (!raw.split('\n').some((l) => l.length > LONG_LINE_CHARS)) return raw;
  return raw
    .split('\n')
    .map((line) => (line.length > LONG_LINE_CHARS ? line.replace(INLINE_HEADING, '\n').replace(/[ \t\u3000]+\n/g, '\n') : line))
    .join('\n');
}

/** Splits a text into sentences, each keeping its closing punctuation (and closing quotes). */
export function sentences(text: string): string[] {
  const out = text.match(/[^。！？；!?;\n]*(?:[。！？；!?;][”’」』）)]*|\n|$)/g) ?? [];
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Cuts one sentence longer than `max` at commas, and at `max` characters as a last resort. */
function cutSentence(s: string, max: number): string[] {
  if (s.length <= max) return [s];
  const parts: string[] = [];
  let cur = '';
  for (const piece of s.match(/[^，,、]*[，,、]?/g)!.filter(Boolean)) {
    if (cur && cur.length + piece.length > max) {
      parts.push(cur);
      cur = '';
    }
    cur += piece;
    while (cur.length > max) {
      parts.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur) parts.push(cur);
  return parts;
}

/** Packs a long text into parts of at most `max` characters, breaking only between sentences where it can. */
export function packSentences(text: string, max = CLAUSE_PART_CHARS): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const s of sentences(text).flatMap((x) => cutSentence(x, max))) {
    if (cur && cur.length + s.length > max) {
      parts.push(cur);
      cur = '';
    }
    cur += s;
  }
  if (cur) parts.push(cur);
  return parts;
}

export interface SplitResult {
  clauses: Clause[];
  /** Paths of the clauses that were split, with their length. */
  split: Array<{ path: string; chars: number; parts: number }>;
}

/** Splits every clause longer than {@link MAX_CLAUSE_CHARS} into sentence-sized parts. */
export function splitLongClauses(clauses: readonly Clause[]): SplitResult {
  const out: Clause[] = [];
  const split: SplitResult['split'] = [];
  for (const c of clauses) {
    if (c.text.length <= MAX_CLAUSE_CHARS) {
      out.push(c);
      continue;
    }
    const parts = packSentences(c.text);
    split.push({ path: c.path, chars: c.text.length, parts: parts.length });
    parts.forEach((text, i) => out.push({ ...c, path: `${c.path} 第${i + 1}段`, text }));
  }
  return { clauses: out, split };
}
