/**
 * The Pipeline: the one conversation every surface shares.
 *
 * An adapter hands it a platform-neutral `InboundEvent` from a `Sender` (inbound.ts) and renders
 * the Reply that comes back. The pipeline decides the rest, the same way on every platform:
 *
 * - **routing** — a command, a button, a form, or typed text; typed text is a command when it is
 *   one (`/report submit`, `/月报 填报`, and a bare `月报 填报` on platforms without slash
 *   commands), else it goes to a pending follow-up first and then to `ask`. `/ask <question>`
 *   goes the same way, so a follow-up answer typed after `/ask` continues the conversation.
 * - **deferral** — `isSlow(event)`: commands whose spec says `"slow": true` in
 *   commands/commands.json are acknowledged before the work starts;
 * - **time budgets** — `within(work, ms)` for the rest;
 * - **in-flight tracking and clean shutdown** — `track(work)` and `idle()`;
 * - **delivery** of the messages a Reply sends to other people, through the DeliveryService,
 *   with one report of what could not be delivered;
 * - **error wording** — `say(words.formExpired, locale)`; permissions stay in the Bot;
 * - **text forms** — on platforms without modals (`modals: false`), a form is asked one field at
 *   a time and the choices after it wait for a typed answer (textForm.ts), so the console and
 *   DingTalk share one step-by-step form.
 *
 * ```ts
 * const pipeline = new Pipeline(app.bot, app.delivery, { defaultLocale: 'zh-CN' });
 * const ctx = pipeline.context({ userId: 'discord:42', platformLocale: 'en-US', surface: 'discord' });
 * const reply = await pipeline.track(pipeline.handle({ kind: 'message', text: '月报 填报' }, ctx, caps));
 * const report = await pipeline.deliver(reply, ctx); // a Reply listing undelivered DMs, or undefined
 * ```
 */
import type { Bot } from './bot.ts';
import { DEFAULT_STYLE, spellCommands } from './commandRef.ts';
import { findCommandSpecByAlias, type CommandSpec } from './commandSpec.ts';
import type { BotContext, Invocation } from './context.ts';
import { DeliveryService, deliveryReport } from './delivery.ts';
import { pick, toLocale, type Localized } from './i18n.ts';
import type { InboundEvent, PlatformCapabilities, Sender, UploadedFile } from './inbound.ts';
import type { Locale, Reply } from './reply.ts';
import { reply } from './reply.ts';
import { TextForms } from './textForm.ts';
import { WORDS } from './words.ts';
import { logger } from '../../log.ts';

export const TIMEOUT = Symbol('timeout');

/** Resolves with the promise's value, or TIMEOUT if it has not settled within `ms`. */
export function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<typeof TIMEOUT>((res) => {
    timer = setTimeout(() => res(TIMEOUT), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** What a surface adapter needs from the composition root (the App satisfies it). */
export interface SurfaceHost {
  pipeline: Pipeline;
  delivery: DeliveryService;
  settings: { defaultLocale: Locale };
}

/** A host around a Bot (tests, small tools): a Pipeline and a DeliveryService of its own. */
export function hostFor(bot: Bot, options: PipelineOptions): SurfaceHost {
  const delivery = new DeliveryService({ directory: bot.directory });
  return { pipeline: new Pipeline(bot, delivery, options), delivery, settings: { defaultLocale: options.defaultLocale } };
}

/** A handler for uploaded files (e.g. adding a policy document); registered by a feature. */
export type UploadHandler = (file: UploadedFile, ctx: BotContext, options?: Record<string, string | number | undefined>) => Promise<Reply> | Reply;

export interface PipelineOptions {
  /** Language for people whose platform says nothing and who saved no preference. */
  defaultLocale: Locale;
  now?: () => Date;
}

/** Typed text that names a command: the command and the rest of the line. */
export interface TypedCommand {
  command: string;
  text: string;
}

/**
 * Reads a typed line as a command: `/name rest` or `/中文名 rest` (also with a full-width ／),
 * and, when `bare` is allowed, `name rest` / `中文名 rest` without the slash. Undefined when the
 * line is not a command (a question, an answer to a follow-up).
 */
export function parseTypedCommand(text: string, mode: PlatformCapabilities['textCommands']): TypedCommand | undefined {
  const line = text.trim();
  const slash = /^[/／](\S+)\s*([\s\S]*)$/.exec(line);
  if (slash) {
    const spec = findCommandSpecByAlias(slash[1]!);
    // An unknown /word is still a command (the Bot says it does not exist).
    return { command: spec?.name ?? slash[1]!.toLowerCase(), text: slash[2] ?? '' };
  }
  if (mode !== 'slash-or-alias') return undefined;
  const bare = /^(\S+)\s*([\s\S]*)$/.exec(line);
  const spec = bare ? findCommandSpecByAlias(bare[1]!) : undefined;
  return spec ? { command: spec.name, text: bare![2] ?? '' } : undefined;
}

/** What `handle` needs to know of the platform: how commands are typed, and whether it has modals. */
export type HandleCapabilities = Pick<PlatformCapabilities, 'textCommands'> & Partial<Pick<PlatformCapabilities, 'modals' | 'commandPrefix' | 'hearsReplies'>>;

export class Pipeline {
  private readonly inFlight = new Set<Promise<unknown>>();
  private uploadHandler?: UploadHandler;
  private readonly now: () => Date;
  private readonly textForms = new TextForms();
  private readonly commandNames: readonly string[];

  constructor(
    readonly bot: Bot,
    readonly delivery: DeliveryService,
    private readonly options: PipelineOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.commandNames = bot.commands.map((c) => c.name);
  }

  /** Who asks and in which language: a saved /lang preference, else the platform's, else the default. */
  context(sender: Sender): BotContext {
    const platform = toLocale(sender.platformLocale, this.options.defaultLocale);
    return this.bot.localeFor({
      user: { id: sender.userId, ...(sender.name ? { name: sender.name } : {}) },
      locale: platform,
      now: this.now(),
      surface: sender.surface,
    });
  }

  /** The language a person chose with /lang, if any (a surface need not ask its platform then). */
  savedLocale(userId: string): Locale | undefined {
    return this.bot.directory.getLocale(userId);
  }

  /** Words of the framework in the person's language. */
  say(words: Localized, locale: Locale): string {
    return pick(locale, words);
  }

  /** The command spec an event runs, if it runs one (for deferral and visibility decisions). */
  specOf(event: InboundEvent, caps: Pick<PlatformCapabilities, 'textCommands'>): { spec: CommandSpec; subcommand?: string } | undefined {
    const named = this.commandOf(event, caps);
    if (!named) return undefined;
    const spec = this.bot.commands.find((c) => c.name === named.command);
    if (!spec) return undefined;
    const sub = named.subcommand ?? (spec.subcommands ? findSubcommand(spec, named.text ?? '') : undefined);
    return { spec, subcommand: sub };
  }

  private commandOf(event: InboundEvent, caps: Pick<PlatformCapabilities, 'textCommands'>): { command: string; subcommand?: string; text?: string } | undefined {
    if (event.kind === 'command') return { command: event.invocation.command, subcommand: event.invocation.subcommand };
    if (event.kind === 'commandText') return { command: event.command, text: event.text };
    if (event.kind === 'message') return parseTypedCommand(event.text, caps.textCommands);
    return undefined;
  }

  /**
   * True when the event runs a command whose spec (or subcommand's) is marked `slow`: the surface
   * should acknowledge first (Discord's deferReply) and only then start the work.
   */
  isSlow(event: InboundEvent, caps: Pick<PlatformCapabilities, 'textCommands'>): boolean {
    // A download and a PDF extraction can take seconds.
    if (event.kind === 'fileUpload') return true;
    const found = this.specOf(event, caps);
    if (!found) return false;
    const sub = found.spec.subcommands?.find((s) => s.name === found.subcommand);
    return Boolean(found.spec.slow || sub?.slow);
  }

  /** Runs an event to its Reply. Never throws: unexpected failures become the `failed` error reply. */
  async handle(event: InboundEvent, ctx: BotContext, caps: HandleCapabilities): Promise<Reply> {
    const started = performance.now();
    let r: Reply;
    ctx = { ...ctx, style: { commandPrefix: caps.commandPrefix ?? DEFAULT_STYLE.commandPrefix, hearsReplies: caps.hearsReplies ?? DEFAULT_STYLE.hearsReplies } };
    try {
      r = caps.modals === false ? await this.handleInText(event, ctx, caps) : await this.route(event, ctx, caps);
      // Wording written where the surface is unknown (a reports-layer refusal) names commands as this surface types them.
      r = spellCommands(r, ctx.style!.commandPrefix, this.commandNames);
    } catch (err) {
      logger.error({ event: 'handling_failed', user: ctx.user.id, surface: ctx.surface, err: (err as Error)?.message });
      r = reply.error(ctx.locale, WORDS.failed);
    }
    logger.info(this.commandLine(event, ctx, caps, r, Math.round(performance.now() - started)));
    return r;
  }

  /**
   * The one log line per event: what ran, who, the unit when known, latency and outcome. Only
   * names and ids — never report figures, typed text or tokens.
   */
  private commandLine(event: InboundEvent, ctx: BotContext, caps: Pick<PlatformCapabilities, 'textCommands'>, r: Reply, ms: number): Record<string, unknown> {
    const found = this.specOf(event, caps);
    const command = found
      ? [found.spec.name, found.subcommand].filter(Boolean).join(' ')
      : event.kind === 'action' ? `action ${event.actionId.split(':').slice(0, 2).join(':')}`
        : event.kind === 'formSubmit' ? `form ${event.formId.split(':').slice(0, 2).join(':')}`
          : event.kind === 'message' ? 'conversation'
            : event.kind;
    const given = event.kind === 'command' ? event.invocation.options.unit : undefined;
    const data = r.data as { unit?: unknown; error?: unknown } | undefined;
    const unit = typeof given === 'string' && given ? given : typeof data?.unit === 'string' ? data.unit : undefined;
    return {
      event: 'command',
      command,
      user: ctx.user.id,
      surface: ctx.surface,
      ...(unit ? { unit } : {}),
      ms,
      outcome: r.isError ? 'error' : 'ok',
      ...(r.isError && typeof data?.error === 'string' ? { error: data.error } : {}),
    };
  }

  /** True while the person has a text form or a choice after it waiting for a typed line (an empty line counts). */
  awaitingText(userId: string): boolean {
    return this.textForms.pending(userId);
  }

  /**
   * On a platform without modals: a typed line goes to the person's open text form or choice
   * first (commands still run); a reply that opens a form starts one.
   */
  private async handleInText(event: InboundEvent, ctx: BotContext, caps: HandleCapabilities): Promise<Reply> {
    const id = ctx.user.id;
    const L = ctx.locale;
    if (event.kind === 'message' && !parseTypedCommand(event.text, caps.textCommands)) {
      const step = this.textForms.answer(id, event.text, L);
      if (step?.kind === 'reply' || step?.kind === 'cancelled') return step.reply;
      if (step?.kind === 'submit') return this.textForms.afterSubmit(await this.bot.submitForm(step.formId, step.values, ctx), id, L);
      if (step?.kind === 'action') return this.textForms.present(await this.bot.act(step.actionId, ctx), id, L, true);
    }
    // A button pressed while a form or choice waits (console numbers, DingTalk buttons) continues it.
    const fromForm = (event.kind === 'action' && this.textForms.pending(id)) || event.kind === 'formSubmit';
    if (event.kind === 'action') this.textForms.drop(id);
    return this.textForms.present(await this.route(event, ctx, caps), id, L, fromForm);
  }

  private route(event: InboundEvent, ctx: BotContext, caps: HandleCapabilities): Promise<Reply> {
    switch (event.kind) {
      case 'command':
        return this.runInvocation(event.invocation, ctx);
      case 'commandText':
        return this.runText(event.command, event.text, ctx);
      case 'message': {
        const typed = parseTypedCommand(event.text, caps.textCommands);
        if (typed) return this.runText(typed.command, typed.text, ctx);
        return this.bot.converse(event.text.trim(), ctx);
      }
      case 'action':
        return this.bot.act(event.actionId, ctx);
      case 'formSubmit':
        return this.bot.submitForm(event.formId, event.values, ctx);
      case 'fileUpload':
        return this.uploadHandler
          ? Promise.resolve(this.uploadHandler(event.file, ctx, event.options))
          : Promise.resolve(reply.error(ctx.locale, WORDS.uploadUnsupported));
    }
  }

  /** `/ask <question>` is conversation (a pending follow-up may take it); every other command runs. */
  private runInvocation(inv: Invocation, ctx: BotContext): Promise<Reply> {
    const question = inv.command === 'ask' ? String(inv.options.question ?? '').trim() : '';
    const onlyQuestion = Object.entries(inv.options).every(([k, v]) => k === 'question' || v === undefined);
    if (question && onlyQuestion) return this.bot.converse(question, ctx);
    return this.bot.run(inv, ctx);
  }

  private runText(command: string, text: string, ctx: BotContext): Promise<Reply> {
    if (command === 'ask' && text.trim() !== '') return this.bot.converse(text.trim(), ctx);
    return this.bot.runText(command, text, ctx);
  }

  /** Registers the handler for `fileUpload` events (one per app). */
  onFileUpload(handler: UploadHandler): void {
    this.uploadHandler = handler;
  }

  /**
   * Sends the Reply's messages to other people (reminders…) on their own platforms and returns
   * the report to show the sender when some could not be delivered.
   */
  async deliver(r: Reply, ctx: BotContext): Promise<Reply | undefined> {
    const dms = r.directMessages ?? [];
    if (dms.length === 0) return undefined;
    const failures = await this.delivery.sendAll(dms, ctx.locale);
    return failures.length > 0 ? deliveryReport(failures, dms.length, ctx.locale) : undefined;
  }

  /** Keeps `work` in the set `idle()` waits for; errors are logged, never thrown to the platform loop. */
  track(work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => logger.error({ event: 'background_failed', err: (err as Error)?.message }));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resolves when every tracked piece of work has finished (tests, clean shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

function findSubcommand(spec: CommandSpec, text: string): string | undefined {
  const first = text.trim().split(/\s+/)[0] ?? '';
  return spec.subcommands?.find((s) => s.name === first.toLowerCase() || s.nameZh === first)?.name;
}
