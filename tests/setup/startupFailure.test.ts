/**
 * An adapter that cannot start ends `npm start` with one clear line naming the setting to fix —
 * Chinese first, then English — and a non-zero exit, never a stack trace. Each case runs the real
 * entry point (bin/start.js) against a local stand-in for the platform that refuses the
 * credentials, or against a port where nothing listens.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanEnv } from '../helpers/run.ts';

/** A platform that refuses everything: Discord's 401, Slack's invalid_auth, DingTalk's bad credentials. */
let refusing: Server;
let base = '';
/** A port with nothing listening (taken and released), for "unreachable". */
let deadPort = 0;

beforeAll(async () => {
  refusing = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/slack/')) {
        // Slack answers 200 with ok:false and the error word.
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
      } else if (url.startsWith('/dingtalk/')) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'invalidClientIdOrSecret', message: '无效的clientId或clientSecret', requestid: 'req-1' }));
      } else {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
      }
    });
  });
  await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  deadPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(async () => {
  refusing?.closeAllConnections();
  await new Promise<void>((r) => refusing.close(() => r()));
});

/** Runs `npm start`'s entry point with these settings (nothing else), asynchronously so the fake can answer. */
function start(settings: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/start.js')], {
      cwd: ROOT,
      env: cleanEnv({ POLICY_DESK_SCHEDULER: 'off', POLICY_DESK_BACKUP_AT: '', ...settings }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

/** Exactly one line, prefixed like every start-up failure, Chinese then English, no stack frames. */
function expectOneClearLine(r: { status: number | null; stderr: string }, setting: string): string {
  expect(r.status, r.stderr).not.toBe(0);
  expect(r.status).not.toBeNull();
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, r.stderr).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatch(/^policy-desk: /);
  expect(line).toContain(setting);
  expect(line).not.toMatch(/\bat .+:\d+:\d+/);
  // Chinese first: the first CJK character comes before the English sentence.
  expect(line.search(/[\u4e00-\u9fff]/)).toBeLessThan(line.search(/\((?:[A-Z][a-z]|DISCORD|SLACK|DINGTALK)/));
  return line;
}

const discord = { DISCORD_TOKEN: 'not-a-token', DISCORD_APPLICATION_ID: '100000000000000001' };

describe('npm start when an adapter cannot start', { timeout: 120_000 }, () => {
  it('Discord rejects the token (401): names DISCORD_TOKEN', async () => {
    const line = expectOneClearLine(await start({ ...discord, DISCORD_API_URL: `${base}/discord/api` }), 'DISCORD_TOKEN');
    expect(line).toContain('401');
    expect(line).toContain('DISCORD_TOKEN was rejected by Discord (401). Check the token in .env.');
  });

  it('Discord cannot be reached: names DISCORD_API_URL', async () => {
    const line = expectOneClearLine(await start({ ...discord, DISCORD_API_URL: `http://127.0.0.1:${deadPort}/api` }), 'DISCORD_API_URL');
    expect(line).toContain('ECONNREFUSED');
  });

  it('Slack rejects the bot token (auth.test invalid_auth): names SLACK_BOT_TOKEN', async () => {
    const line = expectOneClearLine(
      await start({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: 'secret', SLACK_PORT: String(deadPort), SLACK_API_URL: `${base}/slack/api/` }),
      'SLACK_BOT_TOKEN',
    );
    expect(line).toContain('invalid_auth');
  });

  it('Slack cannot be reached: names SLACK_API_URL', async () => {
    const line = expectOneClearLine(
      await start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_PORT: String(deadPort), SLACK_API_URL: `http://127.0.0.1:${deadPort}/api/` }),
      'SLACK_API_URL',
    );
    expect(line).toContain('ECONNREFUSED');
  });

  it('DingTalk refuses the app credentials: names DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET', async () => {
    const line = expectOneClearLine(
      await start({ DINGTALK_CLIENT_ID: 'ding-wrong', DINGTALK_CLIENT_SECRET: 'wrong', DINGTALK_API_URL: `${base}/dingtalk` }),
      'DINGTALK_CLIENT_SECRET',
    );
    expect(line).toContain('钉钉拒绝了应用凭证');
  });
});
