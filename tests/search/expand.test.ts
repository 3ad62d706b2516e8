import { describe, expect, it } from 'vitest';
import glossary from '../../src/search/glossary.json' with { type: 'json' };
import { readConcepts } from '../../src/search/evidence.ts';
import { expandQuery, hasTraditionalChars, joinSeparableWords, normalizeQuantities, toSimplified } from '../../src/search/expand.ts';
import type { Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';

describe('expandQuery', () => {
  it('expands an abbreviation to the wording of the texts and keeps what was typed', () => {
    const e = expandQuery('能评可以豁免吗');
    expect(e.additions).toContain('节能审查');
    expect(e.parts[0]).toEqual({ kind: 'synonym', text: '能评', add: ['节能审查'] });
  });

  it('takes the longest entry first, so 性能评价 is never read as 能评', () => {
    const e = expandQuery('产品性能评价');
    expect(e.additions).not.toContain('节能审查');
    expect(e.parts.map((p) => p.text)).toEqual(['产品', '性能评价']);
  });

  it('expands 环评 to 环境影响评价 and 涉密 to 涉及国家秘密', () => {
    expect(expandQuery('环评').additions).toContain('环境影响评价');
    expect(expandQuery('涉密项目').additions).toContain('涉及国家秘密');
  });

  it('maps English phrases to the Chinese terms, longest phrase first', () => {
    const e = expandQuery('Does this project need an environmental impact assessment?');
    expect(e.additions).toContain('环境影响评价');
    expect(expandQuery('EIA').additions).toContain('环境影响评价');
    expect(expandQuery('energy review').additions).toContain('节能审查');
    expect(expandQuery('specialty towns').additions).toContain('专业镇');
    expect(expandQuery('rooftop solar').additions).toContain('屋顶光伏发电');
  });

  it('matches English phrases on word boundaries only', () => {
    // "said" contains "ai" but is not the glossary word "ai".
    expect(expandQuery('said').additions).not.toContain('人工智能');
  });

  it('converts traditional characters to simplified before matching', () => {
    expect(hasTraditionalChars('環評')).toBe(true);
    expect(hasTraditionalChars('环评')).toBe(false);
    expect(toSimplified('環評需要辦理嗎')).toBe('环评需要办理吗');
    expect(expandQuery('環評').additions).toContain('环境影响评价');
  });

  it('reads full-width digits as ASCII digits', () => {
    expect(expandQuery('２０２５年').normalized).toBe('2025年');
  });
});

describe('normalizeQuantities', () => {
  it('turns Chinese numerals standing for quantities into digits', () => {
    expect(normalizeQuantities('一千吨标准煤')).toBe('1000吨标准煤');
    expect(normalizeQuantities('八百吨')).toBe('800吨');
    expect(normalizeQuantities('三百万千瓦时')).toBe('300万千瓦时');
  });

  it('reads 度 after a number as 千瓦时, and leaves 年度 and 力度 alone', () => {
    expect(normalizeQuantities('500万度')).toBe('500万千瓦时');
    expect(normalizeQuantities('年度力度')).toBe('年度力度');
  });

  it('reads 度 as 千瓦时 only in a question about electricity or with 万/亿, not a temperature', () => {
    expect(normalizeQuantities('年用电800度要不要能评')).toBe('年用电800千瓦时要不要能评');
    expect(normalizeQuantities('每年三百万度')).toBe('每年300万千瓦时');
    expect(normalizeQuantities('屋里只有十五度')).toBe('屋里只有15度');
    expect(normalizeQuantities('室温18度算不算达标')).toBe('室温18度算不算达标');
  });

  it('leaves fixed phrases built from numerals alone in a query', () => {
    expect(expandQuery('三个一批').normalized).toBe('三个一批');
    expect(expandQuery('一站式服务').normalized).toBe('一站式服务');
  });

  it('leaves a numeral that begins a word running past its unit (一次性, 一条龙), and still counts 一个月', () => {
    expect(normalizeQuantities('注册资本要一次性缴足吗')).toBe('注册资本要一次性缴足吗');
    expect(normalizeQuantities('一条龙服务')).toBe('一条龙服务');
    expect(normalizeQuantities('一个月内')).toBe('1个月内');
    expect(normalizeQuantities('三次')).toBe('3次');
  });

  it('writes a sum said with 万 or 亿 and no 元 as the texts write sums, as if the 元 had been typed', () => {
    expect(normalizeQuantities('投个五千万以上的项目')).toBe(normalizeQuantities('投个五千万元以上的项目'));
    expect(normalizeQuantities('投个五千万以上的项目')).toBe('投个5000万元以上的项目');
    expect(normalizeQuantities('投资三个亿以上')).toBe('投资3亿元以上');
    expect(normalizeQuantities('投资3个亿以上')).toBe('投资3亿元以上');
    expect(normalizeQuantities('投资3个亿元')).toBe('投资3亿元');
    expect(normalizeQuantities('奖励五百万')).toBe('奖励500万元');
    expect(normalizeQuantities('5000万以上的项目')).toBe('5000万元以上的项目');
    expect(normalizeQuantities('1.5亿的项目')).toBe('1.5亿元的项目');
  });

  it('leaves a figure of another unit, and words made of numerals (千万, 上千万), as they are', () => {
    expect(normalizeQuantities('三百万千瓦时')).toBe('300万千瓦时');
    expect(normalizeQuantities('五百万人口')).toBe('500万人口');
    expect(normalizeQuantities('三千万辆')).toBe('三千万辆');
    expect(normalizeQuantities('3个亿美元')).toBe('3亿美元');
    expect(normalizeQuantities('千万不要逾期')).toBe('千万不要逾期');
    expect(normalizeQuantities('上千万的项目')).toBe('上千万的项目');
  });
});

describe('a sum said without 元 finds the clause stating it in 元', () => {
  const clause = (path: string, text: string): Clause => ({ docId: 'opinion', docNo: null, title: '某县重点产业扶持意见', path, heading: path, text, units: [] });
  const search = createClauseSearch([
    clause('一、', '设立规模不低于1亿元的重点产业发展引导资金，列入县财政预算。'),
    clause('二、（一）1', '重点产业新上项目固定资产投资5000万元以上、亩均投资不低于100万元的，按实际投资额给予企业5%-20%奖励。'),
    clause('二、（一）2', '重点产业新上项目固定资产投资3亿元以上的重大项目，实行“一事一议”。'),
    clause('二、（二）', '对取得新产品认定证书的新产品，给予企业10万元—100万元资金支持。'),
    clause('二、（三）', '对在主板上市的企业，给予企业500万元奖励。'),
  ]);
  const first = (q: string) => search.search(q, { limit: 3 }).hits[0]?.path;

  it('五千万, 三个亿, 3个亿 and 五百万 rank as 5000万元, 3亿元 and 500万元 do', () => {
    const pairs: Array<[said: string, typed: string]> = [
      ['投个五千万以上的项目有什么奖励', '投个5000万元以上的项目有什么奖励'],
      ['投资三个亿以上的大项目，优惠怎么谈', '投资3亿元以上的大项目，优惠怎么谈'],
      ['投资3个亿以上的大项目，优惠怎么谈', '投资3亿元以上的大项目，优惠怎么谈'],
      ['什么企业能拿到五百万', '什么企业能拿到500万元'],
    ];
    for (const [said, typed] of pairs) {
      expect(first(said), said).toBe(first(typed));
      expect(first(said), said).toBeDefined();
    }
    expect(first('投资三个亿以上的大项目，优惠怎么谈')).toBe('二、（一）2');
    expect(first('投个五千万以上的项目有什么奖励')).toBe('二、（一）1');
  });
});

describe('joinSeparableWords', () => {
  it('reads a verb-object word split by 个 as the word', () => {
    expect(joinSeparableWords('在景点里面摆个摊行不行')).toBe('在景点里面摆摊行不行');
    expect(joinSeparableWords('办个证要多久')).toBe('办证要多久');
  });

  it('leaves 个 that counts, points or starts a word', () => {
    for (const q of ['这个项目要备案吗', '上个月的报表', '两个人联名举报', '对个人有什么要求', '开个体户要什么', '讲个笑话']) expect(joinSeparableWords(q)).toBe(q);
  });

  it('finds the clause a split verb-object word asks about', () => {
    const clause = (path: string, text: string): Clause => ({ docId: 'scenic', docNo: null, title: '某市旅游景区条例', path, heading: path, text, units: [] });
    const search = createClauseSearch([
      clause('第二十条', '在旅游景区内禁止擅自摆摊设点，兜售物品。'),
      clause('第二十一条', '旅游景区内的经营者应当按照核定的营业地点经营。'),
      clause('第二十二条', '游客应当遵守旅游景区的游览秩序。'),
    ]);
    expect(search.search('在景区里能不能摆个摊？', { limit: 3 }).hits[0]?.path).toBe('第二十条');
  });
});

describe('glossary.json', () => {
  it('defines every synonym and English entry with at least one term', () => {
    for (const s of glossary.synonyms) expect(s.terms.length).toBeGreaterThan(0);
    for (const e of glossary.english) {
      expect(e.en.length).toBeGreaterThan(0);
      for (const en of e.en) expect(en).toBe(en.toLowerCase());
    }
  });
});

describe('a Chinese question asking whether something is permitted (querywords.json, everyday)', () => {
  it('ranks by the texts’ 可以 / 不得, as an English Can / May question does, without requiring them', () => {
    const part = expandQuery('台资企业能不能找境外银行贷款').parts.find((p) => p.kind === 'everyday');
    expect(part).toEqual({ kind: 'everyday', text: '能不能', add: ['可以', '不得'] });
    const read = readConcepts(expandQuery('台资企业能不能找境外银行贷款'));
    expect(read.weights.get('不得')).toBeLessThan(1);
    expect(read.concepts.some((c) => c.alternatives.some((a) => a.includes('不得') || a.includes('可以')))).toBe(false);
  });
});
