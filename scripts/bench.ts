/**
 * `npm run bench`: every speed and memory figure the README quotes, measured in one run.
 * Medians and percentiles only; no pass/fail (targets are compared in the printed tables).
 * `npm run bench -- --large` adds the 10,000- and 20,000-document corpora (tens of minutes);
 * `npm run bench -- --sizes 10000` measures the clause search at the sizes given instead.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../src/settings.ts';
import { benchSearch } from './bench-search.ts';
import { benchReports } from './bench-reports.ts';
import { benchScale, DEFAULT_SIZES, LARGE_SIZES } from './bench-scale.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Preloaded into each timed process: prints the process's own CPU time (user + system) at exit. */
const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-ms '+((u.user+u.system)/1000)+'\\n')})`;

function cpuOf(stderr: string): number {
  const m = /cpu-ms ([\d.]+)\s*$/.exec(stderr);
  return m ? Number(m[1]) : NaN;
}

/**
 * CLI cold start: process start to first result printed, `node bin/policy-desk.cjs search … --json`,
 * with the compiled build (built first if stale) and the persisted index in place (one warm-up run).
 * Wall time, and the process's own CPU time, which a busy machine inflates much less.
 */
function benchCliColdStart(runs = 7): void {
  spawnSync(process.execPath, [resolve(REPO_ROOT, 'scripts/build.mjs')], { stdio: 'ignore' });
  spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/policy-desk.cjs'), 'search', '节能审查', '--json']);
  const times: number[] = [];
  const cpus: number[] = [];
  const bare: number[] = [];
  const bareCpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const r = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, resolve(REPO_ROOT, 'bin/policy-desk.cjs'), 'search', '节能审查', '--json'], { encoding: 'utf8' });
    times.push(performance.now() - t);
    if (r.status !== 0 || !r.stdout.includes('"hits"')) throw new Error(`CLI failed: ${r.stderr}`);
    cpus.push(cpuOf(r.stderr));
    t = performance.now();
    const b = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, '-e', '0'], { encoding: 'utf8' });
    bare.push(performance.now() - t);
    bareCpus.push(cpuOf(b.stderr));
  }
  console.log('\n## CLI cold start');
  console.log(`policy-desk search --json   median ${median(times).toFixed(0)} ms wall, ${median(cpus).toFixed(0)} ms CPU   (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; target ≤ 250 ms)`);
  console.log(`bare \`node -e 0\` baseline    median ${median(bare).toFixed(0)} ms wall, ${median(bareCpus).toFixed(0)} ms CPU   ratio ${(median(times) / median(bare)).toFixed(1)}× wall, ${(median(cpus) / median(bareCpus)).toFixed(1)}× CPU`);
}

console.log(`# Policy Desk bench — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`);
await benchSearch();
const sizesAt = process.argv.indexOf('--sizes');
benchScale(
  sizesAt > 0 ? process.argv[sizesAt + 1]!.split(',').map(Number) : process.argv.includes('--large') ? [...DEFAULT_SIZES, ...LARGE_SIZES] : DEFAULT_SIZES,
);
benchCliColdStart();
await benchReports();
