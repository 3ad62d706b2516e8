/**
 * `npm start`: runs every chat adapter whose settings are present (Discord, Slack, DingTalk), or the
 * console when none are, all on one App. With a chat adapter up, the deadline scheduler runs
 * too (reminders, escalation, status board, quarter digests) through the app's delivery service,
 * which reaches each person on the platform they are bound on.
 * Alongside: the daily backup (POLICY_DESK_BACKUP_AT), `GET /healthz` (POLICY_DESK_HEALTH_PORT)
 * and structured logs (LOG_LEVEL). SIGTERM and SIGINT stop everything in order (ops/shutdown.ts):
 * the scheduler, in-flight conversations, the adapters, then the database.
 */
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from './bot/app.ts';
import { runConsole } from './adapters/console/index.ts';
import { configureLogger, flushLogs, logger } from './log.ts';
import { scheduleDailyBackup } from './ops/dailyBackup.ts';
import { startHealthServer } from './ops/health.ts';
import { onShutdown, shutdown } from './ops/shutdown.ts';
import { loadDotEnv, readSettings } from './settings.ts';

/** One clear line on stderr and a non-zero exit: what an operator needs when start-up fails. */
function die(message: string): never {
  process.stderr.write(`policy-desk: ${message.split('\n')[0]}\n`);
  flushLogs();
  process.exit(2);
}

loadDotEnv();
let settings;
try {
  settings = readSettings();
} catch (err) {
  die((err as Error).message);
}
const chat = Boolean(settings.discord || settings.slack || settings.dingtalk);
// The console chat owns stdout and a person reads its stderr: only warnings and errors go there
// unless LOG_LEVEL asks for more. A service logs every event.
configureLogger({ level: settings.logLevel ?? (chat ? 'info' : 'warn'), destination: chat ? process.stdout : process.stderr });

let app;
try {
  // The console's person reads warnings a reload brings as start-up's are printed; a service logs them.
  app = await createApp({ settings, watchCorpus: true, ...(chat ? {} : { onCorpusWarning: (w: string) => console.error(`policy-desk: ⚠ ${w}`) }) });
} catch (err) {
  die((err as Error).message);
}
// Every corpus problem (a skipped file, a bad metadata entry, a duplicate 文号) is said at start-up,
// as soon as the corpus has been read in the background.
app.corpusWarnings.then(
  (warnings) => {
    for (const w of warnings) console.error(`policy-desk: ⚠ ${w}`);
  },
  (err: Error) => logger.error({ event: 'corpus_load_failed', err: err.message }),
);
const store = app.store!;
onShutdown('database', () => app.close());
// The search index loads in the background, shard by shard, while the adapters connect; a search
// arriving before it is done finishes the load itself. A failure here resurfaces on the first search.
app.preloadSearch().catch(() => undefined);

const signals = (signal: NodeJS.Signals) => {
  void shutdown(signal).then(() => process.exit(0));
};
process.once('SIGINT', signals);
process.once('SIGTERM', signals);

try {
  if (settings.healthPort !== undefined) {
    const health = await startHealthServer(settings.healthPort, {
      check: () => (store.ping() ? null : 'database check failed'),
      details: () => ({ db: store.path, readonly: store.readonly }),
    });
    onShutdown('health endpoint', health.close);
    logger.info({ event: 'health', port: health.port }, 'GET /healthz listening');
  }
  if (settings.backupAt) {
    const backups = scheduleDailyBackup(store, settings.backupDir, settings.backupAt);
    onShutdown('daily backup', backups.stop);
    logger.info({ event: 'backup_schedule', at: settings.backupAt, folder: settings.backupDir, next: backups.nextRun()?.toISOString() });
  }

  if (settings.discord) {
    const { startDiscord } = await import('./adapters/discord/index.ts');
    const discord = await startDiscord(app, settings.discord);
    onShutdown('discord', discord.stop);
    logger.info({ event: 'adapter', surface: 'discord' }, 'Discord adapter started');
  }
  if (settings.slack) {
    const { startSlack } = await import('./adapters/slack/index.ts');
    // A refused token, an unreachable API or a busy port arrives as a StartupError naming the setting.
    const slack = await startSlack(app, settings.slack);
    onShutdown('slack', slack.stop);
    logger.info({ event: 'adapter', surface: 'slack', mode: settings.slack.appToken ? 'socket' : 'http', port: settings.slack.appToken ? undefined : settings.slack.port }, 'Slack adapter started');
  }

  if (settings.dingtalk) {
    const { startDingTalk } = await import('./adapters/dingtalk/index.ts');
    // A refusal or an unreachable gateway arrives as a StartupError naming the setting.
    const dingtalk = await startDingTalk(app, settings.dingtalk);
    onShutdown('dingtalk', dingtalk.stop);
    logger.info({ event: 'adapter', surface: 'dingtalk' }, 'DingTalk adapter started');
  }

  // Stops before the adapters do (hooks run newest first): answers already being worked on finish.
  onShutdown('in-flight interactions', () => app.pipeline.idle());

  if (!chat) {
    const userId = settings.consoleUser ?? `console:${userInfo().username}`;
    // Exports go beside the database in use (data/exports for the default one), as backups do.
    await runConsole(app, { input: process.stdin, output: process.stdout, userId, exportDir: join(dirname(settings.dbPath), 'exports') });
    await shutdown('console closed');
  } else {
    // Each adapter registered its messenger with app.delivery when it started.
    const scheduler = app.startScheduler?.();
    if (scheduler) {
      // Registered last so it stops first: no reminder is half-sent while the adapters disconnect.
      onShutdown('scheduler', () => scheduler.stop());
      logger.info({ event: 'scheduler', remindAt: settings.deadlines.remindAt, next: scheduler.nextRun()?.toISOString() ?? null }, 'deadline scheduler started');
    } else logger.info({ event: 'scheduler' }, 'deadline scheduler is off (POLICY_DESK_SCHEDULER=off)');
  }
} catch (err) {
  await shutdown('start-up failed');
  die((err as Error).message);
}
