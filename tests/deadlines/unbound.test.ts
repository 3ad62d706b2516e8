/**
 * Issue 15: a unit with no reporter bound is not silently skipped — the tick's log counts it as
 * undelivered (once per stage) and /remind status names it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineScheduler } from '../../src/bot/features/deadlines/scheduler.ts';
import { scheduleStatus } from '../../src/bot/features/deadlines/status.ts';
import { loadWorkCalendar, openReportStore, type ReminderPolicy, type ReportStore } from '../../src/reports/index.ts';
import { RecordingPlatform } from './recordingPlatform.ts';

const calendar = loadWorkCalendar(join(import.meta.dirname, '../reports/fixtures/holidays-2030.json'));
const policy: ReminderPolicy = { dueDay: 10, lockDays: 15, remindBeforeWorkdays: 3, escalateAfterWorkdays: 2 };

let dir: string;
let store: ReportStore | undefined;
let scheduler: DeadlineScheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reminders to units with no reporter bound', () => {
  it('are counted as undelivered in the log, once per stage, and listed by /remind status', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-unbound-'));
    const clock = { now: new Date('2030-05-07T09:00:00+08:00') }; // the "before" reminder day for April 2030
    const today = () => new Date(clock.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const discord = new RecordingPlatform('discord', today, true);
    store = openReportStore({ path: join(dir, 'r.db'), coordinators: ['discord:100'], now: () => new Date(clock.now.getTime()), dueDay: 10, lockDays: 15 });
    for (const [user, unit] of [['discord:1', '城区'], ['discord:2', '泽州县'], ['discord:3', '高平市']]) store.bind('discord:100', user!, unit!);
    const lines: string[] = [];
    scheduler = new DeadlineScheduler({ store, calendar, policy, messengers: [discord.messenger()], log: (l) => lines.push(l) });
    await scheduler.tick();
    await scheduler.tick();
    const tickLines = lines.filter((l) => l.startsWith('deadlines 2030-05-07'));
    // 3 reminders (and the coordinators' notice) sent; 4 units (阳城县, 陵川县, 沁水县, 开发区) have nobody to remind.
    expect(tickLines[0]).toMatch(/failed 4\b/);
    expect(tickLines).toHaveLength(1); // the second tick sends and fails nothing again
    const status = scheduleStatus(store, { calendar, policy, remindAt: '09:00', running: () => true }, 'zh-CN');
    const text = JSON.stringify(status.blocks);
    expect(text).toContain('未送达 4 个单位（未绑定报送人：阳城县、陵川县、沁水县、晋城经济技术开发区）');
  });
});
