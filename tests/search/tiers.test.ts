/**
 * A rule that sets one amount per range, item by item (罚款金额在15万元以下的，按1500元奖励；…), answers a
 * question naming its own figure by the item whose range holds it (tiers.ts, rank.ts): the items share
 * every other word of the question.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { questionFigure } from '../../src/search/tiers.ts';

const clause = (path: string, text: string): Clause => ({ docId: 'reward', docNo: null, title: '某市粮食购销违法违规行为举报奖励办法', path, heading: path, text, units: [] });
/** The first five paths a question finds over `clauses`, every question answered (the order is what is pinned). */
const pathsOver = (clauses: Clause[]) => {
  const search = createClauseSearch(clauses, { matchDecision: () => true });
  return (q: string) => search.search(q, { limit: 5 }).hits.map((h) => h.path);
};

describe('the figure a question names', () => {
  it('reads an amount with its unit, or a number of 万 or 亿 said without one', () => {
    expect(questionFigure('粮库正好被罚了50万元，奖励算哪一档')).toEqual({ dimension: 'money', value: 500000 });
    expect(questionFigure('粮库被罚了100万，举报人拿几个点')).toEqual({ dimension: 'any', value: 1000000 });
    expect(questionFigure('对方只被罚了十来万')).toEqual({ dimension: 'any', value: 110000 });
  });

  it('reads no figure where none is named or the range said is too wide to place', () => {
    expect(questionFigure('举报奖金最高能拿多少')).toBeUndefined();
    expect(questionFigure('对方被罚了十几万')).toBeUndefined();
    expect(questionFigure('两个人一起举报奖金怎么分')).toBeUndefined();
  });
});

describe('a question naming its own figure over a tiered rule', () => {
  const clauses = [
    clause('第五条', '举报奖励由查处举报案件的粮食行政管理部门负责，对符合奖励条件的举报人，按照以下标准给予奖励：'),
    clause('第五条（一）', '罚款金额在15万元以下的，按1500元奖励；'),
    clause('第五条（二）', '罚款金额在15万元以上的，50万元以下的，按罚款金额的1%奖励；'),
    clause('第五条（三）', '罚款金额在50万元以上的，200万元以下的，按罚款金额的2%奖励；'),
    clause('第五条（四）', '罚款金额在200万元以上的，按150000元奖励。'),
    clause('第六条', '举报人应当在收到领取奖励通知之日起30个工作日内领取奖励。'),
    clause('第七条', '粮食行政管理部门应当为举报人保密。'),
  ];
  const paths = pathsOver(clauses);

  it('puts the tier whose range holds the figure first, before the tiers that share the same words', () => {
    expect(paths('粮库违规被罚款100万，举报人按罚款金额的几个点奖励？')[0]).toBe('第五条（三）');
    expect(paths('粮库违规被罚款30万元，举报人按罚款金额的几个点奖励？')[0]).toBe('第五条（二）');
  });
});

describe('a tiered list whose items hold only their ranges', () => {
  const clauses = [
    clause('第五条', '举报粮库违规经查实的，粮食行政管理部门按照对违规粮库的罚款金额给予举报人奖励，标准如下：'),
    clause('第五条（一）', '15万元以下的，按1500元；'),
    clause('第五条（二）', '15万元以上50万元以下的，按1%；'),
    clause('第五条（三）', '50万元以上的，按2%。'),
    clause('第六条', '举报人应当在收到领取通知之日起30个工作日内领取。'),
    clause('第七条', '粮食行政管理部门应当为举报人保密。'),
  ];
  const paths = pathsOver(clauses);

  it('brings, after the list, the tier whose range holds the figure, and no other tier', () => {
    const hits = paths('举报粮库违规，粮库被罚款十来万，举报人奖励多少？');
    expect(hits.slice(0, 2)).toEqual(['第五条', '第五条（一）']);
    expect(hits).not.toContain('第五条（二）');
    expect(hits).not.toContain('第五条（三）');
  });

  it('brings no tier when the question names no figure', () => {
    expect(paths('举报粮库违规，举报人奖励多少？').filter((p) => p.startsWith('第五条（'))).toEqual([]);
  });
});
