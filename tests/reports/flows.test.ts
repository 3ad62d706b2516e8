import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/core/reply.ts';
import { ADMIN, harness, LIU, textOf, values, type Harness } from './helpers.ts';

let h: Harness;
afterEach(() => h?.close());

const formValues = (o: Record<string, string> = {}) => ({ notes: '', ...values(o) });

function setup(at?: string): Harness {
  h = harness(at ? { at } : {});
  h.store.bind(ADMIN, LIU, '城区');
  return h;
}

describe('the submit flow (chat surfaces)', () => {
  it('opens a form derived from the definition, for the month now due, with labels ≤ 45 and a title ≤ 24 characters', async () => {
    setup();
    const r = await h.run(LIU, 'report', 'submit');
    expect(r.isError).toBeFalsy();
    expect(r.form?.id).toBe('report:form:submit:城区:2025-03');
    expect(r.form!.title.length).toBeLessThanOrEqual(24);
    expect(r.form!.fields.map((f) => f.key)).toEqual([
      'outbound_trips', 'events', 'projects_docked', 'projects_signed', 'signed_investment',
      'projects_started', 'projects_in_production', 'leading_enterprises', 'investment_in_place', 'notes',
    ]);
    for (const f of r.form!.fields) expect(f.label.length).toBeLessThanOrEqual(45);
    expect(r.form!.fields.find((f) => f.key === 'signed_investment')).toMatchObject({ kind: 'decimal', decimals: 2, label: '签约总投资（亿元）', required: true });
    expect(r.form!.fields.find((f) => f.key === 'projects_signed')).toMatchObject({ kind: 'integer', unit: '个', min: 0 });
    expect(r.form!.fields.find((f) => f.key === 'notes')?.required).toBe(false);
    const en = await h.bot.run({ command: 'report', subcommand: 'submit', options: { unit: '晋城经济技术开发区' } }, h.ctx(ADMIN, 'en'));
    expect(en.form!.title.length).toBeLessThanOrEqual(24);
  });

  it('defaults to the oldest open month the unit has not reported, then the current month, and says which in the form title', async () => {
    setup('2025-04-07T10:00:00+08:00');
    const march = await h.run(LIU, 'report', 'submit');
    expect(march.form?.id).toContain(':2025-03');
    expect(march.form?.title).toContain('2025-03');
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values(), acceptWarnings: true });
    expect((await h.run(LIU, 'report', 'submit')).form?.id).toContain(':2025-04');
  });

  it('reads months as people type them, refuses a future month and explains an impossible one', async () => {
    setup();
    const month = async (m: string) => (await h.run(LIU, 'report', 'submit', { month: m })).form?.id.split(':').at(-1);
    expect(await month('上个月')).toBe('2025-03');
    expect(await month('本月')).toBe('2025-04');
    expect(await month('2025年3月')).toBe('2025-03');
    expect(await month('2025/3')).toBe('2025-03');
    expect(await month('3月')).toBe('2025-03');
    const locked = await h.run(LIU, 'report', 'submit', { month: '2025-02' });
    expect(textOf(locked)).toContain('锁定');
    const future = await h.run(LIU, 'report', 'submit', { month: '2025-05' });
    expect(future.isError).toBe(true);
    expect(textOf(future)).toContain('未来');
    const twoAhead = await h.run(LIU, 'report', 'submit', { month: '下下个月' });
    expect(twoAhead.isError).toBe(true);
    expect(textOf(twoAhead)).toContain('未来的月份');
    const bad = await h.run(LIU, 'report', 'submit', { month: '2025-13' });
    expect(textOf(bad)).toContain('月份不存在');
    const junk = await h.run(LIU, 'report', 'submit', { month: 'soon' });
    expect(textOf(junk)).toContain('看不懂月份');
  });

  it('walks form → confirmation card showing exactly what will be stored → 确认提交 → 已提交 with the revision number', async () => {
    setup();
    const form = await h.run(LIU, 'report', 'submit');
    const card = await h.bot.submitForm(form.form!.id, formValues({ outbound_trips: '三', projects_docked: '１２', notes: '赴深圳招商' }), h.ctx(LIU));
    expect(card.isError).toBeFalsy();
    expect(card.actions?.map((a) => a.label)).toEqual(['确认提交', '修改']);
    const shown = textOf(card);
    expect(shown).toContain('外出招商次数：3');
    expect(shown).toContain('对接项目数：12');
    expect(shown).toContain('签约总投资（亿元）：2.50');
    expect(h.store.show('城区', '2025-03').revisions).toBe(0); // nothing stored before confirmation
    const done = await h.bot.act(card.actions![0]!.id, h.ctx(LIU));
    expect(textOf(done)).toContain('已提交');
    expect(textOf(done)).toContain('第 1 版');
    expect(h.store.show('城区', '2025-03').values).toMatchObject({ outbound_trips: 3, projects_docked: 12, notes: '赴深圳招商' });
    const twice = await h.bot.act(card.actions![0]!.id, h.ctx(LIU));
    expect(twice.isError).toBe(true);
    expect(h.store.revisions('城区', '2025-03')).toHaveLength(1);
  });

  it('names the field for every hard error and stores nothing', async () => {
    setup();
    const form = await h.run(LIU, 'report', 'submit');
    const cases: Array<[string, string, string]> = [
      ['events', '-1', '不能为负数'],
      ['events', '1.5', '应为整数'],
      ['signed_investment', '1.234', '最多保留 2 位小数'],
      ['outbound_trips', '9999', '超出范围'],
      ['projects_docked', 'abc', '不是数字'],
      ['projects_docked', '1e9', '科学计数法'],
    ];
    for (const [key, raw, message] of cases) {
      const r = await h.bot.submitForm(form.form!.id, formValues({ [key]: raw }), h.ctx(LIU));
      expect(r.isError, `${key}=${raw}`).toBe(true);
      expect(r.fieldErrors?.[key], `${key}=${raw}`).toContain(message);
      // Named by its Chinese label; the internal key never shows.
      const label = h.store.definition.fields.find((f) => f.key === key)!.label['zh-CN'];
      expect(textOf(r)).toContain(`「${label}」`);
      expect(textOf(r)).not.toContain(`(${key})`);
    }
    expect(h.store.show('城区', '2025-03').revisions).toBe(0);
  });

  it('asks for a one-line reason on soft warnings before the confirmation card, and keeps the reason with the revision', async () => {
    setup();
    const form = await h.run(LIU, 'report', 'submit');
    const warn = await h.bot.submitForm(form.form!.id, formValues({ signed_investment: '0' }), h.ctx(LIU));
    expect(warn.isError).toBeFalsy();
    expect(textOf(warn)).toContain('签约总投资');
    expect(warn.form?.id).toMatch(/^report:why:/);
    const early = await h.bot.act(`report:confirm:${warn.form!.id.split(':')[2]}`, h.ctx(LIU));
    expect(early.form?.id).toMatch(/^report:why:/); // no way around the reason
    const card = await h.bot.submitForm(warn.form!.id, { reason: '框架协议，金额待定' }, h.ctx(LIU));
    expect(card.actions?.[0]?.label).toBe('确认提交');
    await h.bot.act(card.actions![0]!.id, h.ctx(LIU));
    const rev = h.store.revisions('城区', '2025-03')[0]!;
    expect(rev.reason).toBe('框架协议，金额待定');
    expect(rev.warnings.join()).toContain('签约总投资');
  });

  it('lets 修改 reopen the form prefilled with what was typed', async () => {
    setup();
    const form = await h.run(LIU, 'report', 'submit');
    const card = await h.bot.submitForm(form.form!.id, formValues({ events: '7' }), h.ctx(LIU));
    const edit = await h.bot.act(card.actions![1]!.id, h.ctx(LIU));
    expect(edit.form?.fields.find((f) => f.key === 'events')?.initial).toBe('7');
  });

  it('asks a reporter of two units to choose, with one button per unit', async () => {
    setup();
    h.store.bind(ADMIN, LIU, '泽州县');
    const r = await h.run(LIU, 'report', 'submit');
    expect(r.form).toBeUndefined();
    expect(r.actions?.map((a) => a.label)).toEqual(['城区', '泽州县']);
    const picked = await h.bot.act(r.actions![1]!.id, h.ctx(LIU));
    expect(picked.form?.title).toContain('泽州县');
    const cli = await h.run(LIU, 'report', 'submit', { month: '2025-03' }, { set: values() });
    expect(cli.isError).toBe(true);
    expect(textOf(cli)).toContain('--unit');
  });

  it('amends with a reason through a prefilled form, and shows the history', async () => {
    setup();
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    const form = await h.run(LIU, 'report', 'amend', { month: '2025-03' });
    expect(form.form?.fields.find((f) => f.key === 'events')?.initial).toBe('1');
    expect(form.form?.fields.at(-1)).toMatchObject({ key: 'reason', required: true });
    const noReason = await h.bot.submitForm(form.form!.id, { ...formValues({ events: '2' }), reason: '' }, h.ctx(LIU));
    expect(noReason.fieldErrors?.reason).toBeTruthy();
    const card = await h.bot.submitForm(form.form!.id, { ...formValues({ events: '2' }), reason: '补录一场活动' }, h.ctx(LIU));
    const done = await h.bot.act(card.actions![0]!.id, h.ctx(LIU));
    expect(textOf(done)).toContain('已更正');
    expect(textOf(done)).toContain('第 2 版');
    const show = await h.run(LIU, 'report', 'show', { month: '2025-03' });
    expect(show.data).toMatchObject({ unit: '城区', month: '2025-03', status: 'on_time', revisions: 2, values: { events: 2 } });
    const table = show.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.map((r) => r[4])).toEqual(['', '补录一场活动']);
  });

  it('records 本月无招商活动 in one step', async () => {
    setup();
    const r = await h.run(LIU, 'report', 'none', { month: '2025-03' });
    expect(textOf(r)).toContain('已报告本月无招商活动');
    expect(h.store.show('城区', '2025-03')).toMatchObject({ status: 'on_time', noActivity: true });
  });
});

describe('locale', () => {
  it('answers in English when the person prefers it, naming the field the same way', async () => {
    setup();
    const form = await h.bot.run({ command: 'report', subcommand: 'submit', options: {} }, h.ctx(LIU, 'en'));
    expect(form.form?.fields[0]?.label).toBe('Outbound promotion trips');
    const r = await h.bot.submitForm(form.form!.id, formValues({ events: '-1' }), h.ctx(LIU, 'en'));
    expect(r.fieldErrors?.events).toBe('"Promotion events held or attended" cannot be negative: "-1"');
    const card = await h.bot.submitForm(form.form!.id, formValues(), h.ctx(LIU, 'en'));
    expect(card.actions?.map((a) => a.label)).toEqual(['Confirm', 'Edit']);
  });
});

describe('the CLI contract (--set, --confirm, --reason)', () => {
  it('stores at once with --set, and returns the design.md JSON shape from report show', async () => {
    setup();
    const r = await h.run(LIU, 'report', 'submit', { unit: '城区', month: '2025-03' }, { set: values({ outbound_trips: '三' }) });
    expect(r.isError).toBeFalsy();
    expect(r.data).toMatchObject({ unit: '城区', month: '2025-03', revision: 1, values: { outbound_trips: 3 } });
    const show = (await h.run(LIU, 'report', 'show', { unit: '城区', month: '2025-03' })).data as Record<string, unknown>;
    expect(Object.keys(show)).toEqual(expect.arrayContaining(['unit', 'month', 'status', 'values', 'revisions']));
    expect(show.revisions).toBe(1);
  });

  it('stops on soft warnings without --confirm (an error naming the warning) and stores with it', async () => {
    setup();
    const stopped = await h.run(LIU, 'report', 'submit', { unit: '城区', month: '2025-03' }, { set: values({ projects_signed: '0' }) });
    expect(stopped.isError).toBe(true);
    expect(textOf(stopped)).toContain('签约项目数');
    expect(textOf(stopped)).toContain('--confirm');
    const ok = await h.run(LIU, 'report', 'submit', { unit: '城区', month: '2025-03', reason: '投资已签，项目分期' }, { set: values({ projects_signed: '0' }), confirm: true });
    expect(ok.isError).toBeFalsy();
  });

  it('requires --reason for amend, names unknown fields and unknown units', async () => {
    setup();
    await h.run(LIU, 'report', 'submit', { unit: '城区', month: '2025-03' }, { set: values() });
    const noReason = await h.run(LIU, 'report', 'amend', { unit: '城区', month: '2025-03' }, { set: { events: '2' } });
    expect(noReason.isError).toBe(true);
    expect(textOf(noReason)).toContain('原因');
    const unknownField = await h.run(LIU, 'report', 'amend', { unit: '城区', month: '2025-03', reason: 'x' }, { set: { event: '2' } });
    expect(textOf(unknownField)).toContain('不认识的字段「event」');
    const unknownUnit = await h.run(ADMIN, 'report', 'submit', { unit: '火星县', month: '2025-03' }, { set: values() });
    expect(textOf(unknownUnit)).toContain('没有「火星县」');
    expect(h.store.revisions('城区', '2025-03')).toHaveLength(1);
  });
});
