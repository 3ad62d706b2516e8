/**
 * What coordinators look at: the missing list (with the 提醒未报单位 button), the month's summary
 * with targets, quarterly compliance, and exports (XLSX/CSV plus the revision history).
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { PathError, writeFileChecked } from '../../../files.ts';
import type { Period, ReportStore } from '../../../reports/index.ts';
import { buildSummary, exportCsv, exportXlsx, parseMonth, parseQuarter, periodLabel, quarterOf, revisionsCsv, statusWords, yearProblem } from '../../../reports/index.ts';
import { commandRef } from '../../core/commandRef.ts';
import type { BotContext, CommandHandler, Invocation } from '../../core/context.ts';
import { labelled, listOf, pick, tr } from '../../core/i18n.ts';
import type { Action, Block } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { complianceReply, targetBlocks } from '../../shared/compliance.ts';
import { monthArg, unitName, valueText } from '../../shared/format.ts';

export function coordinatorViews(store: ReportStore): Record<string, CommandHandler> {
  const monthOrError = (inv: Invocation, ctx: BotContext) => monthArg(store, inv, ctx.locale);

  const missing: CommandHandler = (inv, ctx) => {
    const L = ctx.locale;
    const m = monthOrError(inv, ctx);
    if ('blocks' in m) return m;
    const r = store.missing(m.month);
    const mentions = [...new Set(r.missing.flatMap((x) => x.reporters))];
    const blocks: Block[] = [
      { type: 'text', text: tr(L, `${r.month} 月报报送情况（截止 ${r.deadline}）`, `${r.month} reports (due ${r.deadline})`), style: 'title' },
      { type: 'fields', fields: [
        { label: tr(L, '应报', 'Expected'), value: String(r.expected) },
        { label: tr(L, '报送率', 'Completeness'), value: `${r.completeness}%` },
        { label: tr(L, '按时率', 'On time'), value: `${r.onTimeRate}%` },
      ] },
    ];
    const name = (unit: string) => unitName(store, unit, L);
    const who = (reporters: string[]) => (reporters.length ? reporters.join(' ') : tr(L, '（未绑定报送人）', '(no reporter bound)'));
    blocks.push({
      type: 'text',
      text: r.missing.length
        ? `${r.overdue ? labelled(L, '未报', 'Missing') : labelled(L, '尚未报送', 'Not yet reported')}\n${r.missing.map((x) => `• ${name(x.unit)} ${who(x.reporters)}`).join('\n')}`
        : tr(L, '全部单位已报送或免报。', 'Every unit has reported or is excused.'),
      style: r.missing.length && r.overdue ? 'warning' : 'normal',
    });
    if (r.late.length) blocks.push({ type: 'text', text: `${labelled(L, '迟报', 'Late')}${listOf(L, r.late.map((x) => tr(L, `${name(x.unit)}（${x.submittedAt.slice(0, 10)}）`, `${name(x.unit)} (${x.submittedAt.slice(0, 10)})`)))}` });
    if (r.returned.length) blocks.push({ type: 'text', text: `${tr(L, '退回待改', 'Returned for correction')}${tr(L, '：', ': ')}${r.returned.map((x) => `${name(x.unit)}${x.comment ? tr(L, `（${x.comment}）`, ` (${x.comment})`) : ''}`).join(tr(L, '、', ', '))}`, style: 'warning' });
    if (r.excused.length) blocks.push({ type: 'text', text: `${labelled(L, '免报', 'Excused')}${listOf(L, r.excused.map((x) => `${name(x.unit)}${x.reason ? tr(L, `（${x.reason}）`, ` (${x.reason})`) : ''}`))}`, style: 'muted' });
    const remind = tr(L, '提醒未报单位', 'Remind them');
    // No button to press on the command line: the command it stands for.
    if (r.missing.length && ctx.surface === 'cli') blocks.push({ type: 'text', text: `${remind}${tr(L, '：', ': ')}${commandRef(ctx, 'remind', 'send')}`, style: 'muted' });
    const actions: Action[] = r.missing.length && ctx.surface !== 'cli' ? [{ id: `report:remind:${r.month}`, label: remind, style: 'primary' }] : [];
    return { blocks, actions, mentions, ephemeral: true, data: r };
  };

  const summary: CommandHandler = (inv, ctx) => {
    const L = ctx.locale;
    const m = monthOrError(inv, ctx);
    if ('blocks' in m) return m;
    const s = buildSummary(store, m.month);
    const fields = s.fields;
    const short = (f: (typeof fields)[number]) => (L === 'en' ? (f.short?.en ?? f.label.en) : (f.short?.['zh-CN'] ?? f.label['zh-CN']));
    const fmt = (f: (typeof fields)[number], v: number | string | undefined) => valueText({ ...f, unit: undefined }, v, L);
    const rows = s.rows.map((r) => [unitName(store, r.unit, L), ...fields.map((f) => (r.values ? fmt(f, r.values[f.key]) : pick(L, statusWords(r))))]);
    rows.push([tr(L, '合计', 'Total'), ...fields.map((f) => fmt(f, s.total[f.key]))]);
    rows.push([tr(L, '本年累计', 'Year to date'), ...fields.map((f) => fmt(f, s.ytd[f.key]))]);
    if (s.lastYear) {
      rows.push([tr(L, '去年同期', 'Same month last year'), ...fields.map((f) => fmt(f, s.lastYear![f.key]))]);
      rows.push([tr(L, '同比', 'YoY'), ...fields.map((f) => { const y = s.yoy![f.key]; return y === null || y === undefined ? '—' : `${y > 0 ? '+' : ''}${y}%`; })]);
    }
    const blocks: Block[] = [
      { type: 'text', text: tr(L, `${s.month} 招商引资月报汇总（已报 ${s.reported}/${s.expected}${s.excused ? `，免报 ${s.excused}` : ''}）`, `${s.month} summary (${s.reported}/${s.expected} reported${s.excused ? `, ${s.excused} excused` : ''})`), style: 'title' },
      { type: 'table', columns: [tr(L, '单位', 'Unit'), ...fields.map((f) => `${short(f)}${f.type === 'decimal' ? tr(L, '(亿元)', '') : ''}`)], rows },
    ];
    const targets = targetBlocks(store, s.month, L);
    blocks.push(...targets.blocks);
    return {
      blocks,
      ephemeral: true,
      data: {
        month: s.month,
        units: s.rows.map((r) => ({ unit: r.unit, kind: r.kind, status: r.status, overdue: r.overdue, values: r.values })),
        total: s.total, ytd: s.ytd, lastYear: s.lastYear ?? null, lastYearYtd: s.lastYearYtd ?? null, yoy: s.yoy ?? null,
        reported: s.reported, expected: s.expected, excused: s.excused, targets: targets.data,
      },
    };
  };

  const exportCmd: CommandHandler = async (inv, ctx) => {
    const L = ctx.locale;
    const rawPeriod = String(inv.options.quarter ?? inv.options.year ?? inv.options.month ?? inv.options.period ?? '').trim();
    let period: Period;
    const quarter = parseQuarter(rawPeriod, store.now());
    if (rawPeriod === '') period = { kind: 'month', month: store.lastMonth() };
    else if (inv.options.quarter !== undefined || quarter.ok) {
      if (!quarter.ok) return reply.error(L, quarter.problem, { error: 'bad_period' });
      if (quarter.quarter > quarterOf(store.currentMonth())) return reply.error(L, { zh: `${quarter.quarter} 还没有开始。`, en: `${quarter.quarter} has not started yet.` }, { error: 'bad_period' });
      period = { kind: 'quarter', quarter: quarter.quarter };
    }
    else if (/^\d{4}\s*年?$/.test(rawPeriod.normalize('NFKC'))) {
      const year = Number(rawPeriod.normalize('NFKC').slice(0, 4));
      const outOfRange = yearProblem(year, rawPeriod, store.now());
      if (outOfRange) return reply.error(L, outOfRange, { error: 'bad_period' });
      period = { kind: 'year', year };
    } else {
      const m = parseMonth(rawPeriod, store.now());
      if (!m.ok) return reply.error(L, m.problem, { error: 'bad_period' });
      period = { kind: 'month', month: m.month };
    }
    const format = String(inv.options.format ?? (inv.extra?.out && extname(inv.extra.out).toLowerCase() === '.csv' ? 'csv' : 'xlsx')).toLowerCase();
    if (format !== 'xlsx' && format !== 'csv') return reply.error(L, { zh: `格式只能是 xlsx 或 csv，收到「${format}」`, en: `Format must be xlsx or csv, got "${format}"` }, { error: 'bad_format' });
    const label = periodLabel(period);
    const main = format === 'xlsx'
      ? { filename: `月报-${label}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await exportXlsx(store, period) }
      : { filename: `月报-${label}.csv`, contentType: 'text/csv; charset=utf-8', data: exportCsv(store, period) };
    const history = { filename: `月报-${label}-修订记录.csv`, contentType: 'text/csv; charset=utf-8', data: revisionsCsv(store, period) };
    // The workbook carries the revision history as a sheet; a CSV export gets it as a second CSV.
    const separateHistory = format === 'csv';
    const written: string[] = [];
    // The command line writes the files itself — to --out, or under their own names in the working
    // folder — and names every one; chat gets them as attachments.
    const outPath = inv.extra?.out ?? (ctx.surface === 'cli' ? main.filename : undefined);
    if (outPath) {
      const out = resolve(outPath);
      const hist = resolve(dirname(out), `${basename(out, extname(out))}-修订记录.csv`);
      try {
        writeFileChecked(out, main.data, '导出文件');
        written.push(out);
        if (separateHistory) {
          writeFileChecked(hist, history.data, '导出文件');
          history.filename = basename(hist);
          written.push(hist);
        }
      } catch (err) {
        if (err instanceof PathError) return reply.error(L, err.problem, { error: 'bad_path', path: err.path });
        throw err;
      }
    }
    const what = format === 'xlsx'
      ? tr(L, `已导出 ${label} 月报（XLSX，含修订记录工作表）`, `Exported ${label} (XLSX, with the revision history sheet)`)
      : tr(L, `已导出 ${label} 月报（CSV）及修订记录`, `Exported ${label} (CSV) with the revision history`);
    return {
      blocks: [{ type: 'text', text: written.length ? `${what}${tr(L, '：', ': ')}${written.join(tr(L, '、', ', '))}` : `${what}${tr(L, '。', '.')}`, style: 'success' }],
      attachments: written.length ? [] : separateHistory ? [main, history] : [main],
      ephemeral: true,
      data: { period: label, format, files: written.length ? written : separateHistory ? [main.filename, history.filename] : [main.filename] },
    };
  };

  return { missing, summary, compliance: (inv, ctx) => complianceReply(store, inv, ctx), export: exportCmd };
}
