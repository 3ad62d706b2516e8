/**
 * The lead-in of a numbered item: the text of the clause that introduces it. Regulations state a
 * rule once and list its cases as items — `有下列情形之一的，终止调解：（一）…（三）无正当理由不参加调解的；`
 * — so the item alone says neither the period, the penalty nor the authority its question asks
 * about; its lead-in does. The ranking reads an item's lead-in beside its own text when asking
 * whether the clause holds the kind of answer a question wants (answer.ts); the quoted text is
 * still the item's own.
 *
 * @module
 */
import type { Clause } from '../corpus/index.ts';
import { isPathPrefix, pathComponents } from './lookup.ts';

/** How far back an item's lead-in is looked for: a list longer than this is read without it. */
const MAX_ITEMS_BACK = 64;

// One cache per clause list (a search engine keeps one list for its life); filled as items are asked about.
const caches = new WeakMap<readonly Clause[], Map<number, string>>();

/**
 * The text of the nearest clause before `i` in the same document whose path is a proper prefix of
 * clause `i`'s path (第二十一条 for 第二十一条（三）), or `''` when the clause is not an item.
 */
export function leadInOf(clauses: readonly Clause[], i: number): string {
  let cache = caches.get(clauses);
  if (!cache) caches.set(clauses, (cache = new Map()));
  let text = cache.get(i);
  if (text === undefined) cache.set(i, (text = findLeadIn(clauses, i)));
  return text;
}

function findLeadIn(clauses: readonly Clause[], i: number): string {
  const item = clauses[i];
  if (!item) return '';
  const path = pathComponents(item.path);
  if (path.length < 2) return '';
  for (let j = i - 1; j >= 0 && j >= i - MAX_ITEMS_BACK; j--) {
    const c = clauses[j]!;
    if (c.docId !== item.docId) break;
    const p = pathComponents(c.path);
    if (p.length < path.length && isPathPrefix(p, path)) return introducingSentence(c.text);
  }
  return '';
}

/**
 * The sentence of a clause that introduces its items: the one ending in a colon (有下列情形之一的，
 * 终止调解：). The rest of the clause (终止调解的，应当自…七个工作日内告知) is about something else.
 */
function introducingSentence(text: string): string {
  const at = text.search(/[：:]/);
  if (at < 0) return '';
  const start = Math.max(text.lastIndexOf('。', at), text.lastIndexOf('；', at), text.lastIndexOf('\n', at)) + 1;
  return text.slice(start, at + 1);
}
