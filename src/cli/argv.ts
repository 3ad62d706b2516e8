/**
 * Turns `npx policy-desk …` arguments into an Invocation plus CLI settings.
 *
 * The CLI mirrors the chat commands (commands/commands.json). Reports commands are grouped
 * under `report` as in design.md (`report missing` runs the `missing` command), and report
 * values come as repeated `--set key=value`.
 */
import { findCommandSpec, optionsOf } from '../bot/core/commandSpec.ts';
import { assignPositional } from '../bot/core/commandText.ts';
import { closestCommand } from '../bot/core/commandHelp.ts';
import type { Invocation } from '../bot/core/context.ts';
import type { Localized } from '../text/locale.ts';
import { foldFullWidth } from '../text/normalize.ts';

export interface CliRequest {
  invocation: Invocation;
  json: boolean;
  as?: string;
  /** `--allow-platform-identity`: the operator knowingly acts as a Discord/Slack/DingTalk user. */
  allowPlatformIdentity: boolean;
  db?: string;
  /** Free-text commands (search, ask) with no text read queries from stdin, one per line. */
  batch: boolean;
}

/** `error` is the one line for stderr; `problem` the same in each language, for `--json`. */
export type ParsedArgv = { ok: true; request: CliRequest } | { ok: false; error: string; problem: Localized } | { ok: true; help: true; json: boolean; about?: string[] };

function fail(zh: string, en: string): { ok: false; error: string; problem: Localized } {
  return { ok: false, error: bi(zh, en), problem: { zh, en } };
}

/**
 * The reason a search or ask has no text, worded as the bot words a missing option (bot.ts), in
 * both languages: the CLI says it before the bot runs so that `--json` can carry both.
 */
export function missingFreeText(command: string): Localized {
  const spec = findCommandSpec(command);
  const option = spec && optionsOf(spec).find((o) => o.name === FREE_TEXT[command]);
  if (!option) return { zh: '缺少要查询的内容', en: 'Nothing to look up was given' };
  return { zh: `缺少「${option.nameZh}」（${option.name}）：${option.description['zh-CN']}`, en: `Missing "${option.name}": ${option.description.en}` };
}

/** Commands of the command line only (not chat commands in commands/). */
const CLI_ONLY_COMMANDS = new Set(['doctor']);
/** Flags that take no value. */
const BOOLEAN_FLAGS = new Set(['json', 'confirm', 'help', 'allow-platform-identity']);
/** `report <sub>` subcommands that are top-level chat commands. */
export const REPORT_ALIASES: ReadonlySet<string> = new Set(['missing', 'summary', 'compliance', 'export']);
/** Commands whose single free-text argument is the rest of the positional words. */
export const FREE_TEXT: Record<string, string> = { search: 'query', ask: 'question' };
/** Flags whose value is a sentence: the words after it, up to the next --flag. */
const SENTENCE_FLAGS = new Set(['reason', 'comment', 'title']);
/** Commands with subcommands on the CLI. */
const WITH_SUB = new Set(['report', 'admin', 'remind']);
/**
 * Options the CLI takes beyond a command's definition: `--limit` for search and ask, the reason of a report's
 * change (`--reason`, why it is confirmed or amended), and the period of an export as `--month`, `--quarter` or `--year`.
 */
const CLI_OPTIONS: Record<string, string[]> = { search: ['limit'], ask: ['limit'], 'report.submit': ['reason'], 'report.amend': ['reason'], 'report.none': ['reason'], export: ['month', 'quarter', 'year'] };

/** Positional argument names for subcommands that take one (`report backup <file>`). */
export const POSITIONAL: Record<string, string[]> = { 'report.backup': ['file'], 'report.restore': ['file'] };

export function parseArgv(argv: string[]): ParsedArgv {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  const set: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const name = m[1]!;
    if (BOOLEAN_FLAGS.has(name)) {
      flags[name] = true;
      continue;
    }
    // `--month --json`: the next flag is not the value (it would swallow --json and print text).
    if (m[2] === undefined && /^--[a-z]/.test(argv[i + 1] ?? '')) return fail(`--${name} 后面缺少值`, `--${name} needs a value`);
    let value = m[2] ?? argv[++i];
    if (value === undefined) return fail(`--${name} 后面缺少值`, `--${name} needs a value`);
    // A sentence (a reason) needs no quotes: it runs to the next --flag.
    if (SENTENCE_FLAGS.has(name)) while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value += ` ${argv[++i]}`;
    if (name === 'set') {
      const kv = /^([^=]+)=(.*)$/s.exec(value);
      if (!kv) return fail(`--set 应写成 字段=值，收到「${value}」`, `--set expects key=value, got "${value}"`);
      const key = kv[1]!.trim();
      if (key in set) return fail(`--set ${key} 给了两次（「${set[key]}」和「${kv[2]}」），每个字段只给一次`, `--set ${key} is given twice ("${set[key]}" and "${kv[2]}"); give each field once`);
      set[key] = kv[2]!;
      continue;
    }
    flags[name] = value;
  }
  // `help report submit` and `report submit --help` ask about one command.
  const about = positional[0] === 'help' ? positional.slice(1) : flags.help ? positional : [];
  if (flags.help || positional.length === 0 || positional[0] === 'help') return { ok: true, help: true, json: Boolean(flags.json), ...(about.length > 0 ? { about } : {}) };

  let command = positional.shift()!;
  // An unknown command is refused here, in both languages, before anything is loaded (the bot
  // would word it in one language only, and --json promises both).
  if (!findCommandSpec(command) && !CLI_ONLY_COMMANDS.has(command)) {
    const near = closestCommand(command);
    const help = 'npx policy-desk help';
    return near
      ? fail(`没有「${command}」这个命令，是不是要用 ${near.name}（${near.nameZh}）？运行 ${help} 查看全部命令。`, `There is no command "${command}". Did you mean ${near.name}? Run ${help} for the list.`)
      : fail(`没有「${command}」这个命令，运行 ${help} 查看全部命令。`, `There is no command "${command}". Run ${help} for the list.`);
  }
  let subcommand: string | undefined;
  if (WITH_SUB.has(command)) {
    const sub = positional.shift();
    if (!sub) return fail(`「${command}」需要子命令`, `"${command}" needs a subcommand`);
    if (command === 'report' && REPORT_ALIASES.has(sub)) command = sub;
    else subcommand = sub;
  }
  // A write with nothing to write, or values that would be silently dropped, is a mistake.
  const hasSet = Object.keys(set).length > 0;
  if (command === 'report' && (subcommand === 'submit' || subcommand === 'amend') && !hasSet) {
    return fail(`report ${subcommand} 需要填报的值：--set <字段>=<值>（每个字段一次；字段见 config/report-definition.json）`, `report ${subcommand} needs the values: --set <key>=<value> (repeat for each field; see config/report-definition.json)`);
  }
  if (command === 'report' && subcommand === 'none' && hasSet) {
    return fail('report none 记为零报告，不带 --set；要填数字请用 report submit', 'report none stores zeros and takes no --set; use report submit to give figures');
  }
  if (hasSet && !(command === 'report' && (subcommand === 'submit' || subcommand === 'amend'))) {
    return fail(`--set 只用于 report submit 和 report amend，不用于「${[command, subcommand].filter(Boolean).join(' ')}」`, `--set is only for report submit and report amend, not "${[command, subcommand].filter(Boolean).join(' ')}"`);
  }
  const options: Record<string, string | number | undefined> = {};
  const key = subcommand ? `${command}.${subcommand}` : command;
  let batch = false;
  if (FREE_TEXT[command]) {
    if (positional.length > 0) {
      const text = positional.join(' ');
      // `search ""`: an empty text given on purpose is an error, not a request to read stdin.
      if (text.trim() === '') {
        const m = missingFreeText(command);
        return fail(m.zh, m.en);
      }
      options[FREE_TEXT[command]!] = text;
    } else batch = true;
  } else {
    const names = POSITIONAL[key];
    if (names) {
      for (const [i, v] of positional.entries()) {
        const name = names[i];
        if (!name) return fail(`多余的参数「${v}」`, `unexpected argument "${v}"`);
        options[name] = v;
      }
    } else {
      // `report submit 2025-03`, `report show 城区 2025-03`: by the command definitions, a month by its shape.
      const spec = findCommandSpec(command);
      const specs = spec ? optionsOf(spec, subcommand).filter((o) => o.type === 'string' && flags[o.name] === undefined) : [];
      const extra = assignPositional(specs, positional, options);
      if (extra !== undefined) return fail(`多余的参数「${extra}」`, `unexpected argument "${extra}"`);
    }
  }
  for (const [k, v] of Object.entries(flags)) {
    if (['json', 'as', 'db', 'confirm', 'out', 'allow-platform-identity'].includes(k)) continue;
    // A count in plain digits (full-width ones too, as --set takes them): not 0x10 or 1e1.
    options[k] = k === 'limit' ? (/^\d+$/.test(foldFullWidth(String(v)).trim()) ? Number(foldFullWidth(String(v)).trim()) : Number.NaN) : String(v);
  }
  // An option the command does not take is refused, not ignored: `report summary --quarter 2026-Q3`
  // would otherwise print last month's table as if it were the quarter asked for.
  const spec = findCommandSpec(command);
  if (spec) {
    const accepted = [...optionsOf(spec, subcommand).filter((o) => o.type !== 'attachment').map((o) => o.name), ...(CLI_OPTIONS[key] ?? [])];
    const stray = Object.keys(flags).find((k) => options[k] !== undefined && !accepted.includes(k));
    if (stray) {
      const shown = REPORT_ALIASES.has(command) ? `report ${command}` : [command, subcommand].filter(Boolean).join(' ');
      const month = stray === 'month' && accepted.includes('quarter') ? /^(\d{4})-(\d{2})$/.exec(String(flags.month)) : null;
      const quarter = month ? `${month[1]}-Q${Math.ceil(Number(month[2]) / 3)}` : '';
      const hint = month ? { zh: `（${flags.month} 属于 ${quarter}，可用 --quarter ${quarter}）`, en: ` (${flags.month} is in ${quarter}: --quarter ${quarter})` } : { zh: '', en: '' };
      const list = accepted.filter((n) => n !== FREE_TEXT[command]).map((n) => `--${n}`).join(' ');
      return fail(
        `「${shown}」不接受 --${stray}${list ? `；可用的选项：${list}` : '（这个命令没有选项）'}${hint.zh}`,
        `"${shown}" does not take --${stray}${list ? `; its options: ${list}` : ' (it takes no options)'}${hint.en}`,
      );
    }
  }
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || (options.limit as number) < 1 || (options.limit as number) > 100)) {
    return fail(`--limit 应为 1 到 100 的整数，收到「${flags.limit}」`, `--limit must be a whole number from 1 to 100, got "${flags.limit}"`);
  }
  const invocation: Invocation = {
    command,
    subcommand,
    options,
    extra: {
      ...(Object.keys(set).length > 0 ? { set } : {}),
      ...(flags.confirm ? { confirm: true } : {}),
      ...(typeof flags.out === 'string' ? { out: flags.out } : {}),
      json: Boolean(flags.json),
    },
  };
  return {
    ok: true,
    request: {
      invocation,
      json: Boolean(flags.json),
      as: typeof flags.as === 'string' ? flags.as : undefined,
      allowPlatformIdentity: Boolean(flags['allow-platform-identity']),
      db: typeof flags.db === 'string' ? flags.db : undefined,
      batch,
    },
  };
}

/** An argument error in both languages, Chinese first (the CLI runs before any locale is chosen). */
export function bi(zh: string, en: string): string {
  return `${zh} / ${en}`;
}
