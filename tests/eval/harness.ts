/**
 * Evaluation harness for clause search: loads the question set, runs any ranker over it, and
 * computes hit@1, hit@3, MRR@10 and the zero-result rate per category and overall.
 *
 * The baselines answer the question "is our search better than the obvious alternatives?":
 * - `minisearch-default`: MiniSearch with its default tokenizer (splits on spaces and punctuation,
 *   so a Chinese sentence is one term);
 * - `minisearch-bigram`: a plain, untuned MiniSearch whose tokenizer emits `Intl.Segmenter` words
 *   plus the overlapping character bigrams of every CJK run — the obvious do-it-yourself Chinese
 *   index, with MiniSearch's default BM25, no boosts, no stop words, no glossary;
 * - `fts5-trigram`: SQLite FTS5 with the trigram tokenizer (better-sqlite3, in memory), queried with
 *   every trigram of the question OR-ed together and ranked by bm25 — the fair way to ask a trigram
 *   index a natural-language question;
 * - `substring`: a plain matcher over normalized text, ranking clauses by how many distinct query
 *   bigrams (and Latin words) they contain.
 *
 * Used by `scripts/eval.ts` (prints the tables) and `tests/eval/eval.test.ts` (asserts targets).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Clause } from '../../src/corpus/index.ts';
import type { ClauseSearch } from '../../src/search/index.ts';
import { foldText } from '../../src/search/tokenize.ts';

export const questionSchema = z
  .object({
    id: z.string(),
    category: z.enum(['plain', 'paraphrase', 'abbreviation', 'english', 'lookup', 'responsibility']),
    q: z.string().min(1),
    docNo: z.string().optional(),
    docId: z.string().optional(),
    phrases: z.array(z.string().min(1)).optional(),
    unit: z.string().optional(),
  })
  .refine((q) => (q.phrases && q.phrases.length > 0) || q.unit, { message: 'a question needs phrases or a unit' });
export type Question = z.infer<typeof questionSchema>;

export const QUESTIONS_FILE = fileURLToPath(new URL('./questions.yaml', import.meta.url));
/** The frozen set over documents the search was never tuned on (see tests/eval/unseen/README.md). */
export const UNSEEN_QUESTIONS_FILE = fileURLToPath(new URL('./unseen/questions.yaml', import.meta.url));
export const UNSEEN_DOCS_DIR = fileURLToPath(new URL('./unseen/docs/', import.meta.url));
/** The development set: other documents, which tuning may look at (see tests/eval/dev/README.md). */
export const DEV_QUESTIONS_FILE = fileURLToPath(new URL('./dev/questions.yaml', import.meta.url));
export const DEV_DOCS_DIR = fileURLToPath(new URL('./dev/docs/', import.meta.url));
/** Round 3 of the dev set, over three documents of its own: measured, never fitted on (tests/eval/dev/README.md). */
export const DEV_ROUND3_FILE = fileURLToPath(new URL('./dev/round3/questions.yaml', import.meta.url));
export const DEV_ROUND3_DOCS_DIR = fileURLToPath(new URL('./dev/round3/docs/', import.meta.url));
/** Round 4 (tests/eval/dev/round4/README.md): an outside tester's four documents and 100 questions. */
export const DEV_ROUND4_FILE = fileURLToPath(new URL('./dev/round4/questions.yaml', import.meta.url));
export const DEV_ROUND4_DOCS_DIR = fileURLToPath(new URL('./dev/round4/docs/', import.meta.url));
/** Round 5 (tests/eval/dev/round5/README.md): a second outside tester's four documents and 100 questions. */
export const DEV_ROUND5_FILE = fileURLToPath(new URL('./dev/round5/questions.yaml', import.meta.url));
export const DEV_ROUND5_DOCS_DIR = fileURLToPath(new URL('./dev/round5/docs/', import.meta.url));
/** Round 6 (tests/eval/dev/round6/README.md): a third outside tester's four documents and 100 questions. */
export const DEV_ROUND6_FILE = fileURLToPath(new URL('./dev/round6/questions.yaml', import.meta.url));
export const DEV_ROUND6_DOCS_DIR = fileURLToPath(new URL('./dev/round6/docs/', import.meta.url));
/** Round 7: two outside testers' four documents of the genres an investment-promotion office receives (tests/eval/dev/README.md). */
export const DEV_ROUND7_FILE = fileURLToPath(new URL('./dev/round7/questions.yaml', import.meta.url));
export const DEV_ROUND7_DOCS_DIR = fileURLToPath(new URL('./dev/round7/docs/', import.meta.url));
/** Round 8: two outside testers' four documents — development zone, approval, business environment, technical upgrading (tests/eval/dev/README.md). */
export const DEV_ROUND8_FILE = fileURLToPath(new URL('./dev/round8/questions.yaml', import.meta.url));
export const DEV_ROUND8_DOCS_DIR = fileURLToPath(new URL('./dev/round8/docs/', import.meta.url));
export const DEV_ROUND9_FILE = fileURLToPath(new URL('./dev/round9/questions.yaml', import.meta.url));
export const DEV_ROUND9_DOCS_DIR = fileURLToPath(new URL('./dev/round9/docs/', import.meta.url));

export function loadQuestions(file = QUESTIONS_FILE): Question[] {
  const data = parse(readFileSync(file, 'utf8')) as { questions: unknown[] };
  return z.array(questionSchema).parse(data.questions);
}

/** Questions nothing in the corpus answers: a good search returns no hit for them. */
export function loadOffTopic(file = QUESTIONS_FILE): string[] {
  const data = parse(readFileSync(file, 'utf8')) as { offTopic: unknown };
  return z.array(z.string().min(1)).parse(data.offTopic);
}

/**
 * Questions in the policy domain that the set's documents do not answer (`unanswerable:`); empty when
 * the file has none.
 */
export function loadUnanswerable(file = QUESTIONS_FILE): string[] {
  const data = parse(readFileSync(file, 'utf8')) as { unanswerable?: unknown };
  return z.array(z.string().min(1)).parse(data.unanswerable ?? []);
}

/** Share of off-topic questions for which the ranker returns nothing (higher is better). */
export function offTopicRejection(ranker: Ranker, offTopic: readonly string[]): number {
  const rejected = offTopic.filter((q) => ranker.search(q).length === 0).length;
  return Math.round((rejected / Math.max(1, offTopic.length)) * 1000) / 1000;
}

/** What a ranker returns per result: enough to judge correctness. */
export interface RankedClause {
  docId: string;
  docNo: string | null;
  text: string;
  units: string[];
}

export interface Ranker {
  name: string;
  search(q: string): RankedClause[];
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** A result answers a question when it is in the right document and contains every phrase (or lists the unit). */
export function isCorrect(q: Question, r: RankedClause): boolean {
  if (q.docNo && r.docNo !== q.docNo) return false;
  if (q.docId && r.docId !== q.docId) return false;
  if (q.unit && !r.units.some((u) => u.includes(q.unit!))) return false;
  if (q.phrases && !q.phrases.every((p) => squash(r.text).includes(squash(p)))) return false;
  return true;
}

export interface Metrics {
  n: number;
  hit1: number;
  hit3: number;
  mrr10: number;
  zeroRate: number;
}

export interface EvalResult {
  ranker: string;
  overall: Metrics;
  byCategory: Record<string, Metrics>;
  /** Rank (1-based) of the first correct result per question id, or 0 when none in the top 10. */
  ranks: Record<string, number>;
}

function metrics(rows: Array<{ rank: number; zero: boolean }>): Metrics {
  const n = rows.length;
  const f = (x: number) => Math.round((x / Math.max(1, n)) * 1000) / 1000;
  return {
    n,
    hit1: f(rows.filter((r) => r.rank === 1).length),
    hit3: f(rows.filter((r) => r.rank >= 1 && r.rank <= 3).length),
    mrr10: f(rows.reduce((s, r) => s + (r.rank >= 1 && r.rank <= 10 ? 1 / r.rank : 0), 0)),
    zeroRate: f(rows.filter((r) => r.zero).length),
  };
}

export function evaluate(ranker: Ranker, questions: readonly Question[]): EvalResult {
  const rows = questions.map((q) => {
    const results = ranker.search(q.q).slice(0, 10);
    const idx = results.findIndex((r) => isCorrect(q, r));
    return { q, rank: idx + 1, zero: results.length === 0 };
  });
  const byCategory: Record<string, Metrics> = {};
  for (const cat of [...new Set(questions.map((q) => q.category))]) byCategory[cat] = metrics(rows.filter((r) => r.q.category === cat));
  return { ranker: ranker.name, overall: metrics(rows), byCategory, ranks: Object.fromEntries(rows.map((r) => [r.q.id, r.rank])) };
}

// ── rankers ───────────────────────────────────────────────────────────────

export function oursRanker(search: ClauseSearch): Ranker {
  return { name: 'ours', search: (q) => search.search(q, { limit: 10 }).hits };
}

export function miniSearchDefaultRanker(clauses: readonly Clause[]): Ranker {
  const ms = new MiniSearch<{ id: number; text: string; heading: string; title: string; path: string; docNo: string; units: string }>({
    fields: ['text', 'heading', 'title', 'path', 'docNo', 'units'],
  });
  ms.addAll(clauses.map((c, id) => ({ id, text: c.text, heading: c.heading, title: c.title, path: c.path, docNo: c.docNo ?? '', units: c.units.join(' ') })));
  return { name: 'minisearch-default', search: (q) => ms.search(q).slice(0, 10).map((r) => clauses[r.id as number]!) };
}

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words (Intl.Segmenter) plus the character bigrams of each CJK run, lower-cased; nothing else. */
function wordsAndBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const s of wordSegmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
    const cjk = [...run].filter((ch) => /\p{Script=Han}/u.test(ch));
    for (let i = 0; i + 2 <= cjk.length; i++) out.push(cjk[i]! + cjk[i + 1]!);
  }
  return out;
}

export function miniSearchBigramRanker(clauses: readonly Clause[]): Ranker {
  const ms = new MiniSearch<{ id: number; text: string; heading: string; title: string }>({
    fields: ['text', 'heading', 'title'],
    tokenize: wordsAndBigrams,
  });
  ms.addAll(clauses.map((c, id) => ({ id, text: c.text, heading: c.heading, title: c.title })));
  return { name: 'minisearch-bigram', search: (q) => ms.search(q).slice(0, 10).map((r) => clauses[r.id as number]!) };
}

export function fts5TrigramRanker(clauses: readonly Clause[]): Ranker {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, heading, title, units, tokenize='trigram')`);
  const ins = db.prepare('INSERT INTO t(rowid, text, heading, title, units) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => clauses.forEach((c, i) => ins.run(i + 1, c.text, c.heading, c.title, c.units.join(' '))))();
  const stmt = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10');
  return {
    name: 'fts5-trigram',
    search(q) {
      const grams = new Set<string>();
      for (const run of foldText(q).match(/[\p{L}\p{N}]+/gu) ?? []) {
        const chars = [...run];
        for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
      }
      if (grams.size === 0) return [];
      const match = [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' OR ');
      return (stmt.all(match) as Array<{ rowid: number }>).map((r) => clauses[r.rowid - 1]!);
    },
  };
}

export function substringRanker(clauses: readonly Clause[]): Ranker {
  const norm = (s: string) => (foldText(s).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
  const texts = clauses.map((c) => norm(`${c.heading} ${c.text}`));
  return {
    name: 'substring',
    search(q) {
      const grams = new Set<string>();
      for (const run of norm(q).split(' ')) {
        if (/^[a-z0-9.]+$/.test(run)) {
          if (run) grams.add(run);
          continue;
        }
        const chars = [...run];
        if (chars.length === 1) grams.add(run);
        for (let i = 0; i + 2 <= chars.length; i++) grams.add(chars.slice(i, i + 2).join(''));
      }
      return texts
        .map((t, i) => ({ i, n: [...grams].filter((g) => t.includes(g)).length }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n || a.i - b.i)
        .slice(0, 10)
        .map((x) => clauses[x.i]!);
    },
  };
}

/** Our search and every baseline over the same clauses, in the order the report prints them. */
export function allRankers(search: ClauseSearch, clauses: readonly Clause[]): Ranker[] {
  return [oursRanker(search), miniSearchDefaultRanker(clauses), miniSearchBigramRanker(clauses), fts5TrigramRanker(clauses), substringRanker(clauses)];
}
