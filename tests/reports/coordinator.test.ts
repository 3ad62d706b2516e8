import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { replyToPlainText } from '../../src/bot/core/reply.ts';
import { ADMIN, harness, LIU, textOf, values, type Harness } from './helpers.ts';
import { RecordingPlatform } from '../deadlines/recordingPlatform.ts';

let h: Harness;
afterEach(() => h?.close());

const WANG = 'slack:T1:U2';

function submit(unit: string, month: string, o: Record<string, string> = {}) {
  const r = h.store.write({ actor: ADMIN, unit, month, kind: 'submit', raw: values(o), acceptWarnings: true, reason: 'test' });
  if (!r.ok) throw new Error(r.problem.en);
}

describe('missing', () => {
  it('lists units with no report with their reporters (as mentions), late and excused units, and completeness / on-time %', async () => {
    h = harness({ at: '2025-04-05T12:00:00+08:00' });
    h.store.bind(ADMIN, LIU, '泽州县');
    h.store.bind(ADMIN, WANG, '泽州县');
    submit('城区', '2025-03');
    h.clock.now = new Date('2025-04-07T09:00:00+08:00');
    submit('高平市', '2025-03');
    h.store.excuse(ADMIN, '沁水县', '2025-03', '系统维护');
    const r = await h.run(ADMIN, 'missing', undefined, { month: '2025-03' });
    const data = r.data as { missing: Array<{ unit: string; reporters: string[] }>; late: Array<{ unit: string }>; excused: Array<{ unit: string }>; completeness: number; onTimeRate: number };
    expect(data.missing.map((m) => m.unit)).toEqual(['泽州县', '阳城县', '陵川县', '晋城经济技术开发区']);
    expect(data.missing[0]!.reporters).toEqual([LIU, WANG]);
    expect(data.late.map((x) => x.unit)).toEqual(['高平市']);
    expect(data.excused.map((x) => x.unit)).toEqual(['沁水县']);
    expect(data.completeness).toBe(33.3); // 2 of 6 expected (沁水县 excused)
    expect(data.onTimeRate).toBe(16.7);
    expect(r.mentions).toEqual([LIU, WANG]);
    expect(textOf(r)).toContain('未报');
  });
});

describe('summary', () => {
  it('shows every unit with 合计, 本年累计, 同比 against last year, and the city progress toward the annual targets', async () => {
    h = harness();
    submit('城区', '2024-03', { projects_signed: '1', signed_investment: '1' });
    submit('城区', '2025-01', { projects_signed: '1', investment_in_place: '3' });
    submit('城区', '2025-03', { projects_signed: '1', investment_in_place: '1.5' });
    submit('泽州县', '2025-03', { projects_signed: '1', investment_in_place: '0.25' });
    const r = await h.run(ADMIN, 'summary', undefined, { month: '2025-03' });
    const d = r.data as { total: Record<string, number>; ytd: Record<string, number>; yoy: Record<string, number | null>; units: unknown[]; targets: { lines: Array<{ metric: string; actual: number; target: number }> } };
    expect(d.units).toHaveLength(7);
    expect(d.total.projects_signed).toBe(2);
    expect(d.total.investment_in_place).toBe(1.75);
    expect(d.ytd.projects_signed).toBe(3);
    expect(d.ytd.investment_in_place).toBe(4.75);
    expect(d.yoy.projects_signed).toBe(100);
    const projects = d.targets.lines.find((l) => l.metric === 'projects')!;
    expect(projects).toMatchObject({ target: 5, actual: 3 });
    expect(d.targets.lines.find((l) => l.metric === 'investment_in_place')).toMatchObject({ actual: 475_000_000, target: 800_000_000 });
    const text = textOf(r);
    expect(text).toContain('目标 5个 — 已完成 3个');
    const table = r.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.map((row) => row[0])).toEqual(expect.arrayContaining(['合计', '本年累计', '同比']));
    expect(r.blocks.some((b) => b.type === 'citation')).toBe(true);
  });

  it('leaves out 同比 when last year has no data', async () => {
    h = harness();
    submit('城区', '2025-03');
    const d = (await h.run(ADMIN, 'summary', undefined, { month: '2025-03' })).data as { yoy: unknown };
    expect(d.yoy).toBeNull();
  });
});

describe('citations in coordinator views', () => {
  it('name the document by its title, not by its 文号 twice', async () => {
    h = harness();
    for (const command of ['compliance', 'summary']) {
      const r = await h.run(ADMIN, command);
      const cite = r.blocks.find((b) => b.type === 'citation');
      expect(cite && cite.type === 'citation' && cite.title, command).toBe('晋城市进一步加大招商引资力度推动消费品工业集聚发展工作方案');
    }
  });
});

describe('compliance', () => {
  it('computes the quarterly quota per unit with the rule module, citing the clause; figures that reach the quota are met even with months missing', async () => {
    h = harness({ at: '2025-04-03T10:00:00+08:00' });
    for (const m of ['2025-01', '2025-02', '2025-03']) submit('城区', m, { outbound_trips: m === '2025-01' ? '1' : '0', projects_docked: '1' });
    for (const m of ['2025-01', '2025-02', '2025-03']) submit('泽州县', m, { outbound_trips: '0', projects_docked: '1' });
    submit('高平市', '2025-01', { outbound_trips: '5', projects_docked: '9' });
    const r = await h.run(ADMIN, 'compliance', undefined, { quarter: '2025-Q1' });
    const d = r.data as { quarter: string; units: Array<{ unit: string; outcome: string; outbound_trips: number; projects_docked: number }> };
    expect(d.quarter).toBe('2025-Q1');
    const by = Object.fromEntries(d.units.map((u) => [u.unit, u]));
    expect(by['城区']).toMatchObject({ outcome: 'met', outbound_trips: 1, projects_docked: 3 });
    expect(by['泽州县']).toMatchObject({ outcome: 'not_met', outbound_trips: 0 });
    expect(by['高平市']!.outcome).toBe('met');
    const cite = r.blocks.find((b) => b.type === 'citation');
    expect(cite && cite.type === 'citation' && cite.docNo).toBe('晋市政办〔2024〕32号');
    expect(cite && cite.type === 'citation' && cite.quote).toContain('不少于');
  });

  it('says how many are still needed in the running quarter', async () => {
    h = harness({ at: '2025-05-10T10:00:00+08:00' });
    submit('城区', '2025-04', { outbound_trips: '0', projects_docked: '1' });
    const r = await h.run(ADMIN, 'compliance');
    const d = r.data as { quarter: string; running: boolean; units: Array<{ unit: string; outcome: string; stillNeeded: { outbound_trips: number; projects_docked: number } }> };
    expect(d.quarter).toBe('2025-Q2');
    expect(d.running).toBe(true);
    const cq = d.units.find((u) => u.unit === '城区')!;
    expect(['on_track', 'at_risk']).toContain(cq.outcome);
    expect(cq.stillNeeded).toEqual({ outbound_trips: 1, projects_docked: 2 });
    expect(textOf(r) + JSON.stringify(r.blocks)).toContain('对接 2 个');
  });

  it('explains a malformed or future quarter', async () => {
    h = harness();
    expect(textOf(await h.run(ADMIN, 'compliance', undefined, { quarter: '2025-Q5' }))).toContain('看不懂季度');
    expect((await h.run(ADMIN, 'compliance', undefined, { quarter: '2026-Q1' })).isError).toBe(true);
  });
});

describe('export', () => {
  it('writes an XLSX with counties first, then zones, a 合计 row, Chinese headers and 亿元 with two decimals', async () => {
    h = harness();
    submit('晋城经济技术开发区', '2025-03', { signed_investment: '3.5' });
    submit('城区', '2025-03', { signed_investment: '1.25' });
    const out = `${h.dir}/out/月报.xlsx`;
    const r = await h.run(ADMIN, 'export', undefined, { month: '2025-03', format: 'xlsx' }, { out });
    expect(r.isError).toBeFalsy();
    // Written where --out says, and named; nothing left to attach.
    expect(r.attachments ?? []).toEqual([]);
    expect(textOf(r)).toContain(out);
    // One workbook: the revision history is a sheet of it, not a second file.
    expect(existsSync(`${h.dir}/out/月报-修订记录.csv`)).toBe(false);
    const chat = await h.run(ADMIN, 'export', undefined, { period: '2025-03' });
    expect(chat.attachments?.map((a) => a.filename)).toEqual(['月报-2025-03.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['单位', '外出招商次数', '举办或参加招商活动场次']);
    expect(header).toContain('签约总投资（亿元）');
    const names = [3, 4, 5, 6, 7, 8, 9, 10].map((i) => ws.getRow(i).getCell(1).value);
    expect(names).toEqual(['城区', '泽州县', '高平市', '阳城县', '陵川县', '沁水县', '晋城经济技术开发区', '合计']);
    const col = header.indexOf('签约总投资（亿元）') + 1;
    expect(ws.getRow(10).getCell(col).value).toBe(4.75);
    expect(ws.getColumn(col).numFmt).toBe('0.00');
  });

  it('writes a CSV with a UTF-8 BOM, and the revision history as CSV', async () => {
    h = harness();
    submit('城区', '2025-03', { signed_investment: '2' });
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '4' }, reason: '更正场次' });
    const r = await h.run(ADMIN, 'export', undefined, { period: '2025-03', format: 'csv' });
    const csv = r.attachments![0]!.data;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('单位,外出招商次数');
    expect(text).toContain('城区,1,4,3,1,2.00');
    expect(text.split('\r\n').some((l) => l.startsWith('合计,'))).toBe(true);
    const hist = r.attachments![1]!.data.toString('utf8');
    expect(hist.charCodeAt(0)).toBe(0xfeff);
    expect(hist).toContain('更正场次');
    expect(hist.split('\r\n').filter((l) => l.startsWith('2025-03,城区'))).toHaveLength(2);
  });

  it('does not mark a unit 未报 in a year export for a month whose due date has not passed', async () => {
    h = harness(); // 2025-04-03: March is due on 2025-04-05, April in May
    submit('城区', '2025-03');
    const r = await h.run(ADMIN, 'export', undefined, { year: '2025', format: 'csv' });
    const lines = r.attachments![0]!.data.toString('utf8').split('\r\n');
    const status = (month: string, unit: string) => lines.find((l) => l.startsWith(`${month},${unit},`))!.split(',').at(-1);
    expect(status('2025-02', '泽州县')).toBe('未报');
    expect(status('2025-03', '城区')).toBe('按时报送');
    expect(status('2025-03', '泽州县')).toBe('未到截止日');
    expect(status('2025-04', '泽州县')).toBe('未到截止日');
  });

  it('exports a year with the unit totals and a month-by-month sheet', async () => {
    h = harness();
    submit('城区', '2025-01');
    submit('城区', '2025-02');
    const r = await h.run(ADMIN, 'export', undefined, { year: '2025' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.attachments![0]!.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2025年', '逐月明细', '修订记录']);
    expect(wb.worksheets[0]!.getRow(3).getCell(2).value).toBe(2);
    expect((await h.run(ADMIN, 'export', undefined, { period: '2025-13' })).isError).toBe(true);
    expect((await h.run(ADMIN, 'export', undefined, { period: '2025-03', format: 'pdf' })).isError).toBe(true);
  });
});

describe('admin and remind', () => {
  it('binds and unbinds reporters by their namespaced id (adapters turn platform mentions into one)', async () => {
    h = harness();
    const r = await h.bot.run({ command: 'admin', subcommand: 'bind', options: { user: 'discord:1234', unit: '阳城' } }, { ...h.ctx(ADMIN), surface: 'discord' });
    expect(r.data).toMatchObject({ user: 'discord:1234', unit: '阳城县', changed: true });
    expect(h.store.rolesOf('discord:1234').units).toEqual(['阳城县']);
    await h.run(ADMIN, 'admin', 'unbind', { user: 'discord:1234', unit: '阳城县' });
    expect(h.store.rolesOf('discord:1234').units).toEqual([]);
    expect(textOf(await h.run(ADMIN, 'admin', 'bind', { user: 'liu', unit: '城区' }))).toContain('用户标识');
  });

  it('returns a report to its unit with a comment, tells its reporters, and the next amendment clears it', async () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    submit('城区', '2025-03');
    const r = await h.run(ADMIN, 'admin', 'return', { unit: '城区', month: '2025-03', reason: '签约投资请核实' });
    expect(r.directMessages?.map((d) => d.userId)).toEqual([LIU]);
    expect(textOf(r.directMessages![0]!.reply)).toContain('签约投资请核实');
    expect(h.store.show('城区', '2025-03').returned?.comment).toBe('签约投资请核实');
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { signed_investment: '3' }, reason: '已核实' });
    expect(h.store.show('城区', '2025-03').returned).toBeUndefined();
    const none = await h.run(ADMIN, 'admin', 'return', { unit: '泽州县', month: '2025-03', reason: 'x' });
    expect(textOf(none)).toContain('还没有提交');
  });

  it('shows the reminder schedule with who is late now, and sends reminders to the reporters of missing units', async () => {
    h = harness({ at: '2025-04-08T09:00:00+08:00' });
    h.store.bind(ADMIN, LIU, '泽州县');
    h.store.bind(ADMIN, WANG, '城区');
    submit('高平市', '2025-04');
    h.clock.now = new Date('2025-05-07T09:00:00+08:00');
    for (const u of ['城区', '阳城县', '陵川县', '沁水县']) submit(u, '2025-04');
    const status = await h.run(ADMIN, 'remind', 'status');
    // May 2025: the 1st–5th are the Labour Day holiday, so the due-day reminder goes on 4-30 and
    // the overdue one on the first working day after, 5-06; three working days before is 4-28.
    expect(status.data).toMatchObject({
      month: '2025-04', dueDay: '2025-05-05', lockDay: '2025-05-20', overdue: true, running: false,
      reminders: [{ stage: 'before', day: '2025-04-28' }, { stage: 'due', day: '2025-04-30' }, { stage: 'after', day: '2025-05-06' }],
      escalation: { day: '2025-05-07' },
      missing: ['泽州县', '晋城经济技术开发区'],
    });
    expect(textOf(status)).toContain('逾期未报：泽州县、晋城经济技术开发区');
    expect(textOf(status)).toContain('自动提醒未运行');
    const console = new RecordingPlatform('console', () => '2025-05-07');
    h.delivery.register(console.messenger());
    const sent = await h.run(ADMIN, 'remind', 'send');
    expect(console.calls.map((c) => c.to)).toEqual([LIU]);
    expect(console.calls[0]!.text).toContain('泽州县 2025-04');
    expect(sent.data).toMatchObject({ reminded: [LIU], units: ['泽州县'], unbound: ['晋城经济技术开发区'] });
  });

  it('excuses and reopens months on request, and the missing list follows', async () => {
    h = harness();
    const ex = await h.run(ADMIN, 'admin', 'excuse', { unit: '沁水县', month: '2025-03', reason: '合并' });
    expect(ex.isError).toBeFalsy();
    expect(h.store.missing('2025-03').excused.map((e) => e.unit)).toEqual(['沁水县']);
    const bad = await h.run(ADMIN, 'admin', 'reopen', { unit: '沁水县', month: '2025-13' });
    expect(textOf(bad)).toContain('月份不存在');
  });

  it('backs the database up through report backup into the backup folder, under a bare name or one the bot chooses', async () => {
    h = harness();
    const named = await h.run(ADMIN, 'report', 'backup', { file: 'copy' });
    expect(named.isError).toBeFalsy();
    expect(named.data).toMatchObject({ ok: true, file: join(h.dir, 'backups', 'copy.db') });
    const chosen = await h.run(ADMIN, 'report', 'backup', {});
    expect(chosen.isError).toBeFalsy();
    expect((chosen.data as { file: string }).file).toMatch(/backups[\\/]policy-desk-20250403-\d{6}\.db$/);
  });

  it('refuses a path, ../x.db or an absolute path from chat with a clear message, writing nothing', async () => {
    h = harness();
    for (const bad of ['../x.db', `${h.dir}/elsewhere.db`, 'sub/dir.db', '/tmp/pd-evil.db']) {
      const r = await h.run(ADMIN, 'report', 'backup', { file: bad });
      expect(r.isError, bad).toBe(true);
      expect(textOf(r), bad).toContain('备份只能写入配置的备份文件夹');
    }
    expect(existsSync(join(h.dir, 'x.db'))).toBe(false);
    expect(existsSync(join(h.dir, 'elsewhere.db'))).toBe(false);
  });
});

describe('English coordinator views', () => {
  it('/missing in English uses ASCII colons and commas, not Chinese punctuation', async () => {
    h = harness({ at: '2025-04-05T12:00:00+08:00' });
    submit('城区', '2025-03');
    h.clock.now = new Date('2025-04-07T09:00:00+08:00');
    submit('高平市', '2025-03');
    h.store.excuse(ADMIN, '沁水县', '2025-03', '系统维护');
    const r = await h.bot.run({ command: 'missing', options: { month: '2025-03' } }, h.ctx(ADMIN, 'en'));
    const text = r.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
    expect(text).toContain('Missing: ');
    // Units by their roster English names (nameEn); the excuse is quoted as the coordinator typed it.
    expect(text).toContain('Late: Gaoping (');
    expect(text).toContain('Excused: Qinshui (系统维护)');
    expect(text).not.toMatch(/[A-Za-z]：/);
    // The console shows the same reply with ASCII colons after English labels.
    expect(replyToPlainText(r)).toContain('Completeness: 33.3%');
    expect(replyToPlainText(r)).not.toMatch(/[A-Za-z]：/);
  });
});
