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
 * coordinators by DM once, and still retried until the channel takes it.
 *
 * ```ts
 * const scheduler = new DeadlineScheduler({ store, calendar, policy, messengers: [discord.messenger] });
 * scheduler.start();        // ticks now, then daily at 09:00 China time; listens for report changes
 * await scheduler.tick();   // what tests (with an injected clock) call instead
 * await scheduler.stop();
 * ```
 */
import { createHash } from 'node:crypto';
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
import { DeliveryError, type Messenger } from '../../core/messenger.ts';
import { replyToPlainText, type Locale, type Reply } from '../../core/reply.ts';
import { atRiskReply, boardRefusedReply, boardReply, channelFallbackReply, deliveryFailuresReply, digestReply, escalationReply, reminderReply } from './messages.ts';
import { isSendingTime, nextRetryAt, noticeFor, reasonOf, storedReason } from './channelRetry.ts';
import { formatChinaTime } from '../../../text/chinaTime.ts';
import type { Localized } from '../../../text/locale.ts';

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

/** What one tick did, for tests, logs and `/remind status`. */
export interface TickReport {
  day: string;
  /** False on weekends, public holidays and before `remindAt`: nothing but board edits then. */
  sendingDay: boolean;
  sent: Array<{ key: string; to: string }>;
  failed: Array<{ key: string; to: string; reason: string }>;
  boardsPosted: Array<{ surface: string; month: string }>;
  boardsEdited: Array<{ surface: string; month: string }>;
  /** Notices the channel refused twice, sent to the coordinators by DM instead. */
  fellBack: Array<{ key: string; surface: string }>;
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

  constructor(o: DeadlineSchedulerOptions) {
    this.store = o.store;
    this.calendar = o.calendar;
    this.policy = o.policy;
    this.delivery = o.delivery ?? new DeliveryService({ directory: o.store, messengers: o.messengers });
    this.remindAt = o.remindAt ?? '09:00';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(this.remindAt)) throw new Error(`remind time must be HH:MM, got "${this.remindAt}"`);
    this.locale = o.defaultLocale ?? 'zh-CN';
    this.log = o.log ?? ((line) => logger.info({ event: 'scheduler' }, line));
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
      await this.editBoards(month, this.emptyReport(''));
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
      if (report.sendingDay) await this.retryNotices(report);
      for (const month of monthsWatchedOn(day)) {
        if (report.sendingDay && this.inBoardWindow(month, day)) await this.openBoards(month, report);
        await this.editBoards(month, report);
      }
      this.logReport(report);
      return report;
    });
  }

  private emptyReport(day: string): TickReport {
    return { day, sendingDay: false, sent: [], failed: [], boardsPosted: [], boardsEdited: [], fellBack: [] };
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
    if (report.sendingDay) await this.retryNotices(report);
    for (const month of monthsWatchedOn(day)) {
      const s = monthSchedule(month, this.policy, this.calendar);
      if (report.sendingDay) {
        if (this.inBoardWindow(month, day)) await this.openBoards(month, report);
        const stage = reminderStageOn(s, day);
        if (stage) await this.remind(month, s.dueDay, stage, report, failures);
        if (escalationOn(s, day)) await this.escalate(month, report);
      }
      await this.editBoards(month, report);
    }
    if (report.sendingDay) {
      for (const quarter of quartersWatchedOn(day)) await this.quarterNotices(quarter, day, report);
      // Each failure is found once (its reminder is claimed), so the first one names the notice.
      const first = failures[0];
      if (first) await this.toCoordinators(`undelivered:${day}:${first.unit}:${first.who}`, (L) => deliveryFailuresReply(failures, L), report);
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

  private localeOf(userId: string): Locale {
    return this.store.getLocale(userId) ?? this.locale;
  }

  /** Sends under `key` once per recipient; true when it went out now. */
  private async sendOnce(key: string, to: string, send: () => Promise<void>, report: TickReport): Promise<{ sent: boolean; error?: DeliveryError }> {
    const log = this.store.notifications;
    if (!log.claim(key, to)) return { sent: false };
    try {
      await send();
      log.settle(key, to, 'sent');
      report.sent.push({ key, to });
      return { sent: true };
    } catch (err) {
      const reason = asDeliveryError(err);
      log.settle(key, to, 'failed', storedReason(reason.reason));
      report.failed.push({ key, to, reason: reason.reason.en });
      return { sent: false, error: reason };
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
        const L = this.localeOf(who);
        const r = await this.sendOnce(key, who, () => this.delivery.sendDirect(who, reminderReply(this.store, { unit, month, dueDay, stage }, L), L), report);
        if (r.error) failures.push({ who, unit, reason: r.error.reason });
      }
    }
  }

  private async escalate(month: string, report: TickReport): Promise<void> {
    const m = this.store.missing(month);
    if (m.missing.length === 0) return;
    await this.toCoordinators(`escalate:${month}`, (L) => escalationReply(m, L), report);
  }

  private async quarterNotices(quarter: string, day: string, report: TickReport): Promise<void> {
    const q = quarterSchedule(quarter, this.policy, this.calendar);
    if (day >= q.atRisk && day <= q.atRiskUntil && !this.store.notifications.has(`atrisk:${quarter}`)) {
      const atRisk = computeCompliance(this.store, quarter).units.filter((u) => u.outcome === 'at_risk');
      if (atRisk.length) await this.toCoordinators(`atrisk:${quarter}`, (L) => atRiskReply(quarter, atRisk, L), report);
      else {
        // Nobody at risk on the day: record that the check ran, so it is not repeated daily.
        this.store.notifications.claim(`atrisk:${quarter}`, '-');
        this.store.notifications.settle(`atrisk:${quarter}`, '-', 'sent', 'no unit at risk');
      }
    }
    if (day >= q.digest && day <= q.digestUntil && !this.store.notifications.has(`digest:${quarter}`)) {
      const c = computeCompliance(this.store, quarter);
      if (!c.running) await this.toCoordinators(`digest:${quarter}`, (L) => digestReply(quarter, c.units, L), report);
    }
  }

  /** The coordinators' channel on every surface that has one; else a DM to every coordinator. */
  private async toCoordinators(key: string, build: (L: Locale) => Reply, report: TickReport): Promise<void> {
    const channels = this.delivery.messengers.filter((m) => m.hasChannel);
    if (channels.length) {
      for (const m of channels) await this.sendOnce(key, `channel:${m.surface}`, async () => void (await m.postToChannel(build(this.locale), this.locale)), report);
      return;
    }
    await this.toCoordinatorDms(key, build, report);
  }

  /** A DM to every coordinator on a connected platform, once each under `key`. */
  private async toCoordinatorDms(key: string, build: (L: Locale) => Reply, report: TickReport): Promise<void> {
    const reachable = this.store.coordinators().filter((c) => this.delivery.reaches(c));
    if (reachable.length === 0) {
      this.log(`no coordinator on a connected platform; not delivered: ${replyToPlainText(build(this.locale)).split('\n')[0]}`);
      return;
    }
    for (const c of reachable) {
      const L = this.localeOf(c);
      await this.sendOnce(key, c, () => this.delivery.sendDirect(c, build(L), L), report);
    }
  }

  /**
   * Notices the coordinators' channel refused on an earlier tick: posted again (written from
   * today's data); refused again — or the channel is gone — they go to the coordinators by DM.
   * A notice that has gone by DM is not tried in the channel any more.
   */
  private async retryNotices(report: TickReport): Promise<void> {
    const log = this.store.notifications;
    for (const row of log.failedTo('channel:')) {
      if (row.key.startsWith('board:')) continue; // boards: openBoards posts them until they are up
      if (log.withPrefix(row.key).some((r) => r.key === row.key && !r.recipient.startsWith('channel:'))) continue;
      const surface = row.recipient.slice('channel:'.length);
      const build = noticeFor(this.store, row.key);
      if (!build) {
        // Nothing left to say (everyone reported meanwhile): recorded, so it is not looked at again.
        log.claim(row.key, '-');
        log.settle(row.key, '-', 'sent', 'no longer needed');
        continue;
      }
      const m = this.delivery.messengers.find((x) => x.surface === surface && x.hasChannel);
      if (m && log.retry(row.key, row.recipient)) {
        try {
          await m.postToChannel(build(this.locale), this.locale);
          log.settle(row.key, row.recipient, 'sent');
          report.sent.push({ key: row.key, to: row.recipient });
          continue;
        } catch (err) {
          const reason = asDeliveryError(err).reason;
          log.settle(row.key, row.recipient, 'failed', storedReason(reason));
          report.failed.push({ key: row.key, to: row.recipient, reason: reason.en });
        }
      }
      const reason = reasonOf(log.withPrefix(row.key).find((r) => r.recipient === row.recipient) ?? row);
      report.fellBack.push({ key: row.key, surface });
      await this.toCoordinatorDms(row.key, (L) => channelFallbackReply(build(L), surface, reason, L), report);
    }
  }

  /** Posts the month's board on every surface with a coordinators' channel, once per month. */
  private async openBoards(month: string, report: TickReport): Promise<void> {
    for (const m of this.delivery.messengers.filter((x) => x.hasChannel)) {
      const log = this.store.notifications;
      if (!log.claimBoard(m.surface, month)) continue;
      const board = boardReply(this.store, month, this.locale);
      const key = `board:${month}`;
      const to = `channel:${m.surface}`;
      try {
        const id = await m.postToChannel(board, this.locale);
        log.boardPosted(m.surface, month, id, hash(board));
        log.settle(key, to, 'sent'); // a board that failed before is marked posted now
        report.boardsPosted.push({ surface: m.surface, month });
      } catch (err) {
        // Nothing was posted: the claim is given up so the next tick tries again (and never doubles it).
        log.releaseBoard(m.surface, month);
        const reason = asDeliveryError(err).reason;
        const again = !log.claim(key, to);
        log.settle(key, to, 'failed', storedReason(reason));
        this.log(`status board ${month} on ${m.surface} could not be posted: ${reason.en}`);
        report.failed.push({ key, to, reason: reason.en });
        if (again) {
          // Refused twice: the coordinators are told once, by DM, so someone can invite the bot.
          const retryAt = formatChinaTime(nextRetryAt(this.store.now(), this.calendar, this.remindAt));
          await this.toCoordinatorDms(key, (L) => boardRefusedReply(month, m.surface, reason, retryAt, L), report);
        }
      }
    }
  }

  /** Edits the month's posted boards whose text changed since the last post or edit. */
  private async editBoards(month: string, report: TickReport): Promise<void> {
    const boards = this.store.notifications.boards(month).filter((b) => b.messageId);
    if (boards.length === 0) return;
    const board = boardReply(this.store, month, this.locale);
    const h = hash(board);
    for (const b of boards) {
      if (b.contentHash === h) continue;
      const m = this.delivery.messengers.find((x) => x.surface === b.surface);
      if (!m) continue;
      try {
        await m.editChannelMessage(b.messageId!, board, this.locale);
        this.store.notifications.boardEdited(b.surface, month, h);
        report.boardsEdited.push({ surface: b.surface, month });
      } catch (err) {
        this.log(`status board ${month} on ${b.surface} could not be edited: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

function asDeliveryError(err: unknown): DeliveryError {
  return err instanceof DeliveryError ? err : new DeliveryError({ zh: `发送失败：${String(err)}`, en: `sending failed: ${String(err)}` }, { cause: err });
}

function hash(r: Reply): string {
  return createHash('sha256').update(JSON.stringify(r.blocks)).digest('hex').slice(0, 16);
}

