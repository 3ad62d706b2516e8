/**
 * `eia` — 晋市政办〔2024〕32号 二、（五）9: 未列入《建设项目环境影响评价分类管理名录》的项目无需办理环评手续.
 * In the demo zone (晋城经济技术开发区) 晋市政办〔2025〕4号 二、（六）17 says the same for 示范区内 projects,
 * so the answer cites both there once that document is in force.
 */
import { known, not } from './logic.ts';
import { earliestFrom, isoDay, provision } from './parameters.ts';
import { answer, basis, basisEn, missingOf, notCovered, uniqueCitations, type Requirement } from './common.ts';
import type { FactKey, Facts, RuleAnswer } from './types.ts';

export function evaluateEia(facts: Facts, now: Date): RuleAnswer {
  const day = facts.date ?? isoDay(now);
  const city = provision('eia.catalogue', day);
  const demo = provision('eia.demo_zone', day);
  if (!city && !(facts.in_demo_zone && demo)) {
    return notCovered('eia', day, earliestFrom('eia.catalogue'), facts, [provision('eia.catalogue', '9999-12-31')!.citation]);
  }
  const cs = [...(city ? [city.citation] : []), ...(facts.in_demo_zone === true && demo ? [demo.citation] : [])];
  const exempt = not(known(facts.eia_listed));
  const where = facts.in_demo_zone === true ? '项目位于示范区（晋城经济技术开发区）内，' : '';
  const whereEn = facts.in_demo_zone === true ? 'The project is in the demo zone (Jincheng ETDZ). ' : '';
  let outcome: string;
  let zh: string;
  let en: string;
  const missing: FactKey[] = [];
  if (exempt === 'T') {
    outcome = 'exempt';
    zh = `${where}项目未列入《建设项目环境影响评价分类管理名录》，因此无需办理环评手续。`;
    en = `${whereEn}The project is not listed in the EIA classification catalogue, so no EIA procedures are needed.`;
  } else if (exempt === 'F') {
    outcome = 'required';
    zh = `${where}项目列入《建设项目环境影响评价分类管理名录》，不适用「无需办理环评手续」，需按名录要求办理环评手续。`;
    en = `${whereEn}The project is listed in the EIA classification catalogue, so the exemption does not apply; EIA procedures are required as the catalogue specifies.`;
  } else {
    outcome = 'undetermined';
    zh = `${where}尚不清楚项目是否列入《建设项目环境影响评价分类管理名录》：未列入的无需办理环评手续，列入的需按名录办理。`;
    en = `${whereEn}It is not yet known whether the project is listed in the EIA classification catalogue: unlisted projects need no EIA procedures, listed ones do.`;
    missing.push('eia_listed');
  }
  return answer('eia', outcome, {
    missing: missingOf(missing),
    explanation: `${zh}${basis(cs)}`,
    explanationEn: `${en} ${basisEn(cs)}`,
    citations: uniqueCitations(cs),
    facts,
  });
}

/** The rule as a statement (哪些项目不用办环评), or `null` on a day no version is in force. */
export function eiaRequirement(day: string): Requirement | null {
  const city = provision('eia.catalogue', day);
  if (!city) return null;
  const demo = provision('eia.demo_zone', day);
  return {
    zh: `未列入《建设项目环境影响评价分类管理名录》的项目无需办理环评手续；列入名录的项目需按名录要求办理。${demo ? '示范区（晋城经济技术开发区）内的项目同样适用。' : ''}`,
    en: `Projects not listed in the EIA classification catalogue need no EIA procedures; listed projects follow the catalogue.${demo ? ' The same holds in the demo zone (Jincheng ETDZ).' : ''}`,
    citations: [city.citation, ...(demo ? [demo.citation] : [])],
  };
}
