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
import { boundedMemo } from './boundedMemo.ts';
import { isPathPrefix, pathComponents } from './lookup.ts';

/** How far back an item's lead-in is looked for: a list longer than this is read without it. */
const MAX_ITEMS_BACK = 64;

// Per clause list (a search engine keeps one list for its life), each clause's parent as found:
// index + 2, 0 = not looked up yet, 1 = none. Four bytes a clause however many are asked about.
const parents = new WeakMap<readonly Clause[], Int32Array>();

/**
 * The index of the clause introducing item `i`: the nearest clause before it in the same document
 * whose path is a proper prefix of its path (第二十一条 for 第二十一条（三）), or -1 when `i` is no item.
 */
export function parentOf(clauses: readonly Clause[], i: number): number {
  let known = parents.get(clauses);
  if (!known || known.length !== clauses.length) parents.set(clauses, (known = new Int32Array(clauses.length)));
  if (i < 0 || i >= known.length) return -1;
  if (known[i] === 0) known[i] = findParent(clauses, i) + 2;
  return known[i]! - 2;
}

// Path components by path string: numbering repeats within and across documents (（一）, 第三条), so
// the distinct paths are few; the bound only keeps an odd corpus from growing it without end.
const componentsOf = boundedMemo(20_000, pathComponents);

/** The sentence of item `i`'s parent that introduces the items (有下列情形之一的，终止调解：), or `''`. */
export function leadInOf(clauses: readonly Clause[], i: number): string {
  const parent = parentOf(clauses, i);
  return parent < 0 ? '' : leadInOfParent(clauses, parent);
}

// Per clause list, the introducing sentence of each parent clause read so far: an item's lead-in is
// read for every item a question's ranking reaches, and its items share one parent. Cleared when full.
const introductions = new WeakMap<readonly Clause[], (parent: number) => string>();
const MAX_INTRODUCTIONS = 20_000;

function leadInOfParent(clauses: readonly Clause[], parent: number): string {
  let of = introductions.get(clauses);
  if (!of) introductions.set(clauses, (of = boundedMemo(MAX_INTRODUCTIONS, (p: number) => introducingSentence(clauses[p]!.text))));
  return of(parent);
}

/**
 * The texts of the items clause `i` introduces (its children: the clauses after it whose parent it
 * is, nested items left out), in order; empty when it introduces none.
 */
export function itemsOf(clauses: readonly Clause[], i: number): string[] {
  return itemIdsOf(clauses, i).map((j) => clauses[j]!.text);
}

/** The indexes of the items clause `i` introduces (see {@link itemsOf}), in order. */
export function itemIdsOf(clauses: readonly Clause[], i: number): number[] {
  const out: number[] = [];
  const doc = clauses[i]?.docId;
  for (let j = i + 1; j < clauses.length && j <= i + MAX_ITEMS_BACK; j++) {
    if (clauses[j]!.docId !== doc) break;
    const p = parentOf(clauses, j);
    if (p === i) out.push(j);
    // A clause outside the list (no parent, or one before it) ends it; a nested item is passed over.
    else if (p < i) break;
  }
  return out;
}

function findParent(clauses: readonly Clause[], i: number): number {
  const item = clauses[i];
  if (!item) return -1;
  const path = componentsOf(item.path);
  if (path.length < 2) return -1;
  for (let j = i - 1; j >= 0 && j >= i - MAX_ITEMS_BACK; j--) {
    const c = clauses[j]!;
    if (c.docId !== item.docId) break;
    const p = componentsOf(c.path);
    if (p.length < path.length && isPathPrefix(p, path)) return j;
  }
  return -1;
}

/**
 * The sentence of a clause that introduces its items: the one ending in a colon (有下列情形之一的，
 * 终止调解：), read from the sentence's start at 。 or a line end. Its parts joined by ； are one
 * sentence about the same items: in 有下列行为之一的，责令限期改正，可以处二万元以上五万元以下罚款；…；逾期
 * 未改正的，…罚款：the part after the last ； alone names neither the items nor their fine. The rest of
 * the clause (终止调解的，应当自…七个工作日内告知) is about something else.
 */
function introducingSentence(text: string): string {
  const at = text.search(/[：:]/);
  if (at < 0) return '';
  const start = Math.max(text.lastIndexOf('。', at), text.lastIndexOf('\n', at)) + 1;
  return text.slice(start, at + 1);
}
