/**
 * One delivery service for messages outside a conversation: a reminder DM, a coordinator notice,
 * the status board. Each recipient is reached on the platform their id is bound on
 * (`discord:…` through the Discord messenger, `slack:…` through Slack's), whichever surface
 * triggered the delivery — a coordinator on Discord can remind a reporter bound on Slack.
 *
 * Adapters register their Messenger when they start; the deadline scheduler and the Pipeline
 * (for `Reply.directMessages`) both send through here, so there is one DM path and one report of
 * what could not be delivered.
 *
 * ```ts
 * const delivery = new DeliveryService({ directory, defaultLocale: 'zh-CN' });
 * delivery.register(discord.messenger);
 * delivery.register(slack.messenger);
 * const failures = await delivery.sendAll(reply.directMessages, 'zh-CN');
 * ```
 */
import type { Surface, UserDirectory } from './context.ts';
import { pick, tr, type Localized } from './i18n.ts';
import { DeliveryError, type Messenger } from './messenger.ts';
import type { DirectMessage, Locale, Reply } from './reply.ts';
import { logger } from '../../log.ts';

/** A recipient whose platform has no running adapter. */
export const NO_SURFACE: Localized = { zh: '报送人所在平台未连接，无法私信', en: "the reporter's chat platform is not connected" };

export interface DeliveryFailure {
  userId: string;
  reason: Localized;
}

export interface DeliveryServiceOptions {
  /** Saved language preferences (a recipient is written to in their own language). */
  directory?: Pick<UserDirectory, 'getLocale'>;
  /** Messengers known from the start (tests, the scheduler's own list). */
  messengers?: readonly Messenger[];
}

export class DeliveryService {
  private readonly bySurface = new Map<Surface, Messenger>();
  private readonly directory?: Pick<UserDirectory, 'getLocale'>;

  constructor(options: DeliveryServiceOptions = {}) {
    this.directory = options.directory;
    for (const m of options.messengers ?? []) this.register(m);
  }

  /** Adds a running surface's messenger; returns a function that removes it again (on stop). */
  register(messenger: Messenger): () => void {
    this.bySurface.set(messenger.surface, messenger);
    return () => {
      if (this.bySurface.get(messenger.surface) === messenger) this.bySurface.delete(messenger.surface);
    };
  }

  /** Every registered messenger, in registration order. */
  get messengers(): Messenger[] {
    return [...this.bySurface.values()];
  }

  /** The messenger that reaches `userId`, chosen by its surface prefix; undefined when not running. */
  messengerFor(userId: string): Messenger | undefined {
    const surface = userId.slice(0, userId.indexOf(':')) as Surface;
    return this.bySurface.get(surface);
  }

  /** True when `userId`'s platform has a running adapter. */
  reaches(userId: string): boolean {
    return this.messengerFor(userId) !== undefined;
  }

  /**
   * The language to write to `userId` in: their saved preference, else what their platform says
   * about them, else `fallback` (the sender's language, or the default).
   */
  async localeOf(userId: string, fallback: Locale): Promise<Locale> {
    const saved = this.directory?.getLocale(userId);
    if (saved) return saved;
    return (await this.messengerFor(userId)?.localeOf?.(userId).catch(() => undefined)) ?? fallback;
  }

  /** Sends a DM on the recipient's platform. Rejects with DeliveryError (NO_SURFACE when it is not running). */
  async sendDirect(userId: string, message: Reply, locale: Locale): Promise<void> {
    const m = this.messengerFor(userId);
    if (!m) throw new DeliveryError(NO_SURFACE);
    try {
      await m.sendDirect(userId, message, locale);
    } catch (err) {
      throw err instanceof DeliveryError ? err : new DeliveryError({ zh: `发送失败：${String(err)}`, en: `sending failed: ${String(err)}` }, { cause: err });
    }
  }

  /** Sends every message, each in its recipient's language; resolves to the ones that failed. */
  async sendAll(messages: readonly DirectMessage[], senderLocale: Locale): Promise<DeliveryFailure[]> {
    const failures: DeliveryFailure[] = [];
    for (const dm of messages) {
      try {
        await this.sendDirect(dm.userId, dm.reply, await this.localeOf(dm.userId, senderLocale));
      } catch (err) {
        const reason = (err as DeliveryError).reason;
        logger.warn({ event: 'dm_failed', user: dm.userId, reason: reason.en });
        failures.push({ userId: dm.userId, reason });
      }
    }
    return failures;
  }
}

/** What the person who sent the messages is told about the ones that did not arrive. */
export function deliveryReport(failures: readonly DeliveryFailure[], total: number, locale: Locale): Reply {
  return {
    blocks: [
      {
        type: 'text',
        text: tr(
          locale,
          `${failures.length} 条私信未能送达（共 ${total} 条），请通过其他方式通知：`,
          `${failures.length} of ${total} direct messages could not be delivered; please reach them another way:`,
        ),
        style: 'warning',
      },
      // One line per recipient; each surface renders its own users' ids as mentions.
      { type: 'text', text: failures.map((f) => `${f.userId}：${pick(locale, f.reason)}`).join('\n') },
    ],
    ephemeral: true,
  };
}
