/**
 * `/remind status`: the reminder schedule of the month now being chased, what has been sent so
 * far (from the notification log), the quarter's notices, and whether the holiday table covers
 * the dates — so coordinators can see and trust what the scheduler will do.
 */
import {
  formatDay,
  monthSchedule,
  monthsWatchedOn,
  quarterOf,
  quarterSchedule,
  type ReminderPolicy,
  type ReportStore,
  type WorkdayCalendar,
} from '../../../reports/index.ts';
import { chinaIso, formatChinaTime } from '../../../text/chinaTime.ts';
import { tr } from '../../core/i18n.ts';
import { unitName } from '../../shared/format.ts';
import type { Block, Locale } from '../../core/reply.ts';
import { nextRetryAt, reasonOf } from './channelRetry.ts';

export interface DeadlineSetup {
  calendar: WorkdayCalendar;
  policy: ReminderPolicy;
  /** China time of day when reminders go out. */
  remindAt: string;
  /** True while a scheduler runs in this process (chat adapters up and not switched off). */
  running(): boolean;
}

/** The month being chased on `day`: the earliest watched month not yet past its escalation. */
export function monthInFocus(day: string, setup: DeadlineSetup): string {
  const watched = monthsWatchedOn(day);
  return watched.find((m) => monthSchedule(m, setup.policy, setup.calendar).escalation >= day) ?? watched[watched.length - 1]!;
}

export function scheduleStatus(store: ReportStore, setup: DeadlineSetup, L: Locale, sendCommand = '/remind send'): { blocks: Block[]; data: unknown } {
  const day = formatDay(store.now());
  const month = monthInFocus(day, setup);
  const s = monthSchedule(month, setup.policy, setup.calendar);
  const log = store.notifications;
  const counted = (prefix: string, suffix = '') => {
    const all = log.withPrefix(prefix).filter((r) => r.key.endsWith(suffix));
    const rows = all.filter((r) => r.recipient !== '-');
    // A reminder key with no recipient ('-') is a unit with no reporter bound: undelivered, by unit.
    const unbound = prefix.startsWith('remind:') ? all.filter((r) => r.recipient === '-' && r.state === 'failed').map((r) => r.key.split(':')[2]!) : [];
    return { sent: rows.filter((r) => r.state !== 'failed').length, failed: rows.filter((r) => r.state === 'failed').length, unbound };
  };
  const retryAt = formatChinaTime(nextRetryAt(store.now(), setup.calendar, setup.remindAt));
  const channels = channelFailures(store, retryAt);
  /** What became of a channel post the channel refused: tried again when, or sent to the coordinators by DM. */
  const refused = (key: string) =>
    channels
      .filter((f) => f.key === key)
      .map((f) =>
        f.byDm
          ? tr(L, `；${f.surface} 频道发送失败（${f.reason.zh}），已改为私信 ${f.byDm} 位协调员`, `; refused by the ${f.surface} channel (${f.reason.en}), sent to ${f.byDm} coordinator(s) by DM`)
          : tr(L, `；${f.surface} 频道发送失败（${f.reason.zh}），将于 ${retryAt} 重试，仍失败则私信协调员`, `; refused by the ${f.surface} channel (${f.reason.en}), will be tried again at ${retryAt}, then sent to the coordinators by DM`),
      )
      .join('');
  const state = (date: string, c: { sent: number; failed: number; unbound?: string[] }, key?: string) => {
    const unbound = c.unbound?.length ? tr(L, `，未送达 ${c.unbound.length} 个单位（未绑定报送人：${c.unbound.join('、')}）`, `, undelivered to ${c.unbound.length} unit(s) with no reporter bound (${c.unbound.join(', ')})`) : '';
    return c.sent + c.failed + (c.unbound?.length ?? 0) > 0
      ? tr(L, `已发 ${c.sent} 条${c.failed ? `，失败 ${c.failed} 条` : ''}`, `sent ${c.sent}${c.failed ? `, failed ${c.failed}` : ''}`) + unbound + (key ? refused(key) : '')
      : date < day ? tr(L, '未发送', 'not sent') : tr(L, '待发', 'scheduled');
  };
  const STAGE = { before: tr(L, '提前提醒', 'Early reminder'), due: tr(L, '截止日提醒', 'Due-day reminder'), after: tr(L, '逾期提醒', 'Overdue reminder') };
  const fields = [
    { label: tr(L, '报送月份', 'Month'), value: tr(L, `${month}（截止 ${s.dueDay}，锁定 ${s.lockDay}）`, `${month} (due ${s.dueDay}, locks ${s.lockDay})`) },
    ...s.reminders.map((r) => ({ label: STAGE[r.stage], value: `${r.day} ${setup.remindAt} — ${state(r.day, counted(`remind:${month}:`, `:${r.stage}`))}` })),
    { label: tr(L, '上报协调员', 'Escalation'), value: `${s.escalation} — ${state(s.escalation, counted(`escalate:${month}`), `escalate:${month}`)}` },
  ];
  const boards = log.boards(month).filter((b) => b.messageId);
  const unposted = channels.filter((f) => f.key === `board:${month}` && !boards.some((b) => b.surface === f.surface));
  const boardLines = [
    ...boards.map((b) => tr(L, `${b.surface} 已发布，已更新 ${b.edits} 次`, `${b.surface}: posted, edited ${b.edits}×`)),
    ...unposted.map((f) =>
      tr(L, `${f.surface} 未能发布（${f.reason.zh}），将于 ${retryAt} 重试${f.byDm ? `，已私信告知 ${f.byDm} 位协调员` : ''}`, `${f.surface}: not posted (${f.reason.en}), will be tried again at ${retryAt}${f.byDm ? `; ${f.byDm} coordinator(s) told by DM` : ''}`),
    ),
  ];
  fields.push({
    label: tr(L, '报送看板', 'Status board'),
    value: boardLines.length
      ? boardLines.join('；')
      : tr(L, `${s.boardOpens} 发布到协调员频道（需配置频道）`, `posted ${s.boardOpens} to the coordinators' channel (when configured)`),
  });
  const quarter = quarterOf(month);
  const q = quarterSchedule(quarter, setup.policy, setup.calendar);
  fields.push(
    { label: tr(L, `${quarter} 季中风险提示`, `${quarter} at-risk notice`), value: `${q.atRisk} — ${state(q.atRisk, counted(`atrisk:${quarter}`), `atrisk:${quarter}`)}` },
    { label: tr(L, `${quarter} 季度通报`, `${quarter} digest`), value: `${q.digest} — ${state(q.digest, counted(`digest:${quarter}`), `digest:${quarter}`)}` },
  );
  const m = store.missing(month);
  const blocks: Block[] = [
    { type: 'text', text: tr(L, '报送提醒安排', 'Reminder schedule'), style: 'title' },
    { type: 'fields', fields },
    {
      type: 'text',
      text: m.missing.length
        ? tr(L, `${m.overdue ? '逾期未报' : '尚未报送'}：${m.missing.map((x) => x.unit).join('、')}。可用 ${sendCommand} 立即提醒。`, `${m.overdue ? 'Late' : 'Not yet reported'}: ${m.missing.map((x) => unitName(store, x.unit, L)).join(', ')}. Use ${sendCommand} to remind them now.`)
        : tr(L, '所有单位都已报送或免报。', 'Every unit has reported or is excused.'),
      style: m.missing.length && m.overdue ? 'warning' : 'normal',
    },
  ];
  const years = [...new Set([s.reminders[0]!.day, q.digest].map((d) => Number(d.slice(0, 4))))];
  const uncovered = years.filter((y) => !setup.calendar.covers(y));
  if (uncovered.length) {
    blocks.push({ type: 'text', text: tr(L, `${uncovered.join('、')} 年节假日安排尚未录入 config/holidays.json，暂按周一至周五计算工作日。`, `The ${uncovered.join(', ')} holiday notice is not in config/holidays.json yet; working days are Monday–Friday until it is.`), style: 'warning' });
  }
  if (!setup.running()) {
    blocks.push({ type: 'text', text: tr(L, '自动提醒未运行（仅在连接 Discord 或 Slack 时运行，POLICY_DESK_SCHEDULER=off 时关闭）。', 'Automatic reminders are not running (they run with Discord or Slack, unless POLICY_DESK_SCHEDULER=off).'), style: 'muted' });
  }
  return {
    blocks,
    data: {
      month, dueDay: s.dueDay, lockDay: s.lockDay, remindAt: setup.remindAt,
      reminders: s.reminders.map((r) => ({ ...r, ...counted(`remind:${month}:`, `:${r.stage}`) })),
      escalation: { day: s.escalation, ...counted(`escalate:${month}`) },
      boardOpens: s.boardOpens,
      boards: boards.map((b) => ({ ...b, postedAt: chinaIso(b.postedAt), editedAt: b.editedAt ? chinaIso(b.editedAt) : null })),
      channelFailures: channels.map((f) => ({ ...f, reason: f.reason.en })),
      quarter: { quarter, atRisk: q.atRisk, digest: q.digest },
      missing: m.missing.map((x) => x.unit), overdue: m.overdue, running: setup.running(), uncoveredYears: uncovered,
    },
  };
}

/**
 * Channel posts that were refused and not posted since, per key and surface: why, and how many
 * coordinators were told by DM instead (0 while the retry is still to come).
 */
function channelFailures(store: ReportStore, retryAt: string): Array<{ key: string; surface: string; reason: { zh: string; en: string }; byDm: number; retryAt: string }> {
  const log = store.notifications;
  const settled = (key: string) => log.withPrefix(key).some((r) => r.key === key && r.recipient === '-'); // nothing left to say
  return log.failedTo('channel:').filter((row) => !settled(row.key)).map((row) => {
    const byDm = log.withPrefix(row.key).filter((r) => r.key === row.key && !r.recipient.startsWith('channel:') && r.recipient !== '-' && r.state !== 'failed').length;
    return { key: row.key, surface: row.recipient.slice('channel:'.length), reason: reasonOf(row), byDm, retryAt };
  });
}
