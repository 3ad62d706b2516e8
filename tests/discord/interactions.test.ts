/**
 * The Discord adapter on the real app (createApp, SQLite in a temp dir), driven through a real
 * discord.js Client that never logs in: raw interaction payloads go in, and the REST calls
 * discord.js makes are checked against a local fake Discord API (tests/discord/realHarness.ts).
 *
 * A citation longer than one embed is split on the renderer (render.test.ts): the real corpus
 * splits long clauses before they can reach Discord. A table longer than one message comes from
 * `/corpus list` over a temp corpus of 300 notices. Every slash command defers privately (a
 * coordinator's public table would replace the private placeholder), so the private summary is
 * edited into its deferral and nothing public appears and vanishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ApplicationCommandOptionType, Locale } from 'discord.js';
import { loadCorpus } from '../../src/corpus/index.ts';
import { holdBot, watchBot, type Gate } from '../helpers/hold.ts';
import { writeCorpus } from '../helpers/realApp.ts';
import { BOARD_CHANNEL_ID, Harness, button, callback, modalSubmit, slash, type RecordedCall } from './fakeDiscord.ts';
import { COORDINATOR, REPORTER, startRealHarness, type RealHarness } from './realHarness.ts';

const T = { MESSAGE: 4, DEFERRED: 5, UPDATE: 7, MODAL: 9 } as const;
const EPHEMERAL = 64;

let rig: RealHarness;
let h: Harness;
beforeAll(async () => {
  rig = await startRealHarness();
  h = rig.h;
});
afterAll(async () => {
  await rig.stop();
});

const sub = (name: string, options: Array<{ name: string; value: string }> = []) => [
  { type: ApplicationCommandOptionType.Subcommand as const, name, options: options.map((o) => ({ ...o, type: ApplicationCommandOptionType.String as const })) },
];

type Modal = { custom_id: string; title: string; components: Array<{ type: number; components: Array<{ custom_id: string; label: string; value?: string; required: boolean }> }> };
function modalOf(calls: RecordedCall[]): Modal {
  const c = callback(calls);
  expect(c.body.type).toBe(T.MODAL);
  return c.body.data as Modal;
}
const buttonsOf = (body: any): Array<{ label: string; custom_id: string }> => (body.components ?? []).flatMap((r: any) => r.components);
const buttonLabelled = (body: any, label: string) => buttonsOf(body).find((b) => b.label === label)!;
const allText = (calls: RecordedCall[]) => JSON.stringify(calls.map((c) => c.body));
/** What each message of the answer shows: a callback's data, an edit of the original (PATCH) or a follow-up. */
const messagesOf = (calls: RecordedCall[]) =>
  calls.flatMap((c) => (c.path.endsWith('/callback') ? (c.body.type === T.MESSAGE || c.body.type === T.UPDATE ? [c.body.data] : []) : c.path.startsWith('/webhooks/') && c.method !== 'DELETE' ? [c.body] : []));

const revisions = (unit = '城区', month = '2025-03') => rig.app.store!.revisions(unit, month).length;

describe('monthly form as modal pages', () => {
  it('answers /report submit with a modal as the very first response, at most five inputs with labels of at most 45 characters', async () => {
    const calls = await h.send(slash('report', sub('submit', [{ name: 'unit', value: '城区' }]), { user: REPORTER }));
    expect(calls).toHaveLength(1);
    const modal = modalOf(calls);
    expect(modal.title).toBe('城区 2025-03 月报（1/2）');
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components).toHaveLength(5);
    for (const row of modal.components) {
      expect(row.type).toBe(1);
      expect(row.components).toHaveLength(1);
      expect([...row.components[0]!.label].length).toBeLessThanOrEqual(45);
    }
    expect(modal.components[0]!.components[0]).toMatchObject({ custom_id: 'outbound_trips', label: '外出招商次数（次）', required: true, type: 4, style: 1 });
  });

  it('walks page 1 → 下一步 button → page 2 → one submitted form with every value → confirmation card that 确认提交 updates in place', async () => {
    const first = modalOf(await h.send(slash('report', sub('submit'), { user: REPORTER })));
    const page1 = Object.fromEntries(first.components.map((r) => [r.components[0]!.custom_id, '1']));

    const afterPage1 = await h.send(modalSubmit(first.custom_id, page1, { user: REPORTER }));
    const saved = callback(afterPage1);
    expect(saved.body.type).toBe(T.MESSAGE);
    expect(saved.body.data.flags).toBe(EPHEMERAL);
    expect(saved.body.data.embeds[0].description).toContain('已保存第 1/2 页');
    const next = saved.body.data.components[0].components[0];
    expect(next).toMatchObject({ type: 2, label: '下一步' });

    const second = modalOf(await h.send(button(next.custom_id, { user: REPORTER })));
    expect(second.title).toBe('城区 2025-03 月报（2/2）');
    expect(second.components.map((r) => r.components[0]!.custom_id)).toEqual(['projects_started', 'projects_in_production', 'leading_enterprises', 'investment_in_place', 'notes']);

    const page2 = { projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '2', notes: '与两家企业洽谈' };
    const afterPage2 = await h.send(modalSubmit(second.custom_id, page2, { user: REPORTER, fromMessage: true }));
    const card = callback(afterPage2);
    // The modal was opened from the ephemeral "下一步" message, which the confirmation card replaces.
    expect(card.body.type).toBe(T.UPDATE);
    expect(JSON.stringify(card.body.data.embeds)).toContain('请确认 城区 2025-03');
    // Both pages reached the bot as one form: the card shows a value of each.
    expect(JSON.stringify(card.body.data.embeds)).toContain('与两家企业洽谈');
    expect(buttonsOf(card.body.data).map((b) => [b.label, b.custom_id.replace(/:[^:]+$/, ':<draft>')])).toEqual([
      ['确认提交', 'report:confirm:<draft>'],
      ['修改', 'report:edit:<draft>'],
    ]);
    expect(revisions()).toBe(0);

    const confirmed = callback(await h.send(button(buttonLabelled(card.body.data, '确认提交').custom_id, { user: REPORTER, ephemeral: true })));
    expect(confirmed.body.type).toBe(T.UPDATE);
    expect(JSON.stringify(confirmed.body.data.embeds)).toContain('已提交');
    expect(confirmed.body.data.components).toEqual([]);
    expect(revisions()).toBe(1);
    expect(rig.app.store!.show('城区', '2025-03').values).toMatchObject({ outbound_trips: 1, signed_investment: 1, investment_in_place: 2, notes: '与两家企业洽谈' });
  });

  it('reports field errors with a 修改 button that reopens the page holding the error, pre-filled with what was typed', async () => {
    // Another reporter and unit, so the March report filed above does not stand in the way.
    const LINGCHUAN = '222222222222222222';
    rig.app.store!.bind(`discord:${COORDINATOR}`, `discord:${LINGCHUAN}`, '陵川县');
    onTestFinished(() => void rig.app.store!.unbind(`discord:${COORDINATOR}`, `discord:${LINGCHUAN}`, '陵川县'));
    const first = modalOf(await h.send(slash('report', sub('submit'), { user: LINGCHUAN })));
    const page1 = { outbound_trips: '1.5', events: '1', projects_docked: '3', projects_signed: '0', signed_investment: '0' };
    const next = callback(await h.send(modalSubmit(first.custom_id, page1, { user: LINGCHUAN }))).body.data.components[0].components[0].custom_id;
    const second = modalOf(await h.send(button(next, { user: LINGCHUAN })));
    const page2 = { projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0', notes: '' };
    const errorCalls = await h.send(modalSubmit(second.custom_id, page2, { user: LINGCHUAN, fromMessage: true }));

    const error = callback(errorCalls);
    expect(error.body.data.flags & EPHEMERAL || error.body.type === T.UPDATE).toBeTruthy();
    const text = JSON.stringify(error.body.data.embeds);
    expect(text).toContain('外出招商次数');
    expect(text).toContain('应为整数：「1.5」');
    const edit = buttonLabelled(error.body.data, '修改');
    expect(edit).toBeDefined();

    const reopened = modalOf(await h.send(button(edit.custom_id, { user: LINGCHUAN })));
    expect(reopened.title).toContain('（1/2）');
    expect(Object.fromEntries(reopened.components.map((r) => [r.components[0]!.custom_id, r.components[0]!.value]))).toEqual(page1);

    // Fixing page 1 is enough: page 2 is still filled in, so the form goes straight to the bot.
    const fixed = await h.send(modalSubmit(reopened.custom_id, { ...page1, outbound_trips: '2' }, { user: LINGCHUAN }));
    const card = JSON.stringify(callback(fixed).body.data.embeds);
    expect(card).toContain('请确认 陵川县 2025-03');
    expect(card).toMatch(/"name":"外出招商次数","value":"2[^"]*"/);
    expect(card).toMatch(/"name":"开工项目数","value":"0[^"]*"/);
  });

  it('opens the form from a button press (更正) as a modal pre-filled with the stored values', async () => {
    const raw = Object.fromEntries(['outbound_trips', 'events', 'projects_docked', 'projects_signed', 'signed_investment', 'projects_started', 'projects_in_production', 'leading_enterprises', 'investment_in_place'].map((k) => [k, '7']));
    const QINSHUI = '666666666666666666';
    rig.app.store!.bind(`discord:${COORDINATOR}`, `discord:${QINSHUI}`, '沁水县');
    onTestFinished(() => void rig.app.store!.unbind(`discord:${COORDINATOR}`, `discord:${QINSHUI}`, '沁水县'));
    expect(rig.app.store!.write({ actor: `discord:${QINSHUI}`, unit: '沁水县', month: '2025-03', kind: 'submit', raw, acceptWarnings: true }).ok).toBe(true);
    const modal = modalOf(await h.send(button('report:pick:amend:沁水县:2025-03', { user: QINSHUI })));
    const values = modal.components.map((r) => r.components[0]!).filter((c) => c.custom_id in raw);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((c) => c.value === '7')).toBe(true);
  });

  it('refuses a form page submitted by someone else, and an expired one, with a clear ephemeral message', async () => {
    const first = modalOf(await h.send(slash('report', sub('submit'), { user: REPORTER })));
    const other = callback(await h.send(modalSubmit(first.custom_id, { outbound_trips: '1' }, { user: COORDINATOR })));
    expect(other.body.data).toMatchObject({ content: '这是别人的表单。', flags: EPHEMERAL });
    const expired = callback(await h.send(modalSubmit('pd|m|gone|0', { outbound_trips: '1' }, { user: REPORTER })));
    expect(expired.body.data.content).toContain('已过期');
  });
});

describe('deferring slow work', () => {
  it('defers /search ephemerally, then edits the reply with citation embeds within 4096 characters, each quote verbatim', async () => {
    const calls = await h.send(slash('search', [{ type: ApplicationCommandOptionType.String, name: 'query', value: '节能审查' }]));
    expect(calls[0]!.path).toMatch(/\/callback$/);
    expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    const edit = calls.find((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'))!;
    const embeds = edit.body.embeds as Array<{ title?: string; description?: string; footer?: { text: string } }>;
    const quoteEmbeds = embeds.filter((e) => e.title?.startsWith('晋市政办〔2024〕32号 '));
    expect(quoteEmbeds.length).toBeGreaterThan(0);
    for (const e of embeds) expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    const clauses = loadCorpus().clauses.filter((c) => c.docNo === '晋市政办〔2024〕32号');
    for (const e of quoteEmbeds) expect(clauses.some((c) => c.text.includes(e.description!)), e.description).toBe(true);
    expect(quoteEmbeds[0]!.footer?.text).toBe('晋城市进一步加大招商引资力度推动消费品工业集聚发展工作方案');
    expect(calls.some((c) => c.body?.type === T.MODAL)).toBe(false);
  });

  it('defers a coordinator summary privately (no public "thinking…" that appears and vanishes) and renders its table as fenced code blocks within the embed limits', async () => {
    const calls = await h.send(slash('summary', [], { user: COORDINATOR }));
    expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    const messages = messagesOf(calls);
    const tables = messages.flatMap((m) => m.embeds as Array<{ title?: string; description?: string }>).filter((e) => e.description?.startsWith('```'));
    expect(tables.length).toBeGreaterThan(0);
    for (const e of tables) expect(e.description).toMatch(/^```\n[\s\S]*\n```$/);
    expect(tables.map((e) => e.description).join('\n')).toContain('合计');
  });

  it('splits a long table into fenced code blocks across embeds and messages, all with the reply’s visibility, losing no row', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pd-discord-corpus-'));
    // Answered without a deferral however slow the machine, so every message carries its own visibility.
    const big = await startRealHarness({ adapter: { deferAfterMs: 60_000 }, env: { POLICY_DESK_CORPUS_DIR: writeCorpus(parent, { documents: 300 }) } });
    try {
      const calls = await big.h.send(slash('corpus', sub('list'), { user: COORDINATOR }));
      const messages = messagesOf(calls);
      expect(messages.length).toBeGreaterThan(1);
      for (const m of messages) {
        const embeds = m.embeds as Array<{ title?: string; description: string }>;
        expect(embeds.length).toBeLessThanOrEqual(10);
        expect(embeds.reduce((n, e) => n + (e.title?.length ?? 0) + e.description.length, 0)).toBeLessThanOrEqual(6000);
        for (const e of embeds) expect(e.description).toMatch(/^```\n[\s\S]*\n```$/);
        expect(m.flags).toBe(EPHEMERAL);
      }
      const rows = messages.flatMap((m) => m.embeds.flatMap((e: { description: string }) => e.description.split('\n'))).filter((l: string) => l.startsWith('晋市政办〔2023〕'));
      expect(rows).toHaveLength(300); // every document once, none lost
    } finally {
      await big.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('attaches exports as files', async () => {
    const calls = await h.send(slash('export', [], { user: COORDINATOR }));
    const sent = calls.find((c) => c.files.length > 0)!;
    expect(sent.files).toEqual([{ field: 'files[0]', name: '月报-2025-03.xlsx', size: expect.any(Number) }]);
    expect(sent.files[0]!.size).toBeGreaterThan(0);
    expect(sent.body.attachments).toEqual([expect.objectContaining({ id: '0' })]);
  });

  it('never shows a modal after a defer: a form that arrives late comes with a button that opens it', async () => {
    const calls = await h.send(slash('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value: '这个项目需要节能审查吗' }], { user: COORDINATOR }));
    expect(calls[0]!.body.type).toBe(T.DEFERRED);
    expect(calls.map((c) => c.body?.type).filter(Boolean)).not.toContain(T.MODAL);
    const edit = calls.find((c) => c.method === 'PATCH')!;
    const open = buttonLabelled(edit.body, '补充信息');
    expect(open).toBeDefined();
    const modal = callback(await h.send(button(open.custom_id, { user: COORDINATOR })));
    expect(modal.body.type).toBe(T.MODAL);
    expect(modal.body.data.components.length).toBeGreaterThan(0);
  });

  it('sends the deferral before a slow command’s handler even starts', async () => {
    const seen: boolean[] = [];
    const own = await startRealHarness({ prepare: (app) => watchBot(app.bot, 'run', () => seen.push(own.h.api.calls.some((c) => c.path.endsWith('/callback')))) });
    try {
      const calls = await own.h.send(slash('summary', [], { user: COORDINATOR }));
      expect(seen).toEqual([true]);
      expect(calls[0]).toMatchObject({ method: 'POST', body: { type: T.DEFERRED, data: { flags: EPHEMERAL } } });
      // The private deferral is edited into the (private) answer: nothing public appears and vanishes.
      expect(calls.map((c) => c.method)).toEqual(['POST', 'PATCH']);
    } finally {
      await own.stop();
    }
  });

  it('defers a command that has not answered in time, and edits the deferred reply when it does', async () => {
    let gate!: Gate;
    const own = await startRealHarness({ adapter: { deferAfterMs: 1 }, prepare: (app) => (gate = holdBot(app.bot, 'run')) });
    try {
      const pending = own.h.send(slash('help'));
      // Release only after the adapter has deferred, so the order is certain.
      while (!own.h.api.calls.some((c) => c.path.endsWith('/callback'))) await new Promise((r) => setTimeout(r, 5));
      gate.release();
      const calls = await pending;
      expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
      expect(calls[1]).toMatchObject({ method: 'PATCH' });
      expect(JSON.stringify(calls[1]!.body.embeds)).toContain('使用说明');
    } finally {
      await own.stop();
    }
  });
});

describe('buttons, mentions, direct messages', () => {
  it('mentions the reporters a list names as real pings, and only them', async () => {
    const calls = await h.send(slash('missing', [{ type: ApplicationCommandOptionType.String, name: 'month', value: '2025-02' }], { user: COORDINATOR }));
    const shown = messagesOf(calls).find((m) => m.content)!;
    expect(shown.content).toBe(`<@${REPORTER}>`);
    expect(shown.allowed_mentions).toEqual({ parse: [], users: [REPORTER] });
  });

  it('keeps a short custom_id (≤ 100) for a long action id, routes the press back to the full id, and answers a press on a public message privately', async () => {
    // A month no report has: the real action's answer quotes it whole, so it must have read the whole id.
    const month = '2025-03' + '0'.repeat(100);
    const messenger = h.adapter.messenger({ boardChannelId: BOARD_CHANNEL_ID });
    const id = await messenger.postToChannel({ blocks: [{ type: 'text', text: '查看' }], actions: [{ id: `report:pick:show:城区:${month}`, label: '查看' }], ephemeral: false }, 'zh-CN');
    const b = h.api.messages.get(id)!.body.components[0].components[0];
    expect(b.custom_id.length).toBeLessThanOrEqual(100);
    const pressed = callback(await h.send(button(b.custom_id, { user: COORDINATOR, ephemeral: false })));
    // A press on a public message answers privately instead of overwriting the message.
    expect(pressed.body.type).toBe(T.MESSAGE);
    expect(pressed.body.data.flags).toBe(EPHEMERAL);
    expect(JSON.stringify(pressed.body.data.embeds)).toContain(month);
  });

  it('delivers reminders as DMs and reports a DM refused with 50007 back to the coordinator who asked', async () => {
    const store = rig.app.store!;
    store.bind(`discord:${COORDINATOR}`, 'discord:333333333333333333', '泽州县');
    store.bind(`discord:${COORDINATOR}`, 'discord:444444444444444444', '高平市');
    // Bound on Slack, which this app does not run: undeliverable, and said so.
    store.bind(`discord:${COORDINATOR}`, 'slack:T1:U1', '阳城县');
    h.api.closedDms.add('444444444444444444');
    const calls = await h.send(slash('remind', [{ type: ApplicationCommandOptionType.Subcommand, name: 'send', options: [{ type: ApplicationCommandOptionType.String, name: 'month', value: '2024-12' }] }], { user: COORDINATOR }));
    const dmOpen = calls.filter((c) => c.path === '/users/@me/channels').map((c) => c.body.recipient_id);
    expect(dmOpen).toEqual([REPORTER, '333333333333333333', '444444444444444444']);
    const delivered = calls.filter((c) => /^\/channels\/\d+\/messages$/.test(c.path));
    expect(delivered).toHaveLength(3);
    expect(delivered[0]!.body.embeds[0].description).toContain('城区 2024-12 月报');
    // Deferred privately; the answer, failures included, is edited into the coordinator's own reply.
    expect(callback(calls).body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    const report = calls.at(-1)!;
    expect(report.method).toBe('PATCH');
    expect(report.path).toMatch(/^\/webhooks\/.*\/messages\/@original$/);
    const text = JSON.stringify(report.body.embeds);
    expect(text).toContain('2 条提醒未能送达');
    expect(text).toContain('<@444444444444444444>：对方不接受私信');
    expect(text).toContain('50007');
    expect(text).toContain('slack:T1:U1');
    // The reporter who got the DM is listed as reached, not among the failures.
    expect(text.slice(text.indexOf('未能送达'))).not.toContain('333333333333333333');
  });

  it('speaks English to an English client and Chinese by default', async () => {
    const en = callback(await h.send(modalSubmit('pd|m|gone|0', {}, { locale: Locale.EnglishUS })));
    expect(en.body.data.content).toBe('This form has expired; please run the command again.');
    const zh = callback(await h.send(modalSubmit('pd|m|gone|0', {}, { locale: Locale.French })));
    expect(zh.body.data.content).toBe('这个表单已过期，请重新发起命令。');
  });

  it('passes user options as discord:<id> and refuses coordinator commands to reporters with the bot’s message', async () => {
    const calls = await h.send(
      slash('admin', [{ type: ApplicationCommandOptionType.Subcommand, name: 'bind', options: [
        { type: ApplicationCommandOptionType.User, name: 'user', value: '555555555555555555' },
        { type: ApplicationCommandOptionType.String, name: 'unit', value: '城区' },
      ] }], { user: REPORTER }),
    );
    const c = callback(calls);
    expect(c.body.type).toBe(T.MESSAGE);
    expect(c.body.data.flags).toBe(EPHEMERAL);
    expect(c.body.data.embeds[0].description).toContain('仅限市投资促进中心协调员使用');
    expect(allText(calls)).not.toContain('"type":9');
    expect(rig.app.store!.rolesOf('discord:555555555555555555').units).toEqual([]);
  });
});
