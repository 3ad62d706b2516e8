/**
 * Runs tests/rules/cases.yaml: each case a policy officer wrote is one test, named after the case.
 */
import { describe, expect, it } from 'vitest';
import { answerQuestion, routeQuestion, OUTCOMES, RULE_IDS } from '../../src/rules/index.ts';
import { ruleAnswerSchema } from '../../src/rules/schema.ts';
import { CASES, runCase } from './cases.ts';

describe('rule cases (tests/rules/cases.yaml)', () => {
  it('the case file is readable and every case has a name and an expectation', () => {
    expect(CASES.length).toBeGreaterThan(40);
    for (const c of CASES) {
      expect(c.name, JSON.stringify(c)).toBeTruthy();
      expect(c.outcome !== undefined || c.rule === 'none', c.name).toBe(true);
    }
  });

  for (const c of CASES) {
    it(c.name, () => {
      if (c.question && c.rule && !c.followUps) {
        expect(routeQuestion(c.question)).toBe(c.rule === 'none' ? null : c.rule);
      }
      if (c.rule === 'none') {
        expect(answerQuestion(c.question!)).toBeNull();
        return;
      }
      const a = runCase(c)!;
      expect(a, 'not routed to a rule').not.toBeNull();
      ruleAnswerSchema.parse(a);
      if (c.rule) expect(a.rule).toBe(c.rule);
      expect((OUTCOMES[a.rule] as readonly string[]).includes(a.outcome)).toBe(true);
      expect(a.outcome, a.explanation).toBe(c.outcome);
      if (c.missing) expect(a.missing.map((m) => m.fact)).toEqual(c.missing);
      for (const m of a.missing) {
        expect(m.question.zh).toMatch(/[？?]$/);
        expect(m.question.en).toMatch(/\?$/);
      }
      if (c.cites) expect(a.citations.map((x) => x.path)).toContain(c.cites);
      expect(a.citations.length).toBeGreaterThan(0);
      if (c.problems) expect(a.problems.length).toBeGreaterThan(0);
      else expect(a.problems).toEqual([]);
      if (c.says) expect(a.explanation).toContain(c.says);
      if (c.notSays) expect(a.explanation).not.toContain(c.notSays);
      if (c.states !== undefined) expect(a.requirement !== undefined, 'states the requirement').toBe(c.states);
      // No internal words in Chinese; no Chinese units or full-width colons in English.
      expect(a.explanation).not.toMatch(/\b(?:required|exempt|listed|undetermined|met|not_met|on_track|at_risk)\b/);
      expect(a.explanationEn.replace(/Source: .*$/, "").replace(/"[^"]*"/g, "")).not.toMatch(/[\d\s](?:吨标准煤|千瓦时|万|亿元|个|次|家|户)|：/);
      expect(a.explanation).toContain('依据');
      expect(a.explanationEn.length).toBeGreaterThan(0);
    });
  }

  it('every rule and every outcome word of it is exercised by at least one case', () => {
    const seen = new Map<string, Set<string>>();
    for (const c of CASES) {
      if (c.rule === 'none') continue;
      const a = runCase(c)!;
      if (!seen.has(a.rule)) seen.set(a.rule, new Set());
      seen.get(a.rule)!.add(a.outcome);
    }
    for (const rule of RULE_IDS) {
      const expected = rule === 'targets' ? ['listed', 'achieved', 'undetermined'] : OUTCOMES[rule];
      for (const o of expected) expect(seen.get(rule)?.has(o), `${rule} → ${o}`).toBe(true);
    }
  });

  it('every exception is exercised: state secrets, EIA demo zone, GI relaxation, dates outside the policy', () => {
    const answers = CASES.filter((c) => c.rule !== 'none').map((c) => runCase(c)!);
    expect(answers.some((a) => a.rule === 'energy-review' && a.outcome === 'exempt' && a.facts.state_secret === true)).toBe(true);
    expect(answers.some((a) => a.rule === 'eia' && a.citations.some((x) => x.docNo === '晋市政办〔2025〕4号'))).toBe(true);
    expect(answers.some((a) => a.rule === 'specialty-town' && a.outcome === 'discretionary')).toBe(true);
    expect(answers.filter((a) => a.explanation.includes('不覆盖')).map((a) => a.rule).sort()).toEqual(
      expect.arrayContaining(['energy-review', 'eia', 'specialty-town', 'quarterly-quota', 'targets']),
    );
  });
});
