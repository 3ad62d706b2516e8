/**
 * `npm run eval`: clause-search quality on tests/eval/questions.yaml — ours and the baselines side by
 * side, per category and overall (hit@1, hit@3, MRR@10, zero-result rate).
 *
 * `--misses` also lists the questions our search does not answer at rank 1.
 */
import { pathToFileURL } from 'node:url';
import { loadCorpus } from '../src/corpus/index.ts';
import { createClauseSearch } from '../src/search/index.ts';
import { allRankers, evaluate, loadOffTopic, loadQuestions, offTopicRejection, type EvalResult } from '../tests/eval/harness.ts';

export interface EvalRun {
  results: EvalResult[];
  /** Per ranker: share of off-topic questions answered with no hit (higher is better). */
  offTopic: Record<string, number>;
}

export function runEval(): EvalRun {
  const { clauses } = loadCorpus();
  const search = createClauseSearch(clauses);
  const questions = loadQuestions();
  const offTopic = loadOffTopic();
  const rankers = allRankers(search, clauses);
  return {
    results: rankers.map((r) => evaluate(r, questions)),
    offTopic: Object.fromEntries(rankers.map((r) => [r.name, offTopicRejection(r, offTopic)])),
  };
}

export function formatEval(results: EvalResult[]): string {
  const cats = [...Object.keys(results[0]!.byCategory), 'overall'];
  const lines: string[] = [];
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  lines.push(`${pad('category', 16)}${pad('n', 5)}${pad('ranker', 20)}${pad('hit@1', 8)}${pad('hit@3', 8)}${pad('MRR@10', 8)}zero`);
  for (const cat of cats) {
    for (const r of results) {
      const m = cat === 'overall' ? r.overall : r.byCategory[cat]!;
      lines.push(`${pad(cat, 16)}${pad(String(m.n), 5)}${pad(r.ranker, 20)}${pad(m.hit1.toFixed(3), 8)}${pad(m.hit3.toFixed(3), 8)}${pad(m.mrr10.toFixed(3), 8)}${m.zeroRate.toFixed(3)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { results, offTopic } = runEval();
  console.log(`Clause search evaluation — ${results[0]!.overall.n} questions (tests/eval/questions.yaml)\n`);
  console.log(formatEval(results));
  console.log(`off-topic questions answered with "no match" (higher is better, ${loadOffTopic().length} questions):`);
  for (const [name, rate] of Object.entries(offTopic)) console.log(`  ${name.padEnd(20)}${rate.toFixed(3)}`);
  console.log('');
  if (process.argv.includes('--misses')) {
    const questions = loadQuestions();
    const ours = results[0]!;
    for (const q of questions) {
      const rank = ours.ranks[q.id]!;
      if (rank !== 1) console.log(`miss ${q.id} [${q.category}] rank=${rank || '-'}  ${q.q}`);
    }
  }
}
