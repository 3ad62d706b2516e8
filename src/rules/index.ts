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
import { extractFacts, readYesNo } from './facts.ts';
import { FACT_DEFS, formatQuantity, formatQuantityEn, formatRange, formatRangeEn, RULE_FACTS } from './factDefs.ts';
import { isRange } from './common.ts';
import { energyReviewRequirement, evaluateEnergyReview } from './energy-review.ts';
import { eiaRequirement, evaluateEia } from './eia.ts';
import { evaluateSpecialtyTown, specialtyTownRequirement } from './specialty-town.ts';
import { evaluateQuotaFacts, quarterlyQuotaRequirement } from './quarterly-quota.ts';
import { evaluateTargets } from './targets.ts';
import { asksWhatRuleRequires, MAX_QUESTION_CHARS, routeQuestion } from './route.ts';
import { DOC_AREAS, isoDay } from './parameters.ts';
import { areaName, outsideArea, type AreaId } from './places.ts';
import type { Localized } from '../text/locale.ts';
import { basis, basisEn, uniqueCitations, withProblems, type Requirement } from './common.ts';
import { withoutCourtesy } from '../text/courtesy.ts';
import type { FactKey, Facts, MonthlyFigure, Problem, RuleAnswer, RuleId } from './types.ts';

export { routeQuestion, ROUTES } from './route.ts';
export { extractFacts, readYesNo } from './facts.ts';
export { FACT_DEFS, RULE_FACTS, bareFigureAnswer, formatQuantity } from './factDefs.ts';
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
    case 'energy-review': return forItsArea(evaluateEnergyReview(facts, now));
    case 'eia': return forItsArea(evaluateEia(facts, now));
    case 'specialty-town': return forItsArea(evaluateSpecialtyTown(facts, now));
    case 'quarterly-quota': {
      const { outbound_trips: _t, projects_docked: _d, stillNeeded: _s, monthsLeft: _m, ...a } = evaluateQuotaFacts(facts, now);
      // The quota binds the units of the document's area (晋城's counties and zones): another city's unit gets no verdict.
      return forItsArea(a);
    }
    case 'targets': return evaluateTargets(facts, now);
  }
}

/**
 * A verdict only for a project or town inside the area of every document it cites. The documents
 * are local measures (Jincheng's, Chengqu's): a careful officer asked about a project in 太原市 would
 * not apply Jincheng's exemption there, nor say "exempt" with a footnote — another city's own rules
 * may differ. So the answer gives no verdict, says whose rule the clause is and where it applies,
 * and still shows the clause.
 */
function forItsArea(a: RuleAnswer): RuleAnswer {
  const named = a.facts.places ?? [];
  if (named.length === 0) return a;
  const docs = [...new Set(a.citations.map((c) => c.docNo))].filter((d): d is keyof typeof DOC_AREAS => d in DOC_AREAS);
  const outside = docs.map((d) => ({ d, where: outsideArea(named, DOC_AREAS[d].area) })).filter((x) => x.where.length > 0);
  if (outside.length === 0) return a;
  const where = [...new Set(outside.flatMap((x) => x.where))];
  const what = a.rule === 'specialty-town' ? { zh: '专业镇', en: 'town' } : a.rule === 'quarterly-quota' ? { zh: '单位', en: 'unit' } : { zh: '项目', en: 'project' };
  const whose = outside.map(({ d }) => `${d}是${DOC_AREAS[d].issuer}印发的${areaName(DOC_AREAS[d].area).zh}规定，适用于${areaScope(DOC_AREAS[d].area).zh}`).join('；');
  const whoseEn = outside.map(({ d }) => `${d} is a ${areaName(DOC_AREAS[d].area).en} measure (issued by ${DOC_AREAS[d].issuer}) and applies in ${areaScope(DOC_AREAS[d].area).en}`).join('; ');
  const cs = a.citations.map((c) => ({ docNo: c.docNo, path: c.path, quote: c.text }));
  return {
    ...a,
    outcome: 'undetermined',
    missing: [],
    explanation: `${what.zh}在${where.join('、')}，不在所引规定的适用范围内：${whose}。不能据此对${where.join('、')}的${what.zh}作出判断，请以当地的规定为准。${basis(cs)}`,
    explanationEn: `The ${what.en} is in ${where.join(', ')}, outside the area of the rule cited: ${whoseEn}. No verdict is given from it for a ${what.en} there; please check the local rules. ${basisEn(cs)}`,
  };
}

/** An area with the units it covers, as a person reads the scope of a document. */
function areaScope(id: AreaId): { zh: string; en: string } {
  if (id === 'jincheng') return { zh: '晋城市（城区、泽州县、高平市、阳城县、陵川县、沁水县及各开发区）', en: 'Jincheng city (Chengqu, Zezhou, Gaoping, Yangcheng, Lingchuan, Qinshui and its development zones)' };
  return areaName(id);
}

export interface AnswerOptions extends EvaluateOptions {
  /** Facts gathered earlier in the conversation; new statements override them. */
  priorFacts?: Facts;
  /** Force the rule (a follow-up answer such as "300万度" names no rule itself). */
  ruleId?: RuleId;
  /** The facts the previous reply asked for: a bare 否 / 是的 / no answers the first yes/no one. */
  expecting?: string[];
  /** Monthly figures an earlier answer held (RuleAnswer.monthly): a follow-up adds the missing months to them. */
  priorMonths?: readonly MonthlyFigure[];
}

/**
 * Answer a question (or a follow-up answer) with a rule, or return `null` when it is not a rule
 * question and no `ruleId` was given — the caller then searches the clauses instead.
 */
export function answerQuestion(full: string, opts: AnswerOptions = {}): RuleAnswer | null {
  // A text longer than a question is read only so far (route.ts), and the answer says so: what the
  // unread part says could change the verdict, so none is given from the part read.
  const cut = full.length > MAX_QUESTION_CHARS;
  const message = cut ? full.slice(0, MAX_QUESTION_CHARS) : full;
  // 您好，… 谢谢 / Hi, … Thanks!: the thanks is no answer to the yes/no question before it. A message
  // that is only courtesy (好的谢谢) is read as it is: the caller decides what a remark means.
  const question = withoutCourtesy(message) || message;
  const ruleId = opts.ruleId ?? routeQuestion(question);
  if (!ruleId) return null;
  const now = opts.now ?? new Date();
  const { facts, problems, notes, monthly } = extractFacts(ruleId, question, undefined, { now, earlierMonths: opts.priorMonths ?? [] });
  const yesNo = readYesNo(question);
  const asked = (opts.expecting ?? []).find((k) => FACT_DEFS[k as FactKey]?.no && RULE_FACTS[ruleId].includes(k as FactKey)) as FactKey | undefined;
  if (Object.keys(facts).length === 0 && yesNo !== undefined && asked) (facts as Record<string, unknown>)[asked] = yesNo;
  const extra: Problem[] = [...problems];
  if (cut) {
    extra.push({
      zh: `问题太长（共${full.length}字），只读了前${MAX_QUESTION_CHARS}字，其余部分没有读取；请把问题缩短到${MAX_QUESTION_CHARS}字以内，只写与项目有关的情况。`,
      en: `The question is too long (${full.length} characters); only the first ${MAX_QUESTION_CHARS} were read and the rest was not. Please shorten it to ${MAX_QUESTION_CHARS} characters or fewer, keeping only the facts of the case.`,
    });
  }
  const text = question.trim();
  if (opts.ruleId && Object.keys(facts).length === 0 && problems.length === 0 && text !== '' && !routeQuestion(text)) {
    extra.push({
      zh: `没能从「${text}」中读出任何相关信息，请换个说法（例如“年用电300万千瓦时”“不涉密”）。`,
      en: `Could not read anything relevant from "${text}"; please rephrase (e.g. "300 million kWh a year", "no state secrets").`,
    });
  }
  const { facts: merged, kept } = mergeFacts(opts.priorFacts ?? {}, facts);
  const a = withHeld(withNotes(withProblems(evaluate(ruleId, merged, { now }), extra), notes), monthly);
  const stated = a.outcome === 'undetermined' && a.problems.length === 0 && !(Object.keys(merged) as FactKey[]).some((k) => !WHEN_FACTS.has(k)) && asksWhatRuleRequires(ruleId, text)
    ? REQUIREMENTS[ruleId]?.(merged.date ?? isoDay(now))
    : null;
  if (stated) return statingRequirement(a, stated);
  if (kept.length === 0 || Object.keys(facts).length === 0) return a;
  // A what-if (那如果年用电600万千瓦时呢) re-evaluates with what was said before: say which facts were kept.
  return {
    ...a,
    keptFacts: kept,
    explanation: `沿用之前提供的信息：${kept.map((k) => factText(k, merged[k])).join('；')}。${a.explanation}`,
    explanationEn: `Kept from earlier: ${kept.map((k) => factTextEn(k, merged[k])).join('; ')}. ${a.explanationEn}`,
  };
}

/** The monthly figures still waiting for other months, kept on the answer for a follow-up. */
function withHeld(a: RuleAnswer, monthly: MonthlyFigure[]): RuleAnswer {
  return monthly.length > 0 ? { ...a, monthly } : a;
}

/** Notes on how the question was read (a policy quoted in it), before the explanation. */
function withNotes(a: RuleAnswer, notes: Localized[]): RuleAnswer {
  if (notes.length === 0) return a;
  notes = notes.filter((n, i) => notes.findIndex((o) => o.zh === n.zh) === i);
  return {
    ...a,
    explanation: `${notes.map((n) => n.zh).join('')}${a.explanation}`,
    explanationEn: `${notes.map((n) => n.en).join(' ')} ${a.explanationEn}`,
  };
}

/**
 * Facts that say when or where, not what: a question naming only these still asks for the rule
 * itself, and a follow-up naming only these answers nothing the rule asked (unless it asked for one).
 */
export const WHEN_FACTS: ReadonlySet<FactKey> = new Set(['date', 'year', 'quarter', 'places']);

/** Each rule stated plainly; `targets` has none, since its `listed` answer already states them. */
const REQUIREMENTS: Partial<Record<RuleId, (day: string) => Requirement | null>> = {
  'energy-review': energyReviewRequirement,
  eia: eiaRequirement,
  'specialty-town': specialtyTownRequirement,
  'quarterly-quota': quarterlyQuotaRequirement,
};

/**
 * The answer to a question that asks what the rule requires: the rule stated, then the facts that
 * would judge one case (still in `missing`, so a follow-up can judge it), then its clauses.
 */
function statingRequirement(a: RuleAnswer, r: Requirement): RuleAnswer {
  return {
    ...a,
    requirement: { zh: r.zh, en: r.en },
    explanation: `${r.zh}${basis(r.citations)}`,
    explanationEn: `${r.en} ${basisEn(r.citations)}`,
    citations: uniqueCitations([...r.citations, ...a.citations.map((c) => ({ docNo: c.docNo, path: c.path, quote: c.text }))]),
  };
}

/**
 * Merges the facts of a new question into those gathered earlier in the conversation: what the
 * new question says wins, the rest is kept. `kept` lists the earlier facts still in force, so the
 * answer can say what it assumed.
 *
 * ```ts
 * mergeFacts({ energy_tce: 800, electricity_kwh: 3e6 }, { electricity_kwh: 6e6 })
 * // { facts: { energy_tce: 800, electricity_kwh: 6e6 }, kept: ['energy_tce'] }
 * ```
 */
export function mergeFacts(earlier: Facts, now: Facts): { facts: Facts; kept: FactKey[] } {
  const kept = (Object.keys(earlier) as FactKey[]).filter((k) => earlier[k] !== undefined && now[k] === undefined);
  return { facts: { ...earlier, ...now }, kept };
}

const TOWN_ZH = { manufacturing: '制造业类', agriculture: '特优农业类', light_industry: '轻工类' } as const;

/** A fact as a person reads it: `年综合能源消费量 800吨标准煤`, `是否涉及国家秘密：否`. */
export function factText(key: FactKey, v: unknown): string {
  const label = FACT_DEFS[key]?.label.zh ?? key;
  if (typeof v === 'number' && FACT_DEFS[key]?.dimension) return `${label} ${formatQuantity(key, v)}`;
  if (isRange(v)) return `${label} ${formatRange(key, v)}`;
  if (Array.isArray(v)) return `项目所在地：${v.join('、')}`;
  if (typeof v === 'boolean') return `${label}：${v ? '是' : '否'}`;
  if (key === 'town_type') return `${label}：${TOWN_ZH[v as keyof typeof TOWN_ZH] ?? String(v)}`;
  return `${label} ${String(v)}`;
}
export function factTextEn(key: FactKey, v: unknown): string {
  const label = FACT_DEFS[key]?.label.en ?? key;
  if (typeof v === 'number' && FACT_DEFS[key]?.dimension) return `${label} ${formatQuantityEn(key, v)}`;
  if (isRange(v)) return `${label} ${formatRangeEn(key, v)}`;
  if (Array.isArray(v)) return `place: ${v.join(', ')}`;
  if (typeof v === 'boolean') return `${label}: ${v ? 'yes' : 'no'}`;
  return `${label}: ${String(v).replace(/_/g, ' ')}`;
}
