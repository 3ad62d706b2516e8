/**
 * A penalty names the duty it punishes only by number (违反本规定第九条第一项规定，…处…罚款): the
 * ranking brings it after the duty a question about the behaviour finds (citedDuty.ts, rank.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { citedArticles, penaltiesCiting } from '../../src/search/citedDuty.ts';

const clause = (docId: string, path: string, text: string): Clause => ({ docId, docNo: null, title: `某市${docId}规定`, path, heading: path, text, units: [] });

describe('citedArticles', () => {
  it('reads an article, its paragraph and each item of a range', () => {
    expect(citedArticles('生产经营单位违反本规定第九条第一款第一项至第三项规定，未采取相关安全技术措施的，处五千元以上三万元以下罚款')).toEqual([
      { article: '第九条', paragraph: '第一款', item: '（一）' },
      { article: '第九条', paragraph: '第一款', item: '（二）' },
      { article: '第九条', paragraph: '第一款', item: '（三）' },
    ]);
  });

  it('reads several articles of one citation, and none where no 违反本… cites', () => {
    expect(citedArticles('违反本条例第十二条、第十五条规定的，责令改正').map((c) => c.article)).toEqual(['第十二条', '第十五条']);
    expect(citedArticles('违反本条例规定，有下列行为之一的，责令改正')).toEqual([]);
    expect(citedArticles('依照本条例第十二条的规定办理')).toEqual([]);
  });
});

describe('a penalty question', () => {
  const clauses = [
    clause('safety', '第九条', '生产经营单位应当按照下列规定，在生产经营场所采取相应安全技术措施：'),
    clause('safety', '第九条（一）', '在易燃易爆的危险化学品所在的生产经营场所内，安装可燃有毒气体检测报警系统和视频监控系统；'),
    clause('safety', '第九条（二）', '在人员密集场所配置应急照明和疏散指示标志；'),
    clause('safety', '第二十条', '生产经营单位未按规定开展安全培训的，处一万元以下罚款。'),
    clause('safety', '第二十一条', '生产经营单位拒绝监督检查的，处二万元以下罚款。'),
    clause('safety', '第二十二条', '生产经营单位未按规定公示安全承诺的，处五千元以下罚款。'),
    clause('safety', '第二十九条', '生产经营单位违反本规定第九条第一款第一项至第二项规定，未采取相关安全技术措施的，处五千元以上三万元以下罚款。'),
    clause('other', '第九条（一）', '在公共场所安装视频监控系统；'),
    clause('other', '第三十条', '违反本规定第九条第一项规定的，处一千元罚款。'),
  ];
  const search = createClauseSearch(clauses);

  it('finds the clauses punishing a duty in its own document only', () => {
    expect(penaltiesCiting(clauses, 1)).toEqual([6]);
    expect(penaltiesCiting(clauses, 2)).toEqual([6]);
    expect(penaltiesCiting(clauses, 3)).toEqual([]);
    expect(penaltiesCiting(clauses, 7)).toEqual([8]);
  });

  it('brings the penalty of the duty the behaviour matches among the first three', () => {
    const hits = search.search('危险化学品仓库没装可燃气体报警系统，罚多少？', { limit: 5 }).hits;
    const at = hits.findIndex((h) => h.docId === 'safety' && h.path === '第二十九条');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(3);
  });

  it('leaves a question that asks no penalty as it was: the duty alone', () => {
    const hits = search.search('危险化学品仓库要装什么报警系统？', { limit: 3 }).hits;
    expect(hits[0]?.path).toBe('第九条（一）');
    expect(hits.some((h) => h.path === '第二十九条')).toBe(false);
  });
});
