/**
 * `cp .env.example .env` must leave every entry point working: every setting left as shipped
 * (empty) means its default. The test copies the project (sources, config, corpus, commands; the
 * dependencies linked) to a temp dir with `.env.example` as its `.env`, and runs the CLI and
 * `npm start` there with nothing else in the environment.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/settings.ts';
import { ROOT } from '../helpers/run.ts';

let dir: string;
const env = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, npm_config_update_notifier: 'false' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-env-example-'));
  for (const d of ['bin', 'src', 'config', 'corpus', 'commands']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) copyFileSync(join(ROOT, f), join(dir, f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'));
});
afterAll(() => {
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

describe('.env.example copied as .env, unchanged', () => {
  it('every setting in it, left empty, reads as its default', () => {
    const shipped = parse(readFileSync(join(ROOT, '.env.example')));
    expect(Object.keys(shipped).length).toBeGreaterThan(10);
    const s = readSettings(shipped);
    expect(s.defaultLocale).toBe('zh-CN');
    expect(s.coordinators).toEqual([]);
  });

  it('the CLI answers a question', () => {
    const r = spawnSync(process.execPath, [join(dir, 'bin/policy-desk.cjs'), 'ask', '项目需要环评吗', '--json'], { cwd: dir, env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).rule).toBe('eia');
  });

  it('npm start opens the console and ends cleanly when stdin is closed', () => {
    const r = spawnSync('npm', ['start', '--silent'], { cwd: dir, env: env(), input: '', encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Policy Desk');
  });
});
