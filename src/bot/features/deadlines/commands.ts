/**
 * The reminder commands: `/remind status` (the dates of the month being chased, what was sent
 * and failed) and `/remind send` (remind the reporters of missing units now), plus the
 * 提醒未报单位 button of the missing list. They belong with the scheduler: the same reminder
 * message, the same calendar, the same delivery service (each reporter is reached on the
 * platform they are bound on). The reminders are sent before the reply is written, so the reply
 * counts what was delivered — not what was meant to be.
 */
import type { ReportStore } from '../../../reports/index.ts';
import { commandRef } from '../../core/commandRef.ts';
import type { BotContext, BotFeature, CommandHandler } from '../../core/context.ts';
import type { DeliveryService } from '../../core/delivery.ts';
import { DeliveryError } from '../../core/messenger.ts';
import { pick, tr, type Localized } from '../../core/i18n.ts';
import type { Block, Locale, Reply } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { monthArg, unitName } from '../../shared/format.ts';
import { reminderReply } from './messages.ts';
import { scheduleStatus, type DeadlineSetup } from './status.ts';

/** The id prefix of the 提醒未报单位 button (kept from when reminders lived in the reports feature, so old buttons work). */
export const REMIND_ACTION = 'report:remind:';

export function createRemindersFeature(deps: { store: ReportStore; deadlines: DeadlineSetup; delivery: DeliveryService }): BotFeature {
  const { store, deadlines, delivery } = deps;

  const remindStatus: CommandHandler = (_inv, ctx) => {
    const status = scheduleStatus(store, deadlines, ctx.locale, commandRef(ctx, 'remind', 'send'));
    return { blocks: status.blocks, ephemeral: true, data: status.data };
  };

  /** Reminds every reporter of every missing unit now; the reply counts what was delivered. */
  async function remindFor(month: string, ctx: BotContext): Promise<Reply> {
    const L = ctx.locale;
    const r = store.missing(month);
    if (r.missing.length === 0) return { blocks: [{ type: 'text', text: tr(L, `${month} 所有单位都已报送，无需提醒。`, `Everyone has reported for ${month}.`), style: 'success' }], ephemeral: true, data: { month, reminded: [], units: [], undelivered: [], unbound: [] } };
    const stage = r.overdue ? 'after' : 'manual';
    const delivered: Array<{ unit: string; userId: string }> = [];
    const undelivered: Array<{ unit: string; userId: string; reason: Localized }> = [];
    for (const x of r.missing) {
      for (const userId of x.reporters) {
        const locale = await delivery.localeOf(userId, L);
        try {
          await delivery.sendDirect(userId, reminderReply(store, { unit: x.unit, month, dueDay: r.deadline, stage }, locale), locale);
          delivered.push({ unit: x.unit, userId });
        } catch (err) {
          const reason = err instanceof DeliveryError ? err.reason : { zh: `发送失败：${String(err)}`, en: `sending failed: ${String(err)}` };
          undelivered.push({ unit: x.unit, userId, reason });
        }
      }
    }
    const reporters = [...new Set(delivered.map((d) => d.userId))];
    const units = [...new Set(delivered.map((d) => d.unit))];
    const unbound = r.missing.filter((x) => x.reporters.length === 0).map((x) => x.unit);
    const blocks: Block[] = [
      delivered.length
        ? { type: 'text', text: tr(L, `已向 ${units.length} 个单位的 ${reporters.length} 位报送人发送 ${month} 月报提醒：${listed(delivered, L)}。`, `Reminded ${reporters.length} reporter(s) of ${units.length} unit(s) for ${month}: ${listed(delivered, L)}.`), style: 'success' }
        : undelivered.length
          ? { type: 'text', text: tr(L, `${month} 月报提醒一条也没有送达。`, `No ${month} reminder was delivered.`), style: 'warning' }
          : { type: 'text', text: tr(L, `没有发送 ${month} 月报提醒：未报单位都没有绑定报送人。`, `No ${month} reminder sent: none of the units still missing has a reporter bound.`), style: 'warning' },
    ];
    if (undelivered.length) {
      blocks.push({ type: 'text', text: tr(L, `${undelivered.length} 条提醒未能送达，请通过其他方式通知：`, `${undelivered.length} reminder(s) could not be delivered; please reach them another way:`), style: 'warning' });
      blocks.push({ type: 'text', text: undelivered.map((u) => `${u.unit} ${u.userId}${tr(L, '：', ': ')}${pick(L, u.reason)}`).join('\n') });
    }
    if (unbound.length) blocks.push({ type: 'text', text: tr(L, `以下单位没有绑定报送人，无法提醒：${unbound.join('、')}`, `No reporter bound, not reminded: ${unbound.map((u) => unitName(store, u, L)).join(', ')}`), style: 'warning' });
    return {
      blocks,
      mentions: [...new Set([...reporters, ...undelivered.map((u) => u.userId)])],
      ephemeral: true,
      data: { month, reminded: reporters, units, undelivered: undelivered.map((u) => ({ unit: u.unit, userId: u.userId, reason: u.reason.en })), unbound },
    };
  }

  const remindSend: CommandHandler = (inv, ctx) => {
    const m = monthArg(store, inv, ctx.locale);
    if ('blocks' in m) return m;
    return remindFor(m.month, ctx);
  };

  const remindAction = (id: string, ctx: BotContext): Promise<Reply> | Reply => {
    if (!store.isCoordinator(ctx.user.id)) {
      store.recordRefusal(ctx.user.id, 'remind send', 'not a coordinator');
      return reply.error(ctx.locale, { zh: '「提醒」仅限协调员使用。', en: 'Reminders are for coordinators only.' });
    }
    const month = id.slice(REMIND_ACTION.length) || store.dueMonth();
    return remindFor(month, ctx);
  };

  return {
    commands: { 'remind.status': remindStatus, 'remind.send': remindSend },
    actions: { [REMIND_ACTION]: remindAction },
  };
}

/** `城区（console:liu）、泽州县（discord:42）`: each unit with the reporters it reached. */
function listed(delivered: Array<{ unit: string; userId: string }>, L: Locale): string {
  const byUnit = new Map<string, string[]>();
  for (const d of delivered) byUnit.set(d.unit, [...(byUnit.get(d.unit) ?? []), d.userId]);
  return [...byUnit].map(([unit, ids]) => tr(L, `${unit}（${ids.join('、')}）`, `${unit} (${ids.join(', ')})`)).join(tr(L, '、', ', '));
}
