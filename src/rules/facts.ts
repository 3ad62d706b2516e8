/**
 * Facts from natural language, Chinese or English: quantities with units, counts, negations,
 * town types, quarters and dates. The vocabulary is data ({@link FACT_DEFS}); the extractor never
 * invents a fact — a figure it cannot place or read becomes a {@link Problem}, not a value.
 *
 * ```ts
 * extractFacts('energy-review', '年综合能源消费量800吨标准煤，不涉密')
 * // { facts: { energy_tce: 800, state_secret: false }, problems: [] }
 * ```
 */
import { scanQuantities, type Dimension, type Quantity } from '../text/quantity.ts';
import type { Localized } from '../text/locale.ts';
import { foldFullWidth } from '../text/normalize.ts';
import type { FactKey, Facts, Problem, RuleId, TownType } from './types.ts';
import { toSimplified } from '../text/simplify.ts';
import { chinaClock } from '../text/chinaTime.ts';

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
}

export const FACT_DEFS: Partial<Record<FactKey, FactDef>> = {
  energy_tce: {
    label: { zh: '年综合能源消费量', en: 'annual comprehensive energy consumption' },
    question: { zh: '项目年综合能源消费量是多少吨标准煤？', en: 'What is the project’s annual comprehensive energy consumption, in tonnes of standard coal (tce)?' },
    dimension: 'energy',
    keywords: /综合能源消费量?|综合能耗|能源消费量?|能耗|耗能|用能|energy\s+(?:consumption|use)|consumes/gi,
    max: 5e7,
  },
  electricity_kwh: {
    label: { zh: '年电力消费量', en: 'annual electricity consumption' },
    question: { zh: '项目年电力消费量（用电量）是多少千瓦时（度）？', en: 'What is the project’s annual electricity consumption, in kWh?' },
    dimension: 'electricity',
    keywords: /电力消费量?|用电量?|耗电量?|电量|电耗|electricity(?:\s+(?:consumption|use))?|power\s+consumption/gi,
    max: 1e11,
  },
  state_secret: {
    label: { zh: '是否涉及国家秘密', en: 'involves state secrets' },
    question: { zh: '项目是否涉及国家秘密？', en: 'Does the project involve state secrets?' },
    no: /不涉密|不涉及(?:国家)?秘密|未涉密|未涉及(?:国家)?秘密|没有?涉密|没有?涉及(?:国家)?秘密|非涉密|无涉密|不属于涉密|(?:does\s+not|doesn't|do\s+not|don't|not)\s+involve\s+(?:any\s+)?state\s+secrets?|no\s+state\s+secrets?|not\s+classified|unclassified|non-classified/gi,
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
  },
  projects_landed: {
    label: { zh: '招引落户项目数', en: 'projects landed' },
    question: { zh: '目前已招引落户几个项目？', en: 'How many projects have landed so far?' },
    dimension: 'count',
    keywords: /招引|落户|落地|projects?\s+landed|landed/gi,
    counters: /^[个项]|project/i,
    max: 10000,
    integer: true,
    unitZh: '个',
  },
};

/** Which facts each rule reads (extraction ignores the rest). */
export const RULE_FACTS: Record<RuleId, FactKey[]> = {
  'energy-review': ['state_secret', 'energy_tce', 'electricity_kwh', 'date'],
  eia: ['eia_listed', 'in_demo_zone', 'date'],
  'specialty-town': ['town_type', 'annual_output_yuan', 'gi_status', 'leading_enterprises', 'supporting_firms', 'date'],
  'quarterly-quota': ['quarter', 'outbound_trips', 'projects_docked'],
  targets: ['year', 'projects_landed', 'leading_enterprises', 'investment_in_place_yuan'],
};

const TOWN_TYPES: Array<[RegExp, TownType]> = [
  [/制造业|制造类|manufacturing/gi, 'manufacturing'],
  [/特优农业|农业类|农业|agricultur|farming/gi, 'agriculture'],
  [/轻工|light[- ]industr/gi, 'light_industry'],
];

const FOREIGN_SCRIPT =
  /[\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}]+(?:[\s\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}]+)*/gu;

/** A short answer to a yes/no question, as people type it in a form or a chat. */
const NO_ANSWER = /^(?:否|不|不是|不对|没|没有|无|未|非|不涉及|不涉密|不在|不属于|未列入|没有列入|不具有|不具备|不需要|no|nope|not|false|n)$/i;
const YES_ANSWER = /^(?:是|是的|对|有|涉及|涉密|在|属于|列入|已列入|具有|具备|yes|yep|yeah|true|y)$/i;

/**
 * Reads a bare yes/no answer (`否`, `不涉及`, `没有`, `是的`, `no`), or `undefined` when the text is
 * not one. Only the whole answer counts: `没有涉密` is a statement for the fact patterns, not this.
 */
export function readYesNo(answer: string): boolean | undefined {
  const a = answer.trim().replace(/^[:：\s]+/, '').replace(/[。.!！~～\s]+$/, '');
  if (NO_ANSWER.test(a)) return false;
  if (YES_ANSWER.test(a)) return true;
  return undefined;
}

/** `<question>吗？<answer>` or `是否…：<answer>` within one sentence. */
const QUESTION_AND_ANSWER = /([^，。；;！!\n？?:：]+?)(?:\s*(?:吗|么|嘛)?\s*[？?]|\s*[:：])\s*([^，。；;！!\n？?:：]{1,12})/g;
/** A fact named inside a question that is not answered (是否涉及国家秘密 / 涉密吗) says nothing. */
const UNANSWERED_BEFORE = /(?:是否|是不是|有没有|是否已|does|is|are)\s*$/i;
const UNANSWERED_AFTER = /^\s*(?:吗|么|嘛|与否)\s*[？?]?\s*$|^\s*[？?]/;

const SEPARATORS = /[，。；;！？!?\n、]|,\s|\s+and\s+|\s+but\s+/g;

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

interface Hit { key: FactKey; start: number; end: number }

function keywordHits(text: string, keys: FactKey[]): Hit[] {
  const hits: Hit[] = [];
  for (const key of keys) {
    const re = FACT_DEFS[key]?.keywords;
    if (!re) continue;
    for (const m of text.matchAll(new RegExp(re.source, 'gi'))) hits.push({ key, start: m.index!, end: m.index! + m[0].length });
  }
  return hits;
}

function segmentOf(text: string, at: number): [number, number] {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(SEPARATORS)) {
    if (m.index! + m[0].length <= at) start = m.index! + m[0].length;
    else if (m.index! >= at) { end = Math.min(end, m.index!); break; }
  }
  return [start, end];
}

function nearest(hits: Hit[], q: Quantity, seg: [number, number]): Hit | null {
  let best: Hit | null = null;
  let bestDist = Infinity;
  for (const h of hits) {
    if (h.start < seg[0] || h.end > seg[1]) continue;
    // Prefer the word before the number (年耗电300万度); after it costs a little more (300万度电).
    const d = h.end <= q.start ? q.start - h.end : h.start >= q.end ? h.start - q.end + 2 : 0;
    if (d < bestDist) { best = h; bestDist = d; }
  }
  return best;
}

export interface ExtractOptions { now?: Date }

function quarterOf(d: Date): { y: number; q: number } {
  const c = chinaClock(d);
  return { y: c.getUTCFullYear(), q: Math.floor(c.getUTCMonth() / 3) + 1 };
}

const CN_Q: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const EN_Q: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

function extractQuarters(text: string, now: Date): string[] {
  const out: string[] = [];
  const t = foldFullWidth(text);
  for (const m of t.matchAll(/(20\d{2})\s*年?\s*(?:第)?([一二三四1-4])\s*季度/g)) out.push(`${m[1]}-Q${CN_Q[m[2]!]}`);
  for (const m of t.matchAll(/(20\d{2})\s*[-\s]?\s*Q([1-4])\b/gi)) out.push(`${m[1]}-Q${m[2]}`);
  for (const m of t.matchAll(/\bQ([1-4])\s*[-\s,]?\s*(20\d{2})/gi)) out.push(`${m[2]}-Q${m[1]}`);
  for (const m of t.matchAll(/\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s*,?\s*(20\d{2})/gi)) out.push(`${m[2]}-Q${EN_Q[m[1]!.toLowerCase()]}`);
  const cur = quarterOf(now);
  if (/本季度|这个季度|这季度|当前季度|本季|this\s+quarter|current\s+quarter/i.test(t)) out.push(`${cur.y}-Q${cur.q}`);
  if (/上季度|上个季度|上一季度|last\s+quarter|previous\s+quarter/i.test(t)) {
    const y = cur.q === 1 ? cur.y - 1 : cur.y;
    out.push(`${y}-Q${cur.q === 1 ? 4 : cur.q - 1}`);
  }
  // A bare 第一季度 without a year: the current year.
  if (out.length === 0) for (const m of t.matchAll(/(?<!\d年?)第?([一二三四])季度/g)) out.push(`${cur.y}-Q${CN_Q[m[1]!]}`);
  return [...new Set(out)];
}

function extractYears(text: string, now: Date): number[] {
  const out: number[] = [];
  const t = foldFullWidth(text);
  for (const m of t.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)) out.push(Number(m[1]));
  const y = quarterOf(now).y;
  if (/今年|本年度?|this\s+year/i.test(t)) out.push(y);
  if (/明年|next\s+year/i.test(t)) out.push(y + 1);
  if (/去年|last\s+year/i.test(t)) out.push(y - 1);
  return [...new Set(out)];
}

function extractDates(text: string): string[] {
  const out: string[] = [];
  const t = foldFullWidth(text);
  const pad = (s: string) => s.padStart(2, '0');
  for (const m of t.matchAll(/(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/g)) {
    out.push(`${m[1]}-${pad(m[2]!)}-${m[3] ? pad(m[3]) : '15'}`);
  }
  for (const m of t.matchAll(/\b(20\d{2})-(\d{2})-(\d{2})\b/g)) out.push(`${m[1]}-${m[2]}-${m[3]}`);
  if (out.length === 0) for (const m of t.matchAll(/(20\d{2})\s*年(?!\s*\d)/g)) out.push(`${m[1]}-07-01`);
  return [...new Set(out)];
}

/**
 * Read the facts of rule `ruleId` from `text` (Chinese or English).
 *
 * Returns only what the text says. Contradictions (`年耗电300万度，年耗电600万度`), units that do
 * not fit (`年用电300吨`), negative or absurd figures, approximate figures (`300多万度`) and
 * foreign scripts come back as `problems`, and the fact they concern is left unset.
 */
export function extractFacts(ruleId: RuleId, original: string, _locale?: string, opts: ExtractOptions = {}): { facts: Facts; problems: Problem[] } {
  const text = toSimplified(original);
  const now = opts.now ?? new Date();
  const keys = RULE_FACTS[ruleId];
  const problems: Problem[] = [];
  const found = new Map<FactKey, Array<{ value: unknown; raw: string }>>();
  const add = (key: FactKey, value: unknown, raw: string) => {
    if (!keys.includes(key)) return;
    const list = found.get(key) ?? [];
    list.push({ value, raw });
    found.set(key, list);
  };

  for (const m of text.matchAll(FOREIGN_SCRIPT)) {
    problems.push({ zh: `无法识别的文字：「${m[0].trim()}」，请用中文或英文说明。`, en: `Could not read "${m[0].trim()}"; please use Chinese or English.` });
  }

  // Booleans. A yes/no question put in front of its answer (项目涉及国家秘密吗？否, 是否涉密：否) is
  // read as question + answer, and a question with no answer says nothing: the words of the
  // question itself must never be read as "yes".
  const boolKeys = keys.filter((k) => FACT_DEFS[k]?.no && FACT_DEFS[k]?.yes);
  const asks = (clause: string, key: FactKey) => new RegExp(FACT_DEFS[key]!.yes!.source, 'i').test(clause) || new RegExp(FACT_DEFS[key]!.no!.source, 'i').test(clause);
  let boolText = text;
  const blank = (from: number, to: number) => {
    boolText = boolText.slice(0, from) + ' '.repeat(to - from) + boolText.slice(to);
  };
  for (const m of text.matchAll(QUESTION_AND_ANSWER)) {
    const [whole, question, answer] = m as unknown as [string, string, string];
    const key = boolKeys.find((k) => asks(question, k));
    if (!key) continue;
    const value = readYesNo(answer);
    if (value !== undefined) {
      add(key, value, whole.trim());
      blank(m.index!, m.index! + whole.length);
    } else blank(m.index!, m.index! + question.length);
  }
  for (const key of boolKeys) {
    for (const m of boolText.matchAll(new RegExp(FACT_DEFS[key]!.yes!.source, 'gi'))) {
      const [from, to] = segmentOf(boolText, m.index!);
      const before = boolText.slice(from, m.index!);
      const after = boolText.slice(m.index! + m[0].length, to + 1);
      if (UNANSWERED_BEFORE.test(before) || UNANSWERED_AFTER.test(after)) blank(from, to);
    }
  }
  // Negations first, then blank them out so 不涉密 is not also read as 涉密.
  for (const key of boolKeys) {
    const def = FACT_DEFS[key]!;
    let rest = boolText;
    for (const m of boolText.matchAll(new RegExp(def.no!.source, 'gi'))) {
      add(key, false, m[0]);
      rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
    }
    for (const m of rest.matchAll(new RegExp(def.yes!.source, 'gi'))) add(key, true, m[0]);
  }

  if (keys.includes('town_type')) {
    for (const [re, type] of TOWN_TYPES) for (const m of text.matchAll(new RegExp(re.source, 'gi'))) add('town_type', type, m[0]);
  }
  if (keys.includes('quarter')) for (const q of extractQuarters(text, now)) add('quarter', q, q);
  if (keys.includes('year')) for (const y of extractYears(text, now)) add('year', y, String(y));
  if (keys.includes('date')) for (const d of extractDates(text)) add('date', d, d);

  // Zero statements (没有外出招商) before quantities.
  for (const key of keys) {
    const re = FACT_DEFS[key]?.zero;
    if (re) for (const m of text.matchAll(new RegExp(re.source, 'gi'))) add(key, 0, m[0]);
  }

  const quantityKeys = keys.filter((k) => FACT_DEFS[k]?.dimension);
  const hits = keywordHits(text, quantityKeys);
  // Dates and quarters are not quantities: skip numbers that are part of them.
  const isCalendar = (q: Quantity) => /^\s*(?:年|月|日|号|季度|-Q|Q)/i.test(text.slice(q.end, q.end + 3)) || /第$|Q$/i.test(text.slice(0, q.start));
  for (const q of scanQuantities(text)) {
    if (q.dimension === 'none' && isCalendar(q)) continue;
    const seg = segmentOf(text, q.start);
    const kw = nearest(hits, q, seg);
    const kwDef = kw ? FACT_DEFS[kw.key]! : null;
    let key: FactKey | null = null;
    if (q.dimension === 'energy' || q.dimension === 'electricity' || q.dimension === 'money') {
      const byDim = quantityKeys.filter((k) => FACT_DEFS[k]!.dimension === q.dimension);
      if (kwDef && kwDef.dimension !== q.dimension && kwDef.dimension !== 'count') {
        problems.push(unitProblem(kw!.key, q));
        continue;
      }
      key = kw && kwDef!.dimension === q.dimension ? kw.key : byDim.length === 1 ? byDim[0]! : null;
    } else if (q.dimension === 'mass' || q.dimension === 'power') {
      const relevant = kw ?? (q.dimension === 'mass' && quantityKeys.includes('energy_tce') ? { key: 'energy_tce' as FactKey } : null);
      if (relevant && kwDef?.dimension !== 'count') problems.push(unitProblem(relevant.key, q));
      continue;
    } else if (q.dimension === 'count') {
      if (kw && kwDef!.dimension === 'count' && (!kwDef!.counters || kwDef!.counters.test(q.unit))) key = kw.key;
      else if (kw && kwDef!.dimension !== 'count' && q.start - kw.end <= 2 && q.start >= kw.end) {
        problems.push(unitProblem(kw.key, q));
        continue;
      }
    } else if (kw && q.start >= kw.end && q.start - kw.end <= 2) {
      // A bare number right after its fact word: a count is fine (对接项目3), a quantity needs a unit.
      if (kwDef!.dimension === 'count') key = kw.key;
      else {
        problems.push({
          fact: kw.key,
          zh: `「${text.slice(kw.start, q.end)}」缺少单位，请注明${unitHint(kw.key).zh}。`,
          en: `"${text.slice(kw.start, q.end)}" has no unit; please give it in ${unitHint(kw.key).en}.`,
        });
        continue;
      }
    }
    if (!key) continue;
    const def = FACT_DEFS[key]!;
    if (q.value === null && q.range) {
      problems.push({
        fact: key,
        zh: `「${q.range}」是一个范围或估计，不是确切数字，不能据此判断${def.label.zh}，请给出确切数字。`,
        en: `"${q.range}" is a bound or an estimate, not an exact figure; please give the exact ${def.label.en}.`,
      });
      continue;
    }
    if (q.value === null) {
      problems.push({
        fact: key,
        zh: `「${q.raw}」是约数或无法识别的数字，不能据此判断${def.label.zh}，请给出确切数字。`,
        en: `"${q.raw}" is approximate or unreadable; please give an exact figure for ${def.label.en}.`,
      });
      continue;
    }
    if (q.value < 0) {
      problems.push({ fact: key, zh: `${def.label.zh}不能为负数（「${q.raw}」）。`, en: `${capitalize(def.label.en)} cannot be negative ("${q.raw}").` });
      continue;
    }
    if ((def.max !== undefined && q.value > def.max) || (def.integer && !Number.isInteger(q.value))) {
      problems.push({
        fact: key,
        zh: `${def.label.zh}「${q.raw}」不合常理，请核对。`,
        en: `${capitalize(def.label.en)} "${q.raw}" is not plausible; please check it.`,
      });
      continue;
    }
    add(key, q.value, q.raw);
  }

  const facts: Record<string, unknown> = {};
  for (const [key, list] of found) {
    const values = [...new Set(list.map((x) => JSON.stringify(x.value)))];
    if (values.length === 1) facts[key] = list[0]!.value;
    else {
      const def = FACT_DEFS[key];
      const said = [...new Set(list.map((x) => x.raw))].join('」「');
      problems.push({
        fact: key,
        zh: `关于${def?.label.zh ?? key}的说法相互矛盾（「${said}」），请确认一个。`,
        en: `Contradictory statements about ${def?.label.en ?? key} ("${said.replace(/」「/g, '", "')}"); please confirm one.`,
      });
    }
  }
  return { facts: facts as Facts, problems };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function unitHint(key: FactKey): Localized {
  switch (FACT_DEFS[key]?.dimension) {
    case 'energy': return { zh: '吨标准煤', en: 'tonnes of standard coal (tce)' };
    case 'electricity': return { zh: '千瓦时（度）', en: 'kWh' };
    case 'money': return { zh: '元 / 万元 / 亿元', en: 'yuan' };
    default: return { zh: '个数', en: 'a count' };
  }
}

function unitProblem(key: FactKey, q: Quantity): Problem {
  const def = FACT_DEFS[key]!;
  const hint = unitHint(key);
  return {
    fact: key,
    zh: `「${q.raw}」的单位「${q.unit || '无'}」不适用于${def.label.zh}，${def.label.zh}应以${hint.zh}计。`,
    en: `The unit "${q.unit || 'none'}" in "${q.raw}" does not fit ${def.label.en}; it is measured in ${hint.en}.`,
  };
}
