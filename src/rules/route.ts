/**
 * Which rule a question is about. The vocabulary is data: each rule lists the phrases that make a
 * question a rule question; anything else goes to clause search. A mention of a topic alone is not
 * enough where the documents also have non-rule content on it (专业镇 has a leading group, so
 * "城区专业镇领导小组组长是谁" is a search question; "专业镇认定标准" is a rule question).
 *
 * A rule answers only questions about its own subject. Each route therefore also names its
 * `subject` — the words without which a question cannot be about that rule, however its wording
 * looks (承储企业每季度的检测任务 says 季度 and 任务 but is about grain, not the investment quota;
 * 稻谷和小麦储备比例的目标 says 目标 but is not an investment target). For the two "do I need …"
 * rules, `asks` says what the rule decides: a question about the same procedure but another matter
 * (环评报告书多少天能批, 环评的罚款) is a search question unless it asks whether the procedure is
 * needed, gives the figures the rule reads, or names nothing but the procedure itself.
 */
import type { RuleId } from './types.ts';
import { toSimplified } from '../text/simplify.ts';
import { splitEmbeddedTerms } from '../text/terms.ts';

/** Abbreviations in the patterns below; read only where they stand as words (not 能评 in 能评上). */
export const ABBREVIATIONS = ['能评', '环评', '涉密'] as const;

export interface Route {
  rule: RuleId;
  /** Any one makes the question look like this rule's. */
  patterns: RegExp[];
  /**
   * The question must name the rule's subject (investment promotion for the quota …), unless it
   * names nothing else at all (`What are the 2025 targets?`).
   */
  subject?: RegExp;
  /**
   * What the rule decides: the question must ask it (need / exemption), or give the facts the rule
   * reads, or be about nothing else (`环评`, `what does the policy say about 环评`).
   */
  asks?: RegExp;
  /**
   * Words of another matter of the same procedure (材料, 流程, 多久, 收费): a question naming one is a
   * search question unless it gives facts the rule reads (`facts`).
   */
  otherMatter?: RegExp;
  /** The facts the rule reads, as a question gives them (figures with their units, 涉密, 名录). */
  facts?: RegExp;
}

/** Other matters of a procedure than whether it is needed: what to submit, how, how long, cost, who. */
const OTHER_MATTER = /材料|资料|文件清单|申报表|表格|模板|流程|程序|步骤|时限|多久|多长时间|几天|多少天|费用|收费|罚款|处罚|哪个部门|哪个单位|谁(?:来)?审批|去哪|在哪|怎么(?:办理|申请|申报|提交)|如何(?:办理|申请|申报|提交)|\b(?:documents?|materials?|paperwork|procedures?|steps|how\s+long|fees?|fines?|which\s+(?:office|department)|where\s+to)\b/i;
const NEED_FACTS = /\d|[一二两三四五六七八九十百千万亿]\s*(?:吨|万|千瓦|度)|吨|千瓦时|万度|涉密|国家秘密|名录|示范区|开发区|\btce\b|kwh|secret|catalog/i;

/**
 * Whether a procedure is needed, or the figures a need-rule reads; its threshold (门槛) is what the
 * rule decides by. (标准, 条件 and 要求 are not: 环评的收费标准 asks about another matter.)
 */
const ASKS_NEED =
  /门槛|起点|threshold|需要|要不要|需不需要|是否|用不用|要做|要办|办不办|做不做|还要|必须|豁免|免于|免除|免做|不用做|不再|单独|名录|手续|吨|千瓦时|万度|涉密|国家秘密|\bneed|\brequire|exempt|catalog|listed|secret|\btce\b|kwh/i;

export const ROUTES: Route[] = [
  {
    rule: 'quarterly-quota',
    subject: /招商|外出|对接|出访|拜访|quota|outbound|docked|investment\s+promotion/i,
    // What the quota decides: whether the figures are enough (达标, 任务, 几次) or the figures themselves.
    // 季度招商简报怎么写 names the quarter and 招商 but asks about neither.
    asks: /达标|任务|要求|考核|指标|完成|够|不少于|规定|标准|合格|几次|几个|多少|[\d一二两三四五六七八九十零]\s*[次个趟项]|没有?(?:外出|对接)|quota|target|\bmet\b|enough|how\s+many|trips?|docked/i,
    patterns: [
      // A quarter is also written Q1…Q4 (2025-Q2, Q2 2025, 2025年Q2), in either language.
      /(?:季度|\bQ[1-4]\b).{0,12}(?:招商|任务|达标|外出|对接)|(?:招商|外出|对接).{0,12}(?:季度|\bQ[1-4]\b)/,
      /外出招商.{0,16}(?:达标|够|任务|完成|要求)/,
      /quarterly\s+(?:quota|target)|quota.{0,30}(?:quarter|\bQ[1-4]\b)|(?:quarter|\bQ[1-4]\b).{0,30}(?:quota|trips?|docked)|outbound\s+trips?/i,
    ],
  },
  {
    rule: 'specialty-town',
    patterns: [
      // The rule's subject (专业镇) and what it decides (认定, 条件 …) anywhere in the question, or the
      // subject with the figures the rule reads (年产值, 龙头企业, 配套企业): not a word distance.
      /专业镇[^]*(?:认定|标准|条件|够|达到|符合|资格|评定|评上|评为|门槛)|(?:认定|评定|评上|评为|评得上|够不够|够格|符合)[^]*专业镇/,
      /专业镇[^]*(?:产值|龙头|配套企业|上下游)|(?:产值|龙头|配套企业|上下游)[^]*专业镇/,
      /specialty[- ]town.{0,40}(?:qualif|eligib|criteria|threshold|recogni|standard)|(?:qualif|eligib|recogni).{0,40}specialty[- ]town/i,
    ],
  },
  {
    rule: 'energy-review',
    patterns: [/节能审查|能评|节能评估|能源审查/, /energy[- ](?:conservation\s+)?(?:review|assessment|audit)/i],
    asks: ASKS_NEED,
    otherMatter: OTHER_MATTER,
    facts: NEED_FACTS,
  },
  {
    rule: 'eia',
    patterns: [/环评|环境影响评价|环境影响报告|环保审批/, /\bEIA\b|environmental\s+impact/i],
    asks: ASKS_NEED,
    otherMatter: OTHER_MATTER,
    facts: NEED_FACTS,
  },
  {
    rule: 'targets',
    subject: /招商|招引|落户|到位投资|引进|龙头企业|消费品|investment|consumer\s+goods/i,
    patterns: [
      /(?:20\d{2}|今年|明年|去年|年度).{0,10}(?:招商)?目标|目标.{0,8}(?:完成|进度|多少)|(?:完成|达到|实现|达成)了?(?:年度|全年)?目标/,
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
  const q = readQuestion(question);
  const about = (r: Route) =>
    r.patterns.some((p) => p.test(q)) && (!r.subject || r.subject.test(q) || onlyNames(r, q)) && (!r.asks || r.asks.test(q) || onlyNames(r, q))
    && !(r.otherMatter?.test(q) && !r.facts?.test(q));
  // A question that names both energy review and EIA is answered for the one with figures given.
  const energy = about(ROUTES.find((r) => r.rule === 'energy-review')!);
  const eia = about(ROUTES.find((r) => r.rule === 'eia')!);
  if (energy && eia) return /吨|千瓦时|度|kwh|tce|涉密|secret/i.test(q) ? 'energy-review' : /名录|catalog/i.test(q) ? 'eia' : 'energy-review';
  for (const r of ROUTES) if (about(r)) return r.rule;
  return null;
}

/**
 * Wording that asks what a rule requires rather than whether a case meets it: a quantity or a kind
 * (几次, 多少吨, 哪些项目, 什么样的), or the rule itself (要求, 标准, 门槛, 怎么规定).
 */
const ASKS_WHAT =
  /多少|几[次个家户项天]|什么|哪些|哪类|哪种|要求|标准|条件|门槛|规定|怎么说|怎么算|\bhow\s+(?:many|much)\b|\bwhat\b|\bwhich\b|\bthresholds?\b|\brequirements?\b|\bcriteria\b/i;
/**
 * Wording of a yes/no question about one case (需要节能审查吗, 够不够, 是否, Does my project …): the
 * rule judges the case, and asks for the figures it lacks.
 */
const ASKS_WHETHER = /(?:吗|(?<![什怎这那多要])么)[？?！!。\s]*$|吗[，,]|是否|能否|可否|(.)[不没]\1|我们|我|咱|本(?:单位|县|区|镇|市|季度|月|年|项目|公司)|这个项目|该项目|^\s*(?:do|does|did|is|are|was|were|can|could|must|should|will|would|has|have)\b|\b(?:my|our)\b/i;

/**
 * True when a question about `rule` asks what the rule requires (每季度外出招商要几次, 专业镇的认定标准
 * 是什么, 环评政策怎么说), not whether a case meets it (我们这个项目需要节能审查吗). With no figures given,
 * the answer is then the rule stated plainly rather than "cannot judge yet".
 */
export function asksWhatRuleRequires(rule: RuleId, question: string): boolean {
  const q = readQuestion(question);
  if (ASKS_WHETHER.test(q)) return false;
  const route = ROUTES.find((r) => r.rule === rule)!;
  return ASKS_WHAT.test(q) || onlyNames(route, q);
}

/**
 * How much of a question the rule module reads. A question is a few sentences; a longer text (a
 * pasted document) is read only this far, so the time spent grows no further with its length, and
 * the answer says what was left unread (index.ts).
 */
export const MAX_QUESTION_CHARS = 2000;

/** A question as the patterns read it: simplified, half-width, abbreviations standing as words. */
function readQuestion(question: string): string {
  return splitEmbeddedTerms(toSimplified(question.slice(0, MAX_QUESTION_CHARS)).normalize('NFKC'), ABBREVIATIONS);
}

/** Words that say nothing about which matter of a procedure a question is about. */
const NOTHING_ELSE = /这个|那个|项目|政策|规定|文件|关于|请问|什么|怎么|怎样|如何|吗|呢|吧|的|了|是|有|说|讲|看|下|一/g;

/**
 * True when the question names the rule's procedure and (in Chinese) little else: `环评`, `环评政策
 * 怎么说`, `what does the policy say about 环评` — a request for the rule itself.
 */
function onlyNames(r: Route, q: string): boolean {
  let rest = q;
  for (const p of r.patterns) rest = rest.replace(new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`), ' ');
  const cjk = rest.replace(NOTHING_ELSE, '').match(/[\u4e00-\u9fff]/g) ?? [];
  const latin = (rest.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !NOTHING_ELSE_EN.has(w));
  return cjk.length <= 2 && latin.length <= 1;
}

const NOTHING_ELSE_EN: ReadonlySet<string> = new Set([
  'what', 'does', 'the', 'policy', 'policies', 'say', 'says', 'about', 'tell', 'rule', 'rules', 'are', 'for', 'and', 'this', 'our', 'project',
  // Asking scaffolding: Could you tell me / I would like to know what the targets are.
  'could', 'can', 'you', 'please', 'would', 'like', 'want', 'know',
]);
