/**
 * Parses the text people type after a command — in the console (`/report submit 城区 2025-03`)
 * and in Slack, where a slash command arrives as one string — into an Invocation, using the
 * command definitions so every surface accepts the same words.
 *
 * Accepted forms, in any mix: positional values in the order the options are declared,
 * `key=value`, `--key value`, and Chinese option or subcommand names (`单位=城区`, `填报`).
 * A command whose only option is a free string (search, ask) takes the whole rest of the line.
 */
import type { CommandSpec } from './commandSpec.ts';
import { OPTION_FORMATS, optionsOf, type OptionSpec } from './commandSpec.ts';
import type { Invocation } from './context.ts';
import type { Localized } from '../../text/locale.ts';

export type ParsedText = { ok: true; invocation: Invocation } | { ok: false; problem: Localized };

/** Splits on whitespace, keeping "quoted phrases" and 「引号」 together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/g;
  for (const m of text.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return words;
}

export function parseCommandText(spec: CommandSpec, text: string): ParsedText {
  let rest = text.trim();
  let subcommand: string | undefined;
  if (spec.subcommands) {
    const first = splitWords(rest)[0] ?? '';
    const sub = spec.subcommands.find((s) => s.name === first.toLowerCase() || s.nameZh === first);
    if (!sub) {
      const list = spec.subcommands.map((s) => `${s.name}（${s.nameZh}）`).join('、');
      return {
        ok: false,
        problem: {
          zh: first ? `不认识子命令「${first}」。可用：${list}` : `请指定子命令：${list}`,
          en: first ? `Unknown subcommand "${first}". Use one of: ${spec.subcommands.map((s) => s.name).join(', ')}` : `Choose a subcommand: ${spec.subcommands.map((s) => s.name).join(', ')}`,
        },
      };
    }
    subcommand = sub.name;
    rest = rest.slice(rest.indexOf(first) + first.length).trim();
  }
  const specs = optionsOf(spec, subcommand);
  const options: Record<string, string | number | undefined> = {};
  // A single free-text option swallows the whole line: people type questions with spaces.
  if (specs.length === 1 && specs[0]!.type === 'string' && !specs[0]!.choices) {
    // …after its name, when typed (`file=a.db`, `--file a.db`, `文件=a.db`).
    const only = specs[0]!;
    const named = new RegExp(`^(?:--)?(?:${escapeRe(only.name)}|${escapeRe(only.nameZh)})(?:=|\\s+(?=\\S))`, 'i').exec(rest);
    if (named && (named[0].includes('=') || named[0].startsWith('--'))) rest = rest.slice(named[0].length).trim();
    if (rest) options[only.name] = rest;
    return { ok: true, invocation: { command: spec.name, subcommand, options } };
  }
  const words = splitWords(rest);
  const positional: string[] = [];
  /** For a `sentence` option: the words after its value up to the next named option, spaces kept. */
  const sentenceRest = (name: string): string => {
    if (specs.find((o) => o.name === name)?.format !== 'sentence') return '';
    let rest = '';
    while (i + 1 < words.length && !/^(?:--[a-z]|[^=\s]+=)/.test(words[i + 1]!)) rest += ` ${words[++i]}`;
    return rest;
  };
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const kv = /^(?:--)?([^=\s]+)=(.*)$/.exec(w);
    const flag = /^--([a-z][a-z0-9_-]*)$/.exec(w);
    const keyOf = (k: string) => specs.find((o) => o.name === k.toLowerCase() || o.nameZh === k)?.name;
    // `unit:城区`, as Discord writes options, for an option of this command (console:liu stays a value).
    const colon = kv ? null : /^([^:：\s]+)[:：](.+)$/.exec(w);
    if (colon && keyOf(colon[1]!)) {
      options[keyOf(colon[1]!)!] = colon[2] + sentenceRest(keyOf(colon[1]!)!);
    } else if (kv && keyOf(kv[1]!)) {
      options[keyOf(kv[1]!)!] = kv[2] + sentenceRest(keyOf(kv[1]!)!);
    } else if (flag && keyOf(flag[1]!) && i + 1 < words.length) {
      options[keyOf(flag[1]!)!] = words[++i] + sentenceRest(keyOf(flag[1]!)!);
    } else if (kv || flag) {
      const name = (kv?.[1] ?? flag?.[1])!;
      return {
        ok: false,
        problem: {
          zh: `不认识选项「${name}」。可用：${specs.map((o) => `${o.name}（${o.nameZh}）`).join('、') || '无'}`,
          en: `Unknown option "${name}". Options: ${specs.map((o) => o.name).join(', ') || 'none'}`,
        },
      };
    } else {
      positional.push(w);
    }
  }
  const extra = assignPositional(specs, positional, options);
  if (extra !== undefined) return { ok: false, problem: { zh: `多余的内容：「${extra}」`, en: `Unexpected extra text: "${extra}"` } };
  return { ok: true, invocation: { command: spec.name, subcommand, options } };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Gives positional words to the options not named explicitly: a word of an option's own shape
 * (a month) goes to that option, the others fill the free options in declared order. Returns
 * the first word no option takes, if any.
 */
export function assignPositional(specs: readonly OptionSpec[], positional: readonly string[], options: Record<string, string | number | undefined>): string | undefined {
  const free = specs.filter((o) => options[o.name] === undefined);
  for (const value of positional) {
    const shaped = free.findIndex((o) => o.format && OPTION_FORMATS[o.format]?.test(value));
    const plain = free.findIndex((o) => !o.format || o.format === 'sentence');
    const at = shaped >= 0 ? shaped : plain >= 0 ? plain : 0;
    const target = free.splice(at, 1)[0];
    if (!target) return value;
    options[target.name] = value;
  }
  return undefined;
}
