/**
 * Opening the reports database file: safe first-time migration when several processes start at
 * once, refusal of a newer schema, read-only fallback, file verification and verified online
 * backups. Everything here is about the file; what is in it belongs to the directory and the
 * repository.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ensureParentDir, PathError } from '../files.ts';
import type { Localized } from '../text/locale.ts';
import { basename, dirname, join, resolve } from 'node:path';
import { MIGRATIONS } from './schema.ts';
import { logger } from '../log.ts';


/** An error about the database that names its file (every open and migration error does). */
export class DatabaseFileError extends Error {
  /** The problem in both languages (`message` is its Chinese). */
  readonly problem: Localized;
  /** `reason` is SQLite's own (English) message, or a problem already worded in both languages. */
  constructor(
    readonly file: string,
    reason: string | Localized,
  ) {
    const r = typeof reason === 'string' ? { zh: reason, en: reason } : reason;
    super(`数据库 ${file}：${r.zh}`);
    this.problem = { zh: this.message, en: `Database ${file}: ${r.en}` };
  }
}

/** How long {@link switchToWal} keeps trying while other processes hold the file (as `busy_timeout`). */
const WAL_SWITCH_MS = 5000;

/**
 * Sets WAL mode, retrying while another process holds the file. The busy timeout does not cover
 * this: switching needs an exclusive lock, and when two connections that both read the file ask
 * for it, SQLite answers one of them "database is locked" at once rather than let them wait on
 * each other (one in about a dozen starts of six processes on a new file failed so).
 */
function switchToWal(db: Database.Database): void {
  const until = Date.now() + WAL_SWITCH_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw err;
      // A synchronous pause (opening the store is synchronous); the other process finishes meanwhile.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}

/**
 * Opens the SQLite file and brings its schema up to date, safely when several processes open a
 * brand-new file at once: `busy_timeout` is set before anything can take a lock, the switch to WAL
 * is retried while another process holds the file ({@link switchToWal}), and the version
 * read and the migrations run inside one IMMEDIATE transaction, so exactly one process migrates
 * and the others wait and then see the new version. A file whose schema is newer than this code
 * is refused, never written to. A file that cannot be opened for writing is opened read-only
 * (reads work; writes are refused by the store).
 */
export function openDatabase(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): { db: Database.Database; readonly: boolean } {
  if (path !== ':memory:') ensureParentDir(path, '数据库');
  let db: Database.Database;
  let readonly = false;
  try {
    // SQLite would quietly open an unwritable file read-only and fail at the first write; say so up front.
    if (path !== ':memory:' && existsSync(path) && !(canWrite(path) && canWrite(dirname(path)))) throw Object.assign(new Error('not writable'), { code: 'SQLITE_READONLY' });
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    // Refuse a newer file before anything (even the journal mode) is written to it.
    const seen = db.pragma('user_version', { simple: true }) as number;
    if (seen <= MIGRATIONS.length) switchToWal(db);
  } catch (err) {
    if (!isReadOnlyError(err) || !existsSync(path)) throw new DatabaseFileError(path, (err as Error).message);
    try {
      db = openReadOnly(path);
      readonly = true;
    } catch (again) {
      throw new DatabaseFileError(path, (again as Error).message);
    }
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new DatabaseFileError(path, {
        zh: `数据库结构版本为 ${version}，本程序只认识到 ${MIGRATIONS.length}（由更新版本的 Policy Desk 创建）；请升级程序，或用 report restore 恢复旧备份。未做任何修改。`,
        en: `schema version ${version} is newer than the ${MIGRATIONS.length} this program knows (made by a newer Policy Desk); upgrade, or restore an older backup with report restore. Nothing was changed.`,
      });
    }
    if (readonly) {
      if (version < MIGRATIONS.length) {
        throw new DatabaseFileError(path, {
          zh: `数据库只读，且结构版本 ${version} 需要升级到 ${MIGRATIONS.length}；请给运行账户写权限。`,
          en: `read-only, and schema version ${version} needs upgrading to ${MIGRATIONS.length}; give the service account write permission.`,
        });
      }
    } else {
      db.pragma('foreign_keys = ON');
      db.pragma(`synchronous = ${synchronous}`);
      db.transaction(() => {
        // Read again under the write lock: another process may have migrated meanwhile.
        const current = db.pragma('user_version', { simple: true }) as number;
        for (let i = current; i < MIGRATIONS.length; i++) db.exec(MIGRATIONS[i]!);
        if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
      }).immediate();
    }
  } catch (err) {
    db.close();
    throw err instanceof DatabaseFileError ? err : new DatabaseFileError(path, (err as Error).message);
  }
  logger.debug({ event: 'db_open', db: path, schema: MIGRATIONS.length, readonly });
  return { db, readonly };
}

/**
 * Opens a database file read-only and checks it is a whole Policy Desk database: integrity_check
 * says ok and the schema version is one this code knows. Returns the problem, or null.
 */
export function verifyDatabaseFile(file: string): Localized | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') return { zh: `integrity_check: ${integrity}`, en: `integrity_check: ${integrity}` };
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > MIGRATIONS.length) return { zh: `不是本程序认识的报送数据库（结构版本 ${version}）`, en: `not a reports database this program knows (schema version ${version})` };
    return null;
  } catch (err) {
    return { zh: `无法作为 SQLite 数据库打开：${(err as Error).message}`, en: `cannot be opened as an SQLite database: ${(err as Error).message}` };
  } finally {
    db?.close();
  }
}

/**
 * A read-only connection. In WAL mode SQLite must create `-shm` beside the file even to read; when
 * the folder is not writable either, read a private snapshot copy instead (removed at exit).
 */
function openReadOnly(path: string): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('user_version', { simple: true });
    return db;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_READONLY_DIRECTORY') throw err;
    const dir = mkdtempSync(join(tmpdir(), 'policy-desk-readonly-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const copy = join(dir, basename(path));
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    return new Database(copy);
  }
}

function canWrite(p: string): boolean {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return /READONLY|CANTOPEN|PERM|AUTH/.test(code) || /readonly|read-only|unable to open/i.test((err as Error).message ?? '');
}

/**
 * Copies the live database `db` (file `livePath`) to `file` with SQLite's online backup API (safe
 * while in use), into a temporary file beside the target that is opened and `integrity_check`ed
 * before it is renamed into place, so a success always names a verified backup. The live file,
 * its `-wal` and `-shm` are refused as targets. Returns the problem in both locales on failure.
 */
export async function backupDatabase(
  db: Database.Database,
  livePath: string,
  file: string,
): Promise<{ ok: true; file: string; pages: number } | { ok: false; zh: string; en: string }> {
  const target = resolve(file);
  const live = resolve(livePath);
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : p);
  if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].some((p) => p === target || real(p) === real(target))) {
    return { ok: false, zh: `不能备份到正在使用的数据库文件本身（${target}）；请换一个文件名。`, en: `Refusing to back up onto the live database or its -wal/-shm (${target}); choose another file.` };
  }
  try {
    ensureParentDir(target, '备份文件');
  } catch (err) {
    if (err instanceof PathError) return { ok: false, ...err.problem };
    return { ok: false, zh: (err as Error).message, en: (err as Error).message };
  }
  const temp = `${target}.partial-${process.pid}`;
  try {
    const res = await db.backup(temp);
    // A standalone copy: one file, no -wal or -shm beside it.
    const copy = new Database(temp);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const problem = verifyDatabaseFile(temp);
    if (problem) {
      rmSync(temp, { force: true });
      return { ok: false, zh: `备份失败（${target}）：${problem.zh}`, en: `Backup failed (${target}): ${problem.en}` };
    }
    renameSync(temp, target);
    return { ok: true, file: target, pages: res.totalPages };
  } catch (err) {
    rmSync(temp, { force: true });
    return { ok: false, zh: `备份失败（${target}）：${(err as Error).message}`, en: `Backup failed (${target}): ${(err as Error).message}` };
  }
}
