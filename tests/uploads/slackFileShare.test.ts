/**
 * A file shared with the bot in a Slack DM, through the real Bolt app and the real App (SQLite
 * roles, the corpus folder in a temp dir): Slack's signed `message` event with subtype
 * `file_share` → the core checks the sender and the file → the adapter downloads
 * `url_private_download` from a loopback file host with the bot token → the outline is posted in
 * the DM with 确认导入 / 取消 → the document is stored only when the uploader confirms.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createApp, type App } from '../../src/bot/app.ts';
import { createSlackApp, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { optionsFromText } from '../../src/adapters/slack/fileShare.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { readSettings } from '../../src/settings.ts';
import { tempDir } from '../helpers/run.ts';
import { FakeSlack, SlackSender, sign } from '../slack/fakeSlack.ts';
import { DOC_NO, FileHost, GBK_NOTICE, pdfWithoutText, rewardPdf } from './fixtures.ts';

const SECRET = 'file-share-secret';
const TOKEN = 'xoxb-files';
const corpus = tempDir();
copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(corpus, 'jc32.txt'));

let app: App;
let fake: FakeSlack;
let adapter: SlackAdapter;
let slack: SlackSender;
let eventsUrl: string;
const host = new FileHost();
let seq = 0;

beforeAll(async () => {
  await host.start();
  fake = new FakeSlack();
  await fake.start();
  const settings = readSettings({
    POLICY_DESK_DB: join(tempDir(), 'pd.db'),
    POLICY_DESK_COORDINATORS: 'slack:T1:UC',
    POLICY_DESK_CORPUS_DIR: corpus,
    POLICY_DESK_SCHEDULER: 'off',
    POLICY_DESK_NOW: '2025-04-03T09:00:00+08:00',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  app = await createApp({ settings });
  adapter = createSlackApp(app, settings.slack!, { port: 0, host: '127.0.0.1', logLevel: LogLevel.ERROR });
  const { port } = await adapter.start();
  eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  slack = new SlackSender(eventsUrl, SECRET, fake);
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  await host.stop();
  app?.close();
});

interface Shared {
  name: string;
  bytes: Buffer;
  mimetype: string;
  size?: number;
}

/** The Events API delivery of a file shared in the DM, JSON and signed as Slack sends it. */
async function share(file: Shared, opts: { user?: string; text?: string; channelType?: string; retryOf?: string } = {}): Promise<number> {
  const url = host.put(file.name, file.bytes, file.mimetype);
  const eventId = opts.retryOf ?? `Ev${++seq}`;
  const body = JSON.stringify({
    token: 'legacy-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'message',
      subtype: 'file_share',
      channel: `D-${opts.user ?? 'UC'}`,
      channel_type: opts.channelType ?? 'im',
      user: opts.user ?? 'UC',
      text: opts.text ?? '',
      ts: `1743642000.${String(seq).padStart(6, '0')}`,
      files: [{ id: `F${seq}`, name: file.name, title: file.name, mimetype: file.mimetype, size: file.size ?? file.bytes.length, url_private: url, url_private_download: url, mode: 'hosted' }],
    },
  });
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SECRET, ts, body), ...(opts.retryOf ? { 'x-slack-retry-num': '1' } : {}) },
    body,
  });
  await res.text();
  await adapter.idle();
  return res.status;
}

/** The messages posted to a DM channel since call index `from`. */
function posted(from: number, channel = 'D-UC'): Array<{ text: string; blocks: any[] }> {
  return fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel).map((c) => ({ text: c.args.text, blocks: c.args.blocks ?? [] }));
}

function buttons(blocks: any[]): Array<{ action_id: string; value?: string }> {
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value })));
}

describe('Slack: a coordinator adds a policy document by sharing the file in a DM with the bot', () => {
  it('downloads it with the bot token, posts the outline in the DM, and stores it only when confirmed', async () => {
    const from = fake.calls.length;
    expect(await share({ name: 'reward-rule.pdf', bytes: rewardPdf(), mimetype: 'application/pdf' })).toBe(200);
    const download = host.requests.filter((r) => r.path === '/files/reward-rule.pdf');
    expect(download).toHaveLength(1);
    expect(download[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    const [outline] = posted(from);
    expect(JSON.stringify(outline!.blocks)).toContain(DOC_NO);
    expect(JSON.stringify(outline!.blocks)).toContain('尚未导入');
    expect(readdirSync(corpus)).not.toContain('reward-rule.txt');

    const store = buttons(outline!.blocks).find((b) => (b.value ?? b.action_id).includes('corpus:store:'))!;
    const before = fake.calls.length;
    await slack.action(store, { user: 'UC', channel: 'D-UC', ephemeral: false });
    await adapter.idle();
    const answer = fake.calls.slice(before).find((c) => c.method === 'respond')!;
    expect(JSON.stringify(answer.args)).toContain('已导入 晋市监规〔2025〕2号');
    expect(readdirSync(corpus)).toContain('reward-rule.txt');
  });

  it('handles a redelivered event once', async () => {
    const from = fake.calls.length;
    await share({ name: 'once.pdf', bytes: rewardPdf(), mimetype: 'application/pdf' });
    await share({ name: 'once.pdf', bytes: rewardPdf(), mimetype: 'application/pdf' }, { retryOf: `Ev${seq}` });
    expect(host.downloads('once.pdf')).toBe(1);
    expect(posted(from)).toHaveLength(1);
  });

  it('reads a GBK text and takes the title from the message text', async () => {
    const from = fake.calls.length;
    await share({ name: 'grain.txt', bytes: GBK_NOTICE, mimetype: 'text/plain' }, { text: '标题：晋城市粮食应急保障办法' });
    const text = JSON.stringify(posted(from)[0]!.blocks);
    expect(text).toContain('晋市政发〔2023〕7号');
    expect(text).toContain('晋城市粮食应急保障办法');
    expect(text).toContain('GB18030');
  });

  it('refuses a member in the DM without downloading the file', async () => {
    const from = fake.calls.length;
    await share({ name: 'member.pdf', bytes: rewardPdf(), mimetype: 'application/pdf' }, { user: 'UM' });
    expect(JSON.stringify(posted(from, 'D-UM'))).toContain('仅限市投资促进中心协调员');
    expect(host.downloads('member.pdf')).toBe(0);
  });

  it('refuses a too-large file and an unsupported type without downloading them', async () => {
    const from = fake.calls.length;
    await share({ name: 'big.pdf', bytes: rewardPdf(), mimetype: 'application/pdf', size: 40 * 1024 * 1024 });
    await share({ name: 'photo.jpg', bytes: Buffer.from('jpeg'), mimetype: 'image/jpeg' });
    const text = JSON.stringify(posted(from));
    expect(text).toContain('超过 30 MB');
    expect(text).toContain('不支持「photo.jpg」（.jpg）');
    expect(host.downloads('big.pdf') + host.downloads('photo.jpg')).toBe(0);
  });

  it('says a PDF without text needs OCR', async () => {
    const from = fake.calls.length;
    await share({ name: 'scan.pdf', bytes: pdfWithoutText(), mimetype: 'application/pdf' });
    const [m] = posted(from);
    expect(JSON.stringify(m!.blocks)).toContain('没有可提取的文字');
    expect(buttons(m!.blocks)).toEqual([]);
  });

  it('ignores files shared in channels (only DMs add documents)', async () => {
    const from = fake.calls.length;
    await share({ name: 'channel.pdf', bytes: rewardPdf(), mimetype: 'application/pdf' }, { channelType: 'channel' });
    expect(host.downloads('channel.pdf')).toBe(0);
    expect(fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });
});

describe('naming the document in the DM text', () => {
  it('reads 文号 and 标题 lines (or doc-no: and title:)', () => {
    expect(optionsFromText('文号：晋市政办〔2024〕32号\n标题: 工作方案')).toEqual({ 'doc-no': '晋市政办〔2024〕32号', title: '工作方案' });
    expect(optionsFromText('please add')).toEqual({});
  });
});
