/**
 * The deadline scheduler on the real App and the real Discord adapter, against the fake Discord
 * API: the start-up tick posts the month's status board to the coordinators' channel and DMs the
 * reminder; the reporter answers with the reminder's 本月无招商活动 button in the DM, and the board
 * message is edited in place (a PATCH of the same message, no second post).
 *
 * 2025-05-06 is the first working day after the Labour Day holiday (5-01 to 5-05), which is also
 * the first working day after the April report's due day (the 5th): the "overdue" reminder day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { createApp, type App } from '../../src/bot/app.ts';
import type { DeadlineScheduler } from '../../src/bot/features/deadlines/scheduler.ts';
import { readSettings } from '../../src/settings.ts';
import { BOARD_CHANNEL_ID, Harness, dmButton, slash } from './fakeDiscord.ts';

const COORDINATOR = '900000000000000009';
const REPORTER = '111111111111111111';

let dir: string;
let app: App;
let scheduler: DeadlineScheduler | undefined;
const h = new Harness();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-discord-deadlines-'));
  const settings = readSettings({
    POLICY_DESK_DB: join(dir, 'policy-desk.db'),
    POLICY_DESK_COORDINATORS: `discord:${COORDINATOR}`,
    POLICY_DESK_NOW: '2025-05-06T09:30:00+08:00',
  });
  app = await createApp({ settings });
  await h.start(app);
});
afterAll(async () => {
  await scheduler?.stop();
  await h.stop();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deadlines on Discord', () => {
  it('posts the board, DMs the overdue reminder, and edits the same board message when the reporter answers from the DM', async () => {
    await h.send(
      slash('admin', [{ type: ApplicationCommandOptionType.Subcommand, name: 'bind', options: [
        { name: 'user', value: REPORTER, type: ApplicationCommandOptionType.User },
        { name: 'unit', value: '城区', type: ApplicationCommandOptionType.String },
      ] }], { user: COORDINATOR }),
    );
    const from = h.api.calls.length;
    scheduler = app.startScheduler!([h.adapter.messenger({ boardChannelId: BOARD_CHANNEL_ID })]);
    await scheduler!.idle();
    const calls = h.api.since(from);

    const boardPost = calls.find((c) => c.method === 'POST' && c.path === `/channels/${BOARD_CHANNEL_ID}/messages` && JSON.stringify(c.body).includes('月报报送看板'))!;
    expect(boardPost).toBeDefined();
    expect(JSON.stringify(boardPost.body)).toContain('❌ 城区');
    const boardId = [...h.api.messages].find(([, m]) => m.channelId === BOARD_CHANNEL_ID && JSON.stringify(m.body).includes('月报报送看板'))![0];

    const dm = calls.find((c) => c.method === 'POST' && c.path === `/channels/${h.api.dmChannelOf(REPORTER)}/messages`)!;
    expect(dm.body.embeds[0].description).toContain('已逾期：城区 2025-04 月报应于 2025-05-05 前报送');
    const none = (dm.body.components[0].components as Array<{ label: string; custom_id: string }>).find((b) => b.label === '本月无招商活动')!;

    // Units with nobody bound cannot be reminded: the coordinators' channel is told so.
    const undelivered = calls.find((c) => c.method === 'POST' && c.path === `/channels/${BOARD_CHANNEL_ID}/messages` && JSON.stringify(c.body).includes('未能送达'));
    expect(JSON.stringify(undelivered?.body)).toContain('该单位未绑定报送人');

    const afterAnswer = h.api.calls.length;
    await h.send(dmButton(none.custom_id, { user: REPORTER }));
    await scheduler!.idle();
    expect(app.store!.show('城区', '2025-04').status).toBe('late');
    const edits = h.api.since(afterAnswer).filter((c) => c.path.startsWith(`/channels/${BOARD_CHANNEL_ID}/messages`));
    expect(edits.map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /channels/${BOARD_CHANNEL_ID}/messages/${boardId}`]);
    expect(JSON.stringify(edits[0]!.body)).toContain('⏰ 城区 — 迟报 05-06 · 无招商活动');
    expect(JSON.stringify(h.api.messages.get(boardId)!.body)).toContain('⏰ 城区');

    // A second tick the same day sends nothing again.
    const again = h.api.calls.length;
    await scheduler!.tick();
    expect(h.api.since(again)).toEqual([]);
  });
});
