/**
 * Issue 15: a post the coordinators' channel refuses (the bot is not in the channel yet) is not
 * lost. The board is tried again on the next tick and the quarter-hourly refresh until the
 * channel takes it; a notice is tried once more and then goes to every coordinator by DM, each on
 * the platform they are bound on; `/remind status` says which, and when the next attempt is.
 *
 * The calendar is the 2030 fixture (see scheduler.test.ts): for the April 2030 report the board
 * opens on 5-06, the overdue reminder goes on 5-11 and the escalation on 5-13.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineScheduler } from '../../src/bot/features/deadlines/scheduler.ts';
import { scheduleStatus } from '../../src/bot/features/deadlines/status.ts';
import { replyToPlainText } from '../../src/bot/core/reply.ts';
import { loadWorkCalendar, openReportStore, type ReminderPolicy, type ReportStore } from '../../src/reports/index.ts';
import { RecordingPlatform } from './recordingPlatform.ts';

const calendar = loadWorkCalendar(join(import.meta.dirname, '../reports/fixtures/holidays-2030.json'));
const policy: ReminderPolicy = { dueDay: 10, lockDays: 15, remindBeforeWorkdays: 3, escalateAfterWorkdays: 2 };
const COORDINATORS = ['discord:100', 'slack:T1:UC'];
const NOT_IN_CHANNEL = { zh: '机器人不在该频道', en: 'the bot is not in the channel' };

let dir: string;
let store: ReportStore | undefined;
let scheduler: DeadlineScheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  store?.close();
  store = scheduler = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function world() {
  dir = mkdtempSync(join(tmpdir(), 'pd-channel-'));
  const clock = { now: new Date('2030-05-06T09:00:00+08:00') };
  const today = () => new Date(clock.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const discord = new RecordingPlatform('discord', today, true);
  const slack = new RecordingPlatform('slack', today, false);
  discord.channelRefusal = NOT_IN_CHANNEL;
  store = openReportStore({ path: join(dir, 'r.db'), coordinators: COORDINATORS, now: () => new Date(clock.now.getTime()), dueDay: 10, lockDays: 15 });
  // Every unit but 阳城县 has a reporter who takes DMs.
  const bound = { 城区: 'discord:1', 泽州县: 'discord:2', 高平市: 'discord:3', 陵川县: 'discord:4', 沁水县: 'discord:5', 晋城经济技术开发区: 'discord:6' };
  for (const [unit, user] of Object.entries(bound)) store.bind(COORDINATORS[0]!, user, unit);
  scheduler = new DeadlineScheduler({ store, calendar, policy, messengers: [discord.messenger(), slack.messenger()], log: () => undefined });
  const at = (when: string) => (clock.now = new Date(`${when.replace(' ', 'T')}:00+08:00`));
  const status = () => replyToPlainText({ blocks: scheduleStatus(store!, { calendar, policy, remindAt: '09:00', running: () => true }, 'zh-CN').blocks, ephemeral: true });
  const dmsTo = (p: RecordingPlatform, who: string) => p.calls.filter((c) => c.kind === 'dm' && c.to === who).map((c) => c.text);
  return { discord, slack, at, status, dmsTo, s: scheduler, st: store };
}

describe('a status board the channel refuses', () => {
  it('is tried again until the channel takes it, posted once, and the coordinators are told by DM after the second refusal', async () => {
    const w = world();
    const first = await w.s.tick();
    expect(first.failed).toContainEqual({ key: 'board:2030-04', to: 'channel:discord', reason: NOT_IN_CHANNEL.en });
    expect(w.discord.calls.filter((c) => c.kind === 'post')).toEqual([]);
    expect(w.status()).toContain('报送看板：discord 未能发布（机器人不在该频道），将于 2030-05-06 09:15 重试');
    expect(w.dmsTo(w.discord, 'discord:100')).toEqual([]); // one refusal may be a blip: nobody is bothered yet

    w.at('2030-05-06 09:15');
    await w.s.refreshBoards();
    // Refused again: each coordinator hears it once, on their own platform.
    const told = '2030-04 月报报送看板无法发布到协调员频道（discord）：机器人不在该频道。请确认机器人已加入该频道；将于 2030-05-06 09:30 自动重试。';
    expect(w.dmsTo(w.discord, 'discord:100')).toEqual([`⚠ ${told}`]);
    expect(w.dmsTo(w.slack, 'slack:T1:UC')).toEqual([`⚠ ${told}`]);
    expect(w.status()).toContain('discord 未能发布（机器人不在该频道），将于 2030-05-06 09:30 重试，已私信告知 2 位协调员');

    w.at('2030-05-06 09:30');
    await w.s.refreshBoards();
    expect(w.dmsTo(w.discord, 'discord:100')).toHaveLength(1); // told once, not every quarter hour

    // The bot is invited: the next attempt posts the board, once.
    w.discord.channelRefusal = undefined;
    w.at('2030-05-06 09:45');
    const posted = await w.s.refreshBoards();
    expect(posted.boardsPosted).toEqual([{ surface: 'discord', month: '2030-04' }]);
    w.at('2030-05-07 09:00');
    await w.s.tick();
    expect(w.discord.calls.filter((c) => c.kind === 'post' && c.text.includes('看板')).map((c) => c.text.split('\n')[0])).toEqual(['【2030-04 月报报送看板】']);
    expect(w.status()).toContain('报送看板：discord 已发布');
    expect(w.status()).not.toContain('未能发布');
    // In JSON (`remind status --json`) the board's times are China time too.
    const data = scheduleStatus(w.st, { calendar, policy, remindAt: '09:00', running: () => true }, 'en').data as { boards: Array<{ postedAt: string }> };
    expect(data.boards[0]!.postedAt).toBe('2030-05-06T09:45:00+08:00');
  });

  it('is posted on the next daily tick when the bot was invited in the meantime', async () => {
    const w = world();
    await w.s.tick();
    w.discord.channelRefusal = undefined;
    w.at('2030-05-07 09:00');
    const r = await w.s.tick();
    expect(r.boardsPosted).toEqual([{ surface: 'discord', month: '2030-04' }]);
    expect(w.dmsTo(w.discord, 'discord:100')).toEqual([]);
  });
});

describe('a coordinator notice the channel refuses', () => {
  it('is posted on the next tick when the channel takes it then, and nobody gets a DM', async () => {
    const w = world();
    w.at('2030-05-13 09:00');
    const r = await w.s.tick();
    expect(r.failed.map((f) => f.key)).toContain('escalate:2030-04');
    expect(w.status()).toContain('上报协调员：2030-05-13 — 已发 0 条，失败 1 条；discord 频道发送失败（机器人不在该频道），将于 2030-05-13 09:15 重试，仍失败则私信协调员');
    w.discord.channelRefusal = undefined;
    w.at('2030-05-14 09:00');
    const next = await w.s.tick();
    expect(next.sent).toContainEqual({ key: 'escalate:2030-04', to: 'channel:discord' });
    expect(w.discord.calls.filter((c) => c.kind === 'post' && c.text.includes('逾期未报（截止')).map((c) => c.day)).toEqual(['2030-05-14']);
    expect(w.dmsTo(w.discord, 'discord:100')).toEqual([]);
    w.at('2030-05-13 17:00'); // /remind status while April is still the month in focus
    expect(w.status()).toContain('上报协调员：2030-05-13 — 已发 1 条');
    expect(w.status()).not.toContain('频道发送失败');
  });

  it('is retried after a restart, from what the database recorded, with the figures as they are then', async () => {
    const w = world();
    w.at('2030-05-13 09:00');
    await w.s.tick();
    // The bot restarts; meanwhile 城区 reported, and the bot was invited to the channel.
    await scheduler!.stop();
    store!.close();
    store = openReportStore({ path: join(dir, 'r.db'), coordinators: COORDINATORS, now: () => new Date('2030-05-13T09:15:00+08:00'), dueDay: 10, lockDays: 15 });
    const full = { outbound_trips: '1', events: '1', projects_docked: '3', projects_signed: '0', signed_investment: '0', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0' };
    expect(store.write({ actor: COORDINATORS[0]!, unit: '城区', month: '2030-04', kind: 'submit', raw: full, acceptWarnings: true }).ok).toBe(true);
    w.discord.channelRefusal = undefined;
    scheduler = new DeadlineScheduler({ store, calendar, policy, messengers: [w.discord.messenger(), w.slack.messenger()], log: () => undefined });
    const r = await scheduler.refreshBoards();
    expect(r.sent).toContainEqual({ key: 'escalate:2030-04', to: 'channel:discord' });
    const escalation = w.discord.calls.find((c) => c.kind === 'post' && c.text.includes('逾期未报（截止'))!.text;
    expect(escalation).not.toMatch(/• 城区/);
    expect(escalation).toContain('• 阳城县');
  });

  it('goes to every coordinator by DM when the retry is refused too, once, and is not tried in the channel again', async () => {
    const w = world();
    w.at('2030-05-13 09:00');
    await w.s.tick();
    w.at('2030-05-13 09:15');
    const retried = await w.s.refreshBoards();
    expect(retried.fellBack.map((f) => f.key)).toEqual(['escalate:2030-04', 'undelivered:2030-05-13:阳城县:—']);

    const toAdmin = w.dmsTo(w.discord, 'discord:100');
    const escalation = toAdmin.find((t) => t.includes('逾期未报（截止 2030-05-10）'))!;
    expect(escalation).toContain('协调员频道（discord）发送失败：机器人不在该频道。以下通知改为私信发送。');
    expect(escalation).toContain('• 阳城县  （未绑定报送人）');
    // The undelivered-reminder notice is written again from the log: who, and why.
    const undelivered = toAdmin.find((t) => t.includes('条报送提醒未能送达'))!;
    expect(undelivered).toContain('阳城县 —：该单位未绑定报送人');
    // The Slack coordinator gets the same, in Slack.
    expect(w.dmsTo(w.slack, 'slack:T1:UC').filter((t) => t.includes('以下通知改为私信发送'))).toHaveLength(2);
    expect(w.status()).toContain('discord 频道发送失败（机器人不在该频道），已改为私信 2 位协调员');

    const before = w.discord.calls.length + w.slack.calls.length;
    w.at('2030-05-14 09:00');
    await w.s.tick();
    w.at('2030-05-14 09:15');
    await w.s.refreshBoards();
    const after = [...w.discord.calls, ...w.slack.calls].slice(before).filter((c) => !(c.kind === 'dm' && c.text.includes('月报报送看板无法发布')));
    expect(after).toEqual([]);
  });
});
