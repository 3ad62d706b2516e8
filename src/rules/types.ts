/**
 * The rule module's public shapes. Types are derived from the zod schemas (`schema.ts`) so the
 * CLI's `--json` output, the bot and the reports layer all see one definition.
 */
import type { z } from 'zod';
import type { factsSchema, monthlyFigureSchema, problemSchema, rangeSchema, ruleAnswerSchema, ruleCitationSchema, ruleIdSchema, townTypeSchema } from './schema.ts';

export const RULE_IDS = ['energy-review', 'eia', 'specialty-town', 'quarterly-quota', 'targets'] as const;
export type RuleId = z.infer<typeof ruleIdSchema>;

/** Outcome words per rule (design.md § Rule outcome words; `targets` is this module's own). */
export const OUTCOMES = {
  'energy-review': ['exempt', 'required', 'undetermined'],
  eia: ['exempt', 'required', 'undetermined'],
  'specialty-town': ['eligible', 'not_eligible', 'discretionary', 'undetermined'],
  'quarterly-quota': ['met', 'not_met', 'undetermined', 'on_track', 'at_risk'],
  targets: ['listed', 'achieved', 'not_achieved', 'in_progress', 'undetermined'],
} as const satisfies Record<RuleId, readonly string[]>;
/** The outcome words rule `R` can answer with. */
export type Outcome<R extends RuleId> = (typeof OUTCOMES)[R][number];

export type TownType = z.infer<typeof townTypeSchema>;
export type Facts = z.infer<typeof factsSchema>;
/** A figure known only by its bounds (不到1000吨, 800-900吨). */
export type Range = z.infer<typeof rangeSchema>;
export type FactKey = keyof Facts;
export type Problem = z.infer<typeof problemSchema>;
export type MonthlyFigure = z.infer<typeof monthlyFigureSchema>;
export type RuleCitation = z.infer<typeof ruleCitationSchema>;
export type RuleAnswer = z.infer<typeof ruleAnswerSchema>;
