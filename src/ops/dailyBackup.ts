/**
 * Runs the daily online backup (`runDailyBackup`) at POLICY_DESK_BACKUP_AT, China time, while
 * `npm start` runs, logging each result. Croner keeps the time zone right.
 */
import { Cron } from 'croner';
import { logger } from '../log.ts';
import { DEFAULT_RETENTION, runDailyBackup, type ReportStore, type Retention } from '../reports/index.ts';

export function scheduleDailyBackup(store: ReportStore, folder: string, at: string, retention: Retention = DEFAULT_RETENTION): { stop(): void; run(): Promise<void>; nextRun(): Date | null } {
  const [hour, minute] = at.split(':').map(Number);
  let running: Promise<void> | undefined;
  const run = async () => {
    const started = performance.now();
    try {
      const r = await runDailyBackup(store, folder, retention);
      if (r.ok) logger.info({ event: 'backup', file: r.daily, monthly: r.monthly, pruned: r.pruned.length, ms: Math.round(performance.now() - started), outcome: 'ok' });
      else logger.error({ event: 'backup', folder, problem: r.problem, outcome: 'error' });
    } catch (err) {
      logger.error({ event: 'backup', folder, problem: (err as Error).message, outcome: 'error' });
    }
  };
  const job = new Cron(`${minute} ${hour} * * *`, { timezone: 'Asia/Shanghai', protect: true }, () => {
    running = run();
    return running;
  });
  return {
    stop: () => job.stop(),
    run,
    nextRun: () => job.nextRun(),
  };
}
