/**
 * Discord, driven through the real discord.js client over the fake REST API on loopback
 * (tests/discord/fakeDiscord.ts): slash commands with typed options, buttons, modal pages, DMs.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import { createHash } from 'node:crypto';
import type { App } from '../../src/bot/app.ts';
import { findCommandSpecByAlias, optionsOf } from '../../src/bot/core/commandSpec.ts';
import { parseCommandText } from '../../src/bot/core/commandText.ts';
import { Harness, button, dmButton, modalSubmit, slash, typed, type RecordedCall } from '../discord/fakeDiscord.ts';
import { visibleText, type Screen, type SurfaceDriver } from './screen.ts';

type Button = { customId: string; ephemeral: boolean; dm: boolean };
type Modal = { custom_id: string; components: Array<{ components: Array<{ custom_id: string; value?: string }> }>; fromMessage: boolean };

const TYPES = { string: ApplicationCommandOptionType.String, integer: ApplicationCommandOptionType.Integer, user: ApplicationCommandOptionType.User, attachment: ApplicationCommandOptionType.Attachment } as const;

export class DiscordDriver implements SurfaceDriver {
  readonly surface = 'discord' as const;
  readonly h = new Harness();
  private readonly buttons = new Map<string, Map<string, Button>>();
  private readonly modals = new Map<string, Modal>();

  async start(app: App): Promise<this> {
    await this.h.start(app);
    return this;
  }

  /** A stable 18-digit snowflake per person. */
  raw(person: string): string {
    const n = BigInt(`0x${createHash('sha256').update(person).digest('hex').slice(0, 14)}`) % 900000000000000000n;
    return String(100000000000000000n + n);
  }

  idOf(person: string): string {
    return `discord:${this.raw(person)}`;
  }

  async command(person: string, line: string): Promise<Screen> {
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
    const spec = m ? findCommandSpecByAlias(m[1]!) : undefined;
    if (!spec) throw new Error(`discord: not a command: ${line}`);
    const parsed = parseCommandText(spec, m![2] ?? '');
    if (!parsed.ok) throw new Error(`discord: ${parsed.problem.en}`);
    const inv = parsed.invocation;
    const specs = optionsOf(spec, inv.subcommand);
    const options: APIApplicationCommandInteractionDataOption[] = [];
    for (const [name, value] of Object.entries(inv.options)) {
      if (value === undefined) continue;
      const type = TYPES[specs.find((o) => o.name === name)?.type ?? 'string'];
      // A user option picks a member of the Discord server; nobody else can be chosen.
      if (type === ApplicationCommandOptionType.User && !/^discord:\d+$/.test(String(value))) throw new Error(`discord: ${String(value)} cannot be picked in a user option`);
      const v = type === ApplicationCommandOptionType.User ? String(value).replace(/^discord:/, '') : type === ApplicationCommandOptionType.Integer ? Number(value) : String(value);
      options.push({ type, name, value: v } as APIApplicationCommandInteractionDataOption);
    }
    const data = inv.subcommand ? [{ type: ApplicationCommandOptionType.Subcommand, name: inv.subcommand, options } as APIApplicationCommandInteractionDataOption] : options;
    return this.screen(person, await this.h.send(slash(spec.name, data, { user: this.raw(person) })), false);
  }

  /** Typed text in the person's DM with the bot (MESSAGE_CREATE through discord.js's gateway action). */
  async say(person: string, text: string): Promise<Screen> {
    const calls = await this.h.message(typed(text, { user: this.raw(person), dmChannel: this.dmOf(person) }));
    return this.screen(person, calls, false);
  }

  /** A stable DM channel id per person. */
  private dmOf(person: string): string {
    return String(BigInt(this.raw(person)) + 1n);
  }

  async press(person: string, label: string): Promise<Screen> {
    const b = this.buttons.get(person)?.get(label) ?? this.dmButtons(person).get(label);
    if (!b) throw new Error(`discord: no button "${label}" for ${person}; shown: ${[...(this.buttons.get(person)?.keys() ?? [])].join(', ')}`);
    const payload = b.dm ? dmButton(b.customId, { user: this.raw(person), channelId: this.dmOf(person) }) : button(b.customId, { user: this.raw(person), ephemeral: b.ephemeral });
    return this.screen(person, await this.h.send(payload), true);
  }

  /** `person` presses the button labelled `label` on what `owner` was shown (someone else's card). */
  async pressOn(person: string, owner: string, label: string): Promise<Screen> {
    const b = this.buttons.get(owner)?.get(label);
    if (!b) throw new Error(`discord: no button "${label}" shown to ${owner}`);
    const payload = b.dm ? dmButton(b.customId, { user: this.raw(person) }) : button(b.customId, { user: this.raw(person), ephemeral: b.ephemeral });
    return this.screen(person, await this.h.send(payload), true);
  }

  async fill(person: string, values: Record<string, string>): Promise<Screen> {
    let shown: Screen | undefined;
    for (let page = 0; page < 10; page++) {
      const modal = this.modals.get(person);
      if (!modal) throw new Error(`discord: no modal open for ${person}`);
      const typed = Object.fromEntries(modal.components.map((r) => r.components[0]!).map((c) => [c.custom_id, values[c.custom_id] ?? c.value ?? '']));
      this.modals.delete(person);
      shown = await this.screen(person, await this.h.send(modalSubmit(modal.custom_id, typed, { user: this.raw(person), fromMessage: modal.fromMessage })), false);
      // A paged form: 下一步 opens the next page.
      if (!(shown.buttons.includes('下一步') && /已保存第|saved/.test(shown.text))) break;
      await this.press(person, '下一步');
    }
    return shown!;
  }

  private dmButtons(person: string): Map<string, Button> {
    const out = new Map<string, Button>();
    const channel = this.h.api.dmChannelOf(this.raw(person));
    for (const c of this.h.api.calls) {
      if (c.method !== 'POST' || c.path !== `/channels/${channel}/messages`) continue;
      for (const [label, customId] of buttonsOf(c.body)) out.set(label, { customId, ephemeral: false, dm: true });
    }
    return out;
  }

  private screen(person: string, calls: RecordedCall[], fromMessage: boolean): Screen {
    const shown: unknown[] = [];
    const found = new Map<string, Button>();
    let deferredEphemeral = true;
    let formOpen = false;
    for (const c of calls) {
      const isCallback = c.path.endsWith('/callback');
      if (isCallback && c.body.type === 9) {
        this.modals.set(person, { ...c.body.data, fromMessage });
        formOpen = true;
        continue;
      }
      if (isCallback && c.body.type === 5) deferredEphemeral = (c.body.data?.flags ?? 0) === 64;
      // A message the bot posted in the DM (an answer to typed text there) is what the person reads too.
      const inDm = c.method === 'POST' && c.path === `/channels/${this.dmOf(person)}/messages`;
      const body = isCallback ? c.body.data : c.path.startsWith('/webhooks/') || inDm ? c.body : undefined;
      if (!body) continue;
      if (inDm) {
        shown.push(body);
        for (const [label, customId] of buttonsOf(body)) found.set(label, { customId, ephemeral: false, dm: true });
        continue;
      }
      shown.push(body);
      const ephemeral = isCallback ? (body.flags ?? 0) === 64 || c.body.type === 7 : c.method === 'PATCH' ? deferredEphemeral : (body.flags ?? 0) === 64;
      for (const [label, customId] of buttonsOf(body)) found.set(label, { customId, ephemeral, dm: false });
    }
    this.buttons.set(person, found);
    return { text: visibleText(shown), buttons: [...found.keys()], formOpen };
  }

  async stop(): Promise<void> {
    await this.h.stop();
  }
}

function buttonsOf(body: { components?: Array<{ components?: Array<{ label?: string; custom_id?: string }> }> }): Array<[string, string]> {
  return (body.components ?? []).flatMap((r) => r.components ?? []).filter((b) => b.label && b.custom_id).map((b) => [b.label!, b.custom_id!]);
}
