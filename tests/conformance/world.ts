/**
 * One real app (SQLite in a temp dir, the real features) with every surface running on it at
 * once: the console, Discord (discord.js over the fake REST API), Slack (Bolt over signed
 * loopback requests) and DingTalk (dingtalk-stream over the fake gateway). Discord and Slack register their messengers with the app's delivery
 * service as `npm start` does, so a message sent from one surface reaches a person bound on
 * another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/bot/app.ts';
import { readSettings } from '../../src/settings.ts';
import { ConsoleDriver } from './consoleDriver.ts';
import { DingTalkDriver } from './dingtalkDriver.ts';
import { DiscordDriver } from './discordDriver.ts';
import type { SurfaceDriver } from './screen.ts';
import { SlackDriver } from './slackDriver.ts';

export const COORDINATOR = 'zhang';

export interface World {
  app: App;
  /** The temp folder holding the database and the backup folder (`backups/`). */
  dir: string;
  surfaces: { console: ConsoleDriver; discord: DiscordDriver; slack: SlackDriver; dingtalk: DingTalkDriver };
  driver(surface: SurfaceDriver['surface']): SurfaceDriver;
  stop(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-conformance-'));
  const discord = new DiscordDriver();
  const slack = new SlackDriver();
  const dingtalk = new DingTalkDriver();
  const slackEnv = await slack.env();
  const coordinators = [`console:${COORDINATOR}`, discord.idOf(COORDINATOR), slack.idOf(COORDINATOR), dingtalk.idOf(COORDINATOR)].join(',');
  const settings = readSettings({
    POLICY_DESK_DB: join(dir, 'policy-desk.db'),
    POLICY_DESK_BACKUP_DIR: join(dir, 'backups'),
    POLICY_DESK_COORDINATORS: coordinators,
    POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00',
    ...slackEnv,
  });
  const app = await createApp({ settings });
  await discord.start(app);
  await slack.start(app, settings.slack!);
  await dingtalk.start(app);
  const consoleDriver = new ConsoleDriver(app, join(dir, 'exports'));
  const surfaces = { console: consoleDriver, discord, slack, dingtalk };
  return {
    app,
    dir,
    surfaces,
    driver: (s) => surfaces[s],
    async stop() {
      await consoleDriver.stop();
      await dingtalk.stop();
      await slack.stop();
      await discord.stop();
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
