/**
 * Issue 15: a month in the office, scripted through the CLI on one database with the clock moving:
 * bind → reminders status → submissions (a typo refused, a soft warning confirmed) → amend →
 * excuse → missing → compliance → export. Every step as a coordinator or reporter would type it.
 */
import { cliAsync } from '../helpers/run.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let now = '2025-04-01T09:00:00+08:00';

/** The real CLI, run asynchronously: twenty blocking spawns in one test would starve the vitest worker. */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    cliAsync(args, { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_NOW: now } }).then(done);
  });
}
const json = async (...args: string[]) => {
  const r = await cli(...args, '--json');
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return JSON.parse(r.stdout);
};
const figures = (o: Record<string, string> = {}) =>
  Object.entries({ outbound_trips: '1', events: '1', projects_docked: '1', projects_signed: '0', signed_investment: '0', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0', ...o })
    .flatMap(([k, v]) => ['--set', `${k}=${v}`]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-month-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scripted month (March 2025, filed in April)', () => {
  it('runs end to end with the figures, statuses and times a coordinator expects', { timeout: 600_000 }, async () => {
    for (const [user, unit] of [['console:liu', '城区'], ['console:wang', '泽州县'], ['console:li', '高平市']]) {
      expect((await cli('admin', 'bind', '--user', user!, '--unit', unit!, '--as', 'console:zhang')).status).toBe(0);
    }
    expect((await json('remind', 'status', '--as', 'console:zhang'))).toBeTruthy();

    // 04-03: a typo is refused by its label, nothing stored; the no-activity report for April is refused.
    now = '2025-04-03T10:00:00+08:00';
    const typo = (await cli('report', 'submit', '--unit', '城区', ...figures({ events: 'abc' }), '--as', 'console:liu'));
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toContain('「举办或参加招商活动场次」');
    expect((await cli('report', 'none', '--unit', '高平市', '--month', '2025-04', '--as', 'console:li')).status).not.toBe(0);
    // With no month named, submit goes to March (the oldest open month not yet reported).
    const march = (await json('report', 'submit', '--unit', '城区', ...figures({ projects_docked: '2' }), '--as', 'console:liu'));
    expect(march).toMatchObject({ month: '2025-03', status: 'on_time', revision: 1 });
    // A soft warning (signed projects without investment) needs --confirm.
    const warned = (await cli('report', 'submit', '--unit', '泽州县', ...figures({ projects_signed: '2' }), '--as', 'console:wang'));
    expect(warned.status).not.toBe(0);
    expect((await json('report', 'submit', '--unit', '泽州县', ...figures({ projects_signed: '2' }), '--confirm', '--reason', '投资额待定', '--as', 'console:wang'))).toMatchObject({ month: '2025-03' });

    // 04-04: the reporter amends; the coordinator excuses 陵川县.
    now = '2025-04-04T16:30:00+08:00';
    expect((await json('report', 'amend', '--unit', '城区', '--month', '2025-03', '--set', 'projects_docked=3', '--reason', '漏报一个', '--as', 'console:liu'))).toMatchObject({ revision: 2 });
    expect((await cli('admin', 'excuse', '--unit', '陵川县', '--month', '2025-03', '--reason', '系统维护', '--as', 'console:zhang')).status).toBe(0);

    // 04-08: the coordinator's views.
    now = '2025-04-08T09:00:00+08:00';
    const missing = (await json('report', 'missing', '--month', '2025-03', '--as', 'console:zhang'));
    expect(missing.expected).toBe(6);
    expect(missing.missing.map((m: { unit: string }) => m.unit)).toEqual(['高平市', '阳城县', '沁水县', '晋城经济技术开发区']);
    expect(missing.onTime[0].submittedAt).toBe('2025-04-03T10:00:00+08:00');
    const history = (await json('report', 'history', '--unit', '城区', '--as', 'console:liu'));
    expect(history.months.find((m: { month: string }) => m.month === '2025-03')).toMatchObject({ revisions: 2, lastChange: '2025-04-04T16:30:00+08:00' });
    // Compliance with no quarter named: the quarter that just ended.
    const comp = (await json('report', 'compliance', '--as', 'console:zhang'));
    expect(comp.quarter).toBe('2025-Q1');
    expect(comp.units.find((u: { unit: string }) => u.unit === '陵川县').missingMonths).toEqual(['2025-01', '2025-02']);

    // The export: one workbook with the month and its revision history in China time.
    expect((await cli('report', 'export', '--month', '2025-03', '--out', 'march.xlsx', '--as', 'console:zhang')).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'march.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2025年3月', '修订记录']);
    const rev = wb.getWorksheet('修订记录')!;
    const times = [3, 4, 5].map((i) => String(rev.getRow(i).getCell(6).value));
    expect(times).toEqual(['2025-04-03 10:00', '2025-04-04 16:30', '2025-04-03 10:00']);
  });
});
