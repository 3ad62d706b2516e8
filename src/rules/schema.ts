/**
 * The zod schemas of the rule module's public shapes (`types.ts` derives the types from them).
 * Kept apart so a start builds none of them: only what validates a rule answer against its schema
 * (the tests) imports this module, and the rules themselves need the types alone.
 */
import * as z from 'zod';
import { localizedSchema } from '../text/locale.ts';
import { RULE_IDS } from './types.ts';

export const ruleIdSchema = z.enum(RULE_IDS);

export const townTypeSchema = z.enum(['manufacturing', 'agriculture', 'light_industry']);

/**
 * What a person said of a figure when it was not one number: `不到1000吨` is `{ upper: 1000,
 * upperIncluded: false }`, `800-900吨` both ends included. A side left out is open.
 */
export const rangeSchema = z.object({
  lower: z.number().optional(),
  lowerIncluded: z.boolean().optional(),
  upper: z.number().optional(),
  upperIncluded: z.boolean().optional(),
});
/** An exact figure, or the range a bound word states (the comparators decide when it settles them). */
const figureSchema = z.union([z.number(), rangeSchema]);

/** Facts a rule may use. Quantities are in base units: 吨标准煤, 千瓦时, 元, counts. */
export const factsSchema = z.object({
  energy_tce: figureSchema.optional(),
  electricity_kwh: figureSchema.optional(),
  state_secret: z.boolean().optional(),
  eia_listed: z.boolean().optional(),
  in_demo_zone: z.boolean().optional(),
  town_type: townTypeSchema.optional(),
  annual_output_yuan: figureSchema.optional(),
  leading_enterprises: figureSchema.optional(),
  supporting_firms: figureSchema.optional(),
  gi_status: z.boolean().optional(),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/).optional(),
  outbound_trips: z.number().optional(),
  projects_docked: z.number().optional(),
  year: z.number().int().optional(),
  /** The day the question is about (YYYY-MM-DD), when the user names one. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  investment_in_place_yuan: z.number().optional(),
  projects_landed: z.number().optional(),
  /** Places the question names as where the project or town is (太原市, 泽州县), as written. */
  places: z.array(z.string()).optional(),
});

/**
 * A quarter's count given for one month (四月外出招商1次), read but not yet added up because months
 * of the quarter were missing: kept so that a follow-up giving those months completes the sum.
 */
export const monthlyFigureSchema = z.object({
  key: z.enum(['outbound_trips', 'projects_docked']),
  /** The calendar month, `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  value: z.number(),
  /** As the user wrote it (四月外出招商1次). */
  raw: z.string(),
});

/** Input that could not be understood; `fact` names the fact it concerns (left unset) when there is one. */
export const problemSchema = localizedSchema.extend({ fact: z.string().optional() });

export const ruleCitationSchema = z.object({ docNo: z.string(), path: z.string(), text: z.string() });

export const ruleAnswerSchema = z.object({
  kind: z.literal('rule'),
  rule: ruleIdSchema,
  outcome: z.string(),
  /** Facts still needed that could change the verdict, most decisive first. */
  missing: z.array(z.object({ fact: z.string(), question: localizedSchema })),
  /** Short trace in plain Chinese with the user's numbers and the clause. */
  explanation: z.string(),
  explanationEn: z.string(),
  /** Clauses the verdict rests on; `text` is verbatim from the clause. */
  citations: z.array(ruleCitationSchema),
  facts: factsSchema,
  /** What could not be understood (contradictions, bad units, unreadable text). */
  problems: z.array(problemSchema),
  /** Criteria the rule cannot decide and a person must still assess (specialty-town). */
  toAssess: z.array(localizedSchema.extend({ path: z.string() })).optional(),
  /** Facts from earlier in the conversation the verdict still rests on (a what-if keeps them). */
  keptFacts: z.array(z.string()).optional(),
  /**
   * The rule stated plainly, for a question that asks what the rule requires and gives no figures
   * (每季度外出招商要几次): the answer leads with it instead of "cannot judge yet".
   */
  requirement: localizedSchema.optional(),
  /** Monthly figures waiting for the quarter's other months (see {@link monthlyFigureSchema}). */
  monthly: z.array(monthlyFigureSchema).optional(),
});
