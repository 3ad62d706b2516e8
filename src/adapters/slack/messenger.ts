/**
 * The Slack side of `Messenger` (src/bot/messenger.ts): a DM to a `slack:<team>:<user>` user
 * (`conversations.open` + `chat.postMessage`), and a message in the coordinators' channel
 * (SLACK_BOARD_CHANNEL) that `chat.update` later edits in place — the live status board. The
 * message id is the message's `ts`.
 *
 * The adapter's own delivery of Reply.directMessages goes through `sendDirect` too, so there is
 * one DM path. Every failure becomes a DeliveryError whose bilingual reason tells a coordinator
 * what to fix (invite the bot to the channel, the user left the workspace, …).
 *
 * ```ts
 * const messenger = createSlackMessenger(bolt.client, { boardChannel: 'C0123456789' });
 * const ts = await messenger.postToChannel(board, 'zh-CN');
 * await messenger.editChannelMessage(ts, updatedBoard, 'zh-CN');
 * ```
 */
import type { webApi } from '@slack/bolt';
import { spellCommands } from '../../bot/core/commandRef.ts';
import { commandSpecs } from '../../bot/core/commandSpec.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import { DeliveryError } from '../../bot/core/messenger.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { renderMessage } from './blockKit.ts';
import type { Localized } from '../../text/locale.ts';

export interface SlackMessengerOptions {
  /** The coordinators' channel id for the status board and digests; undefined = none. */
  boardChannel?: string;
  /** A Slack user's language (users.info), so a DM is written in the recipient's language. */
  localeOf?: (userId: string) => Promise<Locale | undefined>;
  /**
   * The slash-command prefix (SLACK_COMMAND_PREFIX, e.g. `/pd-`): a DM or board composed on another
   * surface names `/report amend`, which a Slack reader types as `/pd-report amend`.
   */
  commandPrefix?: string;
}

/** `slack:T01:U02` → { team: 'T01', user: 'U02' }; undefined for other surfaces' ids. */
export function parseSlackUserId(id: string): { team: string; user: string } | undefined {
  const m = /^slack:([^:]+):([^:]+)$/.exec(id);
  return m ? { team: m[1]!, user: m[2]! } : undefined;
}

/** A message body; an empty block list is left out, since Slack refuses `blocks: []`. */
export function messagePayload(r: Reply, locale: Locale): { text: string; blocks?: ReturnType<typeof renderMessage>['blocks'] } {
  const { blocks, text } = renderMessage(r, locale);
  return blocks.length > 0 ? { text, blocks } : { text };
}

const NOT_SLACK: Localized = { zh: '不是 Slack 用户，无法在 Slack 私信', en: 'not a Slack user; cannot DM on Slack' };
const NO_CHANNEL: Localized = { zh: '未配置协调员频道（SLACK_BOARD_CHANNEL）', en: "no coordinators' channel is configured (SLACK_BOARD_CHANNEL)" };

/** Slack's Web API error words (the `error` field of a failed call) in words a coordinator can act on. */
const REASONS: Record<string, Localized> = {
  cannot_dm_bot: { zh: '对方是机器人账号，无法私信', en: 'is a bot account and cannot be sent DMs' },
  user_not_found: { zh: '找不到这个 Slack 用户', en: 'unknown Slack user' },
  user_disabled: { zh: '该 Slack 账号已停用', en: 'the Slack account is deactivated' },
  user_not_visible: { zh: '机器人看不到这个用户（可能是外部组织的成员）', en: 'the bot cannot see this user (an external member?)' },
  not_in_channel: {
    zh: '机器人不在协调员频道，请在频道中邀请它（/invite @机器人）',
    en: "the bot is not in the coordinators' channel; invite it there (/invite @bot)",
  },
  channel_not_found: {
    zh: '找不到协调员频道，请检查 SLACK_BOARD_CHANNEL（私有频道需先邀请机器人）',
    en: "unknown coordinators' channel; check SLACK_BOARD_CHANNEL (a private channel must invite the bot first)",
  },
  is_archived: { zh: '协调员频道已归档', en: "the coordinators' channel is archived" },
  message_not_found: { zh: '找不到要更新的消息，可能已被删除', en: 'the message to update no longer exists' },
  cant_update_message: { zh: '只能更新机器人自己发的消息', en: "can only update the bot's own messages" },
  edit_window_closed: { zh: '这条消息已超过可编辑的时限', en: 'the message can no longer be edited' },
  restricted_action: { zh: '工作区设置不允许机器人在此发消息', en: 'workspace settings do not let the bot post here' },
  missing_scope: { zh: '机器人缺少权限（请按 manifest 重新安装应用）', en: 'the bot lacks a permission scope (reinstall the app from the manifest)' },
  invalid_auth: { zh: 'Slack 令牌无效（SLACK_BOT_TOKEN）', en: 'the Slack token is invalid (SLACK_BOT_TOKEN)' },
  token_revoked: { zh: 'Slack 令牌已被吊销（SLACK_BOT_TOKEN）', en: 'the Slack token was revoked (SLACK_BOT_TOKEN)' },
  account_inactive: { zh: 'Slack 令牌已失效（SLACK_BOT_TOKEN）', en: 'the Slack token is no longer active (SLACK_BOT_TOKEN)' },
  ratelimited: { zh: 'Slack 限流，请稍后重试', en: 'rate-limited by Slack; try again later' },
};

/** Why Slack refused: a known error word explained, else the word itself (always named, for support). */
export function deliveryReason(err: unknown): Localized {
  const e = err as { code?: string; data?: { error?: string }; message?: string };
  if (e?.code === 'slack_webapi_platform_error' && e.data?.error) {
    const word = e.data.error;
    const known = REASONS[word];
    return known ? { zh: `${known.zh}（${word}）`, en: `${known.en} (${word})` } : { zh: `Slack 拒绝了请求（${word}）`, en: `Slack refused (${word})` };
  }
  if (e?.code === 'slack_webapi_rate_limited_error') return REASONS.ratelimited!;
  const message = err instanceof Error ? err.message : String(err);
  return { zh: `无法连接 Slack（${message}）`, en: `could not reach Slack (${message})` };
}

function failure(err: unknown): DeliveryError {
  return err instanceof DeliveryError ? err : new DeliveryError(deliveryReason(err), { cause: err });
}

/** Opens (or finds) the DM channel with a Slack user id (`U02`, without the team). */
export async function dmChannel(client: webApi.WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const id = opened.channel?.id;
  if (!id) throw new Error(`conversations.open returned no channel for ${user}`);
  return id;
}

/** A Messenger on a Bolt app's Web API client. Attachments are not sent (a DM or board carries text and buttons). */
export function createSlackMessenger(client: webApi.WebClient, options: SlackMessengerOptions = {}): Messenger {
  const boardChannel = options.boardChannel?.trim() || undefined;
  const channel = (): string => {
    if (!boardChannel) throw new DeliveryError(NO_CHANNEL);
    return boardChannel;
  };
  const names = commandSpecs.map((c) => c.name);
  const render = (message: Reply, locale: Locale) => messagePayload(spellCommands(message, options.commandPrefix ?? '/', names), locale);
  return {
    surface: 'slack',
    hasChannel: boardChannel !== undefined,
    ...(options.localeOf ? { localeOf: options.localeOf } : {}),

    async sendDirect(userId, message, locale) {
      const target = parseSlackUserId(userId);
      if (!target) throw new DeliveryError(NOT_SLACK);
      // Rendered before the call: a rendering bug is not a refusal by Slack.
      const payload = render(message, locale);
      try {
        await client.chat.postMessage({ channel: await dmChannel(client, target.user), ...payload });
      } catch (err) {
        throw failure(err);
      }
    },

    async postToChannel(message, locale) {
      const to = channel();
      const payload = render(message, locale);
      try {
        const posted = await client.chat.postMessage({ channel: to, ...payload });
        if (!posted.ts) throw new Error('chat.postMessage returned no ts');
        return posted.ts;
      } catch (err) {
        throw failure(err);
      }
    },

    async editChannelMessage(messageId, message, locale) {
      const to = channel();
      // chat.update keeps the old blocks when none are sent; an empty list clears them.
      const { text, blocks } = render(message, locale);
      try {
        await client.chat.update({ channel: to, ts: messageId, text, blocks: blocks ?? [] });
      } catch (err) {
        throw failure(err);
      }
    },
  };
}
