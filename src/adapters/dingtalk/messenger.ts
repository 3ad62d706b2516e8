/**
 * The Messenger for DingTalk: reminders and notices to a person as robot one-to-one messages, and
 * the coordinators' group (DINGTALK_BOARD_CONVERSATION_ID) for the status board and digests.
 *
 * Channel posts are StandardCard interactive cards, not robot group messages: DingTalk offers no
 * way to edit a robot message once sent (only to recall it), while a card can be updated in place
 * by its cardBizId — and StandardCard is the built-in template, so nobody has to design one in
 * the card platform. The board therefore stays one message that changes, as on Discord and Slack.
 *
 * The surface is `dingtalk`; `Surface` in the core gains that member when this adapter is wired in.
 */
import { DeliveryError, type Messenger } from '../../bot/core/messenger.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import type { DingTalkOpenApi } from './openApi.ts';
import { renderReply, toStandardCardData } from './render.ts';

export interface DingTalkMessengerOptions {
  /** Open conversation id of the coordinators' group; undefined = no channel. */
  boardConversationId?: string;
}

/** `dingtalk:<corpId>:<staffId>` → its parts, or undefined when the id is not a DingTalk id. */
export function parseDingTalkUserId(userId: string): { corpId: string; staffId: string } | undefined {
  const m = /^dingtalk:([^:]+):(.+)$/.exec(userId);
  return m ? { corpId: m[1]!, staffId: m[2]! } : undefined;
}

export class DingTalkMessenger implements Omit<Messenger, 'surface'> {
  readonly surface = 'dingtalk' as const;
  readonly hasChannel: boolean;

  constructor(
    private readonly api: DingTalkOpenApi,
    private readonly options: DingTalkMessengerOptions = {},
  ) {
    this.hasChannel = Boolean(options.boardConversationId);
  }

  async sendDirect(userId: string, message: Reply, locale: Locale): Promise<void> {
    const who = parseDingTalkUserId(userId);
    if (!who) {
      throw new DeliveryError({ zh: `「${userId}」不是钉钉用户标识（应为 dingtalk:<企业 corpId>:<员工 userId>）。`, en: `"${userId}" is not a DingTalk user id (expected dingtalk:<corpId>:<staff userId>).` });
    }
    for (const part of renderReply(message, locale, { conversation: 'direct' })) await this.api.sendToUser(who.staffId, part);
  }

  async postToChannel(message: Reply, locale: Locale): Promise<string> {
    return this.api.sendCard(this.board(), toStandardCardData(message, locale));
  }

  async editChannelMessage(messageId: string, message: Reply, locale: Locale): Promise<void> {
    this.board();
    await this.api.updateCard(messageId, toStandardCardData(message, locale));
  }

  private board(): string {
    if (!this.options.boardConversationId) {
      throw new DeliveryError({ zh: '未配置协调员群（DINGTALK_BOARD_CONVERSATION_ID）。', en: "No coordinators' group is configured (DINGTALK_BOARD_CONVERSATION_ID)." });
    }
    return this.options.boardConversationId;
  }
}
