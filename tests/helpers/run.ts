/** Spawns the real entry points (bin/…) as a person would, with a clean environment. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Environment with every chat token blanked, so a developer's .env cannot start a real adapter. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: '',
    DISCORD_APPLICATION_ID: '',
    SLACK_BOT_TOKEN: '',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    POLICY_DESK_COORDINATORS: '',
    POLICY_DESK_NOW: '',
    POLICY_DESK_DB: join(tempDir(), 'policy-desk.db'),
    ...extra,
  };
}

const made: string[] = [];
// Imported while a test file is collected, so this runs after that file's tests (runs had left
// ~1,500 folders behind).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file that made it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-desk-test-'));
  made.push(dir);
  return dir;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: cleanEnv(opts.env),
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runStart(input: string, env: Record<string, string> = {}): RunResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/start.js')], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: cleanEnv(env),
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The real CLI, run asynchronously in `cwd` with exactly `env`: many blocking spawns in one test
 * would starve the vitest worker.
 */
export function cliAsync(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), ...args], { cwd: opts.cwd, env: opts.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
