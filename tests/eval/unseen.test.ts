import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../../src/corpus/index.ts';
import { isCorrect, loadQuestions, loadUnanswerable, UNSEEN_DOCS_DIR, UNSEEN_QUESTIONS_FILE } from './harness.ts';

const unseen = loadCorpus({ dir: UNSEEN_DOCS_DIR });
const questions = loadQuestions(UNSEEN_QUESTIONS_FILE);

describe('unseen-document evaluation set', () => {
  it('holds at least six documents, none of them in corpus/', () => {
    expect(unseen.documents.length).toBeGreaterThanOrEqual(6);
    expect(unseen.warnings).toEqual([]);
    const corpusTitles = new Set(loadCorpus().documents.map((d) => d.title));
    const corpusFiles = new Set(readdirSync(DEFAULT_CORPUS_DIR));
    for (const d of unseen.documents) {
      expect(corpusTitles.has(d.title), d.title).toBe(false);
      expect(corpusFiles.has(d.file), d.file).toBe(false);
    }
  });

  it('has at least 100 questions, mostly everyday paraphrases, with English and lookups, over every document', () => {
    expect(questions.length).toBeGreaterThanOrEqual(100);
    const count = (cat: string) => questions.filter((q) => q.category === cat).length;
    expect(count('paraphrase')).toBeGreaterThan(questions.length / 2);
    expect(count('english')).toBeGreaterThanOrEqual(10);
    expect(count('lookup')).toBeGreaterThanOrEqual(10);
    const covered = new Set(questions.flatMap((q) => unseen.clauses.filter((c) => isCorrect(q, c)).map((c) => c.docId)));
    for (const d of unseen.documents) expect(covered.has(d.docId), d.docId).toBe(true);
  });

  it('asks only questions some clause of its documents answers, each naming its document', () => {
    for (const q of questions) {
      expect(q.docId ?? q.docNo, q.id).toBeTruthy();
      expect(unseen.clauses.some((c) => isCorrect(q, c)), `${q.id} ${q.q}`).toBe(true);
    }
  });

  it('includes in-domain questions the documents do not answer', () => {
    expect(loadUnanswerable(UNSEEN_QUESTIONS_FILE).length).toBeGreaterThanOrEqual(15);
  });
});
