/**
 * The messages of the deadline scheduler, as platform-neutral Replies: a reporter's reminder,
 * the coordinators' escalation, the live status board, the mid-quarter "at risk" notice, the
 * quarter digest, and the notice of reminders that could not be delivered.
 *
 * `/remind send` uses the same reminder, so a reminder reads the same whoever sent it.
 */
import type { MissingReport, ReminderStage, ReportStore, UnitCompliance } from '../../../reports/index.ts';
import { formatDay, QUOTA_OUTCOME } from '../../../reports/index.ts';
import { tr } from '../../core/i18n.ts';
import { reportIds } from '../../shared/reportIds.ts';
import { notDueWords } from '../../shared/compliance.ts';
import type { Block, Locale, Reply } from '../../core/reply.ts';
import type { Localized } from '../../../text/locale.ts';

/** Button ids that open the month's form (routed to the reports feature's `report:pick:` action). */
function formButtons(store: ReportStore, unit: string, month: string, L: Locale): Reply['actions'] {
  return [
    { id: reportIds.pick({ sub: 'submit', unit, month }), label: tr(L, '填报', 'Submit'), style: 'primary' },
    { id: reportIds.pick({ sub: 'none', unit, month }), label: tr(L, '本月无招商活动', 'No activity this month'), style: 'secondary' },
  ];
}

const STAGE_LEAD: Record<ReminderStage | 'manual', Localized> = {
  before: { zh: '即将截止', en: 'Due soon' },
  due: { zh: '今天截止', en: 'Due today' },
  after: { zh: '已逾期', en: 'Overdue' },
  manual: { zh: '提醒', en: 'Reminder' },
};

/**
 * A reporter's reminder for one unit and month, with the form one click away. `dueDay` is the
 * last on-time day (YYYY-MM-DD); a `due` reminder sent before a holiday names it too.
 */
export function reminderReply(store: ReportStore, opts: { unit: string; month: string; dueDay: string; stage: ReminderStage | 'manual' }, L: Locale): Reply {
  const { unit, month, dueDay, stage } = opts;
  const lead = tr(L, STAGE_LEAD[stage].zh, STAGE_LEAD[stage].en);
  const text = stage === 'after'
    ? tr(L, `${lead}：${unit} ${month} 月报应于 ${dueDay} 前报送，目前仍未收到。请尽快填报；本月无活动请点「本月无招商活动」。`,
        `${lead}: ${unit}'s ${month} report was due by ${dueDay} and has not arrived. Please submit it now, or report no activity.`)
    : tr(L, `${lead}：${unit} ${month} 月报请于 ${dueDay} 前报送。点「填报」打开表单；本月无活动请点「本月无招商活动」。`,
        `${lead}: ${unit}'s ${month} report is due by ${dueDay}. Press Submit to open the form, or report no activity.`);
  return { blocks: [{ type: 'text', text, style: stage === 'after' ? 'warning' : 'normal' }], actions: formButtons(store, unit, month, L), ephemeral: false };
}

/** The coordinators' escalation: units still missing after the due day, with their reporters. */
export function escalationReply(m: MissingReport, L: Locale): Reply {
  const lines = m.missing.map((x) => `• ${x.unit}  ${x.reporters.length ? x.reporters.join(' ') : tr(L, '（未绑定报送人）', '(no reporter bound)')}`);
  return {
    blocks: [
      { type: 'text', text: tr(L, `${m.month} 月报逾期未报（截止 ${m.deadline}）`, `${m.month} reports overdue (due ${m.deadline})`), style: 'title' },
      { type: 'text', text: lines.join('\n'), style: 'warning' },
      { type: 'fields', fields: [
        { label: tr(L, '报送率', 'Completeness'), value: `${m.completeness}%` },
        { label: tr(L, '按时率', 'On time'), value: `${m.onTimeRate}%` },
      ] },
    ],
    actions: [{ id: `report:remind:${m.month}`, label: tr(L, '再次提醒', 'Remind again'), style: 'primary' }],
    mentions: m.missing.flatMap((x) => x.reporters),
    ephemeral: false,
  };
}

const BOARD_MARK = { on_time: '✅', late: '⏰', missing: '❌', excused: '➖' } as const;

/**
 * The live status board of a month: one line per expected unit (✅ on time / ⏰ late /
 * ❌ missing / ➖ excused) and the completeness. It carries no clock time, so rendering it again
 * with nothing changed gives the same text and the message is not edited for nothing.
 */
export function boardReply(store: ReportStore, month: string, L: Locale): Reply {
  const views = store.monthViews(month);
  const m = store.missing(month);
  const day = (iso?: string) => (iso ? formatDay(new Date(iso)).slice(5) : '');
  const lines = views.map((v) => {
    const what =
      v.status === 'on_time' ? tr(L, `按时 ${day(v.firstSubmittedAt)}`, `on time ${day(v.firstSubmittedAt)}`)
      : v.status === 'late' ? tr(L, `迟报 ${day(v.firstSubmittedAt)}`, `late ${day(v.firstSubmittedAt)}`)
      : v.status === 'excused' ? tr(L, `免报${v.excused?.reason ? `（${v.excused.reason}）` : ''}`, `excused${v.excused?.reason ? ` (${v.excused.reason})` : ''}`)
      : m.overdue ? tr(L, '逾期未报', 'missing') : tr(L, '未报', 'not yet');
    const extra = v.noActivity ? tr(L, ' · 无招商活动', ' · no activity') : v.revisions > 1 ? tr(L, ` · 已更正 ${v.revisions - 1} 次`, ` · amended ×${v.revisions - 1}`) : '';
    return `${BOARD_MARK[v.status]} ${v.unit} — ${what}${extra}`;
  });
  return {
    blocks: [
      { type: 'text', text: tr(L, `${month} 月报报送看板`, `${month} report board`), style: 'title' },
      { type: 'fields', fields: [
        { label: tr(L, '截止', 'Due'), value: `${m.deadline}${m.overdue ? tr(L, '（已过）', ' (passed)') : ''}` },
        { label: tr(L, '报送率', 'Completeness'), value: `${m.completeness}%（${m.onTime.length + m.late.length}/${m.expected}）` },
        { label: tr(L, '按时率', 'On time'), value: `${m.onTimeRate}%` },
      ] },
      { type: 'text', text: lines.join('\n') },
    ],
    ephemeral: false,
  };
}

function cite(units: UnitCompliance[]): Block[] {
  const c = units[0]?.citations[0];
  return c ? [{ type: 'citation', docNo: c.docNo, title: c.docNo, path: c.path, quote: c.text }] : [];
}

/** Mid-quarter: the units at risk of missing the quarterly quota, and what each still needs. */
export function atRiskReply(quarter: string, atRisk: UnitCompliance[], L: Locale): Reply {
  const lines = atRisk.map((u) => {
    const need: string[] = [];
    if (u.stillNeeded.outbound_trips > 0) need.push(tr(L, `外出招商还需 ${u.stillNeeded.outbound_trips} 次`, `${u.stillNeeded.outbound_trips} more trip(s)`));
    if (u.stillNeeded.projects_docked > 0) need.push(tr(L, `对接项目还需 ${u.stillNeeded.projects_docked} 个`, `${u.stillNeeded.projects_docked} more docked project(s)`));
    return `• ${u.unit}：${need.join('，')}（${tr(L, `已外出 ${u.outbound_trips} 次、对接 ${u.projects_docked} 个，剩 ${u.monthsLeft} 个月`, `${u.outbound_trips} trips, ${u.projects_docked} docked so far, ${u.monthsLeft} month(s) left`)}）`;
  });
  return {
    blocks: [
      { type: 'text', text: tr(L, `${quarter} 季度招商任务：以下单位有完不成的风险`, `${quarter} quarterly quota: units at risk`), style: 'title' },
      { type: 'text', text: lines.join('\n'), style: 'warning' },
      ...cite(atRisk),
    ],
    ephemeral: false,
  };
}

const OUTCOME_MARK: Record<string, string> = { met: '✅', not_met: '❌', undetermined: '❔' };

/** The quarter's quota digest: met / not met per unit, the shortfall, and the months never reported. */
export function digestReply(quarter: string, units: UnitCompliance[], L: Locale): Reply {
  const rows = units.map((u) => {
    const short: string[] = [];
    if (u.outcome === 'not_met') {
      if (u.stillNeeded.outbound_trips > 0) short.push(tr(L, `外出差 ${u.stillNeeded.outbound_trips} 次`, `${u.stillNeeded.outbound_trips} trip(s) short`));
      if (u.stillNeeded.projects_docked > 0) short.push(tr(L, `对接差 ${u.stillNeeded.projects_docked} 个`, `${u.stillNeeded.projects_docked} project(s) short`));
    }
    if (u.missingMonths.length) short.push(tr(L, `缺报 ${u.missingMonths.join('、')}`, `missing ${u.missingMonths.join(', ')}`));
    if (u.notDueMonths.length) short.push(u.notDueMonths.map((m) => notDueWords(m, L)).join(tr(L, '、', ', ')));
    // An excused month reads as on the board: ➖ 免报, never 缺报.
    if (u.excusedMonths.length) short.push(tr(L, `➖ 免报 ${u.excusedMonths.join('、')}`, `➖ excused ${u.excusedMonths.join(', ')}`));
    return [u.unit, String(u.outbound_trips), String(u.projects_docked), `${OUTCOME_MARK[u.outcome] ?? ''} ${tr(L, QUOTA_OUTCOME[u.outcome]?.zh ?? u.outcome, QUOTA_OUTCOME[u.outcome]?.en ?? u.outcome)}`.trim(), short.join('；') || '—'];
  });
  const count = (o: string) => units.filter((u) => u.outcome === o).length;
  return {
    blocks: [
      { type: 'text', text: tr(L, `${quarter} 季度招商任务完成情况`, `${quarter} quarterly quota digest`), style: 'title' },
      { type: 'text', text: tr(L, `达标 ${count('met')} 个，未达标 ${count('not_met')} 个，无法判定 ${count('undetermined')} 个（缺少月报）。`, `${count('met')} met, ${count('not_met')} not met, ${count('undetermined')} undetermined (missing reports).`) },
      { type: 'table', columns: [tr(L, '单位', 'Unit'), tr(L, '外出招商', 'Trips'), tr(L, '对接项目', 'Docked'), tr(L, '结论', 'Outcome'), tr(L, '差额/缺报', 'Shortfall / missing')], rows },
      ...cite(units),
    ],
    ephemeral: false,
  };
}

/** Reminders that could not be delivered (closed DMs, no reporter bound, no chat account). */
export function deliveryFailuresReply(failures: Array<{ who: string; unit: string; reason: Localized }>, L: Locale): Reply {
  return {
    blocks: [
      { type: 'text', text: tr(L, `${failures.length} 条报送提醒未能送达，请通过其他方式通知：`, `${failures.length} reminder(s) could not be delivered; please reach them another way:`), style: 'warning' },
      { type: 'fields', fields: failures.map((f) => ({ label: `${f.unit} ${f.who}`, value: tr(L, f.reason.zh, f.reason.en) })) },
    ],
    mentions: failures.map((f) => f.who).filter((w) => w.includes(':')),
    ephemeral: false,
  };
}

/**
 * A notice the coordinators' channel refused twice, sent to each coordinator by DM instead:
 * the notice itself, after one line saying why it comes this way.
 */
export function channelFallbackReply(notice: Reply, surface: string, reason: Localized, L: Locale): Reply {
  const lead: Block = {
    type: 'text',
    text: tr(L, `协调员频道（${surface}）发送失败：${reason.zh}。以下通知改为私信发送。`, `The coordinators' channel (${surface}) refused this notice: ${reason.en}. It comes by direct message instead.`),
    style: 'muted',
  };
  return { ...notice, blocks: [lead, ...notice.blocks], ephemeral: false };
}

/** To each coordinator by DM when the month's status board could not be posted twice: why, and the next attempt. */
export function boardRefusedReply(month: string, surface: string, reason: Localized, retryAt: string, L: Locale): Reply {
  return {
    blocks: [
      {
        type: 'text',
        text: tr(
          L,
          `${month} 月报报送看板无法发布到协调员频道（${surface}）：${reason.zh}。请确认机器人已加入该频道；将于 ${retryAt} 自动重试。`,
          `The ${month} status board could not be posted to the coordinators' channel (${surface}): ${reason.en}. Check that the bot is in the channel; it will be tried again at ${retryAt}.`,
        ),
        style: 'warning',
      },
    ],
    ephemeral: false,
  };
}
