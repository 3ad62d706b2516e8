/**
 * `quarterly-quota` — 晋市政办〔2024〕32号 二、（四）6: 各县（市、区）、各开发区 每季度外出招商次数不少于1次，
 * 对接项目不少于3个.
 *
 * A closed quarter is `met` / `not_met` / `undetermined` (a month without figures is unknown, never
 * zero and never met). The running quarter is `on_track` / `at_risk`: the policy gives no interim
 * pace, so this module reads "at risk" as: something is still needed and only the last month is
 * left, or the count is behind the even pace (⌊quota × months elapsed ÷ 3⌋).
 */
import { and, 不少于, type Tri } from './logic.ts';
import { param, type Parameter } from './parameters.ts';
import { answer, basis, basisEn, missingOf, notCovered, uniqueCitations, type Requirement } from './common.ts';
import type { FactKey, Facts, RuleAnswer } from './types.ts';
import { currentQuarter, monthOf, quarterMonths } from './timeFacts.ts';

export { currentQuarter, quarterMonths };

export type MonthFigures =
  | { month: string; outbound_trips: number; projects_docked: number }
  | { month: string; missing: true }
  /** Not reported yet, and its due day (early the next month) has not passed: in a running quarter it is still to come, not a gap. */
  | { month: string; notDue: true };

export interface QuotaInput {
  /** `YYYY-Qn` */
  quarter: string;
  /** The reporting unit (县/区/开发区), used in the explanation. */
  unit?: string;
  months: MonthFigures[];
  now: Date;
}

export type QuotaAnswer = RuleAnswer & {
  outbound_trips: number;
  projects_docked: number;
  stillNeeded: { outbound_trips: number; projects_docked: number };
  monthsLeft: number;
};

interface Core {
  quarter: string;
  unit?: string;
  trips: number | undefined;
  docked: number | undefined;
  /** Months of the quarter already over with no figures. */
  gaps: string[];
  now: Date;
  facts: Facts;
  /** A quarter in general (一个季度…达标了吗): judged as a whole quarter, whatever today is. */
  generic?: boolean;
}

function core(c: Core): QuotaAnswer {
  const months = quarterMonths(c.quarter);
  const lastDay = `${months[2]}-${new Date(Date.UTC(Number(months[2]!.slice(0, 4)), Number(months[2]!.slice(5)), 0)).getUTCDate()}`;
  const pT = param('quota.outbound_trips', lastDay);
  const pD = param('quota.projects_docked', lastDay);
  const extra = (a: RuleAnswer, left = 0): QuotaAnswer => ({
    ...a,
    outbound_trips: c.trips ?? 0,
    projects_docked: c.docked ?? 0,
    stillNeeded: {
      outbound_trips: pT ? Math.max(0, pT.value - (c.trips ?? 0)) : 0,
      projects_docked: pD ? Math.max(0, pD.value - (c.docked ?? 0)) : 0,
    },
    monthsLeft: left,
  });
  if (!pT || !pD) {
    return extra(notCovered('quarterly-quota', `${c.quarter}（截至 ${lastDay}）`, param('quota.outbound_trips', '9999-12-31')!.from, c.facts, [param('quota.outbound_trips', '9999-12-31')!.citation]));
  }
  const cs = [pT.citation];
  const nowMonth = monthOf(c.now);
  const who = c.unit ? `${c.unit} ` : '';
  const label = c.generic ? '一个季度' : c.quarter;
  const labelEn = c.generic ? 'One quarter' : c.quarter;
  if (!c.generic && nowMonth < months[0]!) {
    return extra(answer('quarterly-quota', 'undetermined', {
      explanation: `${who}${c.quarter} 尚未开始，无法判断季度任务完成情况。${basis(cs)}`,
      explanationEn: `${c.quarter} has not started yet. ${basisEn(cs)}`,
      citations: uniqueCitations(cs), facts: c.facts,
    }), 3);
  }
  const closed = c.generic || nowMonth > months[2]!;
  // Figures only grow as months come in, so totals that already reach the quota are met even
  // with a month missing; a shortfall with a month missing stays unknown.
  const reached = and(不少于(c.trips, pT.value), 不少于(c.docked, pD.value));
  const tripsOk = 不少于(c.gaps.length && reached !== 'T' ? undefined : c.trips, pT.value);
  const dockOk = 不少于(c.gaps.length && reached !== 'T' ? undefined : c.docked, pD.value);
  const all = and(tripsOk, dockOk);
  const fig = (v: number | undefined, unitZh: string) => (v === undefined ? '未知' : `${v}${unitZh}`);
  const status = `${who}${label}外出招商 ${fig(c.trips, '次')}、对接项目 ${fig(c.docked, '个')}`;
  const count = (v: number | undefined, one: string, many: string) => (v === undefined ? `unknown ${many}` : `${v} ${v === 1 ? one : many}`);
  const statusEn = `${c.unit ? c.unit + ', ' : ''}${labelEn}: ${count(c.trips, 'outbound trip', 'outbound trips')}, ${count(c.docked, 'project docked', 'projects docked')}`;
  const rule = `「${quotaWording(pT, pD)}」（不少于含本数）`;
  const gapZh = c.gaps.length ? `其中 ${c.gaps.join('、')} 未报数据，` : '';
  const gapEn = c.gaps.length ? ` No figures for ${c.gaps.join(', ')}.` : '';
  const missingFacts: FactKey[] = [];
  if (c.trips === undefined) missingFacts.push('outbound_trips');
  if (c.docked === undefined) missingFacts.push('projects_docked');

  if (closed) {
    let outcome: string;
    let zh: string;
    let en: string;
    if (c.gaps.length && all !== 'T') {
      outcome = 'undetermined';
      zh = `${status}，${gapZh}季度数据不完整，不能认定是否达到${rule}，请补报后再核。`;
      en = `${statusEn}.${gapEn} The quarter is incomplete, so the quota cannot be confirmed as met or not met.`;
    } else {
      outcome = all === 'T' ? 'met' : all === 'F' ? 'not_met' : 'undetermined';
      const verdict = all === 'T' ? '已达到' : all === 'F' ? '未达到' : '尚无法判断是否达到';
      zh = `${status}，${all === 'T' ? gapZh.replace(/，$/, '，但已报月份合计') : ''}${verdict}${rule}。`;
      en = `${statusEn}; the quota (at least ${pT.value} trip and ${pD.value} projects per quarter) is ${all === 'T' ? 'met' : all === 'F' ? 'not met' : 'not yet decidable'}.`;
    }
    const a = answer('quarterly-quota', outcome, {
      missing: ofQuarter(missingOf(outcome === 'undetermined' && !c.gaps.length ? missingFacts.filter((k) => (k === 'outbound_trips' ? tripsOk : dockOk) === 'U') : []), c.generic ? undefined : c.quarter),
      explanation: `${zh}${basis(cs)}`, explanationEn: `${en} ${basisEn(cs)}`, citations: uniqueCitations(cs), facts: c.facts,
    });
    return extra(a, 0);
  }

  // Running quarter.
  const idx = months.indexOf(nowMonth);
  const monthsLeft = 3 - idx; // the current month is still open
  const elapsed = idx; // whole months already over
  const out = extra(answer('quarterly-quota', 'undetermined', { explanation: '', explanationEn: '', citations: [], facts: c.facts }), monthsLeft);
  const need = out.stillNeeded;
  let outcome: string;
  let zh: string;
  let en: string;
  if (all === 'T') {
    outcome = 'met';
    zh = `${status}，已达到${rule}。`;
    en = `${statusEn}; the quota (at least ${pT.value} trip and ${pD.value} projects per quarter) is already met.`;
  } else if (c.gaps.length || c.trips === undefined || c.docked === undefined) {
    outcome = 'undetermined';
    zh = `${status}，${gapZh}${outcome === 'on_track' ? `已达到${rule}。` : '数据不全，暂无法判断本季度进度。'}`;
    en = `${statusEn}.${gapEn} ${outcome === 'on_track' ? 'The quota is already reached.' : 'Figures are incomplete, so progress cannot be judged yet.'}`;
  } else {
    const pace = (p: Parameter, v: number): Tri => 不少于(v, Math.floor((p.value * elapsed) / 3));
    const behind = pace(pT, c.trips) === 'F' || pace(pD, c.docked) === 'F';
    const stillNeeded = need.outbound_trips + need.projects_docked > 0;
    outcome = !stillNeeded ? 'on_track' : behind || monthsLeft <= 1 ? 'at_risk' : 'on_track';
    const needZh = `尚未达标：还需外出招商 ${need.outbound_trips} 次、对接项目 ${need.projects_docked} 个，须在 ${lastDay} 前完成（本季度剩余 ${monthsLeft} 个月，含本月）`;
    const needEn = `not met yet: ${need.outbound_trips} more trip(s) and ${need.projects_docked} more project(s) are needed by ${lastDay} (${monthsLeft} month(s) left including this one)`;
    zh = `${status}，${needZh}，${outcome === 'on_track' ? '按进度可以完成' : '存在完不成的风险'}。要求为${rule}。`;
    en = `${statusEn}; ${needEn}; ${outcome === 'on_track' ? 'on track' : 'at risk'}.`;
  }
  return {
    ...out,
    outcome,
    missing: missingOf(outcome === 'undetermined' && !c.gaps.length ? missingFacts : []),
    explanation: `${zh}${basis(cs)}`,
    explanationEn: `${en} ${basisEn(cs)}`,
    citations: uniqueCitations(cs),
  };
}

/**
 * Quota compliance of one unit for one quarter from its monthly report figures (the reports
 * layer's `/compliance`). Months absent from `months` or marked `missing` count as unknown; a month
 * marked `notDue` counts as still to come while the quarter runs, and as unknown once it has ended.
 *
 * ```ts
 * evaluateQuarterlyQuota({ quarter: '2025-Q1', unit: '城区', now, months: [
 *   { month: '2025-01', outbound_trips: 1, projects_docked: 1 },
 *   { month: '2025-02', outbound_trips: 0, projects_docked: 2 },
 *   { month: '2025-03', outbound_trips: 0, projects_docked: 0 } ] }).outcome // 'met'
 * ```
 */
export function evaluateQuarterlyQuota(input: QuotaInput): QuotaAnswer {
  const months = quarterMonths(input.quarter);
  const nowMonth = monthOf(input.now);
  let trips = 0;
  let docked = 0;
  const gaps: string[] = [];
  for (const month of months) {
    const rec = input.months.find((r) => r.month === month);
    if (rec && 'outbound_trips' in rec) {
      trips += rec.outbound_trips;
      docked += rec.projects_docked;
    } else if (month < nowMonth && !(rec && 'notDue' in rec && nowMonth <= months[2]!)) gaps.push(month);
  }
  const facts: Facts = { quarter: input.quarter, outbound_trips: trips, projects_docked: docked };
  return core({ quarter: input.quarter, unit: input.unit, trips, docked, gaps, now: input.now, facts });
}

/** Quota verdict from facts gathered in a conversation (quarter totals). */
export function evaluateQuotaFacts(facts: Facts, now: Date): QuotaAnswer {
  const quarter = facts.quarter ?? currentQuarter(now);
  return core({ quarter, trips: facts.outbound_trips, docked: facts.projects_docked, gaps: [], now, facts, generic: !facts.quarter });
}

/** The quota in the clause's words, from its two parameters: 外出招商次数不少于1次，对接项目不少于3个. */
function quotaWording(pT: Parameter, pD: Parameter): string {
  return `外出招商次数不少于${pT.display}，对接项目不少于${pD.display}`;
}

/** The rule as a statement (每季度外出招商要几次), or `null` on a day no version is in force. */
export function quarterlyQuotaRequirement(day: string): Requirement | null {
  const pT = param('quota.outbound_trips', day);
  const pD = param('quota.projects_docked', day);
  if (!pT || !pD) return null;
  return {
    zh: `各县（市、区）、各开发区每季度${quotaWording(pT, pD)}（不少于含本数）。`,
    en: `Each county, district and development zone must make at least ${pT.value} outbound investment-promotion trip and dock at least ${pD.value} projects every quarter (the number itself counts).`,
    citations: [pT.citation],
  };
}

/**
 * The follow-up questions for a closed quarter name it: "本季度外出招商了几次？" asked about 2025-Q4
 * would invite this quarter's figure.
 */
function ofQuarter(missing: RuleAnswer['missing'], quarter: string | undefined): RuleAnswer['missing'] {
  if (!quarter) return missing;
  return missing.map((m) => ({ ...m, question: { zh: m.question.zh.replace('本季度', `${quarter}`), en: m.question.en.replace('this quarter', `in ${quarter}`) } }));
}
