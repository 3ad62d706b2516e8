import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deadline, dueMonth, findUnit, loadDefinition, loadRoster, lockTime, parseMonth, parseQuarter, parseValues, valuesSchema } from '../../src/reports/index.ts';
import { ADMIN, harness, type Harness } from './helpers.ts';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const def = loadDefinition();
const now = new Date('2025-04-03T10:00:00+08:00');

describe('the report definition (config/report-definition.json)', () => {
  it('holds the default fields and keys of design.md, money in 亿元 with two decimals', () => {
    expect(def.fields.map((f) => f.key)).toEqual([
      'outbound_trips', 'events', 'projects_docked', 'projects_signed', 'signed_investment',
      'projects_started', 'projects_in_production', 'leading_enterprises', 'investment_in_place', 'notes',
    ]);
    expect(def.fields.filter((f) => f.type === 'decimal').map((f) => [f.key, f.decimals, f.unit?.['zh-CN']])).toEqual([
      ['signed_investment', 2, '亿元'],
      ['investment_in_place', 2, '亿元'],
    ]);
    expect(def.fields.find((f) => f.key === 'notes')?.required).toBe(false);
  });

  it('derives the value schema from the definition, so a field a coordinator adds is validated and offered in the form', async () => {
    const extended = { ...def, fields: [...def.fields, { key: 'visits', label: { 'zh-CN': '接待客商批次', en: 'Delegations received' }, type: 'integer' as const, min: 0, max: 50, required: true }] };
    expect(valuesSchema(extended).safeParse({ ...Object.fromEntries(def.fields.filter((f) => f.type !== 'text').map((f) => [f.key, 0])), visits: 2 }).success).toBe(true);
    expect(parseValues(extended, { visits: '51' }).errors.visits?.zh).toContain('接待客商批次');
    h = harness({ definition: extended });
    const form = await h.run(ADMIN, 'report', 'submit', { unit: '城区' });
    expect(form.form?.fields.map((f) => f.key)).toContain('visits');
  });

  it('rejects a malformed definition or roster file, naming the file and the path', () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-def-'));
    const bad = join(dir, 'def.json');
    writeFileSync(bad, JSON.stringify({ ...def, fields: [{ ...def.fields[0], type: 'money' }] }));
    expect(() => loadDefinition(bad)).toThrow(/def\.json: fields\.0\.type/);
    const roster = join(dir, 'roster.json');
    writeFileSync(roster, JSON.stringify({ units: [{ name: '城区', kind: 'county' }, { name: '城区', kind: 'zone' }] }));
    expect(() => loadRoster(roster)).toThrow(/duplicate unit 城区/);
  });

  it('reads typed values: Chinese and full-width numerals accepted; negatives, scientific notation, words and extra decimals refused', () => {
    const p = (k: string, v: string) => parseValues(def, { [k]: v }).values[k] ?? parseValues(def, { [k]: v }).errors[k]?.zh;
    expect(p('outbound_trips', '三')).toBe(3);
    expect(p('outbound_trips', '１２')).toBe(12);
    expect(p('outbound_trips', '十二')).toBe(12);
    expect(p('signed_investment', '１２．５')).toBe(12.5);
    expect(p('signed_investment', '0.25')).toBe(0.25);
    expect(p('outbound_trips', '-1')).toContain('不能为负数');
    expect(p('outbound_trips', '1e9')).toContain('科学计数法');
    expect(p('outbound_trips', 'abc')).toContain('不是数字');
    expect(p('outbound_trips', '三四')).toContain('不是数字');
    expect(p('outbound_trips', '2.5')).toContain('应为整数');
    expect(p('signed_investment', '0.125')).toContain('2 位小数');
    expect(p('signed_investment', '20000')).toContain('超出范围');
  });
});

describe('the roster (config/roster.json)', () => {
  it('lists the six county-level units and the development zone, found by name or alias', () => {
    const roster = loadRoster();
    expect(roster.units.map((u) => [u.name, u.kind])).toEqual([
      ['城区', 'county'], ['泽州县', 'county'], ['高平市', 'county'], ['阳城县', 'county'],
      ['陵川县', 'county'], ['沁水县', 'county'], ['晋城经济技术开发区', 'zone'],
    ]);
    expect(findUnit(roster, '经开区')?.name).toBe('晋城经济技术开发区');
    expect(findUnit(roster, ' 高平 ')?.name).toBe('高平市');
    expect(findUnit(roster, '太原')).toBeUndefined();
  });
});

describe('months and deadlines (Asia/Shanghai)', () => {
  it('parses the ways people write a month and refuses the future', () => {
    const m = (s: string) => { const r = parseMonth(s, now); return r.ok ? r.month : `✖${r.problem.zh}`; };
    expect(['2025-03', '2025/3', '2025.3', '202503', '2025年3月', '2025 年 03 月', '３月', '三月', '上个月', '上月'].map(m)).toEqual(Array(10).fill('2025-03'));
    expect(m('本月')).toBe('2025-04');
    expect(m('上上个月')).toBe('2025-02');
    expect(m('下个月')).toContain('未来');
    expect(m('2025-13')).toContain('月份不存在');
    expect(m('2025-00')).toContain('月份不存在');
    expect(m('明年')).toContain('看不懂月份');
  });

  it('dates the due day and the lock day in Jincheng time', () => {
    expect(deadline('2025-03', 5).toISOString()).toBe('2025-04-05T16:00:00.000Z'); // 2025-04-06 00:00 +08:00
    expect(lockTime('2025-03', 5, 15).toISOString()).toBe('2025-04-20T16:00:00.000Z');
    expect(dueMonth(new Date('2025-04-05T23:30:00+08:00'), 5)).toBe('2025-03');
    expect(dueMonth(new Date('2025-04-06T00:30:00+08:00'), 5)).toBe('2025-04');
    expect(dueMonth(new Date('2025-01-02T10:00:00+08:00'), 5)).toBe('2024-12');
  });

  it('parses quarters', () => {
    const now = new Date('2025-12-01T10:00:00+08:00');
    expect(parseQuarter('2025-Q1', now)).toEqual({ ok: true, quarter: '2025-Q1' });
    expect(parseQuarter('2025q3', now)).toEqual({ ok: true, quarter: '2025-Q3' });
    expect(parseQuarter('2025年第二季度', now)).toEqual({ ok: true, quarter: '2025-Q2' });
    expect(parseQuarter('2025-Q5', now).ok).toBe(false);
  });

  it('accepts the years 2000 to this year for months and quarters alike, and says so when the year is the problem', () => {
    const now = new Date('2026-12-01T10:00:00+08:00');
    const month = parseMonth('1999-12', now);
    expect(month.ok).toBe(false);
    expect(!month.ok && month.problem.zh).toBe('年份超出范围：「1999-12」（年份应在 2000–2026 年之间）');
    expect(!month.ok && month.problem.en).toBe('Year out of range: "1999-12" (years 2000–2026)');
    const quarter = parseQuarter('1999-Q4', now);
    expect(!quarter.ok && quarter.problem.zh).toBe('年份超出范围：「1999-Q4」（年份应在 2000–2026 年之间）');
    expect(parseQuarter('2000-Q1', now)).toEqual({ ok: true, quarter: '2000-Q1' });
    expect(parseMonth('2000-01', now)).toEqual({ ok: true, month: '2000-01' });
    // A bad month number is still the month's problem.
    expect(!parseMonth('2026-13', now).ok && (parseMonth('2026-13', now) as { problem: { zh: string } }).problem.zh).toContain('月份应为 1–12');
  });
});
