/**
 * DingTalk on the pipeline: a reconnect in the middle of filing the report loses or doubles
 * nothing acknowledged, and an answer slower than the 3-second budget is acknowledged first
 * (正在处理…) and completed after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startDingTalk, type RunningDingTalk } from '../../src/adapters/dingtalk/index.ts';
import { createApp, type App } from '../../src/bot/app.ts';
import { Bot } from '../../src/bot/core/bot.ts';
import type { UserDirectory } from '../../src/bot/core/context.ts';
import { hostFor } from '../../src/bot/core/pipeline.ts';
import { reply, type Locale } from '../../src/bot/core/reply.ts';
import { readSettings } from '../../src/settings.ts';
import { CLIENT_ID, CLIENT_SECRET, CORP_ID, FakeDingTalk, waitUntil, type DownFrame } from './fakeDingTalk.ts';

const SETTINGS = (url: string) => ({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, robotCode: CLIENT_ID, apiUrl: url });
const quiet = { log: () => {}, info: () => {} };

let fake: FakeDingTalk;
let running: RunningDingTalk | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await fake?.stop();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Sends a message and returns the text of what came back before its ack. */
async function send(text: string, staffId: string): Promise<{ frame: DownFrame; text: string }> {
  const before = fake.sessionReplies.length;
  const frame = fake.sendRobotMessage({ text, staffId });
  await waitUntil(() => fake.acksFor(frame).length >= 1, `the ack of ${text}`);
  return { frame, text: fake.sessionReplies.slice(before).map((r) => String(r.body.markdown?.text ?? '')).join('\n') };
}

describe('DingTalk on the pipeline', () => {
  it('keeps the draft across a dropped connection; the confirmation sent while disconnected is stored once, a redelivery not again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-dt-'));
    dirs.push(dir);
    const app: App = await createApp({
      settings: readSettings({ POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_COORDINATORS: `dingtalk:${CORP_ID}:zhang`, POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' }),
    });
    try {
      fake = await new FakeDingTalk().start();
      running = await startDingTalk(app, SETTINGS(fake.url), quiet);
      await waitUntil(() => fake.openConnections === 1, 'the connection');
      await send(`/admin bind user=dingtalk:${CORP_ID}:liu unit=城区`, 'zhang');
      await send('月报 填报 2025-03', 'liu');
      let last = '';
      for (const v of ['2', '1', '3', '0', '0', '0', '0', '0', '0', ' ']) last = (await send(v, 'liu')).text;
      expect(last).toContain('确认提交');

      fake.dropConnections();
      // DingTalk keeps what it could not deliver; here the frame goes out while no connection is open.
      const confirm = fake.sendRobotMessage({ text: '确认提交', staffId: 'liu' });
      await waitUntil(() => fake.openConnections === 1, 'the reconnection');
      expect(fake.redeliverUnacked()).toBeGreaterThanOrEqual(1);
      await waitUntil(() => fake.acksFor(confirm).length >= 1, 'the ack of the confirmation');
      expect(app.store!.revisions('城区', '2025-03')).toHaveLength(1);

      fake.redeliver(confirm);
      await waitUntil(() => fake.acksFor(confirm).length >= 2, 'the ack of the redelivery');
      expect(app.store!.revisions('城区', '2025-03')).toHaveLength(1);
      expect(fake.sessionReplies.filter((r) => String(r.body.markdown?.text).includes('已提交'))).toHaveLength(1);
    } finally {
      await running?.stop();
      running = undefined;
      await app.pipeline.idle();
      app.close();
    }
  });

  it('acknowledges a slow answer with 正在处理… first and completes it after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const locales = new Map<string, Locale>();
    const directory: UserDirectory = {
      rolesOf: () => ({ coordinator: false, units: [] }),
      recordRefusal: () => {},
      getLocale: (id) => locales.get(id),
      setLocale: (id, l) => void locales.set(id, l),
    };
    // A question whose answer takes as long as the test says.
    const bot = new Bot({ directory, features: [{ commands: { ask: async () => (await gate, reply.text('慢慢想好的答案')) } }] });
    const host = hostFor(bot, { defaultLocale: 'zh-CN' });
    fake = await new FakeDingTalk().start();
    running = await startDingTalk(host, SETTINGS(fake.url), { ...quiet, ackWithinMs: 20 });
    await waitUntil(() => fake.openConnections === 1, 'the connection');

    const frame = fake.sendRobotMessage({ text: '这个问题要想很久', staffId: 'asker' });
    await waitUntil(() => fake.sessionReplies.some((r) => String(r.body.markdown?.text).includes('正在处理')), 'the acknowledgement');
    expect(fake.sessionReplies.some((r) => String(r.body.markdown?.text).includes('慢慢想好的答案'))).toBe(false);
    release();
    await waitUntil(() => fake.sessionReplies.some((r) => String(r.body.markdown?.text).includes('慢慢想好的答案')), 'the answer');
    await waitUntil(() => fake.acksFor(frame).length >= 1, 'the ack');
    await host.pipeline.idle();
  });
});
