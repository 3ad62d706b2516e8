/**
 * Clause-search benchmark on the real corpus: index build time, query latency (p50/p95 over the
 * evaluation questions) and persisted-index load time. Larger, synthetic corpora (built by
 * {@link syntheticClauses}) are measured by `bench-scale.ts`.
 *
 * `node --expose-gc bin/run.js scripts/bench-search.ts` runs it alone; `scripts/bench.ts` calls
 * {@link benchSearch}. Medians are reported, and the ratio to the target (p95 ≤ 3 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clause } from '../src/corpus/index.ts';
import { loadCorpus } from '../src/corpus/index.ts';
import { createClauseSearch, type ClauseSearch } from '../src/search/index.ts';
import { loadQuestions } from '../tests/eval/harness.ts';

const TARGET_P95_REAL_MS = 3;
const SCALE_DOCS = 2000;
const SCALE_BYTES = 20 * 1024 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MB`;

/** A small deterministic PRNG so every run benches the same synthetic corpus. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * ~`totalBytes` of UTF-8 clause text over `docs` documents, built by shuffling and recombining the
 * sentences of the real clauses (so term statistics look like real policy text), with new 文号s,
 * titles, paths and responsible units.
 */
export function syntheticClauses(real: readonly Clause[], docs = SCALE_DOCS, totalBytes = SCALE_BYTES, seed = 42): Clause[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sentences = real.flatMap((c) => c.text.split(/(?<=[。；])/).map((s) => s.trim()).filter((s) => s.length >= 8));
  const units = [...new Set(real.flatMap((c) => c.units))];
  const out: Clause[] = [];
  const perDoc = totalBytes / docs;
  for (let d = 0; d < docs; d++) {
    const docNo = `晋合成〔${2000 + (d % 30)}〕${d + 1}号`;
    const title = `晋城市合成测试${d + 1}号${pick(['工作方案', '实施方案', '若干措施', '实施意见'])}`;
    let bytes = 0;
    for (let k = 0; bytes < perDoc; k++) {
      const n = 1 + Math.floor(rnd() * 4);
      let text = '';
      for (let i = 0; i < n; i++) text += pick(sentences);
      const section = CN[Math.floor(k / 12) % 10]!;
      const sub = CN[Math.floor(k / 4) % 3]!;
      const path = `${section}、（${sub}）${(k % 4) + 1}`;
      const cu = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(units));
      out.push({ docId: `synthetic-${d + 1}`, docNo, title, path, heading: `${section}、重点任务 > （${sub}）合成条款`, text, units: [...new Set(cu)] });
      bytes += Buffer.byteLength(text);
    }
  }
  return out;
}

function timeQueries(search: ClauseSearch, queries: readonly string[], rounds: number): number[] {
  for (const q of queries) search.search(q, { limit: 10 }); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      search.search(q, { limit: 10 });
      times.push(performance.now() - t);
    }
  }
  return times;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs the benchmark, prints a table, and returns the figures as label → formatted value. */
export async function benchSearch(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  const queries = loadQuestions().map((q) => q.q);
  let heapMax = process.memoryUsage().heapUsed;
  const sampleHeap = () => {
    heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
  };

  // ── real corpus ──
  const { clauses } = loadCorpus();
  const builds: number[] = [];
  let search!: ClauseSearch;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    search = createClauseSearch(clauses);
    builds.push(performance.now() - t);
  }
  const realTimes = timeQueries(search, queries, 20);
  const cacheRoot = mkdtempSync(join(tmpdir(), 'pd-bench-'));
  createClauseSearch(clauses, { cacheDir: join(cacheRoot, 'real') });
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const s = createClauseSearch(clauses, { cacheDir: join(cacheRoot, 'real') });
    loads.push(performance.now() - t);
    if (!s.loadedFromCache) throw new Error('persisted index was not used');
  }
  const p95Real = percentile(realTimes, 95);
  figures['real: clauses'] = String(clauses.length);
  figures['real: index build (median of 5)'] = ms(median(builds));
  figures['real: persisted index load (median of 5)'] = ms(median(loads));
  figures['real: query p50'] = ms(percentile(realTimes, 50));
  figures['real: query p95'] = `${ms(p95Real)} (${(p95Real / TARGET_P95_REAL_MS).toFixed(2)}× of the ${TARGET_P95_REAL_MS} ms target)`;
  sampleHeap();

  figures['peak RSS (process)'] = mb(process.resourceUsage().maxRSS * 1024);
  figures['peak heapUsed (sampled)'] = mb(heapMax);
  rmSync(cacheRoot, { recursive: true, force: true });

  const width = Math.max(...Object.keys(figures).map((k) => k.length)) + 2;
  console.log('Clause search benchmark');
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}${v}`);
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchSearch();
}
