/**
 * /compliance and the target-progress part of /summary: replies around the rule module's
 * verdicts (computed in src/reports/compliance.ts), with the clause cited.
 */
import type { ReportStore } from '../../reports/index.ts';
import { computeCompliance, defaultComplianceQuarter, QUOTA_OUTCOME, parseQuarter, runningQuarter, targetLines } from '../../reports/index.ts';
import type { BotContext, Invocation } from '../core/context.ts';
import { tr } from '../core/i18n.ts';
import type { Block, Locale, Reply } from '../core/reply.ts';
import { reply } from '../core/reply.ts';
import { corpusClauseTitle } from './clauseTitles.ts';
import { unitName } from './format.ts';

/** A month over but not yet due, as listed beside the missing ones: ⏳ 2026-11 未到截止日. */
export function notDueWords(month: string, L: Locale): string {
  return tr(L, `⏳ ${month} 未到截止日`, `⏳ ${month} not due yet`);
}



export function complianceReply(store: ReportStore, inv: Invocation, ctx: BotContext): Reply {
  const L = ctx.locale;
  const raw = inv.options.quarter !== undefined ? String(inv.options.quarter).trim() : '';
  let quarter = defaultComplianceQuarter(store);
  if (raw) {
    const q = parseQuarter(raw, store.now());
    if (!q.ok) return reply.error(L, q.problem, { error: 'bad_quarter' });
    if (q.quarter > runningQuarter(store)) return reply.error(L, { zh: `${q.quarter} 还没有开始。`, en: `${q.quarter} has not started yet.` }, { error: 'future_quarter' });
    quarter = q.quarter;
  }
  const c = computeCompliance(store, quarter);
  const o = (w: string) => tr(L, QUOTA_OUTCOME[w]?.zh ?? w, QUOTA_OUTCOME[w]?.en ?? w);
  const columns = [tr(L, '单位', 'Unit'), tr(L, '外出招商', 'Trips'), tr(L, '对接项目', 'Docked'), tr(L, '结论', 'Outcome')];
  if (c.running) columns.push(tr(L, '还需', 'Still needed'));
  else columns.push(tr(L, '缺报月份', 'Missing months'));
  const name = (unit: string) => unitName(store, unit, L);
  const list = tr(L, '、', ', ');
  const rows = c.units.map((u) => {
    // A unit with no figures in the quarter has not reported: 未报, as the summary and the export say, not 0.
    const none = u.reportedMonths.length === 0;
    const notReported = tr(L, '未报', 'not reported');
    const row = [name(u.unit), none ? notReported : String(u.outbound_trips), none ? notReported : String(u.projects_docked), o(u.outcome)];
    if (c.running) {
      const need: string[] = [];
      const n = u.stillNeeded;
      if (n.outbound_trips > 0) need.push(tr(L, `外出 ${n.outbound_trips} 次`, `${n.outbound_trips} ${n.outbound_trips === 1 ? 'trip' : 'trips'}`));
      if (n.projects_docked > 0) need.push(tr(L, `对接 ${n.projects_docked} 个`, `${n.projects_docked} ${n.projects_docked === 1 ? 'project' : 'projects'}`));
      row.push(need.join(list) || '—');
    } else row.push([...u.missingMonths, ...u.notDueMonths.map((m) => notDueWords(m, L)), ...u.excusedMonths.map((m) => tr(L, `➖ 免报 ${m}`, `➖ excused ${m}`))].join(tr(L, '、', ', ')) || '—');
    return row;
  });
  const cite = c.units[0]?.citations[0];
  const blocks: Block[] = [
    { type: 'text', text: tr(L, `${quarter} 季度招商任务达标情况${c.running ? '（本季度进行中）' : ''}`, `${quarter} quarterly quota${c.running ? ' (running quarter)' : ''}`), style: 'title' },
    { type: 'table', columns, rows },
  ];
  const undetermined = c.units.filter((u) => u.outcome === 'undetermined');
  if (undetermined.length) {
    const gaps = (u: (typeof undetermined)[number]) => [...u.missingMonths, ...u.notDueMonths.map((m) => notDueWords(m, L))].join(tr(L, '、', ', '));
    blocks.push({ type: 'text', text: tr(L, `缺少月报数据，无法判定：${undetermined.map((u) => `${u.unit}（${gaps(u)}）`).join('；')}`, `Missing monthly figures: ${undetermined.map((u) => `${name(u.unit)} (${gaps(u)})`).join('; ')}`), style: 'warning' });
  }
  if (cite) blocks.push({ type: 'citation', docNo: cite.docNo, title: corpusClauseTitle(cite.docNo), path: cite.path, quote: cite.text });
  return {
    blocks,
    ephemeral: true,
    data: {
      quarter: c.quarter,
      running: c.running,
      units: c.units.map((u) => ({
        unit: u.unit, outcome: u.outcome, outbound_trips: u.outbound_trips, projects_docked: u.projects_docked,
        stillNeeded: u.stillNeeded, monthsLeft: u.monthsLeft, missingMonths: u.missingMonths, notDueMonths: u.notDueMonths, excusedMonths: u.excusedMonths, reportedMonths: u.reportedMonths, explanation: u.explanation, citations: u.citations,
      })),
    },
  };
}

/** "2025 年目标进度：招引消费品项目 5个 — 已完成 3个", city level, with the clause. */
export function targetBlocks(store: ReportStore, month: string, L: Locale): { blocks: Block[]; data: unknown } {
  const { year, lines } = targetLines(store, month);
  if (lines.length === 0) {
    return { blocks: [{ type: 'text', text: tr(L, `政策未规定 ${year} 年的年度目标。`, `The policies set no targets for ${year}.`), style: 'muted' }], data: { year, lines: [] } };
  }
  const REACHED = { T: tr(L, '已达成', 'reached'), F: tr(L, '未达成', 'not yet'), U: tr(L, '无数据', 'no data') } as Record<string, string>;
  const fields = lines.map((l) => ({
    label: tr(L, l.label.zh, l.label.en),
    value: tr(L, `目标 ${l.display} — 已完成 ${l.actualDisplay}（${REACHED[String(l.reached)] ?? ''}）`, `target ${l.display} — done ${l.actualDisplay} (${REACHED[String(l.reached)] ?? ''})`),
  }));
  const cite = lines[0]!.citation;
  return {
    blocks: [
      { type: 'text', text: tr(L, `${year} 年全市目标进度（1 月至 ${month.slice(5)} 月累计）`, `${year} city targets, year to date`), style: 'title' },
      { type: 'fields', fields },
      { type: 'citation', docNo: cite.docNo, title: corpusClauseTitle(cite.docNo), path: cite.path, quote: cite.quote },
    ],
    data: { year, lines: lines.map((l) => ({ metric: l.metric, target: l.value, unit: l.unit, display: l.display, actual: l.actual, reached: l.reached === 'T' ? true : l.reached === 'F' ? false : null, field: l.field })) },
  };
}
