/**
 * Graceful shutdown, in order: hooks registered with `onShutdown` run newest first (the last
 * thing started stops first), each with a time limit so one stuck hook cannot hold the process
 * forever. `npm start` registers the adapters, the scheduler, the daily backup, the health
 * endpoint and finally the database; the conversation pipeline registers its own "finish
 * in-flight interactions" hook here.
 *
 * ```ts
 * onShutdown('database', () => store.close());
 * process.once('SIGTERM', () => shutdown('SIGTERM').then(() => process.exit(0)));
 * ```
 */
import { flushLogs, logger } from '../log.ts';

type Hook = { name: string; run: () => Promise<void> | void };
const hooks: Hook[] = [];
let shuttingDown: Promise<void> | undefined;

/** Registers something to stop at shutdown; returns a function that unregisters it. */
export function onShutdown(name: string, run: () => Promise<void> | void): () => void {
  const hook = { name, run };
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/** Whether shutdown has begun (new work should be refused). */
export function isShuttingDown(): boolean {
  return shuttingDown !== undefined;
}

/** Runs every hook once, newest first, each limited to `timeoutMs`; safe to call twice. */
export function shutdown(reason: string, timeoutMs = 10_000): Promise<void> {
  shuttingDown ??= (async () => {
    logger.info({ event: 'shutdown', reason }, 'stopping');
    for (const hook of [...hooks].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(hook.run),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
            timer.unref();
          }),
        ]);
      } catch (err) {
        logger.error({ event: 'shutdown', step: hook.name, err: (err as Error).message, outcome: 'error' });
      } finally {
        clearTimeout(timer);
      }
    }
    hooks.length = 0;
    logger.info({ event: 'shutdown', reason, outcome: 'ok' }, 'stopped');
    flushLogs();
  })();
  return shuttingDown;
}
