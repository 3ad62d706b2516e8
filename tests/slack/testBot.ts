/**
 * A Bot for adapter tests, built from features that return every Reply shape the real features
 * return — a report form with bounds, field errors, a soft warning with confirm buttons, the
 * "本月无招商活动" button, citations, tables, files, direct messages — over an in-memory user
 * directory and an in-memory list of stored revisions. The adapter must render and route all
 * of them without knowing which feature they came from.
 */
import { Bot } from '../../src/bot/core/bot.ts';
import type { BotContext, BotFeature, UserDirectory } from '../../src/bot/core/context.ts';
import type { FormRequest } from '../../src/bot/core/form.ts';
import type { Locale, Reply } from '../../src/bot/core/reply.ts';
import { tr } from '../../src/bot/core/i18n.ts';

export interface Revision {
  userId: string;
  unit: string;
  month: string;
  values: Record<string, string>;
}

/** A gate a handler waits on, opened by the test: lets a test observe "acknowledged, not yet answered". */
export class Gate {
  private open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
}

export const QUOTE =
  '对年综合能源消费量不满1000吨标准煤，且年电力消费量不满500万千瓦时的固定资产投资项目，不单独进行节能审查。';

export function createTestBot(options: { gates?: { summary?: Gate; amend?: Gate; form?: Gate } } = {}) {
  const revisions: Revision[] = [];
  const pending = new Map<string, Revision>();
  const roles = new Map<string, { coordinator: boolean; units: string[] }>([
    ['slack:T1:U1', { coordinator: false, units: ['城区'] }],
    ['slack:T1:UC', { coordinator: true, units: [] }],
  ]);
  const locales = new Map<string, Locale>();
  const directory: UserDirectory = {
    rolesOf: (id) => roles.get(id) ?? { coordinator: false, units: [] },
    recordRefusal: () => undefined,
    getLocale: (id) => locales.get(id),
    setLocale: (id, l) => void locales.set(id, l),
  };

  const form = (unit: string, month: string, locale: Locale, initial: Record<string, string> = {}): FormRequest => ({
    id: `report:form:${unit}:${month}`,
    // Longer than Slack's 24-character title limit on purpose.
    title: tr(locale, `${unit} ${month} 招商引资工作情况月度统计报表填报`, `${unit} ${month} monthly investment report`),
    submitLabel: tr(locale, '提交', 'Submit'),
    fields: [
      { key: 'outbound_trips', label: tr(locale, '外出招商次数', 'Outbound trips'), kind: 'integer', unit: '次', min: 0, max: 99, required: true, initial: initial.outbound_trips },
      { key: 'signed_investment', label: tr(locale, '签约投资额', 'Signed investment'), kind: 'decimal', unit: '亿元', min: 0, max: 10000, decimals: 2, required: true, initial: initial.signed_investment },
      { key: 'notes', label: tr(locale, '备注', 'Notes'), kind: 'text', multiline: true, maxLength: 500, required: false, initial: initial.notes },
    ],
  });

  const formReply = (unit: string, month: string, ctx: BotContext, initial?: Record<string, string>): Reply => ({
    blocks: [{ type: 'text', text: tr(ctx.locale, `${unit} ${month} 月报`, `${unit} ${month} report`), style: 'normal' }],
    ephemeral: true,
    form: form(unit, month, ctx.locale, initial),
    actions: [{ id: `report:none:${unit}:${month}`, label: '本月无招商活动', style: 'secondary' }],
  });

  const stored = (rev: Revision, ctx: BotContext): Reply => {
    revisions.push(rev);
    return {
      blocks: [
        { type: 'text', text: tr(ctx.locale, `已提交 ${rev.unit} ${rev.month} 月报（第 ${revisions.length} 版）`, `Submitted ${rev.unit} ${rev.month}`), style: 'success' },
        { type: 'fields', fields: Object.entries(rev.values).map(([label, value]) => ({ label, value })) },
      ],
      ephemeral: true,
    };
  };

  const reports: BotFeature = {
    commands: {
      'report.submit': (inv, ctx) => formReply(String(inv.options.unit ?? '城区'), String(inv.options.month ?? '2025-03'), ctx),
      'report.amend': async (inv, ctx) => {
        await options.gates?.amend?.opened;
        const unit = String(inv.options.unit ?? '城区');
        return formReply(unit, String(inv.options.month ?? '2025-03'), ctx, { outbound_trips: '2', signed_investment: '1.5' });
      },
      'report.none': (inv, ctx) =>
        stored({ userId: ctx.user.id, unit: String(inv.options.unit ?? '城区'), month: String(inv.options.month ?? '2025-03'), values: { outbound_trips: '0', signed_investment: '0' } }, ctx),
      summary: async (_inv, ctx) => {
        await options.gates?.summary?.opened;
        return {
          blocks: [{ type: 'table', title: tr(ctx.locale, '2025-03 汇总', 'Summary 2025-03'), columns: ['单位', '外出招商'], rows: [['城区', '2'], ['合计', '2']] }],
          ephemeral: false,
        };
      },
      export: () => ({
        blocks: [{ type: 'text', text: '已导出 2025-03', style: 'success' }],
        ephemeral: true,
        attachments: [{ filename: 'policy-desk-2025-03.csv', contentType: 'text/csv', data: Buffer.from('\ufeff单位,外出招商\n城区,2\n', 'utf8') }],
      }),
      'remind.send': () => ({
        blocks: [{ type: 'text', text: '已提醒 2 位报送人', style: 'success' }],
        ephemeral: true,
        directMessages: [
          { userId: 'slack:T1:U1', reply: { blocks: [{ type: 'text', text: '请尽快填报 2025-03 月报' }], ephemeral: false, actions: [{ id: 'report:none:城区:2025-03', label: '本月无招商活动' }] } },
          { userId: 'slack:T1:UGONE', reply: { blocks: [{ type: 'text', text: '请尽快填报 2025-03 月报' }], ephemeral: false } },
        ],
      }),
    },
    forms: {
      'report:form:': async (id, values, ctx) => {
        await options.gates?.form?.opened;
        const [, , unit = '', month = ''] = id.split(':');
        const errors: Record<string, string> = {};
        const trips = Number(values.outbound_trips);
        if (!Number.isInteger(trips) || trips < 0 || trips > 99) errors.outbound_trips = tr(ctx.locale, '外出招商次数应为 0–99 的整数', 'Outbound trips must be a whole number 0–99');
        if (!/^\d+(\.\d{1,2})?$/.test(values.signed_investment ?? '')) errors.signed_investment = tr(ctx.locale, '签约投资额最多两位小数', 'At most two decimals');
        if (Object.keys(errors).length > 0) return { blocks: [{ type: 'text', text: '请更正', style: 'error' }], ephemeral: true, fieldErrors: errors, isError: true };
        const rev = { userId: ctx.user.id, unit, month, values };
        if (Number(values.signed_investment) > 100) {
          const token = `${unit}:${month}:${pending.size + 1}`;
          pending.set(token, rev);
          return {
            blocks: [{ type: 'text', text: tr(ctx.locale, `签约投资额 ${values.signed_investment} 亿元明显高于往月，确认无误？`, 'Signed investment is far above usual; confirm?'), style: 'warning' }],
            ephemeral: true,
            actions: [
              { id: `report:confirm:${token}`, label: tr(ctx.locale, '确认提交', 'Confirm'), style: 'primary' },
              { id: `report:edit:${token}`, label: tr(ctx.locale, '返回修改', 'Edit') },
            ],
          };
        }
        return stored(rev, ctx);
      },
    },
    actions: {
      'report:confirm:': (id, ctx) => {
        const rev = pending.get(id.slice('report:confirm:'.length));
        if (!rev) return { blocks: [{ type: 'text', text: '已过期', style: 'error' }], ephemeral: true, isError: true };
        pending.delete(id.slice('report:confirm:'.length));
        return stored(rev, ctx);
      },
      'report:edit:': (id, ctx) => {
        const rev = pending.get(id.slice('report:edit:'.length))!;
        return formReply(rev.unit, rev.month, ctx, rev.values);
      },
      'report:none:': (id, ctx) => {
        const [, , unit = '', month = ''] = id.split(':');
        return stored({ userId: ctx.user.id, unit, month, values: { outbound_trips: '0', signed_investment: '0' } }, ctx);
      },
    },
  };

  const citation = { type: 'citation' as const, docNo: '晋市政办〔2024〕32号', title: '晋城市消费品工业招商引资工作方案', path: '三、（二）2', quote: QUOTE, units: ['市发展改革委'] };
  const policy: BotFeature = {
    commands: {
      search: (inv, ctx) => ({
        blocks: [{ type: 'text', text: tr(ctx.locale, `条文检索：${inv.options.query}（1 条）`, `Clause search: ${inv.options.query} (1)`), style: 'title' }, citation],
        ephemeral: true,
      }),
      ask: (inv, ctx) => ({
        blocks: [
          { type: 'text', text: tr(ctx.locale, '结论：需要节能审查', 'Verdict: an energy review is required'), style: 'success' },
          { type: 'text', text: `问题：${inv.options.question}`, style: 'muted' },
          citation,
        ],
        ephemeral: true,
      }),
      help: (_inv, ctx) => ({ blocks: [{ type: 'text', text: tr(ctx.locale, '使用说明', 'How to use') }], ephemeral: true }),
      lang: (inv, ctx) => {
        directory.setLocale(ctx.user.id, inv.options.locale as Locale);
        return { blocks: [{ type: 'text', text: 'ok', style: 'success' }], ephemeral: true };
      },
      // Sixty clauses: more than one Slack message may hold.
      missing: () => ({ blocks: Array.from({ length: 60 }, (_, i) => ({ ...citation, path: `一、（${i + 1}）` })), ephemeral: true }),
    },
  };

  const bot = new Bot({ features: [reports, policy], directory });
  return { bot, revisions, directory, roles };
}
