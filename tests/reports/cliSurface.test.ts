/**
 * The report commands as a person at a terminal meets them (`node bin/policy-desk.cjs`): where a
 * backup of another database goes, what a refusal or a soft warning tells them to type, and
 * every file an export wrote. Today is 2026-12-01 China time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
let dir: string;

/** The real CLI on `--db <dir>/<db>` (never the repository's data/), from the temp folder. */
function cli(db: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_NOW: '2026-12-01T08:10:46+08:00' };
    delete env.POLICY_DESK_DB;
    delete env.POLICY_DESK_BACKUP_DIR;
    delete env.POLICY_DESK_LOCALE;
    const child = spawn(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), ...args, '--db', join(dir, db)], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const FIGURES: Record<string, string> = { outbound_trips: '1', events: '1', projects_docked: '3', projects_signed: '1', signed_investment: '0.33', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0' };
const setWith = (over: Record<string, string> = {}) => Object.entries({ ...FIGURES, ...over }).flatMap(([k, v]) => ['--set', `${k}=${v}`]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-cli-surface-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report backup with no file', () => {
  it('writes into backups/ beside the database in use, not into the repository', async () => {
    const before = existsSync(join(ROOT, 'data', 'backups')) ? readdirSync(join(ROOT, 'data', 'backups')).length : 0;
    const r = await cli('other/x.db', 'report', 'backup', '--as', 'console:zhang', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string };
    expect(out.file.startsWith(join(dir, 'other', 'backups') + '/')).toBe(true);
    expect(existsSync(out.file)).toBe(true);
    expect(existsSync(join(ROOT, 'data', 'backups')) ? readdirSync(join(ROOT, 'data', 'backups')).length : 0).toBe(before);
  });
});
