/**
 * Deadlines that run themselves, simulated day by day on an injected clock.
 *
 * The calendar is the 2030 fixture: 5-01 (Wed) to 5-03 (Fri) is a holiday and Saturday 5-11 is
 * a make-up working day. Reports are due on the 10th, so for the April 2030 report:
 *   board opens  5-06  (first working day of May, after the holiday and the weekend)
 *   before       5-07  (three working days before the 10th)
 *   due          5-10  (Friday)
 *   after        5-11  (the make-up Saturday is the first working day after the 10th)
 *   escalation   5-13  (two working days after the 10th)
 *   locks        5-25
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineScheduler } from '../../src/bot/features/deadlines/scheduler.ts';
import {
  loadRoster,
  loadWorkCalendar,
  openReportStore,
  type ReminderPolicy,
  type ReportStore,
  type Roster,
} from '../../src/reports/index.ts';
import { RecordingPlatform, type PlatformCall } from './recordingPlatform.ts';

const ADMIN = 'discord:100';
const REPORTERS = {
  城区: 'discord:1',
  泽州县: 'slack:T1:U2',
  高平市: 'discord:3', // does not accept DMs
  // 阳城县: nobody bound
  陵川县: 'discord:6', // excused for April
  沁水县: 'discord:4',
  晋城经济技术开发区: 'discord:5',
  测试区: 'discord:9', // closed after March 2030: never reminded for April
} as const;

const calendar = loadWorkCalendar(join(import.meta.dirname, '../reports/fixtures/holidays-2030.json'));
const policy: ReminderPolicy = { dueDay: 10, lockDays: 15, remindBeforeWorkdays: 3, escalateAfterWorkdays: 2 };
const roster: Roster = { units: [...loadRoster().units, { name: '测试区', kind: 'zone', until: '2030-03' }] };

const FULL = {
  outbound_trips: '1', events: '1', projects_docked: '3', projects_signed: '0', signed_investment: '0',
  projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0',
};

/** A bot process: a store on the shared file, and a scheduler on the shared platforms. */
interface Bot {
  store: ReportStore;
  scheduler: DeadlineScheduler;
}

let dir: string;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.scheduler.stop();
  bot?.store.close();
  bot = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function world() {
  dir = mkdtempSync(join(tmpdir(), 'pd-deadlines-'));
  const clock = { now: new Date('2030-04-30T09:00:00+08:00') };
  const today = () => new Date(clock.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const discord = new RecordingPlatform('discord', today, true);
  const slack = new RecordingPlatform('slack', today, false);
  discord.closedDms.add(REPORTERS.高平市);
  const boot = (): Bot => {
    const store = openReportStore({ path: join(dir, 'reports.db'), coordinators: [ADMIN], now: () => new Date(clock.now.getTime()), dueDay: 10, lockDays: 15, roster });
    const scheduler = new DeadlineScheduler({ store, calendar, policy, messengers: [discord.messenger(), slack.messenger()], log: () => undefined });
    scheduler.listen();
    return { store, scheduler };
  };
  const at = (day: string, time: string) => {
    clock.now = new Date(`${day}T${time}:00+08:00`);
  };
  return { clock, discord, slack, boot, at };
}

function setUp(b: Bot) {
  for (const [unit, user] of Object.entries(REPORTERS)) b.store.bind(ADMIN, user, unit);
  b.store.setLocale(REPORTERS.泽州县, 'en');
  expect(b.store.excuse(ADMIN, '陵川县', '2030-04', '机构调整').ok).toBe(true);
}

function submit(b: Bot, unit: string, month: string, values: Record<string, string> = FULL) {
  const r = b.store.write({ actor: ADMIN, unit, month, kind: 'submit', raw: values, acceptWarnings: true });
  expect(r.ok).toBe(true);
}

/** One line per platform call: the day, what, to whom, and the first line (a DM names its unit). */
function summary(calls: PlatformCall[]): string[] {
  const units = [...Object.keys(REPORTERS), '阳城县'];
  return calls.map((c) =>
    c.kind === 'dm' ? `${c.day} dm ${c.to} ${units.find((u) => c.text.includes(u))}` : `${c.day} ${c.kind} ${c.to} ${c.text.split('\n')[0]}`,
  );
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
}

describe('the deadline scheduler over a month', () => {
  it('reminds, escalates and edits the board on the expected working days, once each, across a restart', async () => {
    const w = world();
    bot = w.boot();
    setUp(bot);
    // What people do during the month, at the given China time.
    const happenings: Record<string, (b: Bot) => void> = {
      '2030-05-08 10:00': (b) => submit(b, '沁水县', '2030-04'),
      '2030-05-10 15:00': (b) => submit(b, '城区', '2030-04'),
      '2030-05-12 11:00': (b) => submit(b, '晋城经济技术开发区', '2030-04'),
      '2030-05-20 16:00': (b) => void b.store.excuse(ADMIN, '泽州县', '2030-04', '系统故障，已电话报送'),
      '2030-05-21 10:00': (b) => {
        const r = b.store.write({ actor: REPORTERS.沁水县, unit: '沁水县', month: '2030-04', kind: 'amend', raw: { events: '2' }, reason: '漏报一场推介会' });
        expect(r.ok).toBe(true);
      },
    };
    for (const day of days('2030-05-01', '2030-05-31')) {
      if (day === '2030-05-10') {
        // The bot was stopped overnight and comes back at 14:00: the due-day reminders go out
        // late rather than never, and a second tick (the daily job) sends nothing again.
        await bot.scheduler.stop();
        bot.store.close();
        w.at(day, '14:00');
        bot = w.boot();
        await bot.scheduler.tick();
        await bot.scheduler.tick();
      } else {
        w.at(day, '08:00'); // before office hours: no reminder yet
        await bot.scheduler.tick();
        w.at(day, '09:00');
        await bot.scheduler.tick();
      }
      for (const [when, act] of Object.entries(happenings)) {
        if (!when.startsWith(day)) continue;
        w.at(day, when.slice(11));
        act(bot);
        await bot.scheduler.idle();
      }
    }

    expect(summary(w.slack.calls)).toEqual([
      '2030-05-07 dm slack:T1:U2 泽州县',
      '2030-05-10 dm slack:T1:U2 泽州县',
      '2030-05-11 dm slack:T1:U2 泽州县',
    ]);
    expect(summary(w.discord.calls)).toEqual([
      '2030-05-06 post m1 【2030-04 月报报送看板】',
      '2030-05-07 dm discord:1 城区',
      '2030-05-07 dm discord:4 沁水县',
      '2030-05-07 dm discord:5 晋城经济技术开发区',
      '2030-05-07 post m2 ⚠ 2 条报送提醒未能送达，请通过其他方式通知：',
      '2030-05-08 edit m1 【2030-04 月报报送看板】', // 沁水县 reported
      '2030-05-10 dm discord:1 城区',
      '2030-05-10 dm discord:5 晋城经济技术开发区',
      '2030-05-10 post m3 ⚠ 2 条报送提醒未能送达，请通过其他方式通知：',
      '2030-05-10 edit m1 【2030-04 月报报送看板】', // 城区 reported, on the due day
      '2030-05-11 edit m1 【2030-04 月报报送看板】', // the due day has passed
      '2030-05-11 dm discord:5 晋城经济技术开发区',
      '2030-05-11 post m4 ⚠ 2 条报送提醒未能送达，请通过其他方式通知：',
      '2030-05-12 edit m1 【2030-04 月报报送看板】', // 开发区 reported late, on a Sunday
      '2030-05-13 post m5 【2030-04 月报逾期未报（截止 2030-05-10）】',
      '2030-05-20 edit m1 【2030-04 月报报送看板】', // 泽州县 excused
      '2030-05-21 edit m1 【2030-04 月报报送看板】', // 沁水县 amended
    ]);

    // The board was posted once and edited in place; it ends with every unit's state.
    expect([...w.discord.channel.keys()]).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const board = w.discord.channel.get('m1')!;
    expect(board).toContain('截止：2030-05-10（已过）');
    expect(board).toContain('报送率：60%（3/5）');
    for (const line of ['✅ 城区 — 按时 05-10', '➖ 泽州县 — 免报（系统故障，已电话报送）', '❌ 高平市 — 逾期未报', '❌ 阳城县 — 逾期未报', '➖ 陵川县 — 免报（机构调整）', '✅ 沁水县 — 按时 05-08 · 已更正 1 次', '⏰ 晋城经济技术开发区 — 迟报 05-12']) {
      expect(board).toContain(line);
    }
    expect(board).not.toContain('测试区');

    // Reminders carry the form one click away, in the reporter's language.
    const first = w.discord.calls.find((c) => c.kind === 'dm')!;
    expect(first.text).toContain('即将截止：城区 2030-04 月报请于 2030-05-10 前报送');
    expect(first.reply.actions?.map((a) => a.id)).toEqual(['report:pick:submit:城区:2030-04', 'report:pick:none:城区:2030-04']);
    expect(w.slack.calls[2]!.text).toContain("Overdue: 泽州县's 2030-04 report was due by 2030-05-10");

    // Undelivered reminders name who and why; the escalation names the late units and their reporters.
    const undelivered = w.discord.channel.get('m2')!;
    expect(undelivered).toContain('高平市 discord:3：对方不接受私信');
    expect(undelivered).toContain('阳城县 —：该单位未绑定报送人');
    const escalation = w.discord.channel.get('m5')!;
    expect(escalation).toContain('• 泽州县  slack:T1:U2');
    expect(escalation).toContain('• 高平市  discord:3');
    expect(escalation).toContain('• 阳城县  （未绑定报送人）');
    expect(escalation).not.toContain('晋城经济技术开发区');
  });

  it('sends nothing on a public holiday or a weekend, and catches up on the next working day only with the latest stage', async () => {
    const w = world();
    bot = w.boot();
    setUp(bot);
    // The bot is down from 5-06 to 5-11: the first tick after it is back is on the make-up
    // Saturday, in the window of the "after" stage. Only that reminder goes out.
    for (const day of ['2030-05-01', '2030-05-02', '2030-05-03', '2030-05-04', '2030-05-05']) {
      w.at(day, '10:00');
      const r = await bot.scheduler.tick();
      expect(r.sendingDay).toBe(false);
    }
    expect(w.discord.calls).toEqual([]);
    w.at('2030-05-11', '09:30');
    await bot.scheduler.tick();
    const dms = w.discord.calls.filter((c) => c.kind === 'dm').map((c) => `${c.to} ${c.text.replace(/^⚠ /, '').split('：')[0]}`);
    expect(dms).toEqual(['discord:1 已逾期', 'discord:4 已逾期', 'discord:5 已逾期']);
    expect(bot.store.notifications.withPrefix('remind:2030-04:').map((r) => r.key.split(':').pop())).not.toContain('before');
  });
});

describe('quarter notices', () => {
  it('names the units at risk mid-quarter and sends the quota digest after the last month is due, citing the clause', async () => {
    const w = world();
    bot = w.boot();
    setUp(bot);
    const b = bot;
    // Q2 2030. 城区 has docked 2 projects and made no trip by the end of May: at risk.
    // 沁水县 met the quota in April. The others have gaps, so they are not judged "at risk".
    w.at('2030-05-08', '10:00');
    submit(b, '城区', '2030-04', { ...FULL, outbound_trips: '0', projects_docked: '1' });
    submit(b, '沁水县', '2030-04');
    w.at('2030-06-03', '10:00');
    submit(b, '城区', '2030-05', { ...FULL, outbound_trips: '0', projects_docked: '1' });
    submit(b, '沁水县', '2030-05', { ...FULL, outbound_trips: '0', projects_docked: '0' });
    for (const day of days('2030-06-01', '2030-07-31')) {
      w.at(day, '09:00');
      await b.scheduler.tick();
      if (day === '2030-07-05') {
        // 城区 makes its quarter in June; 沁水县 reports June; nobody else does.
        w.at(day, '10:00');
        submit(b, '城区', '2030-06', { ...FULL, outbound_trips: '1', projects_docked: '1' });
        submit(b, '沁水县', '2030-06', { ...FULL, outbound_trips: '0', projects_docked: '0' });
      }
    }
    const notices = w.discord.calls.filter((c) => c.kind === 'post' && /季度/.test(c.text));
    expect(notices.map((c) => `${c.day} ${c.text.split('\n')[0]}`)).toEqual([
      '2030-06-11 【2030-Q2 季度招商任务：以下单位有完不成的风险】',
      '2030-07-12 【2030-Q2 季度招商任务完成情况】',
    ]);
    const atRisk = notices[0]!.text;
    expect(atRisk).toContain('城区：外出招商还需 1 次，对接项目还需 1 个');
    expect(atRisk).not.toContain('沁水县');
    expect(atRisk).toContain('晋市政办〔2024〕32号');
    const digest = notices[1]!.text;
    expect(digest).toContain('达标 2 个，未达标 0 个，无法判定 5 个（缺少月报）');
    expect(digest).toMatch(/城区\s+1\s+3\s+✅ 达标/);
    expect(digest).toMatch(/高平市\s+0\s+0\s+❔ 无法判定\s+缺报 2030-04、2030-05、2030-06/);
    expect(digest).toContain('晋市政办〔2024〕32号');
  });
});

describe('coordinator notices without a channel', () => {
  it('go by DM to every coordinator on a connected platform', async () => {
    const w = world();
    const discord = new RecordingPlatform('discord', () => '2030-05-13', false);
    bot = w.boot();
    setUp(bot);
    await bot.scheduler.stop();
    bot.scheduler = new DeadlineScheduler({ store: bot.store, calendar, policy, messengers: [discord.messenger()], log: () => undefined });
    bot.store.bind(ADMIN, 'console:zhang', '城区'); // a console user is not reachable on Discord
    w.at('2030-05-13', '09:00');
    await bot.scheduler.tick();
    // Missed while down: 泽州县's reporter is on Slack (not connected here), console:zhang is on no chat platform.
    const toAdmin = discord.calls.filter((c) => c.to === ADMIN).map((c) => c.text.split('\n')[0]);
    expect(toAdmin).toEqual(['【2030-04 月报逾期未报（截止 2030-05-10）】', '⚠ 3 条报送提醒未能送达，请通过其他方式通知：']);
    const undelivered = discord.calls.find((c) => c.to === ADMIN && c.text.startsWith('⚠'))!.text;
    expect(undelivered).toContain('泽州县 slack:T1:U2：报送人所在平台未连接，无法私信');
    expect(undelivered).toContain('城区 console:zhang：报送人所在平台未连接，无法私信');
    expect(discord.calls.filter((c) => c.kind === 'post')).toEqual([]);
  });
});

describe('reports written by another process', () => {
  it('reach the board at the next periodic refresh, as one edit of the same message', async () => {
    const w = world();
    bot = w.boot();
    setUp(bot);
    w.at('2030-05-06', '09:00');
    await bot.scheduler.tick();
    // The CLI opens its own store on the same file: this bot's store hears nothing of the write.
    const cli = openReportStore({ path: join(dir, 'reports.db'), coordinators: [ADMIN], now: () => new Date(w.clock.now.getTime()), dueDay: 10, lockDays: 15, roster });
    cli.write({ actor: ADMIN, unit: '城区', month: '2030-04', kind: 'submit', raw: FULL, acceptWarnings: true });
    cli.close();
    await bot.scheduler.refreshBoards();
    await bot.scheduler.refreshBoards();
    expect(summary(w.discord.calls)).toEqual(['2030-05-06 post m1 【2030-04 月报报送看板】', '2030-05-06 edit m1 【2030-04 月报报送看板】']);
    expect(w.discord.channel.get('m1')).toContain('✅ 城区 — 按时 05-06');
  });
});

describe('the daily job', () => {
  it('runs at the reminder time in China, whatever the machine time zone', async () => {
    const w = world();
    bot = w.boot();
    bot.scheduler.start();
    const next = bot.scheduler.nextRun()!;
    expect(next.toISOString().slice(11, 16)).toBe('01:00'); // 09:00 in Asia/Shanghai
    await bot.scheduler.stop();
  });
});
