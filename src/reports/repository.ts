/**
 * The report repository: the rows of reports, their revisions and month flags, the one write
 * transaction that stores a report with its revision and audit entry, and the views read back
 * from them. No permission checks here; the store facade decides who may call what.
 */
import type Database from 'better-sqlite3';
import type { Unit } from './definition.ts';
import type { ReportValues } from './values.ts';
import { chinaIso, deadline, effectiveLockTime, lastDayBefore } from './months.ts';
import type { FlagRow, ReportRow, ReportStatus, ReportView, RevisionRow, WriteKind } from './storeTypes.ts';

/** Writes an audit entry inside the repository's transaction (the directory's `audit`). */
export type AuditFn = (userId: string, action: string, unit: string | null, month: string | null, outcome: 'ok', detail: string | null) => void;

export interface RepositoryOptions {
  db: Database.Database;
  now: () => Date;
  dueDay: number;
  lockDays: number;
  audit: AuditFn;
}

/** What to store: one new revision of a unit's month. */
export interface NewRevision {
  actor: string;
  action: string;
  unit: string;
  month: string;
  kind: WriteKind;
  values: ReportValues;
  reason: string | null;
  /** Soft warnings the person confirmed (Chinese wording, kept with the revision). */
  warnings: string[];
}

export class ReportRepository {
  private readonly db: Database.Database;
  private readonly o: RepositoryOptions;
  private readonly st;

  constructor(options: RepositoryOptions) {
    this.o = options;
    const db = (this.db = options.db);
    this.st = {
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
    };
  }

  // ── Rows ─────────────────────────────────────────────────────────────────────────────────

  row(unit: string, month: string): ReportRow | undefined {
    return this.st.report.get(unit, month) as ReportRow | undefined;
  }

  flag(unit: string, month: string): FlagRow | undefined {
    return this.st.flag.get(unit, month) as FlagRow | undefined;
  }

  /** Stored values of a unit's months in [from, to), for the median warning. */
  history(unit: string, from: string, to: string): ReportValues[] {
    return (this.st.history.all(unit, from, to) as string[]).map((j) => JSON.parse(j) as ReportValues);
  }

  // ── The write transaction ────────────────────────────────────────────────────────────────

  /**
   * Stores a new revision, the report row and the audit entry in one IMMEDIATE transaction.
   * Returns the revision number after the commit; `'unchanged'` when an amendment changes
   * nothing; null when a first submission finds the month already stored (another writer won).
   */
  store(r: NewRevision): number | 'unchanged' | null {
    const at = this.o.now().toISOString();
    const values = JSON.stringify(r.values);
    const noActivity = r.kind === 'none' ? 1 : 0;
    const warnings = r.warnings.length ? JSON.stringify(r.warnings) : null;
    return this.db.transaction(() => {
      let reportId: number;
      let number: number;
      // Re-read inside the transaction: another writer may have stored this month meanwhile.
      const row = this.row(r.unit, r.month);
      if (r.kind === 'amend') {
        if (!row) throw new Error('report vanished during amend');
        // A revision that changes nothing would only blur the history.
        if (row.values_json === values && row.no_activity === noActivity) return 'unchanged' as const;
        reportId = row.id;
        number = (this.st.updateReport.get({ id: row.id, values, noActivity, at, by: r.actor }) as { revision: number }).revision;
      } else {
        if (row) return null;
        reportId = Number(this.st.insertReport.run({ unit: r.unit, month: r.month, values, noActivity, at, by: r.actor }).lastInsertRowid);
        number = 1;
      }
      this.st.insertRevision.run({ reportId, number, kind: r.kind, by: r.actor, at, values, reason: r.reason, warnings });
      this.o.audit(r.actor, r.action, r.unit, r.month, 'ok', `revision ${number}${r.reason ? `: ${r.reason}` : ''}`);
      return number;
    }).immediate();
  }

  /** Sets a month flag (excused or reopened) with its audit entry. */
  flagMonth(op: 'excuse' | 'reopen', actor: string, unit: string, month: string, at: Date, reason: string, auditDetail: string | null): void {
    this.db.transaction(() => {
      this.st[op].run(unit, month, at.toISOString(), actor, reason);
      this.o.audit(actor, `admin ${op}`, unit, month, 'ok', auditDetail);
    })();
  }

  /** Marks a stored report as returned for correction, with its audit entry. */
  markReturned(actor: string, row: ReportRow, comment: string): void {
    this.db.transaction(() => {
      this.st.markReturned.run(this.o.now().toISOString(), actor, comment, row.id);
      this.o.audit(actor, 'admin return', row.unit, row.month, 'ok', comment);
    })();
  }

  // ── Views ────────────────────────────────────────────────────────────────────────────────

  private statusOf(row: ReportRow | undefined, flag: FlagRow | undefined, month: string): ReportStatus {
    if (row) return new Date(row.first_at) < deadline(month, this.o.dueDay) ? 'on_time' : 'late';
    if (flag?.excused_at) return 'excused';
    return 'missing';
  }

  /** The view of a unit's month from its rows (read when not given). */
  view(unit: string, month: string, row: ReportRow | undefined = this.row(unit, month), flag?: FlagRow): ReportView {
    const f = flag ?? this.flag(unit, month);
    const lock = effectiveLockTime(month, this.o.dueDay, this.o.lockDays, f?.reopened_at);
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
      deadline: lastDayBefore(deadline(month, this.o.dueDay)),
      overdue: this.o.now() >= deadline(month, this.o.dueDay),
      lockDay: lastDayBefore(lock),
      locked: this.o.now() >= lock,
    };
  }

  /** Views of the given units for a month, read in two queries. */
  monthViews(month: string, units: Unit[]): ReportView[] {
    const rows = new Map((this.st.reportsOfMonth.all(month) as ReportRow[]).map((r) => [r.unit, r]));
    const flags = new Map((this.st.flagsOfMonth.all(month) as FlagRow[]).map((f) => [f.unit, f]));
    return units.map((u) => this.view(u.name, month, rows.get(u.name), flags.get(u.name) ?? ({} as FlagRow)));
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
}
