/**
 * The deadline scheduler: deadlines that run themselves inside the running bot.
 *
 * Once a working day (at `remindAt`, Asia/Shanghai) it reminds the reporters of units that have
 * not reported, escalates late units to the coordinators, opens each month's status board,
 * and sends the mid-quarter "at risk" notice and the quarter's quota digest — all on the dates
 * `src/reports/deadlines.ts` computes from the working-day calendar. Between ticks, every
 * committed report change edits the month's board in place.
 *
 * What was sent is recorded in SQLite before it is sent (see NotificationLog), so a restarted
 * bot never sends the same reminder twice, and its first tick catches up on what it missed.
 * Coordinator notices go to the coordinators' channel when one is configured, otherwise by DM to
 * every coordinator. Reminders that fail to arrive are reported to the coordinators.
 *
 * A channel post that fails (the bot is not in the channel yet, the platform is down) is tried
 * again on the next tick and on the quarter-hourly refresh: the board until it is posted, a
 * notice once more — and if the channel refuses it again, the notice goes to every coordinator
 * by DM (each on the platform they are bound on). A board refused twice is reported to the
 * coordinators by DM once, and still retried until the channel takes it. How each thing is
 * delivered, recorded and retried is outbox.ts's; this file decides what is due and when.
 *
 * ```ts
 * const scheduler = new DeadlineScheduler({ store, calendar, policy, messengers: [discord.messenger] });
 * scheduler.start();        // ticks now, then daily at 09:00 China time; listens for report changes
 * await scheduler.tick();   // what tests (with an injected clock) call instead
 * await scheduler.stop();
 * ```
 */
import { Cron } from 'croner';
import { logger } from '../../../log.ts';
import {
  computeCompliance,
  escalationOn,
  formatDay,
  monthSchedule,
  monthsWatchedOn,
  quarterSchedule,
  quartersWatchedOn,
  reminderStageOn,
  type ReminderPolicy,
  type ReminderStage,
  type ReportStore,
  type WorkdayCalendar,
} from '../../../reports/index.ts';
import { DeliveryService } from '../../core/delivery.ts';
import type { Messenger } from '../../core/messenger.ts';
import type { Locale } from '../../core/reply.ts';
import { atRiskReply, deliveryFailuresReply, digestReply, escalationReply, reminderReply } from './messages.ts';
import { isSendingTime, storedReason } from './channelRetry.ts';
import { emptyTickReport, Outbox, type TickReport } from './outbox.ts';
import type { Localized } from '../../../text/locale.ts';

export type { TickReport } from './outbox.ts';

export interface DeadlineSchedulerOptions {
  store: ReportStore;
  calendar: WorkdayCalendar;
  policy: ReminderPolicy;
  /** Reaches each user on the surface of their id (the app's, shared with the adapters). */
  delivery?: DeliveryService;
  /** Or: the running surfaces' messengers, wrapped in a DeliveryService of the scheduler's own. */
  messengers?: readonly Messenger[];
  /** Time of day in China (HH:MM) when reminders go out. Default 09:00. */
  remindAt?: string;
  /** Language of channel posts and of DMs to people with no saved preference. */
  defaultLocale?: Locale;
  log?: (line: string) => void;
}

type Failure = { who: string; unit: string; reason: Localized };

const NOT_BOUND = { zh: '该单位未绑定报送人', en: 'no reporter is bound to this unit' };

export class DeadlineScheduler {
  private readonly store: ReportStore;
  private readonly calendar: WorkdayCalendar;
  private readonly policy: ReminderPolicy;
  private readonly delivery: DeliveryService;
  private readonly remindAt: string;
  private readonly locale: Locale;
  private readonly log: (line: string) => void;
  /** Ticks and board edits run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private cron?: Cron;
  private boardCron?: Cron;
  private unsubscribe?: () => void;
  private readonly outbox: Outbox;

  constructor(o: DeadlineSchedulerOptions) {
    this.store = o.store;
    this.calendar = o.calendar;
    this.policy = o.policy;
    this.delivery = o.delivery ?? new DeliveryService({ directory: o.store, messengers: o.messengers });
    this.remindAt = o.remindAt ?? '09:00';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(this.remindAt)) throw new Error(`remind time must be HH:MM, got "${this.remindAt}"`);
    this.locale = o.defaultLocale ?? 'zh-CN';
    this.log = o.log ?? ((line) => logger.info({ event: 'scheduler' }, line));
    this.outbox = new Outbox({ store: this.store, delivery: this.delivery, calendar: this.calendar, remindAt: this.remindAt, locale: this.locale, log: this.log });
  }

  /** Ticks once now (catching up), then every day at `remindAt` China time; edits boards on every report change. */
  start(): void {
    const [h, m] = this.remindAt.split(':').map(Number);
    this.cron = new Cron(`${m} ${h} * * *`, { timezone: 'Asia/Shanghai', catch: (e) => this.log(`scheduler tick failed: ${String(e)}`) }, async () => {
      await this.tick();
    });
    // Reports written by another process (the CLI) reach the board within a quarter of an hour;
    // channel posts that failed are tried again on the same beat.
    this.boardCron = new Cron('*/15 * * * *', { timezone: 'Asia/Shanghai', catch: (e) => this.log(`board refresh failed: ${String(e)}`) }, async () => {
      await this.refreshBoards();
    });
    this.listen();
    void this.tick().catch((e) => this.log(`scheduler start-up tick failed: ${String(e)}`));
  }

  /** Edits the status board after every committed report change (start() does this too). */
  listen(): void {
    this.unsubscribe ??= this.store.onChange((c) => void this.refreshBoard(c.month));
  }

  /** When the daily tick runs next (undefined before start()). */
  nextRun(): Date | undefined {
    return this.cron?.nextRun() ?? undefined;
  }

  async stop(): Promise<void> {
    this.cron?.stop();
    this.boardCron?.stop();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.idle();
  }

  /** Resolves when every queued tick and board edit has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined, () => undefined);
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Does what is due now. Safe to call any number of times: nothing is sent twice. */
  tick(): Promise<TickReport> {
    return this.enqueue(() => this.runTick());
  }

  /** Edits the month's board(s) if their text changed (called after every report change). */
  refreshBoard(month: string): Promise<void> {
    return this.enqueue(async () => {
      await this.outbox.editBoards(month, this.emptyReport(''));
    });
  }

  /**
   * Edits the boards of every month being watched whose text changed; in sending time, also
   * tries again the channel posts that failed (boards not yet posted, refused notices).
   */
  refreshBoards(): Promise<TickReport> {
    return this.enqueue(async () => {
      const now = this.store.now();
      const day = formatDay(now);
      const report: TickReport = { ...this.emptyReport(day), sendingDay: this.isSendingTime(now) };
      if (report.sendingDay) await this.outbox.retryNotices(report);
      for (const month of monthsWatchedOn(day)) {
        if (report.sendingDay && this.inBoardWindow(month, day)) await this.outbox.openBoards(month, report);
        await this.outbox.editBoards(month, report);
      }
      this.logReport(report);
      return report;
    });
  }

  private emptyReport(day: string): TickReport {
    return emptyTickReport(day);
  }

  /** True when it is a working day in China and past the reminder time. */
  isSendingTime(now: Date): boolean {
    return isSendingTime(now, this.calendar, this.remindAt);
  }

  private inBoardWindow(month: string, day: string): boolean {
    const s = monthSchedule(month, this.policy, this.calendar);
    return day >= s.boardOpens && day <= s.lockDay;
  }

  private async runTick(): Promise<TickReport> {
    const now = this.store.now();
    const day = formatDay(now);
    const report: TickReport = { ...this.emptyReport(day), sendingDay: this.isSendingTime(now) };
    const failures: Failure[] = [];
    // What the channel refused on an earlier tick is tried first (before today's new posts).
    if (report.sendingDay) await this.outbox.retryNotices(report);
    for (const month of monthsWatchedOn(day)) {
      const s = monthSchedule(month, this.policy, this.calendar);
      if (report.sendingDay) {
        if (this.inBoardWindow(month, day)) await this.outbox.openBoards(month, report);
        const stage = reminderStageOn(s, day);
        if (stage) await this.remind(month, s.dueDay, stage, report, failures);
        if (escalationOn(s, day)) await this.escalate(month, report);
      }
      await this.outbox.editBoards(month, report);
    }
    if (report.sendingDay) {
      for (const quarter of quartersWatchedOn(day)) await this.quarterNotices(quarter, day, report);
      // Each failure is found once (its reminder is claimed), so the first one names the notice.
      const first = failures[0];
      if (first) await this.outbox.toCoordinators(`undelivered:${day}:${first.unit}:${first.who}`, (L) => deliveryFailuresReply(failures, L), report);
    }
    this.logReport(report);
    return report;
  }

  private logReport(report: TickReport): void {
    if (report.sent.length || report.failed.length || report.boardsPosted.length || report.boardsEdited.length) {
      const fellBack = report.fellBack.length ? `, by DM instead of the channel ${report.fellBack.length}` : '';
      this.log(`deadlines ${report.day}: sent ${report.sent.length}, failed ${report.failed.length}${fellBack}, boards +${report.boardsPosted.length} ~${report.boardsEdited.length}`);
    }
  }

  private async remind(month: string, dueDay: string, stage: ReminderStage, report: TickReport, failures: Failure[]): Promise<void> {
    // Missing excludes excused units and units not in force that month.
    for (const { unit, reporters } of this.store.missing(month).missing) {
      const key = `remind:${month}:${unit}:${stage}`;
      if (reporters.length === 0) {
        // Said once per stage, not every day of its window.
        if (this.store.notifications.claim(key, '-')) {
          this.store.notifications.settle(key, '-', 'failed', storedReason(NOT_BOUND));
          failures.push({ who: '—', unit, reason: NOT_BOUND });
          // Counted as undelivered in the tick's log line, like any reminder that did not go out.
          report.failed.push({ key, to: '-', reason: NOT_BOUND.en });
        }
        continue;
      }
      for (const who of reporters) {
        const L = this.outbox.localeOf(who);
        const r = await this.outbox.sendOnce(key, who, () => this.delivery.sendDirect(who, reminderReply(this.store, { unit, month, dueDay, stage }, L), L), report);
        if (r.error) failures.push({ who, unit, reason: r.error.reason });
      }
    }
  }

  private async escalate(month: string, report: TickReport): Promise<void> {
    const m = this.store.missing(month);
    if (m.missing.length === 0) return;
    await this.outbox.toCoordinators(`escalate:${month}`, (L) => escalationReply(m, L), report);
  }

  private async quarterNotices(quarter: string, day: string, report: TickReport): Promise<void> {
    const q = quarterSchedule(quarter, this.policy, this.calendar);
    if (day >= q.atRisk && day <= q.atRiskUntil && !this.store.notifications.has(`atrisk:${quarter}`)) {
      const atRisk = computeCompliance(this.store, quarter).units.filter((u) => u.outcome === 'at_risk');
      if (atRisk.length) await this.outbox.toCoordinators(`atrisk:${quarter}`, (L) => atRiskReply(quarter, atRisk, L), report);
      else {
        // Nobody at risk on the day: record that the check ran, so it is not repeated daily.
        this.store.notifications.claim(`atrisk:${quarter}`, '-');
        this.store.notifications.settle(`atrisk:${quarter}`, '-', 'sent', 'no unit at risk');
      }
    }
    if (day >= q.digest && day <= q.digestUntil && !this.store.notifications.has(`digest:${quarter}`)) {
      const c = computeCompliance(this.store, quarter);
      if (!c.running) await this.outbox.toCoordinators(`digest:${quarter}`, (L) => digestReply(quarter, c.units, L), report);
    }
  }

}
