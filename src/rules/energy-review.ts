/**
 * `energy-review` — 晋市政办〔2024〕32号 二、（五）9:
 * 年综合能源消费量不满1000吨标准煤 且 年电力消费量不满500万千瓦时 的项目，和 涉及国家秘密 的项目，
 * 不再单独进行节能审查。
 *
 *   exempt = 涉密 OR (不满(能耗, 1000吨标准煤) AND 不满(用电, 500万千瓦时))
 */
import { and, known, or, 不满, type Tri } from './logic.ts';
import { displayEn, earliestFrom, isoDay, param, provision } from './parameters.ts';
import { answer, basis, basisEn, label, labelEn, missingOf, notCovered, said, saidEn, uniqueCitations, type Requirement } from './common.ts';
import type { FactKey, Facts, RuleAnswer } from './types.ts';

const verdictZh = (t: Tri, ok: string, fail: string) => (t === 'T' ? ok : t === 'F' ? fail : '无法判断');

export function evaluateEnergyReview(facts: Facts, now: Date): RuleAnswer {
  const day = facts.date ?? isoDay(now);
  const pT = param('energy.tce', day);
  const pK = param('energy.kwh', day);
  const secretP = provision('energy.state_secret', day);
  if (!pT || !pK || !secretP) {
    const any = param('energy.tce', '9999-12-31')!;
    return notCovered('energy-review', day, earliestFrom('energy.'), facts, [any.citation]);
  }
  const secret = known(facts.state_secret);
  const lowT = 不满(facts.energy_tce, pT.value);
  const lowK = 不满(facts.electricity_kwh, pK.value);
  const consumption = and(lowT, lowK);
  const exempt = or(secret, consumption);
  const cs = [pT.citation];

  const parts: string[] = [];
  const partsEn: string[] = [];
  if (secret === 'T') {
    parts.push('项目涉及国家秘密，属于「涉及国家秘密的项目」');
    partsEn.push('the project involves state secrets, which is exempt whatever its consumption');
  } else {
    for (const [key, t, p] of [['energy_tce', lowT, pT], ['electricity_kwh', lowK, pK]] as const) {
      if (t === 'U') {
        parts.push(`${said(facts, key)}，尚不能判断是否「不满${p.display}」`);
        partsEn.push(`${saidEn(facts, key)}, so "below ${displayEn(p)}" cannot be checked`);
      } else {
        parts.push(`${said(facts, key)}，${verdictZh(t, '满足', '不满足')}「不满${p.display}」（不满不含本数）`);
        partsEn.push(`${saidEn(facts, key)} ${t === 'T' ? 'is' : 'is not'} below ${displayEn(p)} (the threshold itself is not "below")`);
      }
    }
  }

  let outcome: RuleAnswer['outcome'];
  let conclusion: string;
  let conclusionEn: string;
  let missing: FactKey[] = [];
  if (exempt === 'T') {
    outcome = 'exempt';
    conclusion = '因此不再单独进行节能审查。';
    conclusionEn = 'So no separate energy-conservation review is needed.';
  } else if (consumption === 'F') {
    // Below-threshold fails; only the state-secret exception could still exempt it.
    outcome = 'required';
    // One figure alone decides when the other is unknown: say so, so nobody waits for the other.
    const alone = lowT === 'F' && lowK === 'U' ? (['energy_tce', 'electricity_kwh', pT] as const) : lowK === 'F' && lowT === 'U' ? (['electricity_kwh', 'energy_tce', pK] as const) : null;
    if (alone) {
      const [decides, other, p] = alone;
      parts.push(`仅${label(decides)}一项已不满足「不满${p.display}」，两个条件须同时满足，无论${label(other)}多少都不能免于节能审查`);
      partsEn.push(`${labelEn(decides)} alone is not below ${displayEn(p)}, and both conditions must hold, so the ${labelEn(other)} does not matter`);
    }
    conclusion = secret === 'U'
      ? '因此需要单独进行节能审查（如项目涉及国家秘密，则不再单独进行节能审查）。'
      : '项目不涉及国家秘密，因此需要单独进行节能审查。';
    conclusionEn = secret === 'U'
      ? 'So a separate energy-conservation review is required (unless the project involves state secrets).'
      : 'The project involves no state secrets, so a separate energy-conservation review is required.';
    if (secret === 'U') missing = ['state_secret'];
  } else {
    outcome = 'undetermined';
    conclusion = '信息不足，暂无法判断是否需要单独进行节能审查。';
    conclusionEn = 'Not enough information yet to decide whether a separate review is needed.';
    if (lowT === 'U') missing.push('energy_tce');
    if (lowK === 'U') missing.push('electricity_kwh');
    // The figure more likely to decide goes first: the one not yet given when the other is.
    if (lowT === 'T' && lowK === 'U') missing = ['electricity_kwh'];
    if (lowK === 'T' && lowT === 'U') missing = ['energy_tce'];
    if (secret === 'U') missing.push('state_secret');
  }
  const explanation = `${parts.join('；')}，${conclusion}${basis(cs)}`;
  const explanationEn = `${capital(partsEn.join('; '))}. ${conclusionEn} ${basisEn(cs)}`;
  return answer('energy-review', outcome, { missing: missingOf(missing), explanation, explanationEn, citations: uniqueCitations(cs), facts });
}

/** The rule as a statement (多少吨以上要做节能审查), or `null` on a day no version is in force. */
export function energyReviewRequirement(day: string): Requirement | null {
  const pT = param('energy.tce', day);
  const pK = param('energy.kwh', day);
  const secretP = provision('energy.state_secret', day);
  if (!pT || !pK || !secretP) return null;
  return {
    zh: `年综合能源消费量不满${pT.display}且年电力消费量不满${pK.display}的项目，以及涉及国家秘密的项目，不再单独进行节能审查；其他项目（能耗达到${pT.display}或用电达到${pK.display}，且不涉及国家秘密）需要单独进行节能审查。恰好${pT.display}不属于「不满${pT.display}」（不满不含本数）。`,
    en: `Projects below ${displayEn(pT)} of energy AND below ${displayEn(pK)} of electricity a year, and projects involving state secrets, need no separate energy-conservation review; any other project (reaching either figure, no state secrets) needs one. Exactly ${displayEn(pT)} is not "below".`,
    citations: [pT.citation],
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
