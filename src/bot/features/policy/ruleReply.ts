/**
 * Renders a rule verdict: the verdict in one line, the reasoning with the person's own numbers,
 * what is still needed (each with its question), and the verbatim clauses it rests on.
 */
import { currentQuarter, type Outcome, type RuleAnswer, type RuleId } from '../../../rules/index.ts';
import { corpusClauseTitle } from '../../shared/clauseTitles.ts';
import { pick, tr } from '../../core/i18n.ts';
import type { Block, Locale, Reply, TextStyle } from '../../core/reply.ts';
import type { Localized } from '../../../text/locale.ts';
import { CANCEL_HINT } from '../../core/words.ts';

type Verdict = Localized & { style: TextStyle };

/**
 * Verdict wording per rule and outcome word (the outcome words themselves are the JSON contract).
 * Keyed by the rule ids' and outcome words' one definition (rules/types.ts), so a rule or an
 * outcome without wording is a compile error; `undetermined` shares one wording below.
 */
const VERDICTS: { [R in RuleId]: Record<Exclude<Outcome<R>, 'undetermined'>, Verdict> } = {
  'energy-review': {
    exempt: { zh: '不再单独进行节能审查', en: 'No separate energy-conservation review needed', style: 'success' },
    required: { zh: '需要单独进行节能审查', en: 'A separate energy-conservation review is required', style: 'warning' },
  },
  eia: {
    exempt: { zh: '无需办理环评手续', en: 'No EIA procedures needed', style: 'success' },
    required: { zh: '需要办理环评手续', en: 'EIA procedures are required', style: 'warning' },
  },
  'specialty-town': {
    eligible: { zh: '达到区级专业镇量化标准（其余定性条件仍需评定）', en: 'Meets the district-level quantitative criteria (qualitative criteria still to be assessed)', style: 'success' },
    not_eligible: { zh: '未达到区级专业镇认定标准', en: 'Does not meet the district-level criteria', style: 'warning' },
    discretionary: { zh: '未达量化标准，但可适当放宽认定条件（需综合评定）', en: 'Below the thresholds, but the criteria may be relaxed (discretionary)', style: 'warning' },
  },
  'quarterly-quota': {
    met: { zh: '本季度招商任务已达标', en: 'Quarterly quota met', style: 'success' },
    not_met: { zh: '本季度招商任务未达标', en: 'Quarterly quota not met', style: 'error' },
    on_track: { zh: '本季度尚未达标，按进度可以完成', en: 'Not met yet this quarter, on track', style: 'normal' },
    at_risk: { zh: '本季度尚未达标，有完不成的风险', en: 'Not met yet this quarter, at risk', style: 'warning' },
  },
  targets: {
    listed: { zh: '年度目标如下', en: 'The year’s targets', style: 'normal' },
    achieved: { zh: '已完成年度目标', en: 'Targets achieved', style: 'success' },
    not_achieved: { zh: '未完成年度目标', en: 'Targets not achieved', style: 'warning' },
    in_progress: { zh: '年度目标进行中', en: 'Targets in progress', style: 'normal' },
  },
};
const UNDETERMINED: Verdict = { zh: '暂无法判断，需要补充信息', en: 'Cannot decide yet: more facts needed', style: 'warning' };
/** Undecided with nothing to supply (the place lies outside the rule's area; the question was cut): no "more facts" to ask for. */
const NO_VERDICT: Verdict = { zh: '不作判断', en: 'No verdict', style: 'warning' };
/** A question that asked what the rule requires (每季度外出招商要几次) is answered, not "undecided". */
const STATED: Verdict = { zh: '政策规定', en: 'What the policy requires', style: 'normal' };

export function verdictOf(a: RuleAnswer, now: Date = new Date()): Verdict {
  if (a.requirement) return STATED;
  // `outcome` is a plain string in the JSON schema; an unknown word is shown as itself.
  const byOutcome: Partial<Record<string, Verdict>> = VERDICTS[a.rule];
  if (a.outcome === 'undetermined' && !byOutcome[a.outcome]) return a.missing.length > 0 || a.problems.length > 0 ? UNDETERMINED : NO_VERDICT;
  const v = byOutcome[a.outcome] ?? { zh: a.outcome, en: a.outcome, style: 'normal' };
  // A quarter other than this one (上季度, 2025年第二季度) is named: "本季度" would be another quarter.
  const q = a.facts.quarter;
  if (a.rule === 'quarterly-quota' && q && q !== currentQuarter(now) && (a.outcome === 'met' || a.outcome === 'not_met')) {
    return { ...v, zh: v.zh.replace('本季度', q), en: `${v.en} for ${q}` };
  }
  return v;
}

const RULE_NAMES: Record<RuleId, Localized> = {
  'energy-review': { zh: '节能审查', en: 'Energy review' },
  eia: { zh: '环评手续', en: 'EIA' },
  'specialty-town': { zh: '区级专业镇认定', en: 'Specialty town recognition' },
  'quarterly-quota': { zh: '季度招商任务', en: 'Quarterly investment-promotion quota' },
  targets: { zh: '年度招商目标', en: 'Annual targets' },
};

/** JSON for `ask --json` (design.md contract): `missing` names the facts, most decisive first. */
export function ruleJson(a: RuleAnswer) {
  return {
    kind: 'rule' as const,
    rule: a.rule,
    outcome: a.outcome,
    missing: a.missing.map((m) => m.fact),
    followUps: a.missing,
    explanation: a.explanation,
    explanationEn: a.explanationEn,
    citations: a.citations,
    facts: a.facts,
    problems: a.problems,
    ...(a.toAssess ? { toAssess: a.toAssess } : {}),
    ...(a.requirement ? { requirement: a.requirement } : {}),
  };
}

/** How a person continues or leaves a follow-up on their surface. */
export interface FollowUpHow {
  /** Typed text in the same place reaches the bot. */
  hearsReplies: boolean;
  /** The question command as typed there (`/ask`, `/pd-ask`). */
  ask: string;
  /** A one-shot command (the CLI): nothing can answer the follow-up, the question is asked anew. */
  oneShot?: boolean;
}

/**
 * The title of a document in the loaded corpus by its 文号, or `undefined` when no loaded document
 * has that 文号 (it was removed, or never added).
 */
export type LoadedTitle = (docNo: string) => string | undefined;

export function ruleReply(
  a: RuleAnswer,
  locale: Locale,
  followUpActionId?: string,
  how: FollowUpHow = { hearsReplies: true, ask: '/ask' },
  loadedTitle: LoadedTitle = (docNo) => corpusClauseTitle(docNo) || undefined,
  now: Date = new Date(),
): Reply {
  const v = verdictOf(a, now);
  const blocks: Block[] = [
    { type: 'text', text: `${pick(locale, RULE_NAMES[a.rule])}${tr(locale, '：', ': ')}${pick(locale, v)}`, style: 'title' },
  ];
  // The rule keeps its thresholds and its citation in code, so the verdict stands without the
  // text; but the reader must know the source is not there to check.
  const absent = [...new Set(a.citations.map((c) => c.docNo).filter((d): d is string => Boolean(d) && loadedTitle(d!) === undefined))];
  if (absent.length > 0) {
    const list = absent.join('、');
    blocks.push({
      type: 'text',
      text: tr(
        locale,
        `注意：所依据的 ${list} 不在当前语料中（原文未收录或已移除），以下判断和条文引自规则内置的依据，无法在语料中核对原文。`,
        `Note: ${absent.join(', ')}, which this verdict rests on, is not in the corpus (never added or removed); the verdict and the quoted clause come from the rule's built-in citation and cannot be checked against the text here.`,
      ),
      style: 'warning',
    });
  }
  const explanation = locale === 'en' ? a.explanationEn : a.explanation;
  blocks.push({ type: 'text', text: explanation });
  // The explanation usually quotes what could not be used already; a long message is not repeated.
  const unquoted = a.problems.map((p) => pick(locale, p)).filter((p) => !explanation.includes(p));
  if (unquoted.length > 0) {
    blocks.push({ type: 'text', text: tr(locale, '未能理解：', 'Could not understand: ') + unquoted.join(tr(locale, '；', '; ')), style: 'warning' });
  }
  if (a.toAssess && a.toAssess.length > 0) {
    blocks.push({
      type: 'text',
      text: tr(locale, '仍需人工评定：', 'Still to be assessed: ') + a.toAssess.map((c) => `${pick(locale, c)}（${c.path}）`).join('；'),
      style: 'muted',
    });
  }
  if (a.missing.length > 0) {
    blocks.push({
      type: 'fields',
      fields: a.missing.map((m, i) => ({
        label: a.requirement ? tr(locale, `判断具体情况需了解 ${i + 1}`, `To judge a case ${i + 1}`) : tr(locale, `还需了解 ${i + 1}`, `Still needed ${i + 1}`),
        value: pick(locale, m.question),
      })),
    });
  }
  for (const c of a.citations) {
    const inCorpus = !c.docNo || !absent.includes(c.docNo);
    const title = c.docNo && inCorpus ? loadedTitle(c.docNo) ?? '' : tr(locale, '不在语料中', 'not in the corpus');
    blocks.push({ type: 'citation', docNo: c.docNo, title, path: c.path, quote: c.text });
  }
  const reply: Reply = { blocks, ephemeral: true, data: absent.length > 0 ? { ...ruleJson(a), notInCorpus: absent } : ruleJson(a) };
  if (a.missing.length > 0 && how.oneShot) {
    // No button and no "just reply": the process ends with this answer.
    const first = a.missing[0]!.question;
    blocks.push({
      type: 'text',
      text: tr(
        locale,
        `请把缺少的信息写进问题再问一次，例如补上「${first.zh}」的答案：policy-desk ask "<原问题，加上补充的信息>"`,
        `Ask again with the missing facts in the question, e.g. the answer to "${first.en}": policy-desk ask "<your question, with the facts added>"`,
      ),
      style: 'muted',
    });
    return reply;
  }
  if (a.missing.length > 0 && followUpActionId) {
    reply.actions = [{ id: followUpActionId, label: tr(locale, '补充信息', 'Answer follow-up'), style: 'primary' }];
    const first = a.missing[0]!.question;
    const leave = CANCEL_HINT;
    blocks.push({
      type: 'text',
      text: how.hearsReplies
        ? tr(locale, `直接回复补充的信息即可，例如回答「${first.zh}」；回复「${leave.zh}」结束这次追问。`, `Just reply with the missing facts, e.g. answer "${first.en}"; reply "${leave.en}" to end this follow-up.`)
        : tr(
            locale,
            `点「补充信息」填写，或用 ${how.ask} 补充，例如回答「${first.zh}」；${how.ask} ${leave.zh} 结束这次追问。`,
            `Press "Answer follow-up", or answer with ${how.ask}, e.g. "${first.en}"; ${how.ask} ${leave.en} ends this follow-up.`,
          ),
      style: 'muted',
    });
  }
  return reply;
}
