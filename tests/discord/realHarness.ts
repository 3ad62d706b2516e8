/**
 * The Discord harness (fakeDiscord.ts: a real discord.js Client over the fake REST API) on the
 * real app (tests/helpers/realApp.ts). The coordinator and the reporter of 城区 are Discord users.
 */
import type { DiscordAdapterOptions } from '../../src/adapters/discord/adapter.ts';
import type { App } from '../../src/bot/app.ts';
import { startRealApp, type RealApp } from '../helpers/realApp.ts';
import { Harness } from './fakeDiscord.ts';

export const COORDINATOR = '900000000000000009';
export const REPORTER = '111111111111111111';

export interface RealHarness {
  h: Harness;
  app: App;
  real: RealApp;
  stop(): Promise<void>;
}

export async function startRealHarness(options: { adapter?: DiscordAdapterOptions; env?: Record<string, string>; prepare?(app: App): void } = {}): Promise<RealHarness> {
  const real = await startRealApp({ POLICY_DESK_COORDINATORS: `discord:${COORDINATOR}`, ...options.env });
  real.app.store!.bind(`discord:${COORDINATOR}`, `discord:${REPORTER}`, '城区');
  options.prepare?.(real.app);
  const h = await new Harness().start(real.app, options.adapter);
  return {
    h,
    app: real.app,
    real,
    async stop() {
      await h.stop();
      real.close();
    },
  };
}
