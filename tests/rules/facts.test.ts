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
  it('never reads a bound (不到1000吨, 1000吨以下, less than) as the exact figure', () => {
    for (const q of ['年综合能耗不到1000吨标准煤', '年综合能耗1000吨标准煤以下', 'energy use of less than 1000 tce']) {
      const r = extractFacts('energy-review', q);
      expect(r.facts.energy_tce, q).toBeUndefined();
      expect(r.problems[0]!.zh, q).toContain('范围');
    }
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
