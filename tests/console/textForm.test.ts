/**
 * Issue 15 (the console form), pinned in the core's step-by-step text form that every surface
 * without modals shares (console, DingTalk): one field at a time, the draft kept until 取消,
 * a hard error asks that field only, 修改 reachable after a soft warning, 「2个」 accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_CAPABILITIES } from '../../src/adapters/console/index.ts';
import { createApp, type App } from '../../src/bot/app.ts';
import { replyToPlainText } from '../../src/bot/core/reply.ts';
import { readSettings } from '../../src/settings.ts';

const USER = 'console:liu';
const MONTH = '2025-03';
/** Answers in field order: trips, events, docked, signed, investment, started, production, leaders, in place, notes. */
const CLEAN = ['2', '1', '3', '0', '0', '0', '0', '0', '0', ''];

let app: App;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-textform-'));
  app = await createApp({
    settings: readSettings({ POLICY_DESK_DB: join(dir, 'pd.db'), POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' }),
  });
  await type('/admin bind user=console:liu unit=城区', 'console:zhang');
}, 60_000);
afterAll(() => {
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await type('取消');
});

async function type(text: string, user = USER): Promise<string> {
  const ctx = app.pipeline.context({ userId: user, surface: 'console' });
  const r = await app.pipeline.handle({ kind: 'message', text }, ctx, CONSOLE_CAPABILITIES);
  return replyToPlainText(r) + (r.actions?.length ? `\n[${r.actions.map((a) => a.label).join('|')}]` : '');
}
async function answers(lines: string[]): Promise<string> {
  let last = '';
  for (const l of lines) last = await type(l);
  return last;
}
const revisions = () => app.store!.revisions('城区', MONTH).length;

describe('the step-by-step text form', () => {
  it('asks one field at a time with its label, unit and bounds', async () => {
    const first = await type(`/report submit ${MONTH}`);
    expect(first).toContain('城区 2025-03 月报');
    expect(first.trimEnd().split('\n').at(-1)).toMatch(/^外出招商次数（次，0–500）：$/);
    expect(await type('2')).toMatch(/^举办或参加招商活动场次（场，0–500）：$/);
  });

  it('accepts a number typed with the field\'s own unit (「2个」 for 个, 「1.5亿元」)', async () => {
    await type(`/report submit ${MONTH}`);
    const card = await answers(['2次', '1场', '2个', '0个', '0亿元', '0', '0', '0', '0', '']);
    expect(card).toContain('请确认');
    expect(card).toMatch(/对接项目数\S*\s*2/);
  });

  it('asks again only for the field with a hard error, keeping the others', async () => {
    await type(`/report submit ${MONTH}`);
    const refused = await answers(['1.5', ...CLEAN.slice(1)]);
    expect(refused).toContain('外出招商次数');
    expect(refused.trimEnd().split('\n').at(-1)).toMatch(/^外出招商次数.*：$/);
    const card = await type('2');
    expect(card).toContain('请确认');
    expect(revisions()).toBe(0);
  });

  it('at 确认提交 other text or Enter re-asks and keeps the draft; 取消 drops it and says so', async () => {
    await type(`/report submit ${MONTH}`);
    await answers(CLEAN);
    for (const other of ['', '好的', '提交吧']) {
      const again = await type(other);
      expect(again).toContain('草稿仍保留');
      expect(again).toContain('确认提交');
      expect(again).toContain('取消');
    }
    expect(revisions()).toBe(0);
    expect(await type('取消')).toContain('草稿未保存');
    expect(await type('确认提交')).not.toContain('已提交');
    expect(revisions()).toBe(0);
  });

  it('after a soft warning, 修改 reopens the form prefilled (Enter keeps each value) and a reason is asked otherwise', async () => {
    await type(`/report submit ${MONTH}`);
    const warned = await answers(['2', '1', '3', '1', '0', '0', '0', '0', '0', '']);
    expect(warned).toContain('请核实');
    expect(warned).toContain('原因（一句话）');
    expect(warned).toContain('「修改」');
    const reopened = await type('修改');
    expect(reopened.trimEnd().split('\n').at(-1)).toBe('外出招商次数（次，0–500） [2]：');
    const card = await answers(['', '', '', '', '3.5', '', '', '', '', '']);
    expect(card).toContain('请确认');
    expect(card).toMatch(/签约总投资（亿元）\S*\s*3\.5/);
    expect(await type('确认提交')).toContain('已提交');
    expect(revisions()).toBe(1);
  });

  it('a reason for a soft warning may contain spaces and is shown on the card', async () => {
    await type(`/report amend ${MONTH}`);
    const warned = await answers(['', '', '', '', '0', '', '', '', '', '', '补录 签约金额']);
    expect(warned).toContain('请核实');
    const card = await type('金额 待评估');
    expect(card).toContain('金额 待评估');
    expect(await type('1')).toContain('已更正');
    expect(revisions()).toBe(2);
  });
});
