/**
 * Issue 15: a month in the office, scripted in the console (the real console loop, in process,
 * one session per person) on one database, with the clock set by POLICY_DESK_NOW: bind →
 * reminders → submissions with a typo and a soft warning → amend → excuse → missing →
 * compliance → export.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import { readSettings } from '../../src/settings.ts';
import { ConsoleDriver } from '../conformance/consoleDriver.ts';

const MONTH = '2025-03';
const FIGURES = { outbound_trips: '2', events: '1', projects_docked: '3', projects_signed: '0', signed_investment: '0', projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0', notes: '' };

let dir: string;
let app: App;
let c: ConsoleDriver;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-month-'));
  app = await createApp({
    settings: readSettings({ POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' }),
  });
  c = new ConsoleDriver(app, join(dir, 'exports'));
}, 60_000);
afterAll(async () => {
  await c?.stop();
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a scripted month in the console', () => {
  it('runs from binding to the export', async () => {
    // bind
    for (const [who, unit] of [['liu', '城区'], ['wang', '泽州县']]) {
      expect((await c.command('zhang', `/admin bind user=console:${who} unit=${unit}`)).text).not.toContain('✖');
    }
    // reminders
    const reminded = await c.command('zhang', `/remind send ${MONTH}`);
    expect(reminded.text).toContain('城区');

    // a typo: only that field is asked again
    let s = await c.command('liu', `/report submit ${MONTH}`);
    expect(s.formOpen).toBe(true);
    s = await c.fill('liu', { ...FIGURES, outbound_trips: '2o' });
    expect(s.text).toContain('外出招商次数');
    expect(s.text.trimEnd().split('\n').at(-1)).toMatch(/^外出招商次数/);
    s = await c.fill('liu', { outbound_trips: '2' });
    expect(s.buttons).toContain('确认提交');
    expect((await c.press('liu', '确认提交')).text).toContain('已提交');

    // a soft warning with a reason (spaces, no quotes), and 「1个」 in a field counted in 个
    s = await c.command('wang', `/report submit ${MONTH}`);
    s = await c.fill('wang', { ...FIGURES, projects_signed: '1个' });
    expect(s.text).toContain('请核实');
    s = await c.fill('wang', { reason: '签约 金额 待评估' });
    expect(s.text).toContain('签约 金额 待评估');
    expect((await c.press('wang', '确认提交')).text).toContain('已提交');

    // amend
    s = await c.command('liu', `/report amend ${MONTH}`);
    s = await c.fill('liu', { projects_docked: '4', reason: '漏报 一个' });
    expect(s.text).toMatch(/3\s*→\s*4/);
    expect((await c.press('liu', '确认提交')).text).toContain('已更正');
    expect(app.store!.revisions('城区', MONTH)).toHaveLength(2);

    // excuse, missing, compliance, export
    expect((await c.command('zhang', `/admin excuse unit=陵川县 month=${MONTH} reason=系统 维护`)).text).not.toContain('✖');
    const missing = await c.command('zhang', `/missing ${MONTH}`);
    expect(missing.text).toContain('阳城县');
    const [outstanding] = missing.text.split('免报');
    expect(outstanding).not.toMatch(/(^|[^阳])城区|泽州县|陵川县/);
    expect(missing.text).toContain('应报：6');
    expect(missing.text).toContain('陵川县（系统 维护）');
    const compliance = await c.command('zhang', '/compliance 2025-Q1');
    expect(compliance.text).toContain('城区');
    const exported = await c.command('zhang', `/export ${MONTH}`);
    const saved = /已保存文件：(.+)$/m.exec(exported.text)?.[1];
    expect(saved && existsSync(saved)).toBe(true);
  });
});
