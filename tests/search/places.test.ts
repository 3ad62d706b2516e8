/**
 * A question naming a city or county is about that place: a clause about another city of the same
 * level ranks below the clauses about it, however well its words match. Places are read from the
 * corpus's own titles and headings.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { OTHER_PLACE_FACTOR, placeSignal } from '../../src/search/places.ts';

const { clauses } = loadCorpus();
const search = createClauseSearch(clauses);
const idOf = (pred: (c: (typeof clauses)[number]) => boolean) => clauses.findIndex(pred);

describe('places named in a question', () => {
  it('ranks the named city’s clauses above another city’s section that matches the words as well', () => {
    const hits = search.search('晋城市招商引资奖励政策有哪些', { limit: 3 }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.title).toContain('晋城市');
    expect(hits.slice(0, 2).some((h) => h.path.startsWith('太原市'))).toBe(false);
  });

  it('reads the places the documents’ titles name, and only those', () => {
    expect(placeSignal('晋城市招商奖励有哪些', clauses)?.place).toBe('晋城');
    expect(placeSignal('晋中的开发区去年招了多少项目', clauses)?.place).toBe('晋中');
    // 超市 and 市场 name no place; two places name no one place.
    expect(placeSignal('超市的市场准入', clauses)).toBeNull();
    expect(placeSignal('太原和晋中开发区比较', clauses)).toBeNull();
  });

  it('demotes a clause about another city, never a provincial one or one about the city itself', () => {
    const signal = placeSignal('晋城市招商奖励有哪些', clauses)!;
    const taiyuanSection = idOf((c) => c.path.startsWith('太原市开发区'));
    const province = idOf((c) => c.title.startsWith('山西省'));
    const jincheng = idOf((c) => c.title.startsWith('晋城市'));
    expect(signal.factor(taiyuanSection)).toBe(OTHER_PLACE_FACTOR);
    expect(signal.factor(province)).toBe(1);
    expect(signal.factor(jincheng)).toBe(1);
  });
});
