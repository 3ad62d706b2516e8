/**
 * Highlighted snippets: a window of the verbatim clause text around the best match, with the
 * matched terms wrapped in 【】.
 *
 * Matching runs on a folded copy of the text that keeps every character's position (one folded
 * character per original UTF-16 unit), so the snippet is cut from the original text and quotes
 * stay verbatim apart from the 【】 marks and the … at cut ends.
 *
 * ```ts
 * makeSnippet('对符合条件的项目依法依规实行环评、能评豁免审批', ['能评', '豁免'])
 * // => '对符合条件的项目依法依规实行环评、【能评豁免】审批'
 * ```
 *
 * @module
 */
import { foldText } from './tokenize.ts';
import { boundedMemo } from './boundedMemo.ts';
import { wordSegmenter } from '../text/segmenter.ts';

/** Default snippet width in characters (markers and ellipses not counted). */
export const SNIPPET_WIDTH = 160;

/**
 * Each UTF-16 unit folded on its own, remembered: folding one character at a time through
 * `foldText` (a dozen regular expressions) was most of a query's time, and clause texts use a
 * few thousand distinct characters.
 */
const foldedChar = new Map<string, string>();

/** Folded copies of recently snippeted clause texts (bounded: the same clauses answer again and again). */
const foldAligned = boundedMemo(2_048, (text) => foldEachChar(text));

function foldEachChar(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    let f = foldedChar.get(ch);
    if (f === undefined) {
      const folded = foldText(ch);
      f = folded.length === 1 ? folded : ' ';
      if (foldedChar.size < 65_536) foldedChar.set(ch, f);
    }
    out += f;
  }
  return out;
}

/**
 * Wraps the occurrences of `terms` in 【】 inside a ≤`width` window placed where the matched terms
 * weigh most (`weight`, default 1 per distinct term: a name the user typed outweighs a word the
 * glossary added).
 */
export function makeSnippet(text: string, terms: readonly string[], width = SNIPPET_WIDTH, weight: (term: string) => number = () => 1): string {
  const folded = foldAligned(text);
  const spans: Array<[number, number, string]> = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    let at = folded.indexOf(term);
    // Bound the work: a term found thousands of times adds nothing to a 160-character window.
    for (let n = 0; at >= 0 && n < 200; n++) {
      spans.push([at, at + term.length, term]);
      at = folded.indexOf(term, at + 1);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);

  let start = 0;
  if (text.length > width && spans.length > 0) {
    // Slide a window over the spans (two pointers) and keep the one holding the most distinct terms.
    let best = -1;
    const counts = new Map<string, number>();
    const score = () => {
      let w = 0;
      for (const t of counts.keys()) w += weight(t);
      return w;
    };
    let j = 0;
    for (let i = 0; i < spans.length; i++) {
      const ws = Math.max(0, Math.min(spans[i]![0] - Math.floor(width / 4), text.length - width));
      while (j < spans.length && spans[j]![1] <= ws + width) {
        const t = spans[j]![2];
        counts.set(t, (counts.get(t) ?? 0) + 1);
        j++;
      }
      const w = score();
      if (w > best) {
        best = w;
        start = ws;
      }
      const t = spans[i]![2];
      const c = (counts.get(t) ?? 0) - 1;
      if (c <= 0) counts.delete(t);
      else counts.set(t, c);
    }
  }
  const end = Math.min(text.length, start + width);

  // Merge overlapping spans inside the window, then mark them.
  const shown = spans.filter(([a, b]) => a < end && b > start);
  dropStraddlingEnds(text, shown);
  const merged: Array<[number, number]> = [];
  for (const [a0, b0] of shown) {
    const a = Math.max(a0, start);
    const b = Math.min(b0, end);
    if (a >= b) continue;
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [a, b] of merged) {
    out += text.slice(pos, a) + '【' + text.slice(a, b) + '】';
    pos = b;
  }
  out += text.slice(pos, end);
  if (end < text.length) out += '…';
  return out.replace(/\n/g, ' ');
}

/** Characters of context either side of a span that the segmenter reads to tell where its words end. */
const SEGMENT_CONTEXT = 4;

/**
 * Where the segmenter starts and ends words in a few characters of text (offsets into it), remembered:
 * the same clauses answer again and again, and one segmentation costs about 20 µs.
 */
const wordEdges = boundedMemo(4_096, (window: string): { starts: Set<number>; ends: Set<number> } => {
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const seg of wordSegmenter().segment(window)) {
    starts.add(seg.index);
    ends.add(seg.index + seg.segment.length);
  }
  return { starts, ends };
});

/**
 * Removes (in place; `spans` sorted by start, the few inside a snippet's window) a two-character span
 * at the end of a run of overlapping spans whose outer character belongs to a word of the text that
 * goes on past the span: the bigram 出招 of the query's 外出招商 is found in 突出招商重点, where 出 is the
 * end of 突出, so only 招商 is marked — 【招商】, not 【出招商】. In 外出招商 itself every end is a word's
 * end, and the whole run stays. A span overlapping nothing is kept: it is what matched, whatever the
 * text's words.
 */
function dropStraddlingEnds(text: string, spans: Array<[number, number, string]>): void {
  // Sorted by start, a span's neighbours in the list are the ones that can overlap it; `reach` is the
  // furthest end of the spans before each one.
  const drop: number[] = [];
  let reach = -1;
  for (let k = 0; k < spans.length; k++) {
    const [a, b] = spans[k]!;
    const before = reach;
    reach = Math.max(reach, b);
    if (b - a !== 2) continue;
    const next = spans[k + 1];
    // Another span covers this one's first character (it began before), or its last (the next begins inside).
    const firstCovered = before > a;
    const lastCovered = before > b - 1 || (next !== undefined && next[0] <= b - 1);
    // Only an end of a run: one character covered by another span, the other hanging off.
    if (firstCovered === lastCovered) continue;
    const outer = firstCovered ? b - 1 : a;
    // Only a Chinese character beside it can carry the word on.
    const beside = outer === a ? text[a - 1] : text[b];
    if (beside === undefined || !/\p{Script=Han}/u.test(beside)) continue;
    const from = Math.max(0, a - SEGMENT_CONTEXT);
    const { starts, ends } = wordEdges(text.slice(from, Math.min(text.length, b + SEGMENT_CONTEXT)));
    // The outer character is the start of the span but no word starts there (突|出 of 突出), or its end and no word ends there.
    if (outer === a ? !starts.has(a - from) : !ends.has(b - from)) drop.push(k);
  }
  for (const k of drop.reverse()) spans.splice(k, 1);
}
