/**
 * Issue 12: safe to run in a government office. One test per attack or failure an attacker or an
 * office IT person tried — path containment, revocation, CSV neutralisation, identity on the CLI,
 * bad input, config mistakes, paths that must not hang, the database opened by several processes
 * at once, newer and read-only databases, backups and restore, replay protection and malformed
 * Slack payloads — each against the real code (real SQLite files, the real CLI process).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { PathError, ensureParentDir } from '../../src/files.ts';
import { createLogger } from '../../src/log.ts';
import { diagnose, runDoctor } from '../../src/ops/doctor.ts';
import { startHealthServer } from '../../src/ops/health.ts';
import {
  MIGRATIONS, backupPathIn, csvCell, exportCsv, exportXlsx, loadDefinition, loadRoster, openReportStore, parseFieldValue,
  restoreDatabase, revisionsCsv, runDailyBackup, stripControls,
} from '../../src/reports/index.ts';
import { ReplayCache } from '../../src/security/replayCache.ts';
import { homeTeamOf, viewSubmissionSchema } from '../../src/security/slackPayloads.ts';
import { readSettings } from '../../src/settings.ts';
import { ROOT, cleanEnv, tempDir } from '../helpers/run.ts';
import { ADMIN, LIU, harness, values, type Harness } from '../reports/helpers.ts';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

/**
 * The real CLI with a fixed clock, run asynchronously (a blocked test worker cannot report); the
 * timeout turns a hang into a failed test, not a stuck run.
 */
function cli(args: string[], env: Record<string, string> = {}, opts: { uid?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), ...args], {
      cwd: ROOT,
      env: cleanEnv({ POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00', ...env }),
      timeout: 60_000,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (status, signal) => resolve({ status, stdout, stderr, signal }));
  });
}

const SET = Object.entries(values()).flatMap(([k, v]) => ['--set', `${k}=${v}`]);

describe('the database file', () => {
  it('opens a brand-new database from four processes at once without "table already exists"', async () => {
    const path = join(tempDir(), 'race.db');
    const at = String(Date.now() + 4000);
    const runs = Array.from({ length: 4 }, () =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), 'tests/security/openAt.ts', path, at], { cwd: ROOT });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => resolve({ code, err }));
      }),
    );
    const results = await Promise.all(runs);
    expect(results.map((r) => r.err).join('')).toBe('');
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  }, 90_000);

  it('refuses a database whose schema is newer than the code, naming the file, and writes nothing to it', () => {
    const path = join(tempDir(), 'newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    const before = readFileSync(path);
    expect(() => openReportStore({ path, coordinators: [ADMIN] })).toThrow(new RegExp(`${path}.*结构版本为 ${MIGRATIONS.length + 5}`));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  // Runs the real CLI as the unprivileged `nobody` account: possible only as root, and only where
  // that account can reach the checkout (a clone inside a private 0700 temp folder is out of reach).
  const nobodyCanRunCli =
    process.getuid?.() === 0 &&
    spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'bin/policy-desk.cjs'))}, require('fs').constants.R_OK)`], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(!nobodyCanRunCli)('reads a database the service account may not write (show, missing, export) and refuses writes with a clear line', async () => {
    const dir = tempDir();
    const path = join(dir, 'ro.db');
    const store = openReportStore({ path, coordinators: [ADMIN] });
    store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    store.close();
    chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    const nobody = 65534;
    const env = { POLICY_DESK_DB: path, POLICY_DESK_COORDINATORS: ADMIN, HOME: '/tmp' };
    const show = await cli(['report', 'show', '--unit', '城区', '--month', '2025-03', '--as', ADMIN, '--json'], env, { uid: nobody });
    expect(show.stderr).toBe('');
    expect(JSON.parse(show.stdout)).toMatchObject({ unit: '城区', revisions: 1 });
    const missing = await cli(['report', 'missing', '--month', '2025-03', '--as', ADMIN, '--json'], env, { uid: nobody });
    expect(missing.status).toBe(0);
    const out = join(tempDir(), 'ro.csv');
    chmodSync(join(out, '..'), 0o777);
    expect((await cli(['report', 'export', '--month', '2025-03', '--out', out, '--format', 'csv', '--as', ADMIN], env, { uid: nobody })).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('城区');
    const write = await cli(['report', 'submit', '--unit', '泽州县', '--month', '2025-03', ...SET, '--as', ADMIN], env, { uid: nobody });
    expect(write.status).toBe(1);
    expect(write.stderr.trim().split('\n')).toHaveLength(1);
    expect(write.stderr).toContain('只读');
  }, 60_000);

  it('names the database file when it cannot be opened', () => {
    const dir = tempDir();
    const path = join(dir, 'not-a-db.db');
    writeFileSync(path, 'this is not sqlite, just text '.repeat(200));
    expect(() => openReportStore({ path })).toThrow(path);
  });
});

describe('coordinators', () => {
  it('are revoked when removed from POLICY_DESK_COORDINATORS: the configured list is the truth at every start (audited)', () => {
    const path = join(tempDir(), 'revoke.db');
    const first = openReportStore({ path, coordinators: [ADMIN, 'console:zhao'] });
    expect(first.isCoordinator('console:zhao')).toBe(true);
    first.close();
    const second = openReportStore({ path, coordinators: [ADMIN] });
    expect(second.isCoordinator('console:zhao')).toBe(false);
    expect(second.coordinators()).toEqual([ADMIN]);
    const bind = second.bind('console:zhao', LIU, '城区');
    expect(bind.ok).toBe(false);
    expect(second.auditLog('system:config').map((a) => [a.action, a.detail])).toContainEqual(['coordinator revoke', 'console:zhao']);
    second.close();
  });
});

describe('backups', () => {
  it('refuses to back up onto the live database, its -wal or its -shm, and leaves them intact', async () => {
    h = harness();
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    for (const target of [h.path, `${h.path}-wal`, `${h.path}-shm`]) {
      const r = await h.store.backup(ADMIN, target);
      expect(r.ok).toBe(false);
    }
    expect(h.store.integrityCheck()).toBe('ok');
    expect(h.store.show('城区', '2025-03').revisions).toBe(1);
  });

  it('verifies every backup by opening it and running integrity_check before saying it is done', async () => {
    h = harness();
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    const file = join(h.dir, 'copies', 'one.db');
    const r = await h.store.backup(ADMIN, file);
    expect(r.ok).toBe(true);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM reports').pluck().get()).toBe(1);
    copy.close();
    expect(readdirSync(join(h.dir, 'copies'))).toEqual(['one.db']);
  });

  it('from chat, only a bare file name inside the backup folder: paths and .. are refused', () => {
    const folder = tempDir();
    expect(backupPathIn(folder, 'before-audit')).toBe(join(folder, 'before-audit.db'));
    expect(backupPathIn(folder, '月底备份.db')).toBe(join(folder, '月底备份.db'));
    for (const bad of ['../x.db', '../../x.db', '/etc/passwd', 'a/b.db', 'a\\b.db', '..', '.hidden', '', 'x\0.db']) {
      expect(() => backupPathIn(folder, bad), bad).toThrow(PathError);
    }
  });

  it('runs daily with rotation: 14 daily and 12 monthly kept, each verified', async () => {
    h = harness({ at: '2025-01-01T03:00:00+08:00' });
    h.store.write({ actor: ADMIN, unit: '城区', month: '2024-12', kind: 'submit', raw: values() });
    const folder = join(h.dir, 'backups');
    for (let day = 0; day < 400; day += 1) {
      h.clock.now = new Date(Date.parse('2025-01-01T03:00:00+08:00') + day * 86_400_000);
      if (day > 30 && day % 7 !== 0 && day < 380) continue; // skip most days to keep the test short; months still pass
      const r = await runDailyBackup(h.store, folder);
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    }
    const daily = readdirSync(join(folder, 'daily')).sort();
    const monthly = readdirSync(join(folder, 'monthly')).sort();
    expect(daily).toHaveLength(14);
    expect(daily.at(-1)).toBe('policy-desk-2026-02-04.db');
    expect(monthly).toHaveLength(12);
    expect(monthly.at(-1)).toBe('policy-desk-2026-02.db');
    const copy = new Database(join(folder, 'daily', daily.at(-1)!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('restores a checked backup and keeps the current database aside; a bad file changes nothing', async () => {
    h = harness();
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    const backup = join(h.dir, 'b.db');
    expect((await h.store.backup(ADMIN, backup)).ok).toBe(true);
    h.store.write({ actor: ADMIN, unit: '泽州县', month: '2025-03', kind: 'submit', raw: values() });
    h.store.close();
    const junk = join(h.dir, 'junk.db');
    writeFileSync(junk, 'not a database');
    expect(restoreDatabase(h.path, junk)).toMatchObject({ ok: false });
    const r = restoreDatabase(h.path, backup);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(existsSync(r.keptAside!)).toBe(true);
    const restored = openReportStore({ path: h.path, coordinators: [ADMIN] });
    expect(restored.show('城区', '2025-03').revisions).toBe(1);
    expect(restored.show('泽州县', '2025-03').revisions).toBe(0);
    restored.close();
    const aside = new Database(r.keptAside!, { readonly: true });
    expect(aside.prepare('SELECT count(*) FROM reports').pluck().get()).toBe(2);
    aside.close();
    h = undefined;
  });
});

describe('CSV formula injection', () => {
  const payloads = ['=HYPERLINK("http://evil.example","点我")', '=cmd|\' /C calc\'!A0', '+1+2', '-2+3', '@SUM(A1:A2)'];

  it('neutralises cells starting with = + - @ tab or CR with a leading apostrophe (OWASP); numbers stay numbers', () => {
    for (const p of [...payloads, '\tx', '\rx']) expect(csvCell(p).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('城区')).toBe('城区');
  });

  it('in every CSV export (the month table and the revision history), while XLSX keeps them as text cells', async () => {
    h = harness();
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: values({ notes: payloads[0]! }) });
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '2' }, reason: payloads[1]! });
    const period = { kind: 'month' as const, month: '2025-03' };
    const main = exportCsv(h.store, period).toString('utf8');
    const history = revisionsCsv(h.store, period).toString('utf8');
    expect(main).toContain(`"'=HYPERLINK(`);
    expect(history).toContain(`'=cmd|`);
    for (const csv of [main, history]) expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx(h.store, period)) as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c))));
    const note = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});

describe('the CLI and its --as', () => {
  it('says in --help that --as is the operator\'s statement of identity, recorded with the OS user', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toContain('--as 是服务器操作员对身份的声明');
    expect(r.stdout).toContain('--allow-platform-identity');
  });

  it('records the OS user beside --as in the audit log, and refuses platform identities without the acknowledging flag', async () => {
    const db = join(tempDir(), 'as.db');
    const env = { POLICY_DESK_DB: db, POLICY_DESK_COORDINATORS: ADMIN };
    expect((await cli(['admin', 'bind', '--user', 'discord:1234', '--unit', '城区', '--as', ADMIN], env)).status).toBe(0);
    const refused = await cli(['report', 'submit', '--unit', '城区', '--month', '2025-03', ...SET, '--as', 'discord:1234'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--allow-platform-identity');
    const bogus = await cli(['report', 'show', '--as', 'foo:bar'], env);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('不认识的用户标识前缀');
    const ok = await cli(['report', 'submit', '--unit', '城区', '--month', '2025-03', ...SET, '--as', 'discord:1234', '--allow-platform-identity'], env);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const store = openReportStore({ path: db, coordinators: [ADMIN] });
    const entry = store.auditLog('discord:1234').find((a) => a.action === 'report submit')!;
    expect(entry.osUser).toMatch(/^os:\S+/);
    store.close();
  }, 60_000);

  it('refuses submit/amend without --set, none with --set, and a repeated --set key — each with one line, exit non-zero', async () => {
    const env = { POLICY_DESK_COORDINATORS: ADMIN };
    const cases: Array<[string[], RegExp]> = [
      [['report', 'submit', '--unit', '城区', '--month', '2025-03', '--as', ADMIN], /needs the values/],
      [['report', 'amend', '--unit', '城区', '--month', '2025-03', '--reason', 'x', '--as', ADMIN], /needs the values/],
      [['report', 'none', '--unit', '城区', '--month', '2025-03', '--set', 'events=1', '--as', ADMIN], /takes no --set/],
      [['report', 'submit', '--unit', '城区', '--month', '2025-03', '--set', 'events=1', '--set', 'events=2', '--as', ADMIN], /given twice/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, env);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  }, 60_000);
});

describe('values people type', () => {
  const def = loadDefinition();
  const trips = def.fields.find((f) => f.key === 'outbound_trips')!;
  const notes = def.fields.find((f) => f.type === 'text')!;

  it('"1 2" is not 12', () => {
    expect(parseFieldValue(trips, '1 2').ok).toBe(false);
    expect(parseFieldValue(trips, ' 12 ')).toEqual({ ok: true, value: 12 });
  });

  it('strips control characters and direction overrides from stored text', () => {
    expect(stripControls('a\u0000b\u0007c\u001bd\u202Ee\u2066f\r\ng\th')).toBe('abcdef\ng h');
    h = harness();
    const r = h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: values({ notes: '正常\u0000说明\u001b[31m' }) });
    expect(r.ok).toBe(true);
    expect(h.store.show('城区', '2025-03').values.notes).toBe('正常说明[31m');
  });

  it('admin bind refuses unknown user-id prefixes, in the domain, for every surface', () => {
    h = harness();
    for (const id of ['foo:bar', 'Console:liu', 'discord:abc', 'slack:T1']) {
      const r = h.store.bind(ADMIN, id, '城区');
      expect(r.ok, id).toBe(false);
    }
    expect(h.store.bind(ADMIN, 'dingtalk:ding1:0455', '城区').ok).toBe(true);
  });
});

describe('config files and settings', () => {
  const dir = tempDir();
  const roster = (units: unknown[]) => {
    const f = join(dir, `roster-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify({ units }));
    return f;
  };
  const definition = (mutate: (d: Record<string, unknown> & { fields: Array<Record<string, unknown>> }) => void) => {
    const d = JSON.parse(readFileSync(join(ROOT, 'config/report-definition.json'), 'utf8'));
    mutate(d);
    const f = join(dir, `def-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify(d, null, 2));
    return f;
  };

  it('a JSON syntax error names the file and the line', () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{\n  "units": [\n    { "name": "城区", "kind": "county" },,\n  ]\n}\n');
    expect(() => loadRoster(f)).toThrow(new RegExp(`${f}: JSON syntax error: line 3`));
  });

  it('refuses at start-up, naming the entry: an alias equal to another unit\'s name, until before from, min > max, duplicate field keys', () => {
    expect(() => loadRoster(roster([{ name: '城区', kind: 'county' }, { name: '泽州县', kind: 'county', aliases: ['城区'] }]))).toThrow(/unit 泽州县: alias "城区"/);
    expect(() => loadRoster(roster([{ name: '城区', kind: 'county', from: '2025-06', until: '2025-01' }]))).toThrow(/unit 城区: until \(2025-01\) is before from \(2025-06\)/);
    expect(() => loadDefinition(definition((d) => Object.assign(d.fields[0]!, { min: 10, max: 1 })))).toThrow(/min \(10\) is greater than max \(1\)/);
    expect(() => loadDefinition(definition((d) => d.fields.push({ ...d.fields[0]! })))).toThrow(/duplicate field key "outbound_trips"/);
  });

  it('POLICY_DESK_NOW accepts only a real ISO date-time', () => {
    expect(readSettings({ POLICY_DESK_NOW: '2025-04-03T09:00:00+08:00' }).fixedNow?.toISOString()).toBe('2025-04-03T01:00:00.000Z');
    for (const bad of ['2025-02-30T09:00:00+08:00', '0', '2025', '2025-13-01T00:00', '2025-04-03T24:00', 'tomorrow']) {
      expect(() => readSettings({ POLICY_DESK_NOW: bad }), bad).toThrow(/POLICY_DESK_NOW/);
    }
  });
});

describe('paths that must not hang or crash', () => {
  it('refuses /proc paths before mkdirSync can spin, and folders given as files, with one line naming the path', () => {
    expect(() => ensureParentDir('/proc/self/nope/deeper/x.db', '数据库')).toThrow(/\/proc\/self\/nope\/deeper\/x.db.*系统虚拟目录/);
    const d = tempDir();
    expect(() => ensureParentDir(d, '导出文件')).toThrow(/是一个文件夹/);
    writeFileSync(join(d, 'file'), 'x');
    expect(() => ensureParentDir(join(d, 'file', 'x.csv'), '导出文件')).toThrow(/是文件而不是文件夹/);
  });

  it('through the CLI: /proc export and database paths, a folder as --out, /dev/full — one line, non-zero, promptly', async () => {
    const db = join(tempDir(), 'p.db');
    const env = { POLICY_DESK_DB: db, POLICY_DESK_COORDINATORS: ADMIN };
    const runs = await Promise.all([
      cli(['report', 'export', '--month', '2025-03', '--out', '/proc/1/task/x/y.csv', '--format', 'csv', '--as', ADMIN], env),
      cli(['report', 'export', '--month', '2025-03', '--out', tempDir(), '--as', ADMIN], env),
      cli(['report', 'missing', '--as', ADMIN], { POLICY_DESK_DB: '/proc/self/fd/x/y.db', POLICY_DESK_COORDINATORS: ADMIN }),
      ...(existsSync('/dev/full') ? [cli(['report', 'export', '--month', '2025-03', '--out', '/dev/full', '--format', 'csv', '--as', ADMIN], env)] : []),
    ]);
    for (const r of runs) {
      expect(r.signal).toBeNull();
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 90_000);

  it('a health port already in use is one clear line, not a stack', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    await expect(startHealthServer(port, { check: () => null }, '127.0.0.1')).rejects.toThrow(`POLICY_DESK_HEALTH_PORT ${port}：端口已被占用`);
    blocker.close();
  });
});

describe('operations', () => {
  it('GET /healthz answers 200 while the database answers and 503 once it is closed; other paths 404', async () => {
    h = harness();
    const store = h.store;
    const health = await startHealthServer(0, { check: () => (store.ping() ? null : 'database closed') }, '127.0.0.1');
    const url = `http://127.0.0.1:${health.port}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/other`)).status).toBe(404);
    store.close();
    const down = await fetch(`${url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unhealthy', problem: 'database closed' });
    await health.close();
  });

  it('npm start serves /healthz and on SIGTERM stops in order, closes the database and exits 0', async () => {
    const dir = tempDir();
    const db = join(dir, 'pd.db');
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => probe.once('listening', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const child = spawn(process.execPath, [join(ROOT, 'bin/start.js')], {
      cwd: ROOT,
      env: cleanEnv({ POLICY_DESK_DB: db, POLICY_DESK_HEALTH_PORT: String(port), POLICY_DESK_BACKUP_DIR: join(dir, 'b'), LOG_LEVEL: 'info' }),
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let status = 0;
    for (let i = 0; i < 120 && status !== 200; i++) {
      status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const events = stderr.trim().split('\n').map((l) => JSON.parse(l) as { event?: string; step?: string; outcome?: string });
    expect(events.filter((e) => e.event === 'shutdown').map((e) => e.outcome ?? 'begin')).toEqual(['begin', 'ok']);
    expect(existsSync(`${db}-wal`)).toBe(false);
  }, 90_000);

  it('logs one JSON line per event and never the figures or tokens', () => {
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (d) => (text += d));
    const log = createLogger({ destination: sink, pretty: false, level: 'info' });
    log.info({ event: 'command', command: 'report submit', user: LIU, unit: '城区', ms: 3, outcome: 'ok', values: { signed_investment: 9.5 }, token: 'xoxb-secret' });
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, event: 'command', user: LIU, unit: '城区', outcome: 'ok' });
    expect(lines[0]).not.toContain('9.5');
    expect(lines[0]).not.toContain('xoxb-secret');
  });

  it('doctor prints all-clear for a fresh console setup', async () => {
    const dir = tempDir();
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const status = await runDoctor({ env: { POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_BACKUP_DIR: join(dir, 'b'), POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' }, out });
    expect(text).toContain('all clear');
    expect(status).toBe(0);
  });

  it('doctor names each planted fault with its fix: config, holidays, database, corpus, platform credentials', async () => {
    const dir = tempDir();
    const db = join(dir, 'pd.db');
    const newer = new Database(db);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    const holidays = join(dir, 'holidays.json');
    const table = JSON.parse(readFileSync(join(ROOT, 'config/holidays.json'), 'utf8'));
    delete table.years['2025'];
    writeFileSync(holidays, JSON.stringify(table));
    const roster = join(dir, 'roster.json');
    writeFileSync(roster, '{ "units": [ }');
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'empty.txt'), '');
    // A fake Slack that rejects the token, on loopback.
    const http = await import('node:http');
    const fake = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_auth' })));
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
    const slackUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}/api/`;
    const findings = await diagnose({
      env: { POLICY_DESK_DB: db, POLICY_DESK_HOLIDAYS: holidays, POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00', SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slackUrl },
      rosterFile: roster,
      corpusDir: corpus,
    });
    fake.close();
    const failed = findings.filter((f) => f.severity !== 'ok');
    const said = failed.map((f) => `${f.area.zh} ${f.message.zh} ${f.fix?.zh}`).join('\n');
    expect(said).toMatch(/单位名册.*roster\.json: JSON syntax error: line 1/);
    expect(said).toMatch(/节假日表没有 2025 年/);
    expect(said).toMatch(/结构版本 \d+ 高于本程序认识的/);
    expect(said).toMatch(/语料/);
    expect(said).toMatch(/SLACK_BOT_TOKEN 被拒绝（invalid_auth）/);
    expect(failed.every((f) => f.fix)).toBe(true);
    const badSetting = await diagnose({ env: { POLICY_DESK_DUE_DAY: '40' } });
    expect(badSetting).toEqual([expect.objectContaining({ severity: 'fail', name: 'settings', area: { zh: '设置', en: 'Settings' }, message: expect.objectContaining({ en: expect.stringContaining('POLICY_DESK_DUE_DAY') }) })]);
  });

  it('Dockerfile, compose.yaml and the systemd unit name paths that exist, run as non-root, keep data on volumes and check health', async () => {
    const { parse } = await import('yaml');
    const docker = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(docker.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(docker).toMatch(/^USER (?!root)\w+/m);
    expect(docker).toMatch(/^HEALTHCHECK .*[\s\S]*\/healthz/m);
    expect(docker).toMatch(/^VOLUME \[.*"\/app\/data".*"\/app\/corpus".*\]/m);
    for (const m of docker.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const src of m[1]!.split(/\s+/)) expect(existsSync(join(ROOT, src)), `Dockerfile COPY ${src}`).toBe(true);
    }
    const cmd = /^CMD \["node", "([^"]+)"\]/m.exec(docker)![1]!;
    expect(existsSync(join(ROOT, cmd))).toBe(true);
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'));
    const svc = compose.services['policy-desk'];
    expect(svc.build).toBe('.');
    expect(svc.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/:\/app\/data$/), expect.stringMatching(/:\/app\/corpus$/)]));
    expect(svc.healthcheck.test.join(' ')).toContain('/healthz');
    expect(Object.keys(compose.volumes)).toHaveLength(2);
    const unit = readFileSync(join(ROOT, 'docs/policy-desk.service'), 'utf8');
    const exec = /^ExecStart=\S+ \/opt\/policy-desk\/(\S+)$/m.exec(unit)![1]!;
    expect(existsSync(join(ROOT, exec))).toBe(true);
    expect(unit).toMatch(/^User=(?!root)\S+$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(statSync(join(ROOT, '.env.example')).isFile()).toBe(true);
  });
});

describe('Slack hardening pieces (wired into the adapter after the pipeline refactor)', () => {
  it('catches a replay after 1,001 other requests, and refuses a timestamp a day in the future', () => {
    let now = Date.parse('2025-04-03T02:00:00Z');
    const cache = new ReplayCache({ windowSeconds: 300, maxFutureSeconds: 60, now: () => now });
    const ts = now / 1000;
    expect(cache.check('sig-0', ts)).toEqual({ ok: true });
    for (let i = 1; i <= 1001; i++) {
      now += 100;
      expect(cache.check(`sig-${i}`, now / 1000).ok).toBe(true);
    }
    expect(cache.check('sig-0', ts)).toEqual({ ok: false, reason: 'replay' });
    expect(cache.check('sig-future', now / 1000 + 86_400)).toEqual({ ok: false, reason: 'future' });
    now += 301_000;
    expect(cache.check('sig-0', ts)).toEqual({ ok: false, reason: 'stale' });
    expect(cache.check('sig-new', now / 1000).ok).toBe(true);
    expect(cache.size).toBeLessThan(1003);
  });

  it('refuses malformed view_submission payloads (no view.state, private_metadata not an object) and keys identity by the home team', () => {
    const good = {
      type: 'view_submission',
      team: { id: 'T_HOST' },
      user: { id: 'U1', team_id: 'T_HOME' },
      view: { id: 'V1', callback_id: 'report:form', private_metadata: '{"unit":"城区"}', state: { values: { b: { a: { type: 'number_input', value: '3' } } } } },
    };
    const parsed = viewSubmissionSchema.safeParse(good);
    expect(parsed.success).toBe(true);
    expect(homeTeamOf(parsed.data!)).toBe('T_HOME');
    const noState = { ...good, view: { ...good.view, state: undefined } };
    const badMeta = { ...good, view: { ...good.view, private_metadata: '[1,2]' } };
    const notJson = { ...good, view: { ...good.view, private_metadata: '{oops' } };
    for (const bad of [noState, badMeta, notJson, { type: 'view_submission' }, null]) expect(viewSubmissionSchema.safeParse(bad).success).toBe(false);
  });
});
