/**
 * A unit's own views, read-only: `/report show` (one month: status, values, the one lock date,
 * revisions) and `/report history` (its months with status, revision count and last change).
 * Times are China time. Split from index.ts, which keeps the write flows.
 */
import type { ReportStore } from '../../../reports/index.ts';
import { formatChinaTime, statusWords, unitHistory } from '../../../reports/index.ts';
import { commandRef } from '../../core/commandRef.ts';
import type { BotContext } from '../../core/context.ts';
import { tr } from '../../core/i18n.ts';
import type { Action, Block, Reply } from '../../core/reply.ts';
import { failureReply, unitName, valueFields } from '../../shared/format.ts';
import { reportIds } from '../../shared/reportIds.ts';

/** /report history: the unit's months with status, revision count and last change (China time). */
export function reportHistory(store: ReportStore, unitText: string, ctx: BotContext): Reply {
  const L = ctx.locale;
  const r = store.showFor(ctx.user.id, unitText, store.currentMonth());
  if (!r.ok) return failureReply(L, r);
  const lines = unitHistory(store, r.report.unit);
  const state = (h: (typeof lines)[number]) => {
    const st = statusWords(h);
    const extra = h.returned ? tr(L, '，退回待改', ', returned') : h.noActivity ? tr(L, '，无活动', ', no activity') : '';
    return tr(L, st.zh, st.en) + extra;
  };
  return {
    blocks: [
      { type: 'text', text: tr(L, `${r.report.unit} 月报历史`, `${r.report.unit}: report history`), style: 'title' },
      {
        type: 'table',
        columns: [tr(L, '月份', 'Month'), tr(L, '状态', 'Status'), tr(L, '版本数', 'Revisions'), tr(L, '最后修改', 'Last change')],
        rows: lines.map((h) => [h.month, state(h), String(h.revisions), h.lastChange ? `${formatChinaTime(h.lastChange)} ${h.lastChangeBy ?? ''}`.trim() : '—']),
      },
    ],
    ephemeral: true,
    data: { unit: r.report.unit, months: lines },
  };
}

/** /report show: one month of a unit — status, values, due and lock dates, revisions (China time). */
export function reportShow(store: ReportStore, unitText: string, monthText: string, ctx: BotContext): Reply {
  const def = store.definition;
  const L = ctx.locale;
  const r = store.showFor(ctx.user.id, unitText, monthText);
  if (!r.ok) return failureReply(L, r);
  const v = r.report;
  const st = statusWords(v);
  const blocks: Block[] = [
    { type: 'text', text: tr(L, `${v.unit} ${v.month}：${st.zh}${v.revisions ? `，第 ${v.revisions} 版` : ''}`, `${unitName(store, v.unit, L)} ${v.month}: ${st.en}${v.revisions ? `, revision ${v.revisions}` : ''}`), style: 'title' },
  ];
  if (v.revisions > 0) blocks.push({ type: 'fields', fields: valueFields(def, v.values, L) });
  blocks.push({ type: 'text', text: tr(L, `截止 ${v.deadline}，锁定 ${v.lockDay}${v.locked ? '（已锁定）' : ''}`, `Due ${v.deadline}, locks ${v.lockDay}${v.locked ? ' (locked)' : ''}`), style: 'muted' });
  if (v.returned) blocks.push({ type: 'text', text: tr(L, `已被退回修改：${v.returned.comment}`, `Returned for correction: ${v.returned.comment}`), style: 'warning' });
  if (v.excused) blocks.push({ type: 'text', text: tr(L, `已批准免报：${v.excused.reason}`, `Excused: ${v.excused.reason}`), style: 'muted' });
  if (r.history.length > 0) {
    const KIND = { submit: tr(L, '填报', 'submit'), amend: tr(L, '更正', 'amend'), none: tr(L, '无活动', 'none') };
    blocks.push({
      type: 'table',
      title: tr(L, '修订记录', 'Revisions'),
      columns: [tr(L, '版本', 'Rev'), tr(L, '类型', 'Kind'), tr(L, '提交人', 'By'), tr(L, '时间', 'At'), tr(L, '原因', 'Reason')],
      rows: r.history.map((h) => [String(h.number), KIND[h.kind], h.userId, formatChinaTime(h.at), h.reason ?? '']),
    });
  }
  const actions: Action[] = [];
  const sub = v.revisions === 0 && v.status !== 'excused' ? 'submit' : v.revisions > 0 ? 'amend' : undefined;
  const label = sub === 'submit' ? tr(L, '填报', 'Submit') : tr(L, '更正', 'Amend');
  if (sub && ctx.surface === 'cli') {
    // No button to press on the command line: the command line it stands for, values left to fill in.
    const set = tr(L, '--set 字段=数值 …', '--set key=value …');
    const rest = `--unit ${v.unit} --month ${v.month} ${set}${sub === 'amend' ? ` ${tr(L, '--reason 原因', '--reason <why>')}` : ''}`;
    blocks.push({ type: 'text', text: `${label}${tr(L, '：', ': ')}${commandRef(ctx, 'report', `${sub} ${rest}`)}`, style: 'muted' });
  } else if (sub) actions.push({ id: reportIds.pick({ sub, unit: v.unit, month: v.month }), label, ...(sub === 'submit' ? { style: 'primary' as const } : {}) });
  return {
    blocks,
    actions,
    ephemeral: true,
    data: {
      unit: v.unit, month: v.month, status: v.status, values: v.values, revisions: v.revisions, noActivity: v.noActivity,
      returned: v.returned, excused: v.excused, deadline: v.deadline, lockDay: v.lockDay,
      history: r.history.map((h) => ({ number: h.number, kind: h.kind, userId: h.userId, at: h.at, reason: h.reason, values: h.values })),
    },
  };
}
