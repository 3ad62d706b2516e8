/**
 * Who may do what, and when a month is closed: the access and lock rules of the reports store,
 * and the wording of their refusals. Pure functions; the store supplies the facts (roles, the
 * stored row and month flags, the clock).
 */
import type { Roster, Unit } from './definition.ts';
import { effectiveLockTime, lastDayBefore } from './months.ts';
import { fail, type Failure, type FlagRow, type ReportRow } from './storeTypes.ts';

/** What the access rules need to know about a person. */
export interface Roles {
  coordinator: boolean;
  units: string[];
}

/** May a person see or write this unit's data? Its reporters and coordinators may. */
export function mayAccess(roles: Roles, unit: string): boolean {
  return roles.coordinator || roles.units.includes(unit);
}

/** The moment a unit's month locks: the lock day, or a new lock period after a reopen. */
export function lockTime(month: string, dueDay: number, lockDays: number, flag: Pick<FlagRow, 'reopened_at'> | undefined): Date {
  return effectiveLockTime(month, dueDay, lockDays, flag?.reopened_at);
}

/**
 * Whether the month is closed to this person now: after the lock time, unless they coordinate
 * or the report was returned for correction (it stays open to its reporters until amended).
 */
export function isLockedFor(coordinator: boolean, row: ReportRow | undefined, lock: Date, now: Date): boolean {
  if (coordinator) return false;
  if (row?.returned_at) return false;
  return now >= lock;
}

/** Audit outcome of a failure: bad input is `rejected`, a rule saying no is `refused`. */
export function auditOutcome(f: Failure): 'refused' | 'rejected' {
  return f.code === 'invalid' || f.code === 'warnings' || f.code === 'unchanged' ? 'rejected' : 'refused';
}

// ── Refusal wording ──────────────────────────────────────────────────────────────────────────

export function unknownUnit(roster: Roster, text: string): Failure {
  const names = roster.units.map((u) => u.name).join('、');
  // English lists the names as typed (Chinese), with the English name that is accepted too.
  const namesEn = roster.units.map((u) => (u.nameEn ? `${u.name} (${u.nameEn})` : u.name)).join(', ');
  return fail('unknown_unit', `没有「${text}」这个报送单位。可选：${names}`, `There is no reporting unit "${text}". Units: ${namesEn}`);
}

export function readOnlyFailure(path: string): Failure {
  return fail('forbidden', `数据库 ${path} 只读（文件或目录没有写权限），只能查看，不能写入。`, `The database ${path} is read-only (no write permission); it can be read, not written.`);
}

export function coordinatorOnly(): Failure {
  return fail('forbidden', '此操作仅限市投资促进中心协调员。', 'Only coordinators of the city investment-promotion center may do this.');
}

export function forbiddenUnit(unit: string): Failure {
  return fail('forbidden', `你不是「${unit}」的报送人，不能填报或查看该单位的数据。`, `You are not a reporter for ${unit}; you cannot submit or see its data.`);
}

export function inactiveUnit(unit: Unit, month: string): Failure {
  return fail('inactive_unit', `「${unit.name}」在 ${month} 不在报送范围内（有效期 ${unit.from ?? '…'} 至 ${unit.until ?? '…'}）。`, `${unit.name} is not a reporting unit in ${month}.`);
}

export function monthInProgress(month: string): Failure {
  return fail('month_in_progress', `${month} 还没有结束，本月是否有招商活动要到月底才能确定，请在 ${month} 结束后再报告「本月无招商活动」。`, `${month} has not ended yet; "no activity" can only be reported once the month is over.`);
}

export function lockedMonth(unit: string, month: string, lock: Date): Failure {
  const day = lastDayBefore(lock);
  return fail('locked', `${unit} ${month} 的月报已于 ${day} 锁定，只有协调员可以重新开放（/admin reopen）。`, `${unit} ${month} locked on ${day}; only a coordinator can reopen it.`);
}

export function alreadySubmitted(unit: string, month: string, revision: number): Failure {
  return fail('exists', `${unit} ${month} 已提交（第 ${revision} 版），如需修改请用「更正」（amend）并说明原因。`, `${unit} ${month} is already submitted (revision ${revision}); use amend with a reason.`);
}

export function notSubmitted(unit: string, month: string): Failure {
  return fail('not_found', `${unit} ${month} 还没有提交，请先填报（submit）。`, `${unit} ${month} has not been submitted yet; submit it first.`);
}
