/**
 * Typed conversation on Discord, on the real App: a direct message to the bot and an @-mention
 * in a server channel arrive as MESSAGE_CREATE through discord.js's own gateway action, and the
 * bot answers them as the console answers typed lines — a question, follow-up answers, 取消.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import type { App } from '../../src/bot/app.ts';
import { createApp } from '../../src/bot/app.ts';
import { DISCORD_INTENTS } from '../../src/adapters/discord/index.ts';
import { GatewayIntentBits } from 'discord.js';
import { readSettings } from '../../src/settings.ts';
import { visibleText } from '../conformance/screen.ts';
import { APP_ID, CHANNEL_ID, Harness, callback, dmButton, dmSlash, slash, typed, type RecordedCall } from './fakeDiscord.ts';

const PERSON = '123456789012345678';
const COORDINATOR = '999999999999999999';
const DM = '330000000000000033';

let dir: string;
let app: App;
const h = new Harness();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-discord-chat-'));
  app = await createApp({ settings: readSettings({ POLICY_DESK_DB: join(dir, 'policy-desk.db'), POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00', POLICY_DESK_COORDINATORS: `discord:${COORDINATOR}` }) });
  await h.start(app);
});
afterAll(async () => {
  await h.stop();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Messages the bot posted to a channel among the calls, as the reader sees them. */
const postedTo = (calls: RecordedCall[], channel: string) => calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages`);
const textOf = (calls: RecordedCall[]) => visibleText(calls.map((c) => c.body));

describe('direct messages', () => {
  it('answers a question typed in the DM, takes the follow-up answers typed next, and says "just reply" because it hears them', async () => {
    const first = postedTo(await h.message(typed('这个项目需要节能审查吗', { user: PERSON, dmChannel: DM })), DM);
    expect(first.length).toBeGreaterThan(0);
    expect(textOf(first)).toContain('直接回复补充的信息即可');
    await h.message(typed('年综合能源消费量800吨标准煤', { user: PERSON, dmChannel: DM }));
    const verdict = textOf(postedTo(await h.message(typed('年电力消费量300万千瓦时', { user: PERSON, dmChannel: DM })), DM));
    expect(verdict).toContain('不再单独进行节能审查');
    expect(verdict).toContain('800吨标准煤');
  });

  it('ends a follow-up on 取消 typed in the DM, and a new question afterwards starts fresh', async () => {
    await h.message(typed('我们的项目需要节能审查吗', { user: PERSON, dmChannel: DM }));
    const cancelled = textOf(postedTo(await h.message(typed('取消', { user: PERSON, dmChannel: DM })), DM));
    expect(cancelled).toContain('已结束这次追问');
    const fresh = textOf(postedTo(await h.message(typed('外资企业有什么支持', { user: PERSON, dmChannel: DM })), DM));
    expect(fresh).not.toContain('还需了解');
  });

  it('answers a command typed in the DM that opens a form with a button that opens it (a message cannot open a modal)', async () => {
    const reporter = '787878787878787878';
    expect(app.store!.bind(`discord:${COORDINATOR}`, `discord:${reporter}`, '城区').ok).toBe(true);
    const posted = postedTo(await h.message(typed('/report submit 2025-03', { user: reporter, dmChannel: '340000000000000034' })), '340000000000000034');
    const open = posted.flatMap((c) => c.body.components ?? []).flatMap((row: { components: Array<{ custom_id: string; label: string }> }) => row.components)[0]!;
    expect(open.label).toContain('2025-03');
    const modal = callback(await h.send(dmButton(open.custom_id, { user: reporter, channelId: '340000000000000034' })));
    expect(modal.body.type).toBe(9);
  });

  it('ignores messages from bots, itself included', async () => {
    expect(await h.message(typed('这个项目需要节能审查吗', { user: '555555555555555555', dmChannel: DM, bot: true }))).toEqual([]);
    expect(await h.message(typed('这个项目需要节能审查吗', { user: APP_ID, dmChannel: DM }))).toEqual([]);
  });
});

describe('mentions in a server channel', () => {
  it('answers a message that mentions the bot, without the mention, and puts a personal verdict in the DM with a pointer in the channel', async () => {
    const calls = await h.message(typed(`<@${APP_ID}> 年综合能源消费量800吨标准煤，年用电300万千瓦时，需要节能审查吗`, { user: '222222222222222222', mentions: [APP_ID] }));
    const inChannel = postedTo(calls, CHANNEL_ID);
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.body.content).toContain('已私信回复你');
    expect(inChannel[0]!.body.message_reference).toMatchObject({ message_id: expect.any(String) });
    const dm = h.api.dmChannelOf('222222222222222222')!;
    expect(textOf(postedTo(calls, dm))).toContain('不再单独进行节能审查');
  });

  it('stays silent on channel messages that do not mention it', async () => {
    expect(await h.message(typed('需要节能审查吗', { user: '222222222222222222' }))).toEqual([]);
    expect(await h.message(typed('@everyone 需要节能审查吗', { user: '222222222222222222', mentions: ['444444444444444444'] }))).toEqual([]);
  });
});

describe('slash commands and where replies are heard', () => {
  it('in a server channel, /ask points to the button and /ask for the follow-up (the channel is not read)', async () => {
    const calls = await h.send(slash('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value: '我们的项目需要节能审查吗' }], { user: '666666666666666666' }));
    const shown = textOf(calls.map((c) => (c.path.endsWith('/callback') ? { ...c, body: c.body.data } : c)));
    expect(shown).not.toContain('直接回复');
    expect(shown).toContain('/ask');
    expect(callback(calls)).toBeDefined();
  });

  it('in the DM with the bot, /ask says "just reply": the next message there is heard', async () => {
    const calls = await h.send(dmSlash('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value: '我们的项目需要节能审查吗' }], { user: '676767676767676767' }));
    const shown = textOf(calls.map((c) => (c.path.endsWith('/callback') ? { ...c, body: c.body.data } : c)));
    expect(shown).toContain('直接回复补充的信息即可');
  });

  it('asks for the intents that deliver DMs and mentions, and no privileged one (their text arrives without Message Content)', () => {
    expect(DISCORD_INTENTS).toEqual(expect.arrayContaining([GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages]));
    expect(DISCORD_INTENTS).not.toContain(GatewayIntentBits.MessageContent);
    expect(DISCORD_INTENTS).not.toContain(GatewayIntentBits.GuildMembers);
    expect(DISCORD_INTENTS).not.toContain(GatewayIntentBits.GuildPresences);
  });
});
