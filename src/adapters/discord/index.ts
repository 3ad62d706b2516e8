/**
 * Policy Desk on Discord: a gateway bot (discord.js v14) answering slash commands, buttons and
 * modals with the platform-neutral Bot. `npm start` calls `startDiscord` when DISCORD_TOKEN and
 * DISCORD_APPLICATION_ID are set; see docs/discord.md for setting up the application.
 *
 * Intents: `Guilds` (interactions), `DirectMessages` and `GuildMessages` (DMs and @-mentions, for
 * typed conversation). None is privileged: Discord delivers the text of DMs and of messages that
 * mention the bot without the Message Content intent, and those are the only messages the bot
 * answers (conversation.ts). `Partials.Channel` lets a DM from a channel not yet cached through.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { App } from '../../bot/app.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import { networkProblem, StartupError } from '../../bot/core/startupError.ts';
import type { Settings } from '../../settings.ts';
import type { DiscordAdapterOptions } from './adapter.ts';
import { DiscordAdapter } from './adapter.ts';
import { logger } from '../../log.ts';

export { DiscordAdapter, DISCORD_CAPABILITIES } from './adapter.ts';
export type { DiscordApp, DiscordAdapterOptions } from './adapter.ts';
export { buildCommands, registerCommands, toInvocation } from './commands.ts';
export { DiscordMessenger, deliveryReason } from './messenger.ts';
export type { DiscordMessengerOptions } from './messenger.ts';
export { renderReply } from './render.ts';

/** The gateway intents Policy Desk asks for (docs/discord.md lists why each is needed). */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages] as const;

/** A discord.js client with the intents Policy Desk needs, talking to `apiUrl` when given (tests, proxies). */
export function createDiscordClient(config: Pick<NonNullable<Settings['discord']>, 'apiUrl'>): Client {
  return new Client({ intents: [...DISCORD_INTENTS], partials: [Partials.Channel], rest: config.apiUrl ? { api: config.apiUrl } : {} });
}

/** Gateway close codes after which Discord will not take the bot back without a change of settings. */
const UNRECOVERABLE_GATEWAY_CODES = new Set([4004, 4013, 4014]);

/** Why login failed, as one line naming the setting to fix (StartupError). */
export function discordStartupError(err: unknown, config: Pick<NonNullable<Settings['discord']>, 'apiUrl'>): StartupError {
  const e = err as { code?: unknown; status?: unknown; closeCode?: unknown; message?: string };
  if (e.code === 'TokenInvalid' || e.status === 401 || e.closeCode === 4004) {
    return new StartupError(
      { zh: `DISCORD_TOKEN 被 Discord 拒绝（401）：请检查 .env 中的机器人令牌。`, en: 'DISCORD_TOKEN was rejected by Discord (401). Check the token in .env.' },
      { cause: err },
    );
  }
  if (e.code === 'DisallowedIntents' || e.closeCode === 4014 || e.closeCode === 4013) {
    return new StartupError(
      {
        zh: `Discord 拒绝了机器人请求的 intent（${String(e.closeCode ?? e.code)}）：请检查 DISCORD_TOKEN 对应的应用，并对照 docs/discord.md 检查 Bot 页面的 intent 设置。`,
        en: `Discord refused the gateway intents (${String(e.closeCode ?? e.code)}). Check the application of DISCORD_TOKEN and its intent settings on the Bot page (docs/discord.md).`,
      },
      { cause: err },
    );
  }
  const api = config.apiUrl ?? 'https://discord.com/api';
  const network = networkProblem(err);
  if (network) {
    return new StartupError({ zh: `无法连接 Discord（${api}）：${network}。请检查网络或 DISCORD_API_URL。`, en: `Cannot reach Discord (${api}): ${network}. Check the network or DISCORD_API_URL.` }, { cause: err });
  }
  const why = `${typeof e.status === 'number' ? `HTTP ${e.status} ` : ''}${e.message ?? String(err)}`.trim();
  return new StartupError({ zh: `Discord 登录失败（${why}）：请检查 DISCORD_TOKEN 和 DISCORD_API_URL。`, en: `Discord login failed (${why}). Check DISCORD_TOKEN and DISCORD_API_URL.` }, { cause: err });
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
  // A gateway that refuses the bot for good (bad token, privileged intent not enabled) closes the
  // shard instead of failing login: treat that as a start-up failure too, while starting.
  let refusedAtStart: ((code: number) => void) | undefined;
  const refused = new Promise<never>((_, reject) => (refusedAtStart = (code) => reject(Object.assign(new Error(`gateway closed ${code}`), { closeCode: code }))));
  refused.catch(() => undefined);
  client.on(Events.ShardDisconnect, (ev) => {
    if (UNRECOVERABLE_GATEWAY_CODES.has(ev.code)) refusedAtStart?.(ev.code);
    logger.error({ event: 'discord_gateway_closed', code: ev.code });
  });
  try {
    await Promise.race([client.login(config.token), refused]);
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw discordStartupError(err, config);
  }
  refusedAtStart = undefined;
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
