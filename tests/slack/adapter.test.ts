/**
 * The Slack adapter on the real app (createApp, SQLite in a temp dir): the real Bolt app listens
 * on 127.0.0.1, requests are HMAC-signed like Slack's, and every Web API call it makes goes to
 * a local fake Slack that records it. `U1` reports for 城区, `UC` coordinates (tests/slack/realRig.ts).
 *
 * A public (in_channel) command answer is not pinned here: no real command answers publicly.
 * How replies fit Slack's limits (titles cut to 24 characters, long quotes split across sections)
 * is pinned on the renderer in blockKit.test.ts; the same scenarios on every surface in
 * tests/conformance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createSlackApp } from '../../src/adapters/slack/index.ts';
import { loadCorpus } from '../../src/corpus/index.ts';
import { holdBot, type Gate } from '../helpers/hold.ts';
import { startRealApp, writeCorpus } from '../helpers/realApp.ts';
import { FakeSlack } from './fakeSlack.ts';
import { COORDINATOR, FIGURES, REPORTER, startRig, stopRig, type Rig } from './realRig.ts';

let rig: Rig;

/** All text in a list of blocks, for "does the message say X" checks. */
function textOf(blocks: Array<Record<string, any>>): string {
  return JSON.stringify(blocks);
}

const stored = { actor: REPORTER, unit: '城区', month: '2025-03', kind: 'submit' as const, raw: Object.fromEntries(Object.entries(FIGURES).map(([k, v]) => [k.slice(2), v])), acceptWarnings: true };

describe('connection mode', () => {
  it('uses Socket Mode when an app-level token is set, asking SLACK_API_URL for the socket with that token', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const real = await startRealApp();
    try {
      const adapter = createSlackApp(real.app, { botToken: 'xoxb-test', appToken: 'xapp-test', port: 3000, apiUrl: fake.apiUrl, commandPrefix: '/pd-' }, { logLevel: LogLevel.ERROR });
      await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
      const open = await fake.waitFor('apps.connections.open');
      expect(open.authorization).toBe('Bearer xapp-test');
    } finally {
      await fake.stop();
      real.close();
    }
  });

  it('refuses to start with neither an app-level token nor a signing secret, naming both settings', async () => {
    const real = await startRealApp();
    try {
      expect(() => createSlackApp(real.app, { botToken: 'xoxb-test', port: 3000, commandPrefix: '/pd-' })).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    } finally {
      real.close();
    }
  });
});

describe('request verification', () => {
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => stopRig(rig));

  it('refuses a request signed with the wrong secret (401) and runs nothing', async () => {
    const res = await rig.slack.command('/pd-report', 'none 城区 2025-03', 'U1', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await rig.adapter.idle();
    expect(rig.revisions()).toBe(0);
    expect(rig.fake.of('respond')).toHaveLength(0);
  });

  it('refuses a correctly signed request whose timestamp is ten minutes old (401)', async () => {
    const res = await rig.slack.command('/pd-report', 'none 城区 2025-03', 'U1', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    await rig.adapter.idle();
    expect(rig.revisions()).toBe(0);
  });

  it('accepts a correctly signed, fresh request', async () => {
    const res = await rig.slack.command('/pd-help', '');
    expect(res.status).toBe(200);
    const answer = await rig.fake.waitFor('respond');
    expect(textOf(answer.args.blocks)).toContain('使用说明');
    expect(textOf(answer.args.blocks)).toContain('*/pd-search*');
  });
});

describe('search and ask', () => {
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => stopRig(rig));

  it('answers /pd-search ephemerally with the document number, clause path and verbatim quote', async () => {
    await rig.slack.command('/pd-search', '节能审查');
    const answer = await rig.fake.waitFor('respond');
    expect(answer.args.response_type).toBe('ephemeral');
    const sections = (answer.args.blocks as Array<Record<string, any>>).filter((b) => b.type === 'section' && b.text).map((b) => b.text.text as string);
    const citation = sections.find((t) => t.includes('*晋市政办〔2024〕32号*'))!;
    const clause = loadCorpus().clauses.find((c) => c.docNo === '晋市政办〔2024〕32号' && citation.includes(`>${c.text}`));
    expect(clause, citation).toBeDefined();
    expect(citation).toContain(`*晋市政办〔2024〕32号* ${clause!.path}`);
    expect(answer.args.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^条文检索：节能审查（\d+ 条）$/) } });
  });

  it('answers /pd-ask with the verdict and the clause it rests on', async () => {
    await rig.slack.command('/pd-ask', '年综合能源消费量1200吨标准煤，年电力消费量600万千瓦时，不涉密，需要节能审查吗');
    const answer = await rig.fake.waitFor('respond');
    const text = textOf(answer.args.blocks);
    expect(answer.args.blocks[0]).toMatchObject({ type: 'header', text: { text: '节能审查：需要单独进行节能审查' } });
    expect(text).toContain('晋市政办〔2024〕32号');
    expect(text).toContain('>对年综合能源消费量不满1000吨标准煤且年电力消费量不满500万千瓦时的项目和涉及国家秘密的项目不再单独进行节能审查');
  });

  it("speaks the user's Slack locale, asking users.info once and caching it", async () => {
    rig.fake.locales.set('U7', 'en-US');
    await rig.slack.command('/pd-search', 'energy review', 'U7');
    await rig.slack.command('/pd-ask', 'energy review?', 'U7');
    await rig.adapter.idle();
    // Both answers, in whichever order the two pieces of work finished.
    const answers = rig.fake.of('respond').map((a) => textOf(a.args.blocks));
    expect(answers.some((t) => t.includes('Clause search: energy review ('))).toBe(true);
    expect(answers.some((t) => t.includes('Energy review: What the policy requires'))).toBe(true);
    expect(rig.fake.of('users.info')).toHaveLength(1);
    expect(rig.fake.of('users.info')[0]!.args).toMatchObject({ user: 'U7', include_locale: 'true' });
  });

  it('prefers the saved /pd-lang preference over the Slack locale', async () => {
    rig.fake.locales.set('U1', 'zh-CN');
    rig.app.store!.setLocale(REPORTER, 'en');
    await rig.slack.command('/pd-search', '节能审查');
    const answer = await rig.fake.waitFor('respond');
    expect(textOf(answer.args.blocks)).toContain('Clause search');
  });

  it('names the user as slack:<team>:<user>, so permissions follow the bound user', async () => {
    await rig.slack.command('/pd-missing', '', 'U1');
    const answer = await rig.fake.waitFor('respond');
    expect(textOf(answer.args.blocks)).toContain('仅限市投资促进中心协调员使用');
    await rig.slack.command('/pd-missing', '2025-03', 'UC');
    await rig.adapter.idle();
    expect(textOf(rig.fake.of('respond').at(-1)!.args.blocks)).toContain('阳城县');
  });
});

describe('a reply longer than one Slack message', () => {
  afterEach(() => stopRig(rig));

  it('keeps a reply with more blocks than Slack allows to 50 blocks and says how many were left out', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pd-slack-corpus-'));
    rig = await startRig({ env: { POLICY_DESK_CORPUS_DIR: writeCorpus(parent, { documents: 3, emptyFiles: 60 }) } });
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    await rig.slack.command('/pd-corpus', 'check', 'UC');
    const answer = await rig.fake.waitFor('respond');
    const blocks = answer.args.blocks as Array<Record<string, any>>;
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/还有 \d+ 个内容块/);
  });
});

describe('acknowledgement and slow work', () => {
  afterEach(() => stopRig(rig));

  it('acknowledges a slash command before the answer is ready, then answers through response_url', async () => {
    let gate!: Gate;
    rig = await startRig({ prepare: (app) => (gate = holdBot(app.bot, 'run')) });
    const res = await rig.slack.command('/pd-summary', '2025-03', 'UC');
    // The HTTP response is back while the real handler still waits on the gate.
    expect(res.status).toBe(200);
    expect(rig.fake.of('respond')).toHaveLength(0);
    gate.release();
    const answer = await rig.fake.waitFor('respond');
    expect(answer.args.response_type).toBe('ephemeral');
    const table = (answer.args.blocks as Array<Record<string, any>>).find((b) => b.text?.text?.startsWith('```'));
    expect(table?.text.text).toContain('合计');
  });

  it('opens a loading modal while the trigger is fresh and updates it with the form when the bot is slow', async () => {
    let gate!: Gate;
    rig = await startRig({ modalBudgetMs: 20, prepare: (app) => {
      expect(app.store!.write(stored).ok).toBe(true);
      gate = holdBot(app.bot, 'run');
    } });
    await rig.slack.command('/pd-report', 'amend 城区 2025-03');
    const loading = await rig.fake.waitFor('views.open');
    expect(textOf(loading.args.view.blocks)).toContain('正在加载');
    gate.release();
    const update = await rig.fake.waitFor('views.update');
    expect(update.args.view_id).toBe('V1');
    const trips = update.args.view.blocks.find((b: any) => b.block_id === 'f:outbound_trips');
    expect(trips.element).toMatchObject({ type: 'number_input', initial_value: '3' });
  });
});

/** Opens the report form from the slash command and returns its view. */
async function openForm(): Promise<Record<string, any>> {
  await rig.slack.command('/pd-report', 'submit 城区 2025-03');
  return (await rig.fake.waitFor('views.open')).args.view;
}

/** Presses the button labelled `label` in a view (a modal) and returns the views.update it caused. */
async function pressInView(view: Record<string, any>, label: string, viewId = 'V1') {
  const button = view.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.text.text === label);
  expect(button, label).toBeDefined();
  const from = rig.fake.calls.length;
  await rig.slack.action(button, { view: { id: viewId } });
  await rig.adapter.idle();
  return rig.fake.calls.slice(from).find((c) => c.method === 'views.update')!;
}

describe('a slow form submission', () => {
  afterEach(() => stopRig(rig));

  it('is acknowledged with a loading view and updated with the result, stored once after the confirmation', async () => {
    let gate!: Gate;
    rig = await startRig({ submitBudgetMs: 20, prepare: (app) => (gate = holdBot(app.bot, 'submitForm')) });
    const view = await openForm();
    const res = await rig.slack.submit(view, FIGURES, { viewId: 'V1' });
    expect(res.json().response_action).toBe('update');
    expect(textOf(res.json().view.blocks)).toContain('正在加载');
    expect(rig.revisions()).toBe(0);
    gate.release();
    const update = await rig.fake.waitFor('views.update');
    expect(update.args.view_id).toBe('V1');
    expect(textOf(update.args.view.blocks)).toContain('请确认 城区 2025-03');
    const done = await pressInView(update.args.view, '确认提交');
    expect(textOf(done.args.view.blocks)).toContain('已提交');
    expect(rig.revisions()).toBe(1);
  });

  it('reopens the form with the typed values and the errors listed when they can no longer go back as response_action: errors', async () => {
    let gate!: Gate;
    rig = await startRig({ submitBudgetMs: 20, prepare: (app) => (gate = holdBot(app.bot, 'submitForm')) });
    const view = await openForm();
    await rig.slack.submit(view, { ...FIGURES, 'f:signed_investment': '3.14159' }, { viewId: 'V1' });
    gate.release();
    const update = await rig.fake.waitFor('views.update');
    const again = update.args.view;
    expect(again.callback_id).toBe('pd-form');
    expect(again.private_metadata).toBe(view.private_metadata);
    expect(again.blocks[0].text.text).toContain('*签约总投资（亿元）*：「签约总投资（亿元）」最多保留 2 位小数');
    const typed = again.blocks.find((b: any) => b.block_id === 'f:signed_investment');
    expect(typed.element.initial_value).toBe('3.14159');
    expect(rig.revisions()).toBe(0);
  });
});

describe('the report form', () => {
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => stopRig(rig));

  it('opens one modal with number inputs bounded by the definition, a notes box, and a title within 24 characters', async () => {
    const view = await openForm();
    expect(view.type).toBe('modal');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text).toBe('城区 2025-03 月报');
    expect(JSON.parse(view.private_metadata).form).toBe('report:form:submit:城区:2025-03');
    const byId = Object.fromEntries((view.blocks as any[]).filter((b) => b.type === 'input').map((b) => [b.block_id, b]));
    expect(Object.keys(byId)).toHaveLength(10);
    expect(byId['f:outbound_trips'].element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '500' });
    expect(byId['f:signed_investment'].element).toMatchObject({ type: 'number_input', is_decimal_allowed: true, min_value: '0', max_value: '10000' });
    expect(byId['f:signed_investment'].label.text).toBe('签约总投资（亿元）');
    expect(byId['f:notes'].element).toMatchObject({ type: 'plain_text_input', max_length: 500 });
    expect(byId['f:notes'].optional).toBe(true);
  });

  it('shows a confirmation in the modal, stores a valid submission once on 确认提交, and shows the result there', async () => {
    const view = await openForm();
    const res = await rig.slack.submit(view, FIGURES, { viewId: 'V1' });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(textOf(body.view.blocks)).toContain('请确认 城区 2025-03');
    expect(rig.revisions()).toBe(0);
    const done = await pressInView(body.view, '确认提交');
    expect(done.args.view_id).toBe('V1');
    expect(textOf(done.args.view.blocks)).toContain('已提交');
    const revisions = rig.app.store!.revisions('城区', '2025-03');
    expect(revisions.map((r) => r.userId)).toEqual([REPORTER]);
    expect(rig.app.store!.show('城区', '2025-03').values).toMatchObject({ outbound_trips: 3, signed_investment: 12.5, notes: '赴深圳招商' });
  });

  it('returns field errors as response_action: errors on the block of each wrong field', async () => {
    const view = await openForm();
    const res = await rig.slack.submit(view, { ...FIGURES, 'f:signed_investment': '1.234' });
    expect(res.json()).toEqual({ response_action: 'errors', errors: { 'f:signed_investment': '「签约总投资（亿元）」最多保留 2 位小数：「1.234」' } });
    expect(rig.revisions()).toBe(0);
  });

  it('processes the corrected submission after field errors, although the view and its hash are unchanged', async () => {
    const view = await openForm();
    const wrong = await rig.slack.submit(view, { ...FIGURES, 'f:signed_investment': '1.234' }, { viewId: 'V1', hash: 'h1' });
    expect(wrong.json().response_action).toBe('errors');
    const fixed = await rig.slack.submit(view, { ...FIGURES, 'f:signed_investment': '1.23' }, { viewId: 'V1', hash: 'h1' });
    expect(fixed.json().response_action).toBe('update');
    await pressInView(fixed.json().view, '确认提交');
    expect(rig.revisions()).toBe(1);
  });

  it('asks for a reason in the modal on a soft warning, and stores only after the confirm button', async () => {
    const view = await openForm();
    const res = await rig.slack.submit(view, { ...FIGURES, 'f:signed_investment': '0' }, { viewId: 'V1' });
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(textOf(body.view.blocks)).toContain('请核实');
    const buttons = body.view.blocks.find((b: any) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => b.text.text)).toEqual(['填写原因', '修改']);
    expect(body.view.blocks.some((b: any) => b.block_id === 'f:reason')).toBe(true);
    expect(rig.revisions()).toBe(0);

    const card = (await rig.slack.submit(body.view, { 'f:reason': '签约金额待评估后补报' }, { viewId: 'V1', hash: 'h2' })).json();
    expect(card.response_action).toBe('update');
    expect(textOf(card.view.blocks)).toContain('签约金额待评估后补报');
    expect(rig.revisions()).toBe(0);
    const update = await pressInView(card.view, '确认提交');
    expect(update.args.view_id).toBe('V1');
    expect(textOf(update.args.view.blocks)).toContain('已提交');
    expect(rig.revisions()).toBe(1);
    expect(rig.app.store!.show('城区', '2025-03').values.signed_investment).toBe(0);
  });
});

describe('retried deliveries', () => {
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => stopRig(rig));

  it('answers a retried view submission with the first answer (one draft, not two) and stores it once', async () => {
    const view = await openForm();
    const body = rig.slack.submissionBody(view, FIGURES, { viewId: 'V1', hash: 'h1' });
    const first = await rig.slack.post(body);
    const retry = await rig.slack.post(body, { retryNum: 1 });
    const duplicate = await rig.slack.post(body);
    expect(retry.status).toBe(200);
    // The confirm button names the draft: a second run would have made a second draft.
    expect(retry.json()).toEqual(first.json());
    expect(duplicate.json()).toEqual(first.json());
    await pressInView(first.json().view, '确认提交');
    expect(rig.revisions()).toBe(1);
  });

  it('acknowledges a retried slash command without running it again', async () => {
    const body = rig.slack.commandBody('/pd-report', 'none 城区 2025-03');
    await rig.slack.post(body);
    const retry = await rig.slack.post(body, { retryNum: 1 });
    expect(retry.status).toBe(200);
    await rig.adapter.idle();
    expect(rig.revisions()).toBe(1);
    expect(rig.fake.of('respond')).toHaveLength(1);
  });

  it('runs a retried view submission whose first copy never arrived, so nothing acknowledged is lost', async () => {
    const view = await openForm();
    const body = rig.slack.submissionBody(view, FIGURES, { viewId: 'V1', hash: 'h1' });
    const retry = await rig.slack.post(body, { retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(textOf(retry.json().view.blocks)).toContain('请确认 城区 2025-03');
    await pressInView(retry.json().view, '确认提交');
    expect(rig.revisions()).toBe(1);
  });

  it('runs a button once when the same click is delivered twice', async () => {
    const body = rig.slack.actionBody({ action_id: 'report:pick:none:城区:2025-03', value: 'report:pick:none:城区:2025-03' });
    await rig.slack.post(body);
    await rig.slack.post(body, { retryNum: 2 });
    await rig.adapter.idle();
    expect(rig.revisions()).toBe(1);
  });
});

describe('files and direct messages', () => {
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => stopRig(rig));

  it("uploads an export to the requester's DM through files.getUploadURLExternal and completeUploadExternal", async () => {
    await rig.slack.command('/pd-export', '2025-03', 'UC');
    const complete = await rig.fake.waitFor('files.completeUploadExternal');
    expect(complete.args.channel_id).toBe('D-UC');
    const requested = rig.fake.of('files.getUploadURLExternal')[0]!;
    expect(requested.args.filename).toBe('月报-2025-03.xlsx');
    const upload = rig.fake.of('upload')[0]!;
    // The upload carries the whole file: an XLSX (a zip archive) of the length announced.
    expect(upload.bytes!.length).toBeGreaterThanOrEqual(Number(requested.args.length));
    expect(upload.bytes!.includes(Buffer.from('PK\x03\x04', 'latin1'))).toBe(true);
    expect(upload.bytes!.includes(Buffer.from('PK\x05\x06', 'latin1'))).toBe(true);
  });

  it('delivers reminders as DMs and tells the coordinator which ones failed', async () => {
    rig.app.store!.bind(COORDINATOR, 'slack:T1:UGONE', '泽州县');
    rig.fake.unreachable.add('UGONE');
    await rig.slack.command('/pd-remind', 'send 2025-03', 'UC');
    await rig.adapter.idle();
    const dms = rig.fake.of('chat.postMessage');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.args.channel).toBe('D-U1');
    expect(textOf(dms[0]!.args.blocks)).toContain('本月无招商活动');
    const answers = rig.fake.of('respond').map((c) => textOf(c.args.blocks));
    expect(answers.some((t) => t.includes('已向 1 个单位的 1 位报送人'))).toBe(true);
    expect(answers.some((t) => t.includes('1 条提醒未能送达') && t.includes('<@UGONE>'))).toBe(true);
  });

  it('stores a 本月无招商活动 click on a reminder DM and replaces the ephemeral card with the result', async () => {
    await rig.slack.action({ action_id: 'report:pick:none:城区:2025-03', value: 'report:pick:none:城区:2025-03' }, { ephemeral: true });
    const answer = await rig.fake.waitFor('respond');
    expect(answer.args.replace_original).toBe(true);
    expect(textOf(answer.args.blocks)).toContain('已报告本月无招商活动');
    expect(rig.revisions()).toBe(1);
  });
});

