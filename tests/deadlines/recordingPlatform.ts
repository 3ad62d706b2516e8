/**
 * A chat platform reduced to what the deadline scheduler uses — DMs, and messages in the
 * coordinators' channel that can be edited — recording every call with the simulated day.
 *
 * It stands at the platform boundary (where discord.js or Bolt would be); the Discord and Slack
 * messengers themselves are tested against their loopback fake APIs in tests/discord and
 * tests/slack. A platform outlives the bot: after a simulated restart, new messengers over the
 * same platform still see the messages the old bot posted.
 */
import { DeliveryError, type Messenger } from '../../src/bot/core/messenger.ts';
import type { Surface } from '../../src/bot/core/context.ts';
import { replyToPlainText, type Locale, type Reply } from '../../src/bot/core/reply.ts';

export interface PlatformCall {
  day: string;
  kind: 'dm' | 'post' | 'edit';
  to: string;
  text: string;
  reply: Reply;
}

export class RecordingPlatform {
  readonly calls: PlatformCall[] = [];
  /** The coordinators' channel: message id → current text. */
  readonly channel = new Map<string, string>();
  /** Users whose DMs are refused (Discord 50007). */
  readonly closedDms = new Set<string>();
  /** Set while the channel refuses posts (the bot is not in it yet); cleared when it is invited. */
  channelRefusal?: { zh: string; en: string };
  private nextId = 1;

  constructor(
    readonly surface: Surface,
    private readonly today: () => string,
    readonly hasChannel = false,
  ) {}

  messenger(): Messenger {
    const p = this;
    return {
      surface: p.surface,
      hasChannel: p.hasChannel,
      async sendDirect(userId: string, message: Reply, _locale: Locale) {
        if (p.closedDms.has(userId)) throw new DeliveryError({ zh: '对方不接受私信', en: 'does not accept direct messages' });
        p.calls.push({ day: p.today(), kind: 'dm', to: userId, text: replyToPlainText(message), reply: message });
      },
      async postToChannel(message: Reply) {
        if (p.channelRefusal) throw new DeliveryError(p.channelRefusal);
        const id = `m${p.nextId++}`;
        p.channel.set(id, replyToPlainText(message));
        p.calls.push({ day: p.today(), kind: 'post', to: id, text: replyToPlainText(message), reply: message });
        return id;
      },
      async editChannelMessage(messageId: string, message: Reply) {
        if (!p.channel.has(messageId)) throw new DeliveryError({ zh: '消息不存在', en: 'unknown message' });
        p.channel.set(messageId, replyToPlainText(message));
        p.calls.push({ day: p.today(), kind: 'edit', to: messageId, text: replyToPlainText(message), reply: message });
      },
    };
  }
}
