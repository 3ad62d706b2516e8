/**
 * The answer line's span: of the clause that answers a lookup question, the part that answers it —
 * a span of the kind asked for (a figure for 多少, a person or body for 谁) that carries the question's
 * own distinguishing words — and no span at all where the clause only comes near what is asked.
 * The fixtures are a made-up county measure, so nothing here names a word of a real document.
 */
import { describe, expect, it } from 'vitest';
import { findAnswer } from '../../src/search/answer.ts';

const TITLE = '某县青年人才租房补助办法';

describe('the span is the part of the clause carrying the question’s distinguishing words', () => {
  it('谁 with a predicate: the body doing what is asked, not one beside it sharing a word of the title', () => {
    const text = '县人才服务中心负责本办法的审核发放，县财政局负责补助资金的拨付和监督。';
    expect(findAnswer('who', '青年人才租房补助谁负责审核发放', text, TITLE)).toBe('县人才服务中心负责本办法的审核发放');
    expect(findAnswer('who', '租房补助资金谁负责拨付', text, TITLE)).toBe('县财政局负责补助资金的拨付和监督');
  });

  it('parallel figures: the one for the kind asked about (专科), not its sibling (本科) that repeats more of the question', () => {
    const text = '首次在本县购买住房的，本科毕业生一次性给予安家补助3万元，专科毕业生给予1万元。';
    expect(findAnswer('amount', '专科毕业生安家补助有多少', text, TITLE)).toBe('专科毕业生给予1万元');
    expect(findAnswer('amount', '本科毕业生安家补助有多少', text, TITLE)).toBe('本科毕业生一次性给予安家补助3万元');
  });
});

describe('no span where the clause only comes near what is asked', () => {
  const text = '引进的博士研究生，每人每月发放租房补助2500元；硕士研究生每人每月发放租房补助1200元。';

  it('a question on 博士后 gets no span from a clause on 博士研究生, when the corpus never states 博士后', () => {
    expect(findAnswer('amount', '博士后每月租房补助多少', text, TITLE)).toBeNull();
    expect(findAnswer('amount', '博士后每月租房补助多少', text, TITLE, [], { known: () => false })).toBeNull();
  });

  it('the same question still gets its span where the corpus states the word elsewhere (the clause may name it otherwise)', () => {
    expect(findAnswer('amount', '博士后每月租房补助多少', text, TITLE, [], { known: (w) => w === '博士后' })).not.toBeNull();
  });

  it('a clause spelling the word out states it (个体户 in 个体工商户)', () => {
    expect(findAnswer('duration', '个体户变更登记几天办完', '个体工商户申请变更登记的，登记机关应当自受理之日起5个工作日内办结。')).toBe('登记机关应当自受理之日起5个工作日内办结');
  });

  it('the question’s own word stated in the clause is no near miss', () => {
    expect(findAnswer('amount', '博士研究生每月租房补助多少', text, TITLE)).toBe('每人每月发放租房补助2500元');
  });
});
