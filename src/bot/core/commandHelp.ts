/**
 * What a person needs to type a command right: its usage line, its options with what they mean,
 * and an example — all from commands/commands.json, spelled the way the person's surface types
 * commands (commandRef). Also the closest command to a mistyped one (`/reprot` → `/report`).
 *
 * ```ts
 * usageLines(findCommandSpec('admin')!, 'bind', ctx) // ['/admin bind user=<用户> unit=<单位>', …]
 * closestCommand('reprot')                           // the `report` spec
 * ```
 */
import type { BotContext } from './context.ts';
import { commandRef } from './commandRef.ts';
import { commandSpecs, optionsOf, type CommandSpec, type OptionSpec } from './commandSpec.ts';
import { tr } from './i18n.ts';
import type { Block } from './reply.ts';

type Ctx = Pick<BotContext, 'style' | 'locale'>;

/** `/admin bind user=<用户> unit=<单位>`: required options bare, optional ones in [brackets]. */
export function usageLine(spec: CommandSpec, sub: string | undefined, ctx: Ctx): string {
  const opts = optionsOf(spec, sub).map((o) => {
    const shown = `${o.name}=<${ctx.locale === 'en' ? o.name : o.nameZh}>`;
    return o.required ? shown : `[${shown}]`;
  });
  return commandRef(ctx, spec.name, [sub, ...opts].filter(Boolean).join(' '));
}

/**
 * An example invocation: the spec's own `example` when commands.json gives one, else the usage
 * with each option filled from its choices or the "如 …" / "e.g. …" in its description.
 */
export function exampleLine(spec: CommandSpec, sub: string | undefined, ctx: Ctx): string {
  const own = sub ? spec.subcommands?.find((s) => s.name === sub)?.example : spec.example;
  if (own) return commandRef(ctx, spec.name, [sub, own].filter(Boolean).join(' '));
  // Required options always; optional ones when their description gives a value to show.
  const filled = optionsOf(spec, sub)
    .filter((o) => o.required || !sampleValue(o).startsWith('<'))
    .map((o) => `${o.name}=${sampleValue(o)}`);
  return commandRef(ctx, spec.name, [sub, ...filled].filter(Boolean).join(' '));
}

/** A value to show for option `o` in an example: its first choice, the value its description gives (如 2025-03), or its name. */
export function sampleValue(o: OptionSpec): string {
  if (Array.isArray(o.choices) && o.choices.length > 0) return o.choices[0]!;
  if (o.choices === 'units') return '城区';
  const given = /(?:如|例如|e\.g\.)[：:]?\s*([^\s，,。；;（(）)]+)/.exec(`${o.description['zh-CN']} ${o.description.en}`);
  if (given) return given[1]!;
  return `<${o.nameZh}>`;
}

/** Usage, options and example of one command (every subcommand), as blocks for /help <command>. */
export function commandHelpBlocks(spec: CommandSpec, ctx: Ctx): Block[] {
  const L = ctx.locale;
  const blocks: Block[] = [
    { type: 'text', text: `${commandRef(ctx, spec.name)}（${spec.nameZh}）— ${tr(L, spec.description['zh-CN'], spec.description.en)}`, style: 'title' },
  ];
  const subs: Array<string | undefined> = spec.subcommands ? spec.subcommands.map((s) => s.name) : [undefined];
  for (const sub of subs) blocks.push(...usageBlocks(spec, sub, ctx));
  return blocks;
}

/** The usage line, each option's meaning and an example for one command or subcommand. */
export function usageBlocks(spec: CommandSpec, sub: string | undefined, ctx: Ctx): Block[] {
  const L = ctx.locale;
  const s = sub ? spec.subcommands?.find((x) => x.name === sub) : undefined;
  const fields = optionsOf(spec, sub).map((o) => ({
    label: `${o.name}（${o.nameZh}）${o.required ? tr(L, ' 必填', ' required') : tr(L, ' 可选', ' optional')}`,
    value: tr(L, o.description['zh-CN'], o.description.en),
  }));
  const blocks: Block[] = [
    {
      type: 'text',
      text: `${tr(L, '用法：', 'Usage: ')}${usageLine(spec, sub, ctx)}${s ? ` — ${tr(L, s.description['zh-CN'], s.description.en)}` : ''}\n${tr(L, '例如：', 'Example: ')}${exampleLine(spec, sub, ctx)}`,
    },
  ];
  if (fields.length > 0) blocks.push({ type: 'fields', fields });
  return blocks;
}

/**
 * The command a mistyped name most likely meant: within two edits (a swap of neighbours counts as
 * one, so `reprot` → `report`), or one edit for names of up to four letters. Hand-written because
 * it is a dozen lines over a dozen names, and the common libraries count a swap as two edits.
 */
export function closestCommand(word: string, specs: readonly CommandSpec[] = commandSpecs): CommandSpec | undefined {
  const w = word.toLowerCase();
  let best: { spec: CommandSpec; d: number } | undefined;
  for (const spec of specs) {
    const d = Math.min(editDistance(w, spec.name), editDistance(w, spec.nameZh));
    const allowed = w.length <= 4 ? 1 : 2;
    if (d <= allowed && (!best || d < best.d)) best = { spec, d };
  }
  return best?.spec;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}
