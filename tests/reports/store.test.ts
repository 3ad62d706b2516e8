import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserDirectory } from '../../src/bot/core/context.ts';
import { join } from 'node:path';
import { openReportStore, restoreDatabase } from '../../src/reports/index.ts';
import { MIGRATIONS } from '../../src/reports/schema.ts';
import { ADMIN, harness, LIU, values, type Harness } from './helpers.ts';

let h: Harness;
afterEach(() => h?.close());

describe('the reports store', () => {
  it('creates the schema with numbered migrations, WAL and foreign keys, and reopens an existing file without redoing them', () => {
    h = harness();
    h.store.close();
    const db = new Database(h.path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openReportStore({ path: h.path, coordinators: [ADMIN] });
    expect(again.rolesOf(ADMIN).coordinator).toBe(true);
    again.close();
    h.store = openReportStore({ path: h.path, coordinators: [ADMIN] });
  });

  it('brings a database made by the first release up to date without touching its reports', () => {
    h = harness();
    h.store.close();
    // A file as the first release left it: migration 1 only, with one stored report.
    const old = new Database(`${h.path}.v1`);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.prepare(`INSERT INTO reports (unit, month, values_json, revision, first_at, first_by, updated_at, updated_by)
                 VALUES ('城区', '2025-03', '{"outbound_trips":1}', 1, '2025-04-01T00:00:00Z', 'console:liu', '2025-04-01T00:00:00Z', 'console:liu')`).run();
    old.close();
    const store = openReportStore({ path: `${h.path}.v1`, coordinators: [ADMIN] });
    expect(store.show('城区', '2025-03').values).toEqual({ outbound_trips: 1 });
    expect(store.notifications.claim('remind:2025-03:城区:before', 'console:liu')).toBe(true);
    store.close();
    const db = new Database(`${h.path}.v1`);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    h.store = openReportStore({ path: h.path, coordinators: [ADMIN] });
  });

  it('keeps one report per unit and month, and every submission and amendment as a numbered revision with who, when, values and reason', () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    const first = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    expect(first.ok && first.revision).toBe(1);
    const again = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.code).toBe('exists');
    const amended = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '2' }, reason: '漏报一场活动' });
    expect(amended.ok && amended.revision).toBe(2);
    const revs = h.store.revisions('城区', '2025-03');
    expect(revs.map((r) => [r.number, r.kind, r.userId, r.reason])).toEqual([
      [1, 'submit', LIU, null],
      [2, 'amend', LIU, '漏报一场活动'],
    ]);
    expect(revs[0]!.values.events).toBe(1);
    expect(revs[1]!.values.events).toBe(2);
    // untouched fields keep their stored values on amendment
    expect(revs[1]!.values.signed_investment).toBe(2.5);
    expect(h.store.show('城区', '2025-03').values.events).toBe(2);
  });

  it('refuses an amendment without a reason and an amendment of a month never submitted', () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    const none = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '2' }, reason: 'x' });
    expect(!none.ok && none.code).toBe('not_found');
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    const noReason = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '2' } });
    expect(!noReason.ok && noReason.code).toBe('reason_required');
    expect(h.store.revisions('城区', '2025-03')).toHaveLength(1);
  });

  it('refuses an amendment that changes nothing, so every revision in the history is a real change', () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values({ events: '12' }) });
    // 十二 is the 12 already stored; an empty value keeps the stored one.
    for (const raw of [{ events: '十二' }, { events: '' }]) {
      const same = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw, reason: '核对' });
      expect(!same.ok && same.code).toBe('unchanged');
      expect(!same.ok && same.problem.zh).toContain('没有修改任何数值');
    }
    expect(h.store.revisions('城区', '2025-03')).toHaveLength(1);
    expect(h.store.auditLog(LIU).filter((e) => e.outcome === 'rejected').map((e) => e.detail?.split(':')[0])).toEqual(['unchanged', 'unchanged']);
    const real = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '13' }, reason: '漏报一场' });
    expect(real.ok && real.revision).toBe(2);
  });

  it('clears an optional text field given empty in an amendment, as a change of its own', () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values({ notes: '有备注' }) });
    const cleared = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { notes: '' }, reason: '删除备注' });
    expect(cleared.ok && cleared.revision).toBe(2);
    expect(h.store.show('城区', '2025-03').values).not.toHaveProperty('notes');
    // The figures were not typed, so they keep their stored values.
    expect(h.store.show('城区', '2025-03').values.events).toBe(1);
    // Clearing it again changes nothing.
    const again = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { notes: ' ' }, reason: '删除备注' });
    expect(!again.ok && again.code).toBe('unchanged');
  });

  it('stores "本月无招商活动" as real zeros that count as submitted', () => {
    h = harness();
    const r = h.store.write({ actor: ADMIN, unit: '高平市', month: '2025-03', kind: 'none' });
    expect(r.ok).toBe(true);
    const v = h.store.show('高平市', '2025-03');
    expect(v.status).toBe('on_time');
    expect(v.noActivity).toBe(true);
    expect(v.values.outbound_trips).toBe(0);
    expect(v.values.signed_investment).toBe(0);
    expect(h.store.missing('2025-03').missing.map((m) => m.unit)).not.toContain('高平市');
  });

  it('derives the status per unit and month: on_time by the due day, late after it, excused, missing', () => {
    h = harness({ at: '2025-04-05T23:59:00+08:00' });
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'none' });
    h.clock.now = new Date('2025-04-06T00:00:00+08:00');
    h.store.write({ actor: ADMIN, unit: '泽州县', month: '2025-03', kind: 'none' });
    h.store.excuse(ADMIN, '高平市', '2025-03', '机构调整');
    const status = Object.fromEntries(h.store.monthViews('2025-03').map((v) => [v.unit, v.status]));
    expect(status).toMatchObject({ 城区: 'on_time', 泽州县: 'late', 高平市: 'excused', 阳城县: 'missing' });
  });

  it('refuses to excuse a month the unit has already reported, saying why (the figures count)', () => {
    h = harness({ at: '2025-04-05T10:00:00+08:00' });
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'none' });
    const r = h.store.excuse(ADMIN, '城区', '2025-03', '误操作');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.zh).toContain('已经报送');
    expect(h.store.monthViews('2025-03').find((v) => v.unit === '城区')?.status).toBe('on_time');
  });

  it('expects a unit only for the months inside its effective dates', () => {
    const roster = { units: [
      { name: '城区', kind: 'county' as const },
      { name: '新区', kind: 'zone' as const, from: '2025-02' },
      { name: '旧县', kind: 'county' as const, until: '2025-01' },
    ] };
    h = harness({ roster });
    expect(h.store.activeUnits('2025-01').map((u) => u.name)).toEqual(['城区', '旧县']);
    expect(h.store.activeUnits('2025-03').map((u) => u.name)).toEqual(['城区', '新区']);
    const r = h.store.write({ actor: ADMIN, unit: '新区', month: '2025-01', kind: 'none' });
    expect(!r.ok && r.code).toBe('inactive_unit');
  });

  it('locks a month after the lock day for reporters until a coordinator reopens it', () => {
    h = harness({ at: '2025-04-21T09:00:00+08:00' });
    h.store.bind(ADMIN, LIU, '城区');
    const locked = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    expect(!locked.ok && locked.code).toBe('locked');
    expect(!locked.ok && locked.problem.zh).toContain('2025-04-20');
    const reporterReopen = h.store.reopen(LIU, '城区', '2025-03', '补报');
    expect(!reporterReopen.ok && reporterReopen.code).toBe('forbidden');
    expect(h.store.reopen(ADMIN, '城区', '2025-03', '补报').ok).toBe(true);
    const after = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    expect(after.ok).toBe(true);
    expect(after.ok && after.report.status).toBe('late');
  });

  it('lets a reporter amend a returned report even after the lock day, and locks it again once amended', () => {
    h = harness();
    h.store.bind(ADMIN, LIU, '城区');
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'submit', raw: values() });
    h.clock.now = new Date('2025-04-25T09:00:00+08:00');
    expect(h.store.isLocked(LIU, '城区', '2025-03')).toBe(true);
    expect(h.store.returnReport(ADMIN, '城区', '2025-03', '请核实到位投资').ok).toBe(true);
    const r = h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { investment_in_place: '0.8' }, reason: '已核实' });
    expect(r.ok && r.revision).toBe(2);
    expect(h.store.isLocked(LIU, '城区', '2025-03')).toBe(true);
  });

  it('records binding, unbinding and locale preferences, and lets one person be bound on two platforms', () => {
    h = harness();
    h.store.bind(ADMIN, 'discord:1234', '城区');
    h.store.bind(ADMIN, 'slack:T1:U2', '城区');
    h.store.bind(ADMIN, 'slack:T1:U2', '泽州县');
    expect(h.store.reportersOf('城区')).toEqual(['discord:1234', 'slack:T1:U2']);
    expect(h.store.rolesOf('slack:T1:U2')).toEqual({ coordinator: false, units: ['城区', '泽州县'] });
    h.store.unbind(ADMIN, 'slack:T1:U2', '泽州县');
    expect(h.store.rolesOf('slack:T1:U2').units).toEqual(['城区']);
    const directory: UserDirectory = h.store; // the store is the bot's user directory
    directory.setLocale('discord:1234', 'en');
    expect(h.store.getLocale('discord:1234')).toBe('en');
    expect(h.store.getLocale('discord:9')).toBeUndefined();
    expect(h.store.auditLog(ADMIN).filter((a) => a.action === 'admin bind')).toHaveLength(3);
  });

  it('writes an audit entry for every write and every refused attempt', () => {
    h = harness();
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'none' });
    h.store.write({ actor: LIU, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '1' }, reason: 'x' });
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '-1' }, reason: 'x' });
    const log = h.store.auditLog();
    expect(log.map((a) => [a.userId, a.action, a.outcome])).toEqual([
      ['system:config', 'coordinator grant', 'ok'],
      [ADMIN, 'report none', 'ok'],
      [LIU, 'report amend', 'refused'],
      [ADMIN, 'report amend', 'rejected'],
    ]);
  });

  it('warns (softly) when 签约项目数 and 签约总投资 disagree, and when a value exceeds 3× the unit median of its last 6 months', () => {
    h = harness();
    for (const m of ['2024-10', '2024-11', '2024-12', '2025-01']) {
      expect(h.store.write({ actor: ADMIN, unit: '城区', month: m, kind: 'submit', raw: values({ projects_docked: '4' }) }).ok).toBe(true);
    }
    const pair = h.store.warningsFor('城区', '2025-02', { ...h.store.show('城区', '2025-01').values, signed_investment: 0 });
    expect(pair.map((w) => [w.code, w.field])).toEqual([['pair', 'signed_investment']]);
    const reverse = h.store.warningsFor('城区', '2025-02', { ...h.store.show('城区', '2025-01').values, projects_signed: 0 });
    expect(reverse.map((w) => w.code)).toEqual(['pair']);
    const stopped = h.store.write({ actor: ADMIN, unit: '城区', month: '2025-02', kind: 'submit', raw: values({ projects_docked: '13' }) });
    expect(!stopped.ok && stopped.code).toBe('warnings');
    expect(!stopped.ok && stopped.problem.zh).toContain('对接项目数');
    expect(h.store.show('城区', '2025-02').revisions).toBe(0);
    const exactly3x = h.store.warningsFor('城区', '2025-02', { ...h.store.show('城区', '2025-01').values, projects_docked: 12 });
    expect(exactly3x).toEqual([]);
    const ok = h.store.write({ actor: ADMIN, unit: '城区', month: '2025-02', kind: 'submit', raw: values({ projects_docked: '13' }), acceptWarnings: true, reason: '集中签约月' });
    expect(ok.ok).toBe(true);
    expect(h.store.revisions('城区', '2025-02')[0]!.warnings[0]).toContain('中位数');
  });

  it('keeps the database a restore replaces under a China-time stamp, like the backups, and never over an earlier one', async () => {
    h = harness();
    const backup = join(h.dir, 'b.db');
    expect((await h.store.backup(ADMIN, backup)).ok).toBe(true);
    h.store.close();
    const at = new Date('2026-12-01T08:18:39.892+08:00');
    const first = restoreDatabase(h.path, backup, at);
    const second = restoreDatabase(h.path, backup, at);
    expect(first.ok && first.keptAside).toBe(`${h.path}.before-restore-20261201-081839`);
    expect(second.ok && second.keptAside).toBe(`${h.path}.before-restore-20261201-081839-2`);
    h.store = openReportStore({ path: h.path, coordinators: [ADMIN] });
  });

  it('asks an amendment to confirm only the warnings on fields it changes: the rest were confirmed when stored', () => {
    h = harness();
    const signedNoMoney = values({ projects_signed: '2', signed_investment: '0' });
    expect(h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'submit', raw: signedNoMoney, acceptWarnings: true, reason: '金额待定' }).ok).toBe(true);
    const untouched = h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'amend', raw: { events: '2' }, reason: '补录场次' });
    expect(untouched.ok).toBe(true);
    const touched = h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'amend', raw: { projects_signed: '3' }, reason: '补录签约' });
    expect(!touched.ok && touched.code).toBe('warnings');
    expect(!touched.ok && touched.warnings?.map((w) => w.field)).toEqual(['signed_investment']);
  });

  it('copies the database with the online backup API, readable as a normal SQLite file', async () => {
    h = harness();
    h.store.write({ actor: ADMIN, unit: '城区', month: '2025-03', kind: 'none' });
    const target = `${h.dir}/backup/copy.db`;
    const refused = await h.store.backup(LIU, target);
    expect(refused.ok).toBe(false);
    const r = await h.store.backup(ADMIN, target);
    expect(r.ok).toBe(true);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(1);
    copy.close();
  });
});
