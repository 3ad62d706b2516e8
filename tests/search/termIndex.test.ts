/**
 * The Map-backed term dictionary (src/search/termIndex.ts) must find exactly what MiniSearch's own
 * radix tree finds — exact, fuzzy and prefix — so swapping it in changes speed, never answers.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { tokenize } from '../../src/search/tokenize.ts';
import { TermIndex } from '../../src/search/termIndex.ts';

const terms = [...new Set(loadCorpus().clauses.flatMap((c) => tokenize(`${c.heading} ${c.text}`)))];
terms.push('solar', 'solars', 'polar', 'rooftop', 'rooftops', 'investment', 'investments', 'invest');
const tree = new SearchableMap<number>();
const map = new TermIndex<number>();
terms.forEach((t, i) => {
  tree.set(t, i);
  map.set(t, i);
});
const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('TermIndex', () => {
  it('holds the same terms and values as SearchableMap', () => {
    expect(map.size).toBe(tree.size);
    for (const t of terms) expect(map.get(t)).toBe(tree.get(t));
    expect(map.get('不存在的词')).toBeUndefined();
  });

  it('finds the same fuzzy matches, with the same distances', () => {
    for (const q of ['solar', 'rooftp', 'investmen', 'polars', '节能', '审查', 'xyzzy']) {
      for (const d of [1, 2]) expect(sorted(map.fuzzyGet(q, d))).toEqual(sorted(tree.fuzzyGet(q, d)));
    }
  });

  it('finds the same prefix matches', () => {
    for (const p of ['sol', 'invest', '节', 'roof']) expect(sorted(map.atPrefix(p))).toEqual(sorted(new Map(tree.atPrefix(p))));
  });

  it('sees terms added after a fuzzy lookup', () => {
    map.fuzzyGet('solar', 1);
    map.set('solat', -1);
    expect(map.fuzzyGet('solar', 1).get('solat')).toEqual([-1, 1]);
  });
});
