/**
 * Issue 15: a month in the office, scripted in the console (the real console loop, in process,
 * one session per person) on one database, with the clock set by POLICY_DESK_NOW: bind →
 * reminders → submissions with a typo and a soft warning → amend → excuse → missing →
 * compliance → export.
 *
 * Beside the console, Discord is connected (a recording platform at the Messenger boundary) and
 * the deadline scheduler runs on the app's delivery service: its reminders reach the reporter
 * bound on Discord, the units nobody is bound to are counted as undelivered, and the status
 * board — refused by the channel until the bot is invited — is retried, reported to the
 * coordinator on Discord by DM, posted once the channel takes it, and kept up to date.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import { DeadlineScheduler } from '../../src/bot/features/deadlines/scheduler.ts';
import { loadWorkCalendar } from '../../src/reports/index.ts';
import { readSettings } from '../../src/settings.ts';
import { ConsoleDriver } from '../conformance/consoleDriver.ts';
import { RecordingPlatform } from '../deadlines/recordingPlatform.ts';

const MONTH = '2025-03';
const FIGURES = { outbound_trips: '2', events: '1', projects_docked: '3', projects_signed: '0', signed_investment: '0', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0', notes: '' };

let dir: string;
let app: App;
let c: ConsoleDriver;
let scheduler: DeadlineScheduler;
const discord = new RecordingPlatform('discord', () => '2025-04-03', true);
const schedulerLog: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-month-'));
  app = await createApp({
    settings: readSettings({ POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_COORDINATORS: 'console:zhang,discord:100', POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' }),
  });
  c = new ConsoleDriver(app, join(dir, 'exports'));
  app.delivery.register(discord.messenger());
  const { settings } = app;
  // Ticked by the test (the app's clock stands still), not by its daily timer.
  scheduler = new DeadlineScheduler({
    store: app.store!,
    calendar: loadWorkCalendar(settings.deadlines.holidaysPath),
    policy: { dueDay: settings.dueDay, lockDays: settings.lockDays, ...settings.deadlines },
    remindAt: settings.deadlines.remindAt,
    delivery: app.delivery,
    log: (line) => schedulerLog.push(line),
  });
}, 60_000);
afterAll(async () => {
  await scheduler?.stop();
  await c?.stop();
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a scripted month in the console', () => {
  it('runs from binding to the export', async () => {
    // bind
    for (const [who, unit] of [['console:liu', '城区'], ['console:wang', '泽州县'], ['discord:200', '高平市']]) {
      expect((await c.command('zhang', `/admin bind user=${who} unit=${unit}`)).text).not.toContain('✖');
    }
    // reminders by hand: counted as delivered only where they arrived (a console has no inbox)
    const reminded = await c.command('zhang', `/remind send ${MONTH}`);
    expect(reminded.text).toContain(`已向 1 个单位的 1 位报送人发送 ${MONTH} 月报提醒：高平市（discord:200）。`);
    expect(reminded.text).toContain('城区 console:liu：报送人所在平台未连接，无法私信');
    expect(reminded.text).toContain('以下单位没有绑定报送人，无法提醒：阳城县、陵川县、沁水县、晋城经济技术开发区');
    expect(discord.calls.map((x) => `${x.kind} ${x.to}`)).toEqual(['dm discord:200']);

    // the scheduler's due-day reminders, while the bot is not yet in the coordinators' channel
    discord.channelRefusal = { zh: '机器人不在该频道', en: 'the bot is not in the channel' };
    const tick = await scheduler.tick();
    expect(tick.sent.map((x) => x.to)).toEqual(['discord:200']);
    expect(tick.failed.filter((f) => f.to === '-').map((f) => f.key.split(':')[2])).toEqual(['阳城县', '陵川县', '沁水县', '晋城经济技术开发区']);
    expect(tick.failed.map((f) => f.key)).toContain(`board:${MONTH}`);
    expect(schedulerLog.at(-1)).toMatch(new RegExp(`sent 1, failed ${tick.failed.length}\\b`));
    let status = await c.command('zhang', '/remind status');
    expect(status.text).toMatch(/截止日提醒：2025-04-03 09:00 — 已发 1 条，失败 2 条，未送达 4 个单位（未绑定报送人：阳城县、陵川县、沁水县、晋城经济技术开发区）/);
    expect(status.text).toContain('报送看板：discord 未能发布（机器人不在该频道），将于 2025-04-03 10:15 重试');
    // the next attempt is refused too: the coordinator on Discord hears of it by DM (the console one cannot)
    await scheduler.refreshBoards();
    const toCoordinator = discord.calls.filter((x) => x.kind === 'dm' && x.to === 'discord:100').map((x) => x.text);
    expect(toCoordinator.some((t) => t.includes('月报报送看板无法发布到协调员频道（discord）：机器人不在该频道'))).toBe(true);
    expect(toCoordinator.some((t) => t.includes('以下通知改为私信发送') && t.includes('阳城县 —：该单位未绑定报送人'))).toBe(true);
    status = await c.command('zhang', '/remind status');
    expect(status.text).toContain('已私信告知 1 位协调员');
    // the bot is invited: the board goes up at the next attempt
    discord.channelRefusal = undefined;
    expect((await scheduler.refreshBoards()).boardsPosted).toEqual([{ surface: 'discord', month: MONTH }]);
    expect((await c.command('zhang', '/remind status')).text).toContain('报送看板：discord 已发布');

    // a typo: only that field is asked again
    let s = await c.command('liu', `/report submit ${MONTH}`);
    expect(s.formOpen).toBe(true);
    s = await c.fill('liu', { ...FIGURES, outbound_trips: '2o' });
    expect(s.text).toContain('外出招商次数');
    expect(s.text.trimEnd().split('\n').at(-1)).toMatch(/^外出招商次数/);
    s = await c.fill('liu', { outbound_trips: '2' });
    expect(s.buttons).toContain('确认提交');
    expect((await c.press('liu', '确认提交')).text).toContain('已提交');

    // a soft warning with a reason (spaces, no quotes), and 「1个」 in a field counted in 个
    s = await c.command('wang', `/report submit ${MONTH}`);
    s = await c.fill('wang', { ...FIGURES, projects_signed: '1个' });
    expect(s.text).toContain('请核实');
    s = await c.fill('wang', { reason: '签约 金额 待评估' });
    expect(s.text).toContain('签约 金额 待评估');
    expect((await c.press('wang', '确认提交')).text).toContain('已提交');

    // amend
    s = await c.command('liu', `/report amend ${MONTH}`);
    s = await c.fill('liu', { projects_docked: '4', reason: '漏报 一个' });
    expect(s.text).toMatch(/3\s*→\s*4/);
    expect((await c.press('liu', '确认提交')).text).toContain('已更正');
    expect(app.store!.revisions('城区', MONTH)).toHaveLength(2);

    // excuse, missing, compliance, export
    expect((await c.command('zhang', `/admin excuse unit=陵川县 month=${MONTH} reason=系统 维护`)).text).not.toContain('✖');
    const missing = await c.command('zhang', `/missing ${MONTH}`);
    expect(missing.text).toContain('阳城县');
    const [outstanding] = missing.text.split('免报');
    expect(outstanding).not.toMatch(/(^|[^阳])城区|泽州县|陵川县/);
    expect(missing.text).toContain('应报：6');
    expect(missing.text).toContain('陵川县（系统 维护）');
    const compliance = await c.command('zhang', '/compliance 2025-Q1');
    expect(compliance.text).toContain('城区');
    const exported = await c.command('zhang', `/export ${MONTH}`);
    const saved = /已保存文件：(.+)$/m.exec(exported.text)?.[1];
    expect(saved && existsSync(saved)).toBe(true);

    // the board in the coordinators' channel followed the month, edited in place
    await scheduler.refreshBoards();
    const board = [...discord.channel.values()].find((t) => t.includes(`${MONTH} 月报报送看板`))!;
    expect(board).toContain('✅ 城区');
    expect(board).toContain('✅ 泽州县');
    expect(board).toContain('➖ 陵川县 — 免报（系统 维护）');
    expect(discord.calls.filter((x) => x.kind === 'post' && x.text.includes('报送看板'))).toHaveLength(1);
  });
});
