/**
 * The reports store: one SQLite file holding membership, reports with their full revision
 * history, month flags (excused, reopened) and an audit log of every write and every refusal.
 *
 * Every write goes through one transaction that stores the report, its new revision and the
 * audit entry together, so a write is either wholly there or not at all, and the caller gets
 * its acknowledgement (the revision number) only after the commit. Statements are prepared once.
 *
 * ```ts
 * const store = openReportStore({ path: 'data/policy-desk.db', coordinators: ['console:admin'] });
 * store.bind('console:admin', 'console:liu', '城区');
 * const r = store.write({ actor: 'console:liu', unit: '城区', month: '2025-03', kind: 'submit',
 *                         raw: { outbound_trips: '2', … } });
 * if (r.ok) console.log(`已提交，第 ${r.revision} 版`);
 * ```
 */
import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ensureParentDir } from '../files.ts';
import { basename, dirname, join, resolve } from 'node:path';
import { MIGRATIONS } from './schema.ts';
import { userIdProblem } from './userIds.ts';
import { logger } from '../log.ts';
import { NotificationLog } from './notifications.ts';
import type { FieldProblem, ReportDefinition, ReportValues, Roster, Unit } from './definition.ts';
import { fieldName, findUnit, stripControls, loadDefinition, loadRoster, numericFields, orderedUnits, parseValues, unitActiveIn, zeroValues } from './definition.ts';
import { addMonths, chinaIso, currentMonth, deadline, dueMonth, effectiveLockTime, lastDayBefore, monthEnded, parseMonth } from './months.ts';

// ── Opening the file ─────────────────────────────────────────────────────────────────────

/** An error about the database that names its file (every open and migration error does). */
export class DatabaseFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`数据库 ${file}：${message}`);
  }
}

/**
 * Opens the SQLite file and brings its schema up to date, safely when several processes open a
 * brand-new file at once: `busy_timeout` is set before anything can take a lock, and the version
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
    if (seen <= MIGRATIONS.length) db.pragma('journal_mode = WAL');
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
      throw new Error(`数据库结构版本为 ${version}，本程序只认识到 ${MIGRATIONS.length}（由更新版本的 Policy Desk 创建）；请升级程序，或用 report restore 恢复旧备份。未做任何修改。`);
    }
    if (readonly) {
      if (version < MIGRATIONS.length) throw new Error(`数据库只读，且结构版本 ${version} 需要升级到 ${MIGRATIONS.length}；请给运行账户写权限。`);
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
export function verifyDatabaseFile(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') return `integrity_check: ${integrity}`;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > MIGRATIONS.length) return `不是本程序认识的报送数据库（结构版本 ${version}）`;
    return null;
  } catch (err) {
    return `无法作为 SQLite 数据库打开：${(err as Error).message}`;
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

export type { Locale } from '../text/locale.ts';
import type { Locale } from '../text/locale.ts';
export type ReportStatus = 'on_time' | 'late' | 'missing' | 'excused';
export type WriteKind = 'submit' | 'amend' | 'none';
export type Problem = FieldProblem;

export interface StoreOptions {
  /** SQLite file; created with its folder when absent. */
  path: string;
  /**
   * User ids that are coordinators (POLICY_DESK_COORDINATORS). When given, this list is the truth:
   * ids no longer listed lose the role at this open (audited). Omitted: roles stored in the file.
   */
  coordinators?: string[];
  /** The clock (POLICY_DESK_NOW in tests and demos). */
  now?: () => Date;
  /** Day of the following month a report is due (default 5). */
  dueDay?: number;
  /** Days after the due day when the month locks (default 15). */
  lockDays?: number;
  definition?: ReportDefinition;
  roster?: Roster;
  /** The OS account running a CLI call (`os:<login>`), stored in every audit entry it causes. */
  osUser?: string;
  /** SQLite `synchronous` in WAL mode: FULL (default) also survives power loss; NORMAL survives process crashes. */
  synchronous?: 'FULL' | 'NORMAL';
}

export interface Warning {
  code: 'pair' | 'median';
  field: string;
  problem: Problem;
}

export type FailCode =
  | 'unknown_unit'
  | 'bad_month'
  | 'inactive_unit'
  | 'forbidden'
  | 'locked'
  | 'exists'
  | 'not_found'
  | 'reason_required'
  | 'invalid'
  | 'unchanged'
  | 'month_in_progress'
  | 'warnings';

export interface Failure {
  ok: false;
  code: FailCode;
  problem: Problem;
  fieldErrors?: Record<string, Problem>;
  warnings?: Warning[];
}

export interface WriteRequest {
  actor: string;
  /** Unit name or alias. */
  unit: string;
  /** Month as typed (`2025-03`, `上个月`…). */
  month: string;
  kind: WriteKind;
  /** Raw strings typed per field (the form or `--set`). For `amend`, untyped fields keep their value. */
  raw?: Record<string, string>;
  /** Already-parsed values (a confirmed draft); takes precedence over `raw`. */
  values?: ReportValues;
  reason?: string;
  /** True when the person confirmed the soft warnings. */
  acceptWarnings?: boolean;
}

export interface Prepared {
  ok: true;
  unit: Unit;
  month: string;
  kind: WriteKind;
  values: ReportValues;
  warnings: Warning[];
  /** Current stored revision (amend), for the confirmation card. */
  current?: ReportView;
}

export interface ReportView {
  unit: string;
  month: string;
  status: ReportStatus;
  values: ReportValues;
  revisions: number;
  noActivity: boolean;
  firstSubmittedAt?: string;
  updatedAt?: string;
  updatedBy?: string;
  returned?: { at: string; by: string; comment: string };
  excused?: { at: string; by: string; reason: string };
  deadline: string;
  lockDay: string;
  locked: boolean;
}

export interface RevisionRow {
  unit: string;
  month: string;
  number: number;
  kind: WriteKind;
  userId: string;
  at: string;
  values: ReportValues;
  reason: string | null;
  warnings: string[];
}

export interface MissingReport {
  month: string;
  missing: Array<{ unit: string; reporters: string[] }>;
  late: Array<{ unit: string; submittedAt: string }>;
  excused: Array<{ unit: string; reason: string }>;
  onTime: Array<{ unit: string; submittedAt: string }>;
  /** Reports returned for correction and not yet amended (退回待改). */
  returned: Array<{ unit: string; comment: string }>;
  /** Units expected to report: active in the month and not excused. */
  expected: number;
  /** Percent of expected (not excused) units that have reported, one decimal. */
  completeness: number;
  /** Percent of expected (not excused) units that reported by the due day, one decimal. */
  onTimeRate: number;
  deadline: string;
  /** False until the due day has passed (missing units are not late yet). */
  overdue: boolean;
}

/** A committed change to a unit's month (the status board listens for these). */
export interface ReportChange {
  unit: string;
  month: string;
  action: 'submit' | 'amend' | 'none' | 'excuse' | 'reopen' | 'return';
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: string;
  action: string;
  unit: string | null;
  month: string | null;
  outcome: 'ok' | 'refused' | 'rejected';
  detail: string | null;
  /** The OS account that ran the CLI (its `--as` is the operator's statement); null from chat. */
  osUser: string | null;
}

interface ReportRow {
  id: number;
  unit: string;
  month: string;
  values_json: string;
  no_activity: number;
  revision: number;
  first_at: string;
  first_by: string;
  updated_at: string;
  updated_by: string;
  returned_at: string | null;
  returned_by: string | null;
  return_comment: string | null;
}

interface FlagRow {
  unit: string;
  month: string;
  excused_at: string | null;
  excused_by: string | null;
  excuse_reason: string | null;
  reopened_at: string | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}

const fail = (code: FailCode, zh: string, en: string, extra: Partial<Failure> = {}): Failure => ({ ok: false, code, problem: { zh, en }, ...extra });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The SQLite-backed store. Implements the bot's `UserDirectory` (roles, refusals, locale) as
 * well as the report domain, so one object answers "who may do what" and "what was reported".
 */
export class ReportStore {
  readonly definition: ReportDefinition;
  readonly roster: Roster;
  readonly dueDay: number;
  readonly lockDays: number;
  readonly now: () => Date;
  readonly path: string;
  private readonly db: Database.Database;
  /** True when the file could only be opened read-only: reads work, writes are refused. */
  readonly readonly: boolean;
  /** The operating-system account behind a CLI call, recorded beside `--as` in the audit log. */
  private readonly osUser: string | null;
  /** POLICY_DESK_COORDINATORS as configured; null when the caller leaves roles to the database. */
  private readonly configuredCoordinators: Set<string> | null;
  private readonly st: ReturnType<ReportStore['prepareStatements']>;
  private readonly listeners = new Set<(change: ReportChange) => void>();
  /** What the deadline scheduler has sent, and its status-board messages. */
  readonly notifications: NotificationLog;

  constructor(options: StoreOptions) {
    this.definition = options.definition ?? loadDefinition();
    this.roster = options.roster ?? loadRoster();
    this.dueDay = options.dueDay ?? 5;
    this.lockDays = options.lockDays ?? 15;
    this.now = options.now ?? (() => new Date());
    this.path = options.path;
    const opened = openDatabase(options.path, options.synchronous ?? 'FULL');
    this.db = opened.db;
    this.readonly = opened.readonly;
    this.osUser = options.osUser ?? null;
    this.st = this.prepareStatements();
    this.notifications = new NotificationLog(this.db, this.now);
    this.configuredCoordinators = options.coordinators ? new Set(options.coordinators) : null;
    if (this.configuredCoordinators && !this.readonly) this.syncCoordinators([...this.configuredCoordinators]);
  }

  /**
   * The configured list (POLICY_DESK_COORDINATORS) is the truth at every start: ids added to it
   * become coordinators, ids removed from it stop being coordinators (revocation), each change
   * audited. The table keeps who was added when; `isCoordinator` reads the configured list.
   */
  private syncCoordinators(configured: string[]): void {
    const at = this.now().toISOString();
    const stored = new Set(this.st.coordinators.all() as string[]);
    this.db.transaction(() => {
      for (const id of configured) {
        if (stored.has(id)) continue;
        this.st.addCoordinator.run(id, 'POLICY_DESK_COORDINATORS', at);
        this.audit('system:config', 'coordinator grant', null, null, 'ok', id);
        logger.info({ event: 'coordinator_granted', user: id });
      }
      for (const id of stored) {
        if (configured.includes(id)) continue;
        this.st.removeCoordinator.run(id);
        this.audit('system:config', 'coordinator revoke', null, null, 'ok', id);
        logger.warn({ event: 'coordinator_revoked', user: id }, 'removed from POLICY_DESK_COORDINATORS');
      }
    }).immediate();
  }

  private prepareStatements() {
    const db = this.db;
    return {
      removeCoordinator: db.prepare('DELETE FROM coordinators WHERE user_id = ?'),
      addCoordinator: db.prepare('INSERT OR IGNORE INTO coordinators (user_id, added_by, added_at) VALUES (?, ?, ?)'),
      isCoordinator: db.prepare('SELECT 1 FROM coordinators WHERE user_id = ?').pluck(),
      coordinators: db.prepare('SELECT user_id FROM coordinators ORDER BY added_at, user_id').pluck(),
      unitsOf: db.prepare('SELECT unit FROM members WHERE user_id = ? ORDER BY unit').pluck(),
      reportersOf: db.prepare('SELECT user_id FROM members WHERE unit = ? ORDER BY added_at, user_id').pluck(),
      bind: db.prepare('INSERT OR IGNORE INTO members (user_id, unit, added_by, added_at) VALUES (?, ?, ?, ?)'),
      unbind: db.prepare('DELETE FROM members WHERE user_id = ? AND unit = ?'),
      getLocale: db.prepare('SELECT locale FROM preferences WHERE user_id = ?').pluck(),
      setLocale: db.prepare('INSERT INTO preferences (user_id, locale) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale'),
      audit: db.prepare('INSERT INTO audit (at, user_id, action, unit, month, outcome, detail, os_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      report: db.prepare('SELECT * FROM reports WHERE unit = ? AND month = ?'),
      reportsOfMonth: db.prepare('SELECT * FROM reports WHERE month = ?'),
      reportsBetween: db.prepare('SELECT unit, month, values_json, first_at FROM reports WHERE month >= ? AND month <= ?'),
      history: db.prepare('SELECT values_json FROM reports WHERE unit = ? AND month >= ? AND month < ?').pluck(),
      insertReport: db.prepare(
        `INSERT INTO reports (unit, month, values_json, no_activity, revision, first_at, first_by, updated_at, updated_by)
         VALUES (@unit, @month, @values, @noActivity, 1, @at, @by, @at, @by)`,
      ),
      updateReport: db.prepare(
        `UPDATE reports SET values_json = @values, no_activity = @noActivity, revision = revision + 1, updated_at = @at, updated_by = @by,
           returned_at = NULL, returned_by = NULL, return_comment = NULL
         WHERE id = @id RETURNING revision`,
      ),
      insertRevision: db.prepare(
        `INSERT INTO revisions (report_id, number, kind, user_id, at, values_json, reason, warnings_json)
         VALUES (@reportId, @number, @kind, @by, @at, @values, @reason, @warnings)`,
      ),
      revisionsOf: db.prepare(
        `SELECT r.unit, r.month, v.number, v.kind, v.user_id, v.at, v.values_json, v.reason, v.warnings_json
         FROM revisions v JOIN reports r ON r.id = v.report_id WHERE r.unit = ? AND r.month = ? ORDER BY v.number`,
      ),
      revisionsBetween: db.prepare(
        `SELECT r.unit, r.month, v.number, v.kind, v.user_id, v.at, v.values_json, v.reason, v.warnings_json
         FROM revisions v JOIN reports r ON r.id = v.report_id WHERE r.month >= ? AND r.month <= ? ORDER BY r.month, r.unit, v.number`,
      ),
      flag: db.prepare('SELECT * FROM month_flags WHERE unit = ? AND month = ?'),
      flagsOfMonth: db.prepare('SELECT * FROM month_flags WHERE month = ?'),
      excuse: db.prepare(
        `INSERT INTO month_flags (unit, month, excused_at, excused_by, excuse_reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (unit, month) DO UPDATE SET excused_at = excluded.excused_at, excused_by = excluded.excused_by, excuse_reason = excluded.excuse_reason`,
      ),
      reopen: db.prepare(
        `INSERT INTO month_flags (unit, month, reopened_at, reopened_by, reopen_reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (unit, month) DO UPDATE SET reopened_at = excluded.reopened_at, reopened_by = excluded.reopened_by, reopen_reason = excluded.reopen_reason`,
      ),
      markReturned: db.prepare('UPDATE reports SET returned_at = ?, returned_by = ?, return_comment = ? WHERE id = ?'),
      auditOf: db.prepare('SELECT id, at, user_id AS userId, action, unit, month, outcome, detail, os_user AS osUser FROM audit WHERE (@user IS NULL OR user_id = @user) ORDER BY id'),
    };
  }

  // ── UserDirectory ────────────────────────────────────────────────────────────────────────

  /** Whether the user coordinates, and which units they report for. */
  rolesOf(userId: string): { coordinator: boolean; units: string[] } {
    return { coordinator: this.isCoordinator(userId), units: this.unitsOf(userId) };
  }

  isCoordinator(userId: string): boolean {
    return this.configuredCoordinators ? this.configuredCoordinators.has(userId) : this.st.isCoordinator.get(userId) === 1;
  }

  /** Every coordinator: POLICY_DESK_COORDINATORS when configured, else those recorded in the database. */
  coordinators(): string[] {
    return this.configuredCoordinators ? [...this.configuredCoordinators] : (this.st.coordinators.all() as string[]);
  }

  /**
   * Calls `listener` after every committed change to a unit's month (submission, amendment,
   * "no activity", excuse, reopen, return). Returns the function that unsubscribes it.
   */
  onChange(listener: (change: ReportChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: ReportChange): void {
    // A listener's failure must never undo or hide a committed write.
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        logger.error({ event: 'listener_failed', unit: change.unit, month: change.month, err: (err as Error).message });
      }
    }
  }

  /** Units a user reports for, in roster order. */
  unitsOf(userId: string): string[] {
    const mine = new Set(this.st.unitsOf.all(userId) as string[]);
    return this.roster.units.map((u) => u.name).filter((n) => mine.has(n));
  }

  reportersOf(unit: string): string[] {
    return this.st.reportersOf.all(unit) as string[];
  }

  /** Records a refused attempt in the audit log. */
  recordRefusal(userId: string, what: string, reason: string, unit?: string, month?: string): void {
    this.audit(userId, what, unit ?? null, month ?? null, 'refused', reason);
  }

  getLocale(userId: string): Locale | undefined {
    return (this.st.getLocale.get(userId) as Locale | undefined) ?? undefined;
  }

  setLocale(userId: string, locale: Locale): void {
    this.db.transaction(() => {
      this.st.setLocale.run(userId, locale);
      this.audit(userId, 'lang', null, null, 'ok', locale);
    })();
  }

  private audit(userId: string, action: string, unit: string | null, month: string | null, outcome: AuditEntry['outcome'], detail: string | null): void {
    // A read-only database is still readable; its refusals simply cannot be recorded there.
    if (this.readonly) return;
    this.st.audit.run(this.now().toISOString(), userId, action, unit, month, outcome, detail, this.osUser);
  }

  /** Audit entries, oldest first (optionally one user's). */
  auditLog(userId?: string): AuditEntry[] {
    return this.st.auditOf.all({ user: userId ?? null }) as AuditEntry[];
  }

  // ── Membership ───────────────────────────────────────────────────────────────────────────

  /** Makes `userId` a reporter for a unit. Coordinators only. */
  bind(actor: string, userId: string, unitText: string): { ok: true; unit: string; changed: boolean } | Failure {
    return this.membership(actor, userId, unitText, 'bind');
  }

  unbind(actor: string, userId: string, unitText: string): { ok: true; unit: string; changed: boolean } | Failure {
    return this.membership(actor, userId, unitText, 'unbind');
  }

  private membership(actor: string, userId: string, unitText: string, op: 'bind' | 'unbind') {
    const unit = findUnit(this.roster, unitText);
    if (!unit) return this.refuse(actor, `admin ${op}`, null, null, this.unknownUnit(unitText));
    if (!this.isCoordinator(actor)) return this.refuse(actor, `admin ${op}`, unit.name, null, this.coordinatorOnly());
    const user = userId.trim();
    const problem = op === 'bind' ? userIdProblem(user) : null;
    if (problem) return this.refuse(actor, `admin ${op}`, unit.name, null, fail('invalid', problem.zh, problem.en));
    if (this.readonly) return this.refuse(actor, `admin ${op}`, unit.name, null, this.readOnlyFailure());
    let changed = false;
    this.db.transaction(() => {
      const at = this.now().toISOString();
      changed = (op === 'bind' ? this.st.bind.run(user, unit.name, actor, at) : this.st.unbind.run(user, unit.name)).changes > 0;
      this.audit(actor, `admin ${op}`, unit.name, null, 'ok', user);
    })();
    return { ok: true as const, unit: unit.name, changed };
  }

  // ── Lookups ──────────────────────────────────────────────────────────────────────────────

  /**
   * The latest month that has ended (the previous calendar month): the default for coordinator
   * views (missing, summary, export, reminders), which look back at a finished month.
   */
  lastMonth(): string {
    return addMonths(currentMonth(this.now()), -1);
  }

  /** Names of the reporting units, in roster order (Discord choices, Slack selects). */
  unitNames(): string[] {
    return this.roster.units.map((u) => u.name);
  }

  /** The month whose report is due now. */
  dueMonth(): string {
    return dueMonth(this.now(), this.dueDay);
  }

  /** Units expected to report in a month, counties first. */
  activeUnits(month: string): Unit[] {
    return orderedUnits(this.roster).filter((u) => unitActiveIn(u, month));
  }

  unknownUnit(text: string): Failure {
    const names = this.roster.units.map((u) => u.name).join('、');
    return fail('unknown_unit', `没有「${text}」这个报送单位。可选：${names}`, `There is no reporting unit "${text}". Units: ${names}`);
  }

  private readOnlyFailure(): Failure {
    return fail('forbidden', `数据库 ${this.path} 只读（文件或目录没有写权限），只能查看，不能写入。`, `The database ${this.path} is read-only (no write permission); it can be read, not written.`);
  }

  private coordinatorOnly(): Failure {
    return fail('forbidden', '此操作仅限市投资促进中心协调员。', 'Only coordinators of the city investment-promotion center may do this.');
  }

  private refuse(actor: string, action: string, unit: string | null, month: string | null, f: Failure): Failure {
    const outcome = f.code === 'invalid' || f.code === 'warnings' || f.code === 'unchanged' ? 'rejected' : 'refused';
    this.audit(actor, action, unit, month, outcome, `${f.code}: ${f.problem.en}`);
    return f;
  }

  /** Resolves a unit and month as typed, for reading. Refusals are audited. */
  resolve(actor: string, action: string, unitText: string, monthText: string): { ok: true; unit: Unit; month: string } | Failure {
    const unit = findUnit(this.roster, unitText);
    if (!unit) return this.refuse(actor, action, null, null, this.unknownUnit(unitText));
    const m = parseMonth(monthText, this.now());
    if (!m.ok) return this.refuse(actor, action, unit.name, null, fail('bad_month', m.problem.zh, m.problem.en));
    return { ok: true, unit, month: m.month };
  }

  /** May `actor` see or write this unit's data? (its reporters and coordinators) */
  mayAccess(actor: string, unit: string): boolean {
    return this.isCoordinator(actor) || this.unitsOf(actor).includes(unit);
  }

  private forbiddenUnit(unit: string): Failure {
    return fail('forbidden', `你不是「${unit}」的报送人，不能填报或查看该单位的数据。`, `You are not a reporter for ${unit}; you cannot submit or see its data.`);
  }

  /** Whether the month is locked for this actor now (after the lock day, unless reopened). */
  isLocked(actor: string, unit: string, month: string): boolean {
    if (this.isCoordinator(actor)) return false;
    // A report returned for correction stays open to its reporters until they amend it.
    const row = this.st.report.get(unit, month) as ReportRow | undefined;
    if (row?.returned_at) return false;
    const flag = this.st.flag.get(unit, month) as FlagRow | undefined;
    return this.now() >= effectiveLockTime(month, this.dueDay, this.lockDays, flag?.reopened_at);
  }

  // ── Writes ───────────────────────────────────────────────────────────────────────────────

  /**
   * Checks that `actor` may write this unit's month now, before any values are typed: the unit
   * and month exist, the unit reports that month, the actor is its reporter or a coordinator,
   * the month is not locked, and the report exists (amend) or not (submit, none). Refusals are
   * audited. Flows call it before opening a form, so nobody fills in a form in vain.
   */
  target(actor: string, kind: WriteKind, unitText: string, monthText: string): { ok: true; unit: Unit; month: string; current?: ReportView } | Failure {
    const action = `report ${kind}`;
    const r = this.resolve(actor, action, unitText, monthText);
    if (!r.ok) return r;
    const { unit, month } = r;
    const refuse = (f: Failure) => this.refuse(actor, action, unit.name, month, f);
    if (!unitActiveIn(unit, month)) {
      return refuse(fail('inactive_unit', `「${unit.name}」在 ${month} 不在报送范围内（有效期 ${unit.from ?? '…'} 至 ${unit.until ?? '…'}）。`, `${unit.name} is not a reporting unit in ${month}.`));
    }
    if (!this.mayAccess(actor, unit.name)) return refuse(this.forbiddenUnit(unit.name));
    if (this.readonly) return refuse(this.readOnlyFailure());
    if (kind === 'none' && !monthEnded(month, this.now())) {
      return refuse(fail('month_in_progress', `${month} 还没有结束，本月是否有招商活动要到月底才能确定，请在 ${month} 结束后再报告「本月无招商活动」。`, `${month} has not ended yet; "no activity" can only be reported once the month is over.`));
    }
    if (this.isLocked(actor, unit.name, month)) {
      const flag = this.st.flag.get(unit.name, month) as FlagRow | undefined;
      const day = lastDayBefore(effectiveLockTime(month, this.dueDay, this.lockDays, flag?.reopened_at));
      return refuse(fail('locked', `${unit.name} ${month} 的月报已于 ${day} 锁定，只有协调员可以重新开放（/admin reopen）。`, `${unit.name} ${month} locked on ${day}; only a coordinator can reopen it.`));
    }
    const row = this.st.report.get(unit.name, month) as ReportRow | undefined;
    if (kind !== 'amend' && row) {
      return refuse(fail('exists', `${unit.name} ${month} 已提交（第 ${row.revision} 版），如需修改请用「更正」（amend）并说明原因。`, `${unit.name} ${month} is already submitted (revision ${row.revision}); use amend with a reason.`));
    }
    if (kind === 'amend' && !row) {
      return refuse(fail('not_found', `${unit.name} ${month} 还没有提交，请先填报（submit）。`, `${unit.name} ${month} has not been submitted yet; submit it first.`));
    }
    return { ok: true, unit, month, current: row ? this.view(unit.name, month, row) : undefined };
  }

  /**
   * Checks a write without storing it: unit, month, permission, lock, existence, values and
   * soft warnings. Refusals and bad values are audited. With `acceptWarnings` unset, soft
   * warnings come back in the result (ok) so a flow can ask for confirmation.
   */
  prepare(req: WriteRequest): Prepared | Failure {
    const action = `report ${req.kind}`;
    const t = this.target(req.actor, req.kind, req.unit, req.month);
    if (!t.ok) return t;
    const { unit, month } = t;
    const refuse = (f: Failure) => this.refuse(req.actor, action, unit.name, month, f);
    const row = this.st.report.get(unit.name, month) as ReportRow | undefined;
    let values: ReportValues;
    if (req.kind === 'none') {
      values = { ...zeroValues(this.definition), ...(this.definition.fields.some((f) => f.key === 'notes') ? { notes: '本月无招商活动' } : {}) };
    } else if (req.values) {
      const parsed = parseValues(this.definition, Object.fromEntries(Object.entries(req.values).map(([k, v]) => [k, String(v)])));
      if (Object.keys(parsed.errors).length > 0) return refuse(this.invalid(parsed.errors));
      values = parsed.values;
    } else {
      const base = row ? (JSON.parse(row.values_json) as ReportValues) : undefined;
      const parsed = parseValues(this.definition, req.raw ?? {}, base);
      if (Object.keys(parsed.errors).length > 0) return refuse(this.invalid(parsed.errors));
      values = parsed.values;
    }
    const warnings = req.kind === 'none' ? [] : this.warningsFor(unit.name, month, values);
    return { ok: true, unit, month, kind: req.kind, values, warnings, current: row ? this.view(unit.name, month, row) : undefined };
  }

  private invalid(errors: Record<string, Problem>): Failure {
    const list = Object.values(errors);
    return fail('invalid', list.map((p) => p.zh).join('；'), list.map((p) => p.en).join('; '), { fieldErrors: errors });
  }

  /**
   * Soft warnings: a pair of related fields where one is positive and the other zero (签约项目数
   * without 签约总投资, or the reverse), and a value above N × the unit's median of its last
   * months. Thresholds live in the report definition.
   */
  warningsFor(unit: string, month: string, values: ReportValues): Warning[] {
    const out: Warning[] = [];
    const def = this.definition;
    const byKey = new Map(def.fields.map((f) => [f.key, f]));
    for (const [a, b] of def.warnings.pairs) {
      const va = Number(values[a] ?? 0);
      const vb = Number(values[b] ?? 0);
      if ((va > 0) !== (vb > 0)) {
        const fa = byKey.get(a)!;
        const fb = byKey.get(b)!;
        const [pos, zero] = va > 0 ? [fa, fb] : [fb, fa];
        out.push({
          code: 'pair',
          field: zero.key,
          problem: {
            zh: `${fieldName(pos, 'zh-CN')}大于 0，但${fieldName(zero, 'zh-CN')}为 0，请核实`,
            en: `${fieldName(pos, 'en')} is above 0 but ${fieldName(zero, 'en')} is 0; please check`,
          },
        });
      }
    }
    const { medianFactor, medianMonths, minHistory } = def.warnings;
    const from = addMonths(month, -medianMonths);
    const history = (this.st.history.all(unit, from, month) as string[]).map((j) => JSON.parse(j) as ReportValues);
    if (history.length >= minHistory) {
      for (const f of numericFields(def)) {
        const v = Number(values[f.key] ?? 0);
        const med = median(history.map((h) => Number(h[f.key] ?? 0)));
        if (med > 0 && v > medianFactor * med) {
          out.push({
            code: 'median',
            field: f.key,
            problem: {
              zh: `${fieldName(f, 'zh-CN')}为 ${v}，超过本单位近 ${medianMonths} 个月中位数（${med}）的 ${medianFactor} 倍，请核实`,
              en: `${fieldName(f, 'en')} is ${v}, over ${medianFactor}× the unit's ${medianMonths}-month median (${med}); please check`,
            },
          });
        }
      }
    }
    return out;
  }

  /**
   * Stores a submission, amendment or "no activity" report as a new revision, in one
   * transaction with its audit entry. Returns the revision number only after the commit.
   * Soft warnings stop the write unless `acceptWarnings`; an amendment needs a reason.
   */
  write(req: WriteRequest): ({ ok: true; revision: number; report: ReportView; warnings: Warning[] }) | Failure {
    const p = this.prepare(req);
    if (!p.ok) return p;
    const action = `report ${req.kind}`;
    const reason = stripControls(req.reason ?? '').trim() || null;
    if (req.kind === 'amend' && !reason) {
      return this.refuse(req.actor, action, p.unit.name, p.month, fail('reason_required', '更正必须填写原因。', 'An amendment needs a reason.'));
    }
    if (p.warnings.length > 0 && !req.acceptWarnings) {
      const f = fail(
        'warnings',
        `需要确认：${p.warnings.map((w) => w.problem.zh).join('；')}`,
        `Needs confirmation: ${p.warnings.map((w) => w.problem.en).join('; ')}`,
        { warnings: p.warnings },
      );
      return this.refuse(req.actor, action, p.unit.name, p.month, f);
    }
    const at = this.now().toISOString();
    const valuesJson = JSON.stringify(p.values);
    const noActivity = req.kind === 'none' ? 1 : 0;
    const warningsJson = p.warnings.length ? JSON.stringify(p.warnings.map((w) => w.problem.zh)) : null;
    const revision = this.db.transaction(() => {
      let reportId: number;
      let number: number;
      // Re-read inside the transaction: another writer may have stored this month meanwhile.
      const row = this.st.report.get(p.unit.name, p.month) as ReportRow | undefined;
      if (req.kind === 'amend') {
        if (!row) throw new Error('report vanished during amend');
        // A revision that changes nothing would only blur the history.
        if (row.values_json === valuesJson && row.no_activity === noActivity) return 'unchanged' as const;
        reportId = row.id;
        number = (this.st.updateReport.get({ id: row.id, values: valuesJson, noActivity, at, by: req.actor }) as { revision: number }).revision;
      } else {
        if (row) return null;
        reportId = Number(this.st.insertReport.run({ unit: p.unit.name, month: p.month, values: valuesJson, noActivity, at, by: req.actor }).lastInsertRowid);
        number = 1;
      }
      this.st.insertRevision.run({ reportId, number, kind: req.kind, by: req.actor, at, values: valuesJson, reason, warnings: warningsJson });
      this.audit(req.actor, action, p.unit.name, p.month, 'ok', `revision ${number}${reason ? `: ${reason}` : ''}`);
      return number;
    }).immediate();
    if (revision === 'unchanged') {
      return this.refuse(req.actor, action, p.unit.name, p.month, fail('unchanged', `没有修改任何数值：${p.unit.name} ${p.month} 的月报与当前版本相同，未保存新版本。`, `Nothing changed: the values are the same as the current revision of ${p.unit.name} ${p.month}; no new revision was stored.`));
    }
    if (revision === null) {
      return this.refuse(req.actor, action, p.unit.name, p.month, fail('exists', `${p.unit.name} ${p.month} 刚刚已被提交，请用「更正」。`, `${p.unit.name} ${p.month} was just submitted; use amend.`));
    }
    this.changed({ unit: p.unit.name, month: p.month, action: req.kind });
    return { ok: true, revision, report: this.show(p.unit.name, p.month), warnings: p.warnings };
  }

  // ── Coordinator actions ──────────────────────────────────────────────────────────────────

  private coordinatorMonthAction(actor: string, op: 'excuse' | 'reopen' | 'return', unitText: string, monthText: string) {
    const action = `admin ${op}`;
    const r = this.resolve(actor, action, unitText, monthText);
    if (!r.ok) return r;
    if (!this.isCoordinator(actor)) return this.refuse(actor, action, r.unit.name, r.month, this.coordinatorOnly());
    if (this.readonly) return this.refuse(actor, action, r.unit.name, r.month, this.readOnlyFailure());
    return r;
  }

  /** Excuses a unit from a month (it then counts as excused, not missing). */
  excuse(actor: string, unitText: string, monthText: string, reason?: string): { ok: true; unit: string; month: string } | Failure {
    const r = this.coordinatorMonthAction(actor, 'excuse', unitText, monthText);
    if (!r.ok) return r;
    this.db.transaction(() => {
      this.st.excuse.run(r.unit.name, r.month, this.now().toISOString(), actor, stripControls(reason ?? '').trim());
      this.audit(actor, 'admin excuse', r.unit.name, r.month, 'ok', reason ?? null);
    })();
    this.changed({ unit: r.unit.name, month: r.month, action: 'excuse' });
    return { ok: true, unit: r.unit.name, month: r.month };
  }

  /** Reopens a locked month: the unit's reporters may write again for another lock period. */
  reopen(actor: string, unitText: string, monthText: string, reason?: string): { ok: true; unit: string; month: string; until: string } | Failure {
    const r = this.coordinatorMonthAction(actor, 'reopen', unitText, monthText);
    if (!r.ok) return r;
    const at = this.now();
    this.db.transaction(() => {
      this.st.reopen.run(r.unit.name, r.month, at.toISOString(), actor, stripControls(reason ?? '').trim());
      this.audit(actor, 'admin reopen', r.unit.name, r.month, 'ok', reason ?? null);
    })();
    this.changed({ unit: r.unit.name, month: r.month, action: 'reopen' });
    return { ok: true, unit: r.unit.name, month: r.month, until: lastDayBefore(effectiveLockTime(r.month, this.dueDay, this.lockDays, at.toISOString())) };
  }

  /** Returns a submitted report to its unit with a comment; the next amendment clears it. */
  returnReport(actor: string, unitText: string, monthText: string, comment: string): { ok: true; unit: string; month: string; reporters: string[] } | Failure {
    const r = this.coordinatorMonthAction(actor, 'return', unitText, monthText);
    if (!r.ok) return r;
    comment = stripControls(comment);
    if (!comment.trim()) return this.refuse(actor, 'admin return', r.unit.name, r.month, fail('reason_required', '退回必须附意见。', 'A return needs a comment.'));
    const row = this.st.report.get(r.unit.name, r.month) as ReportRow | undefined;
    if (!row) return this.refuse(actor, 'admin return', r.unit.name, r.month, fail('not_found', `${r.unit.name} ${r.month} 还没有提交，无法退回。`, `${r.unit.name} ${r.month} has not been submitted; nothing to return.`));
    this.db.transaction(() => {
      this.st.markReturned.run(this.now().toISOString(), actor, comment.trim(), row.id);
      this.audit(actor, 'admin return', r.unit.name, r.month, 'ok', comment.trim());
    })();
    this.changed({ unit: r.unit.name, month: r.month, action: 'return' });
    return { ok: true, unit: r.unit.name, month: r.month, reporters: this.reportersOf(r.unit.name) };
  }

  // ── Reads ────────────────────────────────────────────────────────────────────────────────

  private statusOf(row: ReportRow | undefined, flag: FlagRow | undefined, month: string): ReportStatus {
    if (row) return new Date(row.first_at) < deadline(month, this.dueDay) ? 'on_time' : 'late';
    if (flag?.excused_at) return 'excused';
    return 'missing';
  }

  private view(unit: string, month: string, row: ReportRow | undefined, flag?: FlagRow): ReportView {
    const f = flag ?? (this.st.flag.get(unit, month) as FlagRow | undefined);
    const lock = effectiveLockTime(month, this.dueDay, this.lockDays, f?.reopened_at);
    return {
      unit,
      month,
      status: this.statusOf(row, f, month),
      values: row ? (JSON.parse(row.values_json) as ReportValues) : {},
      revisions: row?.revision ?? 0,
      noActivity: row?.no_activity === 1,
      // Times leave the store in China time (+08:00), so every surface shows the same clock.
      firstSubmittedAt: row?.first_at ? chinaIso(row.first_at) : undefined,
      updatedAt: row?.updated_at ? chinaIso(row.updated_at) : undefined,
      updatedBy: row?.updated_by,
      returned: row?.returned_at ? { at: chinaIso(row.returned_at), by: row.returned_by ?? '', comment: row.return_comment ?? '' } : undefined,
      excused: f?.excused_at ? { at: chinaIso(f.excused_at), by: f.excused_by ?? '', reason: f.excuse_reason ?? '' } : undefined,
      deadline: lastDayBefore(deadline(month, this.dueDay)),
      lockDay: lastDayBefore(lock),
      locked: this.now() >= lock,
    };
  }

  /** One unit's month (no permission check; see `showFor`). */
  show(unit: string, month: string): ReportView {
    return this.view(unit, month, this.st.report.get(unit, month) as ReportRow | undefined);
  }

  /** A unit's month as `actor` may see it: reporters see their own units, coordinators all. */
  showFor(actor: string, unitText: string, monthText: string): ({ ok: true; report: ReportView; history: RevisionRow[] }) | Failure {
    const r = this.resolve(actor, 'report show', unitText, monthText);
    if (!r.ok) return r;
    if (!this.mayAccess(actor, r.unit.name)) return this.refuse(actor, 'report show', r.unit.name, r.month, this.forbiddenUnit(r.unit.name));
    return { ok: true, report: this.show(r.unit.name, r.month), history: this.revisions(r.unit.name, r.month) };
  }

  private toRevision(row: Record<string, unknown>): RevisionRow {
    return {
      unit: row.unit as string,
      month: row.month as string,
      number: row.number as number,
      kind: row.kind as WriteKind,
      userId: row.user_id as string,
      at: chinaIso(row.at as string),
      values: JSON.parse(row.values_json as string) as ReportValues,
      reason: (row.reason as string | null) ?? null,
      warnings: row.warnings_json ? (JSON.parse(row.warnings_json as string) as string[]) : [],
    };
  }

  revisions(unit: string, month: string): RevisionRow[] {
    return (this.st.revisionsOf.all(unit, month) as Record<string, unknown>[]).map((r) => this.toRevision(r));
  }

  /** Every revision of every report with a month in [from, to], ordered by month, unit, number. */
  revisionsBetween(from: string, to: string): RevisionRow[] {
    return (this.st.revisionsBetween.all(from, to) as Record<string, unknown>[]).map((r) => this.toRevision(r));
  }

  /** Current values of every report with a month in [from, to]: unit → month → values. */
  valuesBetween(from: string, to: string): Map<string, Map<string, ReportValues>> {
    const out = new Map<string, Map<string, ReportValues>>();
    for (const row of this.st.reportsBetween.all(from, to) as Array<{ unit: string; month: string; values_json: string }>) {
      let m = out.get(row.unit);
      if (!m) out.set(row.unit, (m = new Map()));
      m.set(row.month, JSON.parse(row.values_json) as ReportValues);
    }
    return out;
  }

  /** Every expected unit's view for a month, counties first. */
  monthViews(month: string): ReportView[] {
    const rows = new Map((this.st.reportsOfMonth.all(month) as ReportRow[]).map((r) => [r.unit, r]));
    const flags = new Map((this.st.flagsOfMonth.all(month) as FlagRow[]).map((f) => [f.unit, f]));
    return this.activeUnits(month).map((u) => this.view(u.name, month, rows.get(u.name), flags.get(u.name) ?? ({} as FlagRow)));
  }

  /** Who has not reported for a month (with reporters to mention), who was late, who is excused. */
  missing(month: string): MissingReport {
    const views = this.monthViews(month);
    const out: MissingReport = {
      month,
      missing: [],
      late: [],
      excused: [],
      onTime: [],
      returned: [],
      expected: views.length,
      completeness: 0,
      onTimeRate: 0,
      deadline: lastDayBefore(deadline(month, this.dueDay)),
      overdue: this.now() >= deadline(month, this.dueDay),
    };
    for (const v of views) {
      if (v.status === 'missing') out.missing.push({ unit: v.unit, reporters: this.reportersOf(v.unit) });
      else if (v.status === 'late') out.late.push({ unit: v.unit, submittedAt: v.firstSubmittedAt! });
      else if (v.status === 'excused') out.excused.push({ unit: v.unit, reason: v.excused?.reason ?? '' });
      else out.onTime.push({ unit: v.unit, submittedAt: v.firstSubmittedAt! });
    }
    // An excused unit is not expected: 应报 and the rates count the same units.
    const base = views.length - out.excused.length;
    out.expected = base;
    out.returned = views.filter((v) => v.returned).map((v) => ({ unit: v.unit, comment: v.returned!.comment }));
    const pct = (n: number) => (base === 0 ? 100 : Math.round((n / base) * 1000) / 10);
    out.completeness = pct(out.onTime.length + out.late.length);
    out.onTimeRate = pct(out.onTime.length);
    return out;
  }

  /** The current month in Jincheng (the latest month anyone may report). */
  currentMonth(): string {
    return currentMonth(this.now());
  }

  /**
   * Copies the database to `file` with SQLite's online backup API (safe while in use), into a
   * temporary file beside the target that is opened and `integrity_check`ed before it is renamed
   * into place, so a success always names a verified backup. The live file, its `-wal` and
   * `-shm` are refused as targets. Chat callers pass a path from `backupPathIn` (the configured
   * folder); the CLI passes its operator's path.
   */
  async backup(actor: string, file: string): Promise<{ ok: true; file: string; pages: number } | Failure> {
    if (!this.isCoordinator(actor)) return this.refuse(actor, 'report backup', null, null, this.coordinatorOnly());
    return this.writeBackup(actor, file);
  }

  /**
   * The backup itself, without the coordinator check: for the server's own scheduled backup
   * (actor `system:backup`) and for `backup` after its check.
   */
  async writeBackup(actor: string, file: string): Promise<{ ok: true; file: string; pages: number } | Failure> {
    const target = resolve(file);
    const live = resolve(this.path);
    const real = (p: string) => (existsSync(p) ? realpathSync(p) : p);
    if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].some((p) => p === target || real(p) === real(target))) {
      return this.refuse(actor, 'report backup', null, null, fail('invalid', `不能备份到正在使用的数据库文件本身（${target}）；请换一个文件名。`, `Refusing to back up onto the live database or its -wal/-shm (${target}); choose another file.`));
    }
    try {
      ensureParentDir(target, '备份文件');
    } catch (err) {
      return this.refuse(actor, 'report backup', null, null, fail('invalid', (err as Error).message, (err as Error).message));
    }
    const temp = `${target}.partial-${process.pid}`;
    try {
      const res = await this.db.backup(temp);
      // A standalone copy: one file, no -wal or -shm beside it.
      const copy = new Database(temp);
      copy.pragma('journal_mode = DELETE');
      copy.close();
      const problem = verifyDatabaseFile(temp);
      if (problem) throw new Error(problem);
      renameSync(temp, target);
      this.audit(actor, 'report backup', null, null, 'ok', target);
      return { ok: true, file: target, pages: res.totalPages };
    } catch (err) {
      rmSync(temp, { force: true });
      return this.refuse(actor, 'report backup', null, null, fail('invalid', `备份失败（${target}）：${(err as Error).message}`, `Backup failed (${target}): ${(err as Error).message}`));
    }
  }

  /** Whether the database answers a trivial query (the health endpoint's probe). */
  ping(): boolean {
    try {
      return this.db.open && this.db.prepare('SELECT 1').pluck().get() === 1;
    } catch {
      return false;
    }
  }

  /** Runs `PRAGMA integrity_check` (for tests and the admin). */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
