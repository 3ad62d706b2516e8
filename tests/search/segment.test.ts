/**
 * A question is read in the corpus's own words (segment.ts): where the segmenter's cut gives a word
 * no clause uses and another cut of the same characters gives words the corpus has, the corpus's cut
 * is taken.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { readConcepts } from '../../src/search/evidence.ts';
import { expandQuery } from '../../src/search/expand.ts';
import { DEV_DOCS_DIR } from '../eval/harness.ts';
import { corpusWords } from '../../src/search/segment.ts';
import { tokenizeWithInfo } from '../../src/search/tokenize.ts';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const segmentsOf = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

describe('corpusWords: a re-cut of the segmenter words', () => {
  it('moves a boundary so that a word the corpus has is read whole (年 | 假说 → 年假 | 说)', () => {
    expect(segmentsOf('年假说的年度')).toEqual(['年', '假说', '的', '年度']);
    const recut = corpusWords((w) => ['年假', '年度'].includes(w));
    expect(recut(segmentsOf('年假说的年度'))).toEqual(['年假', '说', '的', '年度']);
  });

  it('keeps the segmenter cut when no other cut finds more of the corpus words or finds them later', () => {
    const segments = segmentsOf('年假说的年度');
    expect(corpusWords(() => false)(segments)).toEqual(segments);
    expect(corpusWords((w) => ['假说', '年度'].includes(w))(segments)).toEqual(segments);
  });

  it('reads the corpus words lying later when two cuts cover as much (当场发现 | 金 → 当场 | 发 | 现金)', () => {
    const segments = segmentsOf('当场发现金');
    expect(segments).toEqual(['当场', '发现', '金']);
    const recut = corpusWords((w) => ['当场', '发现', '现金'].includes(w));
    expect(recut(segments)).toEqual(['当场', '发', '现金']);
    expect(corpusWords((w) => ['买新', '新设', '设备'].includes(w))(segmentsOf('买新设备'))).toContain('设备');
  });

  it('joins characters the segmenter left single into a word the corpus has (举 | 报 → 举报)', () => {
    const segments = segmentsOf('举报商家违法');
    expect(segments.slice(0, 2)).toEqual(['举', '报']);
    expect(corpusWords((w) => w === '举报')(segments).slice(0, 1)).toEqual(['举报']);
  });

  it('never merely cuts up a word of the lexicon: a subject the corpus lacks stays whole', () => {
    const segments = segmentsOf('个人所得税怎么减免');
    expect(segments[0]).toBe('个人所得税');
    expect(corpusWords((w) => w === '个人' || w === '减免')(segments)[0]).toBe('个人所得税');
  });

  it('leaves stopwords standing alone, so no bigram spans them', () => {
    const recut = corpusWords((w) => w === '年假');
    expect(recut(segmentsOf('年假说的年度'))).toContain('的');
  });

  it('changes which bigrams count as one word of the question, not the terms', () => {
    const recut = corpusWords((w) => w === '年假');
    const plain = tokenizeWithInfo('年假说的年度');
    const read = tokenizeWithInfo('年假说的年度', true, recut);
    expect(read.map((t) => t.term)).toEqual(plain.map((t) => t.term));
    expect(plain.find((t) => t.term === '年假')?.crossWord).toBe(true);
    expect(read.find((t) => t.term === '年假')?.crossWord).toBe(false);
    expect(read.find((t) => t.term === '假说')?.crossWord).toBe(true);
  });
});

describe('search reads the question in the corpus words', () => {
  const dev = createClauseSearch(loadCorpus({ dir: DEV_DOCS_DIR }).clauses);

  it('answers with the clause whose word the segmenter had cut apart (扣 | 回来 → 扣回, as the measures write it)', () => {
    expect(segmentsOf('要扣回来吗')).toContain('回来');
    const outcome = dev.search('年假已经多休了离职时要扣回来吗', { limit: 3 });
    expect(outcome.status).toBe('ok');
    expect(outcome.hits[0]?.text).toContain('不再扣回');
  });

  it('reads the question word the corpus has as a concept, the fragment only as a hint', () => {
    const inCorpus = (w: string) => w === '年假' || w === '年度';
    const { weights, concepts } = readConcepts(expandQuery('年假说的年度是按什么年算'), { recut: corpusWords(inCorpus) });
    expect(concepts.map((c) => c.word)).toContain('年假');
    expect(concepts.map((c) => c.word)).not.toContain('假说');
    expect(weights.get('假说')).toBeLessThan(weights.get('年假')!);
  });
});
