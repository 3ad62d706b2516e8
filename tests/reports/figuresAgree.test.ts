/**
 * The coordinator's views tell one story: the same 应报 and 已报 in `missing` and `summary`, the
 * same word for a month not yet due in `history`, `show`, `summary` and the export, and 未报 (not
 * 0) for a unit that has not reported in `compliance` as in the summary and the export. English
 * readers get the roster's English unit names and English separators. Today is 2026-12-01.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { replyToPlainText } from '../../src/bot/core/reply.ts';
import { exportTable, yearDetail } from '../../src/reports/index.ts';
import { ADMIN, harness, LIU, values, type Harness } from './helpers.ts';

let h: Harness;
afterEach(() => h?.close());

function setup(): void {
  h = harness({ at: '2026-12-01T08:10:46+08:00' });
  h.store.bind(ADMIN, LIU, '城区');
  h.store.write({ actor: LIU, unit: '城区', month: '2026-11', kind: 'submit', raw: values() });
  h.store.write({ actor: ADMIN, unit: '泽州县', month: '2026-11', kind: 'submit', raw: values() });
  h.store.excuse(ADMIN, '阳城县', '2026-11', '疫情');
}

describe('figures the coordinator commands agree on', () => {
  it('counts an excused unit out of 应报 in the summary as the missing list does', async () => {
    setup();
    const missing = (await h.run(ADMIN, 'missing', undefined, { month: '2026-11' })).data as { expected: number; completeness: number };
    const summary = await h.run(ADMIN, 'summary', undefined, { month: '2026-11' });
    const s = summary.data as { reported: number; expected: number; excused: number };
    expect(missing.expected).toBe(6);
    expect(s).toMatchObject({ reported: 2, expected: 6, excused: 1 });
    expect(replyToPlainText(summary)).toContain('（已报 2/6，免报 1）');
    expect(missing.completeness).toBe(33.3);
  });

  it('calls a month whose due day has not passed 未到截止日 in history, show, summary and the export alike', async () => {
    setup();
    const history = await h.run(LIU, 'report', 'history', { unit: '城区' });
    const december = (history.data as { months: Array<{ month: string; status: string; overdue: boolean }> }).months[0]!;
    expect(december).toMatchObject({ month: '2026-12', status: 'missing', overdue: false });
    expect(replyToPlainText(history)).toMatch(/2026-12\s+未到截止日/);
    expect(replyToPlainText(await h.run(LIU, 'report', 'show', { unit: '城区', month: '2026-12' }))).toContain('城区 2026-12：未到截止日');
    expect(replyToPlainText(await h.run(ADMIN, 'summary', undefined, { month: '2026-12' }))).toMatch(/高平市\s+未到截止日/);
    const detail = yearDetail(h.store, 2026);
    expect(detail.rows.find((r) => r[0] === '2026-12' && r[1] === '城区')!.at(-1)).toBe('未到截止日');
    expect(exportTable(h.store, { kind: 'month', month: '2026-12' }).rows.find((r) => r[0] === '城区')).toContain('未到截止日');
    // A month past its due day and not reported is 未报 everywhere.
    expect((history.data as { months: Array<{ month: string; status: string; overdue: boolean }> }).months.find((m) => m.month === '2026-10')).toMatchObject({ status: 'missing', overdue: true });
    expect(detail.rows.find((r) => r[0] === '2026-10' && r[1] === '城区')!.at(-1)).toBe('未报');
  });

  it('shows 未报 in compliance for a unit with no figures in the quarter, as the summary and the export do', async () => {
    setup();
    const r = await h.run(ADMIN, 'compliance', undefined, { quarter: '2026-Q4' });
    const text = replyToPlainText(r);
    expect(text).toMatch(/高平市\s+未报\s+未报\s+无法判定/);
    expect(text).toMatch(/城区\s+1\s+3\s+达标/);
    const gaoping = (r.data as { units: Array<{ unit: string; reportedMonths: string[] }> }).units.find((u) => u.unit === '高平市')!;
    expect(gaoping.reportedMonths).toEqual([]);
    expect(exportTable(h.store, { kind: 'quarter', quarter: '2026-Q4' }).rows.find((r) => r[0] === '高平市')![1]).toBe('未报');
  });
});

describe('English views', () => {
  it('name units by their English roster names and list with English separators', async () => {
    setup();
    const en = (command: string, options: Record<string, string>) => h.bot.run({ command, options }, h.ctx(ADMIN, 'en'));
    const compliance = replyToPlainText(await en('compliance', { quarter: '2026-Q4' }));
    expect(compliance).toMatch(/Gaoping\s+not reported\s+not reported\s+undetermined\s+1 trip, 3 projects/);
    // The cited clause stays verbatim Chinese; the table and the warning are English.
    const ours = compliance.split('\n▸')[0]!;
    expect(ours).not.toMatch(/[、（）]|trip\(s\)|project\(s\)/);
    expect(ours).toContain('Missing monthly figures: Gaoping (2026-10, ⏳ 2026-11 not due yet)');
    const summary = replyToPlainText(await en('summary', { month: '2026-11' }));
    expect(summary).toContain('Chengqu');
    expect(summary).not.toContain('高平市');
    const missing = replyToPlainText(await en('missing', { month: '2026-11' }));
    expect(missing).toContain('• Gaoping');
    expect(missing).toContain('Excused: Yangcheng');
  });
});
