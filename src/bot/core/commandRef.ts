/**
 * How a person types a command on the surface they are on. Every reply that names a command
 * (`/report none`, `/help`, `/remind send`) renders it here, so Slack's registry prefix (`/pd-`)
 * and any other surface's spelling are right in every message, not just in /help.
 *
 * ```ts
 * commandRef(ctx, 'report', 'none') // '/report none' on the console, '/pd-report none' on Slack
 * ```
 */
import type { BotContext } from './context.ts';
import type { Block, Reply } from './reply.ts';

/** What a surface does with commands and replies, as the Pipeline learned it from the platform's capabilities. */
export interface SurfaceStyle {
  /** What goes before a command name: `/` on most surfaces, `/pd-` on Slack. */
  commandPrefix: string;
  /** True when the person can simply type a reply in the same place and the bot reads it. */
  hearsReplies: boolean;
}

export const DEFAULT_STYLE: SurfaceStyle = { commandPrefix: '/', hearsReplies: true };

/** The command as typed on this person's surface: prefix + name (+ the rest of the line). */
export function commandRef(ctx: Pick<BotContext, 'style'> | undefined, name: string, rest = ''): string {
  const prefix = ctx?.style?.commandPrefix ?? DEFAULT_STYLE.commandPrefix;
  return `${prefix}${name}${rest ? ` ${rest}` : ''}`;
}

/** True when typed text in the same conversation reaches the bot (so "just reply" is a promise it can keep). */
export function hearsReplies(ctx: Pick<BotContext, 'style'> | undefined): boolean {
  return ctx?.style?.hearsReplies ?? DEFAULT_STYLE.hearsReplies;
}

/**
 * Spells every command named in a Reply's text the way this surface types it: `/report amend`
 * becomes `/pd-report amend` on Slack. The safety net behind `commandRef` for wording that is
 * written where the surface is unknown — refusals from the reports layer (「/admin reopen」), a
 * DM composed for a recipient on another platform. Only the names in `names` are touched, only
 * where they stand as a command (not inside a path or URL such as `data/report.xlsx`), and never
 * inside a citation (verbatim clause text) or the messages for other people (`directMessages`,
 * which are spelled for their recipient's surface when delivered).
 *
 * ```ts
 * spellCommands(reply.text('请用 /report amend 更正。'), '/pd-', ['report']) // → '请用 /pd-report amend 更正。'
 * ```
 */
export function spellCommands<R extends Reply>(r: R, prefix: string, names: readonly string[]): R {
  if (prefix === '/' || names.length === 0) return r;
  const bare = new RegExp(`(?<![\\w/.:\\-])/(${names.map(escapeRegExp).join('|')})(?![\\w/\\-])`, 'g');
  const spell = (s: string): string => s.replace(bare, (_m, name: string) => `${prefix}${name}`);
  const blocks: Block[] = r.blocks.map((b) => {
    switch (b.type) {
      case 'text':
        return { ...b, text: spell(b.text) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ label: spell(f.label), value: spell(f.value) })) };
      case 'table':
        return { ...b, ...(b.title ? { title: spell(b.title) } : {}), rows: b.rows.map((row) => row.map(spell)) };
      default:
        return b;
    }
  });
  return {
    ...r,
    blocks,
    ...(r.fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(r.fieldErrors).map(([k, v]) => [k, spell(v)])) } : {}),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
