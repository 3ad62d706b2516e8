/**
 * The whole DingTalk path on today's core, before the conversation pipeline wires it in: a robot
 * message through the real `dingtalk-stream` client and the fake gateway, answered by the real
 * Bot, rendered and posted back through the conversation's session webhook — the verbatim clause,
 * 文号 and path included — and a follow-up answer continuing the same conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalk, type DingTalk } from '../../src/adapters/dingtalk/index.ts';
import { createApp, type App } from '../../src/bot/app.ts';
import { readSettings } from '../../src/settings.ts';
import { CLIENT_ID, CLIENT_SECRET, FakeDingTalk, waitUntil } from './fakeDingTalk.ts';

let fake: FakeDingTalk;
let app: App;
let dingtalk: DingTalk;

beforeAll(async () => {
  fake = await new FakeDingTalk().start();
  app = await createApp({ settings: readSettings({}), scope: 'policy' });
  dingtalk = createDingTalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, robotCode: CLIENT_ID, apiUrl: fake.url }, async (m) => {
    // `Surface` gains 'dingtalk' when the pipeline wires this adapter in; until then the nearest kin.
    const ctx = app.bot.localeFor({ user: { id: m.userId! }, locale: m.locale ?? 'zh-CN', now: new Date(), surface: 'console' });
    const reply = m.actionId ? await app.bot.act(m.actionId, ctx) : await app.bot.converse(m.text, ctx);
    await dingtalk.reply(m, reply, ctx.locale);
  }, { log: () => {}, info: () => {} });
  await dingtalk.start();
  await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
});

afterAll(async () => {
  dingtalk.stop();
  await fake.stop();
  app.close();
});

describe('a question asked in DingTalk', () => {
  it('is answered in the same conversation with the rule verdict and its verbatim citation', async () => {
    const frame = fake.sendRobotMessage({ text: '年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗', staffId: 'asker01' });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the ack');
    await waitUntil(() => fake.sessionReplies.length >= 1, 'the reply');
    const text = fake.sessionReplies.map((r) => r.body.markdown.text).join('\n');
    expect(text).toContain('不再单独进行节能审查');
    expect(text).toMatch(/〔\d{4}〕\d+号/); // a 文号
    expect(fake.tokensIssued).toBe(0); // the session webhook needs no token
  });

  it('continues with a follow-up answer typed as the next message', async () => {
    const before = fake.sessionReplies.length;
    const first = fake.sendRobotMessage({ text: '年综合能源消费量800吨标准煤的项目需要节能审查吗', staffId: 'asker02' });
    await waitUntil(() => fake.acksFor(first).length === 1 && fake.sessionReplies.length > before, 'the first answer');
    expect(fake.sessionReplies.at(-1)!.body.markdown.text).toContain('暂无法判断');
    const second = fake.sendRobotMessage({ text: '年电力消费量300万千瓦时', staffId: 'asker02' });
    await waitUntil(() => fake.acksFor(second).length === 1, 'the second ack');
    expect(fake.sessionReplies.at(-1)!.body.markdown.text).toContain('不再单独进行节能审查');
  });
});
