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
}

/** The names of the features a model may use: every key of {@link MatchEvidence}. */
export const EVIDENCE_FEATURES = ['literal', 'worded', 'known', 'largestHole', 'absentHole', 'mass', 'rarest', 'strength', 'shapeless', 'absent', 'margin'] as const;
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
