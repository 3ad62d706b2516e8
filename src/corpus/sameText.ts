/**
 * "The same text": a key two copies of one document share whatever their file's encoding, format
 * (a .txt, a web page, a PDF), line breaks or extraction spacing, and whatever 文号 or title the
 * metadata gives them — so a second copy is refused by `corpus add` and skipped by the loader.
 *
 * The key hashes the document's repaired text in reading order, whitespace removed, from where its
 * numbering starts: the same words in the same order. It is taken from the logical lines the clauses
 * are built from ({@link contentKeyOfLines}), not from the clauses, because a copy that lost its
 * line breaks lost its paragraph breaks too: an article's closing paragraph (after its items) then
 * runs on from the last item, so the clauses hold the same words but not the same split. Numbers
 * (`第五条`, `（一）`) are part of the text, so a number read as a heading in one copy and as text in
 * the other changes nothing.
 *
 * The text before the first numbered heading (a title or record of enactment the header reader did
 * not take, a covering notice, a preamble) is where two copies of one text are read differently:
 * the header reader takes the title and the record (`2021年1月22日…会议通过`) off a copy that keeps
 * its line breaks, but not off one whose line breaks were deleted, where they run into the text —
 * and with them, often, the first article (`…会议批准第一条为了…`, the copy's first heading then being
 * 第二条). So:
 *
 * - a document with at least {@link MIN_NUMBERED} numbered headings, and no more text before them
 *   than half as much as from them on, is keyed from its first heading; when that heading is not
 *   number 1 (`第二条`, `二、`) and the text before it holds number 1 (`第一条`, `一、`), the key starts
 *   at that number instead — the first article run into the text before it is kept;
 * - any other document (a briefing, a text with little or no numbering, one whose preamble is most
 *   of it) is keyed on all its text after the header.
 *
 * Every numbered part is in the key word for word and in order, so two documents whose articles
 * differ in anything never share it; two that differ only before their numbering (a title, a record
 * of enactment, a covering notice) do: they are copies of one text.
 */
import type { Clause } from './schema.ts';
import { CELL_SEPARATOR, type LogicalLine } from './repair.ts';
import { hash64 } from './cache.ts';

/** Fewer numbered headings than this, and all the text is the key. */
export const MIN_NUMBERED = 3;

const CN = '[一二三四五六七八九十百千万零〇]+';

/**
 * For each heading style, its label (with the number), and how its number 1 is written in running
 * text: `一、` not inside a word (`统一、`), `1.` not inside a number.
 */
const STYLES: ReadonlyArray<{ label: RegExp; one: RegExp }> = [
  { label: new RegExp(`^第(${CN})条`), one: /第一条/g },
  { label: new RegExp(`^第(${CN})章`), one: /第一章/g },
  { label: new RegExp(`^(${CN})、`), one: /(?<![一二三四五六七八九十百千万零〇第])一、/g },
  { label: new RegExp(`^[（(](${CN})[）)]`), one: /[（(]一[）)]/g },
  { label: /^[（(](\d{1,2})[）)]/, one: /[（(]1[）)]/g },
  { label: /^(\d{1,2})/, one: /(?<!\d)1[.．、](?!\d)/g },
];

const squeeze = (s: string) => s.split(CELL_SEPARATOR).join('').replace(/\s+/g, '');

/**
 * Where the key starts in `lead` (the text before the first numbered heading, whitespace removed):
 * at the last number 1 of the first heading's style, when that heading is not itself number 1;
 * else at the end of `lead` (none of it is keyed).
 */
function keyStartIn(lead: string, label: string): number {
  for (const style of STYLES) {
    const m = style.label.exec(label);
    if (!m) continue;
    if (m[1] === '一' || m[1] === '1') return lead.length;
    let at = lead.length;
    for (const one of lead.matchAll(style.one)) at = one.index!;
    return at;
  }
  return lead.length;
}

/**
 * The key for "the same text" of a document's repaired logical lines (`repairBody` of the body the
 * header reader left), in reading order; see the module comment.
 */
export function contentKeyOfLines(lines: readonly LogicalLine[]): string {
  const first = lines.findIndex((l) => l.kind === 'heading');
  const headings = lines.filter((l) => l.kind === 'heading').length;
  const all = squeeze(lines.map((l) => l.text).join(''));
  if (first < 0 || headings < MIN_NUMBERED) return hash64(all);
  const lead = squeeze(lines.slice(0, first).map((l) => l.text).join(''));
  const rest = squeeze(lines.slice(first).map((l) => l.text).join(''));
  const start = keyStartIn(lead, lines[first]!.heading!.label);
  if (start > rest.length / 2) return hash64(all);
  return hash64(lead.slice(start) + rest);
}

/**
 * A key from the clauses alone, for a parse made without its lines (the scale bench's synthetic
 * documents): all clause texts, whitespace removed. Not comparable with {@link contentKeyOfLines};
 * every document the loader or `corpus add` parses carries the latter.
 */
export function contentKeyOf(clauses: readonly Clause[]): string {
  return hash64(squeeze(clauses.map((c) => c.text).join('')));
}
