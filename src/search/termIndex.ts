/**
 * MiniSearch's term dictionary with O(1) exact lookups, for Chinese.
 *
 * MiniSearch keeps its terms in a radix tree (`SearchableMap`) whose nodes find a child by scanning
 * all children. Chinese bigrams start with thousands of different characters, so the root has
 * thousands of children and *every* term added or looked up scans them: at 10,000 documents this
 * scan was most of the build time (and of loading a persisted index). Here exact lookups — all
 * that indexing and our Chinese queries need — go to a plain `Map`; the radix tree is built only
 * for fuzzy or prefix queries, lazily, and per term length, so a fuzzy English word (5+ letters,
 * one edit) consults only the few thousand terms of length 4–6, never the bigrams.
 *
 * Matches are the same as SearchableMap's (the same `fuzzyGet` on the candidate lengths; prefix
 * scans every term). {@link useTermIndex} installs it on a new, empty MiniSearch.
 *
 * @module
 */
import type MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

export class TermIndex<V> implements Iterable<[string, V]> {
  private readonly terms = new Map<string, V>();
  /** Radix trees of the terms of one length, for fuzzy matching; dropped on any change. */
  private byLength = new Map<number, SearchableMap<V>>();

  get size(): number {
    return this.terms.size;
  }

  get(term: string): V | undefined {
    return this.terms.get(term);
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  set(term: string, value: V): this {
    if (!this.terms.has(term)) this.byLength.clear();
    this.terms.set(term, value);
    return this;
  }

  /** The value of `term`, created with `initial()` when missing (MiniSearch's `addTerm` uses it). */
  fetch(term: string, initial: () => V): V {
    let value = this.terms.get(term);
    if (value === undefined) {
      value = initial();
      this.set(term, value);
    }
    return value;
  }

  delete(term: string): void {
    if (this.terms.delete(term)) this.byLength.clear();
  }

  clear(): void {
    this.terms.clear();
    this.byLength.clear();
  }

  entries(): IterableIterator<[string, V]> {
    return this.terms.entries();
  }

  keys(): IterableIterator<string> {
    return this.terms.keys();
  }

  values(): IterableIterator<V> {
    return this.terms.values();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.terms.entries();
  }

  /** Terms starting with `prefix` (MiniSearch iterates the result as `[term, value]` pairs). */
  atPrefix(prefix: string): Map<string, V> {
    const out = new Map<string, V>();
    for (const [term, value] of this.terms) if (term.startsWith(prefix)) out.set(term, value);
    return out;
  }

  /** Terms within `maxEditDistance` edits of `key`, with their value and distance. */
  fuzzyGet(key: string, maxEditDistance: number): Map<string, [V, number]> {
    const out = new Map<string, [V, number]>();
    // An edit changes the length by at most one, so only these lengths can match.
    for (let len = Math.max(1, key.length - maxEditDistance); len <= key.length + maxEditDistance; len++) {
      for (const [term, match] of this.ofLength(len).fuzzyGet(key, maxEditDistance)) out.set(term, match);
    }
    return out;
  }

  private ofLength(len: number): SearchableMap<V> {
    let tree = this.byLength.get(len);
    if (!tree) {
      tree = new SearchableMap<V>();
      for (const [term, value] of this.terms) if (term.length === len) tree.set(term, value);
      this.byLength.set(len, tree);
    }
    return tree;
  }
}

/** Replaces a new, empty MiniSearch's term dictionary with a {@link TermIndex}; returns it. */
export function useTermIndex<T>(ms: MiniSearch<T>): MiniSearch<T> {
  const internals = ms as unknown as { _index: unknown; _documentCount: number };
  if (internals._documentCount !== 0) throw new Error('useTermIndex: the index must be empty');
  internals._index = new TermIndex();
  return ms;
}
