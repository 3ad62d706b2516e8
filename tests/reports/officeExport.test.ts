/**
 * Issue 15: exports an office can print — office-style titles and sheet names, A4 landscape one
 * page wide, 报送人 / 报送时间, the 免报 reason, 未报 (not 0) for units that never reported, the
 * revision history as a sheet in China time, and a quarterly export with 合计 and the quota outcome.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, harness, LIU, values, type Harness } from './helpers.ts';

let h: Harness;
afterEach(() => h?.close());

const submit = (unit: string, month: string, o: Record<string, string> = {}, actor = ADMIN) =>
  h.store.write({ actor, unit, month, kind: 'submit', raw: values(o), acceptWarnings: true });

async function workbook(options: Record<string, string>): Promise<ExcelJS.Workbook> {
  const r = await h.run(ADMIN, 'export', undefined, options);
  expect(r.isError, JSON.stringify(r.blocks)).toBeFalsy();
  expect(r.attachments).toHaveLength(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.attachments![0]!.data as unknown as ArrayBuffer);
  return wb;
}
const rowOf = (ws: ExcelJS.Worksheet, first: string) => {
  for (let i = 1; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === first) return (ws.getRow(i).values as unknown[]).slice(1);
  throw new Error(`no row ${first}`);
};
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(2).values as unknown[]).slice(1) as string[];

describe('a month export for a Chinese office', () => {
  it('is titled and named 2025年3月, prints A4 landscape one page wide, and names who reported when (China time)', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    h.store.bind(ADMIN, LIU, '城区');
    submit('城区', '2025-03', {}, LIU);
    h.store.excuse(ADMIN, '陵川县', '2025-03', '系统维护');
    const wb = await workbook({ period: '2025-03' });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2025年3月', '修订记录']);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/^2025年3月 /);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const cols = header(ws);
    expect(cols).toEqual(expect.arrayContaining(['报送人', '报送时间']));
    const row = rowOf(ws, '城区');
    expect(row[cols.indexOf('报送人')]).toBe(LIU);
    expect(row[cols.indexOf('报送时间')]).toBe('2025-04-03 10:00');
    expect(rowOf(ws, '陵川县')[cols.indexOf('报送状态')]).toBe('免报（系统维护）');
  });

  it('carries the revision history as a sheet of the same workbook, in China time', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    submit('城区', '2025-03');
    h.clock.now = new Date('2025-04-04T09:30:00+08:00');
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '4' }, reason: '更正场次' });
    const ws = (await workbook({ period: '2025-03' })).getWorksheet('修订记录')!;
    const cols = header(ws);
    const times = [3, 4].map((i) => (ws.getRow(i).values as unknown[]).slice(1)[cols.indexOf('提交时间')]);
    expect(times).toEqual(['2025-04-03 10:00', '2025-04-04 09:30']);
    expect(String(ws.getRow(1).getCell(1).value)).toContain('北京时间');
  });

  it('keeps the figures of the revision sheet as numbers and the text fields as text', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    submit('城区', '2025-03', { signed_investment: '0.33', notes: '12' });
    const ws = (await workbook({ period: '2025-03' })).getWorksheet('修订记录')!;
    const cols = header(ws);
    const row = (ws.getRow(3).values as unknown[]).slice(1);
    expect(row[cols.indexOf('外出招商次数')]).toBe(1);
    expect(row[cols.indexOf('签约总投资（亿元）')]).toBe(0.33);
    expect(ws.getRow(3).getCell(cols.indexOf('签约总投资（亿元）') + 1).numFmt).toBe('0.00');
    expect(row[cols.indexOf('版本')]).toBe(1);
    // A note that looks like a number is still the text typed.
    expect(row[cols.indexOf('备注')]).toBe('12');
  });

  it('writes China time in the revision CSV too, when CSV is asked for', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    submit('城区', '2025-03');
    const r = await h.run(ADMIN, 'export', undefined, { period: '2025-03', format: 'csv' });
    const history = r.attachments!.find((a) => a.filename.includes('修订记录'))!.data.toString('utf8');
    expect(history).toContain('2025-03,城区,1,填报,console:admin,2025-04-03 10:00,');
    expect(history).not.toMatch(/T02:00|Z,/);
  });
});

describe('a year export', () => {
  it('shows 未报, not 0, for a unit that never reported', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    submit('城区', '2025-01');
    const ws = (await workbook({ year: '2025' })).worksheets[0]!;
    expect(ws.name).toBe('2025年');
    const cols = header(ws);
    const never = rowOf(ws, '泽州县');
    expect(never[cols.indexOf('外出招商次数')]).toBe('未报');
    expect(never[cols.indexOf('已报月数')]).toBe(0);
    expect(rowOf(ws, '城区')[cols.indexOf('外出招商次数')]).toBe(1);
  });
});

describe('a quarterly export (--quarter 2025-Q1)', () => {
  it('sums the three months per unit with a 合计 row and the quota outcome per unit', async () => {
    h = harness({ at: '2025-04-20T10:00:00+08:00' });
    for (const m of ['2025-01', '2025-02', '2025-03']) submit('城区', m, { outbound_trips: '1', projects_docked: '1' });
    submit('泽州县', '2025-01', { outbound_trips: '0', projects_docked: '1' });
    h.store.excuse(ADMIN, '泽州县', '2025-02', '春节');
    submit('泽州县', '2025-03', { outbound_trips: '0', projects_docked: '1' });
    const wb = await workbook({ quarter: '2025-Q1' });
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('2025年第一季度');
    const cols = header(ws);
    const outcome = cols.findIndex((c) => c.startsWith('季度任务'));
    expect(rowOf(ws, '城区')[cols.indexOf('外出招商次数')]).toBe(3);
    expect(rowOf(ws, '城区')[outcome]).toBe('达标');
    expect(rowOf(ws, '泽州县')[outcome]).toBe('未达标');
    expect(rowOf(ws, '泽州县')[cols.indexOf('免报月数')]).toBe(1);
    expect(rowOf(ws, '高平市')[outcome]).toBe('无法判定');
    expect(rowOf(ws, '高平市')[cols.indexOf('外出招商次数')]).toBe('未报');
    expect(rowOf(ws, '合计')[cols.indexOf('对接项目数')]).toBe(5);
  });
});
