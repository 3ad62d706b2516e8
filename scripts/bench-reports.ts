/**
 * Reports benchmark: 10,000 submissions through the domain layer (each one a committed
 * transaction with its revision and audit entry), then the missing / summary / compliance
 * queries over 5 years × 7 units. Prints p50 / p95 per operation against the targets
 * (p95 ≤ 5 ms per submission, ≤ 20 ms per summary). No pass/fail: the table is the result.
 *
 * Standalone: `node bin/run.js scripts/bench-reports.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addMonths, buildSummary, computeCompliance, loadWorkCalendar, openReportStore, quarterOf, targetLines, type ReportStore } from '../src/reports/index.ts';
import { boardReply } from '../src/bot/features/deadlines/messages.ts';
import { DeadlineScheduler } from '../src/bot/features/deadlines/scheduler.ts';
import type { Messenger } from '../src/bot/core/messenger.ts';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function row(name: string, xs: number[], target?: number): string {
  const p95 = pct(xs, 95);
  const mark = target === undefined ? '' : p95 <= target ? `≤ ${target} ms ✓` : `> ${target} ms ✗`;
  return `| ${name.padEnd(34)} | ${String(xs.length).padStart(6)} | ${pct(xs, 50).toFixed(3).padStart(8)} | ${p95.toFixed(3).padStart(8)} | ${mark.padEnd(12)} |`;
}

function raw(n: number): Record<string, string> {
  return {
    outbound_trips: String(n % 4), events: String(n % 3), projects_docked: String((n % 5) + 1), projects_signed: String(n % 2),
    signed_investment: n % 2 ? ((n % 9) + 0.5).toFixed(2) : '0', projects_started: '0', projects_in_production: '0',
    leading_enterprises: String(n % 2), investment_in_place: ((n % 11) / 4).toFixed(2),
  };
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function benchReports(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-reports-'));
  const lines: string[] = [];
  try {
    // 1. 10,000 writes: every unit × month from 2000-01 submitted, then amended, in turn.
    // The clock follows the burst (the 3rd of the following month), so reporters are inside the window.
    let now = new Date('2000-02-03T10:00:00+08:00');
    const store = openReportStore({ path: join(dir, 'writes.db'), coordinators: ['console:bench-admin'], now: () => now });
    store.bind('console:bench-admin', 'console:bench-liu', '城区');
    const units = store.unitNames();
    const submits: number[] = [];
    const amends: number[] = [];
    let month = '2000-01';
    let n = 0;
    while (n < 10_000) {
      for (const unit of units) {
        for (const kind of ['submit', 'amend'] as const) {
          if (n >= 10_000) break;
          const actor = unit === '城区' ? 'console:bench-liu' : 'console:bench-admin';
          const ms = time(() => {
            const r = store.write({ actor, unit, month, kind, raw: raw(n), reason: kind === 'amend' ? 'bench' : undefined, acceptWarnings: true });
            if (!r.ok) throw new Error(`${unit} ${month}: ${r.problem.en}`);
          });
          (kind === 'submit' ? submits : amends).push(ms);
          n++;
        }
      }
      month = addMonths(month, 1);
      now = new Date(`${addMonths(month, 1)}-03T10:00:00+08:00`);
    }
    store.close();

    // 2. Queries over 5 years × 7 units (2021-01 … 2025-12), all reported.
    let qnow = new Date('2026-01-10T10:00:00+08:00');
    const q: ReportStore = openReportStore({ path: join(dir, 'queries.db'), coordinators: ['console:bench-admin'], now: () => qnow });
    let i = 0;
    for (let m = '2021-01'; m <= '2025-12'; m = addMonths(m, 1)) {
      for (const unit of q.unitNames()) {
        const r = q.write({ actor: 'console:bench-admin', unit, month: m, kind: 'submit', raw: raw(i++), acceptWarnings: true });
        if (!r.ok) throw new Error(r.problem.en);
      }
    }
    const months: string[] = [];
    for (let m = '2021-01'; m <= '2025-12'; m = addMonths(m, 1)) months.push(m);
    const missing: number[] = [];
    const summary: number[] = [];
    const compliance: number[] = [];
    for (let k = 0; k < 300; k++) {
      const m = months[(k * 7) % months.length]!;
      missing.push(time(() => q.missing(m)));
      summary.push(time(() => { buildSummary(q, m); targetLines(q, m); }));
      compliance.push(time(() => computeCompliance(q, quarterOf(m))));
    }

    // 3. The deadline scheduler: the board render every report write triggers, and a daily tick
    // (3 months watched, 7 units, a board to keep) through a messenger that does nothing.
    const board: number[] = [];
    for (let k = 0; k < 300; k++) board.push(time(() => boardReply(q, months[(k * 7) % months.length]!, 'zh-CN')));
    const quiet: Messenger = { surface: 'console', hasChannel: true, sendDirect: async () => {}, postToChannel: async () => 'm', editChannelMessage: async () => {} };
    q.bind('console:bench-admin', 'console:liu', '城区');
    const scheduler = new DeadlineScheduler({ store: q, calendar: loadWorkCalendar(), policy: { dueDay: 5, lockDays: 15, remindBeforeWorkdays: 3, escalateAfterWorkdays: 2 }, messengers: [quiet], log: () => {} });
    const ticks: number[] = [];
    for (let d = 0; d < 300; d++) {
      qnow = new Date(Date.parse('2025-01-01T09:30:00+08:00') + d * 86_400_000);
      const t = performance.now();
      await scheduler.tick();
      ticks.push(performance.now() - t);
    }
    q.close();

    lines.push('', '## Reports (SQLite, synchronous=FULL, WAL)', '');
    lines.push('| operation                          |      n |  p50 ms  |  p95 ms  | target       |');
    lines.push('|------------------------------------|--------|----------|----------|--------------|');
    lines.push(row('submission (all 10,000 writes)', [...submits, ...amends], 5));
    lines.push(row('  of which submit', submits, 5));
    lines.push(row('  of which amend', amends, 5));
    lines.push(row('missing (month, 7 units)', missing));
    lines.push(row('summary (+ target progress)', summary, 20));
    lines.push(row('compliance (quarter, 7 units)', compliance));
    lines.push(row('status board render (month)', board));
    lines.push(row('scheduler tick (day, 3 months)', ticks));
    lines.push('', `Queries over ${months.length} months × 7 units = ${months.length * 7} reports.`);
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await benchReports();
