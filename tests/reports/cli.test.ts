/**
 * The design.md CLI contract for reports, end to end through `node bin/policy-desk.cjs`.
 */
import { cliAsync } from '../helpers/run.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;

/** The real CLI, run asynchronously so a slow machine never blocks the test worker. */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    cliAsync(args, { cwd: dir, env: { ...process.env, POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_COORDINATORS: 'console:admin', POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' } }).then(resolve);
  });
}

const VALUES: Record<string, string> = { outbound_trips: '2', events: '1', projects_docked: '3', projects_signed: '1', signed_investment: '2.5', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '1' };
/** `--set` for every field, each key once (a repeated key is an error), with `over` replacing values. */
const setWith = (over: Record<string, string> = {}) => Object.entries({ ...VALUES, ...over }).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
const SET = setWith();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-cli-reports-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policy-desk report … (CLI contract)', () => {
  it('binds, submits, shows, lists missing units and checks compliance with the documented JSON shapes', async () => {
    expect((await cli('admin', 'bind', '--user', 'console:liu', '--unit', '城区', '--as', 'console:admin')).status).toBe(0);
    const sub = await cli('report', 'submit', '--unit', '城区', '--month', '2025-03', ...SET, '--as', 'console:liu', '--json');
    expect(sub.status).toBe(0);
    const show = JSON.parse((await cli('report', 'show', '--unit', '城区', '--month', '2025-03', '--as', 'console:liu', '--json')).stdout);
    expect(show).toMatchObject({ unit: '城区', month: '2025-03', status: 'on_time', revisions: 1, values: { outbound_trips: 2, signed_investment: 2.5 } });
    const missing = JSON.parse((await cli('report', 'missing', '--month', '2025-03', '--as', 'console:admin', '--json')).stdout);
    expect(missing.month).toBe('2025-03');
    expect(missing.missing[0]).toEqual({ unit: '泽州县', reporters: [] });
    expect(missing).toHaveProperty('late');
    expect(missing).toHaveProperty('excused');
    expect(typeof missing.completeness).toBe('number');
    expect(typeof missing.onTimeRate).toBe('number');
    const comp = JSON.parse((await cli('report', 'compliance', '--quarter', '2025-Q1', '--as', 'console:admin', '--json')).stdout);
    expect(comp.quarter).toBe('2025-Q1');
    expect(comp.units[0]).toMatchObject({ unit: '城区', outcome: 'met', outbound_trips: 2, projects_docked: 3 });
  });

  it('exits non-zero with a one-line reason for bad input, soft warnings without --confirm, and amend without --reason', async () => {
    const bad = await cli('report', 'submit', '--unit', '泽州县', '--month', '2025-03', ...setWith({ events: 'abc' }), '--as', 'console:admin');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('「举办或参加招商活动场次」');
    const warn = await cli('report', 'submit', '--unit', '泽州县', '--month', '2025-03', ...setWith({ signed_investment: '0' }), '--as', 'console:admin');
    expect(warn.status).not.toBe(0);
    expect(warn.stderr).toContain('签约总投资');
    expect((await cli('report', 'submit', '--unit', '泽州县', '--month', '2025-03', ...setWith({ signed_investment: '0' }), '--confirm', '--reason', '意向协议', '--as', 'console:admin')).status).toBe(0);
    expect((await cli('report', 'amend', '--unit', '泽州县', '--month', '2025-03', '--set', 'events=2', '--as', 'console:admin')).status).not.toBe(0);
    expect((await cli('report', 'amend', '--unit', '泽州县', '--month', '2025-03', '--set', 'events=2', '--reason', '补录', '--confirm', '--as', 'console:admin')).status).toBe(0);
    expect((await cli('report', 'submit', '--unit', '城区', '--month', '2025-13', ...SET, '--as', 'console:admin')).status).not.toBe(0);
    expect((await cli('report', 'none', '--unit', '高平市', '--month', '2025-03', '--as', 'console:liu')).status).not.toBe(0);
  });

  it('exports XLSX and CSV to --out and backs the database up', async () => {
    expect((await cli('report', 'export', '--month', '2025-03', '--out', 'm.xlsx', '--as', 'console:admin')).status).toBe(0);
    expect(readFileSync(join(dir, 'm.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect((await cli('report', 'export', '--year', '2025', '--out', 'y.csv', '--format', 'csv', '--as', 'console:admin')).status).toBe(0);
    expect(readFileSync(join(dir, 'y.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((await cli('report', 'backup', 'copy.db', '--as', 'console:admin')).status).toBe(0);
    expect(existsSync(join(dir, 'copy.db'))).toBe(true);
    expect((await cli('report', 'backup', 'copy2.db', '--as', 'console:liu')).status).not.toBe(0);
  });
});
