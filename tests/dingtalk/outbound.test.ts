/**
 * Messages out through the fake DingTalk's OpenAPI: one-to-one and group robot messages with one
 * cached access token, the board as a StandardCard edited in place, replies through the session
 * webhook, and every refusal as a bilingual DeliveryError naming what to fix.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDingTalk, type DingTalk } from '../../src/adapters/dingtalk/index.ts';
import { DingTalkOpenApi } from '../../src/adapters/dingtalk/openApi.ts';
import { DingTalkMessenger } from '../../src/adapters/dingtalk/messenger.ts';
import { parseRobotPayload } from '../../src/adapters/dingtalk/inbound.ts';
import { DeliveryError } from '../../src/bot/core/messenger.ts';
import type { Reply } from '../../src/bot/core/reply.ts';
import { BOARD_GROUP, CLIENT_ID, CLIENT_SECRET, CORP_ID, FakeDingTalk } from './fakeDingTalk.ts';

let fake: FakeDingTalk;
let clock: Date;

const reminder: Reply = {
  blocks: [
    { type: 'text', text: '月报提醒', style: 'title' },
    { type: 'text', text: '城区 2025-03 的月报将于 4 月 5 日截止。' },
  ],
  actions: [
    { id: 'report:pick:submit:0:2025-03', label: '填报' },
    { id: 'report:pick:none:0:2025-03', label: '本月无招商活动' },
  ],
  ephemeral: false,
};

function api(options: { secret?: string; robotCode?: string } = {}): DingTalkOpenApi {
  return new DingTalkOpenApi({ clientId: CLIENT_ID, clientSecret: options.secret ?? CLIENT_SECRET, robotCode: options.robotCode ?? CLIENT_ID, apiUrl: fake.url, now: () => clock });
}

async function refusal(p: Promise<unknown>): Promise<DeliveryError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeliveryError);
  return e as DeliveryError;
}

beforeEach(async () => {
  fake = await new FakeDingTalk().start();
  clock = new Date('2025-04-01T01:00:00Z');
});
afterEach(async () => {
  await fake.stop();
});

describe('access token', () => {
  it('is fetched once and reused for one-to-one and group messages', async () => {
    const client = api();
    const messenger = new DingTalkMessenger(client, { boardConversationId: BOARD_GROUP });
    await messenger.sendDirect(`dingtalk:${CORP_ID}:manager4220`, reminder, 'zh-CN');
    await messenger.sendDirect(`dingtalk:${CORP_ID}:staff002`, reminder, 'zh-CN');
    await client.sendToGroup(BOARD_GROUP, { title: '通知', text: '协调员通知' });
    expect(fake.tokensIssued).toBe(1);
    expect(fake.requests.filter((r) => r.token).every((r) => r.token === 'token-1')).toBe(true);
    expect(fake.directMessages.map((m) => m.staffId)).toEqual(['manager4220', 'staff002']);
    expect(fake.groupMessages).toHaveLength(1);
  });

  it('is renewed shortly before it expires, not after every call', async () => {
    const client = api();
    await client.sendToUser('staff001', { title: 't', text: 'a' });
    clock = new Date(clock.getTime() + 60 * 60_000);
    await client.sendToUser('staff001', { title: 't', text: 'b' });
    expect(fake.tokensIssued).toBe(1);
    clock = new Date(clock.getTime() + 60 * 60_000); // 2 h after issue: within the renewal margin
    await client.sendToUser('staff001', { title: 't', text: 'c' });
    expect(fake.tokensIssued).toBe(2);
  });

  it('refused by DingTalk (revoked early) is renewed once and the message still goes out', async () => {
    const client = api();
    await client.sendToUser('staff001', { title: 't', text: 'a' });
    fake.revokeTokens();
    await client.sendToUser('staff001', { title: 't', text: 'b' });
    expect(fake.tokensIssued).toBe(2);
    expect(fake.directMessages).toHaveLength(2);
  });
});

describe('one-to-one messages', () => {
  it('carry the rendered markdown with 填报 / 本月无招商活动 buttons as dtmd links', async () => {
    await new DingTalkMessenger(api()).sendDirect(`dingtalk:${CORP_ID}:manager4220`, reminder, 'zh-CN');
    const sent = fake.directMessages[0]!;
    expect(sent.msgKey).toBe('sampleMarkdown');
    expect(sent.msgParam.title).toBe('月报提醒');
    expect(sent.msgParam.text).toContain('城区 2025-03 的月报将于 4 月 5 日截止。');
    expect(sent.msgParam.text).toContain(`[填报](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent('填报〔report:pick:submit:0:2025-03〕')})`);
    expect(sent.msgParam.text).toContain(encodeURIComponent('本月无招商活动〔report:pick:none:0:2025-03〕'));
  });

  it('to a user outside the visible range is a DeliveryError, not a silent skip', async () => {
    fake.unreachableStaff.add('gone001');
    const e = await refusal(new DingTalkMessenger(api()).sendDirect(`dingtalk:${CORP_ID}:gone001`, reminder, 'zh-CN'));
    expect(e.reason.zh).toContain('可见范围');
    expect(e.reason.en).toContain('visible range');
  });

  it('to a user id of another surface is refused with the expected form', async () => {
    const e = await refusal(new DingTalkMessenger(api()).sendDirect('slack:T1:U2', reminder, 'en'));
    expect(e.reason.en).toContain('dingtalk:<corpId>:<staff userId>');
  });
});

describe('refusals', () => {
  it('wrong credentials name the settings', async () => {
    const e = await refusal(api({ secret: 'nope' }).sendToUser('staff001', { title: 't', text: 'x' }));
    expect(e.reason.zh).toContain('DINGTALK_CLIENT_SECRET');
  });

  it('a wrong robot code names DINGTALK_ROBOT_CODE', async () => {
    const e = await refusal(api({ robotCode: 'dingwrong' }).sendToUser('staff001', { title: 't', text: 'x' }));
    expect(e.reason.zh).toContain('DINGTALK_ROBOT_CODE');
    expect(e.reason.en).toMatch(/requestid/);
  });

  it('a missing permission points to the permission list', async () => {
    fake.deniedPaths.add('/v1.0/robot/groupMessages/send');
    const e = await refusal(api().sendToGroup(BOARD_GROUP, { title: 't', text: 'x' }));
    expect(e.reason.zh).toContain('权限');
    expect(e.reason.en).toContain('Forbidden.AccessDenied.AccessTokenPermissionDenied');
  });

  it('a group the robot is not in names DINGTALK_BOARD_CONVERSATION_ID', async () => {
    const e = await refusal(new DingTalkMessenger(api(), { boardConversationId: 'cidNotAGroup000000==' }).postToChannel(reminder, 'zh-CN'));
    expect(e.reason.zh).toContain('DINGTALK_BOARD_CONVERSATION_ID');
  });

  it('an unreachable DingTalk says so with the address', async () => {
    const url = fake.url;
    await fake.stop();
    const client = new DingTalkOpenApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, robotCode: CLIENT_ID, apiUrl: url });
    const e = await refusal(client.sendToUser('staff001', { title: 't', text: 'x' }));
    expect(e.reason.en).toContain('Cannot reach DingTalk');
    fake = await new FakeDingTalk().start(); // for afterEach
  });
});

describe('the coordinators’ group', () => {
  const board = (n: number): Reply => ({
    blocks: [
      { type: 'text', text: '2025-03 月报进度', style: 'title' },
      { type: 'table', columns: ['单位', '状态'], rows: [['城区', n > 0 ? '已报' : '未报'], ['高平市', '未报']] },
    ],
    ephemeral: false,
  });

  it('gets the board as one StandardCard, edited in place', async () => {
    const messenger = new DingTalkMessenger(api(), { boardConversationId: BOARD_GROUP });
    expect(messenger.hasChannel).toBe(true);
    const id = await messenger.postToChannel(board(0), 'zh-CN');
    await messenger.editChannelMessage(id, board(1), 'zh-CN');
    expect(fake.cards.size).toBe(1);
    const card = fake.cards.get(id)!;
    expect(card.updates).toBe(1);
    expect(card.cardData.header.title.text).toBe('2025-03 月报进度');
    expect(card.cardData.contents[0].text).toContain('**城区**，状态：已报');
  });

  it('is absent when no group is configured', async () => {
    const messenger = new DingTalkMessenger(api());
    expect(messenger.hasChannel).toBe(false);
    const e = await refusal(messenger.postToChannel(board(0), 'en'));
    expect(e.reason.en).toContain('DINGTALK_BOARD_CONVERSATION_ID');
  });
});

describe('replies in a conversation', () => {
  let dingtalk: DingTalk;
  beforeEach(() => {
    dingtalk = createDingTalk({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, robotCode: CLIENT_ID, apiUrl: fake.url }, () => {}, { now: () => clock });
  });
  const incoming = (fields: Parameters<FakeDingTalk['sendRobotMessage']>[0]) => {
    const frame = fake.sendRobotMessage(fields);
    const parsed = parseRobotPayload(frame.data, frame.headers.messageId!);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.message;
  };

  it('go through the session webhook while it is valid', async () => {
    clock = new Date();
    await dingtalk.reply(incoming({ text: '你好' }), { blocks: [{ type: 'text', text: '你好，我是政策助手。' }], ephemeral: false }, 'zh-CN');
    expect(fake.sessionReplies).toHaveLength(1);
    expect(fake.sessionReplies[0]!.body).toMatchObject({ msgtype: 'markdown', markdown: { text: '你好，我是政策助手。' } });
    expect(fake.tokensIssued).toBe(0);
  });

  it('fall back to a one-to-one robot message once the webhook expired', async () => {
    clock = new Date(Date.now() + 2 * 60 * 60_000);
    await dingtalk.reply(incoming({ text: '你好', staffId: 'staff009' }), { blocks: [{ type: 'text', text: '稍后的回复' }], ephemeral: false }, 'zh-CN');
    expect(fake.sessionReplies).toHaveLength(0);
    expect(fake.directMessages.map((m) => m.staffId)).toEqual(['staff009']);
  });

  it('that are personal go to the sender privately when asked in a group, with a pointer in the group', async () => {
    clock = new Date();
    const personal: Reply = { blocks: [{ type: 'text', text: '你的草稿：招商活动 3 次' }], actions: [{ id: 'report:confirm:5', label: '确认' }], ephemeral: true };
    await dingtalk.reply(incoming({ text: '@政策助手 /月报 填报', group: BOARD_GROUP, staffId: 'staff003' }), personal, 'zh-CN');
    expect(fake.directMessages[0]!.staffId).toBe('staff003');
    expect(fake.directMessages[0]!.msgParam.text).toContain('dtmd://dingtalkclient/sendMessage');
    expect(fake.sessionReplies[0]!.body.markdown.text).toContain('单聊');
    expect(fake.sessionReplies[0]!.body.markdown.text).not.toContain('招商活动 3 次');
  });
});
