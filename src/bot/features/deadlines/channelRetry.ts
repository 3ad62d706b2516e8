/**
 * What the scheduler needs to try a failed channel post again: when it sends at all (a working
 * day in China, past the reminder time), when the next attempt is due, how a failure reason is
 * kept in the notification log, and how a notice is written again from its key — the notice
 * is rebuilt from the data at retry time, so a retry after a restart says what is true now.
 *
 * ```ts
 * nextRetryAt(new Date('2030-05-06T09:05:00+08:00'), calendar, '09:00'); // 09:15 the same day
 * noticeFor(store, 'escalate:2030-04')?.('zh-CN');                        // the escalation, as of now
 * ```
 */
import {
  addDays,
  computeCompliance,
  formatDay,
  type NotificationRow,
  type ReportStore,
  type WorkdayCalendar,
} from '../../../reports/index.ts';
import { chinaDay, chinaTimeOfDay } from '../../../text/chinaTime.ts';
import type { Localized } from '../../../text/locale.ts';
import type { Locale, Reply } from '../../core/reply.ts';
import { atRiskReply, deliveryFailuresReply, digestReply, escalationReply } from './messages.ts';

/** The periodic refresh that retries failed posts (and picks up other processes' writes). */
export const RETRY_EVERY_MINUTES = 15;

/** True when it is a working day in China and past the reminder time: the scheduler may send. */
export function isSendingTime(now: Date, calendar: WorkdayCalendar, remindAt: string): boolean {
  return calendar.isWorkday(formatDay(now)) && chinaTimeOfDay(now) >= remindAt;
}

/**
 * When a failed post is next tried: the next quarter hour if that is still sending time today,
 * else the reminder time of the next working day (today's, when it has not come yet).
 */
export function nextRetryAt(now: Date, calendar: WorkdayCalendar, remindAt: string): Date {
  const step = RETRY_EVERY_MINUTES * 60_000;
  const next = new Date(Math.floor(now.getTime() / step) * step + step);
  if (chinaDay(next) === chinaDay(now) && isSendingTime(next, calendar, remindAt)) return next;
  let day = chinaDay(now);
  // A year ahead at most: every calendar has working days well within it.
  for (let i = 0; i < 366; i++, day = addDays(day, 1)) {
    const at = new Date(`${day}T${remindAt}:00+08:00`);
    if (at > now && calendar.isWorkday(day)) return at;
  }
  return next;
}

/** A failure reason as kept in the log's `detail`: both languages, so status and notices can say it. */
export function storedReason(reason: Localized): string {
  return JSON.stringify({ zh: reason.zh, en: reason.en });
}

/** The reason of a failed row (rows written before reasons were kept in both languages read as they are). */
export function reasonOf(row: Pick<NotificationRow, 'detail'>): Localized {
  try {
    const r = JSON.parse(row.detail ?? '') as Partial<Localized>;
    if (typeof r.zh === 'string' && typeof r.en === 'string') return { zh: r.zh, en: r.en };
  } catch {
    // an older row: plain English text
  }
  const text = row.detail ?? '';
  return { zh: text, en: text };
}

/**
 * The notice a key stands for, written from today's data; undefined when there is nothing left
 * to say (everyone reported since, nobody is at risk any more) or the key is not a notice.
 */
export function noticeFor(store: ReportStore, key: string): ((L: Locale) => Reply) | undefined {
  const [kind, what] = key.split(':');
  if (!what) return undefined;
  if (kind === 'escalate') {
    const m = store.missing(what);
    return m.missing.length ? (L) => escalationReply(m, L) : undefined;
  }
  if (kind === 'atrisk') {
    const atRisk = computeCompliance(store, what).units.filter((u) => u.outcome === 'at_risk');
    return atRisk.length ? (L) => atRiskReply(what, atRisk, L) : undefined;
  }
  if (kind === 'digest') {
    const c = computeCompliance(store, what);
    return (L) => digestReply(what, c.units, L);
  }
  if (kind === 'undelivered') {
    const failures = undeliveredOn(store, what);
    return failures.length ? (L) => deliveryFailuresReply(failures, L) : undefined;
  }
  return undefined;
}

/** The reminders that failed on `day` (China date), as the undelivered notice of that day lists them. */
function undeliveredOn(store: ReportStore, day: string): Array<{ who: string; unit: string; reason: Localized }> {
  return store.notifications
    .withPrefix('remind:')
    .filter((r) => r.state === 'failed' && formatDay(new Date(r.at)) === day)
    .map((r) => ({ who: r.recipient === '-' ? '—' : r.recipient, unit: r.key.split(':')[2]!, reason: reasonOf(r) }));
}
