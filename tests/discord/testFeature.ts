/**
 * A small but realistic feature for driving the adapter before (and independently of) the real
 * reports feature: a seven-field monthly form with validation, a confirmation card, reminders
 * as direct messages, an export file, a long table and a long clause.
 */
import { Bot } from '../../src/bot/core/bot.ts';
import { hostFor } from '../../src/bot/core/pipeline.ts';
import type { BotFeature, UserDirectory } from '../../src/bot/core/context.ts';
import type { FormRequest } from '../../src/bot/core/form.ts';
import type { Locale, Reply } from '../../src/bot/core/reply.ts';
import type { DiscordApp } from '../../src/adapters/discord/adapter.ts';

export const COORDINATOR = '900000000000000009';
export const REPORTER = '111111111111111111';

export function memoryDirectory(): UserDirectory & { refusals: string[] } {
  const locales = new Map<string, Locale>();
  const refusals: string[] = [];
  return {
    refusals,
    rolesOf: (id) => ({ coordinator: id === `discord:${COORDINATOR}`, units: id === `discord:${REPORTER}` ? ['城区'] : [] }),
    recordRefusal: (id, what) => void refusals.push(`${id} ${what}`),
    getLocale: (id) => locales.get(id),
    setLocale: (id, l) => void locales.set(id, l),
  };
}

export const FORM_KEYS = ['outbound_trips', 'events', 'projects_docked', 'projects_signed', 'signed_investment', 'projects_started', 'notes'];

function monthlyForm(unit: string, month: string, initial: Record<string, string> = {}): FormRequest {
  const labels: Record<string, string> = {
    outbound_trips: '外出招商次数',
    events: '举办招商活动场次',
    projects_docked: '对接洽谈项目个数',
    projects_signed: '新签约项目个数',
    signed_investment: '签约金额',
    projects_started: '新开工项目个数',
    notes: '备注',
  };
  return {
    id: `test:form:${unit}:${month}`,
    title: `${unit} ${month} 月报`,
    submitLabel: '提交',
    fields: FORM_KEYS.map((key) => ({
      key,
      label: labels[key]!,
      kind: key === 'notes' ? ('text' as const) : key === 'signed_investment' ? ('decimal' as const) : ('integer' as const),
      unit: key === 'signed_investment' ? '亿元' : key === 'notes' ? undefined : '个',
      min: key === 'notes' ? undefined : 0,
      required: key !== 'notes',
      multiline: key === 'notes',
      maxLength: key === 'notes' ? 500 : undefined,
      initial: initial[key],
    })),
  };
}

export const LONG_QUOTE = '各县（市、区）、开发区要建立招商项目月报制度，每月5日前报送上月招商引资工作进展情况。'.repeat(120);

export const submissions: Array<{ id: string; values: Record<string, string> }> = [];

export const testFeature: BotFeature = {
  commands: {
    'report.submit': (inv) => ({ blocks: [], ephemeral: true, form: monthlyForm(String(inv.options.unit ?? '城区'), String(inv.options.month ?? '2025-03')) }),
    'report.show': () => ({
      blocks: [
        { type: 'text', text: '城区 2025-03 月报', style: 'title' },
        { type: 'fields', fields: [{ label: '外出招商次数', value: '2 个' }] },
      ],
      ephemeral: true,
    }),
    search: (inv) => ({
      blocks: [
        { type: 'text', text: `「${String(inv.options.query)}」找到 1 条`, style: 'title' },
        { type: 'citation', docNo: '晋市政办〔2024〕32号', title: '晋城市消费品工业招商引资工作方案', path: '三、（二）', quote: LONG_QUOTE, units: ['市商务局', '各县（市、区）人民政府'] },
      ],
      ephemeral: true,
    }),
    summary: () => ({
      blocks: [
        {
          type: 'table',
          title: '2025-03 汇总',
          columns: ['单位', '外出招商', '对接项目', '签约金额（亿元）'],
          rows: Array.from({ length: 300 }, (_, i) => [`单位${i + 1}`, String(i % 4), String(i % 7), (i / 10).toFixed(1)]),
        },
      ],
      ephemeral: false,
    }),
    export: () => ({
      blocks: [{ type: 'text', text: '已导出 2025-03 月报。', style: 'success' }],
      ephemeral: false,
      attachments: [{ filename: 'policy-desk-2025-03.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from('PK fake xlsx') }],
    }),
    missing: () => ({
      blocks: [{ type: 'text', text: '2025-03 未报：沁水县（报送人 <@222222222222222222>）' }],
      ephemeral: false,
      mentions: ['discord:222222222222222222'],
      actions: [{ id: 'test:remind:2025-03:' + 'x'.repeat(120), label: '立即提醒', style: 'primary' }],
    }),
    'remind.send': () => ({
      blocks: [{ type: 'text', text: '已向 3 位报送人发送提醒。', style: 'success' }],
      ephemeral: false,
      directMessages: [
        { userId: 'discord:333333333333333333', reply: { blocks: [{ type: 'text', text: '请尽快报送 2025-03 月报。' }], ephemeral: false } },
        { userId: 'discord:444444444444444444', reply: { blocks: [{ type: 'text', text: '请尽快报送 2025-03 月报。' }], ephemeral: false } },
        { userId: 'slack:T1:U1', reply: { blocks: [{ type: 'text', text: '请尽快报送 2025-03 月报。' }], ephemeral: false } },
      ],
    }),
  },
  actions: {
    'test:remind:': () => ({ blocks: [{ type: 'text', text: '已提醒沁水县。', style: 'success' }], ephemeral: true }),
    'test:confirm:': (id) => ({ blocks: [{ type: 'text', text: `已提交（${id.slice('test:confirm:'.length)}）`, style: 'success' }], ephemeral: true }),
    'test:edit:': (id) => {
      const [unit, month] = id.slice('test:edit:'.length).split(':');
      return { blocks: [], ephemeral: true, form: monthlyForm(unit!, month!, submissions.at(-1)?.values) };
    },
  },
  forms: {
    'test:form:': (id, values): Reply => {
      const [unit, month] = id.slice('test:form:'.length).split(':');
      const errors: Record<string, string> = {};
      for (const key of FORM_KEYS) {
        if (key === 'notes') continue;
        const v = (values[key] ?? '').trim();
        if (!/^\d+(\.\d+)?$/.test(v)) errors[key] = `「${v}」不是有效数字`;
      }
      if (Object.keys(errors).length > 0) return { blocks: [{ type: 'text', text: '有填写错误，请修改。', style: 'error' }], ephemeral: true, isError: true, fieldErrors: errors };
      submissions.push({ id, values });
      return {
        blocks: [
          { type: 'text', text: `请确认 ${unit} ${month} 月报`, style: 'title' },
          { type: 'fields', fields: FORM_KEYS.map((k) => ({ label: k, value: values[k] || '—' })) },
        ],
        ephemeral: true,
        actions: [
          { id: `test:confirm:${unit}:${month}`, label: '确认提交', style: 'success' },
          { id: `test:edit:${unit}:${month}`, label: '修改', style: 'secondary' },
        ],
      };
    },
  },
};

export function testApp(extra: BotFeature[] = []): DiscordApp & { directory: ReturnType<typeof memoryDirectory> } {
  const directory = memoryDirectory();
  const bot = new Bot({ features: [testFeature, ...extra], directory });
  return { ...hostFor(bot, { defaultLocale: 'zh-CN', now: () => new Date('2025-04-03T09:00:00+08:00') }), directory };
}
