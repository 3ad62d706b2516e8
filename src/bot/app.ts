/**
 * The composition root: builds a Bot with every feature wired to its services. Surfaces (CLI,
 * console, Discord, Slack) call `createApp` and then only talk to `app.bot`.
 *
 * `scope: 'policy'` builds the search/ask/help bot without opening the reports database, so
 * `npx policy-desk search …` starts fast and never creates a database file as a side effect.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openReportStore, type ReportStore } from '../reports/index.ts';
import type { Settings } from '../settings.ts';
import { clock } from '../settings.ts';
import { Bot } from './bot.ts';
import type { UserDirectory } from './context.ts';
import { createPolicyFeature } from './policy/index.ts';
import { createReportsFeature } from './reports/index.ts';

export interface App {
  bot: Bot;
  settings: Settings;
  now(): Date;
  /** Names of the reporting units in the roster (Discord choices, Slack selects). */
  unitNames(): string[];
  /** The reports store; undefined for a policy-only app. */
  store?: ReportStore;
  close(): void;
}

export interface CreateAppOptions {
  settings: Settings;
  /** 'all' (default) opens the reports database; 'policy' serves search, ask and help only. */
  scope?: 'all' | 'policy';
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
  mkdirSync(dirname(settings.dbPath), { recursive: true });
  const store = openReportStore({
    path: settings.dbPath,
    coordinators: settings.coordinators,
    now,
    dueDay: settings.dueDay,
    lockDays: settings.lockDays,
  });
  const bot = new Bot({
    features: [createReportsFeature({ store }), createPolicyFeature({ now, directory: store })],
    directory: store,
  });
  return {
    bot,
    settings,
    now,
    store,
    unitNames: () => store.unitNames(),
    close: () => store.close(),
  };
}
