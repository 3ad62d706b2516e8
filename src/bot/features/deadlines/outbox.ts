/**
 * Everything the deadline scheduler sends, each recorded once in the notification log: DMs,
 * coordinator notices (the coordinators' channel where there is one, else a DM to each), the
 * month's status board (posted once, then edited in place), and the second chance for a post
 * the channel refused — a board until the channel takes it, a notice once more and then by DM
 * to every coordinator, each on the platform they are bound on (see channelRetry.ts).
 *
 * The scheduler decides *what* is due and *when*; the outbox decides *how* it is delivered.
 */
import { createHash } from 'node:crypto';
import type { ReportStore, WorkdayCalendar } from '../../../reports/index.ts';
import { formatChinaTime } from '../../../text/chinaTime.ts';
import type { DeliveryService } from '../../core/delivery.ts';
import { DeliveryError } from '../../core/messenger.ts';
import { replyToPlainText, type Locale, type Reply } from '../../core/reply.ts';
import { nextRetryAt, noticeFor, reasonOf, storedReason } from './channelRetry.ts';
import { boardRefusedReply, boardReply, channelFallbackReply } from './messages.ts';

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

export function emptyTickReport(day: string): TickReport {
  return { day, sendingDay: false, sent: [], failed: [], boardsPosted: [], boardsEdited: [], fellBack: [] };
}

export interface OutboxOptions {
  store: ReportStore;
  delivery: DeliveryService;
  calendar: WorkdayCalendar;
  /** China time of day when the scheduler sends (the next attempt of a refused board is named from it). */
  remindAt: string;
  /** Language of channel posts and of DMs to people with no saved preference. */
  locale: Locale;
  log: (line: string) => void;
}

export class Outbox {
  private readonly store: ReportStore;
  readonly delivery: DeliveryService;
  private readonly calendar: WorkdayCalendar;
  private readonly remindAt: string;
  private readonly locale: Locale;
  private readonly log: (line: string) => void;

  constructor(o: OutboxOptions) {
    this.store = o.store;
    this.delivery = o.delivery;
    this.calendar = o.calendar;
    this.remindAt = o.remindAt;
    this.locale = o.locale;
    this.log = o.log;
  }

  localeOf(userId: string): Locale {
    return this.store.getLocale(userId) ?? this.locale;
  }

  /** Sends under `key` once per recipient; true when it went out now. */
  async sendOnce(key: string, to: string, send: () => Promise<void>, report: TickReport): Promise<{ sent: boolean; error?: DeliveryError }> {
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

  /** The coordinators' channel on every surface that has one; else a DM to every coordinator. */
  async toCoordinators(key: string, build: (L: Locale) => Reply, report: TickReport): Promise<void> {
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
  async retryNotices(report: TickReport): Promise<void> {
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
  async openBoards(month: string, report: TickReport): Promise<void> {
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
  async editBoards(month: string, report: TickReport): Promise<void> {
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

