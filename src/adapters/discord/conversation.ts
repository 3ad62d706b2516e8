/**
 * Typed conversation on Discord: a direct message to the bot, or a message that @-mentions it in
 * a server channel, becomes the core's `message` event — a question, the answer to a pending
 * follow-up, 取消 — exactly as a line typed in the console.
 *
 * Which messages count:
 * - every message in the bot's DM (the bot reads the whole DM, so "just reply" is a promise it keeps);
 * - in a server channel, only a message that mentions the bot itself (`@Policy Desk …`, or a
 *   reply to one of its messages, which pings it); `@everyone` and role mentions do not count;
 * - never a message from a bot (itself included), a webhook or the system.
 *
 * Where the answer goes: in a DM, into the DM. In a channel, a public answer replies to the
 * message there; a personal one (ephemeral in the Reply: a verdict, a report status) goes to the
 * person's DM — a channel has no "only you can see this" for ordinary messages — and the channel
 * gets one line saying so. A form cannot open from a message (no interaction), so it comes as a
 * button that opens it.
 *
 * Needs the gateway intents DirectMessages and GuildMessages — not the privileged MessageContent:
 * Discord gives the text of DMs and of messages that mention the bot without it — and
 * Partials.Channel, without which discord.js drops DMs from channels it has not cached
 * (docs/discord.md).
 */
import type { Client, Message, MessageCreateOptions } from 'discord.js';
import { ChannelType } from 'discord.js';
import type { BotContext } from '../../bot/core/context.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { InboundEvent } from '../../bot/core/inbound.ts';
import type { Pipeline } from '../../bot/core/pipeline.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { WORDS } from '../../bot/core/words.ts';
import { toOptions } from './messenger.ts';
import type { OutMessage, RawButton } from './render.ts';
import { logger } from '../../log.ts';

/** What the conversation needs from the adapter: the pipeline, its renderer, and forms as buttons. */
export interface ConversationHost {
  client: Client;
  pipeline: Pipeline;
  /** Runs an event through the pipeline with Discord's capabilities; `hearsReplies` for this place. */
  run(event: InboundEvent, ctx: BotContext, hearsReplies: boolean): Promise<Reply>;
  render(r: Reply, locale: Locale, extraButtons?: RawButton[]): OutMessage[];
  /** A button that opens the Reply's form as a modal (a message cannot open one itself). */
  formButton(r: Reply, ctx: BotContext): RawButton;
}

/** True when the message is addressed to the bot: in its DM, or mentioning it in a channel. */
export function addressedToBot(message: Message, botId: string): boolean {
  if (message.author.bot || message.author.id === botId || message.webhookId || message.system) return false;
  if (isDm(message)) return true;
  return message.mentions.users.has(botId);
}

function isDm(message: Message): boolean {
  return message.channel.type === ChannelType.DM || (!message.guildId && message.channel.type !== ChannelType.GroupDM);
}

/**
 * The text the person meant: the bot's own mention removed, other people's mentions as
 * `discord:<id>` (what a user option holds), spaces tidied.
 */
export function plainMessageText(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/<@!?(\d+)>/g, (_m, id: string) => `discord:${id}`)
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Answers one message addressed to the bot; never throws (a failure is logged). */
export async function answerMessage(host: ConversationHost, message: Message): Promise<void> {
  const botId = host.client.user?.id;
  if (!botId || !addressedToBot(message, botId)) return;
  const dm = isDm(message);
  // Messages carry no user locale: a saved /lang preference, else the server's, else the default.
  const ctx = host.pipeline.context({
    userId: `discord:${message.author.id}`,
    name: message.author.globalName ?? message.author.username ?? undefined,
    platformLocale: dm ? undefined : message.guild?.preferredLocale,
    surface: 'discord',
  });
  try {
    if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => undefined);
    const text = plainMessageText(message.content, botId);
    // Personal answers to a mention go to the DM, where every reply is heard.
    const r = await host.run({ kind: 'message', text }, ctx, true);
    const extra = r.form ? [host.formButton(r, ctx)] : [];
    const shown: Reply = r.form ? { ...r, form: undefined } : r;
    const messages = host.render(shown, ctx.locale, extra);
    const channel = message.channel;
    if (!('send' in channel)) return;
    if (dm) {
      for (const m of messages) await channel.send(asCreate(m));
    } else if (shown.ephemeral) {
      const delivered = await sendToDm(message, messages);
      await message.reply({
        content: delivered
          ? tr(ctx.locale, '已私信回复你。', 'I have answered you in a direct message.')
          : tr(ctx.locale, '无法私信你（你关闭了来自服务器成员的私信）。请在本频道用斜杠命令提问，答复只有你能看到。', 'I cannot DM you (direct messages from server members are off). Use a slash command here; only you will see the answer.'),
        allowedMentions: { repliedUser: false, parse: [] },
      });
    } else {
      const [first, ...rest] = messages;
      await message.reply({ ...asCreate(first!), allowedMentions: { repliedUser: false, parse: [] } });
      for (const m of rest) await channel.send(asCreate(m));
    }
    const report = await host.pipeline.deliver(r, ctx);
    if (report) await sendToDm(message, host.render({ ...report, ephemeral: false }, ctx.locale));
  } catch (err) {
    logger.error({ event: 'discord_message_failed', user: ctx.user.id, err: (err as Error)?.message });
    await message.reply({ content: host.pipeline.say(WORDS.failed, ctx.locale), allowedMentions: { repliedUser: false, parse: [] } }).catch(() => undefined);
  }
}

/** Sends to the author's DM; false when Discord refuses (DMs closed). */
async function sendToDm(message: Message, messages: OutMessage[]): Promise<boolean> {
  try {
    for (const m of messages) await message.author.send(asCreate(m));
    return true;
  } catch (err) {
    logger.warn({ event: 'discord_dm_refused', user: `discord:${message.author.id}`, err: (err as Error)?.message });
    return false;
  }
}

function asCreate(m: OutMessage): MessageCreateOptions {
  return toOptions(m) as MessageCreateOptions;
}
