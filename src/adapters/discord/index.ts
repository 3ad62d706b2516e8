/**
 * Policy Desk on Discord: a gateway bot (discord.js v14) answering slash commands, buttons and
 * modals with the platform-neutral Bot. `npm start` calls `startDiscord` when DISCORD_TOKEN and
 * DISCORD_APPLICATION_ID are set; see docs/discord.md for setting up the application.
 *
 * Intents: `Guilds` (interactions), `DirectMessages` and `GuildMessages` (DMs and @-mentions, for
 * typed conversation), and the privileged `MessageContent`, without which a mention arrives with
 * its text blanked. `Partials.Channel` lets a DM from a channel not yet cached through. The bot
 * answers only DMs and messages that mention it (conversation.ts).
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { App } from '../../bot/app.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import type { Settings } from '../../settings.ts';
import type { DiscordAdapterOptions } from './adapter.ts';
import { DiscordAdapter } from './adapter.ts';
import { logger } from '../../log.ts';

export { DiscordAdapter, DISCORD_CAPABILITIES, toInvocation } from './adapter.ts';
export type { DiscordApp, DiscordAdapterOptions } from './adapter.ts';
export { buildCommands, registerCommands } from './commands.ts';
export { DiscordMessenger, deliveryReason } from './messenger.ts';
export type { DiscordMessengerOptions } from './messenger.ts';
export { renderReply } from './render.ts';

/** The gateway intents Policy Desk asks for (docs/discord.md lists why each is needed). */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] as const;

/** A discord.js client with the intents Policy Desk needs, talking to `apiUrl` when given (tests, proxies). */
export function createDiscordClient(config: Pick<NonNullable<Settings['discord']>, 'apiUrl'>): Client {
  return new Client({ intents: [...DISCORD_INTENTS], partials: [Partials.Channel], rest: config.apiUrl ? { api: config.apiUrl } : {} });
}

/**
 * Logs in and serves interactions until `stop()` is called. `messenger` reaches people and the
 * coordinators' channel (`config.boardChannelId`) outside any interaction, for the scheduler.
 *
 * ```ts
 * const { stop, messenger } = await startDiscord(app, settings.discord!);
 * await messenger.sendDirect('discord:1234', reminder, 'zh-CN');
 * // …
 * await stop(); // waits for interactions in progress, then disconnects
 * ```
 */
export async function startDiscord(
  app: App,
  config: NonNullable<Settings['discord']>,
  options: DiscordAdapterOptions = {},
): Promise<{ stop(): Promise<void>; messenger: Messenger }> {
  const client = createDiscordClient(config);
  const adapter = new DiscordAdapter(client, app, options).attach();
  client.once(Events.ClientReady, (c) => logger.info({ event: 'discord_ready', tag: c.user.tag }, 'Discord: logged in'));
  client.on(Events.Error, (err) => logger.error({ event: 'discord_client_error', err: err.message }));
  await client.login(config.token);
  const messenger = adapter.messenger({ boardChannelId: config.boardChannelId });
  // From now on a DM to a discord: user reaches them whichever surface sends it.
  const unregister = app.delivery.register(messenger);
  return {
    messenger,
    async stop() {
      unregister();
      await adapter.idle();
      await client.destroy();
    },
  };
}
