/**
 * The real app (tests/helpers/realApp.ts) behind the real Bolt app on 127.0.0.1, with requests
 * HMAC-signed like Slack's and every Web API call going to the local fake Slack. `U1` reports
 * for 城区 and `UC` is a coordinator, both in workspace T1.
 */
import { LogLevel } from '@slack/bolt';
import { createSlackApp, type SlackAdapter, type SlackAppOptions } from '../../src/adapters/slack/index.ts';
import type { App } from '../../src/bot/app.ts';
import type { SlackConfig } from '../../src/adapters/slack/index.ts';
import { startRealApp, type RealApp } from '../helpers/realApp.ts';
import { FakeSlack, SlackSender } from './fakeSlack.ts';

export const SECRET = 'test-signing-secret';
export const REPORTER = 'slack:T1:U1';
export const COORDINATOR = 'slack:T1:UC';

/** Every figure of the report definition, all plausible (no soft warning on a first report). */
export const FIGURES: Record<string, string> = {
  'f:outbound_trips': '3', 'f:events': '1', 'f:projects_docked': '2', 'f:projects_signed': '1', 'f:signed_investment': '12.5',
  'f:projects_started': '0', 'f:projects_in_production': '0', 'f:leading_enterprises': '0', 'f:investment_in_place': '0', 'f:notes': '赴深圳招商',
};

export interface Rig {
  fake: FakeSlack;
  adapter: SlackAdapter;
  slack: SlackSender;
  app: App;
  real: RealApp;
  /** Revisions stored for a unit's month (城区 2025-03 unless named). */
  revisions(unit?: string, month?: string): number;
}

export interface RigOptions extends Pick<SlackAppOptions, 'modalBudgetMs' | 'submitBudgetMs'> {
  /** Added to the Slack config (a board channel…). */
  config?: Partial<SlackConfig>;
  /** Runs on the app before the adapter starts (holding answers back, more bindings…). */
  prepare?(app: App): void;
  /** More settings for the app (a corpus folder…). */
  env?: Record<string, string>;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const fake = new FakeSlack();
  await fake.start();
  const real = await startRealApp({ POLICY_DESK_COORDINATORS: COORDINATOR, ...options.env });
  const store = real.app.store!;
  store.bind(COORDINATOR, REPORTER, '城区');
  options.prepare?.(real.app);
  const adapter = createSlackApp(
    real.app,
    { botToken: 'xoxb-test', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl, commandPrefix: '/pd-', ...options.config },
    { port: 0, host: '127.0.0.1', logLevel: LogLevel.ERROR, modalBudgetMs: options.modalBudgetMs, submitBudgetMs: options.submitBudgetMs },
  );
  const { port } = await adapter.start();
  return {
    fake,
    adapter,
    app: real.app,
    real,
    slack: new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET, fake),
    revisions: (unit = '城区', month = '2025-03') => store.revisions(unit, month).length,
  };
}

export async function stopRig(r: Rig | undefined): Promise<void> {
  if (!r) return;
  await r.adapter.stop();
  await r.fake.stop();
  r.real.close();
}
