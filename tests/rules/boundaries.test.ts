/**
 * Boundary cases generated from the parameters themselves: for every threshold v the rule is run
 * at v − ε, v and v + ε, and the verdict must follow the legal word (民法典 第一千二百五十九条:
 * 以上/以下/以内/不少于 include v; 不满/超过 exclude it). A new parameter gets its cases for free.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPARATORS, INCLUDES_NUMBER, PARAMETERS, TARGETS, evaluate, targetProgress,
  type Facts, type Parameter, type RuleId,
} from '../../src/rules/index.ts';

const NOW = new Date('2025-05-10T10:00:00+08:00');

/** For each parameter family: the rule, facts that pass every other condition, and the verdicts. */
function setup(p: Parameter): { rule: RuleId; base: Facts; holds: string; fails: string } {
  if (p.id.startsWith('energy.')) {
    return { rule: 'energy-review', base: { energy_tce: 1, electricity_kwh: 1, state_secret: false }, holds: 'exempt', fails: 'required' };
  }
  if (p.id.startsWith('quota.')) {
    return { rule: 'quarterly-quota', base: { quarter: '2025-Q1', outbound_trips: 5, projects_docked: 5 }, holds: 'met', fails: 'not_met' };
  }
  const type = p.id.startsWith('town.output.') ? (p.id.split('.')[2] as Facts['town_type']) : 'manufacturing';
  return {
    rule: 'specialty-town',
    base: { town_type: type, annual_output_yuan: 1e9, leading_enterprises: 5, supporting_firms: 50, gi_status: false },
    holds: 'eligible',
    fails: 'not_eligible',
  };
}

describe('generated boundary cases for every threshold parameter', () => {
  for (const p of PARAMETERS) {
    const { rule, base, holds, fails } = setup(p);
    const eps = 1;
    for (const [label, x] of [['v−ε', p.value - eps], ['v', p.value], ['v+ε', p.value + eps]] as const) {
      const expectHolds = COMPARATORS[p.comparator](x, p.value) === 'T';
      it(`${p.id}: ${p.comparator}${p.display} at ${label} (${x}${p.unit}) → ${expectHolds ? holds : fails}`, () => {
        const a = evaluate(rule, { ...base, [p.fact]: x }, { now: NOW });
        expect(a.outcome, a.explanation).toBe(expectHolds ? holds : fails);
        expect(a.citations.map((c) => c.path)).toContain(p.citation.path);
      });
    }
    it(`${p.id}: the number itself ${INCLUDES_NUMBER[p.comparator] ? 'satisfies' : 'does not satisfy'} 「${p.comparator}」`, () => {
      expect(COMPARATORS[p.comparator](p.value, p.value)).toBe(INCLUDES_NUMBER[p.comparator] ? 'T' : 'F');
    });
  }

  for (const t of TARGETS.filter((x) => x.level === 'city')) {
    for (const [label, x] of [['v−ε', t.value - 1], ['v', t.value], ['v+ε', t.value + 1]] as const) {
      const reached = COMPARATORS[t.comparator](x, t.value);
      it(`city target ${t.year} ${t.metric} ${t.display} at ${label} → ${reached === 'T' ? 'reached' : 'not reached'}`, () => {
        const p = targetProgress(t.year, { [t.metric]: x }).find((q) => q.level === 'city' && q.metric === t.metric)!;
        expect(p.reached).toBe(reached);
      });
    }
  }

  it('every threshold parameter carries a unit, a start date and a citation', () => {
    for (const p of [...PARAMETERS]) {
      expect(p.unit).toBeTruthy();
      expect(p.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.citation.quote.length).toBeGreaterThan(5);
    }
  });
});
