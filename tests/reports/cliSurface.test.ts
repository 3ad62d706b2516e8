/**
 * The report commands as a person at a terminal meets them (`node bin/policy-desk.cjs`): where a
 * backup of another database goes, what a refusal or a soft warning tells them to type, and
 * every file an export wrote. Today is 2026-12-01 China time.
 */
import { cliAsync } from '../helpers/run.ts';
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
    cliAsync([...args, '--db', join(dir, db)], { cwd: dir, env }).then(done);
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

describe('commands and buttons named in CLI output', () => {
  it('reads as what to type here — npx policy-desk …, not a chat slash command or a button to press', async () => {
    const db = 'spell.db';
    expect((await cli(db, 'admin', 'bind', '--user', 'console:liu', '--unit', '城区', '--as', 'console:zhang')).status).toBe(0);
    expect((await cli(db, 'report', 'submit', '--unit', '城区', '--month', '2026-11', ...setWith(), '--as', 'console:liu')).status).toBe(0);

    // A refusal worded by the reports layer.
    const locked = await cli(db, 'report', 'submit', '--unit', '城区', '--month', '2026-10', ...setWith(), '--as', 'console:liu');
    expect(locked.stderr).toContain('只有协调员可以重新开放（npx policy-desk admin reopen）');
    // The bot's refusal of someone bound to no unit.
    const unbound = await cli(db, 'report', 'submit', '--unit', '城区', ...setWith(), '--as', 'console:nobody');
    expect(unbound.stderr).toContain('请联系协调员用 npx policy-desk admin bind 绑定');
    // The same in --json.
    const lockedJson = JSON.parse((await cli(db, 'report', 'submit', '--unit', '城区', '--month', '2026-10', ...setWith(), '--as', 'console:liu', '--json')).stdout);
    expect(lockedJson.message.zh).toContain('npx policy-desk admin reopen');

    const status = await cli(db, 'remind', 'status', '--as', 'console:zhang');
    expect(status.stdout).toContain('npx policy-desk remind send');
    expect(status.stdout).not.toMatch(/(?<![\w-])\/remind/);

    // Buttons: the command they stand for, or nothing.
    const show = await cli(db, 'report', 'show', '--unit', '城区', '--month', '2026-11', '--as', 'console:liu');
    expect(show.stdout).toContain('更正：npx policy-desk report amend --unit 城区 --month 2026-11 --set 字段=数值 … --reason 原因');
    expect(show.stdout).not.toContain('[更正]');
    const missing = await cli(db, 'report', 'missing', '--month', '2026-11', '--as', 'console:zhang');
    expect(missing.stdout).toContain('提醒未报单位：npx policy-desk remind send');
    expect(missing.stdout).not.toMatch(/\[[^\]]+\]/);
  });

  it('names every file an export wrote, in the reply (Chinese first), with nothing English-only on stderr', async () => {
    const db = 'export.db';
    const r = await cli(db, 'report', 'export', '--year', '2026', '--out', 'q3.csv', '--as', 'console:zhang');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`已导出 2026 月报（CSV）及修订记录：${join(dir, 'q3.csv')}、${join(dir, 'q3-修订记录.csv')}`);
    expect(r.stderr).not.toContain('wrote');
    const json = JSON.parse((await cli(db, 'report', 'export', '--month', '2026-11', '--format', 'csv', '--as', 'console:zhang', '--json')).stdout);
    expect(json.files).toEqual([join(dir, '月报-2026-11.csv'), join(dir, '月报-2026-11-修订记录.csv')]);
    for (const f of json.files) expect(existsSync(f)).toBe(true);
  });
});

describe('a soft warning on the command line', () => {
  it('says to run again with --confirm, on the one line a terminal shows; an amendment asks only about what it changes', async () => {
    const db = 'warn.db';
    const signedNoMoney = setWith({ projects_signed: '2', signed_investment: '0' });
    const stopped = await cli(db, 'report', 'submit', '--unit', '高平市', '--month', '2026-11', ...signedNoMoney, '--as', 'console:zhang');
    expect(stopped.status).toBe(1);
    expect(stopped.stderr.trim()).toBe('policy-desk: 需要确认：「签约项目数」大于 0，但「签约总投资（亿元）」为 0，请核实。如数据无误，请加 --confirm 重新运行（可用 --reason 说明原因）。');
    expect((await cli(db, 'report', 'submit', '--unit', '高平市', '--month', '2026-11', ...signedNoMoney, '--confirm', '--as', 'console:zhang')).status).toBe(0);
    // The pair was confirmed with the submission: changing another field does not ask again.
    expect((await cli(db, 'report', 'amend', '--unit', '高平市', '--month', '2026-11', '--set', 'events=2', '--reason', '补录', '--as', 'console:zhang')).status).toBe(0);
    const again = await cli(db, 'report', 'amend', '--unit', '高平市', '--month', '2026-11', '--set', 'projects_signed=3', '--reason', '补录', '--as', 'console:zhang', '--json');
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).message.zh).toMatch(/请加 --confirm 重新运行。$/);
  });
});

describe('a refusal on the command line', () => {
  it('names who the command was taken to be and the --as flag that says who the operator is', async () => {
    const db = 'refuse.db';
    const r = await cli(db, 'report', 'missing', '--as', 'console:liu');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('policy-desk: 「缺报」仅限市投资促进中心协调员使用，当前身份 console:liu 不是协调员（以协调员身份运行请加 --as <协调员标识>）。');
    const json = JSON.parse((await cli(db, 'report', 'missing', '--as', 'console:liu', '--json')).stdout);
    expect(json).toMatchObject({ code: 'forbidden', user: 'console:liu' });
    expect(json.message.en).toContain('--as <coordinator id>');
    // With no --as, the identity taken is the OS login's console id, and it is named.
    const bare = await cli(db, 'report', 'missing');
    expect(bare.stderr).toMatch(/当前身份 console:\S+ 不是协调员/);
    const unbound = await cli(db, 'report', 'submit', '--unit', '城区', ...setWith(), '--as', 'console:nobody');
    expect(unbound.stderr).toContain('你的用户标识：console:nobody；已绑定的报送人请用 --as <用户标识> 运行');
  });
});

describe('years outside the accepted range', () => {
  it('are refused by --month, --quarter and --year alike, naming the range', async () => {
    const db = 'years.db';
    for (const args of [['missing', '--month', '1999-12'], ['compliance', '--quarter', '1999-Q4'], ['export', '--year', '1999']]) {
      const r = await cli(db, 'report', ...args, '--as', 'console:zhang');
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('（年份应在 2000–2026 年之间）');
    }
  });
});
