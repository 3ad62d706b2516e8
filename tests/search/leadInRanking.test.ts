/**
 * A numbered item carries the subject of the sentence that introduces its list (leadIn.ts): the
 * ranking credits an item, at a reduced weight and for the order only, with question words that
 * sentence holds and the item lacks.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { coverage, coverageWithLeadIn, LEAD_IN_CREDIT, type WeightedConcept } from '../../src/search/evidence.ts';

const clause = (path: string, text: string): Clause => ({ docId: 'stalls', docNo: null, title: '某市摊点经营管理办法', path, heading: path, text, units: [] });

describe('coverageWithLeadIn', () => {
  const concepts: WeightedConcept[] = [
    { alternatives: [['摊点']], weight: 1, known: true, word: '摊点' },
    { alternatives: [['收回']], weight: 1, known: true, word: '收回' },
  ];
  const matched = new Set(['摊点']);

  it('credits a word only the lead-in holds at the reduced weight', () => {
    expect(coverage(concepts, matched)).toBe(0.5);
    expect(coverageWithLeadIn(concepts, matched, '有下列情形之一的，收回经营许可：')).toBe((1 + LEAD_IN_CREDIT) / 2);
  });

  it('gives nothing for a lead-in without the word, and never more than the item has itself', () => {
    expect(coverageWithLeadIn(concepts, matched, '有下列情形之一的，责令改正：')).toBe(0.5);
    expect(coverageWithLeadIn(concepts, new Set(['摊点', '收回']), '收回')).toBe(1);
  });
});

describe('ranking an item with its lead-in', () => {
  const search = createClauseSearch([
    clause('第八条', '有下列情形之一的，收回摊点经营许可：'),
    clause('第八条（一）', '连续三个月未经营的；'),
    clause('第八条（二）', '擅自转让摊位的；'),
    clause('第八条（三）', '占道超出划定范围经营，经劝阻拒不改正的；'),
    clause('第九条', '超出划定范围经营的，由街道办事处登记。'),
    clause('第十条', '摊点经营者应当保持摊位及周边整洁。'),
  ]);

  it('puts the item whose list is about the question above a clause that only shares the item words', () => {
    // 第九条 and 第八条（三） both hold 超出划定范围经营; only the item's lead-in holds 收回 … 许可.
    const hits = search.search('超出划定范围经营会收回许可吗').hits;
    expect(hits[0]?.path).toBe('第八条（三）');
    expect(hits[1]?.path).toBe('第九条');
  });
});

describe('an item more specific than the clause its list belongs to', () => {
  // The clause introducing a list carries the shared subject in more text than any one item: on
  // BM25 alone it outranks the item that names the case asked about.
  const search = createClauseSearch([
    clause('第十二条', '摊点经营者取得经营许可后，有关部门应当给予摊点经营者相应的经营补贴，经营补贴按照摊点经营者的经营年限和经营面积确定：'),
    clause('第十二条（一）', '经营满一年的，按月发放；'),
    clause('第十二条（二）', '在夜市经营的，补贴标准提高一倍；'),
    clause('第十三条', '摊点经营者应当按照规定的时间经营。'),
    clause('第十四条', '夜市的开放时间由街道办事处确定。'),
  ]);

  it('ranks the item naming the asked-for case above its list when it and its lead-in carry more of the question', () => {
    // 第十二条 holds 摊点经营者 … 经营补贴 many times; only its item （二） holds 夜市.
    const hits = search.search('摊点经营者在夜市经营补贴怎么算').hits;
    expect(hits[0]?.path).toBe('第十二条（二）');
    expect(hits.map((h) => h.path)).toContain('第十二条');
  });
});

describe('the clause stating an item’s value follows the item', () => {
  // The penalty is in the sentence introducing the list; the item only names the case. Clauses that
  // repeat the case's words (擅自转让摊位) outrank that sentence on their own.
  const search = createClauseSearch([
    clause('第二十条', '违反本办法规定，摊点经营者有下列行为之一的，由城市管理部门责令改正，处五百元以上二千元以下罚款：'),
    clause('第二十条（一）', '擅自转让摊位的；'),
    clause('第二十条（二）', '占用盲道设摊的；'),
    clause('第五条', '摊点经营者不得擅自转让摊位，擅自转让摊位的，摊位由街道办事处收回。'),
    clause('第六条', '街道办事处应当公布擅自转让摊位的举报电话，接到擅自转让摊位的举报后及时核查。'),
    clause('第七条', '擅自转让摊位的经营者，三年内不得再次申请摊位。'),
  ]);

  it('puts the list sentence right after an item that states the asked-for sum only through it', () => {
    const hits = search.search('摊点经营者擅自转让摊位罚多少钱').hits;
    const item = hits.findIndex((h) => h.path === '第二十条（一）');
    expect(item).toBeGreaterThanOrEqual(0);
    expect(item).toBeLessThan(3);
    expect(hits[item + 1]?.path).toBe('第二十条');
  });
});

describe('a penalty sentence no word of the question reaches follows the item that names the case', () => {
  // The list sentence shares no word with the question (储备粮, 虚报): only its item names the case.
  const search = createClauseSearch([
    clause('第五十二条', '承储企业违反本办法规定，有下列行为之一的，由主管部门责令限期改正；有违法所得的，没收违法所得：'),
    clause('第五十二条（一）', '虚报、瞒报储备粮数量的；'),
    clause('第五十二条（二）', '擅自动用储备粮的；'),
    clause('第二十五条', '承储企业应当如实统计储备粮的数量和质量。'),
  ]);

  it('brings the sentence stating what happens right after the item, for a question on the consequence (会受什么处理)', () => {
    const hits = search.search('粮库虚报储备粮数量，查出来会受什么处理').hits;
    expect(hits[0]?.path).toBe('第五十二条（一）');
    expect(hits[1]?.path).toBe('第五十二条');
  });

  it('brings none for a question on who to turn to: the body that punishes is not the one asked for', () => {
    const hits = search.search('发现粮库虚报储备粮数量，去哪里反映').hits;
    expect(hits.map((h) => h.path)).not.toContain('第五十二条');
  });
});

describe('a list among the first places brings its item that carries most of the question', () => {
  it('places the item that states the asked-for value right after its list, so the question is answered with it (round 5)', async () => {
    const { loadCorpus } = await import('../../src/corpus/index.ts');
    const { DEV_ROUND5_DOCS_DIR } = await import('../eval/harness.ts');
    const round5 = createClauseSearch(loadCorpus({ dir: DEV_ROUND5_DOCS_DIR }).clauses);
    const hits = round5.search('单位把员工的职务发明卖了，发明人至少分多少？', { limit: 3 }).hits;
    const item = hits.findIndex((h) => h.text.includes('不低于转让费、许可使用费净收入的20%'));
    expect(item).toBeGreaterThanOrEqual(0);
    // Its list comes first or right before it: the item is read as a case of that list.
    expect(hits.slice(0, item + 1).some((h) => h.path === '第三十九条') || item === 0).toBe(true);
  });

  it('brings no item that shares none of the question’s words', () => {
    const search = createClauseSearch([
      clause('第八条', '有下列情形之一的，收回经营许可：'),
      clause('第八条（一）', '连续三个月未营业的；'),
      clause('第八条（二）', '擅自转让摊位的；'),
      clause('第十条', '摊点经营者应当保持摊位及周边整洁。'),
    ]);
    const paths = search.search('什么情况下收回经营许可', { limit: 5 }).hits.map((h) => h.path);
    expect(paths[0]).toBe('第八条');
    expect(paths).not.toContain('第八条（一）');
    expect(paths).not.toContain('第八条（二）');
  });
});
