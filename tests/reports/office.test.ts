/**
 * Issue 15, a month in the office: the reporting and coordinator behaviour a real month needs.
 * Real SQLite in a temp dir, the reports feature inside a real Bot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chinaIso, defaultReportMonth, diffValues, formatChinaTime, unitHistory } from '../../src/reports/index.ts';
import { ADMIN, harness, LIU, textOf, values, type Harness } from './helpers.ts';

let h: Harness;
afterEach(() => h?.close());

function setup(at: string): Harness {
  h = harness({ at });
  h.store.bind(ADMIN, LIU, '城区');
  return h;
}
const submit = (unit: string, month: string, o: Record<string, string> = {}, actor = ADMIN) =>
  h.store.write({ actor, unit, month, kind: 'submit', raw: values(o), acceptWarnings: true });

describe('the default month to report', () => {
  it('is the oldest open month the unit has not reported, then the current month', () => {
    setup('2025-04-07T10:00:00+08:00');
    expect(defaultReportMonth(h.store, '城区')).toBe('2025-03');
    submit('城区', '2025-03');
    expect(defaultReportMonth(h.store, '城区')).toBe('2025-04');
  });

  it('skips a month already locked for its reporters, and comes back to it when a coordinator reopens it', () => {
    setup('2025-04-25T10:00:00+08:00');
    expect(defaultReportMonth(h.store, '城区')).toBe('2025-04');
    h.store.reopen(ADMIN, '城区', '2025-03', '补报');
    expect(defaultReportMonth(h.store, '城区')).toBe('2025-03');
  });
});

describe('no activity for a month still in progress', () => {
  it('is refused until the month has ended, and accepted after it', async () => {
    setup('2025-04-03T10:00:00+08:00');
    const early = await h.run(LIU, 'report', 'none', { month: '2025-04' });
    expect(early.isError).toBe(true);
    expect(textOf(early)).toContain('还没有结束');
    expect(h.store.revisions('城区', '2025-04')).toHaveLength(0);
    // With no month named, "none" goes to the month that has ended.
    const march = await h.run(LIU, 'report', 'none');
    expect(march.isError).toBeFalsy();
    expect((march.data as { month: string }).month).toBe('2025-03');
  });
});

describe('times people see are China time', () => {
  it('formats one instant the same way for text and for JSON', () => {
    const t = new Date('2025-04-07T02:00:00.000Z');
    expect(formatChinaTime(t)).toBe('2025-04-07 10:00');
    expect(chinaIso(t)).toBe('2025-04-07T10:00:00+08:00');
  });

  it('report show says 10:00 for a 10:00 Beijing submission, in text and in JSON', async () => {
    setup('2025-04-03T10:00:00+08:00');
    submit('城区', '2025-03', {}, LIU);
    const r = await h.run(LIU, 'report', 'show', { month: '2025-03' });
    expect(JSON.stringify(r.blocks)).toContain('2025-04-03 10:00');
    const d = r.data as { history: Array<{ at: string }> };
    expect(d.history[0]!.at).toBe('2025-04-03T10:00:00+08:00');
  });
});

describe('a unit’s own history', () => {
  it('lists its months with status, revision count and last change, newest first', async () => {
    setup('2025-04-07T10:00:00+08:00');
    submit('城区', '2025-02');
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-02', kind: 'amend', raw: values({ events: '2' }), reason: '补录', acceptWarnings: true });
    const lines = unitHistory(h.store, '城区', 3);
    expect(lines.map((l) => [l.month, l.status, l.revisions])).toEqual([['2025-04', 'missing', 0], ['2025-03', 'missing', 0], ['2025-02', 'late', 2]]);
    // China time with its offset, like every other JSON time.
    expect(lines[2]!.lastChange).toBe('2025-04-07T10:00:00+08:00');
    const r = await h.run(LIU, 'report', 'history');
    expect(r.isError).toBeFalsy();
    expect(JSON.stringify(r.blocks)).toContain('2025-04-07 10:00');
  });

  it('an amendment shows old → new before it is confirmed', async () => {
    setup('2025-04-03T10:00:00+08:00');
    submit('城区', '2025-03', {}, LIU);
    expect(diffValues(h.store.definition, { events: 1, projects_docked: 3 }, { events: 1, projects_docked: 4 }).map((c) => [c.key, c.before, c.after])).toEqual([['projects_docked', '3', '4']]);
    const form = await h.run(LIU, 'report', 'amend', { month: '2025-03' });
    const card = await h.bot.submitForm(form.form!.id, { notes: '', ...values({ projects_docked: '4' }), reason: '漏报一个' }, h.ctx(LIU));
    expect(textOf(card)).toContain('修改内容：对接项目数 3 → 4');
    expect(h.store.revisions('城区', '2025-03')).toHaveLength(1);
  });
});

describe('coordinator views', () => {
  it('/missing: after one 免报, 应报 drops to 6; a returned report shows as 退回待改', async () => {
    setup('2025-04-10T10:00:00+08:00');
    h.store.excuse(ADMIN, '陵川县', '2025-03', '系统维护');
    submit('城区', '2025-03');
    h.store.returnReport(ADMIN, '城区', '2025-03', '签约金额有误');
    const r = await h.run(ADMIN, 'missing', undefined, { month: '2025-03' });
    const d = r.data as { expected: number; returned: Array<{ unit: string }> };
    expect(d.expected).toBe(6);
    expect(textOf(r)).toContain('应报：6');
    expect(textOf(r)).toContain('退回待改：城区（签约金额有误）');
  });

  it('/admin reopen and report show agree on one lock date; a reopened January is not 已锁定', async () => {
    setup('2025-04-10T10:00:00+08:00');
    expect(h.store.show('城区', '2025-01').locked).toBe(true);
    const re = h.store.reopen(ADMIN, '城区', '2025-01', '补报');
    expect(re.ok).toBe(true);
    const v = h.store.show('城区', '2025-01');
    expect(v.locked).toBe(false);
    expect(re.ok && v.lockDay).toBe(re.ok ? re.until : '');
    const shown = await h.run(LIU, 'report', 'show', { month: '2025-01' });
    expect(textOf(shown)).toContain(`锁定 ${v.lockDay}`);
    expect(textOf(shown)).not.toContain('已锁定');
  });
});

describe('quarterly compliance in a real quarter', () => {
  it('an excused month is not missing: the quarter is judged on the other months', async () => {
    const { computeCompliance } = await import('../../src/reports/index.ts');
    setup('2025-04-20T10:00:00+08:00');
    submit('城区', '2025-01', { outbound_trips: '1', projects_docked: '1' });
    h.store.excuse(ADMIN, '城区', '2025-02', '春节');
    submit('城区', '2025-03', { outbound_trips: '0', projects_docked: '1' });
    const u = computeCompliance(h.store, '2025-Q1').units.find((x) => x.unit === '城区')!;
    expect(u.missingMonths).toEqual([]);
    expect(u.excusedMonths).toEqual(['2025-02']);
    expect(u.outcome).toBe('not_met');
  });

  it('a month over but not yet due is not missing: the running quarter is judged on the months due', async () => {
    const { computeCompliance } = await import('../../src/reports/index.ts');
    setup('2025-06-02T10:00:00+08:00'); // May's figures are due on 06-05
    submit('城区', '2025-04', { outbound_trips: '1', projects_docked: '1' });
    const u = computeCompliance(h.store, '2025-Q2').units.find((x) => x.unit === '城区')!;
    expect(u.missingMonths).toEqual([]);
    expect(u.notDueMonths).toEqual(['2025-05']);
    expect(u.outcome).toBe('at_risk');
    const other = computeCompliance(h.store, '2025-Q2').units.find((x) => x.unit === '泽州县')!;
    expect(other).toMatchObject({ missingMonths: ['2025-04'], notDueMonths: ['2025-05'], outcome: 'undetermined' });
  });

  it('a closed quarter whose last month is not yet due stays undetermined, listed as not due rather than missing', async () => {
    const { computeCompliance } = await import('../../src/reports/index.ts');
    setup('2025-07-02T10:00:00+08:00');
    submit('城区', '2025-04', { outbound_trips: '1', projects_docked: '1' });
    submit('城区', '2025-05', { outbound_trips: '0', projects_docked: '1' });
    const u = computeCompliance(h.store, '2025-Q2').units.find((x) => x.unit === '城区')!;
    expect(u).toMatchObject({ missingMonths: [], notDueMonths: ['2025-06'], outcome: 'undetermined' });
    const shown = await h.run(ADMIN, 'compliance', undefined, { quarter: '2025-Q2' });
    expect(textOf(shown)).toContain('城区（⏳ 2025-06 未到截止日）');
  });

  it('figures that already meet the quota are met even with a month missing', async () => {
    const { computeCompliance } = await import('../../src/reports/index.ts');
    setup('2025-04-20T10:00:00+08:00');
    submit('城区', '2025-01', { outbound_trips: '1', projects_docked: '3' });
    const u = computeCompliance(h.store, '2025-Q1').units.find((x) => x.unit === '城区')!;
    expect(u.outcome).toBe('met');
    expect(u.missingMonths).toEqual(['2025-02', '2025-03']);
  });

  it('with no quarter named, shows the quarter that just ended until its digest has gone out', async () => {
    const { defaultComplianceQuarter } = await import('../../src/reports/index.ts');
    setup('2025-04-08T10:00:00+08:00');
    expect(defaultComplianceQuarter(h.store)).toBe('2025-Q1');
    const r = await h.run(ADMIN, 'compliance');
    expect((r.data as { quarter: string }).quarter).toBe('2025-Q1');
    h.store.notifications.claim('digest:2025-Q1', 'channel:discord');
    h.store.notifications.settle('digest:2025-Q1', 'channel:discord', 'sent');
    expect(defaultComplianceQuarter(h.store)).toBe('2025-Q2');
    h.clock.now = new Date('2025-05-02T10:00:00+08:00');
    expect(defaultComplianceQuarter(h.store)).toBe('2025-Q2');
  });

  it('the quarter digest reads an excused month like the board: ➖ 免报, not 缺报', async () => {
    const { computeCompliance } = await import('../../src/reports/index.ts');
    const { digestReply } = await import('../../src/bot/features/deadlines/messages.ts');
    setup('2025-04-20T10:00:00+08:00');
    submit('城区', '2025-01', { outbound_trips: '1', projects_docked: '1' });
    h.store.excuse(ADMIN, '城区', '2025-02', '春节');
    submit('城区', '2025-03', { outbound_trips: '0', projects_docked: '1' });
    const text = JSON.stringify(digestReply('2025-Q1', computeCompliance(h.store, '2025-Q1').units, 'zh-CN').blocks);
    const row = text.slice(text.indexOf('["城区"'), text.indexOf(']', text.indexOf('["城区"')));
    expect(row).toContain('➖ 免报 2025-02');
    expect(row).not.toContain('缺报');
  });
});
