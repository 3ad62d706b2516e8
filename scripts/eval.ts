/**
 * `npm run eval`: clause-search quality — ours and the baselines side by side, per category and
 * overall (hit@1, hit@3, MRR@10, zero-result rate), on every set in the same run:
 *
 * - **corpus**: tests/eval/questions.yaml over the five documents in corpus/ (written alongside the
 *   search, so it flatters it);
 * - **dev**: tests/eval/dev/questions.yaml over seven other public documents (tests/eval/dev/docs/):
 *   the set search changes are checked on, besides the corpus set;
 * - **dev-round3**: tests/eval/dev/round3/questions.yaml over three more (tests/eval/dev/round3/docs/):
 *   a development set too, but the "no match" decision is never fitted on it (scripts/fit-nomatch.ts
 *   reads the two sets above);
 * - **dev-round4**: tests/eval/dev/round4/questions.yaml over an outside tester's four documents
 *   (tests/eval/dev/round4/docs/), the same standing as round 3;
 * - **dev-round5**: tests/eval/dev/round5/questions.yaml over a second outside tester's four documents
 *   (tests/eval/dev/round5/docs/), the same standing;
 * - **dev-round6**: tests/eval/dev/round6/questions.yaml over a third outside tester's four documents
 *   (tests/eval/dev/round6/docs/), the same standing;
 * - **dev-round7**: tests/eval/dev/round7/questions.yaml over two more outside testers' four documents
 *   (tests/eval/dev/round7/docs/), the same standing;
 * - **dev-round8**: tests/eval/dev/round8/questions.yaml over two more outside testers' four documents
 *   (tests/eval/dev/round8/docs/), the same standing;
 * - **dev-round9**: tests/eval/dev/round9/questions.yaml over two more outside testers' four documents
 *   (tests/eval/dev/round9/docs/), the same standing;
 * - **unseen**: tests/eval/unseen/questions.yaml over six public documents the search was never tuned
 *   on (tests/eval/unseen/docs/), frozen before any tuning — the held-out figure;
 * - **dev+corpus**, **unseen+corpus**: the same questions over their documents and the five corpus
 *   documents together, as an office that adds documents to its corpus searches them: the corpus's
 *   clauses compete, and its glossary wording is there to match.
 *
 * Each set also reports the share of off-topic questions (every set uses the corpus file's list) and of
 * in-domain questions its documents do not answer that get "no match", and how our answer line reads
 * for its lookup questions (a span named, and whether it overlaps the expected phrase).
 *
 * `--misses` also lists the corpus and dev questions our search does not answer at rank 1 (never the
 * unseen set's: reading them while tuning would turn it into a second dev set). `--tuning` leaves the
 * unseen sets out altogether, so comparing variants never shows their figures. `--markdown` prints only
 * the README's table of every set.
 */
import { pathToFileURL } from 'node:url';
import { loadCorpus } from '../src/corpus/index.ts';
import { createClauseSearch } from '../src/search/index.ts';
import { answerTypeOf } from '../src/search/answer.ts';
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
  loadOffTopic,
  loadQuestions,
  loadUnanswerable,
  offTopicRejection,
  QUESTIONS_FILE,
  UNSEEN_DOCS_DIR,
  UNSEEN_QUESTIONS_FILE,
  type EvalResult,
  type Question,
} from '../tests/eval/harness.ts';

export interface EvalSetRun {
  name: 'corpus' | 'dev' | 'dev-round3' | 'dev-round4' | 'dev-round5' | 'dev-round6' | 'dev-round7' | 'dev-round8' | 'dev-round9' | 'unseen' | 'dev+corpus' | 'unseen+corpus';
  questionsFile: string;
  questions: Question[];
  results: EvalResult[];
  /** Per ranker: share of off-topic questions answered with no hit (higher is better). */
  offTopic: Record<string, number>;
  /** Per ranker: share of in-domain questions the documents do not answer that get no hit. */
  unanswerable: Record<string, number>;
  offTopicCount: number;
  unanswerableCount: number;
  /** Ours only: how the answer line of lookup questions reads (see {@link spanCheck}). */
  spans: SpanCheck;
}

/**
 * The answer line of lookup questions (谁 / 多少 / 多久 / 什么时候 / 哪些 …) whose first hit is the right
 * clause: how many name a span, and how many of those overlap the phrase the question file gives for
 * the right clause (one holds the other). The phrase marks the clause, not always the span, so this
 * is a floor on good spans rather than an exact count.
 */
export interface SpanCheck {
  firstRight: number;
  named: number;
  overlapping: number;
}

const squashSpan = (s: string) => s.replace(/[\s，,。；;：:、“”"（）()|]/g, '');

function spanCheck(search: ReturnType<typeof createClauseSearch>, questions: readonly Question[]): SpanCheck {
  const out: SpanCheck = { firstRight: 0, named: 0, overlapping: 0 };
  for (const q of questions) {
    if (!answerTypeOf(q.q) || !q.phrases?.length) continue;
    const first = search.search(q.q, { limit: 10 }).hits[0];
    if (!first || !isCorrect(q, first)) continue;
    out.firstRight++;
    if (!first.answer) continue;
    out.named++;
    const a = squashSpan(first.answer);
    const p = squashSpan(q.phrases[0]!);
    if (a.includes(p) || p.includes(a)) out.overlapping++;
  }
  return out;
}

/** What each set's questions are asked over, for the printed heading. */
const SET_TITLES: Readonly<Record<EvalSetRun['name'], string>> = {
  corpus: 'the five corpus documents',
  dev: 'seven development documents (tuning may look)',
  'dev-round3': 'three more development documents (tuning may look; the "no match" decision is not fitted on it)',
  'dev-round4': "an outside tester's four development documents (tuning may look; the \"no match\" decision is not fitted on it)",
  'dev-round5': "a second outside tester's four development documents (tuning may look; the \"no match\" decision is not fitted on it)",
  'dev-round6': "a third outside tester's four development documents (tuning may look; the \"no match\" decision is not fitted on it)",
  'dev-round7': "two more outside testers' four development documents (tuning may look; the \"no match\" decision is not fitted on it)",
  'dev-round8': "two more outside testers' four development documents of round 8 (tuning may look; the \"no match\" decision is not fitted on it)",
  'dev-round9': "two more outside testers' four development documents of round 9 (tuning may look; the \"no match\" decision is not fitted on it)",
  unseen: 'six unseen documents, frozen set (held out)',
  'dev+corpus': 'the seven development documents added to the five corpus documents, as an office adds documents',
  'unseen+corpus': 'the unseen documents added to the five corpus documents, as an office adds documents (held out)',
};

export interface EvalRun {
  sets: EvalSetRun[];
}

/** One set's questions over its documents; with `besideCorpus`, over them and the corpus's five together. */
function runSet(name: EvalSetRun['name'], questionsFile: string, dir?: string, besideCorpus = false): EvalSetRun {
  const own = loadCorpus(dir ? { dir } : {}).clauses;
  const clauses = besideCorpus ? [...loadCorpus({}).clauses, ...own] : own;
  const search = createClauseSearch(clauses);
  const questions = loadQuestions(questionsFile);
  const offTopic = loadOffTopic(QUESTIONS_FILE);
  const unanswerable = loadUnanswerable(questionsFile);
  const rankers = allRankers(search, clauses);
  return {
    name,
    questionsFile,
    questions,
    results: rankers.map((r) => evaluate(r, questions)),
    offTopic: Object.fromEntries(rankers.map((r) => [r.name, offTopicRejection(r, offTopic)])),
    unanswerable: Object.fromEntries(rankers.map((r) => [r.name, unanswerable.length > 0 ? offTopicRejection(r, unanswerable) : NaN])),
    offTopicCount: offTopic.length,
    unanswerableCount: unanswerable.length,
    spans: spanCheck(search, questions),
  };
}

/** Every set; with `tuning`, the corpus and dev sets only (the unseen sets are not run). */
export function runEval({ tuning = false }: { tuning?: boolean } = {}): EvalRun {
  const sets = [
    runSet('corpus', QUESTIONS_FILE),
    runSet('dev', DEV_QUESTIONS_FILE, DEV_DOCS_DIR),
    runSet('dev-round3', DEV_ROUND3_FILE, DEV_ROUND3_DOCS_DIR),
    runSet('dev-round4', DEV_ROUND4_FILE, DEV_ROUND4_DOCS_DIR),
    runSet('dev-round5', DEV_ROUND5_FILE, DEV_ROUND5_DOCS_DIR),
    runSet('dev-round6', DEV_ROUND6_FILE, DEV_ROUND6_DOCS_DIR),
    runSet('dev-round7', DEV_ROUND7_FILE, DEV_ROUND7_DOCS_DIR),
    runSet('dev-round8', DEV_ROUND8_FILE, DEV_ROUND8_DOCS_DIR),
    runSet('dev-round9', DEV_ROUND9_FILE, DEV_ROUND9_DOCS_DIR),
    runSet('dev+corpus', DEV_QUESTIONS_FILE, DEV_DOCS_DIR, true),
  ];
  if (!tuning) sets.push(runSet('unseen', UNSEEN_QUESTIONS_FILE, UNSEEN_DOCS_DIR), runSet('unseen+corpus', UNSEEN_QUESTIONS_FILE, UNSEEN_DOCS_DIR, true));
  return { sets };
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

/** The README's table: one row per set and category, then the "no match" rates; every ranker a column. */
export function formatMarkdown(sets: readonly EvalSetRun[]): string {
  const rankers = sets[0]!.results.map((r) => r.ranker);
  const f = (x: number) => x.toFixed(3);
  const names: Record<string, string> = { 'minisearch-default': 'MiniSearch default', 'minisearch-bigram': 'MiniSearch words+bigrams', 'fts5-trigram': 'FTS5 trigram' };
  const lines = [`| set · category (n) | ${rankers.map((r) => names[r] ?? r).join(' | ')} |`, `|---${'|---'.repeat(rankers.length)}|`];
  for (const set of sets) {
    for (const cat of [...Object.keys(set.results[0]!.byCategory), 'overall']) {
      const cells = set.results.map((r) => {
        const m = cat === 'overall' ? r.overall : r.byCategory[cat]!;
        return `${f(m.hit1)} / ${f(m.hit3)} / ${f(m.mrr10)} / ${f(m.zeroRate)}`;
      });
      const n = cat === 'overall' ? set.results[0]!.overall.n : set.results[0]!.byCategory[cat]!.n;
      const bold = (s: string) => (cat === 'overall' ? `**${s}**` : s);
      lines.push(`| ${bold(`${set.name} · ${cat} (${n})`)} | ${cells.map((c, i) => (i === 0 ? bold(c) : c)).join(' | ')} |`);
    }
    lines.push(`| ${set.name} · off-topic → "no match" (${set.offTopicCount}) | ${rankers.map((r) => f(set.offTopic[r]!)).join(' | ')} |`);
    if (set.unanswerableCount > 0) lines.push(`| ${set.name} · unanswerable → "no match" (${set.unanswerableCount}) | ${rankers.map((r) => f(set.unanswerable[r]!)).join(' | ')} |`);
    const sp = set.spans;
    lines.push(`| ${set.name} · lookup answer line: named / overlaps the expected phrase (of ${sp.firstRight} first hits right) | ${sp.named} / ${sp.overlapping} |${' — |'.repeat(rankers.length - 1)}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { sets } = runEval({ tuning: process.argv.includes('--tuning') });
  // `--markdown`: the table as the README shows it, nothing else.
  if (process.argv.includes('--markdown')) {
    console.log(formatMarkdown(sets));
    process.exit(0);
  }
  for (const set of sets) {
    console.log(`═══ ${set.name}: ${set.results[0]!.overall.n} questions over ${SET_TITLES[set.name]} (${set.questionsFile.replace(/^.*\/tests\//, 'tests/')})\n`);
    console.log(formatEval(set.results));
    console.log(`off-topic questions answered with "no match" (higher is better, ${set.offTopicCount} questions):`);
    for (const [name, rate] of Object.entries(set.offTopic)) console.log(`  ${name.padEnd(20)}${rate.toFixed(3)}`);
    if (set.unanswerableCount > 0) {
      console.log(`unanswerable in-domain questions answered with "no match" (higher is better, ${set.unanswerableCount} questions):`);
      for (const [name, rate] of Object.entries(set.unanswerable)) console.log(`  ${name.padEnd(20)}${rate.toFixed(3)}`);
    }
    const sp = set.spans;
    console.log(`lookup questions whose first hit is right: ${sp.firstRight}; the answer line names a span for ${sp.named}, overlapping the expected phrase for ${sp.overlapping}`);
    console.log('');
    // The held-out set's misses are not printed: reading them while tuning would make it a dev set.
    if (process.argv.includes('--misses') && !set.name.startsWith('unseen')) {
      const ours = set.results[0]!;
      for (const q of set.questions) {
        const rank = ours.ranks[q.id]!;
        if (rank !== 1) console.log(`miss ${q.id} [${q.category}] rank=${rank || '-'}  ${q.q}`);
      }
      console.log('');
    }
  }
}
