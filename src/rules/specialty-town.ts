/**
 * `specialty-town` — 城政办发〔2024〕36号 三、创建标准 (district-level recognition):
 *   （四）年产值：制造业类 2亿元以上；特优农业类、轻工类 0.5亿元以上；
 *         主导产品具有历史发源地、地理标志等传统特色的，可适当放宽认定条件；
 *   （五）至少1家龙头企业，带动上下游配套企业（含家庭农场、专业合作社）3户以上。
 * The qualitative criteria (（一）（二）（三）（六）（七） and the rest of （四）) are returned in
 * `toAssess` — never passed silently.
 *
 *   quantitative = 以上(产值, 类型门槛) AND 不少于(龙头, 1) AND 以上(配套, 3)
 *   eligible if quantitative; discretionary if it fails but the GI/origin relaxation applies.
 */
import { and, known, 以上, 不少于, type Tri } from './logic.ts';
import { displayEn, earliestFrom, isoDay, param, provision, QUALITATIVE_CRITERIA, type Citation, type Parameter } from './parameters.ts';
import { answer, basis, basisEn, missingOf, notCovered, said, saidEn, uniqueCitations, type Requirement } from './common.ts';
import type { FactKey, Facts, RuleAnswer, TownType } from './types.ts';

const TYPE_ZH: Record<TownType, string> = { manufacturing: '制造业类', agriculture: '特优农业类', light_industry: '轻工类' };
const TYPE_EN: Record<TownType, string> = { manufacturing: 'manufacturing', agriculture: 'specialty-agriculture', light_industry: 'light-industry' };

export function evaluateSpecialtyTown(facts: Facts, now: Date): RuleAnswer {
  const day = facts.date ?? isoDay(now);
  const outputs = (['manufacturing', 'agriculture', 'light_industry'] as const).map((t) => [t, param(`town.output.${t}`, day)] as const);
  const pLead = param('town.leading_enterprises', day);
  const pFirms = param('town.supporting_firms', day);
  const relax = provision('town.gi_relaxation', day);
  if (!pLead || !pFirms || !relax || outputs.some(([, p]) => !p)) {
    return notCovered('specialty-town', day, earliestFrom('town.'), facts, [param('town.leading_enterprises', '9999-12-31')!.citation]);
  }
  const byType = new Map(outputs.map(([t, p]) => [t, p!] as [TownType, Parameter]));
  const pOut = facts.town_type ? byType.get(facts.town_type)! : null;

  // Without the type, the output test is still decided when the figure clears every type's bar or none.
  let outputOk: Tri;
  if (pOut) outputOk = 以上(facts.annual_output_yuan, pOut.value);
  else {
    const vals = [...byType.values()].map((p) => p.value);
    const all = 以上(facts.annual_output_yuan, Math.max(...vals));
    const none = 以上(facts.annual_output_yuan, Math.min(...vals));
    outputOk = all === 'T' ? 'T' : none === 'F' ? 'F' : 'U';
  }
  const leadOk = 不少于(facts.leading_enterprises, pLead.value);
  const firmsOk = 以上(facts.supporting_firms, pFirms.value);
  const quantitative = and(outputOk, leadOk, firmsOk);
  const gi = known(facts.gi_status);

  const cs: Citation[] = [...(pOut ? [pOut.citation] : [...byType.values()].map((p) => p.citation)), pLead.citation, pFirms.citation];
  const lines: string[] = [];
  const linesEn: string[] = [];
  const mark = (t: Tri) => (t === 'T' ? '满足' : t === 'F' ? '不满足' : '尚无法判断是否满足');
  const markEn = (t: Tri) => (t === 'T' ? 'meets' : t === 'F' ? 'does not meet' : 'cannot yet be checked against');
  const typeZh = facts.town_type ? TYPE_ZH[facts.town_type] : '类型未知的';
  const outRule = pOut
    ? `${typeZh}专业镇年产值达到${pOut.display}以上`
    : `年产值达到${byThreshold(byType).map((g) => `${g.p.display}（${g.types.map((t) => TYPE_ZH[t]).join('、')}）`).join('或')}以上`;
  lines.push(`${said(facts, 'annual_output_yuan')}，${mark(outputOk)}「${outRule}」（以上含本数）`);
  linesEn.push(`${saidEn(facts, 'annual_output_yuan')} ${markEn(outputOk)} the ${facts.town_type ? TYPE_EN[facts.town_type] + ' ' : ''}output threshold${pOut ? ` of ${displayEn(pOut)} or more` : ''}`);
  lines.push(`${said(facts, 'leading_enterprises')}，${mark(leadOk)}「至少拥有${pLead.display}龙头企业」`);
  linesEn.push(`${saidEn(facts, 'leading_enterprises')} ${markEn(leadOk)} "at least ${pLead.value} leading enterprise"`);
  lines.push(`${said(facts, 'supporting_firms')}，${mark(firmsOk)}「上下游配套企业户数在${pFirms.display}以上」（以上含本数）`);
  linesEn.push(`${saidEn(facts, 'supporting_firms')} ${markEn(firmsOk)} "${pFirms.value} or more supporting firms" (the number itself counts)`);

  let outcome: string;
  let conclusion: string;
  let conclusionEn: string;
  const missing: FactKey[] = [];
  const unknownParts = (): FactKey[] => {
    const m: FactKey[] = [];
    if (outputOk === 'U') {
      if (facts.annual_output_yuan === undefined) m.push('annual_output_yuan');
      if (!facts.town_type) m.push('town_type');
    }
    if (leadOk === 'U') m.push('leading_enterprises');
    if (firmsOk === 'U') m.push('supporting_firms');
    return m;
  };
  if (quantitative === 'T') {
    outcome = 'eligible';
    conclusion = '量化条件均已满足；其余定性条件仍需评定（见下）。';
    conclusionEn = 'All quantitative thresholds are met; the qualitative criteria still need to be assessed.';
  } else if (quantitative === 'F') {
    cs.push(relax.citation);
    if (gi === 'T') {
      outcome = 'discretionary';
      conclusion = '未达到量化条件，但主导产品具有历史发源地、地理标志等传统特色，按规定「可适当放宽认定条件」，由认定部门在充分考虑发展前景后酌情决定。';
      conclusionEn = 'The quantitative thresholds are not met, but the lead product has historical-origin / GI standing, so the conditions "may be appropriately relaxed" at the recognising body’s discretion.';
    } else {
      outcome = 'not_eligible';
      conclusion = gi === 'U'
        ? '未达到量化条件，按原则不符合区级专业镇认定标准（若主导产品具有历史发源地、地理标志等传统特色，可适当放宽认定条件）。'
        : '未达到量化条件，且主导产品不具有历史发源地、地理标志等传统特色，不符合区级专业镇认定标准。';
      conclusionEn = gi === 'U'
        ? 'The quantitative thresholds are not met, so in principle the town does not qualify (unless its lead product has historical-origin / GI standing, which allows relaxing the conditions).'
        : 'The quantitative thresholds are not met and there is no historical-origin / GI standing, so the town does not qualify.';
      if (gi === 'U') missing.push('gi_status');
    }
  } else {
    outcome = 'undetermined';
    conclusion = '信息不足，暂无法判断是否达到区级专业镇认定标准。';
    conclusionEn = 'Not enough information yet to decide.';
    missing.push(...unknownParts());
    if (gi === 'T') cs.push(relax.citation);
    if (gi === 'U') { missing.push('gi_status'); cs.push(relax.citation); }
  }
  const toAssess = QUALITATIVE_CRITERIA.map((c) => ({ zh: c.zh, en: c.en, path: c.citation.path }));
  const assessZh = `定性条件仍需评定：${QUALITATIVE_CRITERIA.map((c) => `${c.zh}（${c.citation.path}）`).join('、')}。`;
  const assessEn = `Still to be assessed: ${QUALITATIVE_CRITERIA.map((c) => `${c.en} (${c.citation.path})`).join(', ')}.`;
  const allCs = [...cs, ...QUALITATIVE_CRITERIA.map((c) => c.citation)];
  return answer('specialty-town', outcome, {
    missing: missingOf(missing),
    explanation: `${lines.join('；')}。${conclusion}${assessZh}${basis(cs)}`,
    explanationEn: `${linesEn.join('; ')}. ${conclusionEn} ${assessEn} ${basisEn(cs)}`,
    citations: uniqueCitations(allCs),
    facts,
    toAssess,
  });
}

/** The output thresholds with the town types that share each (特优农业类、轻工类 0.5亿元), in type order. */
function byThreshold(byType: ReadonlyMap<TownType, Parameter>): Array<{ p: Parameter; types: TownType[] }> {
  const byValue = new Map<number, { p: Parameter; types: TownType[] }>();
  for (const [t, p] of byType) {
    const g = byValue.get(p.value) ?? { p, types: [] };
    g.types.push(t);
    byValue.set(p.value, g);
  }
  return [...byValue.values()];
}

/** The criteria as a statement (专业镇认定标准是什么), or `null` on a day no version is in force. */
export function specialtyTownRequirement(day: string): Requirement | null {
  const outputs = (['manufacturing', 'agriculture', 'light_industry'] as const).map((t) => [t, param(`town.output.${t}`, day)] as const);
  const pLead = param('town.leading_enterprises', day);
  const pFirms = param('town.supporting_firms', day);
  const relax = provision('town.gi_relaxation', day);
  if (!pLead || !pFirms || !relax || outputs.some(([, p]) => !p)) return null;
  const groups = byThreshold(new Map(outputs.map(([t, p]) => [t, p!] as [TownType, Parameter])));
  const outZh = groups.map((g) => `${g.types.map((t) => TYPE_ZH[t]).join('、')}达到${g.p.display}以上`).join('，');
  const outEn = groups.map((g) => `${displayEn(g.p)} or more (${g.types.map((t) => TYPE_EN[t]).join(', ')})`).join('; ');
  return {
    zh: `区级专业镇的量化标准：年产值${outZh}；至少拥有${pLead.display}实力较强、行业知名的龙头企业；带动上下游配套企业（含家庭农场、专业合作社）${pFirms.display}以上（以上含本数）。主导产品具有历史发源地、地理标志等传统特色的，可适当放宽认定条件。定性条件另行评定（见下）。`,
    en: `District-level specialty towns need annual output of ${outEn}; at least ${pLead.value} strong, well-known leading enterprise; and ${pFirms.value} or more supporting upstream and downstream firms (the number itself counts). A lead product with historical-origin or GI standing allows the conditions to be relaxed. The qualitative criteria are assessed separately (below).`,
    citations: [...groups.map((g) => g.p.citation), pLead.citation, pFirms.citation, relax.citation],
  };
}
