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
import type { ReportField, ReportValues } from './definition.ts';
import { formatValue, numericFields, orderedUnits, unitActiveIn } from './definition.ts';
import { deadline, monthKey } from './months.ts';
import type { ReportStatus, ReportStore } from './store.ts';
import { sumValues } from './summary.ts';

export type Period = { kind: 'month'; month: string } | { kind: 'year'; year: number };

const STATUS_ZH: Record<ReportStatus, string> = { on_time: '按时报送', late: '迟报', missing: '未报', excused: '免报' };

/** Reads a period: `2025-03` (or any month form via the caller) or `2025`. */
export function periodLabel(p: Period): string {
  return p.kind === 'month' ? p.month : String(p.year);
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
  if (period.kind === 'month') {
    const views = store.monthViews(period.month);
    const rows: Array<Array<string | number>> = views.map((v) => [
      v.unit,
      ...cells(fields, v.revisions > 0 ? v.values : null),
      STATUS_ZH[v.status],
      ...(notes ? [String(v.values[notes.key] ?? '')] : []),
    ]);
    const total = sumValues(fields, views.filter((v) => v.revisions > 0).map((v) => v.values));
    rows.push(['合计', ...cells(fields, total), '', ...(notes ? [''] : [])]);
    return {
      title: `${period.month} 各县（市、区）及开发区招商引资情况`,
      columns: ['单位', ...header(fields), '报送状态', ...(notes ? [notes.label['zh-CN']] : [])],
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
    return [u.name, ...cells(fields, sumValues(fields, months ? months.values() : [])), months?.size ?? 0];
  });
  const total = sumValues(fields, [...all.values()].flatMap((ms) => [...ms.values()]));
  rows.push(['合计', ...cells(fields, total), rows.reduce((n, r) => n + Number(r.at(-1)), 0)]);
  return { title: `${period.year} 年各县（市、区）及开发区招商引资情况`, columns: ['单位', ...header(fields), '已报月数'], rows, moneyColumns };
}

/** Every unit × month of a year (the detail sheet of a year export). */
export function yearDetail(store: ReportStore, year: number): ExportTable {
  const fields = numericFields(store.definition);
  const rows: Array<Array<string | number>> = [];
  for (let m = 1; m <= 12; m++) {
    const month = monthKey(year, m);
    if (month > store.currentMonth()) break;
    // A month whose due date has not passed is not yet "未报" (missing) for anyone.
    const due = store.now() < deadline(month, store.dueDay);
    for (const v of store.monthViews(month)) {
      const status = v.status === 'missing' && due ? '未到截止日' : STATUS_ZH[v.status];
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

function csvCell(v: string | number): string {
  const s = String(v);
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
  const [from, to] = period.kind === 'month' ? [period.month, period.month] : [monthKey(period.year, 1), monthKey(period.year, 12)];
  const KIND_ZH = { submit: '填报', amend: '更正', none: '无活动' } as const;
  const rows = store.revisionsBetween(from, to).map((r) => [
    r.month, r.unit, r.number, KIND_ZH[r.kind], r.userId, r.at, r.reason ?? '', r.warnings.join('；'),
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
  for (let c = 1; c <= width; c++) {
    const col = ws.getColumn(c);
    col.width = c === 1 ? 20 : 14;
    if (t.moneyColumns.includes(c - 1)) col.numFmt = '0.00';
  }
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  ws.eachRow((row) => row.eachCell((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } })));
}

/** The XLSX workbook of a period: the main table, for a year the monthly detail, and the revision history. */
export async function exportXlsx(store: ReportStore, period: Period): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Policy Desk';
  wb.created = store.now();
  addSheet(wb, period.kind === 'month' ? period.month : `${period.year}年`, exportTable(store, period));
  if (period.kind === 'year') addSheet(wb, '逐月明细', yearDetail(store, period.year));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV of a period's main table (for a year: every unit × month, then the 合计 row). */
export function exportCsv(store: ReportStore, period: Period): Buffer {
  if (period.kind === 'month') {
    const t = exportTable(store, period);
    return toCsv(t.columns, t.rows, t.moneyColumns);
  }
  const d = yearDetail(store, period.year);
  const t = exportTable(store, period);
  const total = t.rows.at(-1)!;
  return toCsv(d.columns, [...d.rows, ['合计', '', ...total.slice(1, -1), '']], d.moneyColumns);
}
