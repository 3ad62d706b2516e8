/**
 * The Discord side of `Messenger` (src/bot/messenger.ts): a DM to a `discord:<id>` user, and a
 * message in the coordinators' channel (DISCORD_BOARD_CHANNEL_ID) that can later be edited in
 * place — the live status board.
 *
 * DMs go through `client.users.send` (discord.js opens the DM channel and caches it); channel
 * messages go straight through REST, so no channel has to be in the gateway cache (the bot asks
 * for the `Guilds` intent only). Every failure becomes a DeliveryError whose bilingual reason
 * tells a coordinator what to fix.
 *
 * ```ts
 * const messenger = adapter.messenger({ boardChannelId: settings.discord.boardChannelId });
 * const id = await messenger.postToChannel(board, 'zh-CN');
 * await messenger.editChannelMessage(id, updatedBoard, 'zh-CN');
 * ```
 */
import type { Client } from 'discord.js';
import { AttachmentBuilder, DiscordAPIError, Routes } from 'discord.js';
import { tr } from '../../bot/core/i18n.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import { DeliveryError } from '../../bot/core/messenger.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import type { OutMessage } from './render.ts';
import { discordUserId } from './render.ts';
import type { Localized } from '../../text/locale.ts';

export interface DiscordMessengerOptions {
  /** The coordinators' channel for the status board and digests; undefined = none. */
  boardChannelId?: string;
}

/** Renders a Reply as Discord messages with the adapter's custom-id memory, so DM buttons route back. */
export type RenderFn = (r: Reply, locale: Locale) => OutMessage[];

const NOT_DISCORD: Localized = { zh: '不是 Discord 用户，无法在 Discord 私信', en: 'not a Discord user; cannot DM on Discord' };
const NO_CHANNEL: Localized = {
  zh: '未配置协调员频道（DISCORD_BOARD_CHANNEL_ID）',
  en: "no coordinators' channel is configured (DISCORD_BOARD_CHANNEL_ID)",
};

/**
 * Why Discord refused, in words a coordinator can act on. Codes are Discord's JSON error codes
 * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
 */
export function deliveryReason(err: unknown): Localized {
  if (err instanceof DiscordAPIError) {
    switch (err.code) {
      case 50007:
        return { zh: '对方不接受私信（已关闭私信或屏蔽了机器人，错误 50007）', en: 'does not accept direct messages (error 50007)' };
      case 10013:
        return { zh: '找不到这个 Discord 用户（错误 10013）', en: 'unknown Discord user (error 10013)' };
      case 50001:
        return { zh: '机器人无权访问协调员频道，请给它「查看频道」权限（错误 50001）', en: "the bot cannot see the coordinators' channel; give it View Channel (error 50001 Missing Access)" };
      case 50013:
        return { zh: '机器人在协调员频道缺少「发送消息」权限（错误 50013）', en: "the bot lacks Send Messages in the coordinators' channel (error 50013)" };
      case 10003:
        return { zh: '找不到协调员频道，请检查 DISCORD_BOARD_CHANNEL_ID（错误 10003）', en: "unknown coordinators' channel; check DISCORD_BOARD_CHANNEL_ID (error 10003)" };
      case 10008:
        return { zh: '找不到要更新的消息，可能已被删除（错误 10008）', en: 'the message to update no longer exists (error 10008 Unknown Message)' };
      case 50005:
        return { zh: '只能编辑机器人自己发的消息（错误 50005）', en: "can only edit the bot's own messages (error 50005)" };
      default:
        return { zh: `Discord 拒绝了请求（错误 ${err.code}：${err.message}）`, en: `Discord refused (error ${err.code}: ${err.message})` };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { zh: `无法连接 Discord（${message}）`, en: `could not reach Discord (${message})` };
}

function failure(err: unknown): DeliveryError {
  return err instanceof DeliveryError ? err : new DeliveryError(deliveryReason(err), { cause: err });
}

export class DiscordMessenger implements Messenger {
  readonly surface = 'discord' as const;
  readonly hasChannel: boolean;
  private readonly boardChannelId: string | undefined;

  constructor(
    private readonly client: Client,
    private readonly render: RenderFn,
    options: DiscordMessengerOptions = {},
  ) {
    this.boardChannelId = options.boardChannelId?.trim() || undefined;
    this.hasChannel = this.boardChannelId !== undefined;
  }

  async sendDirect(userId: string, message: Reply, locale: Locale): Promise<void> {
    const id = discordUserId(userId);
    if (!id) throw new DeliveryError(NOT_DISCORD);
    // A DM is never ephemeral; a long Reply arrives as several messages in order. Rendered
    // before any call: a rendering bug is not a refusal by Discord.
    const messages = this.render({ ...message, ephemeral: false }, locale);
    try {
      for (const m of messages) await this.client.users.send(id, toOptions(m));
    } catch (err) {
      throw failure(err);
    }
  }

  async postToChannel(message: Reply, locale: Locale): Promise<string> {
    const channel = this.channel();
    const request = this.request(message, locale);
    try {
      const posted = (await this.client.rest.post(Routes.channelMessages(channel), request)) as { id: string };
      return posted.id;
    } catch (err) {
      throw failure(err);
    }
  }

  async editChannelMessage(messageId: string, message: Reply, locale: Locale): Promise<void> {
    const channel = this.channel();
    const request = this.request(message, locale);
    try {
      await this.client.rest.patch(Routes.channelMessage(channel, messageId), request);
    } catch (err) {
      throw failure(err);
    }
  }

  private channel(): string {
    if (!this.boardChannelId) throw new DeliveryError(NO_CHANNEL);
    return this.boardChannelId;
  }

  /**
   * One message as a raw REST request. A board must stay one message so it can be edited in
   * place: a Reply that renders to several keeps the first and says it was cut.
   */
  private request(message: Reply, locale: Locale): { body: Record<string, unknown>; files?: Array<{ name: string; data: Buffer; contentType: string }> } {
    const [first, ...rest] = this.render({ ...message, ephemeral: false }, locale);
    const m = { ...first! };
    if (rest.length > 0) {
      const note = tr(locale, '（内容过长，只显示了开头部分）', '(too long; only the beginning is shown)');
      m.content = m.content ? `${m.content}\n${note}` : note;
      // Buttons ride on the last rendered message; keep them on the one that is sent.
      if (m.components.length === 0) m.components = rest.at(-1)!.components;
    }
    const body: Record<string, unknown> = {
      // An edit must clear the old content and buttons too, so every field is always sent.
      content: m.content ?? '',
      embeds: m.embeds,
      components: m.components,
      allowed_mentions: m.allowedMentions,
      attachments: m.files.map((f, i) => ({ id: i, filename: f.name, ...(f.description ? { description: f.description } : {}) })),
    };
    if (m.files.length === 0) return { body };
    return { body, files: m.files.map((f) => ({ name: f.name, data: f.attachment, contentType: f.contentType })) };
  }
}

/** What discord.js's send/reply/followUp accept for one rendered message. */
export interface SendOptions {
  content?: string;
  embeds: OutMessage['embeds'];
  components: OutMessage['components'];
  files: AttachmentBuilder[];
  allowedMentions: OutMessage['allowedMentions'];
}

export function toOptions(m: OutMessage): SendOptions {
  return {
    ...(m.content !== undefined ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    files: m.files.map((f) => new AttachmentBuilder(f.attachment, { name: f.name, ...(f.description ? { description: f.description } : {}) })),
    allowedMentions: m.allowedMentions,
  };
}
