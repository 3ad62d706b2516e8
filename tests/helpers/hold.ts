/**
 * Holding the real app's answer back: the Bot's own method runs unchanged, only after the test
 * opens the gate. Lets an adapter test observe "acknowledged, not yet answered" (Discord's
 * deferral, Slack's loading modal) on the real app instead of on a stand-in feature.
 */
import type { Bot } from '../../src/bot/core/bot.ts';

type Entry = 'run' | 'runText' | 'act' | 'submitForm' | 'converse';

export class Gate {
  private open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  /** How many calls have reached the gate (the real method has not started for any of them yet). */
  waiting = 0;
  release(): void {
    this.open();
  }
}

/**
 * Makes every later call of `bot[entry]` wait for the returned gate before the real method
 * runs; `onCall` sees each call as it arrives (before the wait), to check what the adapter had
 * already sent by then.
 */
export function holdBot(bot: Bot, entry: Entry, onCall?: () => void): Gate {
  const gate = new Gate();
  const real = (bot[entry] as (...a: unknown[]) => Promise<unknown>).bind(bot);
  (bot as unknown as Record<Entry, (...a: unknown[]) => Promise<unknown>>)[entry] = async (...args: unknown[]) => {
    onCall?.();
    gate.waiting++;
    await gate.opened;
    return real(...args);
  };
  return gate;
}

/** Calls `onCall` each time `bot[entry]` is called, then runs the real method at once. */
export function watchBot(bot: Bot, entry: Entry, onCall: () => void): void {
  const real = (bot[entry] as (...a: unknown[]) => Promise<unknown>).bind(bot);
  (bot as unknown as Record<Entry, (...a: unknown[]) => Promise<unknown>>)[entry] = (...args: unknown[]) => {
    onCall();
    return real(...args);
  };
}
