/**
 * The rule module: verdicts on policy questions with the clause they rest on, shared by `ask`
 * (CLI, console, chat) and the reports layer (quota compliance, target progress).
 *
 * ```ts
 * const a = answerQuestion('年综合能源消费量800吨标准煤的项目需要节能审查吗');
 * a?.outcome          // 'undetermined'
 * a?.missing[0].fact  // 'electricity_kwh'
 * // the user answers the follow-up; facts gathered so far are passed back in:
 * answerQuestion('300万度', { ruleId: a!.rule, priorFacts: a!.facts })?.outcome // 'exempt'
 * ```
 *
 * Every answer is `undetermined` when part of the input could not be understood (`problems`),
 * and every citation's `text` is verbatim from the clause at `docNo` + `path`.
 */
import { extractFacts } from './facts.ts';
import { evaluateEnergyReview } from './energy-review.ts';
import { evaluateEia } from './eia.ts';
import { evaluateSpecialtyTown } from './specialty-town.ts';
import { evaluateQuotaFacts } from './quarterly-quota.ts';
import { evaluateTargets } from './targets.ts';
import { routeQuestion } from './route.ts';
import { withProblems } from './common.ts';
import type { Facts, Problem, RuleAnswer, RuleId } from './types.ts';

export { routeQuestion, ROUTES } from './route.ts';
export { extractFacts, FACT_DEFS, RULE_FACTS, formatQuantity } from './facts.ts';
export { evaluateQuarterlyQuota, quarterMonths, currentQuarter, type MonthFigures, type QuotaInput, type QuotaAnswer } from './quarterly-quota.ts';
export { targetsFor, targetsExplanation, targetProgress, METRIC_LABELS, type TargetItem, type TargetProgress } from './targets.ts';
export { PARAMETERS, PROVISIONS, TARGETS, QUALITATIVE_CRITERIA, DOC_DATES, allCitations, param, provision, type Parameter, type Citation } from './parameters.ts';
export { and, or, not, known, 不满, 超过, 以上, 以下, 以内, 不少于, COMPARATORS, INCLUDES_NUMBER, type Tri, type ComparatorWord } from './logic.ts';
export * from './types.ts';

export interface EvaluateOptions {
  /** The clock ("today"); defaults to the real time. Dates named in the facts take precedence. */
  now?: Date;
}

/**
 * Apply rule `ruleId` to `facts`. Unknown facts make conditions unknown, never false; the answer
 * lists in `missing` only the facts that could still change the verdict, most decisive first.
 */
export function evaluate(ruleId: RuleId, facts: Facts, opts: EvaluateOptions = {}): RuleAnswer {
  const now = opts.now ?? new Date();
  switch (ruleId) {
    case 'energy-review': return evaluateEnergyReview(facts, now);
    case 'eia': return evaluateEia(facts, now);
    case 'specialty-town': return evaluateSpecialtyTown(facts, now);
    case 'quarterly-quota': {
      const { outbound_trips: _t, projects_docked: _d, stillNeeded: _s, monthsLeft: _m, ...a } = evaluateQuotaFacts(facts, now);
      return a;
    }
    case 'targets': return evaluateTargets(facts, now);
  }
}

export interface AnswerOptions extends EvaluateOptions {
  /** Facts gathered earlier in the conversation; new statements override them. */
  priorFacts?: Facts;
  /** Force the rule (a follow-up answer such as "300万度" names no rule itself). */
  ruleId?: RuleId;
}

/**
 * Answer a question (or a follow-up answer) with a rule, or return `null` when it is not a rule
 * question and no `ruleId` was given — the caller then searches the clauses instead.
 */
export function answerQuestion(question: string, opts: AnswerOptions = {}): RuleAnswer | null {
  const ruleId = opts.ruleId ?? routeQuestion(question);
  if (!ruleId) return null;
  const now = opts.now ?? new Date();
  const { facts, problems } = extractFacts(ruleId, question, undefined, { now });
  const extra: Problem[] = [...problems];
  const text = question.trim();
  if (opts.ruleId && Object.keys(facts).length === 0 && problems.length === 0 && text !== '' && !routeQuestion(text)) {
    extra.push({
      zh: `没能从「${text}」中读出任何相关信息，请换个说法（例如“年用电300万千瓦时”“不涉密”）。`,
      en: `Could not read anything relevant from "${text}"; please rephrase (e.g. "300 million kWh a year", "no state secrets").`,
    });
  }
  const merged: Facts = { ...(opts.priorFacts ?? {}), ...facts };
  return withProblems(evaluate(ruleId, merged, { now }), extra);
}
