/**
 * The directory: who is who. Coordinators (synchronised from POLICY_DESK_COORDINATORS), the
 * reporters bound to each unit, each person's interface language, and the audit log every write
 * and refusal goes to. Implements the bot's `UserDirectory` side of the store.
 */
import type Database from 'better-sqlite3';
import { logger } from '../log.ts';
import type { Locale } from '../text/locale.ts';
import { auditOutcome, coordinatorOnly, readOnlyFailure, unknownUnit } from './access.ts';
import { findUnit, type Roster } from './definition.ts';
import { fail, type AuditEntry, type Failure } from './storeTypes.ts';
import { userIdProblem } from './userIds.ts';

export interface DirectoryOptions {
  db: Database.Database;
  /** Path of the database file (named in the read-only refusal). */
  path: string;
  readonly: boolean;
  roster: Roster;
  now: () => Date;
  /** The OS account behind a CLI call, recorded beside `--as` in every audit entry. */
  osUser: string | null;
  /** POLICY_DESK_COORDINATORS; null leaves roles to the database. */
  coordinators: string[] | null;
}

export class Directory {
  private readonly db: Database.Database;
  private readonly o: DirectoryOptions;
  private readonly configured: Set<string> | null;
  private readonly st;

  constructor(options: DirectoryOptions) {
    this.o = options;
    this.db = options.db;
    this.configured = options.coordinators ? new Set(options.coordinators) : null;
    const db = this.db;
    this.st = {
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
      auditOf: db.prepare('SELECT id, at, user_id AS userId, action, unit, month, outcome, detail, os_user AS osUser FROM audit WHERE (@user IS NULL OR user_id = @user) ORDER BY id'),
    };
    if (this.configured && !options.readonly) this.syncCoordinators([...this.configured]);
  }

  /**
   * The configured list (POLICY_DESK_COORDINATORS) is the truth at every start: ids added to it
   * become coordinators, ids removed from it stop being coordinators (revocation), each change
   * audited. The table keeps who was added when; `isCoordinator` reads the configured list.
   */
  private syncCoordinators(configured: string[]): void {
    const at = this.o.now().toISOString();
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

  // ── Roles ────────────────────────────────────────────────────────────────────────────────

  /** Whether the user coordinates, and which units they report for. */
  rolesOf(userId: string): { coordinator: boolean; units: string[] } {
    return { coordinator: this.isCoordinator(userId), units: this.unitsOf(userId) };
  }

  isCoordinator(userId: string): boolean {
    return this.configured ? this.configured.has(userId) : this.st.isCoordinator.get(userId) === 1;
  }

  /** Every coordinator: POLICY_DESK_COORDINATORS when configured, else those recorded in the database. */
  coordinators(): string[] {
    return this.configured ? [...this.configured] : (this.st.coordinators.all() as string[]);
  }

  /** Units a user reports for, in roster order. */
  unitsOf(userId: string): string[] {
    const mine = new Set(this.st.unitsOf.all(userId) as string[]);
    return this.o.roster.units.map((u) => u.name).filter((n) => mine.has(n));
  }

  reportersOf(unit: string): string[] {
    return this.st.reportersOf.all(unit) as string[];
  }

  // ── Bindings ─────────────────────────────────────────────────────────────────────────────

  /** Adds or removes a reporter of a unit. Coordinators only; audited either way. */
  membership(actor: string, userId: string, unitText: string, op: 'bind' | 'unbind'): { ok: true; unit: string; changed: boolean } | Failure {
    const action = `admin ${op}`;
    const unit = findUnit(this.o.roster, unitText);
    if (!unit) return this.refuse(actor, action, null, null, unknownUnit(this.o.roster, unitText));
    if (!this.isCoordinator(actor)) return this.refuse(actor, action, unit.name, null, coordinatorOnly());
    const user = userId.trim();
    const problem = op === 'bind' ? userIdProblem(user) : null;
    if (problem) return this.refuse(actor, action, unit.name, null, fail('invalid', problem.zh, problem.en));
    if (this.o.readonly) return this.refuse(actor, action, unit.name, null, readOnlyFailure(this.o.path));
    let changed = false;
    this.db.transaction(() => {
      const at = this.o.now().toISOString();
      changed = (op === 'bind' ? this.st.bind.run(user, unit.name, actor, at) : this.st.unbind.run(user, unit.name)).changes > 0;
      this.audit(actor, action, unit.name, null, 'ok', user);
    })();
    return { ok: true, unit: unit.name, changed };
  }

  // ── Locale ───────────────────────────────────────────────────────────────────────────────

  getLocale(userId: string): Locale | undefined {
    return (this.st.getLocale.get(userId) as Locale | undefined) ?? undefined;
  }

  setLocale(userId: string, locale: Locale): void {
    this.db.transaction(() => {
      this.st.setLocale.run(userId, locale);
      this.audit(userId, 'lang', null, null, 'ok', locale);
    })();
  }

  // ── Audit ────────────────────────────────────────────────────────────────────────────────

  /** Appends an audit entry (inside the caller's transaction when there is one). */
  audit(userId: string, action: string, unit: string | null, month: string | null, outcome: AuditEntry['outcome'], detail: string | null): void {
    // A read-only database is still readable; its refusals simply cannot be recorded there.
    if (this.o.readonly) return;
    this.st.audit.run(this.o.now().toISOString(), userId, action, unit, month, outcome, detail, this.o.osUser);
  }

  /** Records a failure in the audit log and returns it, so a refusal is one expression. */
  refuse(actor: string, action: string, unit: string | null, month: string | null, f: Failure): Failure {
    this.audit(actor, action, unit, month, auditOutcome(f), `${f.code}: ${f.problem.en}`);
    return f;
  }

  /** Audit entries, oldest first (optionally one user's). */
  auditLog(userId?: string): AuditEntry[] {
    return this.st.auditOf.all({ user: userId ?? null }) as AuditEntry[];
  }
}
