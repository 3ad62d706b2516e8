/**
 * The answer lines of the outside tester's round 4 (its report's D3, D5 and D12), over its four
 * documents (tests/eval/dev/round4/docs) beside the five corpus documents, as the tester ran them: the
 * reply a coordinator reads.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { searchReply } from '../../src/bot/features/policy/searchReply.ts';
import type { Block } from '../../src/bot/core/reply.ts';
import { ROOT } from '../helpers/run.ts';

const clauses = [...loadCorpus().clauses, ...loadCorpus({ dir: join(ROOT, 'tests/eval/dev/round4/docs') }).clauses];
const search = createClauseSearch(clauses);
const ask = (q: string) => {
  const outcome = search.search(q, { limit: 5 });
  const blocks = searchReply(q, outcome, 'zh-CN').blocks;
  const answer = blocks.flatMap((b) => (b.type === 'text' && b.text.startsWith('答：') ? [b.text.slice(2)] : []))[0] ?? null;
  const cites = blocks.filter((b): b is Extract<Block, { type: 'citation' }> => b.type === 'citation');
  return { outcome, answer, cites };
};

describe('D3: an answer line of the kind asked for, or none', () => {
  it('a fee, a subsidy or a share the documents do not state gets no answer line (the tester’s unanswerable questions)', () => {
    for (const q of [
      '宁波的企业安全管理人员要考什么证才能上岗？',
      '开封新开办的企业能领多少开办补贴？',
      '上海办不动产登记要交多少登记费？',
      '柳河县引进博士人才给多少安家费？',
      '开封企业用电每度能补贴多少钱？',
      '上海买二手房契税税率是多少？',
      '宁波企业出了安全事故死一个人要赔多少钱？',
      '柳河县工业用地出让价格每亩多少钱？',
      '宁波危化品企业每年安全生产投入要占营业收入的百分之几？',
      '开封营商环境考核排名倒数的县区要扣多少分？',
    ]) {
      expect(ask(q).answer, q).toBeNull();
    }
  });

  it('多久 is not answered with the date a regulation takes effect', () => {
    expect(ask('一般的房产登记多久能办完？').answer ?? '').not.toContain('施行');
  });

  it('a period asked for in minutes is named', () => {
    expect(ask('停电报修多久到现场').answer).toBe('中心城区不超过六十分钟');
  });

  it('the reward is named, not the investment the question states as its case', () => {
    expect(ask('投资五千万元以上的项目奖励多少').answer).toBe('按项目固定资产实际投资额度给企业5%-20%奖励支持');
  });
});

describe('D5: an item answered from its lead-in', () => {
  it('the fine of the article’s lead-in, quoted above the item it applies to', () => {
    const { outcome, answer, cites } = ask('园区管理单位没履行职责罚多少');
    expect(outcome.hits[0]?.path).toBe('第三十条（一）');
    expect(answer).toBe('可以处二万元以上五万元以下罚款');
    expect(cites[0]).toMatchObject({ title: '宁波市生产经营单位安全生产主体责任规定', path: '第三十条' });
    expect(cites[0]!.quote.startsWith('有下列行为之一的，责令限期改正，可以处二万元以上五万元以下罚款')).toBe(true);
    expect(cites[1]?.path).toBe('第三十条（一）');
    const article = clauses.find((c) => c.docId === 'ningbo-2021-work-safety-responsibility' && c.path === '第三十条')!;
    expect(article.text).toContain(cites[0]!.quote);
  });
});

describe('D12: sums said without 元', () => {
  it('五千万 finds the clause stating 5000万元, and the reward is named', () => {
    const { outcome, answer } = ask('在柳河投个五千万以上的项目，能拿多少奖励？');
    expect(outcome.hits[0]?.path).toBe('二、（一）1');
    expect(answer).toBe('按项目固定资产实际投资额度给企业5%-20%奖励支持');
  });

  it('三个亿 and 3个亿 find the clause stating 3亿元', () => {
    expect(ask('投资三个亿以上的大项目，优惠怎么谈？').outcome.hits[0]?.path).toBe('二、（一）2');
    expect(ask('投资3个亿以上的大项目，优惠怎么谈？').outcome.hits[0]?.path).toBe('二、（一）2');
  });
});

describe('a value the texts state relative to a year, in a clause the value lifts into view', () => {
  it('什么时候 is answered, not refused, by the clause stating 年末 … 次年 that rises into the first three once accepted', () => {
    const { outcome } = ask('奖励的钱什么时候能到账？');
    const at = outcome.hits.findIndex((h) => h.text.includes('次年一次性兑付奖励'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(3);
    expect(outcome.hits[at]?.answer).toBeTruthy();
  });
});
