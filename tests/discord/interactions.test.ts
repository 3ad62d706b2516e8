/**
 * The Discord adapter, driven through a real discord.js Client that never logs in: raw
 * interaction payloads go in, and the REST calls discord.js makes are checked against a local
 * fake Discord API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, Locale } from 'discord.js';
import { Harness, button, callback, modalSubmit, slash, type RecordedCall } from './fakeDiscord.ts';
import { COORDINATOR, FORM_KEYS, LONG_QUOTE, REPORTER, submissions, testApp } from './testFeature.ts';

const T = { MESSAGE: 4, DEFERRED: 5, UPDATE: 7, MODAL: 9 } as const;
const EPHEMERAL = 64;

const h = new Harness();
beforeAll(async () => {
  await h.start(testApp());
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  submissions.length = 0;
});

const sub = (name: string, options: Array<{ name: string; value: string }> = []) => [
  { type: ApplicationCommandOptionType.Subcommand as const, name, options: options.map((o) => ({ ...o, type: ApplicationCommandOptionType.String as const })) },
];

function modalOf(calls: RecordedCall[]) {
  const c = callback(calls);
  expect(c.body.type).toBe(T.MODAL);
  return c.body.data as { custom_id: string; title: string; components: Array<{ type: number; components: Array<{ custom_id: string; label: string; value?: string; required: boolean }> }> };
}

const allText = (calls: RecordedCall[]) => JSON.stringify(calls.map((c) => c.body));

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
    expect(modal.components[0]!.components[0]).toMatchObject({ custom_id: 'outbound_trips', label: '外出招商次数（个）', required: true, type: 4, style: 1 });
  });

  it('walks page 1 → 下一步 button → page 2 → one submitForm with every value → confirmation card that 确认提交 updates in place', async () => {
    const first = modalOf(await h.send(slash('report', sub('submit'), { user: REPORTER })));
    const page1 = Object.fromEntries(first.components.map((r) => [r.components[0]!.custom_id, '1']));

    const afterPage1 = await h.send(modalSubmit(first.custom_id, page1, { user: REPORTER }));
    const saved = callback(afterPage1);
    expect(saved.body.type).toBe(T.MESSAGE);
    expect(saved.body.data.flags).toBe(EPHEMERAL);
    expect(saved.body.data.embeds[0].description).toContain('已保存第 1/2 页');
    const next = saved.body.data.components[0].components[0];
    expect(next).toMatchObject({ type: 2, label: '下一步' });
    expect(submissions).toHaveLength(0);

    const second = modalOf(await h.send(button(next.custom_id, { user: REPORTER })));
    expect(second.title).toBe('城区 2025-03 月报（2/2）');
    expect(second.components.map((r) => r.components[0]!.custom_id)).toEqual(['projects_started', 'notes']);

    const afterPage2 = await h.send(modalSubmit(second.custom_id, { projects_started: '0', notes: '与两家企业洽谈' }, { user: REPORTER, fromMessage: true }));
    expect(submissions).toEqual([
      { id: 'test:form:城区:2025-03', values: { outbound_trips: '1', events: '1', projects_docked: '1', projects_signed: '1', signed_investment: '1', projects_started: '0', notes: '与两家企业洽谈' } },
    ]);
    const card = callback(afterPage2);
    // The modal was opened from the ephemeral "下一步" message, which the confirmation card replaces.
    expect(card.body.type).toBe(T.UPDATE);
    expect(card.body.data.embeds[0].title).toBe('请确认 城区 2025-03 月报');
    expect(card.body.data.components[0].components.map((b: { label: string; custom_id: string }) => [b.label, b.custom_id])).toEqual([
      ['确认提交', 'test:confirm:城区:2025-03'],
      ['修改', 'test:edit:城区:2025-03'],
    ]);

    const confirmed = callback(await h.send(button('test:confirm:城区:2025-03', { user: REPORTER, ephemeral: true })));
    expect(confirmed.body.type).toBe(T.UPDATE);
    expect(confirmed.body.data.embeds[0].description).toContain('已提交');
    expect(confirmed.body.data.components).toEqual([]);
  });

  it('reports field errors ephemerally with a 修改 button that reopens the page holding the error, pre-filled with what was typed', async () => {
    const first = modalOf(await h.send(slash('report', sub('submit'), { user: REPORTER })));
    const page1 = { outbound_trips: '两次', events: '1', projects_docked: '3', projects_signed: '0', signed_investment: '1.5' };
    const next = callback(await h.send(modalSubmit(first.custom_id, page1, { user: REPORTER }))).body.data.components[0].components[0].custom_id;
    const second = modalOf(await h.send(button(next, { user: REPORTER })));
    const errorCalls = await h.send(modalSubmit(second.custom_id, { projects_started: '0', notes: '' }, { user: REPORTER, fromMessage: true }));

    const error = callback(errorCalls);
    expect(error.body.data.flags & EPHEMERAL || error.body.type === T.UPDATE).toBeTruthy();
    const text = JSON.stringify(error.body.data.embeds);
    expect(text).toContain('有填写错误');
    expect(text).toContain('外出招商次数');
    expect(text).toContain('「两次」不是有效数字');
    const edit = error.body.data.components[0].components[0];
    expect(edit.label).toBe('修改');

    const reopened = modalOf(await h.send(button(edit.custom_id, { user: REPORTER })));
    expect(reopened.title).toContain('（1/2）');
    expect(Object.fromEntries(reopened.components.map((r) => [r.components[0]!.custom_id, r.components[0]!.value]))).toEqual(page1);

    // Fixing page 1 is enough: page 2 is still filled in, so the form goes straight to the bot.
    const fixed = await h.send(modalSubmit(reopened.custom_id, { ...page1, outbound_trips: '2' }, { user: REPORTER }));
    expect(submissions.at(-1)?.values).toMatchObject({ outbound_trips: '2', projects_started: '0' });
    expect(callback(fixed).body.data.embeds[0].title).toBe('请确认 城区 2025-03 月报');
  });

  it('opens the form from a button press (修改) as a modal pre-filled with the stored values', async () => {
    submissions.push({ id: 'test:form:城区:2025-03', values: Object.fromEntries(FORM_KEYS.map((k) => [k, '7'])) });
    const modal = modalOf(await h.send(button('test:edit:城区:2025-03', { user: REPORTER })));
    expect(modal.components.every((r) => r.components[0]!.value === '7')).toBe(true);
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
  it('defers /search ephemerally, then edits the reply with the citation embeds split within 4096 characters', async () => {
    const calls = await h.send(slash('search', [{ type: ApplicationCommandOptionType.String, name: 'query', value: '月报制度' }]));
    expect(calls[0]!.path).toMatch(/\/callback$/);
    expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    const edit = calls.find((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'))!;
    const embeds = edit.body.embeds as Array<{ title?: string; description?: string; footer?: { text: string } }>;
    const quoteEmbeds = embeds.filter((e) => e.title?.startsWith('晋市政办〔2024〕32号 三、（二）'));
    expect(quoteEmbeds.length).toBeGreaterThan(1);
    for (const e of embeds) expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    expect(quoteEmbeds.map((e) => e.description).join('')).toBe(LONG_QUOTE);
    expect(quoteEmbeds[0]!.footer?.text).toBe('晋城市消费品工业招商引资工作方案');
    expect(calls.some((c) => c.body?.type === T.MODAL)).toBe(false);
  });

  it('defers a coordinator summary privately (no public "thinking…" that vanishes), then posts the public table split into fenced code blocks across embeds and messages', async () => {
    const calls = await h.send(slash('summary', [], { user: COORDINATOR }));
    expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    // Only the coordinator saw the placeholder; it is removed and the table posted for the channel.
    expect(calls[1]).toMatchObject({ method: 'DELETE', path: expect.stringMatching(/\/messages\/@original$/) });
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    const messages = calls.filter((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'));
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      const embeds = m.body.embeds as Array<{ title?: string; description: string }>;
      expect(embeds.length).toBeLessThanOrEqual(10);
      expect(embeds.reduce((n, e) => n + (e.title?.length ?? 0) + e.description.length, 0)).toBeLessThanOrEqual(6000);
      for (const e of embeds) expect(e.description).toMatch(/^```\n[\s\S]*\n```$/);
      expect(m.body.flags ?? 0).toBe(0);
    }
    const rows = messages.flatMap((m) => m.body.embeds.flatMap((e: { description: string }) => e.description.split('\n'))).filter((l: string) => l.startsWith('单位'));
    expect(rows).toHaveLength(301); // header + 300 rows, none lost
  });

  it('attaches exports as files', async () => {
    const calls = await h.send(slash('export', [], { user: COORDINATOR }));
    expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    const edit = calls.find((c) => c.files.length > 0)!;
    expect(edit.files).toEqual([{ field: 'files[0]', name: 'policy-desk-2025-03.xlsx', size: 12 }]);
    expect(edit.body.attachments).toEqual([expect.objectContaining({ id: '0' })]);
  });

  it('never shows a modal after a defer: a form that arrives late comes with a button that opens it', async () => {
    const slowForm = testApp([
      {
        commands: {
          ask: () => ({
            blocks: [{ type: 'text', text: '还需要补充信息。' }],
            ephemeral: true,
            form: { id: 'test:form:城区:2025-03', title: '补充信息', submitLabel: '重新判断', fields: [{ key: 'x', label: '年综合能源消费量', kind: 'text', required: false }] },
          }),
        },
      },
    ]);
    const h2 = await new Harness().start(slowForm);
    try {
      const calls = await h2.send(slash('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value: '需要节能审查吗' }]));
      expect(calls.map((c) => c.body?.type).filter(Boolean)).not.toContain(T.MODAL);
      const edit = calls.find((c) => c.method === 'PATCH')!;
      const open = edit.body.components[0].components[0];
      expect(open.label).toBe('补充信息');
      const modal = callback(await h2.send(button(open.custom_id)));
      expect(modal.body).toMatchObject({ type: T.MODAL, data: { title: '补充信息' } });
    } finally {
      await h2.stop();
    }
  });

  it('sends the deferral before a slow command’s handler even starts', async () => {
    const h4 = new Harness();
    const seen: boolean[] = [];
    await h4.start(testApp([{ commands: { summary: () => (seen.push(h4.api.calls.some((c) => c.path.endsWith('/callback'))), { blocks: [{ type: 'text', text: '汇总' }], ephemeral: false }) } }]));
    try {
      const calls = await h4.send(slash('summary', [], { user: COORDINATOR }));
      expect(seen).toEqual([true]);
      // Private defer, then the public answer replaces it: deferral, removal of the placeholder, the post.
      expect(calls.map((c) => c.method)).toEqual(['POST', 'DELETE', 'POST']);
      expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    } finally {
      await h4.stop();
    }
  });

  it('defers a command that has not answered in time, and edits the deferred reply when it does', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const app = testApp([{ commands: { help: async () => (await gate, { blocks: [{ type: 'text', text: '使用说明' }], ephemeral: true }) } }]);
    const h3 = await new Harness().start(app, { deferAfterMs: 1 });
    try {
      const pending = h3.send(slash('help'));
      // Release only after the adapter has deferred, so the order is certain.
      while (!h3.api.calls.some((c) => c.path.endsWith('/callback'))) await new Promise((r) => setTimeout(r, 5));
      release();
      const calls = await pending;
      expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
      expect(calls[1]).toMatchObject({ method: 'PATCH' });
      expect(calls[1]!.body.embeds[0].description).toBe('使用说明');
    } finally {
      await h3.stop();
    }
  });
});

describe('buttons, mentions, direct messages', () => {
  it('keeps a short custom_id (≤ 100) for a long action id and routes the press back to the full id', async () => {
    const calls = await h.send(slash('missing', [], { user: COORDINATOR }));
    expect(calls[0]!.body).toEqual({ type: T.DEFERRED, data: { flags: EPHEMERAL } });
    const edit = calls.find((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'))!;
    expect(edit.body.content).toBe('<@222222222222222222>');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], users: ['222222222222222222'] });
    const b = edit.body.components[0].components[0];
    expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(b.label).toBe('立即提醒');
    const pressed = callback(await h.send(button(b.custom_id, { user: COORDINATOR, ephemeral: false })));
    // A press on a public list answers privately instead of overwriting the list.
    expect(pressed.body.type).toBe(T.MESSAGE);
    expect(pressed.body.data.flags).toBe(EPHEMERAL);
    expect(pressed.body.data.embeds[0].description).toContain('已提醒沁水县');
  });

  it('delivers reminders as DMs and reports a DM refused with 50007 back to the coordinator who asked', async () => {
    h.api.closedDms.add('444444444444444444');
    const calls = await h.send(slash('remind', [{ type: ApplicationCommandOptionType.Subcommand, name: 'send', options: [] }], { user: COORDINATOR }));
    const dmOpen = calls.filter((c) => c.path === '/users/@me/channels').map((c) => c.body.recipient_id);
    expect(dmOpen).toEqual(['333333333333333333', '444444444444444444']);
    const delivered = calls.filter((c) => /^\/channels\/\d+\/messages$/.test(c.path));
    expect(delivered).toHaveLength(2);
    expect(delivered[0]!.body.embeds[0].description).toBe('请尽快报送 2025-03 月报。');
    const report = calls.at(-1)!;
    expect(report.method).toBe('POST');
    expect(report.path).toMatch(/^\/webhooks\//);
    expect(report.body.flags).toBe(EPHEMERAL);
    const text = JSON.stringify(report.body.embeds);
    expect(text).toContain('2 条私信未能送达（共 3 条）');
    expect(text).toContain('<@444444444444444444>：对方不接受私信');
    expect(text).toContain('50007');
    expect(text).toContain('slack:T1:U1');
    expect(text).not.toContain('333333333333333333');
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
  });
});
