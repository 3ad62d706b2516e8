/**
 * The "no match" decision for a Chinese question: a small logistic classifier over what the best
 * clause shows of the question (its {@link MatchEvidence}), with parameters fitted on data, not by
 * hand. It answers when the probability that the best clause is a real answer reaches the model's
 * threshold; below it the search says the documents do not cover the question rather than offer an
 * unrelated clause.
 *
 * The parameters live in `noMatchModel.json`, written by `scripts/fit-nomatch.ts` from the corpus and
 * development sets (answerable questions the search ranks right against unanswerable and off-topic
 * ones); re-run it after any change to the ranking, which moves these features. The script also
 * reports leave-one-document-out cross-validated rates, the honest estimate on unseen documents.
 *
 * @module
 */
import model from './noMatchModel.json' with { type: 'json' };
import type { MatchParts } from './evidence.ts';

/**
 * What the decision reads about the best clause (and the runner-up). Every value is a number so that
 * the fitted model can name any of them; shares are of the question's content weight (IDF-weighted).
 */
export interface MatchEvidence extends MatchParts {
  /** The hand-shaped strength used before the fit (evidence.ts, matchStrength), as one candidate feature. */
  strength: number;
  /**
   * 1 when the question asks for a figure, period or date (多少 / 多久 / 什么时候) and neither the clause
   * nor those of its document among the first three state one.
   */
  shapeless: number;
  /** Share of the content weight in words no clause of the corpus uses at all (增值税 in a corpus without it). */
  absent: number;
  /** How far the best clause's score is ahead of the second's: 1 − second / first (1 when there is none). */
  margin: number;
  /**
   * 1 for a question answered yes or no (能不能…, 要不要…, …吗) whose best clause scores more than twice the
   * runner-up ({@link margin} > 0.5); else 0. Such a question is answered by the one rule that permits or
   * requires the act, which stands clear of the others even worded differently (放假的时候领导要不要在现场
   * 盯着 → 节假日…值班); a yes/no question about a subject the documents only mention (代建单位要不要交履约
   * 保证金) finds several clauses about it, none clear. The margin alone also lifts the where / who /
   * which-procedure questions a document does not answer: leave-one-set-out over the tuning sets
   * (corpus, dev, rounds 4–7 fitted, each of dev and rounds 3–7 held out in turn), margin refused 69 → 65 of 97 unanswerable,
   * this 45 → 38 of 577 right answers with 69 → 71 unanswerable and 98 of 108 off-topic refused, and
   * fewer right answers at every equal count of unanswerable refused (at 68: 48 → 42). The margin itself
   * (not the step) cost a corpus unanswerable when fitted on corpus and dev alone.
   */
  yesNoLead: number;
}

/** The names of the features a model may use: every key of {@link MatchEvidence}. */
export const EVIDENCE_FEATURES = ['literal', 'worded', 'known', 'largestHole', 'absentHole', 'mass', 'rarest', 'strength', 'shapeless', 'absent', 'margin', 'yesNoLead'] as const;
export type EvidenceFeature = (typeof EVIDENCE_FEATURES)[number];

/** A fitted decision: logistic weights per feature, and the probability at which it answers. */
export interface NoMatchModel {
  /** What the parameters were fitted on and how (written by scripts/fit-nomatch.ts). */
  fittedOn: string;
  intercept: number;
  weights: Partial<Record<EvidenceFeature, number>>;
  /** Answer when the probability of a real answer is at least this. */
  threshold: number;
}

/** The fitted model in use (noMatchModel.json). */
export const NO_MATCH_MODEL: NoMatchModel = model as NoMatchModel;

/** Probability, under `m`, that the clause with this evidence answers the question. */
export function answerProbability(e: MatchEvidence, m: NoMatchModel = NO_MATCH_MODEL): number {
  let z = m.intercept;
  for (const [name, w] of Object.entries(m.weights) as Array<[EvidenceFeature, number]>) z += w * e[name];
  return 1 / (1 + Math.exp(-z));
}

/** Whether the best clause answers the question under `m` (otherwise the outcome is "no match"). */
export function answersQuestion(e: MatchEvidence, m: NoMatchModel = NO_MATCH_MODEL): boolean {
  return answerProbability(e, m) >= m.threshold;
}

/** Decides "no match" from the evidence; the default is {@link answersQuestion} with the fitted model. */
export type MatchDecision = (e: MatchEvidence) => boolean;
