/**
 * The real `dingtalk-stream` client (through PolicyDeskStreamClient) against the fake DingTalk on
 * loopback: connection-open under DINGTALK_API_URL, robot messages in as neutral messages, every
 * frame acked, redeliveries handled once, and a dropped connection re-established.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDingTalk, type DingTalk, type DingTalkInboundMessage } from '../../src/adapters/dingtalk/index.ts';
import { actionText } from '../../src/adapters/dingtalk/actionText.ts';
import { DeliveryError } from '../../src/bot/core/messenger.ts';
import { BOARD_GROUP, CLIENT_ID, CLIENT_SECRET, CORP_ID, FakeDingTalk, waitUntil } from './fakeDingTalk.ts';

let fake: FakeDingTalk;
let dingtalk: DingTalk | undefined;
let received: DingTalkInboundMessage[];
let notes: string[];

function connect(handler: (m: DingTalkInboundMessage) => Promise<void> | void = (m) => void received.push(m), secret = CLIENT_SECRET): DingTalk {
  dingtalk = createDingTalk({ clientId: CLIENT_ID, clientSecret: secret, robotCode: CLIENT_ID, apiUrl: fake.url, boardConversationId: BOARD_GROUP }, handler, { log: () => {}, info: (m) => notes.push(m) });
  return dingtalk;
}

beforeEach(async () => {
  fake = await new FakeDingTalk().start();
  received = [];
  notes = [];
});

afterEach(async () => {
  dingtalk?.stop();
  dingtalk = undefined;
  await fake.stop();
});

describe('DingTalk Stream connection', () => {
  it('opens the connection under DINGTALK_API_URL, subscribed to robot messages', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    expect(fake.connectionOpens.at(-1).subscriptions).toContainEqual({ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' });
  });

  it('answers a system ping with the same data', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    fake.ping('opaque-1');
    await waitUntil(() => fake.pongs.length === 1, 'the ping answer');
    expect(fake.pongs[0]).toEqual({ opaque: 'opaque-1' });
  });

  it('refuses to start with wrong credentials, naming the settings to fix', async () => {
    const error = await connect(undefined, 'wrong-secret').start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).reason.zh).toContain('DINGTALK_CLIENT_SECRET');
    expect((error as DeliveryError).reason.en).toContain('DINGTALK_CLIENT_ID');
  });
});

describe('robot messages', () => {
  it('arrive as a neutral message with the namespaced user, conversation and session webhook, and are acked', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '  年综合能源消费量800吨标准煤需要节能审查吗 ', staffId: 'manager4220' });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the ack');
    expect(received).toHaveLength(1);
    const m = received[0]!;
    expect(m.userId).toBe(`dingtalk:${CORP_ID}:manager4220`);
    expect(m.conversation.type).toBe('direct');
    expect(m.text).toBe('年综合能源消费量800吨标准煤需要节能审查吗');
    expect(m.locale).toBe('zh-CN');
    expect(m.sessionWebhook?.url).toContain('/robot/sendBySession?session=');
    expect(m.actionId).toBeUndefined();
  });

  it('strip the robot @-mention in a group and guess English from Latin text', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '@政策助手 /report missing', group: BOARD_GROUP });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the ack');
    expect(received[0]!.conversation).toMatchObject({ type: 'group', id: BOARD_GROUP });
    expect(received[0]!.text).toBe('/report missing');
    expect(received[0]!.locale).toBe('en');
    // How an operator finds DINGTALK_BOARD_CONVERSATION_ID.
    expect(notes).toEqual([`message from group "协调员群" — open conversation id ${BOARD_GROUP}`]);
  });

  it('turn a pressed button (dtmd text) back into its action id', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: actionText({ id: 'report:confirm:17', label: '确认' }) });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the ack');
    expect(received[0]!.actionId).toBe('report:confirm:17');
  });

  it('that are not text are still delivered (marked unsupported) so the person gets an answer', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '', extra: { msgtype: 'picture', text: undefined, content: { downloadCode: 'x' } } });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the ack');
    expect(received[0]!.unsupported).toBe('picture');
  });

  it('are acked only after the handler finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await connect(async (m) => {
      received.push(m);
      await gate;
    }).start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '月报 填报' });
    await waitUntil(() => received.length === 1, 'the handler to start');
    expect(fake.acksFor(frame)).toHaveLength(0);
    release();
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the ack');
  });

  it('redelivered with the same messageId are acked again but handled once', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '/月报 填报' });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'the first ack');
    fake.redeliver(frame);
    await waitUntil(() => fake.acksFor(frame).length === 2, 'the second ack');
    expect(received).toHaveLength(1);
    expect(dingtalk!.transport.counts).toMatchObject({ handled: 1, duplicates: 1, acked: 2 });
  });

  it('redelivered while the first delivery is still being handled are handled once, both acked after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await connect(async (m) => {
      received.push(m);
      await gate;
    }).start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '确认' });
    await waitUntil(() => received.length === 1, 'the handler to start');
    fake.redeliver(frame);
    await waitUntil(() => dingtalk!.transport.counts.duplicates === 1, 'the duplicate');
    expect(fake.acksFor(frame)).toHaveLength(0);
    release();
    await waitUntil(() => fake.acksFor(frame).length === 2, 'both acks');
    expect(received).toHaveLength(1);
  });
});

describe('reconnecting', () => {
  it('after the gateway drops the connection, reconnects; an unacked message redelivered then is handled once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await connect(async (m) => {
      received.push(m);
      if (received.length === 1) await gate;
    }).start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    const frame = fake.sendRobotMessage({ text: '本月无招商活动' });
    await waitUntil(() => received.length === 1, 'the handler to start');

    fake.dropConnections();
    await waitUntil(() => fake.connectionsAccepted === 2 && fake.openConnections === 1, 'the reconnection');
    expect(fake.connectionOpens.length).toBeGreaterThanOrEqual(2);

    // DingTalk saw no ack: it redelivers over the new connection.
    expect(fake.redeliverUnacked()).toBe(1);
    release();
    await waitUntil(() => fake.acksFor(frame).length >= 1, 'the ack over the new connection');
    expect(received).toHaveLength(1);

    const next = fake.sendRobotMessage({ text: '/help' });
    await waitUntil(() => fake.acksFor(next).length === 1, 'a new message after reconnecting');
    expect(received.map((m) => m.text)).toEqual(['本月无招商活动', '/help']);
  });

  it('after the gateway rotates the connection (SYSTEM disconnect, then close), opens a new one', async () => {
    await connect().start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    fake.rotateConnections();
    await waitUntil(() => fake.connectionsAccepted === 2 && fake.openConnections === 1, 'the new connection');
    const frame = fake.sendRobotMessage({ text: '/help' });
    await waitUntil(() => fake.acksFor(frame).length === 1, 'a message over the new connection');
    expect(received.map((m) => m.text)).toEqual(['/help']);
  });

  it('stops for good: no reconnect after stop()', async () => {
    const d = connect();
    await d.start();
    await waitUntil(() => fake.openConnections === 1, 'the WebSocket connection');
    d.stop();
    await waitUntil(() => fake.openConnections === 0, 'the close');
    const opens = fake.connectionOpens.length;
    // The SDK would reconnect after one second; two seconds later there is still no new open.
    await new Promise((r) => setTimeout(r, 2000));
    expect(fake.connectionOpens.length).toBe(opens);
  });
});
