/**
 * Typed conversation on Slack: a message in the app's DM (`message.im`) and a message that
 * @-mentions the app in a channel (`app_mention`) become the core's `message` event — a
 * question, the answer to a pending follow-up, 取消 — as a line typed in the console.
 *
 * - A redelivered event (Slack retries one it thinks failed; same `event_id`) is answered once.
 * - Ignored: messages from bots (`bot_id`, the app itself included) and every message subtype
 *   (edits, deletions, joins, `bot_message`…): only what a person typed is a turn.
 * - In the DM the answer is posted to the DM, and every reply there is heard ("just reply").
 * - In a channel the app reads only mentions, so a follow-up points to the button and the slash
 *   command instead; a personal answer is posted ephemerally to the person (`chat.postEphemeral`),
 *   a public one in the thread of the mention.
 * - A form cannot open from a message (no trigger_id): the answer says which slash command opens it.
 *
 * Needs the bot events `message.im` and `app_mention` and the scopes `im:history` and
 * `app_mentions:read` (the manifest in slack/manifest.json has them).
 */
import type { App as BoltApp } from '@slack/bolt';
import { commandRef } from '../../bot/core/commandRef.ts';
import type { BotContext } from '../../bot/core/context.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { InboundEvent } from '../../bot/core/inbound.ts';
import type { Pipeline } from '../../bot/core/pipeline.ts';
import type { Reply } from '../../bot/core/reply.ts';
import { WORDS } from '../../bot/core/words.ts';
import { logger as log } from '../../log.ts';
import { messagePayload } from './messenger.ts';

export interface SlackConversationHost {
  bolt: BoltApp;
  pipeline: Pipeline;
  commandPrefix: string;
  /** Runs an event with Slack's capabilities; `hearsReplies` for the place it came from. */
  run(event: InboundEvent, ctx: BotContext, hearsReplies: boolean): Promise<Reply>;
  contextFor(team: string, user: string): Promise<BotContext>;
  /** Tracks background work (after the acknowledgement) so stop() and tests can wait for it. */
  later(work: () => Promise<void>): void;
  /** True the first time a key is seen: a redelivered event (same event_id) is answered once. */
  firstDelivery(key: string): boolean;
  /** Uploads and DMs to others a Reply asks for; `channel` is where a public file may go. */
  sideEffects(r: Reply, ctx: BotContext, channel: string | undefined): Promise<void>;
}

/** A message event as far as the conversation reads it. */
interface TypedMessage {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  user_team?: string;
  team?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

/**
 * The text the person meant: the app's own mention removed, other people's mentions as
 * `slack:<team>:<user>`, entities decoded.
 */
export function plainMentionText(text: string, botUserId: string | undefined, team: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /(?!)/g;
  return text
    .replace(own, ' ')
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, u: string) => `slack:${team}:${u}`)
    .replace(/<[#!]?[^>|]*\|([^>]*)>/g, '$1')
    .replace(/<([^>|]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** True for a message a person typed (not a bot's, not an edit, join or other subtype). */
export function typedByPerson(m: TypedMessage, botUserId: string | undefined): boolean {
  return !m.subtype && !m.bot_id && typeof m.user === 'string' && m.user !== botUserId;
}

/** Registers the `message` (DMs) and `app_mention` listeners on the Bolt app. */
export function listenForConversation(host: SlackConversationHost): void {
  const { bolt, pipeline } = host;

  const answer = async (m: TypedMessage, team: string, botUserId: string | undefined, inDm: boolean): Promise<void> => {
    const ctx = await host.contextFor(m.user_team ?? team, m.user!);
    const client = bolt.client;
    try {
      const text = plainMentionText(m.text ?? '', botUserId, team);
      const event: InboundEvent = { kind: 'message', text };
      const r = await host.run(event, ctx, inDm);
      const shown = r.form ? withFormHint(r, { ...ctx, style: { commandPrefix: host.commandPrefix, hearsReplies: inDm } }, host, event) : r;
      const payload = messagePayload(shown, ctx.locale);
      if (inDm) {
        await client.chat.postMessage({ channel: m.channel, ...payload });
      } else if (shown.ephemeral) {
        await client.chat.postEphemeral({ channel: m.channel, user: m.user!, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), ...payload });
      } else {
        await client.chat.postMessage({ channel: m.channel, thread_ts: m.thread_ts ?? m.ts, ...payload });
      }
      await host.sideEffects(r, ctx, inDm || !shown.ephemeral ? m.channel : undefined);
    } catch (err) {
      log.error({ event: 'slack_message_failed', user: ctx.user.id, err: (err as Error)?.message });
      const failed = { text: pipeline.say(WORDS.failed, ctx.locale) };
      await (inDm ? client.chat.postMessage({ channel: m.channel, ...failed }) : client.chat.postEphemeral({ channel: m.channel, user: m.user!, ...failed })).catch(() => undefined);
    }
  };

  bolt.event('message', async ({ event, body, context }) => {
    const m = event as unknown as TypedMessage;
    // Only the app's DM: channel messages come as app_mention when they are addressed to it.
    if (m.channel_type !== 'im' || !typedByPerson(m, context.botUserId)) return;
    if (!host.firstDelivery(`event:${(body as { event_id?: string }).event_id ?? m.ts}`)) return;
    const team = (body as { team_id?: string }).team_id ?? '';
    host.later(() => answer(m, team, context.botUserId, true));
  });

  bolt.event('app_mention', async ({ event, body, context }) => {
    const m = event as unknown as TypedMessage;
    // A mention inside the DM also arrives as message.im; answer it once.
    if (m.channel.startsWith('D') || !typedByPerson(m, context.botUserId)) return;
    if (!host.firstDelivery(`event:${(body as { event_id?: string }).event_id ?? m.ts}`)) return;
    const team = (body as { team_id?: string }).team_id ?? '';
    host.later(() => answer(m, team, context.botUserId, false));
  });
}

/** A form cannot open from a message: keep the reply's text and say which command opens it. */
function withFormHint(r: Reply, ctx: BotContext, host: SlackConversationHost, event: InboundEvent): Reply {
  const found = host.pipeline.specOf(event, { textCommands: 'slash' });
  const command = found ? commandRef(ctx, found.spec.name, found.subcommand ?? '') : commandRef(ctx, 'help');
  return {
    ...r,
    form: undefined,
    blocks: [...r.blocks, { type: 'text', text: tr(ctx.locale, `表单无法从消息中打开，请用 ${command} 打开。`, `A form cannot open from a message; use ${command}.`), style: 'muted' }],
  };
}
