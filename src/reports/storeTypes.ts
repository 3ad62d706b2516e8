/**
 * The shapes the reports store speaks in: requests, results, views, failures and the raw rows of
 * its tables. One definition shared by the directory, the access rules, the repository and the
 * store facade.
 */
import type { ReportDefinition, Roster, Unit } from './definition.ts';
import type { FieldProblem, ReportValues } from './values.ts';

export type { Locale } from '../text/locale.ts';
export type ReportStatus = 'on_time' | 'late' | 'missing' | 'excused';

/** Each status as people read it; a `missing` month whose due day has not passed reads 未到截止日. */
export const STATUS_WORDS: Record<ReportStatus, Problem> = {
  on_time: { zh: '按时报送', en: 'on time' },
  late: { zh: '迟报', en: 'late' },
  missing: { zh: '未报', en: 'missing' },
  excused: { zh: '免报', en: 'excused' },
};
export const NOT_DUE_WORDS: Problem = { zh: '未到截止日', en: 'not due yet' };

/**
 * The one wording of a unit's month for every view (history, show, summary, export): its status,
 * except that a month not reported before its due day has passed is 未到截止日, not yet 未报.
 */
export function statusWords(v: { status: ReportStatus; overdue: boolean }): Problem {
  return v.status === 'missing' && !v.overdue ? NOT_DUE_WORDS : STATUS_WORDS[v.status];
}
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
  /** Every field the warning is about (both of a pair); an amendment re-asks only when it changes one. */
  fields: string[];
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
  /** True once the due day has passed (a `missing` month before it reads 未到截止日). */
  overdue: boolean;
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

/** A row of `reports`. */
export interface ReportRow {
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

/** A row of `month_flags`. */
export interface FlagRow {
  unit: string;
  month: string;
  excused_at: string | null;
  excused_by: string | null;
  excuse_reason: string | null;
  reopened_at: string | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}

/** A refusal with its wording in both locales. */
export const fail = (code: FailCode, zh: string, en: string, extra: Partial<Failure> = {}): Failure => ({ ok: false, code, problem: { zh, en }, ...extra });
