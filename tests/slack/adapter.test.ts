/**
 * The Slack adapter, driven the way Slack drives it: the real Bolt app listens on 127.0.0.1,
 * requests are HMAC-signed like Slack's, and every Web API call it makes goes to a local fake
 * Slack that records it.
 */
import { hostFor } from '../../src/bot/core/pipeline.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createSlackApp, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { FakeSlack, SlackSender } from './fakeSlack.ts';
import { createTestBot, Gate, QUOTE } from './testBot.ts';

const SECRET = 'test-signing-secret';

interface Rig {
  fake: FakeSlack;
  adapter: SlackAdapter;
  slack: SlackSender;
  test: ReturnType<typeof createTestBot>;
}

let rig: Rig;

async function setUp(options: { gates?: NonNullable<Parameters<typeof createTestBot>[0]>['gates']; modalBudgetMs?: number; submitBudgetMs?: number } = {}): Promise<Rig> {
  const fake = new FakeSlack();
  await fake.start();
  const test = createTestBot({ gates: options.gates });
  const adapter = createSlackApp(
    hostFor(test.bot, { defaultLocale: 'zh-CN', now: () => new Date('2025-04-03T09:00:00+08:00') }),
    { botToken: 'xoxb-test', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl, commandPrefix: '/pd-' },
    { port: 0, host: '127.0.0.1', logLevel: LogLevel.ERROR, modalBudgetMs: options.modalBudgetMs, submitBudgetMs: options.submitBudgetMs },
  );
  const { port } = await adapter.start();
  return { fake, adapter, test, slack: new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET, fake) };
}

async function tearDown(r: Rig | undefined): Promise<void> {
  if (!r) return;
  await r.adapter.stop();
  await r.fake.stop();
}

/** All text in a list of blocks, for "does the message say X" checks. */
function textOf(blocks: Array<Record<string, any>>): string {
  return JSON.stringify(blocks);
}

describe('connection mode', () => {
  it('uses Socket Mode when an app-level token is set, asking SLACK_API_URL for the socket with that token', async () => {
    const fake = new FakeSlack();
    await fake.start();
    try {
      const test = createTestBot();
      const adapter = createSlackApp(
        hostFor(test.bot, { defaultLocale: 'zh-CN', now: () => new Date() }),
        { botToken: 'xoxb-test', appToken: 'xapp-test', port: 3000, apiUrl: fake.apiUrl, commandPrefix: '/pd-' },
        { logLevel: LogLevel.ERROR },
      );
      await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
      const open = await fake.waitFor('apps.connections.open');
      expect(open.authorization).toBe('Bearer xapp-test');
    } finally {
      await fake.stop();
    }
  });

  it('refuses to start with neither an app-level token nor a signing secret, naming both settings', () => {
    const test = createTestBot();
    expect(() =>
      createSlackApp(hostFor(test.bot, { defaultLocale: 'zh-CN', now: () => new Date() }), { botToken: 'xoxb-test', port: 3000, commandPrefix: '/pd-' }),
    ).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });
});

describe('request verification', () => {
  beforeEach(async () => {
    rig = await setUp();
  });
  afterEach(() => tearDown(rig));

  it('refuses a request signed with the wrong secret (401) and runs nothing', async () => {
    const res = await rig.slack.command('/pd-report', 'none', 'U1', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await rig.adapter.idle();
    expect(rig.test.revisions).toHaveLength(0);
    expect(rig.fake.of('respond')).toHaveLength(0);
  });

  it('refuses a correctly signed request whose timestamp is ten minutes old (401)', async () => {
    const res = await rig.slack.command('/pd-report', 'none', 'U1', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    await rig.adapter.idle();
    expect(rig.test.revisions).toHaveLength(0);
  });

  it('accepts a correctly signed, fresh request', async () => {
    const res = await rig.slack.command('/pd-help', '');
    expect(res.status).toBe(200);
    const answer = await rig.fake.waitFor('respond');
    expect(textOf(answer.args.blocks)).toContain('使用说明');
  });
});

describe('search and ask', () => {
  beforeEach(async () => {
    rig = await setUp();
  });
  afterEach(() => tearDown(rig));

  it('answers /pd-search ephemerally with the document number, clause path and verbatim quote', async () => {
    await rig.slack.command('/pd-search', '节能审查');
    const answer = await rig.fake.waitFor('respond');
    expect(answer.args.response_type).toBe('ephemeral');
    const sections = (answer.args.blocks as Array<Record<string, any>>).filter((b) => b.type === 'section').map((b) => b.text.text as string);
    const citation = sections.find((t) => t.includes('晋市政办〔2024〕32号'));
    expect(citation).toContain('三、（二）2');
    expect(citation).toContain(`>${QUOTE}`);
    expect(answer.args.blocks[0]).toMatchObject({ type: 'header', text: { text: '条文检索：节能审查（1 条）' } });
  });

  it('answers /pd-ask with the verdict and the clause it rests on', async () => {
    await rig.slack.command('/pd-ask', '年综合能源消费量1000吨标准煤需要节能审查吗');
    const answer = await rig.fake.waitFor('respond');
    const text = textOf(answer.args.blocks);
    expect(text).toContain('结论：需要节能审查');
    expect(text).toContain('晋市政办〔2024〕32号');
    expect(text).toContain(QUOTE);
  });

  it("speaks the user's Slack locale, asking users.info once and caching it", async () => {
    rig.fake.locales.set('U7', 'en-US');
    await rig.slack.command('/pd-search', 'energy review', 'U7');
    await rig.slack.command('/pd-ask', 'energy review?', 'U7');
    await rig.adapter.idle();
    // Both answers, in whichever order the two pieces of work finished.
    const answers = rig.fake.of('respond').map((a) => textOf(a.args.blocks));
    expect(answers.some((t) => t.includes('Clause search: energy review (1)'))).toBe(true);
    expect(answers.some((t) => t.includes('Verdict: an energy review is required'))).toBe(true);
    expect(rig.fake.of('users.info')).toHaveLength(1);
    expect(rig.fake.of('users.info')[0]!.args).toMatchObject({ user: 'U7', include_locale: 'true' });
  });

  it('prefers the saved /pd-lang preference over the Slack locale', async () => {
    rig.fake.locales.set('U1', 'zh-CN');
    rig.test.directory.setLocale('slack:T1:U1', 'en');
    await rig.slack.command('/pd-search', '节能审查');
    const answer = await rig.fake.waitFor('respond');
    expect(textOf(answer.args.blocks)).toContain('Clause search');
  });

  it('keeps a reply with more blocks than Slack allows to 50 blocks and says how many were left out', async () => {
    await rig.slack.command('/pd-missing', '', 'UC');
    const answer = await rig.fake.waitFor('respond');
    const blocks = answer.args.blocks as Array<Record<string, any>>;
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/还有 \d+ 个内容块/);
  });

  it('names the user as slack:<team>:<user>, so permissions follow the bound user', async () => {
    await rig.slack.command('/pd-missing', '', 'U1');
    const answer = await rig.fake.waitFor('respond');
    expect(textOf(answer.args.blocks)).toContain('仅限市投资促进中心协调员使用');
  });
});

describe('acknowledgement and slow work', () => {
  afterEach(() => tearDown(rig));

  it('acknowledges a slash command before the answer is ready, then answers through response_url', async () => {
    const gate = new Gate();
    rig = await setUp({ gates: { summary: gate } });
    const res = await rig.slack.command('/pd-summary', '', 'UC');
    // The HTTP response is back while the handler still waits on the gate.
    expect(res.status).toBe(200);
    expect(rig.fake.of('respond')).toHaveLength(0);
    gate.release();
    const answer = await rig.fake.waitFor('respond');
    expect(answer.args.response_type).toBe('in_channel');
    const table = (answer.args.blocks as Array<Record<string, any>>).find((b) => b.text?.text?.startsWith('```'));
    expect(table?.text.text).toContain('合计');
  });

  it('opens a loading modal while the trigger is fresh and updates it with the form when the bot is slow', async () => {
    const gate = new Gate();
    rig = await setUp({ gates: { amend: gate }, modalBudgetMs: 20 });
    await rig.slack.command('/pd-report', 'amend 城区 2025-03');
    const loading = await rig.fake.waitFor('views.open');
    expect(textOf(loading.args.view.blocks)).toContain('正在加载');
    gate.release();
    const update = await rig.fake.waitFor('views.update');
    expect(update.args.view_id).toBe('V1');
    const trips = update.args.view.blocks.find((b: any) => b.block_id === 'f:outbound_trips');
    expect(trips.element).toMatchObject({ type: 'number_input', initial_value: '2' });
  });
});

describe('a slow form submission', () => {
  afterEach(() => tearDown(rig));

  it('is acknowledged with a loading view and updated with the result, stored once', async () => {
    const gate = new Gate();
    rig = await setUp({ gates: { form: gate }, submitBudgetMs: 20 });
    await rig.slack.command('/pd-report', 'submit');
    const view = (await rig.fake.waitFor('views.open')).args.view;
    const res = await rig.slack.submit(view, { 'f:outbound_trips': '2', 'f:signed_investment': '3' }, { viewId: 'V1' });
    expect(res.json().response_action).toBe('update');
    expect(textOf(res.json().view.blocks)).toContain('正在加载');
    expect(rig.test.revisions).toHaveLength(0);
    gate.release();
    const update = await rig.fake.waitFor('views.update');
    expect(update.args.view_id).toBe('V1');
    expect(textOf(update.args.view.blocks)).toContain('已提交');
    expect(rig.test.revisions).toHaveLength(1);
  });

  it('reopens the form with the typed values and the errors listed when they can no longer go back as response_action: errors', async () => {
    const gate = new Gate();
    rig = await setUp({ gates: { form: gate }, submitBudgetMs: 20 });
    await rig.slack.command('/pd-report', 'submit');
    const view = (await rig.fake.waitFor('views.open')).args.view;
    await rig.slack.submit(view, { 'f:outbound_trips': '2', 'f:signed_investment': '3.14159' }, { viewId: 'V1' });
    gate.release();
    const update = await rig.fake.waitFor('views.update');
    const again = update.args.view;
    expect(again.callback_id).toBe('pd-form');
    expect(again.private_metadata).toBe(view.private_metadata);
    expect(again.blocks[0].text.text).toContain('*签约投资额（亿元）*：签约投资额最多两位小数');
    const typed = again.blocks.find((b: any) => b.block_id === 'f:signed_investment');
    expect(typed.element.initial_value).toBe('3.14159');
    expect(rig.test.revisions).toHaveLength(0);
  });
});

describe('the report form', () => {
  beforeEach(async () => {
    rig = await setUp();
  });
  afterEach(() => tearDown(rig));

  async function openForm(): Promise<Record<string, any>> {
    await rig.slack.command('/pd-report', 'submit 城区 2025-03');
    return (await rig.fake.waitFor('views.open')).args.view;
  }

  it('opens one modal with number inputs bounded by the definition, a notes box, and a title within 24 characters', async () => {
    const view = await openForm();
    expect(view.type).toBe('modal');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
    expect(JSON.parse(view.private_metadata).form).toBe('report:form:城区:2025-03');
    const byId = Object.fromEntries((view.blocks as any[]).filter((b) => b.type === 'input').map((b) => [b.block_id, b]));
    expect(byId['f:outbound_trips'].element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '99' });
    expect(byId['f:signed_investment'].element).toMatchObject({ type: 'number_input', is_decimal_allowed: true, min_value: '0', max_value: '10000' });
    expect(byId['f:signed_investment'].label.text).toBe('签约投资额（亿元）');
    expect(byId['f:notes'].element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 500 });
    expect(byId['f:notes'].optional).toBe(true);
  });

  it('stores a valid submission once and shows the result in the modal', async () => {
    const view = await openForm();
    const res = await rig.slack.submit(view, { 'f:outbound_trips': '3', 'f:signed_investment': '12.5', 'f:notes': '赴深圳招商' });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(textOf(body.view.blocks)).toContain('已提交 城区 2025-03 月报');
    expect(rig.test.revisions).toEqual([
      { userId: 'slack:T1:U1', unit: '城区', month: '2025-03', values: { outbound_trips: '3', signed_investment: '12.5', notes: '赴深圳招商' } },
    ]);
  });

  it('returns field errors as response_action: errors on the block of each wrong field', async () => {
    const view = await openForm();
    const res = await rig.slack.submit(view, { 'f:outbound_trips': '3', 'f:signed_investment': '1.234' });
    expect(res.json()).toEqual({ response_action: 'errors', errors: { 'f:signed_investment': '签约投资额最多两位小数' } });
    expect(rig.test.revisions).toHaveLength(0);
  });

  it('processes the corrected submission after field errors, although the view and its hash are unchanged', async () => {
    const view = await openForm();
    const wrong = await rig.slack.submit(view, { 'f:outbound_trips': '3', 'f:signed_investment': '1.234' }, { viewId: 'V1', hash: 'h1' });
    expect(wrong.json().response_action).toBe('errors');
    const fixed = await rig.slack.submit(view, { 'f:outbound_trips': '3', 'f:signed_investment': '1.23' }, { viewId: 'V1', hash: 'h1' });
    expect(fixed.json().response_action).toBe('update');
    expect(rig.test.revisions).toHaveLength(1);
  });

  it('replaces the form with a confirmation view for a soft warning, and stores only after the confirm button', async () => {
    const view = await openForm();
    const res = await rig.slack.submit(view, { 'f:outbound_trips': '1', 'f:signed_investment': '500' }, { viewId: 'V1' });
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(textOf(body.view.blocks)).toContain('明显高于往月');
    const buttons = body.view.blocks.find((b: any) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => b.text.text)).toEqual(['确认提交', '返回修改']);
    expect(rig.test.revisions).toHaveLength(0);

    await rig.slack.action(buttons[0], { view: { id: 'V1' } });
    const update = await rig.fake.waitFor('views.update');
    expect(update.args.view_id).toBe('V1');
    expect(textOf(update.args.view.blocks)).toContain('已提交');
    expect(rig.test.revisions).toHaveLength(1);
    expect(rig.test.revisions[0]!.values.signed_investment).toBe('500');
  });

  it('offers 本月无招商活动 as one button in the modal that stores a zero report', async () => {
    const view = await openForm();
    const button = view.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button.text.text).toBe('本月无招商活动');
    await rig.slack.action(button, { view: { id: 'V1' } });
    const update = await rig.fake.waitFor('views.update');
    expect(textOf(update.args.view.blocks)).toContain('已提交');
    expect(rig.test.revisions).toEqual([{ userId: 'slack:T1:U1', unit: '城区', month: '2025-03', values: { outbound_trips: '0', signed_investment: '0' } }]);
  });
});

describe('retried deliveries', () => {
  beforeEach(async () => {
    rig = await setUp();
  });
  afterEach(() => tearDown(rig));

  it('answers a retried view submission with the first answer and stores it once', async () => {
    await rig.slack.command('/pd-report', 'submit');
    const view = (await rig.fake.waitFor('views.open')).args.view;
    const body = rig.slack.submissionBody(view, { 'f:outbound_trips': '2', 'f:signed_investment': '3' }, { viewId: 'V1', hash: 'h1' });
    const first = await rig.slack.post(body);
    const retry = await rig.slack.post(body, { retryNum: 1 });
    const duplicate = await rig.slack.post(body);
    expect(retry.status).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(duplicate.json()).toEqual(first.json());
    expect(rig.test.revisions).toHaveLength(1);
  });

  it('acknowledges a retried slash command without running it again', async () => {
    const body = rig.slack.commandBody('/pd-report', 'none 城区 2025-03');
    await rig.slack.post(body);
    const retry = await rig.slack.post(body, { retryNum: 1 });
    expect(retry.status).toBe(200);
    await rig.adapter.idle();
    expect(rig.test.revisions).toHaveLength(1);
    expect(rig.fake.of('respond')).toHaveLength(1);
  });

  it('runs a retried view submission whose first copy never arrived, so nothing acknowledged is lost', async () => {
    await rig.slack.command('/pd-report', 'submit');
    const view = (await rig.fake.waitFor('views.open')).args.view;
    const body = rig.slack.submissionBody(view, { 'f:outbound_trips': '2', 'f:signed_investment': '3' }, { viewId: 'V1', hash: 'h1' });
    const retry = await rig.slack.post(body, { retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(rig.test.revisions).toHaveLength(1);
  });

  it('runs a button once when the same click is delivered twice', async () => {
    const body = rig.slack.actionBody({ action_id: 'report:none:城区:2025-03', value: 'report:none:城区:2025-03' });
    await rig.slack.post(body);
    await rig.slack.post(body, { retryNum: 2 });
    await rig.adapter.idle();
    expect(rig.test.revisions).toHaveLength(1);
  });
});

describe('files and direct messages', () => {
  beforeEach(async () => {
    rig = await setUp();
  });
  afterEach(() => tearDown(rig));

  it("uploads an export to the requester's DM through files.getUploadURLExternal and completeUploadExternal", async () => {
    await rig.slack.command('/pd-export', '2025-03', 'UC');
    const complete = await rig.fake.waitFor('files.completeUploadExternal');
    expect(complete.args.channel_id).toBe('D-UC');
    const requested = rig.fake.of('files.getUploadURLExternal')[0]!;
    expect(requested.args.filename).toBe('policy-desk-2025-03.csv');
    const content = Buffer.from('\ufeff单位,外出招商\n城区,2\n', 'utf8');
    expect(Number(requested.args.length)).toBe(content.length);
    const upload = rig.fake.of('upload')[0]!;
    expect(upload.bytes!.includes(content)).toBe(true);
  });

  it('delivers reminders as DMs and tells the coordinator which ones failed', async () => {
    rig.fake.unreachable.add('UGONE');
    await rig.slack.command('/pd-remind', 'send', 'UC');
    await rig.adapter.idle();
    const dms = rig.fake.of('chat.postMessage');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.args.channel).toBe('D-U1');
    expect(textOf(dms[0]!.args.blocks)).toContain('本月无招商活动');
    const answers = rig.fake.of('respond').map((c) => textOf(c.args.blocks));
    expect(answers.some((t) => t.includes('已提醒 2 位报送人'))).toBe(true);
    expect(answers.some((t) => t.includes('1 条私信未能送达') && t.includes('<@UGONE>'))).toBe(true);
  });

  it('stores a 本月无招商活动 click on a reminder DM and replaces the ephemeral card with the result', async () => {
    await rig.slack.action({ action_id: 'report:none:城区:2025-03', value: 'report:none:城区:2025-03' }, { ephemeral: true });
    const answer = await rig.fake.waitFor('respond');
    expect(answer.args.replace_original).toBe(true);
    expect(textOf(answer.args.blocks)).toContain('已提交');
    expect(rig.test.revisions).toHaveLength(1);
  });
});
