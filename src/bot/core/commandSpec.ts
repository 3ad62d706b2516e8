/**
 * Command definitions, read from `commands/commands.json` — the one place every surface learns
 * which commands exist, their options, who may use them and how they are described in Chinese
 * and English. Console help, CLI parsing, Discord registration and the Slack manifest all derive
 * from `commandSpecs`, so they cannot drift apart.
 */
import * as z from 'zod';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../settings.ts';

/**
 * The schemas of commands.json, built on first use: a compiled start reads the build's validated
 * copy of the file (below) and never needs them, and building them cost every CLI call ~30 zod
 * schema objects. The types are derived from them all the same.
 */
function buildSchemas() {
  const localized = z.object({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) });

  const optionSpec = z.object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
    nameZh: z.string().min(1).max(32),
    /** `attachment`: a file the person uploads (Discord attachment option, Slack file share); arrives in `Invocation.files`. */
    type: z.enum(['string', 'integer', 'user', 'attachment']),
    required: z.boolean(),
    maxLength: z.number().int().positive().optional(),
    /**
     * The shape of the value, when it has one: a positional word of that shape goes to this option
     * even when an earlier option is still free (`/report submit 2025-03` names the month, not a unit).
     * `sentence`: free text that runs over the words after it, up to the next named option
     * (`reason=系统 维护 month=2025-03`), so a reason with spaces needs no quotes.
     */
    format: z.enum(['month', 'sentence']).optional(),
    /** Fixed choices, or "units" for the roster's unit names (resolved at run time). */
    choices: z.union([z.array(z.string()), z.literal('units')]).optional(),
    description: localized,
  });

  const subcommandSpec = z.object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
    nameZh: z.string().min(1).max(32),
    description: localized,
    options: z.array(optionSpec),
    /** Work that may pass a platform's answer window (Discord's 3 s): surfaces acknowledge first. */
    slow: z.boolean().optional(),
    /** What a person types after the subcommand in a typical use, for /help <command> (e.g. `month=2025-03`). */
    example: z.string().max(100).optional(),
  });

  const audience = z.enum(['everyone', 'reporter', 'coordinator']);

  const commandSpec = z.object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
    nameZh: z.string().min(1).max(32),
    audience,
    description: localized,
    options: z.array(optionSpec).optional(),
    subcommands: z.array(subcommandSpec).optional(),
    /** Work that may pass a platform's answer window (index lookups, aggregates, exports): acknowledge first. */
    slow: z.boolean().optional(),
    /** What a person types after the command name in a typical use, for /help <command>. */
    example: z.string().max(100).optional(),
  });

  const file = z.object({ commands: z.array(commandSpec).min(1) });
  return { optionSpec, subcommandSpec, audience, commandSpec, file };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemasMemo: Schemas | undefined;
const schemas = (): Schemas => (schemasMemo ??= buildSchemas());

export type OptionSpec = z.infer<Schemas['optionSpec']>;
export type SubcommandSpec = z.infer<Schemas['subcommandSpec']>;
export type Audience = z.infer<Schemas['audience']>;
export type CommandSpec = z.infer<Schemas['commandSpec']>;

/** What a value of each `format` looks like as typed: `2025-03`, `2025年3月`, `3月`, `三月`, `上个月`, `本月`. */
export const OPTION_FORMATS: Partial<Record<NonNullable<OptionSpec['format']>, RegExp>> = {
  month: /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*月?(?:份)?|[0-9０-９一二三四五六七八九十]{1,3}\s*月(?:份)?|本月|这个月|上上?个?月|this month|last month)$/i,
};

export const COMMANDS_FILE = resolve(REPO_ROOT, 'commands', 'commands.json');

/**
 * The compiled build (scripts/build.mjs) validates commands.json once and carries the file's text
 * with the result, so a start whose file is still that text skips the schema (a few ms of every
 * CLI call). Undefined when running the sources (tsx).
 */
declare const __POLICY_DESK_COMMANDS__: string | undefined;

/** Parses a commands file; throws with the offending path when it does not match the schema. */
export function loadCommandSpecs(file = COMMANDS_FILE): CommandSpec[] {
  const text = readFileSync(file, 'utf8');
  if (typeof __POLICY_DESK_COMMANDS__ === 'string') {
    const built = JSON.parse(__POLICY_DESK_COMMANDS__) as { text: string; commands: CommandSpec[] };
    if (built.text === text) return built.commands;
  }
  const parsed = schemas().file.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.commands;
}

/** The command definitions in `commands/commands.json`. */
export const commandSpecs: readonly CommandSpec[] = loadCommandSpecs();

export function findCommandSpec(name: string): CommandSpec | undefined {
  return commandSpecs.find((c) => c.name === name);
}

/** A command by its English name (any case) or its Chinese name: `report`, `REPORT`, `月报`. */
export function findCommandSpecByAlias(word: string, specs: readonly CommandSpec[] = commandSpecs): CommandSpec | undefined {
  const w = word.trim();
  return specs.find((c) => c.name === w.toLowerCase() || c.nameZh === w);
}

/** Options of a command or of one of its subcommands. */
export function optionsOf(command: CommandSpec, subcommand?: string): OptionSpec[] {
  if (command.subcommands) {
    return command.subcommands.find((s) => s.name === subcommand)?.options ?? [];
  }
  return command.options ?? [];
}
