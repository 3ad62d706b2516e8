/**
 * One conformance suite, run unchanged on every surface: the console, Discord, Slack and DingTalk.
 * Each scenario is what a person does — search, a typed conversation (the console's prompt, the
 * Discord and Slack DM with the bot, a DingTalk chat) with follow-up answers and 取消, file the monthly report through
 * a hard error and a soft warning, confirm, amend, a coordinator's missing list, and a reminder
 * DM answered on another platform — and each surface must give the same outcome.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import type { SurfaceDriver } from './screen.ts';
import { COORDINATOR, startWorld, type World } from './world.ts';

const REPORTER = 'liu';
/** Bound on the *other* platform: the reminder reaches them there. */
const FAR_REPORTER = 'wang';
const MONTH = '2025-03';
/** How a command is typed on each surface (Slack's registry prefixes every command). */
const PREFIX = { console: '/', discord: '/', slack: '/pd-', dingtalk: '/' } as const;

const FIGURES: Record<string, string> = {
  outbound_trips: '2', events: '1', projects_docked: '3', projects_signed: '1', signed_investment: '0',
  projects_started: '0', projects_in_production: '0', leading_enterprises: '0', investment_in_place: '0', notes: '',
};

const SURFACES: Array<{ surface: SurfaceDriver['surface']; far: 'discord' | 'slack' | 'dingtalk' }> = [
  { surface: 'console', far: 'discord' },
  { surface: 'discord', far: 'slack' },
  { surface: 'slack', far: 'discord' },
  { surface: 'dingtalk', far: 'slack' },
];

describe.each(SURFACES)('conformance on $surface', ({ surface, far }) => {
  let world: World;
  let d: SurfaceDriver;
  beforeAll(async () => {
    world = await startWorld();
    d = world.driver(surface);
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
  });

  const revisions = () => world.app.store!.revisions('城区', MONTH).length;

  it('answers a search with the verbatim clause, its 文号 and path', async () => {
    const s = await d.command(REPORTER, '/search 节能审查');
    expect(s.text).toContain('晋市政办〔2024〕32号');
    const clauses = loadCorpus().clauses.filter((c) => c.text.includes('节能审查'));
    expect(clauses.some((c) => s.text.includes(c.text.slice(0, 20)))).toBe(true);
  });

  it('asks a rule question, then continues it with follow-up answers typed by the same person', async () => {
    const first = await d.say(REPORTER, '这个项目需要节能审查吗');
    expect(first.buttons).toContain('补充信息');
    await d.say(REPORTER, '年综合能源消费量800吨标准煤');
    const verdict = await d.say(REPORTER, '年电力消费量300万千瓦时');
    expect(verdict.text).toContain('不再单独进行节能审查');
    expect(verdict.text).toContain('800吨标准煤');
  });

  it('ends a follow-up typed in the conversation on 取消, and says to just reply there since the bot hears it', async () => {
    const first = await d.say('zhao', '我们的项目需要节能审查吗');
    expect(first.text).toContain('取消');
    // The console, DingTalk and the Discord and Slack DMs all read what is typed next.
    expect(first.text).toContain('直接回复补充的信息即可');
    const cancelled = await d.say('zhao', '取消');
    expect(cancelled.text).toContain('已结束这次追问');
    const fresh = await d.say('zhao', '外资企业有什么支持');
    expect(fresh.text).toContain('条文检索');
    expect(fresh.text).not.toContain('还需了解');
  });

  it('promises typed replies to a slash /ask only where they are heard', async () => {
    const asked = await d.command('qian', '/ask 我们的项目需要节能审查吗');
    // A slash command in a Discord server or Slack channel: the bot reads only mentions there.
    const channelOnly = surface === 'discord' || surface === 'slack';
    if (channelOnly) {
      expect(asked.text).not.toContain('直接回复');
      expect(asked.text).toContain(`${PREFIX[surface]}ask`);
    } else {
      expect(asked.text).toContain('直接回复补充的信息即可');
    }
    await d.say('qian', '取消');
  });

  it("names every command the way it is typed on this surface", async () => {
    const unbound = await d.command('nobody', '/report submit');
    expect(unbound.text).toContain(`${PREFIX[surface]}admin bind`);
    const help = await d.command('nobody', '/help');
    expect(help.text).toContain(`${PREFIX[surface]}search`);
    expect(help.text).toContain(`（${PREFIX[surface]}admin bind）`);
  });

  it('shows the usage of /admin bind when its arguments are missing, and /help <command> explains one command', async () => {
    const bind = await d.command(COORDINATOR, '/admin bind');
    expect(bind.text).toContain(`${PREFIX[surface]}admin bind user=<用户> unit=<单位>`);
    expect(bind.text).toContain(`例如：${PREFIX[surface]}admin bind`);
    const help = await d.command(REPORTER, '/help report');
    expect(help.text).toContain(`用法：${PREFIX[surface]}report submit [unit=<单位>] [month=<月份>]`);
    expect(help.text).toContain(`例如：${PREFIX[surface]}report submit month=2025-03`);
  });

  it('lets a coordinator bind a reporter to a unit', async () => {
    const s = await d.command(COORDINATOR, `/admin bind user=${d.idOf(REPORTER)} unit=城区`);
    expect(s.text).not.toContain('仅限');
    expect(world.app.store!.rolesOf(d.idOf(REPORTER)).units).toEqual(['城区']);
  });

  it('backs up from chat only into the backup folder, and refuses a path with a clear message', async () => {
    for (const bad of ['../x.db', `${world.dir}/elsewhere.db`, '/tmp/pd-conformance-evil.db']) {
      const refused = await d.command(COORDINATOR, `/report backup file=${bad}`);
      expect(refused.text, bad).toContain('备份只能写入配置的备份文件夹');
    }
    expect(existsSync(join(world.dir, '..', 'x.db'))).toBe(false);
    expect(existsSync(join(world.dir, 'elsewhere.db'))).toBe(false);
    const named = await d.command(COORDINATOR, '/report backup file=before-audit');
    expect(named.text).toContain('已备份');
    expect(existsSync(join(world.dir, 'backups', 'before-audit.db'))).toBe(true);
  });

  it('refuses a hard error by naming the field, and stores nothing', async () => {
    const form = await d.command(REPORTER, `/report submit month=${MONTH}`);
    expect(form.formOpen).toBe(true);
    const wrong = await d.fill(REPORTER, { ...FIGURES, outbound_trips: '1.5' });
    expect(wrong.text).toContain('外出招商次数');
    expect(revisions()).toBe(0);
  });

  it('asks for a reason on a soft warning, shows the confirmation card, and stores on 确认提交', async () => {
    let s = await d.command(REPORTER, `/report submit month=${MONTH}`);
    s = await d.fill(REPORTER, FIGURES);
    expect(s.text).toContain('请核实');
    if (!s.formOpen) s = await d.press(REPORTER, '填写原因');
    s = await d.fill(REPORTER, { reason: '签约金额待评估后补报' });
    expect(s.text).toContain('签约金额待评估后补报');
    expect(s.buttons).toContain('确认提交');
    expect(revisions()).toBe(0);
    if (d.pressOn) {
      // Another person's click on the card is refused as "not yours", and the draft stays the reporter's.
      const other = await d.pressOn(COORDINATOR, REPORTER, '确认提交');
      expect(other.text).toContain('这不是你的草稿');
      expect(other.text).not.toContain('已失效');
      expect(revisions()).toBe(0);
    }
    s = await d.press(REPORTER, '确认提交');
    expect(s.text).toContain('已提交');
    expect(revisions()).toBe(1);
  });

  it('amends the report with a reason into a second revision', async () => {
    let s = await d.command(REPORTER, `/report amend month=${MONTH}`);
    expect(s.formOpen).toBe(true);
    s = await d.fill(REPORTER, { signed_investment: '2.5', reason: '补录签约金额' });
    expect(s.buttons).toContain('确认提交');
    s = await d.press(REPORTER, '确认提交');
    expect(s.text).toContain('已更正');
    expect(revisions()).toBe(2);
    expect(world.app.store!.show('城区', MONTH).values).toMatchObject({ signed_investment: 2.5 });
  });

  it("shows a coordinator the month's missing units", async () => {
    const s = await d.command(COORDINATOR, `/missing ${MONTH}`);
    expect(s.text).toContain('阳城县');
    expect(s.text).not.toMatch(/(^|[^阳])城区/);
  });

  it(`delivers a reminder to a reporter bound on ${far}, who answers it there`, async () => {
    const other = world.driver(far);
    await d.command(COORDINATOR, `/admin bind user=${other.idOf(FAR_REPORTER)} unit=阳城县`).catch(() => undefined);
    if (!world.app.store!.rolesOf(other.idOf(FAR_REPORTER)).units.includes('阳城县')) {
      // Discord's user option only takes Discord users: bind the far reporter from their own platform's coordinator.
      await other.command(COORDINATOR, `/admin bind user=${other.idOf(FAR_REPORTER)} unit=阳城县`);
    }
    const sent = await d.command(COORDINATOR, `/remind send ${MONTH}`);
    expect(sent.text).toContain('阳城县');
    expect(sent.text).not.toContain('未能送达');
    const answered = await other.press(FAR_REPORTER, '本月无招商活动');
    expect(answered.text).toContain('已报告本月无招商活动');
    expect(world.app.store!.show('阳城县', MONTH).status).not.toBe('missing');
    const after = await d.command(COORDINATOR, `/missing ${MONTH}`);
    expect(after.text).not.toContain('阳城县');
  });
});
