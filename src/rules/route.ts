/**
 * Which rule a question is about. The vocabulary is data: each rule lists the phrases that make a
 * question a rule question; anything else goes to clause search. A mention of a topic alone is not
 * enough where the documents also have non-rule content on it (专业镇 has a leading group, so
 * "城区专业镇领导小组组长是谁" is a search question; "专业镇认定标准" is a rule question).
 */
import type { RuleId } from './types.ts';
import { toSimplified } from '../text/simplify.ts';
import { splitEmbeddedTerms } from '../text/terms.ts';

/** Abbreviations in the patterns below; read only where they stand as words (not 能评 in 能评上). */
export const ABBREVIATIONS = ['能评', '环评', '涉密'] as const;

export const ROUTES: Array<{ rule: RuleId; patterns: RegExp[] }> = [
  {
    rule: 'quarterly-quota',
    patterns: [
      /季度.{0,12}(?:招商|任务|达标|外出|对接)|(?:招商|外出|对接).{0,12}季度/,
      /外出招商.{0,16}(?:达标|够|任务|完成|要求)/,
      /quarterly\s+(?:quota|target)|quota.{0,30}quarter|quarter.{0,30}(?:quota|trips|docked)|outbound\s+trips/i,
    ],
  },
  {
    rule: 'specialty-town',
    patterns: [
      /专业镇.{0,12}(?:认定|标准|条件|够|达到|符合|资格|评定|门槛)|(?:认定|评定|评上|评为|评得上|够不够|够格|符合).{0,12}专业镇/,
      /specialty[- ]town.{0,40}(?:qualif|eligib|criteria|threshold|recogni|standard)|(?:qualif|eligib|recogni).{0,40}specialty[- ]town/i,
    ],
  },
  {
    rule: 'energy-review',
    patterns: [/节能审查|能评|节能评估|能源审查/, /energy[- ](?:conservation\s+)?(?:review|assessment|audit)/i],
  },
  {
    rule: 'eia',
    patterns: [/环评|环境影响评价|环境影响报告|环保审批/, /\bEIA\b|environmental\s+impact/i],
  },
  {
    rule: 'targets',
    patterns: [
      /(?:20\d{2}|今年|明年|去年|年度).{0,10}(?:招商)?目标|目标.{0,8}(?:完成|进度|多少)/,
      /\btargets?\b.{0,30}(?:20\d{2}|year)|(?:20\d{2}|annual).{0,30}\btargets?\b/i,
    ],
  },
];

/**
 * The rule a question concerns, or `null` for a question that clause search should answer.
 *
 * ```ts
 * routeQuestion('这个项目需要节能审查吗')      // 'energy-review'
 * routeQuestion('市商务局负责哪些任务')        // null
 * ```
 */
export function routeQuestion(question: string): RuleId | null {
  const q = splitEmbeddedTerms(toSimplified(question).normalize('NFKC'), ABBREVIATIONS);
  // A question that names both energy review and EIA is answered for the one with figures given.
  const energy = ROUTES.find((r) => r.rule === 'energy-review')!.patterns.some((p) => p.test(q));
  const eia = ROUTES.find((r) => r.rule === 'eia')!.patterns.some((p) => p.test(q));
  if (energy && eia) return /吨|千瓦时|度|kwh|tce|涉密|secret/i.test(q) ? 'energy-review' : /名录|catalog/i.test(q) ? 'eia' : 'energy-review';
  for (const r of ROUTES) if (r.patterns.some((p) => p.test(q))) return r.rule;
  return null;
}
