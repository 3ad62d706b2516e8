/**
 * The whole way through, on the real App (SQLite in a temp dir): a coordinator binds a reporter,
 * the reporter files the monthly report from the slash command through both modal pages and the
 * confirmation card, and the revision is stored. Reminders that cannot be delivered are reported
 * back to the coordinator, and a reminder's 填报 button opens the form from the DM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import type { App } from '../../src/bot/app.ts';
import { createApp } from '../../src/bot/app.ts';
import { readSettings } from '../../src/settings.ts';
import { loadCorpus } from '../../src/corpus/index.ts';
import { Harness, button, callback, dmButton, modalSubmit, slash, type RecordedCall } from './fakeDiscord.ts';

const COORDINATOR = '900000000000000009';
const REPORTER = '111111111111111111';
const QINSHUI_REPORTER = '777777777777777777';
const EPHEMERAL = 64;

let dir: string;
let app: App;
const h = new Harness();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-discord-e2e-'));
  const settings = readSettings({
    POLICY_DESK_DB: join(dir, 'policy-desk.db'),
    POLICY_DESK_COORDINATORS: `discord:${COORDINATOR}`,
    POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00',
  });
  app = await createApp({ settings });
  await h.start(app);
});
afterAll(async () => {
  await h.stop();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const sub = (name: string, options: Array<{ name: string; value: string; type?: ApplicationCommandOptionType.String | ApplicationCommandOptionType.User }>) => [
  { type: ApplicationCommandOptionType.Subcommand as const, name, options: options.map((o) => ({ name: o.name, value: o.value, type: o.type ?? ApplicationCommandOptionType.String })) },
];

type Modal = { custom_id: string; title: string; components: Array<{ components: Array<{ custom_id: string; label: string }> }> };
const modalOf = (calls: RecordedCall[]): Modal => {
  const c = callback(calls);
  expect(c.body.type).toBe(9);
  return c.body.data as Modal;
};
const keysOf = (m: Modal) => m.components.map((r) => r.components[0]!.custom_id);

async function bind(userId: string, unit: string) {
  const calls = await h.send(
    slash('admin', sub('bind', [{ name: 'user', value: userId, type: ApplicationCommandOptionType.User }, { name: 'unit', value: unit }]), { user: COORDINATOR }),
  );
  return callback(calls);
}

describe('search and ask over Discord on the real app', () => {
  it('defers /search and edits in citation embeds whose quotes are verbatim clause text with document number and path', async () => {
    const calls = await h.send(slash('search', [{ type: ApplicationCommandOptionType.String, name: 'query', value: '节能审查' }]));
    expect(calls[0]!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = calls.find((c) => c.method === 'PATCH')!;
    const cited = (edit.body.embeds as Array<{ title?: string; description?: string }>).filter((e) => e.title?.includes('〔'));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited[0]!.title).toMatch(/^晋市政办〔2024〕32号 /);
    const clauses = loadCorpus().clauses.map((c) => c.text);
    for (const e of cited) expect(clauses.some((t) => t.includes(e.description!)), e.description).toBe(true);
    expect(calls.some((c) => c.body?.type === 9)).toBe(false);
  });

  it('asks rule follow-ups with a button that opens a small modal, and re-evaluates with the facts given', async () => {
    const calls = await h.send(slash('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value: '这个项目需要节能审查吗' }]));
    expect(calls[0]!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = calls.find((c) => c.method === 'PATCH')!;
    expect(JSON.stringify(edit.body.embeds)).toContain('晋市政办〔2024〕32号');
    const follow = edit.body.components[0].components[0];
    expect(follow.label).toBe('补充信息');

    const modal = modalOf(await h.send(button(follow.custom_id)));
    expect(modal.components.length).toBeLessThanOrEqual(5);
    const keys = keysOf(modal);
    expect(keys).toContain('energy_tce');
    const answers: Record<string, string> = { energy_tce: '800吨标准煤', electricity_kwh: '300万千瓦时', state_secret: '否' };
    const again = callback(await h.send(modalSubmit(modal.custom_id, Object.fromEntries(keys.map((k) => [k, answers[k] ?? ''])), { fromMessage: true })));
    expect(again.body.type).toBe(7);
    const text = JSON.stringify(again.body.data.embeds);
    expect(text).toContain('不满1000吨标准煤');
    expect(text).not.toContain('信息不足');
  });
});

describe('monthly report over Discord on the real app', () => {
  it('binds a reporter by Discord user option', async () => {
    const c = await bind(REPORTER, '城区');
    expect(JSON.stringify(c.body)).not.toContain('仅限');
    expect(app.store!.rolesOf(`discord:${REPORTER}`).units).toEqual(['城区']);
  });

  it('goes from /report submit through both modal pages and 确认提交 to a stored revision in SQLite', async () => {
    const page1 = modalOf(await h.send(slash('report', sub('submit', [{ name: 'month', value: '2025-03' }]), { user: REPORTER })));
    expect(page1.title.length).toBeLessThanOrEqual(45);
    expect(page1.title).toContain('（1/2）');
    expect(page1.components.length).toBeLessThanOrEqual(5);
    for (const r of page1.components) expect([...r.components[0]!.label].length).toBeLessThanOrEqual(45);
    expect(page1.components[0]!.components[0]!.label).toContain('外出招商次数');

    const values: Record<string, string> = {
      outbound_trips: '2', events: '1', projects_docked: '3', projects_signed: '1', signed_investment: '1.5',
      projects_started: '1', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0.8', notes: '与两家企业洽谈',
    };
    const pick = (m: Modal) => Object.fromEntries(keysOf(m).map((k) => [k, values[k]!]));

    const saved = callback(await h.send(modalSubmit(page1.custom_id, pick(page1), { user: REPORTER })));
    expect(saved.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const next = saved.body.data.components[0].components[0];
    expect(next.label).toBe('下一步');

    const page2 = modalOf(await h.send(button(next.custom_id, { user: REPORTER })));
    expect(page2.title).toContain('（2/2）');
    expect([...keysOf(page1), ...keysOf(page2)].sort()).toEqual(Object.keys(values).sort());

    const card = callback(await h.send(modalSubmit(page2.custom_id, pick(page2), { user: REPORTER, fromMessage: true })));
    expect(card.body.type).toBe(7);
    const cardText = JSON.stringify(card.body.data.embeds);
    expect(cardText).toContain('请确认 城区 2025-03');
    const buttons = card.body.data.components.flatMap((r: { components: Array<{ label: string; custom_id: string }> }) => r.components);
    const confirm = buttons.find((b: { label: string }) => b.label === '确认提交');
    expect(confirm, `buttons: ${JSON.stringify(buttons)} / ${cardText}`).toBeDefined();
    expect(app.store!.revisions('城区', '2025-03')).toHaveLength(0);

    const done = callback(await h.send(button(confirm.custom_id, { user: REPORTER, ephemeral: true })));
    expect(done.body.type).toBe(7);
    expect(JSON.stringify(done.body.data.embeds)).toContain('已提交');
    expect(done.body.data.components).toEqual([]);

    const revs = app.store!.revisions('城区', '2025-03');
    expect(revs).toHaveLength(1);
    const view = app.store!.show('城区', '2025-03');
    expect(view.values).toMatchObject({ outbound_trips: 2, projects_docked: 3, signed_investment: 1.5, notes: '与两家企业洽谈' });
  });

  it('turns soft warnings into a reason modal, then the confirmation card, and stores the report', async () => {
    const ZEZHOU = '888888888888888888';
    await bind(ZEZHOU, '泽州县');
    const values: Record<string, string> = {
      outbound_trips: '1', events: '0', projects_docked: '2', projects_signed: '1', signed_investment: '0',
      projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0', notes: '',
    };
    const pick = (m: Modal) => Object.fromEntries(keysOf(m).map((k) => [k, values[k]!]));
    const page1 = modalOf(await h.send(slash('report', sub('submit', [{ name: 'month', value: '2025-03' }]), { user: ZEZHOU })));
    const next = callback(await h.send(modalSubmit(page1.custom_id, pick(page1), { user: ZEZHOU }))).body.data.components[0].components[0];
    const page2 = modalOf(await h.send(button(next.custom_id, { user: ZEZHOU })));
    const warned = callback(await h.send(modalSubmit(page2.custom_id, pick(page2), { user: ZEZHOU, fromMessage: true })));
    expect(warned.body.type).toBe(7);
    expect(JSON.stringify(warned.body.data.embeds)).toContain('请核实');
    const labels = warned.body.data.components.flatMap((r: { components: Array<{ label: string; custom_id: string }> }) => r.components);
    const explain = labels.find((b: { label: string }) => b.label === '填写原因');

    const why = modalOf(await h.send(button(explain.custom_id, { user: ZEZHOU })));
    expect(keysOf(why)).toEqual(['reason']);
    const card = callback(await h.send(modalSubmit(why.custom_id, { reason: '签约项目金额待评估后补报' }, { user: ZEZHOU, fromMessage: true })));
    expect(JSON.stringify(card.body.data.embeds)).toContain('签约项目金额待评估后补报');
    const confirm = card.body.data.components[0].components.find((b: { label: string }) => b.label === '确认提交');
    await h.send(button(confirm.custom_id, { user: ZEZHOU, ephemeral: true }));
    expect(app.store!.revisions('泽州县', '2025-03')).toHaveLength(1);
    expect(app.store!.show('泽州县', '2025-03').values).toMatchObject({ projects_signed: 1, signed_investment: 0 });
  });

  it('answers a hard error ephemerally with a 修改 button that reopens the page pre-filled with what was typed', async () => {
    const GAOPING = '666666666666666666';
    await bind(GAOPING, '高平市');
    const page1 = modalOf(await h.send(slash('report', sub('submit', [{ name: 'month', value: '2025-03' }]), { user: GAOPING })));
    const typed = Object.fromEntries(keysOf(page1).map((k) => [k, k === 'outbound_trips' ? '两次半' : '1']));
    const next = callback(await h.send(modalSubmit(page1.custom_id, typed, { user: GAOPING }))).body.data.components[0].components[0];
    const page2 = modalOf(await h.send(button(next.custom_id, { user: GAOPING })));
    const error = callback(await h.send(modalSubmit(page2.custom_id, Object.fromEntries(keysOf(page2).map((k) => [k, k === 'notes' ? '' : '0'])), { user: GAOPING, fromMessage: true })));
    expect(error.body.type).toBe(7); // replaces the ephemeral 下一步 message
    expect(JSON.stringify(error.body.data.embeds)).toContain('外出招商次数');
    const edit = error.body.data.components.flatMap((r: { components: Array<{ label: string; custom_id: string }> }) => r.components).find((b: { label: string }) => b.label === '修改');
    const reopened = modalOf(await h.send(button(edit.custom_id, { user: GAOPING })));
    expect(reopened.title).toContain('（1/2）');
    const prefilled = Object.fromEntries(reopened.components.map((r) => [r.components[0]!.custom_id, (r.components[0] as { value?: string }).value]));
    expect(prefilled).toEqual(typed);
    expect(app.store!.revisions('高平市', '2025-03')).toHaveLength(0);
  });

  it('shows the reporter their own status ephemerally', async () => {
    const c = callback(await h.send(slash('report', sub('show', [{ name: 'month', value: '2025-03' }]), { user: REPORTER })));
    expect(c.body.type).toBe(4);
    expect(c.body.data.flags).toBe(EPHEMERAL);
    expect(JSON.stringify(c.body.data.embeds)).toContain('城区');
  });

  it('reports a reminder DM refused with 50007 back to the coordinator who sent the reminders', async () => {
    await bind(QINSHUI_REPORTER, '沁水县');
    h.api.closedDms.add(QINSHUI_REPORTER);
    const calls = await h.send(slash('remind', sub('send', [{ name: 'month', value: '2025-03' }]), { user: COORDINATOR }));
    // Deferred privately, and the answer (failures included) edited into that private reply.
    expect(callback(calls).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(calls.some((c) => c.path === '/users/@me/channels' && c.body.recipient_id === QINSHUI_REPORTER)).toBe(true);
    const report = calls.filter((c) => c.path.startsWith('/webhooks/')).at(-1)!;
    expect(report.method === 'PATCH' || report.body.flags === EPHEMERAL).toBe(true);
    expect(JSON.stringify(report.body.embeds)).toContain(`<@${QINSHUI_REPORTER}>：对方不接受私信`);
  });

  it('opens the month’s form when a reporter presses the 填报 button of a reminder sent by the messenger, in the DM', async () => {
    const YANGCHENG = '555555555555555555';
    await bind(YANGCHENG, '阳城县');
    const reminder = { blocks: [{ type: 'text' as const, text: '阳城县 2025-03 月报请于 4 月 5 日前报送。' }], ephemeral: false, actions: [{ id: 'report:pick:submit:阳城县:2025-03', label: '填报' }] };
    const from = h.api.calls.length;
    await h.adapter.messenger().sendDirect(`discord:${YANGCHENG}`, reminder, 'zh-CN');
    const sent = h.api.since(from).at(-1)!;
    const pressed = sent.body.components[0].components[0];
    expect(pressed.label).toBe('填报');
    const modal = modalOf(await h.send(dmButton(pressed.custom_id, { user: YANGCHENG })));
    expect(modal.title).toContain('阳城县 2025-03');
  });
});
