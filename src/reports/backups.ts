/**
 * Backups beyond the one-off copy: the configured backup folder (POLICY_DESK_BACKUP_DIR), the
 * daily online backup with rotation, and restoring a backup over the live file.
 *
 * From chat a backup may only land in the backup folder: either a file name the bot chooses or a
 * bare file name the coordinator typed, checked by `backupPathIn` — never a path. The CLI may
 * write wherever its operator says (`ReportStore.backup`).
 *
 * ```ts
 * const file = backupPathIn(settings.backupDir, 'before-audit.db');   // throws PathError on '../x.db'
 * await runDailyBackup(store, settings.backupDir);                    // daily/…, monthly/…, pruned
 * ```
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PathError } from '../files.ts';
import type { Localized } from '../text/locale.ts';
import { openDatabase, verifyDatabaseFile, type ReportStore } from './store.ts';

/** How many backups the rotation keeps. */
export interface Retention {
  daily: number;
  monthly: number;
}
export const DEFAULT_RETENTION: Retention = { daily: 14, monthly: 12 };

/** The system user that runs scheduled backups (recorded as the actor in the audit log). */
export const BACKUP_ACTOR = 'system:backup';

const BARE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,120}$/u;

/**
 * The file `name` inside the backup folder. `name` must be a bare file name (letters, digits,
 * `.`, `_`, `-`; no folder, no `..`); `.db` is added when missing. Throws PathError otherwise.
 */
export function backupPathIn(folder: string, name: string): string {
  const trimmed = name.trim();
  if (!BARE_NAME.test(trimmed) || trimmed.includes('..')) {
    throw new PathError(name, {
      zh: `备份只能写入配置的备份文件夹，请只给文件名（字母、数字、. _ -），不要带路径：「${name}」`,
      en: `A backup goes only into the configured backup folder: give a file name (letters, digits, . _ -) without a path: "${name}"`,
    });
  }
  const file = resolve(folder, trimmed.endsWith('.db') ? trimmed : `${trimmed}.db`);
  if (resolve(file, '..') !== resolve(folder)) throw new PathError(name, { zh: `备份文件必须在备份文件夹 ${resolve(folder)} 内：「${name}」`, en: `The backup file must be inside the backup folder ${resolve(folder)}: "${name}"` });
  return file;
}

/** A file name the bot chooses for an on-demand backup: policy-desk-20250403-101500.db (China time). */
export function backupFileName(now: Date): string {
  const t = chinaIso(now);
  return `policy-desk-${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}.db`;
}

/**
 * Where restore keeps the current database: `<db>.before-restore-20261201-081839`, stamped in China
 * time like the backups' names; `-2`, `-3`… when a restore in the same second left one already.
 */
export function keptAsideName(live: string, now: Date): string {
  const t = chinaIso(now);
  const base = `${live}.before-restore-${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}`;
  let name = base;
  for (let i = 2; existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/** `YYYY-MM-DDTHH:MM:SS` on the clock in Jincheng (UTC+8, no DST). */
function chinaIso(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
}

/** Keeps the newest `keep` files of a rotation folder (names sort by date). */
function prune(dir: string, keep: number): string[] {
  const files = readdirSync(dir).filter((f) => /^policy-desk-[\d-]+\.db$/.test(f)).sort();
  const drop = files.slice(0, Math.max(0, files.length - keep));
  for (const f of drop) rmSync(join(dir, f), { force: true });
  return drop;
}

/**
 * The daily online backup: `daily/policy-desk-YYYY-MM-DD.db` (China date) and, the first time in
 * a month, `monthly/policy-desk-YYYY-MM.db`; each verified (integrity_check) by
 * `ReportStore.backup`; then the oldest are pruned down to the retention. Running twice in a day
 * replaces that day's file.
 */
export async function runDailyBackup(
  store: ReportStore,
  folder: string,
  retention: Retention = DEFAULT_RETENTION,
): Promise<{ ok: true; daily: string; monthly?: string; pruned: string[] } | { ok: false; problem: string }> {
  const day = chinaIso(store.now()).slice(0, 10);
  const dailyDir = join(folder, 'daily');
  const monthlyDir = join(folder, 'monthly');
  mkdirSync(dailyDir, { recursive: true });
  mkdirSync(monthlyDir, { recursive: true });
  const daily = await store.writeBackup(BACKUP_ACTOR, join(dailyDir, `policy-desk-${day}.db`));
  if (!daily.ok) return { ok: false, problem: daily.problem.zh };
  let monthly: string | undefined;
  const monthFile = join(monthlyDir, `policy-desk-${day.slice(0, 7)}.db`);
  if (!existsSync(monthFile)) {
    copyFileSync(daily.file, monthFile);
    monthly = monthFile;
  }
  const pruned = [...prune(dailyDir, retention.daily), ...prune(monthlyDir, retention.monthly)];
  return { ok: true, daily: daily.file, monthly, pruned };
}

/**
 * Restores `backupFile` over the database at `dbPath`. The backup is checked first (opens,
 * integrity_check ok, a schema version this code knows); the current file is kept aside as
 * `<db>.before-restore-<time>` (checkpointed, so its WAL is inside it). Run with the bot stopped:
 * a running process would keep writing to the file it had open.
 */
export function restoreDatabase(dbPath: string, backupFile: string, now: Date = new Date()): { ok: true; restored: string; keptAside?: string } | { ok: false; problem: Localized } {
  const source = resolve(backupFile);
  const live = resolve(dbPath);
  if (!existsSync(source)) return { ok: false, problem: { zh: `备份文件不存在：${source}`, en: `The backup file does not exist: ${source}` } };
  if (source === live) return { ok: false, problem: { zh: `备份文件就是当前数据库本身：${source}`, en: `The backup file is the current database itself: ${source}` } };
  const problem = verifyDatabaseFile(source);
  if (problem) return { ok: false, problem: { zh: `备份文件 ${source} 不能用于恢复：${problem.zh}`, en: `The backup file ${source} cannot be restored: ${problem.en}` } };
  let keptAside: string | undefined;
  if (existsSync(live)) {
    const db = new Database(live);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    keptAside = keptAsideName(live, now);
    renameSync(live, keptAside);
    for (const ext of ['-wal', '-shm']) rmSync(`${live}${ext}`, { force: true });
  }
  copyFileSync(source, live);
  // Opening migrates an older backup to the current schema and proves the file works.
  openDatabase(live).db.close();
  return { ok: true, restored: live, keptAside };
}
