/** Shared pieces for building rule answers: citations, missing-fact questions, "not covered" answers. */
import { FACT_DEFS, formatQuantity, formatQuantityEn, formatRange, formatRangeEn } from './factDefs.ts';
import type { Citation } from './parameters.ts';
import type { FactKey, Facts, Problem, Range, RuleAnswer, RuleCitation, RuleId } from './types.ts';

export function cite(c: Citation): RuleCitation {
  return { docNo: c.docNo, path: c.path, text: c.quote };
}

/** Citations without duplicates (two parameters often share one clause quote). */
export function uniqueCitations(cs: Citation[]): RuleCitation[] {
  const seen = new Set<string>();
  const out: RuleCitation[] = [];
  for (const c of cs) {
    const k = `${c.docNo}|${c.path}|${c.quote}`;
    if (!seen.has(k)) { seen.add(k); out.push(cite(c)); }
  }
  return out;
}

/** `依据：晋市政办〔2024〕32号 二、（五）9「…」` */
export function basis(cs: Citation[]): string {
  return '依据：' + uniqueCitations(cs).map((c) => `${c.docNo} ${c.path}「${c.text}」`).join('；');
}
export function basisEn(cs: Citation[]): string {
  return 'Source: ' + uniqueCitations(cs).map((c) => `${c.docNo} ${c.path}`).join('; ');
}

/** A rule stated plainly (the answer to 要求是什么), with the clauses it rests on. */
export interface Requirement {
  zh: string;
  en: string;
  citations: Citation[];
}

export function missingOf(keys: FactKey[]): RuleAnswer['missing'] {
  return keys.map((fact) => ({ fact, question: FACT_DEFS[fact]!.question }));
}

export function label(key: FactKey): string {
  return FACT_DEFS[key]!.label.zh;
}
export function labelEn(key: FactKey): string {
  return FACT_DEFS[key]!.label.en;
}

/** `年综合能源消费量 800吨标准煤`, `年综合能源消费量 不到1000吨标准煤` or `年综合能源消费量未知`. */
export function said(facts: Facts, key: FactKey): string {
  const v = facts[key];
  if (typeof v === 'number') return `${label(key)} ${formatQuantity(key, v)}`;
  if (isRange(v)) return `${label(key)} ${formatRange(key, v)}`;
  return `${label(key)}未知`;
}
export function saidEn(facts: Facts, key: FactKey): string {
  const v = facts[key];
  if (typeof v === 'number') return `${labelEn(key)} ${formatQuantityEn(key, v)}`;
  if (isRange(v)) return `${labelEn(key)} ${formatRangeEn(key, v)}`;
  return `${labelEn(key)} unknown`;
}

/** A figure known only by its bounds (不到1000吨), not an exact number. */
export function isRange(v: unknown): v is Range {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ('lower' in v || 'upper' in v);
}

export function answer(
  rule: RuleId,
  outcome: string,
  parts: { missing?: RuleAnswer['missing']; explanation: string; explanationEn: string; citations: RuleCitation[]; facts: Facts; problems?: Problem[]; toAssess?: RuleAnswer['toAssess'] },
): RuleAnswer {
  return {
    kind: 'rule',
    rule,
    outcome,
    missing: parts.missing ?? [],
    explanation: parts.explanation,
    explanationEn: parts.explanationEn,
    citations: parts.citations,
    facts: parts.facts,
    problems: parts.problems ?? [],
    ...(parts.toAssess ? { toAssess: parts.toAssess } : {}),
  };
}

/** The answer for a date no parameter covers: say so rather than apply a rule that was not in force. */
export function notCovered(rule: RuleId, day: string, from: string | null, facts: Facts, cs: Citation[]): RuleAnswer {
  const zh = from
    ? `所问日期 ${day} 早于相关政策施行日期 ${from}，政策不覆盖该日期，无法据此作出判断。`
    : `所问日期 ${day} 不在任何相关政策的有效期内，政策不覆盖该日期，无法据此作出判断。`;
  const en = from
    ? `The date asked about (${day}) is before the policy took effect (${from}); the policy does not cover that date, so no verdict is given.`
    : `The date asked about (${day}) is outside every relevant policy's period; the policy does not cover that date.`;
  return answer(rule, 'undetermined', { explanation: `${zh}${basis(cs)}`, explanationEn: `${en} ${basisEn(cs)}`, citations: uniqueCitations(cs), facts });
}

/**
 * Misread input never yields a confident verdict it depends on. A problem that concerns one fact
 * leaves that fact unset; when the rule still decides without it (用电600万 alone makes the review
 * required, whatever the hedged 大概800吨 is), the verdict stands and the answer says the unclear
 * figure did not matter. Otherwise the outcome is `undetermined` and the explanation draws no
 * conclusion, so heading and body always agree.
 */
export function withProblems(a: RuleAnswer, problems: Problem[]): RuleAnswer {
  if (problems.length === 0) return a;
  const list = problems.map((p) => p.zh).join('');
  const listEn = problems.map((p) => p.en).join(' ');
  const decidedWithout = a.outcome !== 'undetermined' && problems.every((p) => p.fact !== undefined && !a.missing.some((m) => m.fact === p.fact));
  if (decidedWithout) {
    return {
      ...a,
      problems: [...a.problems, ...problems],
      explanation: `${list}这一项不影响结论：${a.explanation}`,
      explanationEn: `${listEn} That figure does not change the verdict: ${a.explanationEn}`,
    };
  }
  const sources = a.citations.map((c) => `${c.docNo} ${c.path}「${c.text}」`).join('；');
  const sourcesEn = a.citations.map((c) => `${c.docNo} ${c.path}`).join('; ');
  return {
    ...a,
    outcome: 'undetermined',
    problems: [...a.problems, ...problems],
    explanation: a.outcome === 'undetermined'
      ? `有的说法不能直接用于判断，暂不下结论：${list}${a.explanation}`
      : `有的说法不能直接用于判断，暂不下结论：${list}请核实后再问，届时按原文条款判断。${sources ? `依据：${sources}` : ''}`,
    explanationEn: a.outcome === 'undetermined'
      ? `Part of the input cannot be used as stated, so no verdict yet: ${listEn} ${a.explanationEn}`
      : `Part of the input cannot be used as stated, so no verdict yet: ${listEn} Please check it and ask again.${sourcesEn ? ` Source: ${sourcesEn}` : ''}`,
  };
}
