/**
 * The reminder commands: `/remind status` (the dates of the month being chased, what was sent
 * and failed) and `/remind send` (remind the reporters of missing units now), plus the
 * 提醒未报单位 button of the missing list. They belong with the scheduler: the same reminder
 * message, the same calendar. Delivery is the core's: the DMs ride on the Reply and reach each
 * reporter on the platform they are bound on.
 */
import type { ReportStore } from '../../../reports/index.ts';
import { commandRef } from '../../core/commandRef.ts';
import type { BotContext, BotFeature, CommandHandler } from '../../core/context.ts';
import { tr } from '../../core/i18n.ts';
import type { Block, DirectMessage, Reply } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { monthArg } from '../../shared/format.ts';
import { reminderReply } from './messages.ts';
import { scheduleStatus, type DeadlineSetup } from './status.ts';

/** The id prefix of the 提醒未报单位 button (kept from when reminders lived in the reports feature, so old buttons work). */
export const REMIND_ACTION = 'report:remind:';

export function createRemindersFeature(deps: { store: ReportStore; deadlines: DeadlineSetup }): BotFeature {
  const { store, deadlines } = deps;

  const remindStatus: CommandHandler = (_inv, ctx) => {
    const status = scheduleStatus(store, deadlines, ctx.locale, commandRef(ctx, 'remind', 'send'));
    return { blocks: status.blocks, ephemeral: true, data: status.data };
  };

  function remindFor(month: string, ctx: BotContext): Reply {
    const L = ctx.locale;
    const r = store.missing(month);
    const dms: DirectMessage[] = [];
    for (const x of r.missing) {
      for (const u of x.reporters) {
        const stage = r.overdue ? 'after' : 'manual';
        dms.push({ userId: u, reply: reminderReply(store, { unit: x.unit, month, dueDay: r.deadline, stage }, store.getLocale(u) ?? L) });
      }
    }
    const unbound = r.missing.filter((x) => x.reporters.length === 0).map((x) => x.unit);
    const blocks: Block[] = [
      { type: 'text', text: r.missing.length ? tr(L, `已向 ${dms.length} 位报送人发送 ${month} 月报提醒（${r.missing.map((x) => x.unit).join('、')}）。`, `Sent ${dms.length} reminders for ${month}.`) : tr(L, `${month} 所有单位都已报送，无需提醒。`, `Everyone has reported for ${month}.`), style: 'success' },
    ];
    if (unbound.length) blocks.push({ type: 'text', text: tr(L, `以下单位没有绑定报送人，无法提醒：${unbound.join('、')}`, `No reporter bound, not reminded: ${unbound.join(', ')}`), style: 'warning' });
    return { blocks, directMessages: dms, mentions: dms.map((d) => d.userId), ephemeral: true, data: { month, reminded: dms.map((d) => d.userId), units: r.missing.map((x) => x.unit), unbound } };
  }

  const remindSend: CommandHandler = (inv, ctx) => {
    const m = monthArg(store, inv, ctx.locale);
    if ('blocks' in m) return m;
    return remindFor(m.month, ctx);
  };

  const remindAction = (id: string, ctx: BotContext): Reply => {
    if (!store.isCoordinator(ctx.user.id)) {
      store.recordRefusal(ctx.user.id, 'remind send', 'not a coordinator');
      return reply.error(tr(ctx.locale, '「提醒」仅限协调员使用。', 'Reminders are for coordinators only.'));
    }
    const month = id.slice(REMIND_ACTION.length) || store.dueMonth();
    return remindFor(month, ctx);
  };

  return {
    commands: { 'remind.status': remindStatus, 'remind.send': remindSend },
    actions: { [REMIND_ACTION]: remindAction },
  };
}
