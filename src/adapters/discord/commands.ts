/**
 * Discord slash commands, generated from `commands/commands.json` — never written by hand, so
 * Discord, Slack and the console offer the same commands with the same options.
 *
 * English names are the canonical ones; `nameZh` and the zh-CN description become
 * `name_localizations` / `description_localizations`, so a Chinese Discord client shows
 * `/条文检索` while an English one shows `/search`, and both arrive here as `search`.
 *
 * Registration (`npm run discord:register`) PUTs the whole list, guild-scoped when a guild id is
 * configured (instant, for development) or global. A hash of what was last sent is kept in
 * `data/discord-commands.hash`, so an unchanged list is not sent again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  ChatInputCommandInteraction,
  CommandInteractionOption,
  APIApplicationCommandBasicOption,
  APIApplicationCommandOption,
  RESTPutAPIApplicationCommandsJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, PermissionFlagsBits, REST, Routes } from 'discord.js';

import type { CommandSpec, OptionSpec } from '../../bot/core/commandSpec.ts';
import type { Invocation } from '../../bot/core/context.ts';

/** Discord accepts at most 25 fixed choices; longer lists become free text. */
const MAX_CHOICES = 25;

function basicOption(o: OptionSpec, unitNames: readonly string[]): APIApplicationCommandBasicOption {
  const common = {
    name: o.name,
    name_localizations: { 'zh-CN': o.nameZh },
    description: o.description.en,
    description_localizations: { 'zh-CN': o.description['zh-CN'] },
    required: o.required,
  };
  if (o.type === 'user') return { ...common, type: ApplicationCommandOptionType.User };
  if (o.type === 'integer') return { ...common, type: ApplicationCommandOptionType.Integer };
  // An uploaded file (`/corpus add file:`): Discord shows a file picker.
  if (o.type === 'attachment') return { ...common, type: ApplicationCommandOptionType.Attachment };
  const choices = o.choices === 'units' ? unitNames : o.choices;
  return {
    ...common,
    type: ApplicationCommandOptionType.String,
    ...(o.maxLength ? { max_length: o.maxLength } : {}),
    ...(choices && choices.length > 0 && choices.length <= MAX_CHOICES ? { choices: choices.map((c) => ({ name: c, value: c })) } : {}),
  };
}

/** Discord requires required options before optional ones; the order is otherwise kept. */
function ordered(options: readonly OptionSpec[]): OptionSpec[] {
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

/**
 * The registration payload for every command.
 *
 * ```ts
 * buildCommands(commandSpecs, ['城区', '泽州县'])
 * // → [{ name: 'search', name_localizations: { 'zh-CN': '条文检索' }, description: 'Find policy clauses…', … }, …]
 * ```
 *
 * @param unitNames fills options whose choices are `"units"` (the roster's unit names).
 */
export function buildCommands(specs: readonly CommandSpec[], unitNames: readonly string[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return specs.map((c) => {
    const options: APIApplicationCommandOption[] = c.subcommands
      ? c.subcommands.map((s) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: s.name,
          name_localizations: { 'zh-CN': s.nameZh },
          description: s.description.en,
          description_localizations: { 'zh-CN': s.description['zh-CN'] },
          options: ordered(s.options).map((o) => basicOption(o, unitNames)),
        }))
      : ordered(c.options ?? []).map((o) => basicOption(o, unitNames));
    return {
      type: ApplicationCommandType.ChatInput,
      name: c.name,
      name_localizations: { 'zh-CN': c.nameZh },
      description: c.description.en,
      description_localizations: { 'zh-CN': c.description['zh-CN'] },
      options,
      // Members do not see coordinator commands (server admins can widen this in Integrations);
      // the Bot still checks the coordinator list on every use.
      ...(c.audience === 'coordinator' ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
    };
  });
}

export interface RegisterOptions {
  applicationId?: string;
  token?: string;
  /** Register in this guild only (instant); global when absent. */
  guildId?: string;
  /** Base URL of the API, e.g. a local fake in tests (default https://discord.com/api). */
  apiUrl?: string;
  commands: RESTPutAPIApplicationCommandsJSONBody;
  /** Where the hash of the last registered payload is kept. */
  hashFile: string;
  dryRun?: boolean;
  /** Send even when the hash says nothing changed. */
  force?: boolean;
}

export type RegisterResult =
  | { status: 'dry-run'; json: string; route: string }
  | { status: 'unchanged'; route: string; count: number }
  | { status: 'registered'; route: string; count: number };

/**
 * Registers the commands with one bulk-overwrite PUT, unless the same payload was already sent
 * to the same place (application + guild). A dry run needs no token and sends nothing.
 */
export async function registerCommands(o: RegisterOptions): Promise<RegisterResult> {
  const appId = o.applicationId ?? '<DISCORD_APPLICATION_ID>';
  const route = o.guildId ? Routes.applicationGuildCommands(appId, o.guildId) : Routes.applicationCommands(appId);
  const json = JSON.stringify(o.commands, null, 2);
  if (o.dryRun) return { status: 'dry-run', json, route };
  if (!o.token || !o.applicationId) {
    throw new Error('DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands (use --dry-run to only print them)');
  }
  const hash = createHash('sha256').update(route).update('\n').update(json).digest('hex');
  const previous = existsSync(o.hashFile) ? readFileSync(o.hashFile, 'utf8').trim() : '';
  if (!o.force && previous === hash) return { status: 'unchanged', route, count: o.commands.length };
  const rest = new REST(o.apiUrl ? { api: o.apiUrl } : {}).setToken(o.token);
  await rest.put(route as `/${string}`, { body: o.commands });
  mkdirSync(dirname(o.hashFile), { recursive: true });
  writeFileSync(o.hashFile, hash + '\n');
  return { status: 'registered', route, count: o.commands.length };
}

/** Slash-command options → Invocation; a user option becomes `discord:<id>`. */
export function toInvocation(i: ChatInputCommandInteraction): Invocation {
  let data: readonly CommandInteractionOption[] = i.options.data;
  let subcommand: string | undefined;
  const sub = data[0];
  if (sub && sub.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = sub.name;
    data = sub.options ?? [];
  }
  const options: Invocation['options'] = {};
  for (const o of data) {
    if (o.value === undefined) continue;
    options[o.name] = o.type === ApplicationCommandOptionType.User ? `discord:${String(o.value)}` : typeof o.value === 'boolean' ? String(o.value) : o.value;
  }
  return { command: i.commandName, subcommand, options };
}
