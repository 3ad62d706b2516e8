/**
 * End to end on the real composition root: createApp with a SQLite file in a temp dir, the real
 * search, rules and reports features, the real Bolt app on 127.0.0.1, signed requests, and the
 * recording fake Slack API. A report travels /pd-report → modal → confirmation → stored revision.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createApp, type App } from '../../src/bot/app.ts';
import { createSlackApp, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { readSettings } from '../../src/settings.ts';
import { FakeSlack, SlackSender } from './fakeSlack.ts';

const SECRET = 'e2e-signing-secret';
let dir: string;
let app: App;
let fake: FakeSlack;
let adapter: SlackAdapter;
let slack: SlackSender;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-slack-'));
  fake = new FakeSlack();
  await fake.start();
  const settings = readSettings({
    POLICY_DESK_DB: join(dir, 'reports.db'),
    POLICY_DESK_COORDINATORS: 'slack:T1:UC',
    POLICY_DESK_NOW: '2025-04-03T09:00:00+08:00',
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  app = await createApp({ settings });
  adapter = createSlackApp(app, settings.slack!, { port: 0, host: '127.0.0.1', logLevel: LogLevel.ERROR });
  const { port } = await adapter.start();
  slack = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET, fake);
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The revisions stored for 城区 2025-03, read through the bot as the coordinator. */
async function revisions(): Promise<number> {
  const ctx = { user: { id: 'slack:T1:UC' }, locale: 'zh-CN' as const, now: app.now(), surface: 'slack' as const };
  const r = await app.bot.run({ command: 'report', subcommand: 'show', options: { unit: '城区', month: '2025-03' } }, ctx);
  return (r.data as { revisions: number }).revisions;
}

/** Sends a request and waits until the adapter has finished everything it started for it. */
async function settle<T>(p: Promise<T>): Promise<T> {
  const out = await p;
  await adapter.idle();
  return out;
}

function inputs(view: Record<string, any>): Array<Record<string, any>> {
  return (view.blocks as Array<Record<string, any>>).filter((b) => b.type === 'input');
}

describe('Slack end to end on the real app', () => {
  it('answers /pd-search with a real clause: document number, path and the verbatim text', async () => {
    const before = fake.of('respond').length;
    await settle(slack.command('/pd-search', '节能审查', 'U5'));
    const answer = fake.of('respond')[before]!;
    const sections = (answer.args.blocks as Array<Record<string, any>>).filter((b) => b.type === 'section').map((b) => b.text.text as string);
    const citation = sections.find((t) => t.startsWith(':page_facing_up:'));
    expect(citation).toMatch(/\*[^*]+〔20\d\d〕\d+号\*/);
    expect(citation).toContain('节能审查');
  });

  it('answers /pd-ask about an energy review with the rule verdict and its clause', async () => {
    const before = fake.of('respond').length;
    await settle(slack.command('/pd-ask', '年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗', 'U5'));
    const text = JSON.stringify(fake.of('respond')[before]!.args.blocks);
    expect(text).toContain('晋市政办〔2024〕32号');
    expect(text).toContain('节能审查');
  });

  it('continues an unfinished rule question with /pd-ask follow-ups from the same person', async () => {
    await settle(slack.command('/pd-ask', '这个项目需要节能审查吗', 'U6'));
    const first = fake.of('respond').at(-1)!.args;
    const button = first.blocks.find((b: any) => b.type === 'actions')?.elements[0];
    expect(button.text.text).toBe('补充信息');
    await settle(slack.command('/pd-ask', '年综合能源消费量800吨标准煤', 'U6'));
    await settle(slack.command('/pd-ask', '年电力消费量300万千瓦时', 'U6'));
    const verdict = JSON.stringify(fake.of('respond').at(-1)!.args.blocks);
    expect(verdict).toContain('不再单独进行节能审查');
    expect(verdict).toContain('800吨标准煤');
  });

  it('opens the follow-up questions as a modal from the 补充信息 button and answers in the modal', async () => {
    await settle(slack.command('/pd-ask', '这个项目需要节能审查吗', 'U8'));
    const button = fake.of('respond').at(-1)!.args.blocks.find((b: any) => b.type === 'actions').elements[0];
    await settle(slack.action(button, { user: 'U8' }));
    const view = fake.of('views.open').at(-1)!.args.view;
    const [energy, power] = inputs(view);
    expect(energy!.element.type).toBe('plain_text_input');
    const res = await settle(slack.submit(view, { [energy!.block_id]: '800吨标准煤', [power!.block_id]: '300万千瓦时' }, { user: 'U8', viewId: 'V200' }));
    const body = res.json();
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view.blocks)).toContain('不再单独进行节能审查');
  });

  it('takes a report from /pd-report through the modal and the confirmation to one stored revision', async () => {
    // A coordinator binds the reporter by mentioning them, as Slack escapes it.
    await settle(slack.command('/pd-admin', 'bind <@U1|liu> 城区', 'UC'));
    expect(JSON.stringify(fake.of('respond').at(-1)!.args.blocks)).not.toContain(':x:');

    await settle(slack.command('/pd-report', 'submit', 'U1'));
    const opened = fake.of('views.open').at(-1)!.args.view;
    expect(opened.title.text.length).toBeLessThanOrEqual(24);
    const fields = inputs(opened);
    expect(fields.map((b) => b.block_id)).toContain('f:outbound_trips');
    expect(fields.find((b) => b.block_id === 'f:signed_investment')!.element).toMatchObject({ type: 'number_input', is_decimal_allowed: true });

    // A fractional number of trips comes back as an error on that field's block.
    const values: Record<string, string> = {};
    for (const b of fields) values[b.block_id] = b.element.type === 'number_input' ? '1' : '';
    const wrong = await settle(slack.submit(opened, { ...values, 'f:outbound_trips': '1.5' }, { user: 'U1', viewId: 'V100', hash: 'a' }));
    const wrongBody = wrong.json();
    expect(wrongBody.response_action).toBe('errors');
    expect(Object.keys(wrongBody.errors)).toContain('f:outbound_trips');
    expect(await revisions()).toBe(0);

    // Field errors leave the view as it was, so the corrected submission carries the same hash.
    const ok = await settle(slack.submit(opened, values, { user: 'U1', viewId: 'V100', hash: 'a' }));
    const card = ok.json();
    expect(card.response_action).toBe('update');
    const confirm = card.view.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.text.text === '确认提交');
    expect(confirm).toBeDefined();
    expect(await revisions()).toBe(0);

    // The same submission redelivered gets the same card and stores nothing.
    const retry = await settle(slack.submit(opened, values, { user: 'U1', viewId: 'V100', hash: 'a' }, { retryNum: 1 }));
    expect(retry.json()).toEqual(card);

    const click = slack.actionBody(confirm, { user: 'U1', view: { id: 'V100' } });
    await settle(slack.post(click));
    await settle(slack.post(click, { retryNum: 1 }));
    const result = fake.of('views.update').at(-1)!;
    expect(result.args.view_id).toBe('V100');
    expect(JSON.stringify(result.args.view.blocks)).toContain('已提交：城区 2025-03');
    expect(await revisions()).toBe(1);
  });
});
