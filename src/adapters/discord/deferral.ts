/**
 * Discord's 3-second rule, as two small steps the adapter composes: answer in time, or
 * acknowledge first (`deferReply`, the "thinking…" message) and edit the answer in afterwards.
 */
import { TIMEOUT, within } from '../../bot/core/pipeline.ts';
import type { Reply } from '../../bot/core/reply.ts';

/** The Reply, and whether the interaction was deferred before it arrived (then it is edited in). */
export type Outcome = { reply: Reply; deferred: boolean };

/** Awaits the work, deferring first if it has not finished after `ms`. */
export async function withDeadline(work: Promise<Reply>, ms: number, defer: () => Promise<unknown>): Promise<Outcome> {
  const first = await within(work, ms);
  if (first !== TIMEOUT) return { reply: first, deferred: false };
  await defer();
  return { reply: await work, deferred: true };
}

/**
 * Defers, and only then starts the work: a handler's synchronous part (building the search
 * index on first use, say) would otherwise run before the deferral leaves.
 */
export async function deferNow(work: () => Promise<Reply>, defer: () => Promise<unknown>): Promise<Outcome> {
  await defer();
  return { reply: await work(), deferred: true };
}
