/**
 * The Slack adapter: Policy Desk as a Bolt app.
 *
 * It holds no business logic. Slash commands (`/pd-search`, `/pd-report`, …), button clicks and
 * modal submissions become platform-neutral events for the Pipeline (src/bot/pipeline.ts), which
 * routes them, tracks the work and delivers DMs to other people on their own platforms; the
 * Replies that come back are rendered as Block Kit (see blockKit.ts) and delivered:
 *
 * - every request is acknowledged at once (Slack allows 3 s), and the work goes on after the ack,
 *   answering through `respond()` (the command's response_url: ephemeral or in the channel);
 * - a Reply with a `form` opens a modal with `views.open` while the trigger_id is fresh; when the
 *   bot is slow, a loading view is opened first and `views.update`d once the form is ready;
 * - a view submission answers in its acknowledgement: `response_action: errors` on the field's
 *   block, `update` to a confirmation view (buttons) or to the result;
 * - files go up with `files.uploadV2`, messages to other people as DMs, and failed DMs are
 *   reported back to the person who asked;
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
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App as BoltApp, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Logger, RespondFn, webApi } from '@slack/bolt';
import type { BotContext } from '../../bot/core/context.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import { tr } from '../../bot/core/i18n.ts';
import { toLocale } from '../../bot/core/i18n.ts';
import type { InboundEvent, PlatformCapabilities } from '../../bot/core/inbound.ts';
import { TIMEOUT, within, type SurfaceHost } from '../../bot/core/pipeline.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { PRODUCT_NAME, WORDS } from '../../bot/core/words.ts';
import { networkProblem, StartupError } from '../../bot/core/startupError.ts';
import type { Settings } from '../../settings.ts';
import {
  decodeAction,
  decodeMetadata,
  FIELD_BLOCK_PREFIX,
  fit,
  FORM_CALLBACK_ID,
  INFO_CALLBACK_ID,
  LIMITS,
  renderFieldErrors,
  renderFormView,
  renderInfoView,
  renderLoadingView,
  reopenFormView,
  type ModalMetadata,
  type ModalView,
} from './blockKit.ts';
import { Deliveries } from './deliveries.ts';
import { logger as log } from '../../log.ts';
import { ReplayCache } from '../../security/replayCache.ts';
import { blockActionsSchema, homeTeamOf, payloadProblem, slashCommandSchema, viewSubmissionSchema } from '../../security/slackPayloads.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { listenForConversation } from './conversation.ts';
import { slashCommandName } from './manifest.ts';
import { createSlackMessenger, dmChannel as openDm, messagePayload, parseSlackUserId } from './messenger.ts';

export { createSlackMessenger, deliveryReason, parseSlackUserId } from './messenger.ts';
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

/** An acknowledgement body for a view submission (undefined closes the modal). */
type ViewAck = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update' | 'push'; view: ModalView } | undefined;

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

/** Where an answer goes: the response_url of a message or command, and the channel it came from. */
interface Place {
  respond?: RespondFn;
  channel?: string;
  /** The source message is ephemeral, so a personal answer may replace it (buttons disappear). */
  replaceable?: boolean;
  /** The modal the interaction came from, answered with views.update. */
  viewId?: string;
  triggerId?: string;
}

function modalTitle(locale: Locale): string {
  void locale; // one name in every language, as the console and the manifest show it
  return PRODUCT_NAME;
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

  // ── delivery of one Reply ──
  const deliveries = new Deliveries<ViewAck>();

  const dmChannel = (user: string): Promise<string> => openDm(client, user);
  const messenger = createSlackMessenger(client, {
    commandPrefix: config.commandPrefix,
    boardChannel: config.boardChannel,
    localeOf: async (id) => {
      const target = parseSlackUserId(id);
      return target ? slackLocale(target.user) : undefined;
    },
  });

  /** Uploads, DMs to others, and the report of failed DMs: everything a Reply asks besides showing it. */
  const sideEffects = async (r: Reply, ctx: BotContext, place: Place): Promise<void> => {
    const me = parseSlackUserId(ctx.user.id)!;
    for (const a of r.attachments ?? []) {
      // A personal file (an export) goes to the person's DM; a public one to the channel it was asked in.
      const channel = !r.ephemeral && place.channel ? place.channel : await dmChannel(me.user);
      await client.filesUploadV2({
        channel_id: channel,
        file: a.data,
        filename: a.filename,
        title: a.filename,
        ...(a.description ? { initial_comment: fit(a.description, LIMITS.sectionText) } : {}),
      });
    }
    const report = await pipeline.deliver(r, ctx);
    // Reported as a message (respond or DM), so a result shown in a modal stays visible.
    if (report) await tell(ctx, { ...place, viewId: undefined }, report);
  };

  /** Shows a reply without a form where the interaction came from. */
  const tell = async (ctx: BotContext, place: Place, r: Reply): Promise<void> => {
    const message = messagePayload(r, ctx.locale);
    if (place.viewId) {
      await client.views.update({ view_id: place.viewId, view: resultView(r, ctx.locale) });
    } else if (place.respond) {
      await place.respond({
        response_type: r.ephemeral ? 'ephemeral' : 'in_channel',
        replace_original: Boolean(place.replaceable && r.ephemeral),
        ...message,
      });
    } else {
      const me = parseSlackUserId(ctx.user.id)!;
      await client.chat.postMessage({ channel: await dmChannel(me.user), ...message });
    }
  };

  const resultView = (r: Reply, locale: Locale, meta: ModalMetadata = {}): ModalView => ({
    ...renderInfoView(r, locale, modalTitle(locale), meta),
    // Closing a result closes the whole modal, not back to the form underneath.
    clear_on_close: true,
  });

  const formView = (r: Reply, ctx: BotContext, place: Place): ModalView =>
    renderFormView(r.form!, r.blocks.length > 0 || (r.actions?.length ?? 0) > 0 ? r : undefined, ctx.locale, { channel: place.channel });

  /**
   * Runs the bot for a command or a button and shows the answer. A form opens as a modal while
   * the trigger_id is fresh; if the bot has not answered within the budget, a loading modal
   * holds the trigger and is updated when the answer arrives.
   */
  const answer = async (work: Promise<Reply>, ctx: BotContext, place: Place): Promise<void> => {
    const early = place.triggerId && !place.viewId ? await within(work, modalBudgetMs) : await work;
    let r: Reply;
    if (early === TIMEOUT) {
      const loading = await client.views.open({ trigger_id: place.triggerId!, view: renderLoadingView(ctx.locale) });
      r = await work;
      const viewId = loading.view?.id;
      if (!viewId) throw new Error('views.open returned no view id');
      await client.views.update({ view_id: viewId, view: r.form ? formView(r, ctx, place) : resultView(r, ctx.locale) });
    } else {
      r = early;
      if (r.form && place.viewId) {
        await client.views.update({ view_id: place.viewId, view: formView(r, ctx, place) });
      } else if (r.form) {
        await client.views.open({ trigger_id: place.triggerId!, view: formView(r, ctx, place) });
      } else {
        await tell(ctx, place, r);
      }
    }
    await sideEffects(r, ctx, place);
  };

  // ── every payload is checked before any listener reads it (one log line and an ack when not) ──
  bolt.use(async ({ body, ack, next }) => {
    const b = body as { type?: string; command?: string };
    const [schema, kind] =
      b.type === 'block_actions' ? [blockActionsSchema, 'block_actions']
        : b.type === 'view_submission' ? [viewSubmissionSchema, 'view_submission']
          : typeof b.command === 'string' ? [slashCommandSchema, 'slash_command']
            : [undefined, ''];
    if (schema && !valid(schema, body, kind)) {
      await ack?.();
      return;
    }
    await next();
  });

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

  // ── modal submissions ──
  bolt.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body, view }) => {
    // The view version and what was typed: a corrected resubmission after field errors (same
    // view, same hash) is new work; the same values sent again are the same delivery.
    const typed = createHash('sha256').update(JSON.stringify(view.state.values)).digest('hex').slice(0, 16);
    const key = `view:${view.id}:${view.hash}:${typed}`;
    const first = deliveries.seen(key);
    if (first) {
      // The same answer as the first delivery; never a second submission.
      await ack(await first);
      return;
    }
    let settle!: (v: ViewAck) => void;
    deliveries.record(key, new Promise<ViewAck>((res) => (settle = res)));
    try {
      const team = homeTeamOf(body) ?? '';
      // One budget for the whole answer, locale lookup included, so the ack stays inside Slack's 3 s.
      const deadline = Date.now() + submitBudgetMs;
      const ctx = await within(contextFor(team, body.user.id, body.user.name), submitBudgetMs / 2).then((c) =>
        c === TIMEOUT ? pipeline.context({ userId: `slack:${team}:${body.user.id}`, surface: 'slack' }) : c,
      );
      const meta = decodeMetadata(view.private_metadata);
      const values: Record<string, string> = {};
      const fieldKeys: string[] = [];
      const labels: Record<string, string> = {};
      for (const b of (Array.isArray(view.blocks) ? view.blocks : []) as Array<{ type: string; block_id?: string; label?: { text: string } }>) {
        if (b.type === 'input' && b.block_id?.startsWith(FIELD_BLOCK_PREFIX) && b.label) labels[b.block_id.slice(FIELD_BLOCK_PREFIX.length)] = b.label.text;
      }
      for (const [blockId, elements] of Object.entries(view.state.values)) {
        if (!blockId.startsWith(FIELD_BLOCK_PREFIX)) continue;
        const key = blockId.slice(FIELD_BLOCK_PREFIX.length);
        fieldKeys.push(key);
        const el = Object.values(elements)[0] as { value?: string | null } | undefined;
        values[key] = el?.value ?? '';
      }
      const place: Place = { channel: meta.channel, viewId: view.id };
      const work = meta.form
        ? run({ kind: 'formSubmit', formId: meta.form, values }, ctx)
        : Promise.resolve(errorReply(ctx.locale));
      const r = await within(work, Math.max(0, deadline - Date.now()));
      if (r === TIMEOUT) {
        // Too slow to answer in the acknowledgement: show a loading view, update it when done.
        const loading: ViewAck = { response_action: 'update', view: renderLoadingView(ctx.locale) };
        settle(loading);
        await ack(loading);
        later(async () => {
          const done = await work;
          const next = done.fieldErrors && Object.keys(done.fieldErrors).length > 0
            ? reopenFormView(view as Parameters<typeof reopenFormView>[0], values, done.fieldErrors, labels, ctx.locale)
            : done.form
              ? formView(done, ctx, place)
              : resultView(done, ctx.locale);
          await client.views.update({ view_id: view.id, view: next });
          await sideEffects(done, ctx, place);
        });
        return;
      }
      const response = submissionAck(r, ctx, place, fieldKeys, meta);
      settle(response);
      await ack(response);
      later(() => sideEffects(r, ctx, place));
    } catch (err) {
      settle(undefined);
      throw err;
    }
  });

  const submissionAck = (r: Reply, ctx: BotContext, place: Place, fieldKeys: string[], meta: ModalMetadata): ViewAck => {
    if (r.fieldErrors && Object.keys(r.fieldErrors).length > 0) {
      return { response_action: 'errors', errors: renderFieldErrors(r.fieldErrors, fieldKeys) };
    }
    if (r.form) return { response_action: 'update', view: formView(r, ctx, place) };
    // Buttons (confirm a soft warning, edit) replace the form with a confirmation view.
    if (r.actions && r.actions.length > 0) return { response_action: 'update', view: renderInfoView(r, ctx.locale, modalTitle(ctx.locale), meta) };
    return { response_action: 'update', view: resultView(r, ctx.locale) };
  };

  // ── typed conversation: the app's DM and @-mentions ──
  listenForConversation({
    bolt,
    pipeline,
    commandPrefix: config.commandPrefix,
    run,
    contextFor: (team, user) => contextFor(team, user),
    later: (work) => later(work),
    sideEffects: (r, ctx, channel) => sideEffects(r, ctx, { channel }),
  });

  // Result and confirmation views have no submit button; acknowledge anything that arrives anyway.
  bolt.view({ callback_id: INFO_CALLBACK_ID, type: 'view_submission' }, async ({ ack }) => {
    await ack();
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

function errorReply(locale: Locale): Reply {
  return { blocks: [{ type: 'text', text: tr(locale, WORDS.formExpired.zh, WORDS.formExpired.en), style: 'error' }], ephemeral: true, isError: true };
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

/**
 * Bolt's and the Web API client's own log lines, into the one structured log (never bare lines on
 * stderr, where an operator expects only the one line of a start-up failure).
 */
function boltLogger(initial: LogLevel): Logger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let level = initial;
  let name = 'bolt';
  const at = (l: LogLevel, write: (o: object, msg: string) => void) => (...msg: unknown[]) => {
    if (order.indexOf(l) < order.indexOf(level)) return;
    write({ event: 'slack_sdk', component: name }, msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  };
  return {
    debug: at(LogLevel.DEBUG, (o, m) => log.debug(o, m)),
    info: at(LogLevel.INFO, (o, m) => log.info(o, m)),
    warn: at(LogLevel.WARN, (o, m) => log.warn(o, m)),
    error: at(LogLevel.ERROR, (o, m) => log.error(o, m)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: (n) => void (name = n),
  };
}

/** Slack's error words that mean the token itself is refused. */
const REFUSED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'no_permission']);

/**
 * Why the app could not start, as one line naming the setting to fix: the bot token (checked by
 * auth.test), the app-level token (Socket Mode's apps.connections.open), the API URL or the port.
 */
export function slackStartupError(err: unknown, config: SlackConfig, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): StartupError {
  const e = err as { code?: unknown; data?: { error?: unknown }; message?: string };
  const word = typeof e.data?.error === 'string' ? e.data.error : undefined;
  if (word && REFUSED_TOKEN.has(word)) {
    const what = token === 'SLACK_BOT_TOKEN' ? 'Bot User OAuth Token（xoxb-…）' : 'App-Level Token（xapp-…，connections:write）';
    const whatEn = token === 'SLACK_BOT_TOKEN' ? 'Bot User OAuth Token (xoxb-…)' : 'app-level token (xapp-…, connections:write)';
    return new StartupError({ zh: `${token} 被 Slack 拒绝（${word}）：请检查 .env 中的 ${what}。`, en: `${token} was rejected by Slack (${word}). Check the ${whatEn} in .env.` }, { cause: err });
  }
  if (e.code === 'EADDRINUSE') {
    return new StartupError({ zh: `SLACK_PORT ${config.port}：端口已被占用。`, en: `SLACK_PORT ${config.port}: address in use.` }, { cause: err });
  }
  const api = config.apiUrl ?? 'https://slack.com/api/';
  const network = networkProblem(err);
  if (network || e.code === 'slack_webapi_request_error') {
    const why = network ?? e.message ?? String(err);
    return new StartupError({ zh: `无法连接 Slack（${api}）：${why}。请检查网络或 SLACK_API_URL。`, en: `Cannot reach Slack (${api}): ${why}. Check the network or SLACK_API_URL.` }, { cause: err });
  }
  const why = word ?? e.message ?? String(err);
  return new StartupError({ zh: `Slack 启动失败（${why}）：请检查 ${token} 和 SLACK_API_URL。`, en: `Slack failed to start (${why}). Check ${token} and SLACK_API_URL.` }, { cause: err });
}

/**
 * True when `payload` has the shape the listener reads; otherwise one warning line naming the
 * first problem (never the payload itself), and the listener acknowledges without running.
 */
function valid(schema: z.ZodType, payload: unknown, kind: string): boolean {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return true;
  log.warn({ event: 'slack_bad_payload', kind, problem: payloadProblem(parsed.error) });
  return false;
}

/**
 * Refuses, before Bolt reads them, requests whose signed timestamp is missing, stale or too far
 * in the future (Bolt itself only refuses stale ones), and logs exact replays of a signed request.
 * A replay is not run twice: the listeners answer it from `Deliveries` (kept for the whole window).
 */
function guardTimestamps(receiver: HTTPReceiver): void {
  const replays = new ReplayCache({ windowSeconds: 300, maxFutureSeconds: 60 });
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      const signature = String(req.headers['x-slack-signature'] ?? '');
      const verdict = replays.check(signature, Number(req.headers['x-slack-request-timestamp'] ?? NaN));
      if (!verdict.ok && verdict.reason !== 'replay') {
        log.warn({ event: 'slack_request_refused', reason: verdict.reason });
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`request refused: ${verdict.reason} timestamp`);
        return;
      }
      if (!verdict.ok) log.info({ event: 'slack_request_replayed', retry: req.headers['x-slack-retry-num'] !== undefined });
    }
    return inner(req, res);
  };
}
