import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import {
  allRankers,
  evaluate,
  isCorrect,
  loadOffTopic,
  loadQuestions,
  loadUnanswerable,
  offTopicRejection,
  UNSEEN_DOCS_DIR,
  UNSEEN_QUESTIONS_FILE,
} from './harness.ts';

const { clauses, documents } = loadCorpus();
const questions = loadQuestions();
const search = createClauseSearch(clauses);
const [ours, ...baselines] = allRankers(search, clauses).map((r) => ({ ranker: r, result: evaluate(r, questions) }));

describe('evaluation set', () => {
  it('has at least 80 questions in every category over all five documents', () => {
    expect(questions.length).toBeGreaterThanOrEqual(80);
    expect(new Set(questions.map((q) => q.category))).toEqual(
      new Set(['plain', 'paraphrase', 'abbreviation', 'english', 'lookup', 'responsibility']),
    );
    const covered = new Set(questions.flatMap((q) => clauses.filter((c) => isCorrect(q, c)).map((c) => c.docId)));
    for (const d of documents) expect(covered.has(d.docId), d.docId).toBe(true);
  });

  it('asks only questions some clause of the corpus answers', () => {
    for (const q of questions) expect(clauses.some((c) => isCorrect(q, c)), `${q.id} ${q.q}`).toBe(true);
  });

  it('includes the leading-group question answered by 范永星', () => {
    expect(questions.some((q) => q.q === '城区专业镇领导小组组长是谁' && q.phrases?.includes('范永星'))).toBe(true);
  });
});

describe('clause search quality', () => {
  it('meets the targets: hit@3 ≥ 0.95 and hit@1 ≥ 0.85', () => {
    expect(ours!.result.overall.hit3).toBeGreaterThanOrEqual(0.95);
    expect(ours!.result.overall.hit1).toBeGreaterThanOrEqual(0.85);
  });

  it('beats every baseline on hit@1, hit@3 and MRR@10', () => {
    for (const b of baselines) {
      expect(ours!.result.overall.hit1, b.ranker.name).toBeGreaterThan(b.result.overall.hit1);
      expect(ours!.result.overall.hit3, b.ranker.name).toBeGreaterThan(b.result.overall.hit3);
      expect(ours!.result.overall.mrr10, b.ranker.name).toBeGreaterThan(b.result.overall.mrr10);
    }
  });

  it('answers English questions far better than every baseline', () => {
    for (const b of baselines) expect(ours!.result.byCategory.english!.hit3 - b.result.byCategory.english!.hit3).toBeGreaterThan(0.5);
  });

  it('says "no match" to off-topic questions instead of offering a clause', () => {
    expect(offTopicRejection(ours!.ranker, loadOffTopic())).toBeGreaterThanOrEqual(0.9);
  });
});

describe('clause search quality on the frozen unseen-document set', () => {
  const unseenClauses = loadCorpus({ dir: UNSEEN_DOCS_DIR }).clauses;
  const unseenQuestions = loadQuestions(UNSEEN_QUESTIONS_FILE);
  const [u, ...others] = allRankers(createClauseSearch(unseenClauses), unseenClauses).map((r) => ({ ranker: r, result: evaluate(r, unseenQuestions) }));

  it('beats every baseline on hit@1, hit@3 and MRR@10, including the untuned words+bigrams MiniSearch', () => {
    for (const b of others) {
      expect(u!.result.overall.hit1, b.ranker.name).toBeGreaterThan(b.result.overall.hit1);
      expect(u!.result.overall.hit3, b.ranker.name).toBeGreaterThan(b.result.overall.hit3);
      expect(u!.result.overall.mrr10, b.ranker.name).toBeGreaterThan(b.result.overall.mrr10);
    }
  });

  it('answers every 令号 / title + 第X条 lookup directly', () => {
    expect(u!.result.byCategory.lookup!.hit1).toBe(1);
  });

  it('says "no match" to at least 80% of the in-domain questions its documents do not answer, and to off-topic ones', () => {
    expect(offTopicRejection(u!.ranker, loadUnanswerable(UNSEEN_QUESTIONS_FILE))).toBeGreaterThanOrEqual(0.8);
    expect(offTopicRejection(u!.ranker, loadOffTopic())).toBeGreaterThanOrEqual(0.9);
  });
});
