/**
 * Clause search at archive scale: build, persisted load, memory and query latency on synthetic
 * corpora of 500 / 2,000 (default) and 10,000 / 20,000 documents (`--large`), with an SQLite FTS5
 * index over the same clauses as a yardstick for cost (not for ranking: see `npm run eval`).
 *
 * Every phase runs in a fresh child process, so peak RSS (the kernel's high-water mark) is that
 * phase's alone; the children run this script compiled into one bundle, as the bot runs from dist/
 * (figures through tsx, as before 2026-11-30 06:30, carried its loader: about 33 MB and its start):
 * - **build**: tokenize and index the corpus, saving the shards and each document's parse (the
 *   first start on a new corpus, after parsing);
 * - **serve**: a restart — read the clauses back from the parse cache, load the persisted shards,
 *   then answer the evaluation questions;
 * - **fts5 build / fts5 serve**: the same for an FTS5 trigram table in an SQLite file.
 * "corpus RSS" is the process after loading the clauses (see corpusOf), before any index: the clause texts
 * are held in memory by the app whatever the index.
 *
 * Query times are given as wall time and, in brackets, CPU time, which a busy machine inflates
 * least; the work per query (postings, clauses scored, results read) does not depend on load at all.
 *
 * `node --expose-gc bin/run.js scripts/bench-scale.ts [--large] [--sizes 500,2000]`; `npm run bench`
 * calls {@link benchScale} with the default sizes (`npm run bench -- --sizes 10000` passes sizes on).
 * `--sizes 10000` runs the 10,000-document size alone (~6 minutes on a quiet machine); one phase
 * alone, on an index folder a build phase left: `… bench-scale.ts --child serve 10000 <dir>`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadCorpus, openCorpusParseCache, openCorpusParseCacheSteps, SharedValues, shareRepeatedValues, type Clause } from '../src/corpus/index.ts';
import { createClauseSearch } from '../src/search/index.ts';
import { orScoreWork } from '../src/search/orScores.ts';
import { postingReads } from '../src/search/postingSource.ts';
import { indexSource, indexVersion, newMiniSearch } from '../src/search/clauseIndex.ts';
import { shardedIndexSteps } from '../src/search/persist.ts';
import { foldText } from '../src/search/tokenize.ts';
import { loadQuestions } from '../tests/eval/harness.ts';
import { mulberry32, syntheticClauses } from './bench-search.ts';

/** Synthetic documents carry ~10 KB of clause text each (the real documents' order of size). */
const BYTES_PER_DOC = 10 * 1024;
export const DEFAULT_SIZES = [500, 2000];
export const LARGE_SIZES = [10000, 20000];
/** Targets at 10,000 documents (issue 13). */
const TARGETS = { servingRssMb: 400, buildPeakMb: 1024, startMs: 1000, p95Ms: 30 };

type Phase = 'build' | 'serve' | 'fts-build' | 'fts-serve';
interface PhaseResult {
  ok: boolean;
  error?: string;
  clauses?: number;
  corpusRssMb?: number;
  ms?: number;
  cpuMs?: number;
  peakRssMb?: number;
  rssMb?: number;
  /** RSS after the query rounds and a full GC: what a bot that has been answering holds. */
  answeringRssMb?: number;
  /** RSS after {@link VARIED_QUESTIONS} more questions, each about a different clause, and a full GC. */
  variedRssMb?: number;
  diskMb?: number;
  /** Serve: reading the corpus back from the parse cache, before the index load `ms` measures. */
  corpusMs?: number;
  corpusCpuMs?: number;
  /** Serve: the longest single step of reading the corpus and loading the index (what a running bot's answers may wait). */
  longestStepMs?: number;
  p50?: number;
  p95?: number;
  /** Query CPU time percentiles (see timeAll). */
  cpuP50?: number;
  cpuP95?: number;
  /** Work per timed query (ours): postings of the retrieved terms, postings decoded, clauses scored, results the ranking read. */
  work?: { postings: number; decoded: number; candidates: number; read: number; diskReads: number; diskKb: number };
  /** Heap used / heap total / array buffers (MB) after load, after the timed queries, after the varied ones. */
  heapMb?: { load: string; answering: string; varied: string };
  /** CPU p50 / p95 of the varied questions (each asked once: the cold case for caches). */
  variedCpuP50?: number;
  variedCpuP95?: number;
  /** Blocks read from disk per varied question. */
  variedDiskReads?: number;
  variedDiskKb?: number;
}

const mbOf = (bytes: number) => Math.round(bytes / 1024 / 1024);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
/** Bytes of the persisted index in `dir`: the shards, not the corpus's parse cache beside them. */
function dirSize(dir: string): number {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('corpus-'))
    .reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The synthetic corpus, with repeated values shared as the loader shares them (`shareRepeatedValues`). */
function corpusOf(docs: number): Clause[] {
  return shareRepeatedValues(syntheticClauses(loadCorpus().clauses, docs, docs * BYTES_PER_DOC));
}

/** The folder the synthetic corpus's parse cache is keyed by, and every document's stamp (no files exist). */
const SYNTHETIC_DIR = '/synthetic-corpus';
const STAMP = 'synthetic';

/** Stores each synthetic document's clauses in the corpus parse cache, as a first start does after parsing. */
function saveParses(clauses: readonly Clause[], cacheDir: string): void {
  const cache = openCorpusParseCache(cacheDir, SYNTHETIC_DIR);
  for (let at = 0; at < clauses.length; ) {
    const first = clauses[at]!;
    let end = at;
    while (end < clauses.length && clauses[end]!.docId === first.docId) end++;
    const document = { docId: first.docId, docNo: first.docNo, title: first.title, issuer: null, date: null, file: `${first.docId}.txt` };
    cache.set(document.file, STAMP, { ok: true, document, clauses: clauses.slice(at, end), warnings: [], encoding: 'utf-8' });
    at = end;
  }
  cache.save(SYNTHETIC_DIR);
}

/**
 * The corpus as a restart reads it: every document's parse from the cache, sharing repeated values
 * (loadCorpus's path without the folder listing), in the steps a running bot takes between answers
 * (a chunk of the file, or 32 documents); `longestStep` is the longest the event loop waits.
 */
function readParses(docs: number, cacheDir: string): { clauses: Clause[]; longestStep: number } {
  let longestStep = 0;
  let t = performance.now();
  const stepped = () => {
    const now = performance.now();
    longestStep = Math.max(longestStep, now - t);
    t = now;
  };
  const steps = openCorpusParseCacheSteps(cacheDir, SYNTHETIC_DIR, new SharedValues());
  let opened = steps.next();
  for (; !opened.done; opened = steps.next()) stepped();
  const cache = opened.value;
  const out: Clause[] = [];
  for (let d = 1; d <= docs; d++) {
    const r = cache.get(`synthetic-${d}.txt`, STAMP); // syntheticClauses's document ids
    if (!r?.ok) throw new Error(`synthetic-${d} is not in the parse cache`);
    for (const c of r.clauses) out.push(c);
    if (d % 32 === 0) stepped();
  }
  stepped();
  return { clauses: out, longestStep };
}

/** The eval harness's FTS5 query: the query's character trigrams, OR-ed. */
function ftsMatch(q: string): string | null {
  const grams = new Set<string>();
  for (const run of foldText(q).match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  }
  return grams.size === 0 ? null : [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' OR ');
}

/**
 * Wall and CPU time of every query (after a warm-up round). CPU time (the whole process's, GC
 * threads included) is what a busy machine inflates least: a query waiting for a core costs wall
 * time, not CPU time.
 */
function timeAll(queries: readonly string[], rounds: number, run: (q: string) => void): { wall: number[]; cpu: number[] } {
  for (const q of queries) run(q); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const c = cpuMs();
      const t = performance.now();
      run(q);
      wall.push(performance.now() - t);
      cpu.push(cpuMs() - c);
    }
  }
  return { wall, cpu };
}

function putQueryTimes(out: PhaseResult, times: { wall: number[]; cpu: number[] }): void {
  out.p50 = percentile(times.wall, 50);
  out.p95 = percentile(times.wall, 95);
  out.cpuP50 = percentile(times.cpu, 50);
  out.cpuP95 = percentile(times.cpu, 95);
}

/** Questions after the timed rounds, for the memory of a bot asked about many clauses. */
const VARIED_QUESTIONS = 1000;

/** `n` questions, each a stretch of a different clause's text (seeded, so every run asks the same). */
function variedQuestions(clauses: readonly Clause[], n: number): string[] {
  const rnd = mulberry32(7);
  return Array.from({ length: n }, () => {
    const text = clauses[Math.floor(rnd() * clauses.length)]!.text;
    const at = Math.floor(rnd() * Math.max(1, text.length - 12));
    return text.slice(at, at + 12);
  });
}

/** One phase, in this (child) process. */
function runPhase(phase: Phase, docs: number, dir: string): PhaseResult {
  const queries = loadQuestions().map((q) => q.q);
  const indexDir = join(dir, 'index');
  // A restart reads the corpus back from the parse cache (timed: the bot answers nothing before it
  // has the clauses); the other phases generate it.
  let readMs = 0;
  let readCpuMs = 0;
  let clauses: Clause[] = [];
  let readLongestStep = 0;
  if (phase === 'serve') {
    const [c, t] = [cpuMs(), performance.now()];
    ({ clauses, longestStep: readLongestStep } = readParses(docs, indexDir));
    [readMs, readCpuMs] = [performance.now() - t, cpuMs() - c];
  } else if (phase !== 'fts-serve') {
    clauses = corpusOf(docs);
  }
  gc();
  const corpusRssMb = mbOf(process.memoryUsage().rss);
  const c0 = cpuMs();
  const t0 = performance.now();
  const out: PhaseResult = { ok: true, clauses: clauses.length, corpusRssMb };
  if (phase === 'build' || phase === 'serve') {
    if (phase === 'build') saveParses(clauses, indexDir);
    // The index's load steps (a shard each), timed: the bot answers between them.
    let longestStep = 0;
    const steps = shardedIndexSteps(indexSource(clauses), newMiniSearch, { dir: indexDir, version: indexVersion() });
    let t = performance.now();
    let r = steps.next();
    for (; !r.done; r = steps.next()) {
      longestStep = Math.max(longestStep, performance.now() - t);
      t = performance.now();
    }
    t = performance.now();
    const search = createClauseSearch(clauses, { cacheDir: indexDir, index: r.value }); // the load's last step
    longestStep = Math.max(longestStep, performance.now() - t);
    out.ms = performance.now() - t0;
    out.cpuMs = cpuMs() - c0;
    if (phase === 'serve') [out.corpusMs, out.corpusCpuMs, out.longestStepMs] = [readMs, readCpuMs, Math.max(readLongestStep, longestStep)];
    if (phase === 'serve' && !search.loadedFromCache) throw new Error('the persisted index was not used');
    gc();
    out.rssMb = mbOf(process.memoryUsage().rss);
    const heap = () => {
      const m = process.memoryUsage();
      return `${mbOf(m.heapUsed).toFixed(0)} / ${mbOf(m.heapTotal).toFixed(0)} / ${mbOf(m.arrayBuffers).toFixed(0)}`;
    };
    const heapAtLoad = heap();
    out.diskMb = mbOf(dirSize(indexDir));
    if (phase === 'serve') {
      const before = { ...orScoreWork };
      const reads = { ...postingReads };
      putQueryTimes(out, timeAll(queries, 3, (q) => search.search(q, { limit: 10 })));
      const per = (k: 'postings' | 'decoded' | 'candidates' | 'read') => Math.round((orScoreWork[k] - before[k]) / (4 * queries.length));
      out.work = {
        postings: per('postings'),
        decoded: per('decoded'),
        candidates: per('candidates'),
        read: per('read'),
        diskReads: Math.round((postingReads.reads - reads.reads) / (4 * queries.length)),
        diskKb: Math.round((postingReads.bytes - reads.bytes) / 1024 / (4 * queries.length)),
      };
      gc();
      out.answeringRssMb = mbOf(process.memoryUsage().rss);
      const heapAnswering = heap();
      // A long-running bot is asked about every part of the corpus, not the same questions again:
      // memory after many different questions must stay where it was, whatever caches they fill.
      const variedReads = postingReads.reads;
      const variedBytes = postingReads.bytes;
      const variedCpu: number[] = [];
      for (const q of variedQuestions(clauses, VARIED_QUESTIONS)) {
        const c = cpuMs();
        search.search(q, { limit: 10 });
        variedCpu.push(cpuMs() - c);
      }
      out.variedCpuP50 = percentile(variedCpu, 50);
      out.variedCpuP95 = percentile(variedCpu, 95);
      out.variedDiskReads = Math.round((postingReads.reads - variedReads) / VARIED_QUESTIONS);
      out.variedDiskKb = Math.round((postingReads.bytes - variedBytes) / 1024 / VARIED_QUESTIONS);
      gc();
      out.variedRssMb = mbOf(process.memoryUsage().rss);
      out.heapMb = { load: heapAtLoad, answering: heapAnswering, varied: heap() };
    }
  } else {
    const file = join(dir, 'fts.db');
    if (phase === 'fts-build') {
      rmSync(file, { force: true });
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, heading, title, units, tokenize='trigram')`);
      const ins = db.prepare('INSERT INTO t(rowid, text, heading, title, units) VALUES (?, ?, ?, ?, ?)');
      db.transaction(() => clauses.forEach((c, i) => ins.run(i + 1, c.text, c.heading, c.title, c.units.join(' '))))();
      db.close();
      out.ms = performance.now() - t0;
      out.cpuMs = cpuMs() - c0;
      out.diskMb = mbOf(statSync(file).size);
    } else {
      const db = new Database(file, { readonly: true });
      const stmt = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10');
      out.ms = performance.now() - t0;
      out.cpuMs = cpuMs() - c0;
      putQueryTimes(
        out,
        timeAll(queries, 3, (q) => {
          const m = ftsMatch(q);
          if (m) stmt.all(m);
        }),
      );
    }
    gc();
    out.rssMb = mbOf(process.memoryUsage().rss);
  }
  out.peakRssMb = mbOf(process.resourceUsage().maxRSS * 1024);
  return out;
}

const SELF = fileURLToPath(import.meta.url);
const ROOT_DIR = resolve(SELF, '../..');

/**
 * This script bundled like the bot's dist/ (scripts/bundle-script.mjs), for the child processes:
 * the figures are then those of compiled code, as `npm start` runs it, without tsx's loader in every
 * RSS and start time. Built once per run, inside node_modules so the bundle finds its packages.
 */
let childBundle: string | undefined;
function compiledSelf(): string {
  if (childBundle) return childBundle;
  const out = join(ROOT_DIR, 'node_modules', '.cache', 'policy-desk', `bench-scale-${process.pid}.mjs`);
  const r = spawnSync(process.execPath, [join(ROOT_DIR, 'scripts', 'bundle-script.mjs'), SELF, out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundling the bench failed: ${r.stderr}`);
  process.on('exit', () => rmSync(out, { force: true }));
  return (childBundle = out);
}

function inChild(phase: Phase, docs: number, dir: string): PhaseResult {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', compiledSelf(), '--child', phase, String(docs), dir], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as PhaseResult;
  } catch {
    const why = r.signal ? `killed by ${r.signal}` : (r.stderr.trim().split('\n').find((l) => /Error|heap/i.test(l)) ?? `exit ${r.status}`);
    return { ok: false, error: why.slice(0, 120) };
  }
}

export interface ScaleRow {
  docs: number;
  build: PhaseResult;
  serve: PhaseResult;
  ftsBuild: PhaseResult;
  ftsServe: PhaseResult;
}

const f0 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(0));
const fms = (x: number | undefined) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const sec = (x: number | undefined) => (x === undefined ? '—' : `${(x / 1000).toFixed(1)} s`);

/** The measured table (Markdown), ours then the FTS5 yardstick for each size. */
export function scaleTable(rows: readonly ScaleRow[]): string {
  const lines = [
    '| documents (clauses) | index | build (wall / CPU) | build peak RSS | index on disk | start: load index (wall / CPU); reading the corpus back before it; longest step between answers | serving RSS: loaded / after the queries / after 1,000 more (corpus alone) | peak RSS serving | query p50 / p95 (CPU) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const n = `${r.docs.toLocaleString('en')} (${r.build.clauses?.toLocaleString('en') ?? '?'})`;
    const ours = r.build.ok && r.serve.ok;
    lines.push(
      ours
        ? `| ${n} | MiniSearch (ours) | ${sec(r.build.ms)} / ${sec(r.build.cpuMs)} | ${f0(r.build.peakRssMb)} MB | ${f0(r.build.diskMb)} MB | ${fms(r.serve.ms)} / ${fms(r.serve.cpuMs)} ms; corpus ${fms(r.serve.corpusMs)} / ${fms(r.serve.corpusCpuMs)} ms; step ≤ ${fms(r.serve.longestStepMs)} ms | ${f0(r.serve.rssMb)} / ${f0(r.serve.answeringRssMb)} / ${f0(r.serve.variedRssMb)} MB (${f0(r.serve.corpusRssMb)} MB) | ${f0(r.serve.peakRssMb)} MB | ${fms(r.serve.p50)} / ${fms(r.serve.p95)} ms (${fms(r.serve.cpuP50)} / ${fms(r.serve.cpuP95)}) |`
        : `| ${n} | MiniSearch (ours) | failed: ${r.build.error ?? r.serve.error} | ${f0(r.build.peakRssMb)} | | | | | |`,
    );
    lines.push(
      r.ftsBuild.ok && r.ftsServe.ok
        ? `| ${n} | FTS5 trigram (yardstick) | ${sec(r.ftsBuild.ms)} / ${sec(r.ftsBuild.cpuMs)} | ${f0(r.ftsBuild.peakRssMb)} MB | ${f0(r.ftsBuild.diskMb)} MB | ${fms(r.ftsServe.ms)} / ${fms(r.ftsServe.cpuMs)} ms | ${f0(r.ftsServe.rssMb)} MB (—) | ${f0(r.ftsServe.peakRssMb)} MB | ${fms(r.ftsServe.p50)} / ${fms(r.ftsServe.p95)} ms (${fms(r.ftsServe.cpuP50)} / ${fms(r.ftsServe.cpuP95)}) |`
        : `| ${n} | FTS5 trigram (yardstick) | failed: ${r.ftsBuild.error ?? r.ftsServe.error} | | | | | | |`,
    );
  }
  return lines.join('\n');
}

/** Runs every phase for each size and prints the table (and the 10,000-document targets). */
export function benchScale(sizes: readonly number[] = DEFAULT_SIZES): ScaleRow[] {
  const rows: ScaleRow[] = [];
  for (const docs of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `pd-scale-${docs}-`));
    try {
      // Each phase is reported as it ends (stderr), so a long run that is stopped keeps what it measured.
      const phase = (name: Phase): PhaseResult => {
        const r = inChild(name, docs, dir);
        console.error(`  scale ${docs} ${name}: ${JSON.stringify(r)}`);
        return r;
      };
      const build = phase('build');
      const serve = build.ok ? phase('serve') : { ok: false, error: 'no index' };
      const ftsBuild = phase('fts-build');
      const ftsServe = ftsBuild.ok ? phase('fts-serve') : { ok: false, error: 'no index' };
      rows.push({ docs, build, serve, ftsBuild, ftsServe });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('\n## Clause search at scale (synthetic corpus, ~10 KB of clause text per document; each phase a fresh process)\n');
  console.log(scaleTable(rows));
  for (const r of rows) {
    const w = r.serve.work;
    if (w)
      console.log(
        `Work per query at ${r.docs.toLocaleString('en')}: ${w.postings} postings of the retrieved terms (${w.decoded} decoded), ${w.candidates} clauses scored, ${w.read} read by the ranking; ${w.diskReads} term blocks (${w.diskKb} KB) read from the shard files` +
          (r.serve.variedDiskReads !== undefined ? `, ${r.serve.variedDiskReads} (${r.serve.variedDiskKb} KB) per varied question (CPU p50 / p95 ${fms(r.serve.variedCpuP50)} / ${fms(r.serve.variedCpuP95)} ms; heap / heap total / array buffers MB after load, answering, varied: ${r.serve.heapMb?.load}, ${r.serve.heapMb?.answering}, ${r.serve.heapMb?.varied})` : ''),
      );
  }
  const at10k = rows.find((r) => r.docs === 10000);
  if (at10k) {
    const t = TARGETS;
    console.log(
      `\nTargets at 10,000: serving RSS ${f0(at10k.serve.rssMb)}/${t.servingRssMb} MB (${f0(at10k.serve.answeringRssMb)} MB after the queries, ${f0(at10k.serve.variedRssMb)} MB after ${VARIED_QUESTIONS.toLocaleString('en')} more), build peak ${f0(at10k.build.peakRssMb)}/${t.buildPeakMb} MB, ` +
        `search ready ${fms(at10k.serve.ms)} ms after the corpus (${fms(at10k.serve.corpusMs)} ms), both read in the background in steps of at most ${fms(at10k.serve.longestStepMs)} ms (the bot answers from the start; target ${t.startMs} ms), p95 ${fms(at10k.serve.p95)}/${t.p95Ms} ms (CPU ${fms(at10k.serve.cpuP95)} ms)`,
    );
  }
  return rows;
}

if (process.argv[2] === '--child') {
  const [, , , phase, docs, dir] = process.argv;
  let result: PhaseResult;
  try {
    result = runPhase(phase as Phase, Number(docs), dir!);
  } catch (err) {
    result = { ok: false, error: (err as Error).message, peakRssMb: mbOf(process.resourceUsage().maxRSS * 1024) };
  }
  console.log(JSON.stringify(result));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--sizes');
  const sizes = at > 0 ? process.argv[at + 1]!.split(',').map(Number) : process.argv.includes('--large') ? [...DEFAULT_SIZES, ...LARGE_SIZES] : DEFAULT_SIZES;
  benchScale(sizes);
}
