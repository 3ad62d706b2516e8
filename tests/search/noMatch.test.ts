/**
 * The "no match" decision (src/search/noMatch.ts): a logistic model over the best clause's evidence,
 * its parameters data fitted by scripts/fit-nomatch.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus, type Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { answerProbability, answersQuestion, EVIDENCE_FEATURES, NO_MATCH_MODEL, type MatchEvidence, type NoMatchModel } from '../../src/search/noMatch.ts';
import { averageCrossValidation, fit, folds, type Sample } from '../../scripts/fit-nomatch.ts';
import { DEV_DOCS_DIR } from '../eval/harness.ts';

const evidence = (over: Partial<MatchEvidence> = {}): MatchEvidence => ({
  literal: 1,
  worded: 1,
  known: 1,
  largestHole: 0,
  absentHole: 0,
  mass: 2,
  rarest: 1,
  strength: 2,
  shapeless: 0,
  absent: 0,
  margin: 0.5,
  yesNoLead: 0,
  ...over,
});

describe('the fitted no-match model', () => {
  it('is data that says what it was fitted on, over features the evidence has', () => {
    expect(NO_MATCH_MODEL.fittedOn).toMatch(/fit-nomatch\.ts/);
    expect(NO_MATCH_MODEL.threshold).toBeGreaterThan(0);
    expect(NO_MATCH_MODEL.threshold).toBeLessThan(1);
    for (const f of Object.keys(NO_MATCH_MODEL.weights)) expect(EVIDENCE_FEATURES).toContain(f);
  });

  it('answers a clause that carries every word of the question and refuses one that carries almost none', () => {
    expect(answersQuestion(evidence())).toBe(true);
    expect(answersQuestion(evidence({ literal: 0.1, worded: 0.1, known: 0.1, largestHole: 0.8, strength: -0.5, mass: 0.1, rarest: 0.1 }))).toBe(false);
  });

  it('trusts a clause less when it lacks the figure, period or date the question asks for', () => {
    expect(answerProbability(evidence({ shapeless: 1 }))).toBeLessThan(answerProbability(evidence()));
  });

  it('trusts a yes/no question more when its best clause stands clear of the runner-up (yesNoLead)', () => {
    expect(NO_MATCH_MODEL.weights.yesNoLead ?? 0).toBeGreaterThan(0);
    expect(answerProbability(evidence({ yesNoLead: 1 }))).toBeGreaterThan(answerProbability(evidence()));
  });

  it('reads only the features its weights name, with the threshold as the cut', () => {
    const m: NoMatchModel = { fittedOn: 'test', intercept: -1, weights: { worded: 2 }, threshold: 0.5 };
    expect(answerProbability(evidence({ worded: 0.5 }), m)).toBeCloseTo(0.5, 10);
    expect(answersQuestion(evidence({ worded: 0.49, strength: 99 }), m)).toBe(false);
    expect(answersQuestion(evidence({ worded: 0.51, strength: -99 }), m)).toBe(true);
  });
});

/** A clause of a small made-up document (`docId`, `title`), to read the decision's evidence on a few clauses. */
const madeUpClause =
  (docId: string, title: string) =>
  (path: string, text: string): Clause => ({ docId, docNo: null, title, path, heading: path, text, units: [] });

/** The decision's `shapeless` for question `q` over `clauses`. */
function shapelessOver(clauses: Clause[], q: string): number {
  let seen: MatchEvidence | undefined;
  createClauseSearch(clauses, { matchDecision: (e) => ((seen ??= e), true) }).search(q, { limit: 3 });
  return seen!.shapeless;
}

describe('a search given its own decision', () => {
  const { clauses } = loadCorpus({ dir: DEV_DOCS_DIR });

  it('hands that decision the best clause\'s evidence and follows its verdict', () => {
    const seen: MatchEvidence[] = [];
    const refuseAll = createClauseSearch(clauses, { matchDecision: (e) => (seen.push(e), false) });
    const answerAll = createClauseSearch(clauses, { matchDecision: () => true });
    const q = '产品送去检测的费用谁出';
    expect(refuseAll.search(q).status).toBe('no_match');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.worded).toBeGreaterThan(0);
    expect(answerAll.search(q).status).toBe('ok');
  });

  it('counts a figure as stated only in the best clause\'s own document: another document\'s figures say nothing of this answer', () => {
    const seen: MatchEvidence[] = [];
    const mixed = createClauseSearch([...loadCorpus({}).clauses, ...clauses], { matchDecision: (e) => (seen.push(e), true) });
    // The seed documents' clauses state figures (1000吨标准煤 …) and come up beside the dev clause
    // on 外资企业, which states none.
    const hits = mixed.search('外资企业最低注册资本要多少', { limit: 3 }).hits;
    expect(new Set(hits.map((h) => h.docId)).size).toBeGreaterThan(1);
    expect(seen[0]!.shapeless).toBe(1);
  });

  it('marks a yes/no question whose best clause scores over twice the runner-up, and answers it with the clause that rules on it', () => {
    const seen: MatchEvidence[] = [];
    const recording = createClauseSearch(clauses, { matchDecision: (e) => (seen.push(e), true) });
    // A paraphrase sharing little wording with its clause (…养老服务等公益事业): refused before yesNoLead.
    recording.search('台商办养老机构算不算鼓励的项目');
    expect(seen[0]!.margin).toBeGreaterThan(0.5);
    expect(seen[0]!.yesNoLead).toBe(1);
    const hits = createClauseSearch(clauses).search('台商办养老机构算不算鼓励的项目', { limit: 3 }).hits;
    expect(hits.some((h) => h.text.includes('养老服务等公益事业'))).toBe(true);
    // The same lead on a question that is not answered yes or no counts nothing.
    seen.length = 0;
    recording.search('台商办养老机构鼓励哪些项目');
    expect(seen[0]!.yesNoLead).toBe(0);
  });

  it('counts a who question naming the act (由谁任命, 在哪个网站公布) as unanswered by clauses that name no one doing it', () => {
    const clause = madeUpClause('zone', '某省经济开发区条例');
    const zone = [
      clause('第五条', '经济开发区管理委员会主任负责管理委员会的全面工作，副主任协助主任工作。'),
      clause('第六条', '经济开发区管理委员会应当制定产业发展规划，由县级以上人民政府负责组织实施。'),
      clause('第七条', '经济开发区名单由省人民政府发展改革部门负责公布。'),
      clause('第八条', '经济开发区应当建设标准厂房，鼓励企业入驻。'),
    ];
    // 主任负责… names what the director does, not who appoints the director.
    expect(shapelessOver(zone, '管理委员会主任由谁任命')).toBe(1);
    // The department publishing the list is not the website it is published on …
    expect(shapelessOver(zone, '经济开发区名单在哪个网站上公布')).toBe(1);
    // … but it is who publishes it.
    expect(shapelessOver(zone, '经济开发区名单由谁公布')).toBe(0);
  });

  it('counts a question asking for papers (哪些材料) as unanswered by clauses that name none to hand in', () => {
    const clause = madeUpClause('estate', '某市不动产登记办法');
    const estate = [
      clause('第八条', '不动产登记机构应当公布不动产登记的办理程序、办理时限和收费标准。'),
      clause('第九条', '不动产登记机构应当推行不动产登记一窗受理、并联办理。'),
      clause('第十条', '办理宅基地使用权登记的，申请人应当提交不动产登记申请书、身份证明和权属来源材料。'),
    ];
    // 办理程序 and 一窗受理 name no paper to hand in …
    expect(shapelessOver(estate.slice(0, 2), '办理不动产登记需要准备哪些材料')).toBe(1);
    // … 提交…申请书、身份证明 does.
    expect(shapelessOver(estate, '办理不动产登记需要准备哪些材料')).toBe(0);
    // Which conditions apply is no question of papers: any list of the clauses may answer it.
    expect(shapelessOver(estate.slice(0, 2), '办理不动产登记有哪些程序')).toBe(0);
  });

  it('reads the same candidates whatever the number of hits asked for: 1 hit answers or refuses as 10 do', () => {
    const seen: Array<[number, MatchEvidence]> = [];
    let limit = 0;
    const recording = createClauseSearch(clauses, { matchDecision: (e) => (seen.push([limit, e]), true) });
    // A 多少 question whose best clause states no figure: whether one of the next two does is evidence.
    for (limit of [1, 3, 10]) recording.search('个体户最多能雇多少个工人', { limit });
    expect(seen.map(([l]) => l)).toEqual([1, 3, 10]);
    expect(seen[0]![1]).toEqual(seen[2]![1]);
    expect(seen[1]![1]).toEqual(seen[2]![1]);
    expect(recording.search('个体户最多能雇多少个工人', { limit: 1 }).hits).toHaveLength(1);
  });
});

describe('fitting the decision (scripts/fit-nomatch.ts)', () => {
  const sample = (kind: Sample['kind'], strength: number): Sample => ({
    set: 'dev',
    kind,
    q: `${kind} ${strength}`,
    evidence: evidence({ strength }),
    right: kind === 'answerable',
    refusedNow: false,
  });

  it('learns a cut between strong answerable and weak unanswerable evidence, refusing at least the required share of negatives', () => {
    const samples = [
      ...[1.2, 1.4, 1.6, 1.8, 2.0, 0.9, 1.1].map((s) => sample('answerable', s)),
      ...[0.1, 0.2, 0.3, 0.5, 0.6, 1.0].map((s) => sample('unanswerable', s)),
    ];
    const { model } = fit(samples, ['strength'], 0.01, 0.8);
    expect(model.weights.strength).toBeGreaterThan(0);
    const refused = samples.filter((s) => !answersQuestion(s.evidence!, model));
    expect(refused.filter((s) => s.kind === 'unanswerable').length).toBeGreaterThanOrEqual(5);
    expect(refused.filter((s) => s.kind === 'answerable').length).toBeLessThanOrEqual(1);
  });

  describe('cross-validation by held-out document', () => {
    // Three dev documents of answerable questions, and six negatives dealt among their folds.
    const answerable = ['a', 'b', 'c'].flatMap((doc) => [1.3, 1.5, 1.8].map((v): Sample => ({ ...sample('answerable', v), q: `${doc} ${v}`, doc })));
    const negatives = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((v) => sample('unanswerable', v));
    const samples = [...answerable, ...negatives];

    it('holds each document out with its own questions, and deals the negatives round-robin from the given fold', () => {
      const { docs, fold } = folds(samples);
      expect(docs).toEqual(['a', 'b', 'c']);
      for (const s of answerable) expect(fold.get(s)).toBe(docs.indexOf(s.doc!));
      expect(negatives.map((s) => fold.get(s))).toEqual([0, 1, 2, 0, 1, 2]);
      expect(negatives.map((s) => folds(samples, 1).fold.get(s))).toEqual([1, 2, 0, 1, 2, 0]);
    });

    it('averages the held-out rates over every dealing of the negatives', () => {
      const r = averageCrossValidation(samples, ['strength'], 0.01, 0.8);
      // Cleanly separated: every held-out fit answers the answerable and refuses the negatives.
      expect(r.rightRefused).toBe(0);
      expect(r.unanswerableRefused).toBe(1);
      expect(r.negativesRefused).toBe(1);
    });
  });
});
