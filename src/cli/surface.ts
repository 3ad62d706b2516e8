/**
 * The command line as a surface: how its replies name commands and what becomes of buttons.
 *
 * A reply that names a command (`/remind send`, 「/admin reopen」, `/admin bind`) reads on the
 * command line as what to type there: `npx policy-desk remind send`. Handlers spell commands
 * through `commandRef` with the context's style (CLI_STYLE), and `spellCommands` catches the
 * wording written where the surface is unknown (refusals from the reports layer) — the same
 * mechanism Slack's `/pd-` prefix goes through. A button cannot be pressed here: a handler that
 * knows the command a button stands for prints that on the command line (ctx.surface 'cli'); any
 * button left is left out.
 *
 * ```ts
 * forCli(reply.text('只有协调员可以重新开放（/admin reopen）'), names) // → '…（npx policy-desk admin reopen）'
 * ```
 */
import { spellCommands, type SurfaceStyle } from '../bot/core/commandRef.ts';
import type { Reply } from '../bot/core/reply.ts';
import type { Localized } from '../text/locale.ts';

/** What goes before a command's name on the command line. */
export const CLI_PREFIX = 'npx policy-desk ';

/** The CLI's style: commands spelled `npx policy-desk x y`; typing a reply reaches nobody (the process has ended). */
export const CLI_STYLE: SurfaceStyle = { commandPrefix: CLI_PREFIX, hearsReplies: false };

/** A `/x y` inside a message spelled for the command line. */
function spellText(text: string, names: readonly string[]): string {
  const r = spellCommands({ blocks: [{ type: 'text', text }], ephemeral: true }, CLI_PREFIX, names);
  return (r.blocks[0] as { text: string }).text;
}

/**
 * A reply as the command line shows it: commands spelled for it (in the text and in the
 * `problem` a failure carries for --json), and no buttons (there is nothing to press).
 */
export function forCli<R extends Reply>(r: R, names: readonly string[]): R {
  const spelled = spellCommands(r, CLI_PREFIX, names);
  const problem: Localized | undefined = r.problem ? { zh: spellText(r.problem.zh, names), en: spellText(r.problem.en, names) } : undefined;
  return { ...spelled, ...(problem ? { problem } : {}), actions: undefined };
}
