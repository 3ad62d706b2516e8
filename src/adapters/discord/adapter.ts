/**
 * The Discord adapter: turns interactions into platform-neutral events for the Pipeline and the
 * Replies it returns into Discord responses. What to answer, which commands are slow, in-flight
 * tracking and error wording are the core's (src/bot/pipeline.ts); this file decides only *how*
 * Discord must be answered.
 *
 * Discord's rules shape everything here:
 * - An interaction must get its first response within 3 seconds. Commands whose spec is `slow`
 *   defer at once; any other call that has not answered after `deferAfterMs` is deferred too,
 *   and the answer then edits the deferred reply.
 * - A modal can only be the *first* response. A Reply with a form is therefore shown as a modal
 *   straight away when the interaction allows it (slash command, button); when it cannot (after a
 *   defer, or in answer to a modal), the person gets a button that opens it.
 * - Personal answers are ephemeral (`Reply.ephemeral`); a press on a button of a personal card
 *   updates that card in place (no stale 确认提交 left to click twice).
 * - DMs and @-mentions are typed conversation (conversation.ts); the defer-or-answer steps are
 *   in deferral.ts, slash-command options → Invocation in commands.ts.
 *
 * ```ts
 * const client = createDiscordClient(config); // the intents and partials conversation.ts needs
 * const adapter = new DiscordAdapter(client, app).attach();
 * await client.login(token);
 * ```
 */
import { createHash } from 'node:crypto';
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  Interaction,
  ModalSubmitInteraction,
  RepliableInteraction,
} from 'discord.js';
import { ChannelType, Events, InteractionContextType, MessageFlags } from 'discord.js';
import type { BotContext } from '../../bot/core/context.ts';
import type { FormRequest } from '../../bot/core/form.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { InboundEvent, PlatformCapabilities } from '../../bot/core/inbound.ts';
import type { Messenger } from '../../bot/core/messenger.ts';
import type { SurfaceHost } from '../../bot/core/pipeline.ts';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import { WORDS } from '../../bot/core/words.ts';
import { uploadEventOf } from './attachments.ts';
import { toInvocation } from './commands.ts';
import type { ConversationHost } from './conversation.ts';
import { answerMessage } from './conversation.ts';
import { deferNow, withDeadline } from './deferral.ts';
import type { FormSession } from './forms.ts';
import { FormSessions, IDS, buildModal, recordPage, reopenFor } from './forms.ts';
import type { DiscordMessengerOptions } from './messenger.ts';
import { DiscordMessenger, toOptions } from './messenger.ts';
import type { OutMessage, RawButton } from './render.ts';
import { LIMITS, renderReply } from './render.ts';
import { logger } from '../../log.ts';

/** What the adapter needs from the App (`src/bot/app.ts`); an App satisfies it. */
export type DiscordApp = SurfaceHost;

export interface DiscordAdapterOptions {
  /**
   * How long a command or button may run before the adapter defers (default 1500 ms, well
   * inside Discord's 3 s). Commands marked `slow` in commands.json do not wait at all.
   */
  deferAfterMs?: number;
}

/** What Discord can show, for the core. */
export const DISCORD_CAPABILITIES: PlatformCapabilities = {
  surface: 'discord',
  modals: true,
  buttons: true,
  messageEdit: true,
  textCommands: 'slash',
  // DMs and @-mentions reach the bot (conversation.ts); a slash command in a server channel says
  // otherwise for its own place (`hearsRepliesIn`).
  hearsReplies: true,
  maxMessageLength: LIMITS.content,
  ackWithinMs: 3000,
};

const EPHEMERAL = MessageFlags.Ephemeral as const;

export class DiscordAdapter {
  private readonly sessions = new FormSessions();
  /** Short custom ids for Bot action ids longer than Discord's 100 characters. */
  private readonly longIds = new Map<string, string>();
  private readonly deferAfterMs: number;

  constructor(
    readonly client: Client,
    readonly app: DiscordApp,
    options: DiscordAdapterOptions = {},
  ) {
    this.deferAfterMs = options.deferAfterMs ?? 1500;
  }

  private get pipeline() {
    return this.app.pipeline;
  }

  /** Listens for interactions, and for DMs and @-mentions (typed conversation, conversation.ts). */
  attach(): this {
    this.client.on(Events.InteractionCreate, (interaction) => this.pipeline.track(this.handle(interaction)));
    this.client.on(Events.MessageCreate, (message) => this.pipeline.track(answerMessage(this.conversationHost(), message)));
    return this;
  }

  private conversationHost(): ConversationHost {
    return {
      client: this.client,
      pipeline: this.pipeline,
      run: (event, ctx, hears) => this.run(event, ctx, hears),
      render: (r, locale, extra) => this.render(r, locale, extra),
      formButton: (r, ctx) => this.openFormButton(this.sessions.open(r.form!, ctx.user.id), r.form!, ctx.locale),
    };
  }

  /**
   * True when a typed reply in the place of this interaction reaches the bot: the bot's DM. In a
   * server channel only @-mentions do, so replies there point to the button and /ask instead.
   */
  private hearsRepliesIn(i: Interaction): boolean {
    return i.context === InteractionContextType.BotDM || (!i.guildId && i.channel?.type === ChannelType.DM);
  }

  /** Resolves when every interaction received so far has been fully answered (tests, shutdown). */
  idle(): Promise<void> {
    return this.pipeline.idle();
  }

  /** Answers one interaction; never throws (failures are logged and, when possible, shown to the person). */
  async handle(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) {
      if (interaction.isAutocomplete()) await interaction.respond([]).catch(() => undefined);
      return;
    }
    const ctx = this.contextFor(interaction);
    try {
      if (interaction.isChatInputCommand()) await this.onCommand(interaction, ctx);
      else if (interaction.isButton()) await this.onButton(interaction, ctx);
      else if (interaction.isModalSubmit()) await this.onModal(interaction, ctx);
      else await interaction.reply({ content: this.pipeline.say(WORDS.unsupported, ctx.locale), flags: EPHEMERAL });
    } catch (err) {
      logger.error({ event: 'discord_interaction_failed', err: (err as Error)?.message });
      const content = this.pipeline.say(WORDS.failed, ctx.locale);
      try {
        if (interaction.replied || interaction.deferred) await interaction.followUp({ content, flags: EPHEMERAL });
        else await interaction.reply({ content, flags: EPHEMERAL });
      } catch {
        // The interaction token may have expired; nothing more can be sent.
      }
    }
  }

  /** Who asks and in which language: `discord:<id>`, the client's locale unless the person chose one with /lang. */
  contextFor(i: Interaction): BotContext {
    return this.pipeline.context({ userId: `discord:${i.user.id}`, name: i.user.globalName ?? i.user.username ?? undefined, platformLocale: i.locale, surface: 'discord' });
  }

  private run(event: InboundEvent, ctx: BotContext, hearsReplies: boolean): Promise<Reply> {
    return this.pipeline.handle(event, ctx, { ...DISCORD_CAPABILITIES, hearsReplies });
  }

  // ── slash commands ────────────────────────────────────────────────────────────────────────

  private async onCommand(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
    // A file given with the command (`/corpus add file:`) is an upload the core checks, then fetches.
    const event: InboundEvent = uploadEventOf(i, this.client.options.rest?.api) ?? { kind: 'command', invocation: toInvocation(i) };
    const work = () => this.run(event, ctx, this.hearsRepliesIn(i));
    // Always a personal "thinking…": a coordinator's table that turns out public is posted as a
    // follow-up, so the channel never sees a placeholder appear and vanish.
    const defer = () => i.deferReply({ flags: EPHEMERAL });
    const outcome = this.pipeline.isSlow(event, DISCORD_CAPABILITIES) ? await deferNow(work, defer) : await withDeadline(work(), this.deferAfterMs, defer);
    if (outcome.deferred) await this.finishDeferred(i, outcome.reply, true, ctx);
    else await this.respond(i, outcome.reply, ctx, 'reply');
  }

  // ── buttons ───────────────────────────────────────────────────────────────────────────────

  private async onButton(i: ButtonInteraction, ctx: BotContext): Promise<void> {
    const own = IDS.parse(i.customId);
    if (own?.kind === 'p') {
      const s = this.sessionFor(own.token, ctx);
      if (typeof s === 'string') return void (await i.reply({ content: s, flags: EPHEMERAL }));
      // Opening the next page is instant: the modal is this interaction's first response.
      await i.showModal(buildModal(s, Math.min(own.page, s.pages.length - 1), ctx.locale));
      return;
    }
    let actionId = i.customId;
    if (own?.kind === 'a') {
      const full = this.longIds.get(own.token);
      if (!full) return void (await i.reply({ content: this.pipeline.say(WORDS.buttonExpired, ctx.locale), flags: EPHEMERAL }));
      actionId = full;
    }
    const outcome = await withDeadline(this.run({ kind: 'action', actionId }, ctx, this.hearsRepliesIn(i)), this.deferAfterMs, () => i.deferReply({ flags: EPHEMERAL }));
    if (outcome.deferred) return this.finishDeferred(i, outcome.reply, true, ctx);
    const onPersonalCard = Boolean(i.message.flags.has(MessageFlags.Ephemeral));
    await this.respond(i, outcome.reply, ctx, onPersonalCard && outcome.reply.ephemeral ? 'update' : 'reply');
  }

  // ── modals ────────────────────────────────────────────────────────────────────────────────

  private async onModal(i: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
    const own = IDS.parse(i.customId);
    const s = own?.kind === 'm' ? this.sessionFor(own.token, ctx) : this.pipeline.say(WORDS.formExpired, ctx.locale);
    if (typeof s === 'string') return void (await i.reply({ content: s, flags: EPHEMERAL }));
    const typed: Record<string, string> = {};
    for (const [key, field] of i.fields.fields) if ('value' in field && typeof field.value === 'string') typed[key] = field.value;
    const next = recordPage(s, own!.page, typed);
    const onPersonalCard = Boolean(i.message?.flags.has(MessageFlags.Ephemeral));
    const mode = onPersonalCard ? 'update' : 'reply';

    if (next !== undefined) {
      const saved: Reply = {
        blocks: [
          {
            type: 'text',
            text: tr(ctx.locale, `已保存第 ${own!.page + 1}/${s.pages.length} 页。请点「下一步」继续填写。`, `Page ${own!.page + 1}/${s.pages.length} saved. Press "Next" to continue.`),
            style: 'muted',
          },
        ],
        ephemeral: true,
      };
      return this.send(i, saved, ctx, mode, [{ customId: IDS.page(s.token, next), label: tr(ctx.locale, '下一步', 'Next'), style: 'primary' }]);
    }

    const outcome = await withDeadline(this.run({ kind: 'formSubmit', formId: s.form.id, values: { ...s.values } }, ctx, this.hearsRepliesIn(i)), this.deferAfterMs, () => i.deferReply({ flags: EPHEMERAL }));
    const r = outcome.reply;
    if (r.fieldErrors && Object.keys(r.fieldErrors).length > 0) {
      if (r.form && r.form.id === s.form.id) this.refreshSession(s, r.form);
      const page = reopenFor(s, Object.keys(r.fieldErrors));
      const labels = new Map(s.form.fields.map((f) => [f.key, f.label]));
      const shown: Reply = {
        ...r,
        form: undefined,
        ephemeral: true,
        blocks: [
          ...r.blocks,
          { type: 'fields', fields: Object.entries(r.fieldErrors).map(([k, msg]) => ({ label: labels.get(k) ?? k, value: msg })) },
        ],
      };
      const reopen: RawButton = { customId: IDS.page(s.token, page), label: tr(ctx.locale, '修改', 'Edit'), style: 'primary' };
      if (outcome.deferred) return this.finishDeferred(i, shown, true, ctx, [reopen]);
      return this.send(i, shown, ctx, mode, [reopen]);
    }
    this.sessions.close(s.token);
    if (outcome.deferred) return this.finishDeferred(i, r, true, ctx, [], s);
    await this.respond(i, r, ctx, r.ephemeral ? mode : 'reply', s);
  }

  // ── responding ────────────────────────────────────────────────────────────────────────────

  /**
   * First response to an interaction that has not been answered yet: a modal when the Reply
   * carries a form and the interaction may open one, else the rendered messages.
   */
  private async respond(i: RepliableInteraction, r: Reply, ctx: BotContext, mode: 'reply' | 'update', previous?: FormSession): Promise<void> {
    if (r.form) {
      const s = this.sessions.open(r.form, ctx.user.id, previous);
      if (!i.isModalSubmit()) {
        await (i as ChatInputCommandInteraction | ButtonInteraction).showModal(buildModal(s, 0, ctx.locale));
        return;
      }
      return this.send(i, { ...r, form: undefined, ephemeral: true }, ctx, mode, [this.openFormButton(s, r.form, ctx.locale)]);
    }
    await this.send(i, r, ctx, mode);
  }

  /** Sends a Reply as the first response (reply, or update of the card the button was on) plus follow-ups. */
  private async send(i: RepliableInteraction, r: Reply, ctx: BotContext, mode: 'reply' | 'update', extraButtons: RawButton[] = []): Promise<void> {
    const messages = this.render(r, ctx.locale, extraButtons);
    const [first, ...rest] = messages;
    if (mode === 'update' && (i.isButton() || (i.isModalSubmit() && i.isFromMessage()))) {
      await i.update({ ...toOptions(first!), content: first!.content ?? '' });
    } else {
      await i.reply({ ...toOptions(first!), ...(r.ephemeral ? { flags: EPHEMERAL } : {}) });
    }
    for (const m of rest) await i.followUp({ ...toOptions(m), ...(r.ephemeral ? { flags: EPHEMERAL } : {}) });
    await this.deliverDirectMessages(i, r, ctx);
  }

  /** Completes a deferred interaction; fixes the visibility when the deferral guessed wrong. */
  private async finishDeferred(
    i: RepliableInteraction,
    r: Reply,
    deferredEphemeral: boolean,
    ctx: BotContext,
    extraButtons: RawButton[] = [],
    previous?: FormSession,
  ): Promise<void> {
    let shown = r;
    const buttons = [...extraButtons];
    if (r.form) {
      // A modal may not follow a defer: offer a button that opens it instead.
      const s = this.sessions.open(r.form, ctx.user.id, previous);
      buttons.push(this.openFormButton(s, r.form, ctx.locale));
      shown = { ...r, form: undefined, ephemeral: true };
    }
    const messages = this.render(shown, ctx.locale, buttons);
    const flags: { flags?: typeof EPHEMERAL } = shown.ephemeral ? { flags: EPHEMERAL } : {};
    if (shown.ephemeral === deferredEphemeral) {
      const [first, ...rest] = messages;
      await i.editReply({ ...toOptions(first!), content: first!.content ?? '' });
      for (const m of rest) await i.followUp({ ...toOptions(m), ...flags });
    } else {
      // The "thinking…" message has the wrong visibility; replace it with follow-ups that have the right one.
      await i.deleteReply();
      for (const m of messages) await i.followUp({ ...toOptions(m), ...flags });
    }
    await this.deliverDirectMessages(i, shown, ctx);
  }

  /**
   * Sends Reply.directMessages (reminders…) through the core's delivery service — to each
   * recipient on their own platform — and shows the person who asked the report of any that
   * could not be delivered.
   */
  private async deliverDirectMessages(i: RepliableInteraction, r: Reply, ctx: BotContext): Promise<void> {
    const report = await this.pipeline.deliver(r, ctx);
    if (!report) return;
    for (const m of this.render(report, ctx.locale)) await i.followUp({ ...toOptions(m), flags: EPHEMERAL });
  }

  // ── outside a conversation ────────────────────────────────────────────────────────────────

  /**
   * A Messenger on this client for the deadline scheduler: DMs rendered like every other reply
   * (long button ids are remembered here, so a 填报 button in a reminder works when clicked), and
   * the coordinators' channel when `boardChannelId` is given.
   */
  messenger(options: DiscordMessengerOptions = {}): Messenger {
    return new DiscordMessenger(this.client, (r, locale) => this.render(r, locale), options);
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  private render(r: Reply, locale: Locale, extraButtons: RawButton[] = []): OutMessage[] {
    return renderReply(r, { locale, customIdFor: (id) => this.customIdFor(id), extraButtons });
  }

  /** A Bot action id as a custom_id: itself when it fits, else a stable short id remembered here. */
  customIdFor(actionId: string): string {
    if (actionId.length <= LIMITS.customId && !actionId.startsWith('pd|')) return actionId;
    const short = createHash('sha256').update(actionId).digest('base64url').slice(0, 22);
    if (this.longIds.size >= 10_000) this.longIds.delete(this.longIds.keys().next().value!);
    this.longIds.set(short, actionId);
    return IDS.action(short);
  }

  private openFormButton(s: FormSession, form: FormRequest, locale: Locale): RawButton {
    return { customId: IDS.page(s.token, 0), label: form.title || tr(locale, '填写表单', 'Open form'), style: 'primary' };
  }

  private refreshSession(s: FormSession, form: FormRequest): void {
    s.form = form;
    for (const f of form.fields) if (s.values[f.key] === undefined && f.initial !== undefined) s.values[f.key] = f.initial;
  }

  private sessionFor(token: string, ctx: BotContext): FormSession | string {
    const s = this.sessions.get(token);
    if (!s) return this.pipeline.say(WORDS.formExpired, ctx.locale);
    if (s.userId !== ctx.user.id) return this.pipeline.say(WORDS.formOfSomeoneElse, ctx.locale);
    return s;
  }
}
