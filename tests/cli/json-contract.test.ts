/**
 * The `--json` contract through the real CLI (`node bin/policy-desk.cjs`), against a temp SQLite
 * database: every failing invocation prints exactly one JSON object on stdout,
 * `{ error: "<zh> / <en>", message: { zh, en } }`, exits non-zero and leaves no stack trace on
 * stderr; every successful one prints only JSON on stdout (warnings and notes go to stderr).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/reports/index.ts';
import { cleanEnv, ROOT, tempDir, type RunResult } from '../helpers/run.ts';

const ADMIN = 'console:admin';
const LIU = 'console:liu';
let dir: string;

/** The real CLI, run asynchronously (the tables run concurrently), in `dir`. */
function cli(args: string[], env: Record<string, string> = {}, input = ''): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), ...args], {
      cwd: dir,
      env: cleanEnv({
        POLICY_DESK_DB: join(dir, 'pd.db'),
        POLICY_DESK_BACKUP_DIR: join(dir, 'backups'),
        POLICY_DESK_COORDINATORS: ADMIN,
        POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00',
        POLICY_DESK_SEARCH_INDEX: 'off',
        ...env,
      }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdin.end(input);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** stdout is exactly one line holding one JSON object. */
function onlyObject(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines, stdout).toHaveLength(1);
  const value = JSON.parse(lines[0]!) as unknown;
  expect(value !== null && typeof value === 'object' && !Array.isArray(value), stdout).toBe(true);
  return value as Record<string, unknown>;
}

const HAN = /\p{Script=Han}/u;
const UNIT_NAMES = (JSON.parse(readFileSync(join(ROOT, 'config/roster.json'), 'utf8')) as { units: Array<{ name: string }> }).units.map((u) => u.name);

/** English with the Chinese it may rightly hold removed: quoted input ("火星") and unit names. */
function englishOutsideQuotes(en: string): string {
  let rest = en.replace(/"[^"]*"/g, '""');
  for (const name of UNIT_NAMES) rest = rest.split(name).join('');
  return rest;
}

const VALUES = ['outbound_trips=2', 'events=1', 'projects_docked=3', 'projects_signed=1', 'signed_investment=2.5', 'projects_started=0', 'projects_in_production=0', 'leading_enterprises=0', 'investment_in_place=1'];
const SET = VALUES.flatMap((v) => ['--set', v]);

beforeAll(async () => {
  dir = tempDir();
  expect((await cli(['admin', 'bind', '--user', LIU, '--unit', '城区', '--as', ADMIN])).status).toBe(0);
  expect((await cli(['report', 'submit', '--unit', '城区', '--month', '2025-03', ...SET, '--as', LIU])).status).toBe(0);
  // A database made by a newer Policy Desk: opening it is refused (a thrown error, not a bot reply).
  const newer = new Database(join(dir, 'newer.db'));
  newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  newer.close();
  writeFileSync(join(dir, 'not-a-db.db'), 'not a database\n');
}, 120_000);

/** [what it is, arguments (without --json), extra environment]. */
const FAILURES: Array<[string, string[], Record<string, string>?]> = [
  ['a month that does not exist', ['report', 'show', '--unit', '城区', '--month', '2025-13', '--as', ADMIN]],
  ['help about a command that does not exist', ['help', 'admin', 'frob']],
  ['a month it cannot read', ['report', 'missing', '--month', 'abc', '--as', ADMIN]],
  ['a month it cannot read (summary)', ['report', 'summary', '--month', 'soon', '--as', ADMIN]],
  ['a quarter it cannot read', ['report', 'compliance', '--quarter', '2025-Q5', '--as', ADMIN]],
  ['a quarter not started', ['report', 'compliance', '--quarter', '2026-Q1', '--as', ADMIN]],
  ['an unknown unit', ['report', 'show', '--unit', '火星', '--month', '2025-03', '--as', ADMIN]],
  ['submit without --set', ['report', 'submit', '--unit', '城区', '--month', '2025-03', '--as', ADMIN]],
  ['none with --set', ['report', 'none', '--unit', '城区', '--month', '2025-03', '--set', 'events=1', '--as', ADMIN]],
  ['a value that is not a number', ['report', 'submit', '--unit', '城区', '--month', '2025-02', '--set', 'events=abc', '--as', ADMIN]],
  ['an unknown field', ['report', 'submit', '--unit', '城区', '--month', '2025-02', '--set', 'bogus=1', '--as', ADMIN]],
  ['the same --set key twice', ['report', 'submit', '--unit', '城区', '--month', '2025-02', '--set', 'events=1', '--set', 'events=2', '--as', ADMIN]],
  ['amend without --reason', ['report', 'amend', '--unit', '城区', '--month', '2025-03', '--set', 'events=2', '--as', ADMIN]],
  ['an unknown subcommand', ['report', 'bogus', '--as', ADMIN]],
  ['no subcommand', ['report', '--as', ADMIN]],
  ['an unknown remind subcommand', ['remind', 'bogus', '--as', ADMIN]],
  ['an unknown command', ['bogus']],
  ['an extra argument', ['report', 'show', '城区', '2025-03', 'extra', '--as', ADMIN]],
  ['a flag with no value before --json', ['report', 'missing', '--month']],
  ['a reporter-only command without a binding', ['report', 'show', '--month', '2025-03', '--as', 'console:nobody']],
  ['history without a binding', ['report', 'history', '--as', 'console:nobody']],
  ['a coordinator-only command', ['report', 'missing', '--month', '2025-03', '--as', LIU]],
  ['reminders as a reporter', ['remind', 'send', '--as', LIU]],
  ['another unit than the bound one', ['report', 'none', '--unit', '高平市', '--month', '2025-03', '--as', LIU]],
  ['a required option missing', ['admin', 'bind', '--unit', '城区', '--as', ADMIN]],
  ['a malformed user id', ['admin', 'bind', '--user', 'bad', '--unit', '城区', '--as', ADMIN]],
  ['an unknown export format', ['report', 'export', '--month', '2025-03', '--format', 'pdf', '--out', 'x.pdf', '--as', ADMIN]],
  ['an export into /proc', ['report', 'export', '--month', '2025-03', '--out', '/proc/x.xlsx', '--as', ADMIN]],
  ['backup as a reporter', ['report', 'backup', 'x.db', '--as', LIU]],
  ['backup into /proc', ['report', 'backup', '/proc/x.db', '--as', ADMIN]],
  ['restore as a reporter', ['report', 'restore', 'x.db', '--as', LIU]],
  ['restore without a file', ['report', 'restore', '--as', ADMIN]],
  ['restore of a missing file', ['report', 'restore', 'nothere.db', '--as', ADMIN]],
  ['restore of a file that is not a database', ['report', 'restore', 'not-a-db.db', '--as', ADMIN]],
  ['a bad --limit', ['search', '环评', '--limit', '0']],
  ['an empty query', ['search', '']],
  ['an empty question', ['ask', '']],
  ['--as a chat user without --allow-platform-identity', ['report', 'show', '--as', 'discord:1234']],
  ['--as a malformed id', ['report', 'show', '--as', 'bad']],
  ['a bad setting', ['report', 'missing', '--as', ADMIN], { POLICY_DESK_DUE_DAY: '40' }],
  ['a database made by a newer version', ['report', 'missing', '--month', '2025-03', '--db', 'newer.db', '--as', ADMIN]],
  ['an unknown corpus subcommand', ['corpus', 'bogus']],
  ['corpus add without a file', ['corpus', 'add']],
  ['corpus add of a missing file', ['corpus', 'add', 'nothere.txt']],
];

describe.concurrent('--json failures: one object, both languages, non-zero exit, no stack trace', () => {
  it.each(FAILURES)('%s', async (_what, args, env) => {
    const r = await cli([...args, '--json'], env);
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.status).not.toBeNull();
    const out = onlyObject(r.stdout);
    const message = out.message as { zh: unknown; en: unknown };
    expect(typeof message?.zh, r.stdout).toBe('string');
    expect(typeof message?.en, r.stdout).toBe('string');
    const { zh, en } = message as { zh: string; en: string };
    expect(zh).toMatch(HAN);
    expect(en.trim()).not.toBe('');
    expect(en).toMatch(/[A-Za-z]{3}/);
    expect(englishOutsideQuotes(en), en).not.toMatch(HAN);
    expect(out.error).toBe(`${zh} / ${en}`);
    expect(r.stderr).toContain('policy-desk:');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/\b(TypeError|RangeError|SyntaxError|SqliteError)\b/);
  });
});

describe('--json failures keep the machine-readable reason', () => {
  it('a bot refusal keeps its data beside error and message, its reason code as `code`', async () => {
    const r = await cli(['report', 'submit', '--unit', '城区', '--month', '2025-02', '--set', 'events=abc', '--as', ADMIN, '--json']);
    const out = onlyObject(r.stdout);
    expect(out.code).toBe('invalid');
    expect(out.fieldErrors).toHaveProperty('events');
    expect((out.message as { en: string }).en).toContain('is not a number');
  });

  it('batch mode: a refused line is one object in both languages, and the exit status says a line failed', async () => {
    const r = await cli(['search', '--json'], {}, '环评\n\n');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const { zh, en } = lines[1]!.message as { zh: string; en: string };
    expect(lines[1]!.error).toBe(`${zh} / ${en}`);
    expect(englishOutsideQuotes(en)).not.toMatch(HAN);
  });
});

/** [what it is, arguments (without --json), the exit status]. */
const SUCCESSES: Array<[string, string[], number?]> = [
  ['corpus list', ['corpus', 'list']],
  ['corpus check', ['corpus', 'check']],
  ['report missing', ['report', 'missing', '--month', '2025-03', '--as', ADMIN]],
  ['report summary', ['report', 'summary', '--month', '2025-03', '--as', ADMIN]],
  ['report compliance', ['report', 'compliance', '--quarter', '2025-Q1', '--as', ADMIN]],
  ['report history', ['report', 'history', '--as', LIU]],
  ['report show', ['report', 'show', '--unit', '城区', '--month', '2025-03', '--as', LIU]],
  ['remind status', ['remind', 'status', '--as', ADMIN]],
  ['report export', ['report', 'export', '--month', '2025-03', '--out', 'm.xlsx', '--as', ADMIN]],
  ['search', ['search', '节能审查', '--limit', '2']],
  ['ask', ['ask', '年综合能源消费量800吨标准煤，年用电300万千瓦时，需要节能审查吗']],
  ['help', ['help']],
  ['help about one command', ['help', 'report', 'submit']],
  ['--help after a command', ['admin', 'bind', '--help']],
  ['doctor', ['doctor']],
];

describe.concurrent('--json successes: only JSON on stdout', () => {
  it.each(SUCCESSES)('%s', async (_what, args, status = 0) => {
    const r = await cli([...args, '--json']);
    expect(r.status, r.stderr).toBe(status);
    const out = onlyObject(r.stdout);
    expect(out).not.toHaveProperty('error');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('doctor --json', () => {
  it('gives each check of the text report with its level and message in both languages', async () => {
    const [json, text] = await Promise.all([cli(['doctor', '--json']), cli(['doctor'])]);
    expect(json.status).toBe(text.status);
    const out = onlyObject(json.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; level: string; area: { zh: string }; message: { zh: string; en: string } }> };
    expect(out.ok).toBe(true);
    // One check per line of the text report (between its heading and its verdict).
    expect(out.checks).toHaveLength(text.stdout.trim().split('\n').length - 2);
    for (const c of out.checks) {
      expect(c.level).toMatch(/^(ok|warn|fail)$/);
      expect(text.stdout).toContain(`${c.area.zh}：${c.message.zh}`);
      expect(c.message.en.trim()).not.toBe('');
    }
    expect(out.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['settings', 'database', 'corpus', 'holidays']));
  });

  it('a failing check: ok false, the fix in both languages, exit status 1 as the text report', async () => {
    const [json, text] = await Promise.all([cli(['doctor', '--db', 'newer.db', '--json']), cli(['doctor', '--db', 'newer.db'])]);
    expect(text.status).toBe(1);
    expect(json.status).toBe(1);
    const out = onlyObject(json.stdout) as { ok: boolean; failures: number; checks: Array<{ name: string; ok: boolean; level: string; message: { en: string }; fix?: { zh: string; en: string } }> };
    expect(out.ok).toBe(false);
    expect(out.failures).toBe(1);
    const db = out.checks.find((c) => c.name === 'database')!;
    expect(db).toMatchObject({ ok: false, level: 'fail' });
    expect(db.message.en).toContain('newer than');
    expect(db.fix?.zh).toMatch(HAN);
    expect(db.fix?.en).toContain('report restore');
  });
});

describe('report backup and restore --json', () => {
  it('back up, then restore, each printing one JSON result', async () => {
    const backup = await cli(['report', 'backup', 'copy.db', '--as', ADMIN, '--json']);
    expect(backup.status, backup.stderr).toBe(0);
    expect(onlyObject(backup.stdout)).toMatchObject({ ok: true, file: join(dir, 'copy.db') });
    // Restored into a database of its own, so the tables above never see it replaced.
    const restored = await cli(['report', 'restore', 'copy.db', '--db', 'restored.db', '--as', ADMIN, '--json']);
    expect(restored.status, restored.stderr).toBe(0);
    expect(onlyObject(restored.stdout)).toEqual({ ok: true, file: join(dir, 'copy.db'), restored: join(dir, 'restored.db') });
    const show = await cli(['report', 'show', '--unit', '城区', '--month', '2025-03', '--db', 'restored.db', '--as', LIU, '--json']);
    expect(onlyObject(show.stdout)).toMatchObject({ unit: '城区', month: '2025-03', revisions: 1 });
  });
});
