import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import {
  allRankers,
  DEV_DOCS_DIR,
  DEV_QUESTIONS_FILE,
  DEV_ROUND3_DOCS_DIR,
  DEV_ROUND3_FILE,
  DEV_ROUND4_DOCS_DIR,
  DEV_ROUND4_FILE,
  DEV_ROUND5_DOCS_DIR,
  DEV_ROUND5_FILE,
  DEV_ROUND6_DOCS_DIR,
  DEV_ROUND6_FILE,
  DEV_ROUND7_DOCS_DIR,
  DEV_ROUND7_FILE,
  DEV_ROUND8_DOCS_DIR,
  DEV_ROUND8_FILE,
  DEV_ROUND9_DOCS_DIR,
  DEV_ROUND9_FILE,
  evaluate,
  isCorrect,
  loadQuestions,
  loadUnanswerable,
  UNSEEN_DOCS_DIR,
} from './harness.ts';

const dev = loadCorpus({ dir: DEV_DOCS_DIR });
const questions = loadQuestions(DEV_QUESTIONS_FILE);

describe('development evaluation set', () => {
  it('holds documents that are neither in corpus/ nor in the frozen unseen set', () => {
    expect(dev.documents.length).toBeGreaterThanOrEqual(2);
    expect(dev.warnings).toEqual([]);
    const elsewhere = new Set([...loadCorpus().documents, ...loadCorpus({ dir: UNSEEN_DOCS_DIR }).documents].map((d) => d.title));
    const files = new Set([...readdirSync(DEFAULT_CORPUS_DIR), ...readdirSync(UNSEEN_DOCS_DIR)]);
    for (const d of dev.documents) {
      expect(elsewhere.has(d.title), d.title).toBe(false);
      expect(files.has(d.file), d.file).toBe(false);
    }
  });

  it('asks at least 40 questions, mostly in everyday words (Chinese paraphrases or English), each answered by some clause of its document', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    const everyday = questions.filter((q) => q.category === 'paraphrase' || q.category === 'english');
    expect(everyday.length).toBeGreaterThan(questions.length / 2);
    expect(questions.filter((q) => q.category === 'paraphrase').length).toBeGreaterThanOrEqual(30);
    for (const q of questions) expect(dev.clauses.some((c) => isCorrect(q, c)), `${q.id} ${q.q}`).toBe(true);
    expect(loadUnanswerable(DEV_QUESTIONS_FILE).length).toBeGreaterThanOrEqual(8);
  });

  it('has a third round over three documents of its own, in no other set, each question answered by some clause of its document, no id repeated', () => {
    const docs = loadCorpus({ dir: DEV_ROUND3_DOCS_DIR });
    expect(docs.documents.length).toBe(3);
    expect(docs.warnings).toEqual([]);
    const elsewhere = new Set([...dev.documents, ...loadCorpus().documents, ...loadCorpus({ dir: UNSEEN_DOCS_DIR }).documents].map((d) => d.title));
    for (const d of docs.documents) expect(elsewhere.has(d.title), d.title).toBe(false);
    const round3 = loadQuestions(DEV_ROUND3_FILE);
    expect(round3.length).toBeGreaterThanOrEqual(100);
    expect(loadUnanswerable(DEV_ROUND3_FILE).length).toBeGreaterThanOrEqual(18);
    for (const q of round3) expect(docs.clauses.some((c) => isCorrect(q, c)), `${q.id} ${q.q}`).toBe(true);
    const ids = [...questions, ...round3].map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // Each outside round after the third: its own documents (none in an earlier set), every question answered by
  // some clause of its document, enough unanswerable questions, and no id repeated from an earlier set.
  const outsideRounds = [
    { name: "a fourth round, an outside tester's", file: DEV_ROUND4_FILE, dir: DEV_ROUND4_DOCS_DIR, unanswerable: 10 },
    { name: "a fifth round, a second outside tester's", file: DEV_ROUND5_FILE, dir: DEV_ROUND5_DOCS_DIR, unanswerable: 10 },
    { name: "a sixth round, a third outside tester's", file: DEV_ROUND6_FILE, dir: DEV_ROUND6_DOCS_DIR, unanswerable: 10 },
    { name: "a seventh round, two more outside testers'", file: DEV_ROUND7_FILE, dir: DEV_ROUND7_DOCS_DIR, unanswerable: 20 },
    { name: "an eighth round, two more outside testers'", file: DEV_ROUND8_FILE, dir: DEV_ROUND8_DOCS_DIR, unanswerable: 20 },
    { name: "a ninth round, two more outside testers'", file: DEV_ROUND9_FILE, dir: DEV_ROUND9_DOCS_DIR, unanswerable: 20 },
  ];
  for (const [k, round] of outsideRounds.entries()) {
    const earlier = [{ file: DEV_ROUND3_FILE, dir: DEV_ROUND3_DOCS_DIR }, ...outsideRounds.slice(0, k)];
    it(`has ${round.name} four documents in no other set, each question answered by some clause of its document, no id repeated`, () => {
      const docs = loadCorpus({ dir: round.dir });
      expect(docs.documents.length).toBe(4);
      expect(docs.warnings).toEqual([]);
      const elsewhere = new Set(
        [...earlier.map((r) => r.dir), UNSEEN_DOCS_DIR].flatMap((dir) => loadCorpus({ dir }).documents).concat(dev.documents, loadCorpus().documents).map((d) => d.title),
      );
      for (const d of docs.documents) expect(elsewhere.has(d.title), d.title).toBe(false);
      const own = loadQuestions(round.file);
      expect(own.length).toBeGreaterThanOrEqual(100);
      expect(loadUnanswerable(round.file).length).toBeGreaterThanOrEqual(round.unanswerable);
      for (const q of own) expect(docs.clauses.some((c) => isCorrect(q, c)), `${q.id} ${q.q}`).toBe(true);
      const ids = [...questions, ...earlier.flatMap((r) => loadQuestions(r.file)), ...own].map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it('is answered better by our search than by every baseline (hit@3 and MRR@10)', () => {
    const [ours, ...others] = allRankers(createClauseSearch(dev.clauses), dev.clauses).map((r) => evaluate(r, questions));
    for (const b of others) {
      expect(ours!.overall.hit3, b.ranker).toBeGreaterThan(b.overall.hit3);
      expect(ours!.overall.mrr10, b.ranker).toBeGreaterThan(b.overall.mrr10);
    }
  });
});
