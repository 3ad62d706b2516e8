/**
 * The answer line's span: of the clause that answers a lookup question, the part that answers it —
 * a span of the kind asked for (a figure for 多少, a person or body for 谁) that carries the question's
 * own distinguishing words — and no span at all where the clause only comes near what is asked.
 * The fixtures are a made-up county measure, so nothing here names a word of a real document.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { findAnswer } from '../../src/search/answer.ts';
import { createClauseSearch } from '../../src/search/index.ts';

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

describe('a list question’s span is the items, with the sentence that introduces them', () => {
  it('items in the clause itself: the lead-in and every item to the sentence’s end, not the first item alone', () => {
    const text = '申请租房补助的，应当提交下列材料：（一）补助申请表；（二）房屋租赁合同；（三）社会保险缴纳记录。';
    expect(findAnswer('list', '申请租房补助需要哪些材料', text, TITLE)).toBe('申请租房补助的，应当提交下列材料：（一）补助申请表；（二）房屋租赁合同；（三）社会保险缴纳记录');
  });

  it('a clause that ends at its colon: its items are the clauses that follow it', () => {
    const items = ['基地面积不少于500亩；', '年产值达到1亿元以上；', '带动农户200户以上。'];
    expect(findAnswer('list', '认定示范基地需要哪些条件', '申报县级示范基地，应当同时具备下列条件：', '某县示范基地认定办法', [], { items })).toBe(
      '申报县级示范基地，应当同时具备下列条件：基地面积不少于500亩；年产值达到1亿元以上；带动农户200户以上',
    );
  });

  it('without its items a lead-in is still named as before', () => {
    expect(findAnswer('list', '认定示范基地需要哪些条件', '申报县级示范基地，应当同时具备下列条件：', '某县示范基地认定办法')).toBe('申报县级示范基地，应当同时具备下列条件');
  });

  it('a clause’s heading names the topic, not the answer: the sentence after it answers', () => {
    const text = '参展企业。本县规模以上食品、纺织和建材企业，每个乡镇推荐不少于3家。';
    expect(findAnswer('list', '哪些企业可以参加展销会', text, '某县特产展销会工作方案')).toBe('本县规模以上食品、纺织和建材企业');
  });
});

describe('in a search, the span of a list whose items are clauses of their own', () => {
  const clause = (path: string, text: string): Clause => ({ docId: 'base', docNo: '某农发〔2025〕1号', title: '某县示范基地认定办法', path, heading: path, text, units: [] });
  const search = createClauseSearch([
    clause('第一条', '为规范示范基地认定工作，制定本办法。'),
    clause('第二条', '申报县级示范基地，应当同时具备下列条件：'),
    clause('第二条（一）', '基地面积不少于500亩；'),
    clause('第二条（二）', '年产值达到1亿元以上；'),
    clause('第二条（三）', '带动农户200户以上。'),
    clause('第三条', '县农业农村局负责示范基地的认定，每年9月组织一次集中认定。'),
  ]);

  it('names the lead-in with its items', () => {
    const first = search.search('示范基地认定需要哪些条件').hits[0];
    expect(first?.path).toBe('第二条');
    expect(first?.answer).toBe('申报县级示范基地，应当同时具备下列条件：基地面积不少于500亩；年产值达到1亿元以上；带动农户200户以上');
  });
});

describe('谁 and labelled values: the role or kind asked for must be what the clause names', () => {
  it('a contact person labelled in the clause is the answer to 联系人是谁', () => {
    const text = '县人社局人才服务股，联系人：赵文静，电话：0399-6612345。';
    expect(findAnswer('who', '租房补助的联系人是谁', text, TITLE)).toBe('联系人：赵文静');
  });

  it('in a table with a 联系人 column, the row of the thing asked about', () => {
    const text = '各服务站经费由县财政保障。\n服务站 | 地址 | 联系人\n东关服务站 | 东关街8号 | 钱立新\n西城服务站 | 西城路21号 | 孙雅琴';
    expect(findAnswer('who', '西城服务站联系人是谁', text, TITLE)).toBe('西城服务站 | 西城路21号 | 孙雅琴');
  });

  it('no span from a clause that never names the role asked about (联系人是谁, 谁担任组长)', () => {
    const text = '县商务局负责展销会的总体策划和组织协调。';
    expect(findAnswer('who', '展销会联系人是谁', text, '某县特产展销会工作方案')).toBeNull();
    expect(findAnswer('who', '展销会谁担任组长', text, '某县特产展销会工作方案')).toBeNull();
    // What the question says after 谁 is what the clause must state something of.
    expect(findAnswer('who', '展销会谁负责组织协调', text, '某县特产展销会工作方案')).toBe('县商务局负责展销会的总体策划和组织协调');
  });

  it('a telephone number asked for is a telephone number or nothing, never another figure of the clause', () => {
    expect(findAnswer('amount', '服务站的联系电话是多少', '在东关、西城各设立1个人才服务站。', TITLE)).toBeNull();
    expect(findAnswer('amount', '服务站的联系电话是多少', '县人社局人才服务股，联系人：赵文静，电话：0399-6612345。', TITLE)).toBe('电话：0399-6612345');
    expect(findAnswer('amount', '服务站的联系电话是多少', '咨询服务站可拨打0399-6612345，每年受理补助申请3000余件。', TITLE)).toBe('咨询服务站可拨打0399-6612345');
  });
});

describe('the spans of the hits after the first', () => {
  const c = (docId: string, title: string, path: string, text: string): Clause => ({ docId, docNo: null, title, path, heading: path, text, units: [] });
  const search = createClauseSearch([
    c('rent', '某县青年人才租房补助办法', '第一条', '为吸引青年人才来县就业，制定本办法。'),
    c('rent', '某县青年人才租房补助办法', '第二条', '县人才服务中心负责租房补助的审核，县财政局负责补助资金的拨付。'),
    c('rent', '某县青年人才租房补助办法', '第三条', '租房补助每人每月1000元，最长发放24个月。'),
    c('fair', '某县特产展销会工作方案', '一、', '县商务局负责展销会的总体策划和组织协调，县财政局负责展位费补助的审核。'),
    c('fair', '某县特产展销会工作方案', '二、', '每家参展企业补助上限1万元。'),
  ]);

  it('a runner-up of another document carries no span: it would answer a question the first hit’s document was asked', () => {
    const hits = search.search('租房补助谁负责审核').hits;
    expect(hits[0]).toMatchObject({ docId: 'rent', answer: '县人才服务中心负责租房补助的审核' });
    const other = hits.find((h) => h.docId === 'fair')!;
    expect(other.score).toBeLessThan(0.8);
    expect(other.answer).toBeUndefined();
  });

  it('another document’s near tie keeps its span, for the reply to name both answers', () => {
    const hits = search.search('补助的审核由谁负责').hits;
    const other = hits.find((h) => h.docId === 'fair')!;
    expect(other.score).toBeGreaterThanOrEqual(0.8);
    expect(other.answer).toBe('县财政局负责展位费补助的审核');
  });
});

describe('a count asked with its measure word (几次, 多少家)', () => {
  it('is a figure in that measure', () => {
    expect(findAnswer('amount', '服务站每季度走访企业几次', '各服务站每季度走访辖区企业不少于2次，每次走访企业不少于5家。', TITLE)).toBe('各服务站每季度走访辖区企业不少于2次');
    expect(findAnswer('amount', '服务站每次走访多少家企业', '各服务站每季度走访辖区企业不少于2次，每次走访企业不少于5家。', TITLE)).toBe('每次走访企业不少于5家');
  });

  it('or nothing: a sum, or 一次性 (a manner, not a count), does not say how many times', () => {
    expect(findAnswer('amount', '租房补助每年申报几次', '本科毕业生每人每月发放租房补助800元。', TITLE)).toBeNull();
    expect(findAnswer('amount', '租房补助每年申报几次', '首次购房的，一次性给予安家补助3万元。', TITLE)).toBeNull();
  });
});

describe('a list labelled like a value', () => {
  it('keeps all its items: 申请材料：（一）…；（二）… is a list, not the label’s first value', () => {
    expect(findAnswer('list', '要交的申请材料是哪些', '申请材料：（一）补助申请表；（二）房屋租赁合同。', TITLE)).toBe('申请材料：（一）补助申请表；（二）房屋租赁合同');
  });
});
