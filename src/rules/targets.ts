/**
 * Annual targets (晋市政办〔2024〕32号 一、 for the city, 晋政办发〔2024〕31号 一、 for the province)
 * as dated parameters, and progress against them. Years the documents set no target for get an
 * empty list and an explanation — never last year's figures.
 */
import { 以上, 不少于, 超过, type Tri } from './logic.ts';
import { TARGETS, targetEn, type Citation, type TargetMetric } from './parameters.ts';
import { answer, basis, basisEn, missingOf, uniqueCitations } from './common.ts';
import { formatQuantity, formatQuantityEn } from './factDefs.ts';
import type { FactKey, Facts, RuleAnswer } from './types.ts';
import { chinaYear } from '../text/chinaTime.ts';
import type { Localized } from '../text/locale.ts';

export interface TargetItem {
  level: 'city' | 'province';
  metric: TargetMetric;
  /** Base units: count, or 元 for money. */
  value: number;
  unit: string;
  display: string;
  /** The same target in English words (`at least 2 enterprises`). */
  displayEn: string;
  citation: Citation;
}

export const METRIC_LABELS: Record<TargetMetric, Localized> = {
  projects: { zh: '招引消费品项目', en: 'consumer-goods projects landed' },
  leading_enterprises: { zh: '引进头部/龙头企业', en: 'head / leading enterprises attracted' },
  investment_in_place: { zh: '到位投资', en: 'investment in place' },
  key_industry_revenue: { zh: '重点行业营业收入', en: 'key-industry revenue' },
};

/**
 * The targets in force for `year`. Each result is one metric at one level with its clause.
 * Returns `[]` for years the documents do not cover (e.g. 2027); {@link targetsExplanation} says so.
 */
export function targetsFor(year: number): TargetItem[] {
  return TARGETS.filter((t) => t.year === year).map((t) => ({ level: t.level, metric: t.metric, value: t.value, unit: t.unit, display: t.display, displayEn: targetEn(t), citation: t.citation }));
}

export function targetsExplanation(year: number): Localized {
  const years = [...new Set(TARGETS.map((t) => t.year))].sort();
  if (targetsFor(year).length > 0) return { zh: `${year}年目标见各条引文。`, en: `${year} targets are cited per item.` };
  return {
    zh: `政策只规定了 ${years.join('、')} 年的目标，不覆盖 ${year} 年，无法给出该年目标。`,
    en: `The policies set targets only for ${years.join(', ')}; they do not cover ${year}.`,
  };
}

export interface TargetProgress extends TargetItem {
  actual: number | undefined;
  reached: Tri;
}

/** Progress of city-level actuals (the units' totals) against the city targets for `year`. */
export function targetProgress(year: number, actuals: Partial<Record<TargetMetric, number>>): TargetProgress[] {
  return TARGETS.filter((t) => t.year === year).map((t) => {
    const actual = t.level === 'city' ? actuals[t.metric] : undefined;
    const cmp = t.comparator === '超过' ? 超过 : t.comparator === '以上' ? 以上 : 不少于;
    return { level: t.level, metric: t.metric, value: t.value, unit: t.unit, display: t.display, displayEn: targetEn(t), citation: t.citation, actual, reached: cmp(actual, t.value) };
  });
}

function fmt(t: TargetItem): string {
  return `${t.level === 'city' ? '市级' : '省级'}${METRIC_LABELS[t.metric].zh}${t.display}`;
}

export function evaluateTargets(facts: Facts, now: Date): RuleAnswer {
  const year = facts.year ?? chinaYear(now);
  const items = targetsFor(year);
  if (items.length === 0) {
    const e = targetsExplanation(year);
    const cs = TARGETS.map((t) => t.citation);
    return answer('targets', 'undetermined', { explanation: `${e.zh}${basis(cs)}`, explanationEn: `${e.en} ${basisEn(cs)}`, citations: uniqueCitations(cs), facts });
  }
  const cs = items.map((t) => t.citation);
  const actuals: Partial<Record<TargetMetric, number>> = {
    projects: facts.projects_landed,
    // Targets compare exact counts (the extractor gives this rule no bounds).
    leading_enterprises: typeof facts.leading_enterprises === 'number' ? facts.leading_enterprises : undefined,
    investment_in_place: facts.investment_in_place_yuan,
  };
  const listing = `${year}年目标：${items.map(fmt).join('；')}。`;
  const listingEn = `${year} targets: ${items.map((t) => `${t.level} ${METRIC_LABELS[t.metric].en} ${t.displayEn}`).join('; ')}.`;
  if (Object.values(actuals).every((v) => v === undefined)) {
    return answer('targets', 'listed', { explanation: `${listing}${basis(cs)}`, explanationEn: `${listingEn} ${basisEn(cs)}`, citations: uniqueCitations(cs), facts });
  }
  const city = targetProgress(year, actuals).filter((p) => p.level === 'city');
  const progress = city.filter((p) => p.actual !== undefined);
  const unknown = city.filter((p) => p.actual === undefined);
  const allReached = progress.every((p) => p.reached === 'T');
  const yearOver = chinaYear(now) > year;
  const outcome = allReached && unknown.length === 0 ? 'achieved' : yearOver ? (progress.some((p) => p.reached === 'F') ? 'not_achieved' : 'undetermined') : 'in_progress';
  const lines = progress.map((p) => `${METRIC_LABELS[p.metric].zh} ${(factOf(p.metric) ? formatQuantity(factOf(p.metric)!, p.actual!) : `${p.actual}${p.unit}`)}，市级目标${p.display}，${p.reached === 'T' ? '已完成' : '未完成'}`);
  const linesEn = progress.map((p) => `${METRIC_LABELS[p.metric].en}: ${(factOf(p.metric) ? formatQuantityEn(factOf(p.metric)!, p.actual!) : String(p.actual))} vs ${p.displayEn} (${p.reached === 'T' ? 'reached' : 'not reached'})`);
  // A figure not given is said, and asked for where it decides the verdict (a year not yet judged).
  const unknownZh = unknown.length ? `${unknown.map((p) => METRIC_LABELS[p.metric].zh).join('、')}未知${outcome === 'undetermined' ? '，暂不能判断是否完成全部目标' : ''}；` : '';
  const unknownEn = unknown.length ? ` ${unknown.map((p) => METRIC_LABELS[p.metric].en).join(', ')}: unknown${outcome === 'undetermined' ? ', so whether every target is met cannot be judged yet' : ''}.` : '';
  return answer('targets', outcome, {
    ...(outcome === 'undetermined' ? { missing: missingOf(unknown.flatMap((p) => factOf(p.metric) ?? [])) } : {}),
    explanation: `${lines.join('；')}；${unknownZh}`.replace(/；$/, '。') + `${listing}${basis(cs)}`,
    explanationEn: `${linesEn.join('; ')}.${unknownEn} ${basisEn(cs)}`,
    citations: uniqueCitations(cs),
    facts,
  });
}

/** The fact each city target's metric is read from (and formatted as); key-industry revenue is a provincial target only. */
const METRIC_FACTS: Record<Exclude<TargetMetric, 'key_industry_revenue'>, FactKey> = { projects: 'projects_landed', leading_enterprises: 'leading_enterprises', investment_in_place: 'investment_in_place_yuan' };
/** The fact of a metric, for a city target (key-industry revenue has none: formatted as its target's unit). */
const factOf = (m: TargetMetric): FactKey | undefined => (m === 'key_industry_revenue' ? undefined : METRIC_FACTS[m]);
