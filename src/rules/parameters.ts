/**
 * Every threshold, target and exemption the rules use, as dated data with the clause it comes
 * from. Rule code reads `param('energy.tce').value`; it never writes 1000 or 500万 itself.
 *
 * `from` is the date the document was issued (its 印发/成文 date), `to` is `null` while the
 * document states no end. A question about a date outside every parameter's period gets
 * "the policy does not cover that date" instead of a verdict.
 *
 * `quote` must be a verbatim substring of the clause text at `docNo` + `path` in the parsed
 * corpus; tests/rules/citations.test.ts fails the build when one is not.
 */
import type { ComparatorWord } from './logic.ts';
import { chinaDay } from '../text/chinaTime.ts';
import type { Localized } from '../text/locale.ts';
import type { AreaId } from './places.ts';

export interface Citation {
  docNo: string;
  path: string;
  quote: string;
}

export interface Parameter {
  id: string;
  /** Value in base units (吨标准煤, 千瓦时, 元, count). */
  value: number;
  /** Base unit of `value`. */
  unit: string;
  /** How the document writes it, e.g. `500万千瓦时`. */
  display: string;
  /** The legal word the clause uses with this number. */
  comparator: ComparatorWord;
  /** The fact the threshold applies to. */
  fact: string;
  from: string;
  to: string | null;
  citation: Citation;
}

/** Issue dates of the documents (from their headers). */
export const DOC_DATES = {
  '晋市政办〔2024〕32号': '2024-11-04',
  '晋政办发〔2024〕31号': '2024-06-07',
  '城政办发〔2024〕36号': '2024-12-09',
  '晋市政办〔2025〕4号': '2025-02-23',
} as const;

/**
 * Where each document applies: the area of the government that issued it, as its header names the
 * issuer (发文机关). A verdict from a document is for projects and towns in its area only.
 */
export const DOC_AREAS: Record<keyof typeof DOC_DATES, { issuer: string; area: AreaId }> = {
  '晋市政办〔2024〕32号': { issuer: '晋城市人民政府办公室', area: 'jincheng' },
  '晋政办发〔2024〕31号': { issuer: '山西省人民政府办公厅', area: 'shanxi' },
  '城政办发〔2024〕36号': { issuer: '晋城市城区人民政府办公室', area: 'chengqu' },
  '晋市政办〔2025〕4号': { issuer: '晋城市人民政府办公室', area: 'jincheng' },
};

const CITY = '晋市政办〔2024〕32号';
const PROVINCE = '晋政办发〔2024〕31号';
const CHENGQU = '城政办发〔2024〕36号';
const DEMO = '晋市政办〔2025〕4号';

const ENERGY_QUOTE = '对年综合能源消费量不满1000吨标准煤且年电力消费量不满500万千瓦时的项目和涉及国家秘密的项目不再单独进行节能审查';
const QUOTA_QUOTE = '每季度外出招商次数不少于1次，对接项目不少于3个';

export const PARAMETERS: Parameter[] = [
  {
    id: 'energy.tce', value: 1000, unit: '吨标准煤', display: '1000吨标准煤', comparator: '不满', fact: 'energy_tce',
    from: DOC_DATES[CITY], to: null, citation: { docNo: CITY, path: '二、（五）9', quote: ENERGY_QUOTE },
  },
  {
    id: 'energy.kwh', value: 5_000_000, unit: '千瓦时', display: '500万千瓦时', comparator: '不满', fact: 'electricity_kwh',
    from: DOC_DATES[CITY], to: null, citation: { docNo: CITY, path: '二、（五）9', quote: ENERGY_QUOTE },
  },
  {
    id: 'quota.outbound_trips', value: 1, unit: '次', display: '1次', comparator: '不少于', fact: 'outbound_trips',
    from: DOC_DATES[CITY], to: null, citation: { docNo: CITY, path: '二、（四）6', quote: QUOTA_QUOTE },
  },
  {
    id: 'quota.projects_docked', value: 3, unit: '个', display: '3个', comparator: '不少于', fact: 'projects_docked',
    from: DOC_DATES[CITY], to: null, citation: { docNo: CITY, path: '二、（四）6', quote: QUOTA_QUOTE },
  },
  {
    id: 'town.output.manufacturing', value: 2e8, unit: '元', display: '2亿元', comparator: '以上', fact: 'annual_output_yuan',
    from: DOC_DATES[CHENGQU], to: null,
    citation: { docNo: CHENGQU, path: '三、（四）', quote: '原则上区级制造业类专业镇年产值达到2亿元以上' },
  },
  {
    id: 'town.output.agriculture', value: 5e7, unit: '元', display: '0.5亿元', comparator: '以上', fact: 'annual_output_yuan',
    from: DOC_DATES[CHENGQU], to: null,
    citation: { docNo: CHENGQU, path: '三、（四）', quote: '特优农业类、轻工类专业镇年产值达到0.5亿元以上' },
  },
  {
    id: 'town.output.light_industry', value: 5e7, unit: '元', display: '0.5亿元', comparator: '以上', fact: 'annual_output_yuan',
    from: DOC_DATES[CHENGQU], to: null,
    citation: { docNo: CHENGQU, path: '三、（四）', quote: '特优农业类、轻工类专业镇年产值达到0.5亿元以上' },
  },
  {
    id: 'town.leading_enterprises', value: 1, unit: '家', display: '1家', comparator: '不少于', fact: 'leading_enterprises',
    from: DOC_DATES[CHENGQU], to: null,
    citation: { docNo: CHENGQU, path: '三、（五）', quote: '特色专业镇应至少拥有1家实力较强、行业知名的龙头企业' },
  },
  {
    id: 'town.supporting_firms', value: 3, unit: '户', display: '3户', comparator: '以上', fact: 'supporting_firms',
    from: DOC_DATES[CHENGQU], to: null,
    citation: { docNo: CHENGQU, path: '三、（五）', quote: '带动相关生产、服务等上下游配套企业（含家庭农场、专业合作社）户数在3户以上' },
  },
];

/** Non-numeric provisions: exemptions and relaxations, dated and cited like the thresholds. */
export interface Provision {
  id: string;
  from: string;
  to: string | null;
  citation: Citation;
}

export const PROVISIONS: Provision[] = [
  { id: 'energy.state_secret', from: DOC_DATES[CITY], to: null, citation: { docNo: CITY, path: '二、（五）9', quote: ENERGY_QUOTE } },
  {
    id: 'eia.catalogue', from: DOC_DATES[CITY], to: null,
    citation: { docNo: CITY, path: '二、（五）9', quote: '对未列入《建设项目环境影响评价分类管理名录》的项目无需办理环评手续' },
  },
  {
    id: 'eia.demo_zone', from: DOC_DATES[DEMO], to: null,
    citation: { docNo: DEMO, path: '二、（六）17', quote: '示范区内未列入《建设项目环境影响评价分类管理名录》的项目，无需办理环评手续' },
  },
  {
    id: 'town.gi_relaxation', from: DOC_DATES[CHENGQU], to: null,
    citation: {
      docNo: CHENGQU, path: '三、（四）',
      quote: '主导产品具有历史发源地、地理标志等传统特色，在行业内影响力大、知名度高、市场占有率高的专业镇，在充分考虑发展前景后，可适当放宽认定条件',
    },
  },
];

/** The qualitative recognition criteria: listed as still to be assessed, never passed silently. */
export const QUALITATIVE_CRITERIA: Array<Localized & { id: string; citation: Citation }> = [
  { id: 'heritage', zh: '历史传承厚重', en: 'strong historical heritage', citation: { docNo: CHENGQU, path: '三、（一）', quote: '专业镇主导产业拥有历史传承的独特产品、工艺技艺和服务' } },
  { id: 'employment', zh: '就业富民带动面广', en: 'broad employment and income effects', citation: { docNo: CHENGQU, path: '三、（二）', quote: '成为吸纳就业的重要渠道' } },
  { id: 'market', zh: '市场需求较大', en: 'substantial market demand', citation: { docNo: CHENGQU, path: '三、（三）', quote: '专业镇主导产品在国内同行业中具有比较优势，有较高市场占有率' } },
  { id: 'cluster', zh: '产业配套能力和竞争力较强', en: 'strong supporting capacity and competitiveness', citation: { docNo: CHENGQU, path: '三、（四）', quote: '专业镇产业配套能力和竞争力较强' } },
  { id: 'brand', zh: '主导产品特色突出', en: 'distinctive lead products and brands', citation: { docNo: CHENGQU, path: '三、（六）', quote: '聚焦一种特色产业或若干细分产品' } },
  { id: 'services', zh: '公共服务配套完善', en: 'complete public-service platforms', citation: { docNo: CHENGQU, path: '三、（七）', quote: '按需建立各类公共服务平台' } },
];

export type TargetMetric = 'projects' | 'leading_enterprises' | 'investment_in_place' | 'key_industry_revenue';
export interface Target {
  level: 'city' | 'province';
  year: number;
  metric: TargetMetric;
  /** Base units: count, or 元 for money. */
  value: number;
  unit: string;
  display: string;
  comparator: ComparatorWord;
  citation: Citation;
}

const CITY_2024 = '2024年，招引3个消费品产业项目落户，至少引进1家龙头企业，到位投资2亿元以上';
const CITY_2025 = '2025年，力争招引5个消费品项目集中落户，引进头部企业、龙头骨干企业2家以上，到位投资8亿元以上';
const PROV_2024 = '2024年，力争招引15个消费品产业项目集中落户，引进头部企业、龙头骨干企业2家以上，到位投资20亿元以上';
const PROV_2025 = '2025年，力争招引30个消费品项目集中落户，引进头部企业、龙头骨干企业3家以上，到位投资80亿元以上，重点行业营业收入力争突破400亿元';

function t(level: Target['level'], year: number, metric: TargetMetric, value: number, unit: string, display: string, comparator: ComparatorWord, quote: string): Target {
  return { level, year, metric, value, unit, display, comparator, citation: { docNo: level === 'city' ? CITY : PROVINCE, path: '一、', quote } };
}

/** Annual targets, each for one calendar year (its effective period). */
export const TARGETS: Target[] = [
  t('city', 2024, 'projects', 3, '个', '3个', '不少于', CITY_2024),
  t('city', 2024, 'leading_enterprises', 1, '家', '至少1家', '不少于', CITY_2024),
  t('city', 2024, 'investment_in_place', 2e8, '元', '2亿元以上', '以上', CITY_2024),
  t('city', 2025, 'projects', 5, '个', '5个', '不少于', CITY_2025),
  t('city', 2025, 'leading_enterprises', 2, '家', '2家以上', '以上', CITY_2025),
  t('city', 2025, 'investment_in_place', 8e8, '元', '8亿元以上', '以上', CITY_2025),
  t('province', 2024, 'projects', 15, '个', '15个', '不少于', PROV_2024),
  t('province', 2024, 'leading_enterprises', 2, '家', '2家以上', '以上', PROV_2024),
  t('province', 2024, 'investment_in_place', 20e8, '元', '20亿元以上', '以上', PROV_2024),
  t('province', 2025, 'projects', 30, '个', '30个', '不少于', PROV_2025),
  t('province', 2025, 'leading_enterprises', 3, '家', '3家以上', '以上', PROV_2025),
  t('province', 2025, 'investment_in_place', 80e8, '元', '80亿元以上', '以上', PROV_2025),
  t('province', 2025, 'key_industry_revenue', 400e8, '元', '突破400亿元', '超过', PROV_2025),
];

/** English names of the base units; counts take the noun of what they count. */
const UNIT_EN: Record<string, [string, string]> = {
  吨标准煤: ['tce', 'tce'], 千瓦时: ['kWh', 'kWh'], 元: ['yuan', 'yuan'],
  次: ['trip', 'trips'], 个: ['project', 'projects'], 家: ['enterprise', 'enterprises'], 户: ['firm', 'firms'],
};
const COMPARATOR_EN: Record<ComparatorWord, string> = { 不满: 'below', 超过: 'over', 以上: 'at least', 以下: 'at most', 以内: 'within', 不少于: 'at least' };

/**
 * An amount in base units the way an English reader writes it (`1,000 tce`, `5 million kWh`,
 * `0.5 billion yuan`, `3 projects`): English replies never show 吨标准煤 or 个.
 */
export function amountEn(value: number, unit: string): string {
  const [one, many] = UNIT_EN[unit] ?? [unit, unit];
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 4 });
  const scaled = value >= 1e9 ? `${n(value / 1e9)} billion` : value >= 1e6 ? `${n(value / 1e6)} million` : n(value);
  return `${scaled} ${value === 1 ? one : many}`;
}

/** A parameter's threshold in English (`1,000 tce`), for the English explanations. */
export function displayEn(p: { value: number; unit: string }): string {
  return amountEn(p.value, p.unit);
}

/** A target as an English phrase with its comparator (`at least 2 enterprises`). */
export function targetEn(t: { value: number; unit: string; comparator: ComparatorWord }): string {
  return `${COMPARATOR_EN[t.comparator]} ${amountEn(t.value, t.unit)}`;
}

/** `YYYY-MM-DD` of a Date in China time (the documents' calendar). */
export function isoDay(d: Date): string {
  return chinaDay(d);
}

function inEffect(p: { from: string; to: string | null }, day: string): boolean {
  return day >= p.from && (p.to === null || day <= p.to);
}

/** The parameter `id` in effect on `day` (YYYY-MM-DD), or `null` when the policy does not cover it. */
export function param(id: string, day: string): Parameter | null {
  return PARAMETERS.find((p) => p.id === id && inEffect(p, day)) ?? null;
}

/** The provision `id` in effect on `day`, or `null`. */
export function provision(id: string, day: string): Provision | null {
  return PROVISIONS.find((p) => p.id === id && inEffect(p, day)) ?? null;
}

/** The first date any parameter or provision with this id prefix takes effect (for "not covered" messages). */
export function earliestFrom(prefix: string): string | null {
  const days = [...PARAMETERS, ...PROVISIONS].filter((p) => p.id.startsWith(prefix)).map((p) => p.from).sort();
  return days[0] ?? null;
}

/** All citations used anywhere, for the corpus check. */
export function allCitations(): Citation[] {
  return [
    ...PARAMETERS.map((p) => p.citation),
    ...PROVISIONS.map((p) => p.citation),
    ...QUALITATIVE_CRITERIA.map((c) => c.citation),
    ...TARGETS.map((t) => t.citation),
  ];
}
