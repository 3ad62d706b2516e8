/**
 * Policy Desk on Discord: a gateway bot (discord.js v14) answering slash commands, buttons and
 * modals with the platform-neutral Bot. `npm start` calls `startDiscord` when DISCORD_TOKEN and
 * DISCORD_APPLICATION_ID are set; see docs/discord.md for setting up the application.
 *
 * Only the `Guilds` intent is requested: interactions arrive without any privileged intent, and
 * the bot never reads channel messages.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
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

/** A discord.js client with the one intent Policy Desk needs, talking to `apiUrl` when given (tests, proxies). */
export function createDiscordClient(config: Pick<NonNullable<Settings['discord']>, 'apiUrl'>): Client {
  return new Client({ intents: [GatewayIntentBits.Guilds], rest: config.apiUrl ? { api: config.apiUrl } : {} });
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
