/**
 * The vocabulary of facts the rules read, as data: what each fact is called, the follow-up
 * question asked when it is missing, the unit its figure must have, the words that name it,
 * and which facts each rule reads. The extractor (facts.ts) and the verdict wording both read
 * it; how a base-unit figure is written back (吨标准煤, 万千瓦时, 亿元) lives here too.
 */
import type { Dimension } from '../text/quantity.ts';
import type { Localized } from '../text/locale.ts';
import type { FactKey, Range, RuleId } from './types.ts';

export interface FactDef {
  label: Localized;
  /** The follow-up question asked when this fact is missing. */
  question: Localized;
  /** Quantity facts: the dimension their unit must have. */
  dimension?: Dimension;
  /** Words that name the fact in a sentence (Chinese and English). */
  keywords?: RegExp;
  /** Count units that fit the fact (次 for trips, 个 for projects …). */
  counters?: RegExp;
  /** Statements that the count is zero (没有外出招商). */
  zero?: RegExp;
  /** Larger than this is not a plausible answer for one project / town / quarter. */
  max?: number;
  integer?: boolean;
  /** Counter shown after a count (家, 户, 次, 个). */
  unitZh?: string;
  /** Boolean facts: patterns for false (checked first, they contain the positive words) and true. */
  no?: RegExp;
  yes?: RegExp;
  /**
   * The period the rule states the figure for (年综合能源消费量: a year; 每季度外出招商: a quarter).
   * A figure the question states for another period (月用电, 今年外出招商) is not this fact.
   */
  period?: 'year' | 'quarter';
  /** The rule can be decided by a bound on this figure (不到1000吨): its comparison reads ranges. */
  bounds?: boolean;
  /**
   * A figure of what was done (trips made, projects docked, investment in place): a planned or
   * expected figure (计划对接项目3个, 预计到位) is not it.
   */
  achieved?: boolean;
}

export const FACT_DEFS: Partial<Record<FactKey, FactDef>> = {
  energy_tce: {
    label: { zh: '年综合能源消费量', en: 'annual comprehensive energy consumption' },
    question: { zh: '项目年综合能源消费量是多少吨标准煤？', en: 'What is the project’s annual comprehensive energy consumption, in tonnes of standard coal (tce)?' },
    dimension: 'energy',
    keywords: /综合能源消费量?|综合能耗|耗标煤|标准煤|标煤|能源消费量?|能耗|耗能|用能|energy\s+(?:consumption|use)|consumes/gi,
    max: 5e7,
    period: 'year',
    bounds: true,
  },
  electricity_kwh: {
    label: { zh: '年电力消费量', en: 'annual electricity consumption' },
    question: { zh: '项目年电力消费量（用电量）是多少千瓦时（度）？', en: 'What is the project’s annual electricity consumption, in kWh?' },
    dimension: 'electricity',
    keywords: /电力消费量?|用电量?|耗电量?|电量|电耗|electricity(?:\s+(?:consumption|use))?|power\s+consumption/gi,
    max: 1e11,
    period: 'year',
    bounds: true,
  },
  state_secret: {
    label: { zh: '是否涉及国家秘密', en: 'involves state secrets' },
    question: { zh: '项目是否涉及国家秘密？', en: 'Does the project involve state secrets?' },
    no: /已经?(?:被)?解密|解密了|已经?脱密|不再涉密|不再涉及(?:国家)?秘密|现在?不涉密|no\s+longer\s+(?:classified|involves?\s+(?:any\s+)?state\s+secrets?)|(?:has\s+been|was|is\s+now)\s+declassified|不涉密|不涉及(?:国家)?秘密|未涉密|未涉及(?:国家)?秘密|没有?涉密|没有?涉及(?:国家)?秘密|非涉密|无涉密|不属于涉密|(?:does\s+not|doesn't|do\s+not|don't|not)\s+involve\s+(?:any\s+)?state\s+secrets?|no\s+state\s+secrets?|not\s+classified|unclassified|non-classified/gi,
    yes: /涉密|涉及国家秘密|国家秘密|state\s+secrets?|classified/gi,
  },
  eia_listed: {
    label: { zh: '是否列入《建设项目环境影响评价分类管理名录》', en: 'listed in the EIA classification catalogue' },
    question: {
      zh: '项目是否列入《建设项目环境影响评价分类管理名录》？',
      en: 'Is the project listed in the Classified Management Catalogue of Environmental Impact Assessment for Construction Projects?',
    },
    no: /未被?列入|没有?列入|不在(?:《建设项目环境影响评价分类管理名录》|名录)|不属于名录|名录(?:之外|以外)|(?:is\s+)?not\s+(?:listed|in\s+the\s+(?:catalogue|catalog|list))|unlisted/gi,
    yes: /列入|在名录(?:内|中|里)|属于名录|名录(?:内|中|里)的|listed\s+in|is\s+listed|on\s+the\s+(?:catalogue|catalog|list)/gi,
  },
  in_demo_zone: {
    label: { zh: '是否位于示范区（晋城经济技术开发区）', en: 'located in the demo zone (Jincheng Economic and Technological Development Zone)' },
    question: { zh: '项目是否位于省级转型综改示范区（晋城经济技术开发区）内？', en: 'Is the project inside the provincial transformation demo zone (Jincheng Economic and Technological Development Zone)?' },
    no: /不在(?:示范区|开发区|经开区|晋城经济技术开发区)|(?:示范区|开发区)(?:之|以)?外|outside\s+the\s+(?:demo|demonstration)\s+zone|not\s+in\s+the\s+(?:demo|demonstration)\s+zone/gi,
    yes: /示范区|晋城经济技术开发区|晋城经开区|经开区|(?:demo|demonstration)\s+zone|economic\s+and\s+technological\s+development\s+zone/gi,
  },
  town_type: {
    label: { zh: '专业镇类型', en: 'type of specialty town' },
    question: { zh: '该专业镇属于哪一类：制造业类、特优农业类还是轻工类？', en: 'Which type is the town: manufacturing, specialty agriculture, or light industry?' },
  },
  annual_output_yuan: {
    label: { zh: '年产值', en: 'annual output' },
    question: { zh: '专业镇主导产业年产值是多少（亿元）？', en: 'What is the town’s annual output value (in 100 million yuan)?' },
    dimension: 'money',
    keywords: /年产值|产值|annual\s+output|output(?:\s+value)?|production\s+value/gi,
    max: 1e12,
    period: 'year',
    bounds: true,
  },
  leading_enterprises: {
    label: { zh: '龙头企业数量', en: 'number of leading enterprises' },
    question: { zh: '有几家实力较强、行业知名的龙头企业？', en: 'How many strong, well-known leading enterprises does the town have?' },
    dimension: 'count',
    keywords: /龙头企业|龙头|leading\s+(?:enterprises?|firms?|compan(?:y|ies))/gi,
    counters: /^[家个户]|enterprise|firm|compan/i,
    zero: /(?:没有|无|缺少|尚无)龙头企业|no\s+leading\s+(?:enterprises?|firms?|compan(?:y|ies))/gi,
    max: 1000,
    integer: true,
    unitZh: '家',
    bounds: true,
  },
  supporting_firms: {
    label: { zh: '上下游配套企业户数', en: 'number of upstream/downstream supporting firms' },
    question: {
      zh: '龙头企业带动的上下游配套企业（含家庭农场、专业合作社）有几户？',
      en: 'How many upstream/downstream supporting firms (family farms and cooperatives count) does the leading enterprise bring along?',
    },
    dimension: 'count',
    keywords: /配套企业|上下游|配套|家庭农场|合作社|supporting\s+(?:firms?|enterprises?|compan(?:y|ies))|suppliers?/gi,
    counters: /^[家个户]|firm|enterprise|compan|supplier/i,
    zero: /(?:没有|无)(?:上下游)?配套企业|no\s+supporting\s+(?:firms?|enterprises?)/gi,
    max: 100000,
    integer: true,
    unitZh: '户',
    bounds: true,
  },
  gi_status: {
    label: { zh: '主导产品是否具有历史发源地、地理标志等传统特色', en: 'lead product has historical-origin or geographical-indication standing' },
    question: {
      zh: '主导产品是否具有历史发源地、地理标志等传统特色？',
      en: 'Does the lead product have historical-origin or geographical-indication (GI) standing?',
    },
    no: /(?:没有|无|不具有|不具备|不是|非)(?:历史发源地|地理标志)|no\s+(?:geographical[- ]indication|GI)\b|not\s+a\s+(?:geographical[- ]indication|GI)\b/gi,
    yes: /历史发源地|地理标志|geographical[- ]indication|\bGI\b|historical[- ]origin/gi,
  },
  quarter: {
    label: { zh: '季度', en: 'quarter' },
    question: { zh: '问的是哪个季度（例如 2025年第一季度）？', en: 'Which quarter (e.g. 2025-Q1)?' },
  },
  outbound_trips: {
    label: { zh: '外出招商次数', en: 'outbound investment-promotion trips' },
    question: { zh: '本季度外出招商了几次？', en: 'How many outbound investment-promotion trips were made this quarter?' },
    dimension: 'count',
    keywords: /外出招商|出去招商|招商外出|外出|outbound(?:\s+investment)?(?:\s+promotion)?\s+trips?|trips?/gi,
    counters: /^[次趟]|trip|time|visit/i,
    zero: /(?:没有|没|未|无|尚未)(?:进行|开展|组织)?(?:过)?外出招商|外出招商[为是:：]?(?:0|零)次?|no\s+(?:outbound\s+)?trips?|did(?:n't|\s+not)\s+(?:make|go\s+on|take)\s+any\s+(?:outbound\s+)?trips?/gi,
    max: 500,
    integer: true,
    unitZh: '次',
    period: 'quarter',
    achieved: true,
  },
  projects_docked: {
    label: { zh: '对接项目个数', en: 'projects docked' },
    question: { zh: '本季度对接了几个项目？', en: 'How many projects were docked this quarter?' },
    dimension: 'count',
    keywords: /对接项目|对接了?|docked|dock(?:ed)?\s+projects?|projects?\s+docked/gi,
    counters: /^[个项家]|project/i,
    zero: /(?:没有|没|未|无)(?:对接(?:到|了)?(?:任何)?项目)|对接项目[为是:：]?(?:0|零)个?|no\s+projects?\s+(?:were\s+)?docked|did(?:n't|\s+not)\s+dock\s+any/gi,
    max: 10000,
    integer: true,
    unitZh: '个',
    period: 'quarter',
    achieved: true,
  },
  year: {
    label: { zh: '年份', en: 'year' },
    question: { zh: '问的是哪一年的目标？', en: 'Which year’s targets?' },
  },
  investment_in_place_yuan: {
    label: { zh: '到位投资', en: 'investment in place' },
    question: { zh: '目前到位投资多少（亿元）？', en: 'How much investment is in place so far (in 100 million yuan)?' },
    dimension: 'money',
    keywords: /到位投资|到位资金|投资到位|investment\s+in\s+place/gi,
    max: 1e13,
    achieved: true,
  },
  projects_landed: {
    label: { zh: '招引落户项目数', en: 'projects landed' },
    question: { zh: '目前已招引落户几个项目？', en: 'How many projects have landed so far?' },
    dimension: 'count',
    keywords: /招引|落户|落地|消费品项目|projects?\s+landed|landed/gi,
    counters: /^[个项]|project/i,
    max: 10000,
    integer: true,
    unitZh: '个',
    achieved: true,
  },
};

/**
 * Which facts each rule reads (extraction ignores the rest). `places` is read where the rule judges
 * a project, a town or a unit by where it is (for the quota only the asker's own place: see PLACES_OF_ASKER).
 */
export const RULE_FACTS: Record<RuleId, FactKey[]> = {
  'energy-review': ['state_secret', 'energy_tce', 'electricity_kwh', 'date', 'places'],
  eia: ['eia_listed', 'in_demo_zone', 'date', 'places'],
  'specialty-town': ['town_type', 'annual_output_yuan', 'gi_status', 'leading_enterprises', 'supporting_firms', 'date', 'places'],
  'quarterly-quota': ['quarter', 'outbound_trips', 'projects_docked', 'places'],
  targets: ['year', 'projects_landed', 'leading_enterprises', 'investment_in_place_yuan'],
};

/**
 * Rules whose `places` are where the asker's own unit is (长治市招商局, 晋中开发区), not the places it
 * deals with: a place named as a destination or a counterpart (去太原外出招商, 对接太原客商) is not read.
 */
export const PLACES_OF_ASKER: ReadonlySet<RuleId> = new Set(['quarterly-quota']);

/**
 * Rules whose comparisons read a bound as well as a figure (不到1000吨 decides 不满1000吨). The quota
 * and the targets add and subtract exact counts (what is still needed), so a bound there is asked about.
 */
export const RULES_READING_BOUNDS: ReadonlySet<RuleId> = new Set(['energy-review', 'eia', 'specialty-town']);

/** Display a base-unit quantity the way the documents write it. */
export function formatQuantity(key: FactKey, v: number): string {
  const def = FACT_DEFS[key];
  const n = (x: number) => String(Number(x.toPrecision(10)));
  switch (def?.dimension) {
    case 'energy':
      return `${n(v)}吨标准煤`;
    case 'electricity':
      return v >= 1e4 ? `${n(v / 1e4)}万千瓦时` : `${n(v)}千瓦时`;
    case 'money':
      return v >= 1e7 ? `${n(v / 1e8)}亿元` : v >= 1e4 ? `${n(v / 1e4)}万元` : `${n(v)}元`;
    default:
      return `${n(v)}${def?.unitZh ?? ''}`;
  }
}
/** A figure known by its bounds, in the words people use: 不到1000吨标准煤, 800吨标准煤至900吨标准煤. */
export function formatRange(key: FactKey, r: Range): string {
  const f = (v: number) => formatQuantity(key, v);
  if (r.lower !== undefined && r.upper !== undefined) return `${f(r.lower)}${r.lowerIncluded === false ? '（不含）' : ''}至${f(r.upper)}${r.upperIncluded === false ? '（不含）' : ''}`;
  if (r.upper !== undefined) return `${r.upperIncluded === false ? '不到' : '不超过'}${f(r.upper)}`;
  if (r.lower !== undefined) return `${r.lowerIncluded === false ? '超过' : '不少于'}${f(r.lower)}`;
  return '未知';
}
export function formatRangeEn(key: FactKey, r: Range): string {
  const f = (v: number) => formatQuantityEn(key, v);
  if (r.lower !== undefined && r.upper !== undefined) return `between ${f(r.lower)} and ${f(r.upper)}`;
  if (r.upper !== undefined) return `${r.upperIncluded === false ? 'under' : 'at most'} ${f(r.upper)}`;
  if (r.lower !== undefined) return `${r.lowerIncluded === false ? 'over' : 'at least'} ${f(r.lower)}`;
  return 'unknown';
}

export function formatQuantityEn(key: FactKey, v: number): string {
  const def = FACT_DEFS[key];
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 4 });
  switch (def?.dimension) {
    case 'energy':
      return `${n(v)} tce`;
    case 'electricity':
      return v >= 1e6 ? `${n(v / 1e6)} million kWh` : `${n(v)} kWh`;
    case 'money':
      return v >= 1e6 ? `${n(v / 1e6)} million yuan` : `${n(v)} yuan`;
    default:
      return n(v);
  }
}

/** A bare figure: digits or Chinese numerals, with 万 / 亿 at most, and no unit (300万, 3亿, 1200, 两千). */
const BARE_FIGURE = /^\s*(?:[0-9０-９][0-9０-９,，.．]*|[零〇一二两三四五六七八九十百千]+)\s*[万亿]?\s*$/;

/**
 * A bare figure typed in answer to the one question asked about `key` (300万 to 年用电多少千瓦时？),
 * written out with the fact's name and its unit (年电力消费量300万千瓦时), so it reads as that fact;
 * undefined for any other text (a figure with its own unit, a sentence) or a fact with no single unit.
 */
export function bareFigureAnswer(key: FactKey, text: string): string | undefined {
  const def = FACT_DEFS[key];
  if (!def || !BARE_FIGURE.test(text)) return undefined;
  const unit = def.dimension === 'energy' ? '吨标准煤' : def.dimension === 'electricity' ? '千瓦时' : def.dimension === 'money' ? '元' : def.dimension === 'count' ? def.unitZh : undefined;
  return unit === undefined ? undefined : `${def.label.zh}${text.trim()}${unit}`;
}

export function unitHint(key: FactKey): Localized {
  switch (FACT_DEFS[key]?.dimension) {
    case 'energy': return { zh: '吨标准煤', en: 'tonnes of standard coal (tce)' };
    case 'electricity': return { zh: '千瓦时（度）', en: 'kWh' };
    case 'money': return { zh: '元 / 万元 / 亿元', en: 'yuan' };
    default: return { zh: '个数', en: 'a count' };
  }
}
