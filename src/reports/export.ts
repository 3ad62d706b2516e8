/**
 * Exports in the layout Chinese offices use: counties first, then zones, a 合计 row, Chinese
 * headers, 亿元 with two decimals. XLSX through exceljs; CSV with a UTF-8 BOM so Excel opens the
 * Chinese correctly; and the full revision history as CSV.
 *
 * A period is a month (`2025-03`: one row per unit) or a year (`2025`: one row per unit with
 * the year's totals, plus a sheet with every unit × month).
 */
// exceljs costs ~100–350 ms to import; only XLSX exports need it, so it is loaded on first use.
import type ExcelJS from 'exceljs';
import type { ReportField } from './definition.ts';
import type { ReportValues } from './values.ts';
import { orderedUnits, unitActiveIn } from './definition.ts';
import { formatValue, numericFields } from './values.ts';
import { formatChinaTime, monthKey, monthsOfQuarter } from './months.ts';
import { computeCompliance, QUOTA_OUTCOME } from './compliance.ts';
import type { ReportStore } from './store.ts';
import { statusWords } from './storeTypes.ts';
import { sumValues } from './summary.ts';

export type Period = { kind: 'month'; month: string } | { kind: 'year'; year: number } | { kind: 'quarter'; quarter: string };

/** What a cell says for a unit with no figures in the period: never 0, which would read as "nothing done". */
const NOT_REPORTED = '未报';

/** A period in file names and JSON: `2025-03`, `2025`, `2025-Q1`. */
export function periodLabel(p: Period): string {
  return p.kind === 'month' ? p.month : p.kind === 'quarter' ? p.quarter : String(p.year);
}

const QUARTER_ZH = ['一', '二', '三', '四'];

/** A period the way an office writes it in titles and sheet names: 2025年3月, 2025年第一季度, 2025年. */
export function periodTitle(p: Period): string {
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'quarter') return `${p.quarter.slice(0, 4)}年第${QUARTER_ZH[Number(p.quarter.slice(6)) - 1]}季度`;
  return `${p.month.slice(0, 4)}年${Number(p.month.slice(5, 7))}月`;
}


export interface ExportTable {
  title: string;
  columns: string[];
  /** Cells: strings or numbers; numbers in money columns keep two decimals in XLSX. */
  rows: Array<Array<string | number>>;
  /** Indexes of columns holding 亿元 amounts. */
  moneyColumns: number[];
}

function header(fields: ReportField[]): string[] {
  return fields.map((f) => f.label['zh-CN']);
}

function cells(fields: ReportField[], v: ReportValues | null): Array<string | number> {
  return fields.map((f) => (v ? (v[f.key] as number | undefined) ?? '' : ''));
}

/** The main table of a period: one row per unit (counties first, then zones) and a 合计 row. */
export function exportTable(store: ReportStore, period: Period): ExportTable {
  const fields = numericFields(store.definition);
  const notes = store.definition.fields.find((f) => f.type === 'text');
  const moneyColumns = fields.flatMap((f, i) => (f.type === 'decimal' ? [i + 1] : []));
  if (period.kind === 'quarter') return quarterTable(store, period.quarter);
  if (period.kind === 'month') {
    const views = store.monthViews(period.month);
    const rows: Array<Array<string | number>> = views.map((v) => {
      const first = v.revisions > 0 ? store.revisions(v.unit, period.month)[0] : undefined;
      const status = v.status === 'excused' && v.excused?.reason ? `免报（${v.excused.reason}）` : v.returned ? `${statusWords(v).zh}（退回待改）` : statusWords(v).zh;
      return [
        v.unit,
        ...cells(fields, v.revisions > 0 ? v.values : null),
        status,
        first?.userId ?? '',
        first ? formatChinaTime(first.at) : '',
        ...(notes ? [String(v.values[notes.key] ?? '')] : []),
      ];
    });
    const total = sumValues(fields, views.filter((v) => v.revisions > 0).map((v) => v.values));
    rows.push(['合计', ...cells(fields, total), '', '', '', ...(notes ? [''] : [])]);
    return {
      title: `${periodTitle(period)} 各县（市、区）及开发区招商引资情况`,
      columns: ['单位', ...header(fields), '报送状态', '报送人', '报送时间', ...(notes ? [notes.label['zh-CN']] : [])],
      rows,
      moneyColumns,
    };
  }
  const from = monthKey(period.year, 1);
  const to = monthKey(period.year, 12);
  const all = store.valuesBetween(from, to);
  const units = orderedUnits(store.roster).filter((u) => Array.from({ length: 12 }, (_, i) => monthKey(period.year, i + 1)).some((m) => unitActiveIn(u, m)));
  const rows: Array<Array<string | number>> = units.map((u) => {
    const months = all.get(u.name);
    // A unit that never reported shows 未报, not a row of zeros.
    const figures = months?.size ? cells(fields, sumValues(fields, months.values())) : fields.map(() => NOT_REPORTED);
    return [u.name, ...figures, months?.size ?? 0];
  });
  const total = sumValues(fields, [...all.values()].flatMap((ms) => [...ms.values()]));
  rows.push(['合计', ...cells(fields, total), rows.reduce((n, r) => n + Number(r.at(-1)), 0)]);
  return { title: `${periodTitle(period)}各县（市、区）及开发区招商引资情况`, columns: ['单位', ...header(fields), '已报月数'], rows, moneyColumns };
}

/**
 * A quarter: each unit's three months summed, how many months it reported or was excused, the
 * quarterly quota outcome (晋市政办〔2024〕32号 二、（四）6, from the rule module) and the months
 * still missing; a 合计 row.
 */
export function quarterTable(store: ReportStore, quarter: string): ExportTable {
  const fields = numericFields(store.definition);
  const months = monthsOfQuarter(quarter);
  const all = store.valuesBetween(months[0]!, months[2]!);
  const compliance = new Map(computeCompliance(store, quarter).units.map((u) => [u.unit, u]));
  const rows: Array<Array<string | number>> = [];
  for (const [unit, c] of compliance) {
    const reported = all.get(unit);
    const figures = reported?.size ? cells(fields, sumValues(fields, reported.values())) : fields.map(() => NOT_REPORTED);
    rows.push([
      unit, ...figures, reported?.size ?? 0, c.excusedMonths.length,
      QUOTA_OUTCOME[c.outcome]?.zh ?? c.outcome, c.missingMonths.join('、'),
    ]);
  }
  const total = sumValues(fields, [...all.values()].flatMap((ms) => [...ms.values()]));
  rows.push(['合计', ...cells(fields, total), rows.reduce((n, r) => n + Number(r[fields.length + 1]), 0), rows.reduce((n, r) => n + Number(r[fields.length + 2]), 0), '', '']);
  return {
    title: `${periodTitle({ kind: 'quarter', quarter })}各县（市、区）及开发区招商引资情况`,
    columns: ['单位', ...header(fields), '已报月数', '免报月数', '季度任务（外出招商≥1次、对接项目≥3个）', '缺报月份'],
    rows,
    moneyColumns: fields.flatMap((f, i) => (f.type === 'decimal' ? [i + 1] : [])),
  };
}

const KIND_ZH = { submit: '填报', amend: '更正', none: '无活动' } as const;

/** Every revision of a period: who changed what, when (China time) and why. */
export function revisionTable(store: ReportStore, period: Period): ExportTable {
  const fields = store.definition.fields;
  const [from, to] = periodMonths(period);
  // Figures stay numbers (a spreadsheet sums them); text fields stay text; an empty field is empty.
  const rows = store.revisionsBetween(from, to).map((r) => [
    r.month, r.unit, r.number, KIND_ZH[r.kind], r.userId, formatChinaTime(r.at), r.reason ?? '', r.warnings.join('；'),
    ...fields.map((f) => {
      const v = r.values[f.key];
      return f.type === 'text' ? String(v ?? '') : typeof v === 'number' ? v : '';
    }),
  ]);
  const before = 8;
  return {
    title: `${periodTitle(period)}月报修订记录（时间为北京时间）`,
    columns: ['月份', '单位', '版本', '类型', '提交人', '提交时间', '原因', '提示', ...fields.map((f) => f.label['zh-CN'])],
    rows,
    moneyColumns: fields.flatMap((f, i) => (f.type === 'decimal' ? [before + i] : [])),
  };
}

function periodMonths(period: Period): [string, string] {
  if (period.kind === 'month') return [period.month, period.month];
  if (period.kind === 'quarter') {
    const ms = monthsOfQuarter(period.quarter);
    return [ms[0]!, ms[2]!];
  }
  return [monthKey(period.year, 1), monthKey(period.year, 12)];
}

/** Every unit × month of a year (the detail sheet of a year export). */
export function yearDetail(store: ReportStore, year: number): ExportTable {
  const fields = numericFields(store.definition);
  const rows: Array<Array<string | number>> = [];
  for (let m = 1; m <= 12; m++) {
    const month = monthKey(year, m);
    if (month > store.currentMonth()) break;
    for (const v of store.monthViews(month)) {
      // A month whose due date has not passed is not yet 未报 for anyone: 未到截止日, as everywhere.
      const status = statusWords(v).zh;
      rows.push([month, v.unit, ...cells(fields, v.revisions > 0 ? v.values : null), status]);
    }
  }
  return {
    title: `${year} 年逐月明细`,
    columns: ['月份', '单位', ...header(fields), '报送状态'],
    rows,
    moneyColumns: fields.flatMap((f, i) => (f.type === 'decimal' ? [i + 2] : [])),
  };
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR: `=HYPERLINK(…)`, `=cmd|…`) gets a leading apostrophe, the OWASP neutralisation, so Excel
 * shows it as text. Numbers are written as numbers.
 */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a UTF-8 BOM and CRLF line ends (what Excel on Windows expects). */
export function toCsv(columns: string[], rows: Array<Array<string | number>>, money: number[] = []): Buffer {
  const fmt = (r: Array<string | number>) => r.map((c, i) => csvCell(typeof c === 'number' && money.includes(i) ? c.toFixed(2) : c)).join(',');
  return Buffer.from('\uFEFF' + [fmt(columns), ...rows.map(fmt)].join('\r\n') + '\r\n', 'utf8');
}

/** The full revision history of a period as CSV: who changed what, when and why. */
export function revisionsCsv(store: ReportStore, period: Period): Buffer {
  const fields = store.definition.fields;
  const [from, to] = periodMonths(period);
  const rows = store.revisionsBetween(from, to).map((r) => [
    r.month, r.unit, r.number, KIND_ZH[r.kind], r.userId, formatChinaTime(r.at), r.reason ?? '', r.warnings.join('；'),
    ...fields.map((f) => formatValue(f, r.values[f.key])),
  ]);
  return toCsv(['月份', '单位', '版本', '类型', '提交人', '提交时间', '原因', '提示', ...fields.map((f) => f.label['zh-CN'])], rows);
}

function addSheet(wb: ExcelJS.Workbook, name: string, t: ExportTable): void {
  const ws = wb.addWorksheet(name);
  const width = t.columns.length;
  ws.addRow([t.title]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  const head = ws.addRow(t.columns);
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const r of t.rows) {
    const row = ws.addRow(r);
    if (r[0] === '合计') row.font = { bold: true };
  }
  head.height = 36;
  // Columns as wide as their content (a CJK character is two units), headers wrap at 16.
  const shown = (v: unknown) => [...String(v ?? '')].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  for (let c = 1; c <= width; c++) {
    const col = ws.getColumn(c);
    const body = Math.max(0, ...t.rows.map((r) => shown(r[c - 1])));
    col.width = Math.min(40, Math.max(8, Math.min(16, shown(t.columns[c - 1])), body + 2));
    if (t.moneyColumns.includes(c - 1)) col.numFmt = '0.00';
  }
  // 未报 in a figure column: centred, so it does not read as a number.
  ws.eachRow((row, n) => {
    if (n > 2) row.eachCell((cell, c) => { if (c > 1 && cell.value === NOT_REPORTED) cell.alignment = { horizontal: 'center' }; });
  });
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  ws.eachRow((row) => row.eachCell((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } })));
  // Printed as offices print: A4 landscape, one page wide, title and header repeated on every page.
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    horizontalCentered: true, printTitlesRow: '1:2',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

/**
 * The XLSX workbook of a period, one file: the main table (sheet named like 2025年3月), for a
 * year the monthly detail, and the revision history (修订记录) in China time.
 */
export async function exportXlsx(store: ReportStore, period: Period): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Policy Desk';
  wb.created = store.now();
  addSheet(wb, periodTitle(period), exportTable(store, period));
  if (period.kind === 'year') addSheet(wb, '逐月明细', yearDetail(store, period.year));
  addSheet(wb, '修订记录', revisionTable(store, period));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV of a period's main table (for a year: every unit × month, then the 合计 row). */
export function exportCsv(store: ReportStore, period: Period): Buffer {
  if (period.kind === 'month' || period.kind === 'quarter') {
    const t = exportTable(store, period);
    return toCsv(t.columns, t.rows, t.moneyColumns);
  }
  const d = yearDetail(store, period.year);
  const t = exportTable(store, period);
  const total = t.rows.at(-1)!;
  return toCsv(d.columns, [...d.rows, ['合计', '', ...total.slice(1, -1), '']], d.moneyColumns);
}
