/**
 * Block Kit rendering on its own: Slack's limits, verbatim quotes, mentions, field errors.
 */
import { describe, expect, it } from 'vitest';
import {
  chunk,
  decodeAction,
  encodeAction,
  fit,
  LIMITS,
  renderMessage,
} from '../../src/adapters/slack/blockKit.ts';
import { renderFieldErrors, renderFormView } from '../../src/adapters/slack/modals.ts';
import { plainCommandText } from '../../src/adapters/slack/index.ts';
import type { Reply } from '../../src/bot/core/reply.ts';

describe('fit and chunk', () => {
  it('cuts to the limit with an ellipsis and never halves a surrogate pair', () => {
    const s = '𠀀'.repeat(30); // each is two UTF-16 units
    const cut = fit(s, 24);
    expect(cut.length).toBeLessThanOrEqual(24);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe('𠀀'.repeat(11));
  });

  it('leaves text within the limit untouched', () => {
    expect(fit('城区 2025-03 月报', 24)).toBe('城区 2025-03 月报');
  });

  it('splits long text into pieces that join back to the original exactly', () => {
    const s = `${'条'.repeat(2500)}\n${'款'.repeat(2500)}𠀀${'文'.repeat(3000)}`;
    const pieces = chunk(s, 3000);
    expect(pieces.join('')).toBe(s);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
  });
});

describe('renderMessage', () => {
  it('splits a quote longer than one section across sections without dropping a character', () => {
    const quote = '第一条 '.repeat(1500);
    const r: Reply = { blocks: [{ type: 'citation', docNo: '晋政办发〔2024〕31号', title: '山西省方案', path: '一、（一）', quote }], ephemeral: true };
    const { blocks } = renderMessage(r, 'zh-CN');
    const texts = blocks.filter((b) => b.type === 'section').map((b) => (b as { text: { text: string } }).text.text);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts.join('').replace(/\n>/g, '\n')).toContain(quote.trimEnd());
  });

  it('escapes mrkdwn control characters and renders slack user ids as mentions', () => {
    const r: Reply = { blocks: [{ type: 'text', text: '提醒 slack:T1:U42：收入<100 & 支出>0' }], ephemeral: true };
    const { blocks } = renderMessage(r, 'zh-CN');
    expect((blocks[0] as { text: { text: string } }).text.text).toBe('提醒 <@U42>：收入&lt;100 &amp; 支出&gt;0');
  });

  it('puts at most ten fields in a section', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `项${i}`, value: String(i) }));
    const { blocks } = renderMessage({ blocks: [{ type: 'fields', fields }], ephemeral: true }, 'zh-CN');
    expect(blocks.map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 10, 3]);
  });

  it('keeps button labels within 75 characters and routes a long action id through the value', () => {
    const longId = `report:confirm:${'x'.repeat(300)}`;
    const { blocks } = renderMessage({ blocks: [], ephemeral: true, actions: [{ id: longId, label: '确'.repeat(100), style: 'danger' }] }, 'zh-CN');
    const button = (blocks[0] as { elements: Array<{ action_id: string; value: string; text: { text: string }; style?: string }> }).elements[0]!;
    expect(button.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(button.action_id.length).toBeLessThanOrEqual(LIMITS.actionId);
    expect(button.style).toBe('danger');
    expect(decodeAction(button)).toBe(longId);
    expect(decodeAction(encodeAction('report:none:城区:2025-03', 0))).toBe('report:none:城区:2025-03');
  });
});

describe('forms', () => {
  const form = {
    id: 'report:form:城区:2025-03',
    title: '城区 2025-03 月报',
    submitLabel: '提交',
    fields: [
      { key: 'events', label: '举办活动', kind: 'integer' as const, unit: '场', min: 0, max: 50, required: true },
      { key: 'investment_in_place', label: '到位资金', kind: 'decimal' as const, unit: '亿元', min: 0, decimals: 2, required: false, initial: '1.25' },
    ],
  };

  it('renders bounds, decimals and the initial value from the field definition', () => {
    const view = renderFormView(form, undefined, 'en');
    const inputs = view.blocks as unknown as Array<{ block_id: string; element: Record<string, unknown>; hint?: { text: string }; optional: boolean }>;
    expect(inputs[0]).toMatchObject({ block_id: 'f:events', optional: false, element: { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '50' } });
    expect(inputs[0]!.hint!.text).toBe('whole number, 0–50');
    expect(inputs[1]).toMatchObject({ optional: true, element: { is_decimal_allowed: true, initial_value: '1.25' } });
    expect(inputs[1]!.element.max_value).toBeUndefined();
    expect(view.submit!.text).toBe('提交');
  });

  it('cuts a form title longer than a Slack modal title (24 characters) with an ellipsis', () => {
    const view = renderFormView({ ...form, title: '城区 2025-03 招商引资工作情况月度统计报表填报' }, undefined, 'zh-CN');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
  });

  it('maps field errors to block ids, putting an error for an unknown key on the first field', () => {
    expect(renderFieldErrors({ investment_in_place: '最多两位小数', total: '合计不符' }, ['events', 'investment_in_place'])).toEqual({
      'f:investment_in_place': '最多两位小数',
      'f:events': '合计不符',
    });
  });
});

describe('plainCommandText', () => {
  it('turns an escaped mention into the slack user id and decodes entities', () => {
    expect(plainCommandText('bind <@U9ABC|wang> 城区 &lt;备注&gt; &amp;', 'T1')).toBe('bind slack:T1:U9ABC 城区 <备注> &');
  });

  it('reduces channel references and links to their labels', () => {
    expect(plainCommandText('<#C1|general> <https://example.com|链接> <https://x.org>', 'T1')).toBe('general 链接 https://x.org');
  });
});
