import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, harness, LIU, textOf, values, type Harness } from './helpers.ts';

let h: Harness;
afterEach(() => h?.close());

const WANG = 'discord:5678';

describe('who may do what', () => {
  it("refuses a reporter writing another unit's report, clearly, and audits the refusal", async () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    const r = await h.run(LIU, 'report', 'submit', { unit: '泽州县', month: '2025-03' }, { set: values() });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('你不是「泽州县」的报送人');
    const form = await h.run(LIU, 'report', 'submit', { unit: '泽州县' });
    expect(form.form).toBeUndefined();
    const show = await h.run(LIU, 'report', 'show', { unit: '泽州县', month: '2025-03' });
    expect(show.isError).toBe(true);
    const refusals = h.store.auditLog(LIU).filter((a) => a.outcome === 'refused');
    expect(refusals.map((a) => [a.action, a.unit])).toEqual([
      ['report submit', '泽州县'],
      ['report submit', '泽州县'],
      ['report show', '泽州县'],
    ]);
    expect(h.store.show('泽州县', '2025-03').revisions).toBe(0);
  });

  it('refuses a user bound to no unit before any handler runs, and audits it', async () => {
    h = harness();
    const r = await h.run(WANG, 'report', 'submit');
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(WANG);
    expect(h.store.auditLog(WANG)).toMatchObject([{ action: 'report submit', outcome: 'refused' }]);
  });

  it('keeps missing lists, summaries, compliance, exports, admin and reminders for coordinators', async () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    const attempts: Array<[string, string | undefined, Record<string, string>]> = [
      ['missing', undefined, {}],
      ['summary', undefined, {}],
      ['compliance', undefined, {}],
      ['export', undefined, {}],
      ['admin', 'bind', { user: LIU, unit: '泽州县' }],
      ['admin', 'excuse', { unit: '城区', month: '2025-03' }],
      ['admin', 'return', { unit: '城区', month: '2025-03', reason: 'x' }],
      ['admin', 'reopen', { unit: '城区', month: '2025-03' }],
      ['remind', 'send', {}],
    ];
    for (const [command, sub, options] of attempts) {
      const r = await h.run(LIU, command, sub, options);
      expect(r.isError, `${command} ${sub ?? ''}`).toBe(true);
      expect(textOf(r)).toContain('仅限');
    }
    const backup = await h.run(LIU, 'report', 'backup', { file: `${h.dir}/b.db` });
    expect(backup.isError).toBe(true);
    expect(h.store.auditLog(LIU).filter((a) => a.outcome === 'refused')).toHaveLength(attempts.length + 1);
    expect(h.store.rolesOf(LIU).units).toEqual(['城区']);
  });

  it('lets a coordinator write for any unit without being bound to it', async () => {
    h = harness();
    const r = await h.run(ADMIN, 'report', 'submit', { unit: '陵川县', month: '2025-03' }, { set: values() });
    expect(r.isError).toBeFalsy();
  });

  it("refuses confirming someone else's draft", async () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    h.store.bind(ADMIN, WANG, '城区');
    const form = await h.run(LIU, 'report', 'submit');
    const card = await h.bot.submitForm(form.form!.id, values(), h.ctx(LIU));
    const stolen = await h.bot.act(card.actions![0]!.id, h.ctx(WANG));
    expect(stolen.isError).toBe(true);
    expect(h.store.show('城区', '2025-03').revisions).toBe(0);
  });

  it('re-checks permission at confirmation time, so an unbound reporter cannot finish a draft', async () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    const form = await h.run(LIU, 'report', 'submit');
    const card = await h.bot.submitForm(form.form!.id, values(), h.ctx(LIU));
    h.store.unbind(ADMIN, LIU, '城区');
    const r = await h.bot.act(card.actions![0]!.id, h.ctx(LIU));
    expect(r.isError).toBe(true);
    expect(h.store.show('城区', '2025-03').revisions).toBe(0);
  });
});
