/**
 * The reports store: one SQLite file holding membership, reports with their full revision
 * history, month flags (excused, reopened) and an audit log of every write and every refusal.
 *
 * This class is the facade the features and the CLI call. It checks who may do what (access.ts;
 * the write path's checks in writes.ts) and delegates: people, roles, bindings, locale and audit to the directory (directory.ts); rows,
 * the write transaction and views to the repository (repository.ts); soft warnings to pure
 * functions (warnings.ts); opening, migrating and backing up the file to database.ts.
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
import type Database from 'better-sqlite3';
import { logger } from '../log.ts';
import type { Locale } from '../text/locale.ts';
import { coordinatorOnly, forbiddenUnit, isLockedFor, lockTime, mayAccess, readOnlyFailure, unknownUnit } from './access.ts';
import { backupDatabase, openDatabase } from './database.ts';
import type { ReportDefinition, Roster, Unit } from './definition.ts';
import type { ReportValues } from './values.ts';
import { findUnit, loadDefinition, loadRoster, orderedUnits, unitActiveIn } from './definition.ts';
import { stripControls } from './values.ts';
import { Directory } from './directory.ts';
import { addMonths, currentMonth, dueMonth, lastDayBefore, parseMonth } from './months.ts';
import { NotificationLog } from './notifications.ts';
import { ReportRepository } from './repository.ts';
import { fail, type AuditEntry, type Failure, type MissingReport, type Prepared, type ReportChange, type ReportView, type RevisionRow, type StoreOptions, type Warning, type WriteKind, type WriteRequest } from './storeTypes.ts';
import { CheckedWrites } from './writes.ts';
import { tallyMissing } from './missing.ts';

export { DatabaseFileError, openDatabase, verifyDatabaseFile } from './database.ts';
export * from './storeTypes.ts';

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
  /** People, roles, bindings, locale and the audit log. */
  readonly directory: Directory;
  /** Report rows, revisions, month flags and the write transaction. */
  readonly repository: ReportRepository;
  private readonly listeners = new Set<(change: ReportChange) => void>();
  /** What the deadline scheduler has sent, and its status-board messages. */
  readonly notifications: NotificationLog;
  /** Who may write what, and the write transaction's checks (writes.ts). */
  private readonly writes: CheckedWrites;

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
    this.notifications = new NotificationLog(this.db, this.now);
    this.directory = new Directory({
      db: this.db,
      path: this.path,
      readonly: this.readonly,
      roster: this.roster,
      now: this.now,
      osUser: options.osUser ?? null,
      coordinators: options.coordinators ?? null,
    });
    this.repository = new ReportRepository({ db: this.db, now: this.now, dueDay: this.dueDay, lockDays: this.lockDays, audit: (...a) => this.directory.audit(...a) });
    this.writes = new CheckedWrites(this, (...a) => this.refuse(...a), (change) => this.changed(change));
  }

  // ── UserDirectory (delegated) ────────────────────────────────────────────────────────────

  /** Whether the user coordinates, and which units they report for. */
  rolesOf(userId: string): { coordinator: boolean; units: string[] } {
    return this.directory.rolesOf(userId);
  }

  isCoordinator(userId: string): boolean {
    return this.directory.isCoordinator(userId);
  }

  /** Every coordinator: POLICY_DESK_COORDINATORS when configured, else those recorded in the database. */
  coordinators(): string[] {
    return this.directory.coordinators();
  }

  /** Units a user reports for, in roster order. */
  unitsOf(userId: string): string[] {
    return this.directory.unitsOf(userId);
  }

  reportersOf(unit: string): string[] {
    return this.directory.reportersOf(unit);
  }

  /** Records a refused attempt in the audit log. */
  recordRefusal(userId: string, what: string, reason: string, unit?: string, month?: string): void {
    this.directory.audit(userId, what, unit ?? null, month ?? null, 'refused', reason);
  }

  getLocale(userId: string): Locale | undefined {
    return this.directory.getLocale(userId);
  }

  setLocale(userId: string, locale: Locale): void {
    this.directory.setLocale(userId, locale);
  }

  /** Audit entries, oldest first (optionally one user's). */
  auditLog(userId?: string): AuditEntry[] {
    return this.directory.auditLog(userId);
  }

  /** Makes `userId` a reporter for a unit. Coordinators only. */
  bind(actor: string, userId: string, unitText: string): { ok: true; unit: string; changed: boolean } | Failure {
    return this.directory.membership(actor, userId, unitText, 'bind');
  }

  unbind(actor: string, userId: string, unitText: string): { ok: true; unit: string; changed: boolean } | Failure {
    return this.directory.membership(actor, userId, unitText, 'unbind');
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

  private refuse(actor: string, action: string, unit: string | null, month: string | null, f: Failure): Failure {
    return this.directory.refuse(actor, action, unit, month, f);
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
    return unknownUnit(this.roster, text);
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
    return mayAccess(this.rolesOf(actor), unit);
  }

  /** Whether the month is locked for this actor now (after the lock day, unless reopened). */
  isLocked(actor: string, unit: string, month: string): boolean {
    const lock = lockTime(month, this.dueDay, this.lockDays, this.repository.flag(unit, month));
    return isLockedFor(this.isCoordinator(actor), this.repository.row(unit, month), lock, this.now());
  }

  // ── Writes (the checked write path in writes.ts) ─────────────────────────────────────────

  /** Whether `actor` may write this unit's month now, before any values are typed (refusals audited). */
  target(actor: string, kind: WriteKind, unitText: string, monthText: string): { ok: true; unit: Unit; month: string; current?: ReportView } | Failure {
    return this.writes.target(actor, kind, unitText, monthText);
  }

  /** Checks a write without storing it; soft warnings come back (ok) so a flow can ask for confirmation. */
  prepare(req: WriteRequest): Prepared | Failure {
    return this.writes.prepare(req);
  }

  /** Soft warnings for these values, against the unit's recent history (see warnings.ts). */
  warningsFor(unit: string, month: string, values: ReportValues): Warning[] {
    return this.writes.warningsFor(unit, month, values);
  }

  /** Stores a submission, amendment or "no activity" report as a new revision, acknowledged after the commit. */
  write(req: WriteRequest): ({ ok: true; revision: number; report: ReportView; warnings: Warning[] }) | Failure {
    return this.writes.write(req);
  }

  // ── Coordinator actions ──────────────────────────────────────────────────────────────────

  private coordinatorMonthAction(actor: string, op: 'excuse' | 'reopen' | 'return', unitText: string, monthText: string) {
    const action = `admin ${op}`;
    const r = this.resolve(actor, action, unitText, monthText);
    if (!r.ok) return r;
    if (!this.isCoordinator(actor)) return this.refuse(actor, action, r.unit.name, r.month, coordinatorOnly());
    if (this.readonly) return this.refuse(actor, action, r.unit.name, r.month, readOnlyFailure(this.path));
    return r;
  }

  /** Excuses a unit from a month (it then counts as excused, not missing). */
  excuse(actor: string, unitText: string, monthText: string, reason?: string): { ok: true; unit: string; month: string } | Failure {
    const r = this.coordinatorMonthAction(actor, 'excuse', unitText, monthText);
    if (!r.ok) return r;
    // A month already reported is counted with its figures; excusing it would be recorded and change
    // nothing any view shows, so it is refused and says why.
    const row = this.repository.row(r.unit.name, r.month);
    if (row) {
      return this.refuse(actor, 'admin excuse', r.unit.name, r.month, fail('exists', `${r.unit.name} ${r.month} 已经报送，按所报数字统计，不能再免报；如数字有误，请退回让该单位更正（/admin return）。`, `${r.unit.name} has already reported ${r.month}; its figures count, so it cannot be excused. If they are wrong, return the report for correction (/admin return).`));
    }
    this.repository.flagMonth('excuse', actor, r.unit.name, r.month, this.now(), stripControls(reason ?? '').trim(), reason ?? null);
    this.changed({ unit: r.unit.name, month: r.month, action: 'excuse' });
    return { ok: true, unit: r.unit.name, month: r.month };
  }

  /** Reopens a locked month: the unit's reporters may write again for another lock period. */
  reopen(actor: string, unitText: string, monthText: string, reason?: string): { ok: true; unit: string; month: string; until: string } | Failure {
    const r = this.coordinatorMonthAction(actor, 'reopen', unitText, monthText);
    if (!r.ok) return r;
    const at = this.now();
    this.repository.flagMonth('reopen', actor, r.unit.name, r.month, at, stripControls(reason ?? '').trim(), reason ?? null);
    this.changed({ unit: r.unit.name, month: r.month, action: 'reopen' });
    return { ok: true, unit: r.unit.name, month: r.month, until: lastDayBefore(lockTime(r.month, this.dueDay, this.lockDays, { reopened_at: at.toISOString() })) };
  }

  /** Returns a submitted report to its unit with a comment; the next amendment clears it. */
  returnReport(actor: string, unitText: string, monthText: string, comment: string): { ok: true; unit: string; month: string; reporters: string[] } | Failure {
    const r = this.coordinatorMonthAction(actor, 'return', unitText, monthText);
    if (!r.ok) return r;
    comment = stripControls(comment);
    if (!comment.trim()) return this.refuse(actor, 'admin return', r.unit.name, r.month, fail('reason_required', '退回必须附意见。', 'A return needs a comment.'));
    const row = this.repository.row(r.unit.name, r.month);
    if (!row) return this.refuse(actor, 'admin return', r.unit.name, r.month, fail('not_found', `${r.unit.name} ${r.month} 还没有提交，无法退回。`, `${r.unit.name} ${r.month} has not been submitted; nothing to return.`));
    this.repository.markReturned(actor, row, comment.trim());
    this.changed({ unit: r.unit.name, month: r.month, action: 'return' });
    return { ok: true, unit: r.unit.name, month: r.month, reporters: this.reportersOf(r.unit.name) };
  }

  // ── Reads ────────────────────────────────────────────────────────────────────────────────

  /** One unit's month (no permission check; see `showFor`). */
  show(unit: string, month: string): ReportView {
    return this.repository.view(unit, month);
  }

  /** A unit's month as `actor` may see it: reporters see their own units, coordinators all. */
  showFor(actor: string, unitText: string, monthText: string): ({ ok: true; report: ReportView; history: RevisionRow[] }) | Failure {
    const r = this.resolve(actor, 'report show', unitText, monthText);
    if (!r.ok) return r;
    if (!this.mayAccess(actor, r.unit.name)) return this.refuse(actor, 'report show', r.unit.name, r.month, forbiddenUnit(r.unit.name));
    return { ok: true, report: this.show(r.unit.name, r.month), history: this.revisions(r.unit.name, r.month) };
  }

  revisions(unit: string, month: string): RevisionRow[] {
    return this.repository.revisions(unit, month);
  }

  /** Every revision of every report with a month in [from, to], ordered by month, unit, number. */
  revisionsBetween(from: string, to: string): RevisionRow[] {
    return this.repository.revisionsBetween(from, to);
  }

  /** Current values of every report with a month in [from, to]: unit → month → values. */
  valuesBetween(from: string, to: string): Map<string, Map<string, ReportValues>> {
    return this.repository.valuesBetween(from, to);
  }

  /** Every expected unit's view for a month, counties first. */
  monthViews(month: string): ReportView[] {
    return this.repository.monthViews(month, this.activeUnits(month));
  }

  /** Who has not reported for a month (with reporters to mention), who was late, who is excused. */
  missing(month: string): MissingReport {
    return tallyMissing(month, this.monthViews(month), (unit) => this.reportersOf(unit), this.dueDay, this.now());
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
    if (!this.isCoordinator(actor)) return this.refuse(actor, 'report backup', null, null, coordinatorOnly());
    return this.writeBackup(actor, file);
  }

  /**
   * The backup itself, without the coordinator check: for the server's own scheduled backup
   * (actor `system:backup`) and for `backup` after its check.
   */
  async writeBackup(actor: string, file: string): Promise<{ ok: true; file: string; pages: number } | Failure> {
    const r = await backupDatabase(this.db, this.path, file);
    if (!r.ok) return this.refuse(actor, 'report backup', null, null, fail('invalid', r.zh, r.en));
    this.directory.audit(actor, 'report backup', null, null, 'ok', r.file);
    return r;
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
