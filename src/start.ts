/**
 * `npm start`: runs every chat adapter whose settings are present (Discord, Slack), or the
 * console when none are, all on one App. With a chat adapter up, the deadline scheduler runs
 * too (reminders, escalation, status board, quarter digests) through the adapters' messengers.
 */
import { userInfo } from 'node:os';
import { createApp } from './bot/app.ts';
import { runConsole } from './adapters/console/index.ts';
import { preloadDefaultSearch } from './bot/policy/index.ts';
import { loadDotEnv, readSettings } from './settings.ts';
import type { Messenger } from './bot/messenger.ts';

loadDotEnv();
let settings;
try {
  settings = readSettings();
} catch (err) {
  console.error(`policy-desk: ${(err as Error).message}`);
  process.exit(2);
}
let app;
try {
  app = await createApp({ settings });
} catch (err) {
  console.error(`policy-desk: ${(err as Error).message}`);
  process.exit(2);
}
// The search index loads in the background, shard by shard, while the adapters connect; a search
// arriving before it is done waits for it. A failure here resurfaces on the first search instead.
preloadDefaultSearch().catch(() => undefined);
const stops: Array<() => Promise<void>> = [];
const messengers: Messenger[] = [];

if (settings.discord) {
  const { startDiscord } = await import('./adapters/discord/index.ts');
  const discord = await startDiscord(app, settings.discord);
  stops.push(discord.stop);
  messengers.push(discord.messenger);
  console.log('Discord adapter started.');
}
if (settings.slack) {
  const { startSlack } = await import('./adapters/slack/index.ts');
  const slack = await startSlack(app, settings.slack);
  stops.push(slack.stop);
  messengers.push(slack.messenger);
  console.log(`Slack adapter started (${settings.slack.appToken ? 'Socket Mode' : `HTTP on port ${settings.slack.port}`}).`);
}

if (stops.length === 0) {
  const userId = settings.consoleUser ?? `console:${userInfo().username}`;
  await runConsole(app, { input: process.stdin, output: process.stdout, userId });
  app.close();
} else {
  const scheduler = app.startScheduler?.(messengers);
  if (scheduler) {
    // Stopped first, so no reminder is half-sent while the adapters disconnect.
    stops.unshift(() => scheduler.stop());
    console.log(`Deadline scheduler started (reminders at ${settings.deadlines.remindAt} China time on working days; next run ${scheduler.nextRun()?.toISOString() ?? '—'}).`);
  } else console.log('Deadline scheduler is off (POLICY_DESK_SCHEDULER=off).');
  const shutdown = async () => {
    for (const stop of stops) await stop().catch((e) => console.error(e));
    app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
