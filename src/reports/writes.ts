/**
 * The checked write path of the reports store: whether a person may write a unit's month now
 * (`target`: unit, month, roster, permission, lock, existence — the rules of access.ts in their
 * order), what a write would store with its soft warnings (`prepare`), and the write itself as
 * one transaction with its audit entry (`write`). ReportStore delegates here; every refusal is
 * audited through the store.
 */
import type { ReportDefinition, Unit } from './definition.ts';
import type { ReportValues } from './values.ts';
import { checkValues, parseValues, stripControls, zeroValues } from './values.ts';
import { unitActiveIn } from './definition.ts';
import { alreadySubmitted, forbiddenUnit, inactiveUnit, isLockedFor, lockTime, lockedMonth, monthInProgress, notSubmitted, readOnlyFailure } from './access.ts';
import { addMonths, monthEnded } from './months.ts';
import type { ReportRepository } from './repository.ts';
import { fail, type Failure, type Prepared, type Problem, type ReportChange, type ReportView, type Warning, type WriteKind, type WriteRequest } from './storeTypes.ts';
import { softWarnings } from './warnings.ts';
import { diffValues } from './history.ts';

/** What the write path reads of the store (ReportStore is one). */
export interface WriteHost {
  readonly definition: ReportDefinition;
  readonly dueDay: number;
  readonly lockDays: number;
  readonly readonly: boolean;
  readonly path: string;
  readonly repository: ReportRepository;
  now(): Date;
  resolve(actor: string, action: string, unitText: string, monthText: string): { ok: true; unit: Unit; month: string } | Failure;
  mayAccess(actor: string, unit: string): boolean;
  isCoordinator(actor: string): boolean;
  show(unit: string, month: string): ReportView;
}

export class CheckedWrites {
  constructor(
    private readonly store: WriteHost,
    /** Audits a refusal and returns it. */
    private readonly refuse: (actor: string, action: string, unit: string | null, month: string | null, f: Failure) => Failure,
    /** Tells the store's listeners about a committed change. */
    private readonly changed: (change: ReportChange) => void,
  ) {}

  /**
   * Checks that `actor` may write this unit's month now, before any values are typed: the unit
   * and month exist, the unit reports that month, the actor is its reporter or a coordinator,
   * the month is not locked, and the report exists (amend) or not (submit, none). Refusals are
   * audited. Flows call it before opening a form, so nobody fills in a form in vain.
   */
  target(actor: string, kind: WriteKind, unitText: string, monthText: string): { ok: true; unit: Unit; month: string; current?: ReportView } | Failure {
    const action = `report ${kind}`;
    const r = this.store.resolve(actor, action, unitText, monthText);
    if (!r.ok) return r;
    const { unit, month } = r;
    const refuse = (f: Failure) => this.refuse(actor, action, unit.name, month, f);
    if (!unitActiveIn(unit, month)) return refuse(inactiveUnit(unit, month));
    if (!this.store.mayAccess(actor, unit.name)) return refuse(forbiddenUnit(unit.name));
    if (this.store.readonly) return refuse(readOnlyFailure(this.store.path));
    if (kind === 'none' && !monthEnded(month, this.store.now())) return refuse(monthInProgress(month));
    const row = this.store.repository.row(unit.name, month);
    const lock = lockTime(month, this.store.dueDay, this.store.lockDays, this.store.repository.flag(unit.name, month));
    if (isLockedFor(this.store.isCoordinator(actor), row, lock, this.store.now())) return refuse(lockedMonth(unit.name, month, lock));
    if (kind !== 'amend' && row) return refuse(alreadySubmitted(unit.name, month, row.revision));
    if (kind === 'amend' && !row) return refuse(notSubmitted(unit.name, month));
    return { ok: true, unit, month, current: row ? this.store.repository.view(unit.name, month, row) : undefined };
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
    const row = this.store.repository.row(unit.name, month);
    let values: ReportValues;
    if (req.kind === 'none') {
      values = { ...zeroValues(this.store.definition), ...(this.store.definition.fields.some((f) => f.key === 'notes') ? { notes: '本月无招商活动' } : {}) };
    } else if (req.values) {
      const parsed = checkValues(this.store.definition, req.values);
      if (Object.keys(parsed.errors).length > 0) return refuse(this.invalid(parsed.errors));
      values = parsed.values;
    } else {
      const base = row ? (JSON.parse(row.values_json) as ReportValues) : undefined;
      const parsed = parseValues(this.store.definition, req.raw ?? {}, base);
      if (Object.keys(parsed.errors).length > 0) return refuse(this.invalid(parsed.errors));
      values = parsed.values;
    }
    let warnings = req.kind === 'none' ? [] : this.warningsFor(unit.name, month, values);
    if (req.kind === 'amend' && row) {
      // What the amendment leaves as it was was confirmed when it was stored: only a warning on a
      // field the amendment changes is asked again.
      const changed = new Set(diffValues(this.store.definition, JSON.parse(row.values_json) as ReportValues, values).map((c) => c.key));
      warnings = warnings.filter((w) => w.fields.some((k) => changed.has(k)));
    }
    return { ok: true, unit, month, kind: req.kind, values, warnings, current: row ? this.store.repository.view(unit.name, month, row) : undefined };
  }

  private invalid(errors: Record<string, Problem>): Failure {
    const list = Object.values(errors);
    return fail('invalid', list.map((p) => p.zh).join('；'), list.map((p) => p.en).join('; '), { fieldErrors: errors });
  }

  /** Soft warnings for these values, against the unit's recent history (see warnings.ts). */
  warningsFor(unit: string, month: string, values: ReportValues): Warning[] {
    const history = this.store.repository.history(unit, addMonths(month, -this.store.definition.warnings.medianMonths), month);
    return softWarnings(this.store.definition, values, history);
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
    const revision = this.store.repository.store({
      actor: req.actor,
      action,
      unit: p.unit.name,
      month: p.month,
      kind: req.kind,
      values: p.values,
      reason,
      warnings: p.warnings.map((w) => w.problem.zh),
    });
    if (revision === 'unchanged') {
      return this.refuse(req.actor, action, p.unit.name, p.month, fail('unchanged', `没有修改任何数值：${p.unit.name} ${p.month} 的月报与当前版本相同，未保存新版本。`, `Nothing changed: the values are the same as the current revision of ${p.unit.name} ${p.month}; no new revision was stored.`));
    }
    if (revision === null) {
      return this.refuse(req.actor, action, p.unit.name, p.month, fail('exists', `${p.unit.name} ${p.month} 刚刚已被提交，请用「更正」。`, `${p.unit.name} ${p.month} was just submitted; use amend.`));
    }
    this.changed({ unit: p.unit.name, month: p.month, action: req.kind });
    return { ok: true, revision, report: this.store.show(p.unit.name, p.month), warnings: p.warnings };
  }
}
