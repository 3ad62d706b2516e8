/**
 * The composition root: builds a Bot with every feature wired to its services. Surfaces (CLI,
 * console, Discord, Slack) call `createApp` and then only talk to `app.bot`.
 *
 * `scope: 'policy'` builds the search/ask/help bot without opening the reports database, so
 * `npx policy-desk search …` starts fast and never creates a database file as a side effect.
 */
import { loadWorkCalendar, openReportStore, type ReportStore } from '../reports/index.ts';
import type { Settings } from '../settings.ts';
import { clock } from '../settings.ts';
import { Bot } from './bot.ts';
import type { UserDirectory } from './context.ts';
import { createPolicyFeature } from './policy/index.ts';
import { createReportsFeature } from './reports/index.ts';
import { DeadlineScheduler } from './deadlines/scheduler.ts';
import type { DeadlineSetup } from './deadlines/status.ts';
import type { Messenger } from './messenger.ts';

export interface App {
  bot: Bot;
  settings: Settings;
  now(): Date;
  /** Names of the reporting units in the roster (Discord choices, Slack selects). */
  unitNames(): string[];
  /** The reports store; undefined for a policy-only app. */
  store?: ReportStore;
  /**
   * Starts the deadline scheduler on the running chat surfaces (reminders, escalation, status
   * board, quarter digests); undefined for a policy-only app or with POLICY_DESK_SCHEDULER=off.
   */
  startScheduler?(messengers: readonly Messenger[]): DeadlineScheduler | undefined;
  close(): void;
}

export interface CreateAppOptions {
  settings: Settings;
  /** 'all' (default) opens the reports database; 'policy' serves search, ask and help only. */
  scope?: 'all' | 'policy';
  /** The OS account behind a CLI call, recorded beside `--as` in the audit log. */
  osUser?: string;
}

/** A directory for the policy-only app: nobody holds a role, nothing is stored. */
const anonymousDirectory: UserDirectory = {
  rolesOf: () => ({ coordinator: false, units: [] }),
  recordRefusal: () => undefined,
  getLocale: () => undefined,
  setLocale: () => undefined,
};

export async function createApp(options: CreateAppOptions): Promise<App> {
  const { settings } = options;
  const now = clock(settings);
  if (options.scope === 'policy') {
    const bot = new Bot({ features: [createPolicyFeature({ now, directory: anonymousDirectory })], directory: anonymousDirectory });
    return { bot, settings, now, unitNames: () => [], close: () => undefined };
  }
  const store = openReportStore({
    path: settings.dbPath,
    coordinators: settings.coordinators,
    now,
    dueDay: settings.dueDay,
    lockDays: settings.lockDays,
    osUser: options.osUser,
  });
  let scheduler: DeadlineScheduler | undefined;
  const deadlines: DeadlineSetup = {
    calendar: loadWorkCalendar(settings.deadlines.holidaysPath),
    policy: { dueDay: settings.dueDay, lockDays: settings.lockDays, ...settings.deadlines },
    remindAt: settings.deadlines.remindAt,
    running: () => scheduler !== undefined,
  };
  const bot = new Bot({
    features: [createReportsFeature({ store, deadlines }), createPolicyFeature({ now, directory: store })],
    directory: store,
  });
  return {
    bot,
    settings,
    now,
    store,
    unitNames: () => store.unitNames(),
    startScheduler(messengers) {
      if (!settings.deadlines.enabled || scheduler) return scheduler;
      scheduler = new DeadlineScheduler({ store, ...deadlines, messengers, defaultLocale: settings.defaultLocale });
      scheduler.start();
      return scheduler;
    },
    close: () => store.close(),
  };
}
