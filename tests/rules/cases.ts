/** Loads tests/rules/cases.yaml and answers a case the way the CLI and bot would. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { answerQuestion, evaluate, evaluateQuarterlyQuota, type Facts, type MonthFigures, type RuleAnswer, type RuleId } from '../../src/rules/index.ts';

export interface RuleCase {
  name: string;
  question?: string;
  facts?: Facts;
  followUps?: string[];
  quarter?: string;
  months?: MonthFigures[];
  rule?: RuleId | 'none';
  outcome?: string;
  missing?: string[];
  cites?: string;
  problems?: boolean;
  says?: string;
  /** Text the Chinese explanation must NOT contain (a conclusion the heading contradicts). */
  notSays?: string;
  /** The answer states the rule's requirement (asked what the rule requires, no figures given). */
  states?: boolean;
  now?: string;
}

export const CASES: RuleCase[] = parse(readFileSync(new URL('./cases.yaml', import.meta.url), 'utf8'));

/** Answer one case the way the CLI and bot would: route, answer, then feed follow-ups back in. */
export function runCase(c: RuleCase): RuleAnswer | null {
  const now = new Date(`${c.now ?? '2025-05-10'}T10:00:00+08:00`);
  if (c.months) return evaluateQuarterlyQuota({ quarter: c.quarter!, months: c.months, now });
  if (c.facts) {
    const facts = { ...c.facts } as Facts;
    if (facts.date !== undefined) facts.date = String(facts.date);
    return evaluate(c.rule as RuleId, facts, { now });
  }
  let a = answerQuestion(c.question!, { now });
  // As the bot carries a conversation (features/policy/followUps.ts): facts and held monthly figures.
  for (const f of c.followUps ?? []) a = answerQuestion(f, { now, ruleId: a!.rule, priorFacts: a!.facts, priorMonths: a!.monthly });
  return a;
}

