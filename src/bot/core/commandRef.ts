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
