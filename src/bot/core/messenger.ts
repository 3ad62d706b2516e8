/**
 * Messenger: what a chat surface can do outside a conversation — send a person a private
 * message, and post (then edit in place) a message in the coordinators' channel.
 *
 * The deadline scheduler (reminders, escalations, the live status board, quarter digests) speaks
 * only to this interface; each adapter implements it with its own platform SDK (Discord:
 * `users.send` and channel messages; Slack: `conversations.open` + `chat.postMessage` /
 * `chat.update`). The core never imports a platform SDK.
 *
 * ```ts
 * const messenger: Messenger = discordAdapter.messenger({ boardChannelId: '1234' });
 * await messenger.sendDirect('discord:42', reminderReply);       // throws DeliveryError on 50007
 * const ref = await messenger.postToChannel(boardReply);          // → message id
 * await messenger.editChannelMessage(ref, updatedBoardReply);     // edited in place
 * ```
 */
import type { Surface } from './context.ts';
import type { Locale, Reply } from './reply.ts';
import type { Localized } from '../../text/locale.ts';

/**
 * A delivery that failed for a reason a person can act on (the recipient closed DMs, the
 * channel is unknown, the bot lacks access). `reason` is a short bilingual text for coordinators.
 */
export class DeliveryError extends Error {
  constructor(
    readonly reason: Localized,
    options?: { cause?: unknown },
  ) {
    super(reason.en, options);
    this.name = 'DeliveryError';
  }
}

export interface Messenger {
  /** The prefix of the user ids this messenger reaches (`discord:…`, `slack:…`, `console:…`). */
  readonly surface: Surface;
  /**
   * Sends `message` privately to `userId` (a namespaced id of this surface), rendered in
   * `locale`. Rejects with DeliveryError when the platform refuses (e.g. Discord 50007).
   */
  sendDirect(userId: string, message: Reply, locale: Locale): Promise<void>;
  /** True when a coordinators' channel is configured for the status board and digests. */
  readonly hasChannel: boolean;
  /** Posts to the coordinators' channel; resolves to the platform's message id (for edits). */
  postToChannel(message: Reply, locale: Locale): Promise<string>;
  /** Replaces the text of a message posted earlier with `postToChannel` (never re-posts). */
  editChannelMessage(messageId: string, message: Reply, locale: Locale): Promise<void>;
  /** The language the platform knows for one of its users (Slack's users.info), if it knows one. */
  localeOf?(userId: string): Promise<Locale | undefined>;
}
