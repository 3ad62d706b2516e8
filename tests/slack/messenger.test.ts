/**
 * The Slack Messenger: what the deadline scheduler can do outside any request — DM a reporter,
 * post the status board to the coordinators' channel and edit it in place (`chat.update`).
 * Checked against the exact Web API calls the real Bolt app's client makes to the fake Slack,
 * with the real app (tests/slack/realRig.ts) answering the buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createSlackApp, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { DeliveryError } from '../../src/bot/core/messenger.ts';
import type { Reply } from '../../src/bot/core/reply.ts';
import { readSettings } from '../../src/settings.ts';
import type { FakeSlack, SlackSender } from './fakeSlack.ts';
import { COORDINATOR, SECRET, startRig, stopRig, type Rig } from './realRig.ts';

const BOARD = 'C0BOARD01';

let rig: Rig;
let fake: FakeSlack;
let adapter: SlackAdapter;
let slack: SlackSender;

beforeAll(async () => {
  rig = await startRig({ config: { boardChannel: BOARD } });
  ({ fake, adapter, slack } = rig);
});
afterAll(async () => {
  await stopRig(rig);
});

const reminder: Reply = {
  blocks: [{ type: 'text', text: '城区 2025-03 月报将于 4 月 5 日截止，请尽快填报。' }],
  ephemeral: true,
  actions: [{ id: 'report:pick:none:城区:2025-03', label: '本月无招商活动' }],
};

const board = (done: number): Reply => ({
  blocks: [
    { type: 'text', text: '2025-03 月报报送情况', style: 'title' },
    { type: 'fields', fields: [{ label: '已报', value: `${done}/7` }] },
  ],
  ephemeral: false,
});

/** The Web API calls one messenger call makes (auth.test and users.info aside). */
async function callsOf(work: () => Promise<unknown>) {
  const from = fake.calls.length;
  await work();
  return fake.calls.slice(from).filter((c) => c.method !== 'auth.test');
}

async function refusal(work: Promise<unknown>): Promise<DeliveryError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe('direct messages', () => {
  it('opens the DM with conversations.open and posts the Chinese text with the button there', async () => {
    const calls = await callsOf(() => adapter.messenger.sendDirect('slack:T1:U1', reminder, 'zh-CN'));
    expect(calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(calls[0]!.args.users).toBe('U1');
    const dm = calls[1]!.args;
    expect(dm.channel).toBe('D-U1');
    expect(dm.text).toContain('城区 2025-03 月报将于 4 月 5 日截止');
    expect(textOf(dm.blocks)).toContain('城区 2025-03 月报将于 4 月 5 日截止');
    const button = dm.blocks.find((b: { type: string }) => b.type === 'actions').elements[0];
    expect(button).toMatchObject({ type: 'button', action_id: 'report:pick:none:城区:2025-03', text: { text: '本月无招商活动' } });
  });

  it('stores the report when the DM button is clicked in the DM, and answers there', async () => {
    const before = rig.revisions();
    await slack.action({ action_id: 'report:pick:none:城区:2025-03', value: 'report:pick:none:城区:2025-03' }, { channel: 'D-U1', ephemeral: false });
    await adapter.idle();
    expect(rig.revisions()).toBe(before + 1);
    const answer = fake.of('respond').at(-1)!;
    // The reminder stays; the result is shown to the reporter only.
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(answer.args.blocks)).toContain('已报告本月无招商活动');
  });

  it('rejects a user Slack will not let the bot DM with a DeliveryError that names the problem in Chinese and English', async () => {
    fake.dmErrors.set('UBOT2', 'cannot_dm_bot');
    const bot = await refusal(adapter.messenger.sendDirect('slack:T1:UBOT2', reminder, 'zh-CN'));
    expect(bot.reason).toEqual({ zh: '对方是机器人账号，无法私信（cannot_dm_bot）', en: 'is a bot account and cannot be sent DMs (cannot_dm_bot)' });
    fake.dmErrors.set('UNOONE', 'user_not_found');
    const nobody = await refusal(adapter.messenger.sendDirect('slack:T1:UNOONE', reminder, 'zh-CN'));
    expect(nobody.reason.zh).toContain('找不到这个 Slack 用户');
    expect(fake.of('chat.postMessage').some((c) => c.args.channel === 'D-UBOT2' || c.args.channel === 'D-UNOONE')).toBe(false);
  });

  it('rejects a user id of another surface without calling Slack', async () => {
    const calls = await callsOf(() => refusal(adapter.messenger.sendDirect('discord:1234567890123', reminder, 'zh-CN')));
    expect(calls).toEqual([]);
  });

  it('reports a refused reminder back to the coordinator in their language, with the reason', async () => {
    rig.app.store!.bind(COORDINATOR, 'slack:T1:UGONE', '泽州县');
    fake.dmErrors.set('UGONE', 'user_not_found');
    await slack.command('/pd-remind', 'send 2025-03', 'UC');
    await adapter.idle();
    const answers = fake.of('respond').map((c) => textOf(c.args.blocks));
    expect(answers.some((t) => t.includes('1 条提醒未能送达') && t.includes('<@UGONE>：找不到这个 Slack 用户（user_not_found）'))).toBe(true);
  });
});

describe("the coordinators' channel", () => {
  it('says it has a channel only when SLACK_BOARD_CHANNEL is configured', async () => {
    expect(adapter.messenger.hasChannel).toBe(true);
    const bare = createSlackApp(
      rig.app,
      { botToken: 'xoxb-test', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl, commandPrefix: '/pd-' },
      { logLevel: LogLevel.ERROR },
    );
    expect(bare.messenger.hasChannel).toBe(false);
    const err = await refusal(bare.messenger.postToChannel(board(1), 'zh-CN'));
    expect(err.reason.zh).toContain('未配置协调员频道');
  });

  it('posts to the configured channel with chat.postMessage and resolves to the ts Slack assigned', async () => {
    let ts = '';
    const calls = await callsOf(async () => (ts = await adapter.messenger.postToChannel(board(3), 'zh-CN')));
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(calls[0]!.args.channel).toBe(BOARD);
    expect(textOf(calls[0]!.args.blocks)).toContain('2025-03 月报报送情况');
    expect(fake.messages.get(ts)?.channel).toBe(BOARD);
  });

  it('edits that same message with chat.update (no new post)', async () => {
    const ts = await adapter.messenger.postToChannel(board(3), 'zh-CN');
    const calls = await callsOf(() => adapter.messenger.editChannelMessage(ts, board(5), 'zh-CN'));
    expect(calls.map((c) => c.method)).toEqual(['chat.update']);
    expect(calls[0]!.args).toMatchObject({ channel: BOARD, ts });
    expect(textOf(fake.messages.get(ts)!.blocks)).toContain('5/7');
  });

  it('rejects an edit of a message that no longer exists (message_not_found) with a DeliveryError naming it', async () => {
    const err = await refusal(adapter.messenger.editChannelMessage('1743642000.999999', board(6), 'zh-CN'));
    expect(err.reason.zh).toContain('找不到要更新的消息');
    expect(err.reason.en).toContain('message_not_found');
  });

  it('tells the coordinators to invite the bot when it is not in the channel, and to check the id when the channel is unknown', async () => {
    fake.channelErrors.set(BOARD, 'not_in_channel');
    const outside = await refusal(adapter.messenger.postToChannel(board(1), 'zh-CN'));
    expect(outside.reason.zh).toContain('邀请');
    expect(outside.reason.en).toContain('not_in_channel');
    fake.channelErrors.set(BOARD, 'channel_not_found');
    const unknown = await refusal(adapter.messenger.postToChannel(board(1), 'zh-CN'));
    expect(unknown.reason.zh).toContain('SLACK_BOARD_CHANNEL');
    expect(unknown.reason.en).toContain('channel_not_found');
    fake.channelErrors.delete(BOARD);
  });
});

describe('the SLACK_BOARD_CHANNEL setting', () => {
  const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-t', SLACK_APP_TOKEN: 'xapp-t' };

  it('is the board channel of settings.slack, and absent when empty', () => {
    expect(readSettings({ ...slackEnv, SLACK_BOARD_CHANNEL: BOARD }).slack?.boardChannel).toBe(BOARD);
    expect(readSettings({ ...slackEnv, SLACK_BOARD_CHANNEL: '' }).slack?.boardChannel).toBeUndefined();
  });

  it('refuses a #name at start-up, since chat.update needs the id', () => {
    expect(() => readSettings({ ...slackEnv, SLACK_BOARD_CHANNEL: '#coordinators' })).toThrow(/SLACK_BOARD_CHANNEL must be a channel id/);
  });
});
