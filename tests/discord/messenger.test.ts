/**
 * The Discord Messenger: what the deadline scheduler can do outside any interaction — DM a
 * reporter, post the status board to the coordinators' channel and edit it in place. Checked
 * against the exact REST calls discord.js makes to the fake Discord API, with the real app
 * (tests/discord/realHarness.ts) answering the buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type Messenger } from '../../src/bot/core/messenger.ts';
import type { Reply } from '../../src/bot/core/reply.ts';
import { readSettings } from '../../src/settings.ts';
import { BOARD_CHANNEL_ID, callback, dmButton, type Harness } from './fakeDiscord.ts';
import { COORDINATOR, startRealHarness, type RealHarness } from './realHarness.ts';

/** The reporter of 泽州县, reminded by DM. */
const RECIPIENT = '333333333333333333';
const EPHEMERAL = 64;

let rig: RealHarness;
let h: Harness;
let messenger: Messenger;
beforeAll(async () => {
  rig = await startRealHarness({ prepare: (app) => void app.store!.bind(`discord:${COORDINATOR}`, `discord:${RECIPIENT}`, '泽州县') });
  h = rig.h;
  messenger = h.adapter.messenger({ boardChannelId: BOARD_CHANNEL_ID });
});
afterAll(async () => {
  await rig.stop();
});

const reminder: Reply = {
  blocks: [{ type: 'text', text: '泽州县 2025-03 月报将于 4 月 5 日截止，请尽快填报。' }],
  ephemeral: true,
  actions: [{ id: 'report:pick:none:泽州县:2025-03', label: '本月无招商活动', style: 'primary' }],
};

const board = (done: number): Reply => ({
  blocks: [
    { type: 'text', text: '2025-03 月报报送情况', style: 'title' },
    { type: 'fields', fields: [{ label: '已报', value: `${done}/7` }] },
  ],
  ephemeral: false,
});

/** The REST calls one messenger call makes. */
async function callsOf(work: () => Promise<unknown>) {
  const from = h.api.calls.length;
  await work();
  return h.api.since(from);
}

async function refusal(work: Promise<unknown>): Promise<DeliveryError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('direct messages', () => {
  it('opens the DM channel with the recipient and sends the Chinese text with the 填报 button, as a normal (not ephemeral) message', async () => {
    const calls = await callsOf(() => messenger.sendDirect(`discord:${RECIPIENT}`, reminder, 'zh-CN'));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /users/@me/channels', expect.stringMatching(/^POST \/channels\/\d+\/messages$/)]);
    expect(calls[0]!.body).toEqual({ recipient_id: RECIPIENT });
    const sent = calls[1]!;
    expect(sent.path).toBe(`/channels/${h.api.dmChannelOf(RECIPIENT)}/messages`);
    expect(sent.body.embeds[0].description).toBe('泽州县 2025-03 月报将于 4 月 5 日截止，请尽快填报。');
    expect(sent.body.components[0].components[0]).toMatchObject({ type: 2, label: '本月无招商活动', custom_id: 'report:pick:none:泽州县:2025-03' });
    expect(sent.body.flags ?? 0).toBe(0);
  });

  it('rejects a recipient who does not accept DMs (50007) with a DeliveryError that says so in Chinese and English', async () => {
    h.api.closedDms.add('444444444444444444');
    const err = await refusal(messenger.sendDirect('discord:444444444444444444', reminder, 'zh-CN'));
    expect(err.reason.zh).toContain('对方不接受私信');
    expect(err.reason.zh).toContain('50007');
    expect(err.reason.en).toContain('does not accept direct messages');
  });

  it('rejects an unknown Discord user (10013) without sending anything', async () => {
    h.api.unknownUsers.add('555555555555555555');
    const from = h.api.calls.length;
    const err = await refusal(messenger.sendDirect('discord:555555555555555555', reminder, 'zh-CN'));
    expect(err.reason.zh).toContain('找不到这个 Discord 用户');
    expect(h.api.since(from).filter((c) => /^\/channels\//.test(c.path))).toEqual([]);
  });

  it('rejects a user id of another surface without calling Discord', async () => {
    const from = h.api.calls.length;
    const err = await refusal(messenger.sendDirect('slack:T1:U1', reminder, 'zh-CN'));
    expect(err.reason).toEqual({ zh: '不是 Discord 用户，无法在 Discord 私信', en: 'not a Discord user; cannot DM on Discord' });
    expect(h.api.since(from)).toEqual([]);
  });

  it('routes a press on a DM button (no guild) to the bot action and answers it', async () => {
    await messenger.sendDirect(`discord:${RECIPIENT}`, reminder, 'zh-CN');
    const calls = await h.send(dmButton('report:pick:none:泽州县:2025-03', { user: RECIPIENT, channelId: h.api.dmChannelOf(RECIPIENT) }));
    const answer = callback(calls);
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.flags).toBe(EPHEMERAL);
    expect(answer.body.data.embeds[0].description).toContain('已报告本月无招商活动：泽州县 2025-03');
    expect(rig.app.store!.revisions('泽州县', '2025-03').map((r) => r.userId)).toEqual([`discord:${RECIPIENT}`]);
  });

  it('gives an action id longer than Discord allows a short custom id that still reaches the action when pressed in the DM', async () => {
    // A month no report has: the real action's answer quotes it whole, so it must have read the whole id.
    const month = '2025-03' + '0'.repeat(100);
    const long = `report:pick:show:泽州县:${month}`;
    const calls = await callsOf(() => messenger.sendDirect(`discord:${RECIPIENT}`, { ...reminder, actions: [{ id: long, label: '查看' }] }, 'zh-CN'));
    const customId: string = calls.at(-1)!.body.components[0].components[0].custom_id;
    expect(customId.length).toBeLessThanOrEqual(100);
    const answer = callback(await h.send(dmButton(customId, { user: RECIPIENT })));
    expect(answer.body.data.embeds[0].description).toContain(month);
  });
});

describe("the coordinators' channel", () => {
  it('says it has a channel only when one is configured', () => {
    expect(messenger.hasChannel).toBe(true);
    expect(h.adapter.messenger().hasChannel).toBe(false);
  });

  it('posts to the configured channel and resolves to the id Discord assigned', async () => {
    let id = '';
    const calls = await callsOf(async () => (id = await messenger.postToChannel(board(3), 'zh-CN')));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST /channels/${BOARD_CHANNEL_ID}/messages`]);
    expect(calls[0]!.body.embeds[0].title).toBe('2025-03 月报报送情况');
    expect(h.api.messages.get(id)?.channelId).toBe(BOARD_CHANNEL_ID);
  });

  it('edits that same message in place (PATCH, no new post)', async () => {
    const id = await messenger.postToChannel(board(3), 'zh-CN');
    const calls = await callsOf(() => messenger.editChannelMessage(id, board(5), 'zh-CN'));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /channels/${BOARD_CHANNEL_ID}/messages/${id}`]);
    expect(JSON.stringify(h.api.messages.get(id)!.body.embeds)).toContain('5/7');
    // The edit replaces everything shown, so nothing of the old version lingers.
    expect(calls[0]!.body).toMatchObject({ content: '', components: [] });
  });

  it('rejects an edit of a message that no longer exists (10008) with a DeliveryError naming it', async () => {
    const err = await refusal(messenger.editChannelMessage('399999999999999999', board(6), 'zh-CN'));
    expect(err.reason.zh).toContain('找不到要更新的消息');
    expect(err.reason.en).toContain('10008');
  });

  it('rejects a post to a channel the bot cannot see (50001) and to an unknown channel (10003), saying what to fix', async () => {
    h.api.hiddenChannels.add('320000000000000099');
    const hidden = await refusal(h.adapter.messenger({ boardChannelId: '320000000000000099' }).postToChannel(board(1), 'zh-CN'));
    expect(hidden.reason.zh).toContain('查看频道');
    expect(hidden.reason.en).toContain('Missing Access');
    h.api.unknownChannels.add('320000000000000098');
    const unknown = await refusal(h.adapter.messenger({ boardChannelId: '320000000000000098' }).postToChannel(board(1), 'zh-CN'));
    expect(unknown.reason.zh).toContain('DISCORD_BOARD_CHANNEL_ID');
    expect(unknown.reason.en).toContain('10003');
  });

  it('rejects a post when no channel is configured, without calling Discord', async () => {
    const from = h.api.calls.length;
    const err = await refusal(h.adapter.messenger().postToChannel(board(1), 'zh-CN'));
    expect(err.reason.zh).toContain('未配置协调员频道');
    expect(h.api.since(from)).toEqual([]);
  });

  it('keeps a board that would need several messages to one, saying it was cut', async () => {
    const long: Reply = { blocks: Array.from({ length: 30 }, (_, i) => ({ type: 'text' as const, text: `第 ${i + 1} 段 ` + '内容'.repeat(400) })), ephemeral: false };
    const calls = await callsOf(() => messenger.postToChannel(long, 'zh-CN'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.content).toContain('内容过长');
  });
});

describe('the DISCORD_BOARD_CHANNEL_ID setting', () => {
  const discord = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '100000000000000001' };

  it('is the board channel of settings.discord, and absent when empty', () => {
    expect(readSettings({ ...discord, DISCORD_BOARD_CHANNEL_ID: ` ${BOARD_CHANNEL_ID} ` }).discord?.boardChannelId).toBe(BOARD_CHANNEL_ID);
    expect(readSettings({ ...discord, DISCORD_BOARD_CHANNEL_ID: '' }).discord?.boardChannelId).toBeUndefined();
  });

  it('refuses a channel name at start-up, naming the setting', () => {
    expect(() => readSettings({ ...discord, DISCORD_BOARD_CHANNEL_ID: '#协调员' })).toThrow(/DISCORD_BOARD_CHANNEL_ID must be a channel id/);
  });
});
