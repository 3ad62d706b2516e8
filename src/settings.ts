/**
 * Every setting Policy Desk reads, in one schema. Values come from the environment (a `.env`
 * file is loaded by the entry points); `.env.example` documents each one. Tests pass explicit
 * objects to `readSettings` instead of touching `process.env`.
 */
import * as z from 'zod';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { config as dotenvConfig } from 'dotenv';

/** Repository root, resolved from this file so commands work from any working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const settingsSchema = z.object({
  POLICY_DESK_DB: optionalString,
  POLICY_DESK_CORPUS_DIR: optionalString,
  POLICY_DESK_CORPUS_WATCH: optionalString.pipe(z.enum(['on', 'off']).optional()),
  POLICY_DESK_COORDINATORS: optionalString,
  POLICY_DESK_NOW: optionalString,
  POLICY_DESK_LOCALE: optionalString.pipe(z.enum(['zh-CN', 'en']).optional()),
  POLICY_DESK_DUE_DAY: optionalString,
  POLICY_DESK_LOCK_DAYS: optionalString,
  POLICY_DESK_CONSOLE_USER: optionalString,
  POLICY_DESK_REMIND_BEFORE_DAYS: optionalString,
  POLICY_DESK_ESCALATE_AFTER_DAYS: optionalString,
  POLICY_DESK_REMIND_AT: optionalString,
  POLICY_DESK_HOLIDAYS: optionalString,
  POLICY_DESK_SCHEDULER: optionalString.pipe(z.enum(['on', 'off']).optional()),
  POLICY_DESK_BACKUP_DIR: optionalString,
  POLICY_DESK_BACKUP_AT: optionalString,
  POLICY_DESK_HEALTH_PORT: optionalString,
  LOG_LEVEL: optionalString.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  POLICY_DESK_SEARCH_INDEX: optionalString,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_API_URL: optionalString,
  DISCORD_BOARD_CHANNEL_ID: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_PORT: optionalString,
  SLACK_API_URL: optionalString,
  SLACK_COMMAND_PREFIX: optionalString,
  SLACK_BOARD_CHANNEL: optionalString,
  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_BOARD_CONVERSATION_ID: optionalString,
  DINGTALK_API_URL: optionalString,
});

export interface Settings {
  /** SQLite file for reports (POLICY_DESK_DB; default data/policy-desk.db). */
  dbPath: string;
  /** Folder of policy texts (POLICY_DESK_CORPUS_DIR; default corpus/). */
  corpusDir: string;
  /** The running bot follows changes to the corpus folder (POLICY_DESK_CORPUS_WATCH, default on). */
  corpusWatch: boolean;
  /** Persisted search index folder (POLICY_DESK_SEARCH_INDEX; default search-index/ next to dbPath; undefined = off). */
  searchIndexDir: string | undefined;
  /** User ids bootstrapped as coordinators (POLICY_DESK_COORDINATORS, comma-separated). */
  coordinators: string[];
  /** Fixed clock for tests and demos (POLICY_DESK_NOW, ISO date-time); undefined = the real clock. */
  fixedNow: Date | undefined;
  /** Default locale when a platform does not say (POLICY_DESK_LOCALE). */
  defaultLocale: 'zh-CN' | 'en';
  /** User id of the console session (POLICY_DESK_CONSOLE_USER; default console:<login name>). */
  consoleUser: string | undefined;
  /** Day of the following month a report is due (POLICY_DESK_DUE_DAY, default 5). */
  dueDay: number;
  /** Days after the due date when a month locks (POLICY_DESK_LOCK_DAYS, default 15). */
  lockDays: number;
  /** The deadline scheduler (reminders, escalation, status board, quarter digests). */
  deadlines: {
    /** Working days before the due day of the first reminder (POLICY_DESK_REMIND_BEFORE_DAYS, default 3). */
    remindBeforeWorkdays: number;
    /** Working days after the due day when late units are escalated (POLICY_DESK_ESCALATE_AFTER_DAYS, default 2). */
    escalateAfterWorkdays: number;
    /** China time of day, HH:MM, when reminders go out (POLICY_DESK_REMIND_AT, default 09:00). */
    remindAt: string;
    /** Holiday table (POLICY_DESK_HOLIDAYS, default config/holidays.json). */
    holidaysPath: string;
    /** Runs with the chat adapters unless POLICY_DESK_SCHEDULER=off. */
    enabled: boolean;
  };
  /** `boardChannelId`: the coordinators' channel for the status board and digests (DISCORD_BOARD_CHANNEL_ID). */
  discord: { token: string; applicationId: string; guildId?: string; apiUrl?: string; boardChannelId?: string } | undefined;
  /** `boardChannel`: the coordinators' channel id for the status board and digests (SLACK_BOARD_CHANNEL). */
  slack:
    | { botToken: string; appToken?: string; signingSecret?: string; port: number; apiUrl?: string; commandPrefix: string; boardChannel?: string }
    | undefined;
  /**
   * Folder for backups: chat backups, the daily rotation, the CLI's `report backup` without a file
   * (POLICY_DESK_BACKUP_DIR; default backups/ next to the database, so data/backups for the default one).
   */
  backupDir: string;
  /** China time of the daily backup, HH:MM, or undefined when off (POLICY_DESK_BACKUP_AT; default 02:30). */
  backupAt: string | undefined;
  /** Port of the `GET /healthz` endpoint (POLICY_DESK_HEALTH_PORT); undefined = no endpoint. */
  healthPort: number | undefined;
  /** Log level (LOG_LEVEL); undefined = the entry point's default (info for a service, warn for the console chat). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * DingTalk (Stream mode), on when client id and secret are set. `robotCode` defaults to the
   * client id (an enterprise internal app's robot uses its AppKey as robot code); `apiUrl` is where
   * both the Stream gateway's connection-open endpoint and the OpenAPI are resolved.
   */
  dingtalk: { clientId: string; clientSecret: string; robotCode: string; boardConversationId?: string; apiUrl: string } | undefined;
  /** Slack command prefix even when Slack is not configured (the manifest generator needs it). */
  slackCommandPrefix: string;
}

function positiveInt(raw: string | undefined, name: string, fallback: number, max: number, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function remindAt(raw: string | undefined, name = 'POLICY_DESK_REMIND_AT', fallback = '09:00'): string {
  if (raw === undefined) return fallback;
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`${name} must be a time of day like ${fallback}, got "${raw}"`);
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A real ISO 8601 date-time (`2025-04-03T09:00:00+08:00`; no zone = China time). Refuses what
 * `new Date` would roll over or guess at: `2025-02-30T…`, `24:00`, `0`, a bare year.
 */
export function parseIsoDateTime(raw: string, name: string): Date {
  const m = ISO_DATE_TIME.exec(raw);
  const bad = () => new Error(`${name} must be a real ISO date-time like 2025-04-03T09:00:00+08:00, got "${raw}"`);
  if (!m) throw bad();
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d || h! > 23 || mi! > 59 || sec! > 59) throw bad();
  const at = new Date(m[7] ? raw : `${raw}+08:00`);
  if (Number.isNaN(at.getTime())) throw bad();
  return at;
}

/**
 * Reads and validates settings. Throws an Error with a one-line, human message naming the
 * variable when a value is malformed, so start-up fails early and clearly.
 */
export function readSettings(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid setting ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'bad value'}`);
  }
  const e = parsed.data;
  let fixedNow: Date | undefined;
  if (e.POLICY_DESK_NOW) fixedNow = parseIsoDateTime(e.POLICY_DESK_NOW, 'POLICY_DESK_NOW');
  const slackCommandPrefix = e.SLACK_COMMAND_PREFIX ?? '/pd-';
  if (!/^\/[a-z0-9_-]{0,20}$/.test(slackCommandPrefix)) {
    throw new Error(`SLACK_COMMAND_PREFIX must look like "/pd-" (lowercase letters, digits, - or _), got "${slackCommandPrefix}"`);
  }
  // Channel ids, not names: a name would fail only later, at the first post.
  if (e.DISCORD_BOARD_CHANNEL_ID && !/^\d{17,20}$/.test(e.DISCORD_BOARD_CHANNEL_ID)) {
    throw new Error(`DISCORD_BOARD_CHANNEL_ID must be a channel id (17–20 digits; Developer Mode → Copy Channel ID), got "${e.DISCORD_BOARD_CHANNEL_ID}"`);
  }
  if (e.SLACK_BOARD_CHANNEL && !/^[CG][A-Z0-9]{6,}$/.test(e.SLACK_BOARD_CHANNEL)) {
    throw new Error(`SLACK_BOARD_CHANNEL must be a channel id like C0123456789 (channel details → bottom of About), got "${e.SLACK_BOARD_CHANNEL}"`);
  }
  const discord =
    e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
      ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL, boardChannelId: e.DISCORD_BOARD_CHANNEL_ID }
      : undefined;
  const slackReady = e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET);
  const slack = slackReady
    ? {
        botToken: e.SLACK_BOT_TOKEN!,
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        port: positiveInt(e.SLACK_PORT, 'SLACK_PORT', 3000, 65535),
        apiUrl: e.SLACK_API_URL,
        commandPrefix: slackCommandPrefix,
        boardChannel: e.SLACK_BOARD_CHANNEL,
      }
    : undefined;
  if (e.DINGTALK_API_URL && !/^https?:\/\/[^\s/]+/.test(e.DINGTALK_API_URL)) {
    throw new Error(`DINGTALK_API_URL must be an http(s) base URL like https://api.dingtalk.com, got "${e.DINGTALK_API_URL}"`);
  }
  // Open conversation ids are opaque base64-like strings (cid…==); a group name would fail only at the first post.
  if (e.DINGTALK_BOARD_CONVERSATION_ID && !/^cid[A-Za-z0-9+/=_-]{6,}$/.test(e.DINGTALK_BOARD_CONVERSATION_ID)) {
    throw new Error(`DINGTALK_BOARD_CONVERSATION_ID must be an open conversation id like cidXXXX…== (see docs/dingtalk.md), got "${e.DINGTALK_BOARD_CONVERSATION_ID}"`);
  }
  if (Boolean(e.DINGTALK_CLIENT_ID) !== Boolean(e.DINGTALK_CLIENT_SECRET)) {
    throw new Error('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET go together: set both to start DingTalk, or neither');
  }
  const dingtalk =
    e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
      ? {
          clientId: e.DINGTALK_CLIENT_ID,
          clientSecret: e.DINGTALK_CLIENT_SECRET,
          robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
          boardConversationId: e.DINGTALK_BOARD_CONVERSATION_ID,
          apiUrl: (e.DINGTALK_API_URL ?? 'https://api.dingtalk.com').replace(/\/+$/, ''),
        }
      : undefined;
  return {
    dbPath: dbPathOf(e),
    searchIndexDir: searchIndexDir(e),
    corpusDir: resolve(e.POLICY_DESK_CORPUS_DIR ?? resolve(REPO_ROOT, 'corpus')),
    corpusWatch: e.POLICY_DESK_CORPUS_WATCH !== 'off',
    coordinators: (e.POLICY_DESK_COORDINATORS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    fixedNow,
    defaultLocale: e.POLICY_DESK_LOCALE ?? 'zh-CN',
    consoleUser: e.POLICY_DESK_CONSOLE_USER,
    dueDay: positiveInt(e.POLICY_DESK_DUE_DAY, 'POLICY_DESK_DUE_DAY', 5, 28),
    lockDays: positiveInt(e.POLICY_DESK_LOCK_DAYS, 'POLICY_DESK_LOCK_DAYS', 15, 365),
    deadlines: {
      remindBeforeWorkdays: positiveInt(e.POLICY_DESK_REMIND_BEFORE_DAYS, 'POLICY_DESK_REMIND_BEFORE_DAYS', 3, 20, 0),
      escalateAfterWorkdays: positiveInt(e.POLICY_DESK_ESCALATE_AFTER_DAYS, 'POLICY_DESK_ESCALATE_AFTER_DAYS', 2, 20),
      remindAt: remindAt(e.POLICY_DESK_REMIND_AT),
      holidaysPath: resolve(e.POLICY_DESK_HOLIDAYS ?? resolve(REPO_ROOT, 'config', 'holidays.json')),
      enabled: e.POLICY_DESK_SCHEDULER !== 'off',
    },
    discord,
    slack,
    backupDir: backupDirOf(e),
    backupAt: e.POLICY_DESK_BACKUP_AT === 'off' ? undefined : remindAt(e.POLICY_DESK_BACKUP_AT, 'POLICY_DESK_BACKUP_AT', '02:30'),
    healthPort: e.POLICY_DESK_HEALTH_PORT === undefined ? undefined : positiveInt(e.POLICY_DESK_HEALTH_PORT, 'POLICY_DESK_HEALTH_PORT', 8080, 65535),
    logLevel: e.LOG_LEVEL,
    dingtalk,
    slackCommandPrefix,
  };
}

/** Default reports database: data/policy-desk.db in the repository. */
function dbPathOf(e: { POLICY_DESK_DB?: string | undefined }): string {
  const v = e.POLICY_DESK_DB?.trim();
  return resolve(v ? v : resolve(REPO_ROOT, 'data', 'policy-desk.db'));
}

/**
 * Folder of backups (POLICY_DESK_BACKUP_DIR): default `backups/` next to the reports database, so a
 * backup of another database (`--db /tmp/x.db`) never lands among the production database's.
 */
function backupDirOf(e: { POLICY_DESK_DB?: string | undefined; POLICY_DESK_BACKUP_DIR?: string | undefined }): string {
  const v = e.POLICY_DESK_BACKUP_DIR?.trim();
  return v ? resolve(v) : join(dirname(dbPathOf(e)), 'backups');
}

/**
 * Folder of the persisted search index (POLICY_DESK_SEARCH_INDEX): default `search-index/` next to
 * the reports database; `off` = none (the index is built in memory at every start).
 */
export function searchIndexDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const v = env.POLICY_DESK_SEARCH_INDEX?.trim();
  if (v === 'off') return undefined;
  return v ? resolve(v) : join(dirname(dbPathOf(env)), 'search-index');
}

/** The clock: POLICY_DESK_NOW when set, else the real time. */
export function clock(settings: Pick<Settings, 'fixedNow'>): () => Date {
  return () => (settings.fixedNow ? new Date(settings.fixedNow.getTime()) : new Date());
}

/**
 * Loads `.env` from the repository root into process.env (existing variables win). Quiet, so
 * `--json` output stays pure JSON.
 */
export function loadDotEnv(): void {
  dotenvConfig({ path: resolve(REPO_ROOT, '.env'), quiet: true });
}
