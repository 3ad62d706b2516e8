/**
 * `npm start`: runs every chat adapter whose settings are present (Discord, Slack), or the
 * console when none are, all on one App.
 */
import { userInfo } from 'node:os';
import { createApp } from './bot/app.ts';
import { runConsole } from './adapters/console/index.ts';
import { loadDotEnv, readSettings } from './settings.ts';

loadDotEnv();
let settings;
try {
  settings = readSettings();
} catch (err) {
  console.error(`policy-desk: ${(err as Error).message}`);
  process.exit(2);
}
const app = await createApp({ settings });
const stops: Array<() => Promise<void>> = [];

if (settings.discord) {
  const { startDiscord } = await import('./adapters/discord/index.ts');
  stops.push((await startDiscord(app, settings.discord)).stop);
  console.log('Discord adapter started.');
}
if (settings.slack) {
  const { startSlack } = await import('./adapters/slack/index.ts');
  stops.push((await startSlack(app, settings.slack)).stop);
  console.log(`Slack adapter started (${settings.slack.appToken ? 'Socket Mode' : `HTTP on port ${settings.slack.port}`}).`);
}

if (stops.length === 0) {
  const userId = settings.consoleUser ?? `console:${userInfo().username}`;
  await runConsole(app, { input: process.stdin, output: process.stdout, userId });
  app.close();
} else {
  const shutdown = async () => {
    for (const stop of stops) await stop().catch((e) => console.error(e));
    app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
