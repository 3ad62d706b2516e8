/**
 * Rendering Replies within Discord's limits, and modal pages within the modal limits.
 */
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Reply } from '../../src/bot/core/reply.ts';
import { LIMITS, renderReply } from '../../src/adapters/discord/render.ts';
import { FormSessions, buildModal, inputLabel, paginate } from '../../src/adapters/discord/forms.ts';
import type { FormField } from '../../src/bot/core/form.ts';

const opts = { locale: 'zh-CN' as const, customIdFor: (id: string) => id };
const embedChars = (e: APIEmbed) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

function expectWithinLimits(messages: ReturnType<typeof renderReply>) {
  for (const m of messages) {
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect((m.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.components.length).toBeLessThanOrEqual(LIMITS.rowsPerMessage);
    for (const row of m.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const e of m.embeds) {
      expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
      expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fieldsPerEmbed);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
}

describe('renderReply', () => {
  it('packs many citations into messages of at most 10 embeds and 6000 characters, keeping every quote whole and in order', () => {
    const quotes = Array.from({ length: 30 }, (_, i) => `第${i + 1}条：` + '招商引资项目实行月报制度。'.repeat(40));
    const r: Reply = {
      blocks: quotes.map((q, i) => ({ type: 'citation' as const, docNo: '晋政办发〔2024〕31号', title: '山西省消费品工业招商引资工作方案', path: `三、（${i + 1}）`, quote: q })),
      ephemeral: true,
    };
    const messages = renderReply(r, opts);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expectWithinLimits(messages);
    expect(messages.flatMap((m) => m.embeds.map((e) => e.description))).toEqual(quotes);
  });

  it('splits one quote longer than an embed description (4096) across embeds that join back to it exactly, the document title in the footer', () => {
    const quote = '各县（市、区）、开发区要建立招商项目月报制度，每月5日前报送上月招商引资工作进展情况。'.repeat(120);
    const r: Reply = { blocks: [{ type: 'citation', docNo: '晋市政办〔2024〕32号', title: '晋城市消费品工业招商引资工作方案', path: '三、（二）', quote }], ephemeral: true };
    const messages = renderReply(r, opts);
    expectWithinLimits(messages);
    const quoteEmbeds = messages.flatMap((m) => m.embeds).filter((e) => e.title?.startsWith('晋市政办〔2024〕32号 三、（二）'));
    expect(quoteEmbeds.length).toBeGreaterThan(1);
    expect(quoteEmbeds.map((e) => e.description).join('')).toBe(quote);
    expect(quoteEmbeds[0]!.footer?.text).toBe('晋城市消费品工业招商引资工作方案');
  });

  it('splits a field value over 1024 characters into continuation fields and starts a new embed after 25 fields', () => {
    const long = '各县（市、区）负责。'.repeat(250);
    const r: Reply = {
      blocks: [{ type: 'fields', fields: [{ label: '责任分工', value: long }, ...Array.from({ length: 30 }, (_, i) => ({ label: `单位${i}`, value: String(i) }))] }],
      ephemeral: false,
    };
    const messages = renderReply(r, opts);
    expectWithinLimits(messages);
    const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []));
    expect(fields.filter((f) => f.name.startsWith('责任分工')).map((f) => f.value).join('')).toBe(long);
    expect(fields[1]!.name).toBe('责任分工（续）');
    expect(fields).toHaveLength(3 + 30);
  });

  it('lays out buttons five to a row and five rows to a message, and clips labels to 80 characters', () => {
    const r: Reply = {
      blocks: [{ type: 'text', text: '请选择单位' }],
      actions: Array.from({ length: 27 }, (_, i) => ({ id: `pick:${i}`, label: `单位${i}`.padEnd(90, '甲') })),
      ephemeral: true,
    };
    const messages = renderReply(r, opts);
    expectWithinLimits(messages);
    const buttons = messages.flatMap((m) => m.components.flatMap((row) => row.components));
    expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(r.actions!.map((a) => a.id));
    for (const b of buttons) expect([...('label' in b ? (b.label ?? '') : '')].length).toBeLessThanOrEqual(80);
    expect(messages[1]!.content).toBe('请选择：');
  });

  it('renders mentions as real pings only for the users named, and clips the content to 2000 characters', () => {
    const ids = Array.from({ length: 150 }, (_, i) => `discord:${String(100000000000000000 + i)}`);
    const [m] = renderReply({ blocks: [{ type: 'text', text: '请以下报送人尽快报送' }], mentions: [...ids, 'slack:T1:U1'], ephemeral: false }, opts);
    expect(m!.content!.length).toBeLessThanOrEqual(2000);
    expect(m!.allowedMentions.parse).toEqual([]);
    expect(m!.allowedMentions.users).toHaveLength(100);
  });

  it('puts a title, colours errors red, and keeps attachments on the last message', () => {
    const messages = renderReply(
      {
        blocks: [
          { type: 'text', text: '导出失败', style: 'title' },
          { type: 'text', text: '期间格式不对：2025-13', style: 'error' },
        ],
        attachments: [{ filename: 'a.csv', contentType: 'text/csv', data: Buffer.from('\ufeffa,b') }],
        ephemeral: true,
      },
      opts,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.embeds[0]).toMatchObject({ title: '导出失败', description: '✖ 期间格式不对：2025-13', color: 0xc62828 });
    expect(messages[0]!.files.map((f) => f.name)).toEqual(['a.csv']);
  });
});

describe('modal pages', () => {
  const field = (key: string, label: string, unit?: string): FormField => ({ key, label, kind: 'integer', unit, required: true, min: 0, max: 500 });

  it('splits eleven fields into pages of 5, 5 and 1', () => {
    const fields = Array.from({ length: 11 }, (_, i) => field(`f${i}`, `字段${i}`));
    expect(paginate(fields).map((p) => p.length)).toEqual([5, 5, 1]);
  });

  it('keeps labels and titles within 45 characters and pre-fills what was typed', () => {
    const long = '引进国内外五百强企业及行业龙头企业投资建设的重大产业项目个数（含续建项目）';
    expect([...inputLabel(field('a', long, '个'))].length).toBeLessThanOrEqual(45);
    expect(inputLabel(field('b', '外出招商次数', '次'))).toBe('外出招商次数（次）');
    const s = new FormSessions().open(
      { id: 'x', title: '晋城经济技术开发区 2025-03 月度招商引资工作情况报送表', submitLabel: '提交', fields: Array.from({ length: 7 }, (_, i) => ({ ...field(`f${i}`, long), initial: String(i) })) },
      'discord:1',
    );
    const modal = buildModal(s, 1, 'zh-CN');
    expect([...modal.title].length).toBeLessThanOrEqual(45);
    expect(modal.title.endsWith('（2/2）')).toBe(true);
    expect(modal.components).toHaveLength(2);
    expect(modal.components.map((r) => ('components' in r ? r.components[0] : undefined))).toMatchObject([{ custom_id: 'f5', value: '5', placeholder: '整数 0–500' }, { custom_id: 'f6', value: '6' }]);
  });
});
