/**
 * Test helpers: a real SQLite file in a fresh temp dir, the reports feature inside a real Bot,
 * and a settable clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from '../../src/bot/core/bot.ts';
import type { BotContext, Invocation } from '../../src/bot/core/context.ts';
import { createRemindersFeature } from '../../src/bot/features/deadlines/commands.ts';
import { createReportsFeature } from '../../src/bot/features/reports/index.ts';
import { loadWorkCalendar, openReportStore, type ReportStore, type StoreOptions } from '../../src/reports/index.ts';
import type { DeadlineSetup } from '../../src/bot/features/deadlines/status.ts';
import { DeliveryService } from '../../src/bot/core/delivery.ts';

export const ADMIN = 'console:admin';
export const LIU = 'console:liu';

export interface Harness {
  dir: string;
  path: string;
  store: ReportStore;
  bot: Bot;
  /** Reaches nobody until a test registers a platform's Messenger (reminders sent by /remind send go here). */
  delivery: DeliveryService;
  clock: { now: Date };
  ctx(user: string, locale?: 'zh-CN' | 'en'): BotContext;
  run(user: string, command: string, subcommand?: string, options?: Invocation['options'], extra?: Invocation['extra']): ReturnType<Bot['run']>;
  close(): void;
}

/** Full values for a submission, as the CLI would pass them (`--set k=v`). */
export function values(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    outbound_trips: '1',
    events: '1',
    projects_docked: '3',
    projects_signed: '1',
    signed_investment: '2.50',
    projects_started: '0',
    projects_in_production: '0',
    leading_enterprises: '0',
    investment_in_place: '1.20',
    ...overrides,
  };
}

export function harness(opts: Partial<StoreOptions> & { at?: string } = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'pd-reports-'));
  const path = join(dir, 'reports.db');
  const clock = { now: new Date(opts.at ?? '2025-04-03T10:00:00+08:00') };
  const store = openReportStore({ path, coordinators: [ADMIN], now: () => new Date(clock.now.getTime()), ...opts });
  const deadlines: DeadlineSetup = {
    calendar: loadWorkCalendar(),
    policy: { dueDay: store.dueDay, lockDays: store.lockDays, remindBeforeWorkdays: 3, escalateAfterWorkdays: 2 },
    remindAt: '09:00',
    running: () => false,
  };
  const delivery = new DeliveryService({ directory: store });
  const bot = new Bot({ features: [createReportsFeature({ store, backupDir: join(dir, 'backups') }), createRemindersFeature({ store, deadlines, delivery })], directory: store });
  const ctx = (user: string, locale: 'zh-CN' | 'en' = 'zh-CN'): BotContext => ({ user: { id: user }, locale, now: clock.now, surface: 'console' });
  return {
    dir,
    path,
    store,
    bot,
    delivery,
    clock,
    ctx,
    run: (user, command, subcommand, options = {}, extra) => bot.run({ command, subcommand, options, extra }, ctx(user)),
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reply's text, all blocks joined. */
export function textOf(r: { blocks: Array<{ type: string; text?: string; fields?: Array<{ label: string; value: string }> }> }): string {
  return r.blocks.map((b) => b.text ?? (b.fields ? b.fields.map((f) => `${f.label}：${f.value}`).join('\n') : '')).join('\n');
}
