/**
 * The command line as a surface: how its replies name commands and what becomes of buttons.
 *
 * A reply that names a command (`/remind send`, 「/admin reopen」, `/admin bind`) reads on the
 * command line as what to type there: `npx policy-desk remind send`. Handlers spell commands
 * through `commandRef` with the context's style, and `spellCommands` catches the wording written
 * where the surface is unknown (refusals from the reports layer) — the same mechanism Slack's
 * `/pd-` prefix goes through. A button cannot be pressed here: one that stands for a command is
 * printed as that command line, any other is left out.
 *
 * ```ts
 * forCli(reply.text('只有协调员可以重新开放（/admin reopen）'), names) // → '…（npx policy-desk admin reopen）'
 * ```
 */
import { spellCommands, type SurfaceStyle } from '../bot/core/commandRef.ts';
import type { Reply } from '../bot/core/reply.ts';
import { reportIds } from '../bot/shared/reportIds.ts';
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
 * The command line a button stands for, when it stands for one: 填报 / 更正 of a unit's month,
 * 提醒未报单位. Values and reasons are for the person to fill in, so they are shown as placeholders.
 */
export function buttonAsCommand(id: string, zh: boolean): string | undefined {
  const pick = reportIds.parsePick(id);
  if (pick) {
    const where = `--unit ${pick.unit}${pick.month ? ` --month ${pick.month}` : ''}`;
    const set = zh ? '--set 字段=数值 …' : '--set key=value …';
    const reason = zh ? '--reason 原因' : '--reason <why>';
    const rest = pick.sub === 'submit' ? ` ${set}` : pick.sub === 'amend' ? ` ${set} ${reason}` : '';
    return `${CLI_PREFIX}report ${pick.sub} ${where}${rest}`;
  }
  if (id.startsWith('report:remind:')) return `${CLI_PREFIX}remind send`;
  return undefined;
}

/**
 * A reply as the command line shows it: commands spelled for it (in the text and in the
 * `problem` a failure carries for --json) and each button replaced by the command it stands for,
 * as a line of its own, or left out.
 */
export function forCli<R extends Reply>(r: R, names: readonly string[], zh: boolean): R {
  const spelled = spellCommands(r, CLI_PREFIX, names);
  const problem: Localized | undefined = r.problem ? { zh: spellText(r.problem.zh, names), en: spellText(r.problem.en, names) } : undefined;
  const lines = (r.actions ?? []).flatMap((a) => {
    const cmd = buttonAsCommand(a.id, zh);
    return cmd ? [`${a.label}${zh ? '：' : ': '}${cmd}`] : [];
  });
  return {
    ...spelled,
    ...(problem ? { problem } : {}),
    blocks: lines.length ? [...spelled.blocks, { type: 'text', text: lines.join('\n'), style: 'muted' }] : spelled.blocks,
    actions: undefined,
  };
}
