import { describe, expect, it } from 'vitest';
import { evaluateQuarterlyQuota, extractFacts, targetsFor, targetsExplanation } from '../../src/rules/index.ts';

const NOW = new Date('2025-05-10T10:00:00+08:00');

describe('extractFacts reads only what was said', () => {
  it('never invents a fact: a question without figures gives no figures', () => {
    expect(extractFacts('energy-review', '这个项目需要节能审查吗').facts).toEqual({});
  });
  it('reads negations as false, not as the positive word inside them', () => {
    expect(extractFacts('energy-review', '项目不涉密').facts).toEqual({ state_secret: false });
    expect(extractFacts('eia', '未列入名录').facts).toEqual({ eia_listed: false });
    expect(extractFacts('quarterly-quota', '本季度没有外出招商', undefined, { now: NOW }).facts).toMatchObject({ outbound_trips: 0, quarter: '2025-Q2' });
  });
  it('reads town types in Chinese and English', () => {
    expect(extractFacts('specialty-town', '是轻工类专业镇').facts.town_type).toBe('light_industry');
    expect(extractFacts('specialty-town', 'an agricultural town').facts.town_type).toBe('agriculture');
  });
  it('reports contradictions and leaves the fact unset', () => {
    const r = extractFacts('energy-review', '年耗电300万度，年耗电600万度');
    expect(r.facts.electricity_kwh).toBeUndefined();
    expect(r.problems[0]!.zh).toContain('相互矛盾');
    expect(r.problems[0]!.en).toContain('Contradictory');
  });
  it('never reads a bound (不到1000吨, 1000吨以下, less than) as the exact figure: it is kept as the range it states', () => {
    expect(extractFacts('energy-review', '年综合能耗不到1000吨标准煤').facts.energy_tce).toEqual({ upper: 1000, upperIncluded: false });
    expect(extractFacts('energy-review', '年综合能耗1000吨标准煤以下').facts.energy_tce).toEqual({ upper: 1000, upperIncluded: true });
    expect(extractFacts('energy-review', 'energy use of less than 1000 tce').facts.energy_tce).toEqual({ upper: 1000, upperIncluded: false });
    expect(extractFacts('energy-review', '年用电超过500万千瓦时').facts.electricity_kwh).toEqual({ lower: 5e6, lowerIncluded: false });
    expect(extractFacts('energy-review', '年能耗800-900吨标准煤').facts.energy_tce).toEqual({ lower: 800, lowerIncluded: true, upper: 900, upperIncluded: true });
  });
  it('keeps an estimate (大约不到1000吨, 800吨左右) a problem: an estimate bounds nothing', () => {
    for (const q of ['年综合能耗大约不到1000吨标准煤', '年综合能耗1000吨标准煤左右']) {
      const r = extractFacts('energy-review', q);
      expect(r.facts.energy_tce, q).toBeUndefined();
      expect(r.problems[0]!.zh, q).toContain('范围或估计');
    }
  });
  it('gives the quota and the targets no ranges: they count exact figures', () => {
    const r = extractFacts('quarterly-quota', '本季度外出招商超过1次，对接项目3个', undefined, { now: NOW });
    expect(r.facts.outbound_trips).toBeUndefined();
    expect(r.problems[0]!.zh).toContain('范围');
  });
  it('reads a count bound on the whole numbers inside it (超过2户 is 3户 or more)', () => {
    expect(extractFacts('specialty-town', '配套企业超过2户').facts.supporting_firms).toEqual({ lower: 3, lowerIncluded: true });
  });
  it('never reads 1e9 as 9', () => {
    const r = extractFacts('energy-review', '年综合能耗1e9吨标准煤');
    expect(r.facts.energy_tce).toBeUndefined();
    expect(r.problems.map((p) => p.zh).join()).toContain('1e9吨标准煤');
  });
  it('does not read a year or a quarter number as a count', () => {
    const r = extractFacts('quarterly-quota', '2025年第一季度外出招商2次，对接项目3个', undefined, { now: NOW });
    expect(r.facts).toEqual({ quarter: '2025-Q1', outbound_trips: 2, projects_docked: 3 });
  });
  it('reads English quarters and counts', () => {
    const r = extractFacts('quarterly-quota', 'In Q1 2025 we made two outbound trips and docked 4 projects', undefined, { now: NOW });
    expect(r.facts).toEqual({ quarter: '2025-Q1', outbound_trips: 2, projects_docked: 4 });
  });
});

describe('evaluateQuarterlyQuota for the reports layer', () => {
  it('a running quarter on the even pace is on_track, and reports what is still needed and the months left', () => {
    const a = evaluateQuarterlyQuota({
      quarter: '2025-Q2', unit: '泽州县', now: NOW,
      months: [{ month: '2025-04', outbound_trips: 0, projects_docked: 1 }],
    });
    expect(a.outcome).toBe('on_track');
    expect(a.stillNeeded).toEqual({ outbound_trips: 1, projects_docked: 2 });
    expect(a.monthsLeft).toBe(2);
    expect(a.outbound_trips).toBe(0);
    expect(a.projects_docked).toBe(1);
    expect(a.explanation).toContain('泽州县');
  });
  it('a running quarter behind the even pace (no project docked after a month) is at_risk', () => {
    const a = evaluateQuarterlyQuota({ quarter: '2025-Q2', now: NOW, months: [{ month: '2025-04', outbound_trips: 1, projects_docked: 0 }] });
    expect(a.outcome).toBe('at_risk');
    expect(a.stillNeeded).toEqual({ outbound_trips: 0, projects_docked: 3 });
  });
  it('a closed quarter with an unreported month is met when the reported months already reach the quota', () => {
    const a = evaluateQuarterlyQuota({
      quarter: '2025-Q1', now: NOW,
      months: [{ month: '2025-01', outbound_trips: 2, projects_docked: 4 }, { month: '2025-03', outbound_trips: 0, projects_docked: 0 }],
    });
    expect(a.outcome).toBe('met');
    expect(a.explanation).toContain('2025-02');
  });
  it('a closed quarter with an unreported month and a shortfall so far is undetermined, never not_met', () => {
    const a = evaluateQuarterlyQuota({
      quarter: '2025-Q1', now: NOW,
      months: [{ month: '2025-01', outbound_trips: 1, projects_docked: 1 }, { month: '2025-03', outbound_trips: 0, projects_docked: 0 }],
    });
    expect(a.outcome).toBe('undetermined');
  });
});

describe('targetsFor', () => {
  it('gives the city and province targets of 2025 with their clauses', () => {
    const t = targetsFor(2025);
    expect(t.find((x) => x.level === 'city' && x.metric === 'investment_in_place')!.value).toBe(8e8);
    expect(t.find((x) => x.level === 'province' && x.metric === 'key_industry_revenue')!.value).toBe(400e8);
    expect(t.every((x) => x.citation.path === '一、')).toBe(true);
  });
  it('is empty for 2027, with an explanation that the policy does not cover it', () => {
    expect(targetsFor(2027)).toEqual([]);
    expect(targetsExplanation(2027).zh).toContain('不覆盖');
  });
});

describe('negation before a fact (不是 / 不属于 / 并非 / 不算) reads as "not"', () => {
  it('reads a general negator in the clause before the fact word as false', () => {
    for (const q of ['不是涉密项目', '项目不属于涉及国家秘密的项目', '并非涉密项目', '不算涉密项目', '项目不涉及任何国家秘密', 'it is not a classified project']) {
      expect(extractFacts('energy-review', q).facts.state_secret, q).toBe(false);
    }
    expect(extractFacts('eia', '项目不属于示范区').facts.in_demo_zone).toBe(false);
  });
  it('still reads the fact as true when nothing negates it, or when the negation is of something else', () => {
    expect(extractFacts('energy-review', '是涉密项目').facts.state_secret).toBe(true);
    expect(extractFacts('energy-review', '项目不是国企，是涉密项目').facts.state_secret).toBe(true);
  });
  it('does not guess at a double negative or at a clause that says it is not known', () => {
    const r = extractFacts('energy-review', '项目不是不涉密');
    expect(r.facts.state_secret).toBeUndefined();
    expect(r.problems[0]!.zh).toContain('双重否定');
    expect(extractFacts('energy-review', '涉不涉密不清楚').facts.state_secret).toBeUndefined();
  });
});

describe('what a policy says is not a fact of the project', () => {
  it('blanks a reported rule and says so in a note', () => {
    const r = extractFacts('energy-review', '政策说涉及国家秘密的项目不再单独进行节能审查，我们年综合能源消费量2000吨标准煤');
    expect(r.facts).toEqual({ energy_tce: 2000 });
    expect(r.notes[0]!.zh).toContain('是对政策内容的转述');
  });
  it('reads the facts of a question about a class of projects (…的项目需要审查吗) as its case', () => {
    expect(extractFacts('energy-review', '涉密项目需要单独节能审查吗').facts.state_secret).toBe(true);
    expect(extractFacts('energy-review', '按规定，年能耗800吨标准煤的项目需要节能审查吗').facts.energy_tce).toBe(800);
  });
  it('does not take a pasted clause for facts, but does take the asker stating facts in the clause\'s words', () => {
    expect(extractFacts('specialty-town', '原则上区级制造业类专业镇年产值达到2亿元以上').facts).toEqual({});
    expect(extractFacts('eia', '项目未列入《建设项目环境影响评价分类管理名录》').facts).toEqual({ eia_listed: false });
    expect(extractFacts('energy-review', '年综合能源消费量不满1000吨标准煤').facts.energy_tce).toEqual({ upper: 1000, upperIncluded: false });
  });
});

describe('figures for another period than the rule\'s', () => {
  it('does not read a monthly or daily figure as the annual one', () => {
    for (const q of ['月用电50万千瓦时', '每月用电50万千瓦时', '日均用电2万千瓦时', '用电量50万千瓦时/月', 'electricity of 500,000 kWh a month']) {
      const r = extractFacts('energy-review', q);
      expect(r.facts.electricity_kwh, q).toBeUndefined();
      expect(r.problems[0]!.fact, q).toBe('electricity_kwh');
    }
    expect(extractFacts('energy-review', '每月能耗100吨标准煤').facts.energy_tce).toBeUndefined();
  });
  it('reads annual figures, and figures with no period, as annual', () => {
    expect(extractFacts('energy-review', '全年用电600万千瓦时').facts.electricity_kwh).toBe(6e6);
    expect(extractFacts('energy-review', '年用电600万千瓦时').facts.electricity_kwh).toBe(6e6);
    expect(extractFacts('energy-review', '用电600万千瓦时').facts.electricity_kwh).toBe(6e6);
  });
  it('does not read a year\'s or half-year\'s counts as one quarter\'s, for every figure of the sentence', () => {
    for (const q of ['今年外出招商4次，对接项目12个', '上半年外出招商2次，对接项目6个', '1-6月外出招商3次，对接项目9个']) {
      const r = extractFacts('quarterly-quota', q, undefined, { now: NOW });
      expect(r.facts.outbound_trips, q).toBeUndefined();
      expect(r.facts.projects_docked, q).toBeUndefined();
      expect(r.problems.map((p) => p.fact), q).toEqual(['outbound_trips', 'projects_docked']);
    }
    expect(extractFacts('quarterly-quota', '1-3月外出招商1次，对接项目3个', undefined, { now: NOW }).facts).toEqual({ outbound_trips: 1, projects_docked: 3 });
  });
});

describe('places the question names', () => {
  it('reads the place of a project, not words that only contain a place name', () => {
    expect(extractFacts('energy-review', '项目在太原市').facts.places).toEqual(['太原市']);
    expect(extractFacts('energy-review', '我们提高平均能效').facts.places).toBeUndefined();
    expect(extractFacts('quarterly-quota', '本季度去太原外出招商1次', undefined, { now: NOW }).facts.places).toBeUndefined();
  });
});
