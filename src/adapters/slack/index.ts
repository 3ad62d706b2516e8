/**
 * The Slack adapter: Policy Desk as a Bolt app.
 *
 * It holds no business logic. Slash commands (`/pd-search`, `/pd-report`, …), button clicks and
 * modal submissions become platform-neutral events for the Pipeline (src/bot/pipeline.ts), which
 * routes them, tracks the work and delivers DMs to other people on their own platforms; the
 * Replies that come back are rendered as Block Kit (blockKit.ts, modals.ts) and delivered:
 *
 * - every request is acknowledged at once (Slack allows 3 s), and the work goes on after the ack,
 *   answering through `respond()` (the command's response_url: ephemeral or in the channel);
 * - a Reply with a `form` opens a modal with `views.open` while the trigger_id is fresh; when the
 *   bot is slow, a loading view is opened first and `views.update`d once the form is ready
 *   (replies.ts);
 * - a view submission answers in its acknowledgement: `response_action: errors` on the field's
 *   block, `update` to a confirmation view (buttons) or to the result (submissions.ts);
 * - files go up with `files.uploadV2`, messages to other people as DMs, and failed DMs are
 *   reported back to the person who asked;
 * - the app's DM and @-mentions are typed conversation (conversation.ts);
 * - every payload's shape, and in HTTP mode its signed timestamp, is checked first (requestChecks.ts);
 * - a start-up failure is one line naming the setting (startup.ts);
 * - a retried delivery (`x-slack-retry-num`) or a duplicate of one already received is acknowledged
 *   without running again; a retry whose first copy never arrived runs, so nothing is lost.
 *
 * Users are `slack:<team>:<user>`; the locale is the saved /pd-lang preference, else the person's
 * Slack locale (`users.info` with include_locale, cached), else the configured default.
 *
 * Socket Mode when an app-level token is configured (no public URL needed), else HTTP mode with
 * request signature verification on `config.port`. `config.apiUrl` points the Web API client at
 * another base URL (a proxy, or the fake Slack API in tests).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App as BoltApp, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import type { BotContext } from '../../bot/core/context.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import { toLocale } from '../../bot/core/i18n.ts';
import type { InboundEvent, PlatformCapabilities } from '../../bot/core/inbound.ts';
import type { SurfaceHost } from '../../bot/core/pipeline.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { WORDS } from '../../bot/core/words.ts';
import type { Settings } from '../../settings.ts';
import { logger as log } from '../../log.ts';
import { homeTeamOf } from '../../security/slackPayloads.ts';
import { decodeAction, LIMITS } from './blockKit.ts';
import { listenForConversation } from './conversation.ts';
import { Deliveries } from './deliveries.ts';
import { slashCommandName } from './manifest.ts';
import { createSlackMessenger, parseSlackUserId } from './messenger.ts';
import { listenForFileShares } from './fileShare.ts';
import { createResponder, type Place } from './replies.ts';
import { checkPayloads, guardTimestamps } from './requestChecks.ts';
import { boltLogger, slackStartupError } from './startup.ts';
import { listenForSubmissions, type ViewAck } from './submissions.ts';

export { createSlackMessenger, deliveryReason, parseSlackUserId } from './messenger.ts';
export { slackStartupError } from './startup.ts';
export type { SlackMessengerOptions } from './messenger.ts';

export type SlackConfig = NonNullable<Settings['slack']>;

/** What the adapter needs from the composition root (the real `App` from createApp satisfies it). */
export type SlackHost = SurfaceHost;

/** What Slack can show, for the core. */
export const SLACK_CAPABILITIES: PlatformCapabilities = {
  surface: 'slack',
  modals: true,
  buttons: true,
  messageEdit: true,
  textCommands: 'slash',
  commandPrefix: '/pd-',
  // The app's DM is read in full (message.im); in a channel only mentions are (conversation.ts).
  hearsReplies: true,
  maxMessageLength: LIMITS.sectionText,
  ackWithinMs: 3000,
};

export interface SlackAppOptions {
  /** HTTP mode listening port (default config.port; 0 picks a free one, for tests). */
  port?: number;
  /** HTTP mode listening address (default all interfaces). */
  host?: string;
  /**
   * How long a command or button may take before a loading modal is opened, so a form can still
   * appear after the trigger_id's 3 s are over (default 1500 ms).
   */
  modalBudgetMs?: number;
  /** How long a modal submission may take before it is acknowledged with a loading view (default 2000 ms). */
  submitBudgetMs?: number;
  /** Bolt's log level (default INFO; tests pass ERROR). */
  logLevel?: LogLevel;
  /** Locale cache lifetime for users.info lookups (default one hour). */
  localeCacheMs?: number;
}

export interface SlackAdapter {
  /** The Bolt app, with every listener registered. */
  bolt: BoltApp;
  /** Starts listening (HTTP mode resolves with the port) or connects (Socket Mode, port undefined). */
  start(): Promise<{ port?: number }>;
  /** Waits for work already acknowledged, then disconnects. */
  stop(): Promise<void>;
  /** Resolves once every piece of work started after an acknowledgement has finished. */
  idle(): Promise<void>;
  /** DMs and the coordinators' channel (`config.boardChannel`) outside any request, for the scheduler. */
  messenger: Messenger;
}

/**
 * Slash command text as Slack sends it, made plain: HTML entities decoded, `<@U02|liu>` (an
 * escaped mention) turned into the user id `slack:<team>:U02`, `<#C1|general>` and links into
 * their labels.
 */
export function plainCommandText(text: string, team: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, u: string) => `slack:${team}:${u}`)
    .replace(/<[#!]?[^>|]*\|([^>]*)>/g, '$1')
    .replace(/<([^>|]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Builds the Bolt app with every listener registered, without starting it. Tests call this with
 * `{ port: 0, host: '127.0.0.1' }` and drive it with signed HTTP requests.
 */
export function createSlackApp(host: SlackHost, config: SlackConfig, options: SlackAppOptions = {}): SlackAdapter {
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) besides SLACK_BOT_TOKEN');
  }
  const { pipeline } = host;
  // Typed replies are heard only in the app's DM (conversation.ts); commands and buttons may come from any channel.
  const run = (event: InboundEvent, ctx: BotContext, hearsReplies = false): Promise<Reply> =>
    pipeline.handle(event, ctx, { ...SLACK_CAPABILITIES, commandPrefix: config.commandPrefix, hearsReplies });
  const modalBudgetMs = options.modalBudgetMs ?? 1500;
  const submitBudgetMs = options.submitBudgetMs ?? 2000;
  const localeCacheMs = options.localeCacheMs ?? 60 * 60 * 1000;
  const logLevel = options.logLevel ?? LogLevel.INFO;
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // A few quick retries; the default policy keeps retrying for half an hour.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  };
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.signingSecret!,
        endpoints: '/slack/events',
        processBeforeResponse: false,
        logger: boltLogger(logLevel),
        // A payload Bolt itself cannot route (no user, no team…): one log line and an ack, not a 500 and a stack.
        processEventErrorHandler: async ({ error, response }) => {
          if (response.headersSent) {
            log.error({ event: 'slack_listener_failed', err: error.message });
            return false;
          }
          log.warn({ event: 'slack_bad_payload', kind: 'unroutable', problem: error.message.split('\n')[0] });
          response.writeHead(200);
          response.end();
          return true;
        },
      });
  // deferInitialization: the token check (auth.test) runs in start(), where a refusal becomes one
  // clear line, instead of a promise in the constructor that crashes the process when it rejects.
  const bolt = socketMode
    ? new BoltApp({ token: config.botToken, appToken: config.appToken, socketMode: true, clientOptions, logger: boltLogger(logLevel), deferInitialization: true })
    : new BoltApp({ token: config.botToken, receiver, clientOptions, logger: boltLogger(logLevel), deferInitialization: true });
  const client = bolt.client;
  const logger = bolt.logger;
  if (receiver) guardTimestamps(receiver);

  // ── background work, tracked by the core so stop() and tests can wait for what was acknowledged ──
  const later = (work: () => Promise<void>): void => pipeline.track(work());
  const idle = (): Promise<void> => pipeline.idle();

  // ── who is asking, in which language ──
  const localeCache = new Map<string, { locale: Locale; at: number }>();
  const slackLocale = async (user: string): Promise<Locale> => {
    const hit = localeCache.get(user);
    if (hit && Date.now() - hit.at < localeCacheMs) return hit.locale;
    let locale = host.settings.defaultLocale;
    try {
      const info = await client.users.info({ user, include_locale: true });
      locale = toLocale(info.user?.locale, host.settings.defaultLocale);
    } catch (err) {
      logger.warn(`[policy-desk] users.info failed for ${user}; using ${locale}:`, (err as Error).message);
    }
    localeCache.set(user, { locale, at: Date.now() });
    return locale;
  };
  const contextFor = async (team: string, user: string, name?: string): Promise<BotContext> => {
    const userId = `slack:${team}:${user}`;
    // A saved /pd-lang preference wins without asking Slack.
    const platformLocale = pipeline.savedLocale(userId) ? undefined : await slackLocale(user);
    return pipeline.context({ userId, name, platformLocale, surface: 'slack' });
  };

  // ── delivery of one Reply (replies.ts), and of DMs and board posts outside a request ──
  const deliveries = new Deliveries<ViewAck>();
  const responder = createResponder(client, pipeline, modalBudgetMs);
  const { answer, sideEffects, tell } = responder;
  const messenger = createSlackMessenger(client, {
    commandPrefix: config.commandPrefix,
    boardChannel: config.boardChannel,
    localeOf: async (id) => {
      const target = parseSlackUserId(id);
      return target ? slackLocale(target.user) : undefined;
    },
  });

  checkPayloads(bolt);

  // ── slash commands: one per command definition, with the prefix ──
  for (const spec of pipeline.bot.commands) {
    bolt.command(slashCommandName(config.commandPrefix, spec.name), async ({ command, ack, respond }) => {
      const key = `command:${command.trigger_id}`;
      if (deliveries.seen(key)) {
        await ack();
        return;
      }
      deliveries.record(key, Promise.resolve(undefined));
      await ack();
      later(async () => {
        const team = command.team_id;
        const ctx = await contextFor(team, command.user_id, command.user_name);
        const text = plainCommandText(command.text ?? '', team);
        const work = run({ kind: 'commandText', command: spec.name, text }, ctx);
        try {
          await answer(work, ctx, { respond, channel: command.channel_id, triggerId: command.trigger_id });
        } catch (err) {
          await respond({ response_type: 'ephemeral', text: pipeline.say(WORDS.failed, ctx.locale) }).catch(() => undefined);
          throw err;
        }
      });
    });
  }

  // ── buttons ──
  bolt.action({ type: 'block_actions' }, async ({ ack, body, action, respond }) => {
    const b = body as typeof body & { trigger_id: string; container?: { is_ephemeral?: boolean }; response_url?: string };
    const a = action as { action_id: string; value?: string; type: string; action_ts?: string };
    const key = `action:${b.trigger_id}:${a.action_id}`;
    if (deliveries.seen(key)) {
      await ack();
      return;
    }
    deliveries.record(key, Promise.resolve(undefined));
    await ack();
    if (a.type !== 'button') return;
    later(async () => {
      // Keyed by the person's home team: in a shared channel it differs from the payload's team.
      const team = homeTeamOf(b) ?? '';
      const ctx = await contextFor(team, b.user.id, b.user.name);
      const place: Place = {
        respond: b.response_url ? respond : undefined,
        channel: b.channel?.id,
        replaceable: Boolean(b.container?.is_ephemeral),
        viewId: b.view?.id,
        triggerId: b.trigger_id,
      };
      await answer(run({ kind: 'action', actionId: decodeAction(a) }, ctx), ctx, place);
    });
  });

  // ── modal submissions (submissions.ts) ──
  listenForSubmissions({ bolt, pipeline, deliveries, responder, contextFor, run, later, submitBudgetMs });

  // ── typed conversation: the app's DM and @-mentions (conversation.ts) ──
  listenForConversation({
    bolt,
    pipeline,
    commandPrefix: config.commandPrefix,
    run,
    contextFor: (team, user) => contextFor(team, user),
    later: (work) => later(work),
    firstDelivery: (key) => {
      if (deliveries.seen(key)) return false;
      deliveries.record(key, Promise.resolve(undefined));
      return true;
    },
    sideEffects: (r, ctx, channel) => sideEffects(r, ctx, { channel }),
  });

  // ── a file shared in a DM: a policy document to add (fileShare.ts) ──
  listenForFileShares(bolt, {
    botToken: config.botToken,
    apiUrl: config.apiUrl,
    contextFor: (team, user) => contextFor(team, user),
    run,
    tell: (ctx, r) => tell(ctx, {}, r),
    later,
    firstTime: (key) => !deliveries.seen(key) && (deliveries.record(key, Promise.resolve(undefined)), true),
  });

  bolt.error(async (err) => {
    logger.error('[policy-desk] Slack listener failed:', err);
  });

  let server: Server | undefined;
  let unregister: (() => void) | undefined;
  return {
    bolt,
    idle,
    messenger,
    async start() {
      await bolt.init().catch((err: unknown) => {
        throw slackStartupError(err, config, 'SLACK_BOT_TOKEN');
      });
      // From now on a DM to a slack: user reaches them whichever surface sends it.
      unregister = host.delivery.register(messenger);
      try {
        if (socketMode) {
          await bolt.start();
          return {};
        }
        const port = options.port ?? config.port;
        server = (await bolt.start(options.host ? { port, host: options.host } : port)) as Server;
        return { port: (server.address() as AddressInfo).port };
      } catch (err) {
        unregister();
        throw slackStartupError(err, config, 'SLACK_APP_TOKEN');
      }
    },
    async stop() {
      unregister?.();
      await idle();
      await bolt.stop();
    },
  };
}

/**
 * Starts Policy Desk on Slack: Socket Mode when `config.appToken` is set, else HTTP mode on
 * `config.port` with signature verification. Resolves once connected or listening.
 *
 * ```ts
 * const app = await createApp({ settings });
 * const slack = await startSlack(app, settings.slack!);
 * await slack.messenger.postToChannel(board, 'zh-CN'); // SLACK_BOARD_CHANNEL
 * // … on shutdown
 * await slack.stop();
 * ```
 */
export async function startSlack(app: SlackHost, config: SlackConfig): Promise<{ stop(): Promise<void>; messenger: Messenger }> {
  const adapter = createSlackApp(app, config);
  await adapter.start();
  return { stop: () => adapter.stop(), messenger: adapter.messenger };
}

