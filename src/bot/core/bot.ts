/**
 * The Bot: one platform-neutral entry point for every surface.
 *
 * The Pipeline (pipeline.ts) turns platform-neutral events into four calls — `run` (a command),
 * `act` (a button), `submitForm` (a modal) and `converse` (free text). The
 * bot checks who may do what (from the command definitions' `audience` and the user directory)
 * before any handler runs, so handlers and adapters never repeat permission logic.
 *
 * Handlers come from features (search and ask, reports, admin…), registered at construction.
 */
import { commandRef } from './commandRef.ts';
import { closestCommand, usageBlocks } from './commandHelp.ts';
import type { CommandSpec } from './commandSpec.ts';
import { commandSpecs, findCommandSpec, findCommandSpecByAlias, optionsOf } from './commandSpec.ts';
import { parseCommandText } from './commandText.ts';
import type { ActionHandler, BotContext, BotFeature, CommandHandler, FormHandler, Invocation, UserDirectory } from './context.ts';
import { WORDS } from './words.ts';
import type { Reply } from './reply.ts';
import { reply } from './reply.ts';
import { logger } from '../../log.ts';

export interface BotOptions {
  features: BotFeature[];
  directory: UserDirectory;
  commands?: readonly CommandSpec[];
  /**
   * Names what failed when a handler throws, for the log and the reply (e.g. a database error
   * names the database file). Undefined for an unexpected error: the generic `failed` wording.
   * Must never include report figures or tokens.
   */
  explainFailure?: (err: unknown) => { zh: string; en: string; log: Record<string, unknown> } | undefined;
}

export class Bot {
  readonly commands: readonly CommandSpec[];
  readonly directory: UserDirectory;
  private readonly commandHandlers = new Map<string, CommandHandler>();
  private readonly actionHandlers: Array<[string, ActionHandler]> = [];
  private readonly formHandlers: Array<[string, FormHandler]> = [];
  private readonly conversers: NonNullable<BotFeature['converse']>[] = [];
  private readonly explainFailure: BotOptions['explainFailure'];

  constructor(options: BotOptions) {
    this.commands = options.commands ?? commandSpecs;
    this.directory = options.directory;
    this.explainFailure = options.explainFailure;
    for (const f of options.features) {
      for (const [k, h] of Object.entries(f.commands ?? {})) this.commandHandlers.set(k, h);
      for (const [k, h] of Object.entries(f.actions ?? {})) this.actionHandlers.push([k, h]);
      for (const [k, h] of Object.entries(f.forms ?? {})) this.formHandlers.push([k, h]);
      if (f.converse) this.conversers.push(f.converse);
    }
    // Longest prefix first, so `report:confirm:` wins over `report:`.
    this.actionHandlers.sort((a, b) => b[0].length - a[0].length);
    this.formHandlers.sort((a, b) => b[0].length - a[0].length);
  }

  /** The keys of every registered command handler (`name` or `name.subcommand`), to check against the specs. */
  handlerKeys(): string[] {
    return [...this.commandHandlers.keys()];
  }

  /** The locale to use for a user: their saved preference, else what the platform said. */
  localeFor(ctx: BotContext): BotContext {
    const saved = this.directory.getLocale(ctx.user.id);
    return saved ? { ...ctx, locale: saved } : ctx;
  }

  /** Runs a command after checking it exists, its required options are present and the user may use it. */
  async run(inv: Invocation, ctx: BotContext): Promise<Reply> {
    const spec = findCommandSpec(inv.command) ?? this.commands.find((c) => c.name === inv.command);
    const L = ctx.locale;
    if (!spec) {
      const help = commandRef(ctx, 'help');
      const near = closestCommand(inv.command, this.commands);
      if (near) {
        const sure = commandRef(ctx, near.name);
        return reply.error(L, { zh: `没有「${inv.command}」这个命令，是不是要用 ${sure}（${near.nameZh}）？输入 ${help} 查看全部命令。`, en: `There is no command "${inv.command}". Did you mean ${sure}? Type ${help} for the list.` });
      }
      return reply.error(L, { zh: `没有「${inv.command}」这个命令，输入 ${help} 查看全部命令。`, en: `There is no command "${inv.command}". Type ${help} for the list.` });
    }
    if (spec.subcommands && !spec.subcommands.some((s) => s.name === inv.subcommand)) {
      return reply.error(L, {
        zh: `请指定子命令：${spec.subcommands.map((s) => `${s.name}（${s.nameZh}）`).join('、')}`,
        en: `Choose a subcommand: ${spec.subcommands.map((s) => s.name).join(', ')}`,
      });
    }
    for (const o of optionsOf(spec, inv.subcommand)) {
      const v = inv.options[o.name];
      if (o.required && (v === undefined || String(v).trim() === '')) {
        // Say what is missing, then the whole usage: a person who left one out usually needs the rest too.
        const r = reply.error(L, { zh: `缺少「${o.nameZh}」（${o.name}）：${o.description['zh-CN']}`, en: `Missing "${o.name}": ${o.description.en}` });
        r.blocks.push(...usageBlocks(spec, inv.subcommand, ctx));
        return r;
      }
    }
    const denied = this.checkAudience(spec, inv, ctx);
    if (denied) return denied;
    const key = inv.subcommand ? `${inv.command}.${inv.subcommand}` : inv.command;
    const handler = this.commandHandlers.get(key);
    if (!handler) return reply.error(L, { zh: `「${key}」暂未开放。`, en: `"${key}" is not available yet.` });
    return this.guard(() => handler(inv, ctx), ctx);
  }

  /** Parses the text typed after a slash command (console, Slack) and runs it. */
  async runText(command: string, text: string, ctx: BotContext): Promise<Reply> {
    const spec = findCommandSpec(command);
    if (!spec) return this.run({ command, options: {} }, ctx);
    const parsed = parseCommandText(spec, text);
    if (!parsed.ok) return reply.error(ctx.locale, parsed.problem);
    return this.run(parsed.invocation, ctx);
  }

  /** A button press. Permissions for the underlying operation are enforced by the handler's domain call. */
  async act(id: string, ctx: BotContext): Promise<Reply> {
    const entry = this.actionHandlers.find(([prefix]) => id.startsWith(prefix));
    if (!entry) return reply.error(ctx.locale, WORDS.buttonExpired);
    return this.guard(() => entry[1](id, ctx), ctx);
  }

  /** A submitted form; `values` are the raw strings typed. */
  async submitForm(id: string, values: Record<string, string>, ctx: BotContext): Promise<Reply> {
    const entry = this.formHandlers.find(([prefix]) => id.startsWith(prefix));
    if (!entry) return reply.error(ctx.locale, WORDS.formExpired);
    return this.guard(() => entry[1](id, values, ctx), ctx);
  }

  /**
   * Free text: a command's own name typed alone (帮助, help, 缺报) runs that command; else a pending
   * conversation (a follow-up answer) gets it first, else it is a question for `ask`.
   */
  async converse(text: string, ctx: BotContext): Promise<Reply> {
    const named = this.namedCommand(text);
    if (named) return this.run({ command: named.name, options: {} }, ctx);
    for (const c of this.conversers) {
      const r = await this.guard(async () => (await c(text, ctx)) ?? NOT_HANDLED, ctx);
      if (r !== NOT_HANDLED) return r;
    }
    return this.run({ command: 'ask', options: { question: text } }, ctx);
  }

  /**
   * The command whose name (help, missing) or Chinese name (帮助, 缺报) is all of `text`, when it
   * needs no option: typed without its slash it still asks for that command, not a clause search
   * for the word (帮助 had listed a clause on 帮助企业解决困难).
   */
  private namedCommand(text: string): CommandSpec | undefined {
    const word = text.trim().replace(/^[/／]/, '').replace(/[\s。.!！?？]+$/, '');
    const spec = findCommandSpecByAlias(word, this.commands);
    if (!spec || spec.subcommands) return undefined;
    return (spec.options ?? []).some((o) => o.required) ? undefined : spec;
  }

  private checkAudience(spec: CommandSpec, inv: Invocation, ctx: BotContext): Reply | undefined {
    if (spec.audience === 'everyone') return undefined;
    const roles = this.directory.rolesOf(ctx.user.id);
    const what = inv.subcommand ? `${inv.command} ${inv.subcommand}` : inv.command;
    // A refusal names who the person was taken to be; on the command line, how to say who they are.
    const asFlag = ctx.surface === 'cli';
    if (spec.audience === 'coordinator' && !roles.coordinator) {
      this.directory.recordRefusal(ctx.user.id, what, 'not a coordinator');
      return reply.error(ctx.locale, {
        zh: `「${spec.nameZh}」仅限市投资促进中心协调员使用，当前身份 ${ctx.user.id} 不是协调员${asFlag ? '（以协调员身份运行请加 --as <协调员标识>）' : ''}。`,
        en: `"${spec.name}" is for coordinators of the city investment-promotion center only; ${ctx.user.id} is not one${asFlag ? ' (run it as a coordinator with --as <coordinator id>)' : ''}.`,
      }, { error: 'forbidden', user: ctx.user.id });
    }
    if (spec.audience === 'reporter' && !roles.coordinator && roles.units.length === 0) {
      this.directory.recordRefusal(ctx.user.id, what, 'not bound to any unit');
      return reply.error(ctx.locale, {
        zh: `你还没有绑定报送单位，请联系协调员用 ${commandRef(ctx, 'admin', 'bind')} 绑定（你的用户标识：${ctx.user.id}${asFlag ? '；已绑定的报送人请用 --as <用户标识> 运行' : ''}）。`,
        en: `You are not bound to a reporting unit yet. Ask a coordinator to run ${commandRef(ctx, 'admin', 'bind')} (your user id: ${ctx.user.id}${asFlag ? '; a bound reporter runs it with --as <user id>' : ''}).`,
      }, { error: 'not_bound', user: ctx.user.id });
    }
    return undefined;
  }

  /** Turns an unexpected exception into a clear, logged error reply instead of a crash. */
  private async guard<T>(fn: () => Promise<T> | T, ctx: BotContext): Promise<T | Reply> {
    try {
      return await fn();
    } catch (err) {
      const known = this.explainFailure?.(err);
      logger.error({ event: 'handler_failed', user: ctx.user.id, surface: ctx.surface, err: (err as Error)?.message, ...known?.log });
      return reply.error(ctx.locale, known ? { zh: known.zh, en: known.en } : WORDS.failed);
    }
  }
}

const NOT_HANDLED = Symbol('not handled') as unknown as Reply;
