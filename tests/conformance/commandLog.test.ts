/**
 * The operator's view of chat commands, on the real app with Slack and Discord running: one log
 * line per command through src/log.ts (command, user id, unit where known, latency, outcome —
 * never figures), and a database error in the middle of a command named with the database file
 * in the log and in the reply.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLogger } from '../../src/log.ts';
import { COORDINATOR, startWorld, type World } from './world.ts';

const ALLOWED_KEYS = new Set(['level', 'time', 'pid', 'event', 'command', 'user', 'surface', 'unit', 'ms', 'outcome', 'error']);

let world: World;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  configureLogger({
    level: 'info',
    pretty: false,
    destination: new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    }),
  });
  world = await startWorld();
}, 60_000);
afterAll(async () => {
  await world?.stop();
  configureLogger({ level: 'warn', destination: process.stderr });
});

describe.each(['slack', 'discord'] as const)('command log lines and database failures on %s', (surface) => {
  it('logs one line per command with the command, user id, unit, latency and outcome, and nothing else', async () => {
    const d = world.driver(surface);
    lines.length = 0;
    await d.command(COORDINATOR, `/admin bind user=${d.idOf('liu')} unit=城区`);
    const line = lines.filter((l) => l.event === 'command');
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({ command: 'admin bind', user: d.idOf(COORDINATOR), surface, unit: '城区', outcome: 'ok' });
    expect(typeof line[0]!.ms).toBe('number');
    for (const k of Object.keys(line[0]!)) expect(ALLOWED_KEYS.has(k), k).toBe(true);
  });

  it('names the database file in the reply and the log when the database fails mid-command', async () => {
    const d = world.driver(surface);
    const db = (world.app.store as unknown as { db: { pragma(s: string): unknown } }).db;
    db.pragma('query_only = ON');
    lines.length = 0;
    try {
      const s = await d.command(COORDINATOR, `/admin bind user=${d.idOf('wang')} unit=阳城县`);
      expect(s.text).toContain(world.app.settings.dbPath);
      expect(s.text).toContain('SQLITE_READONLY');
    } finally {
      db.pragma('query_only = OFF');
    }
    expect(lines.find((l) => l.event === 'handler_failed')).toMatchObject({ db: world.app.settings.dbPath, code: 'SQLITE_READONLY' });
    expect(lines.find((l) => l.event === 'command')).toMatchObject({ command: 'admin bind', outcome: 'error' });
  });
});
