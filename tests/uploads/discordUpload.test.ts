/**
 * `/corpus add file:<attachment>` on Discord, through the real discord.js client and the real App
 * (SQLite roles, the corpus folder in a temp dir): the adapter hands the attachment to the core as
 * an upload, the core checks who sent it and what it is before downloading it from the (loopback)
 * CDN, the outline comes back with 确认导入 / 取消, and the document is stored only on 确认导入.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { createApp, type App } from '../../src/bot/app.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { readSettings } from '../../src/settings.ts';
import { tempDir } from '../helpers/run.ts';
import { Harness, button, slash, type RecordedCall } from '../discord/fakeDiscord.ts';
import { DOC_NO, FileHost, FIXTURES, GBK_NOTICE, legacyWordFile, pdfWithoutText, rewardPdf } from './fixtures.ts';

const COORDINATOR = '900000000000000009';
const MEMBER = '111111111111111111';
const corpus = tempDir();
copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(corpus, 'jc32.txt'));

let app: App;
const h = new Harness();
const host = new FileHost();
let attachmentId = 700000000000000000n;

beforeAll(async () => {
  await host.start();
  const settings = readSettings({
    POLICY_DESK_DB: join(tempDir(), 'pd.db'),
    POLICY_DESK_COORDINATORS: `discord:${COORDINATOR}`,
    POLICY_DESK_CORPUS_DIR: corpus,
    POLICY_DESK_SCHEDULER: 'off',
    POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00',
  });
  app = await createApp({ settings });
  await h.start(app);
});
afterAll(async () => {
  await h.stop();
  await host.stop();
  app.close();
});

/**
 * `/corpus add` with an attachment, as Discord sends it: the option's value is the attachment id,
 * the attachment itself is in `data.resolved.attachments` (name, size, content type, CDN URL).
 */
function addWithFile(file: { name: string; bytes: Buffer; contentType: string; size?: number }, user: string, extra: Record<string, string> = {}) {
  const id = String(++attachmentId);
  const url = host.put(file.name, file.bytes, file.contentType);
  const payload = slash(
    'corpus',
    [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        options: [
          { type: ApplicationCommandOptionType.Attachment, name: 'file', value: id },
          ...Object.entries(extra).map(([name, value]) => ({ type: ApplicationCommandOptionType.String as const, name, value })),
        ],
      },
    ],
    { user },
  );
  (payload.data as { resolved?: unknown }).resolved = {
    attachments: { [id]: { id, filename: file.name, size: file.size ?? file.bytes.length, url, proxy_url: url, content_type: file.contentType } },
  };
  return h.send(payload);
}

/** What the person sees: the deferred reply's edit (ephemeral, since the defer was). */
function shown(calls: RecordedCall[]): { text: string; buttons: string[] } {
  const edit = calls.filter((c) => c.method === 'PATCH' && c.path.includes('/messages/@original')).at(-1) ?? calls.find((c) => c.path.endsWith('/callback'));
  const body = edit!.body?.data ?? edit!.body;
  const text = JSON.stringify([body.content ?? '', body.embeds ?? []]);
  const buttons = (body.components ?? []).flatMap((row: { components: Array<{ custom_id?: string }> }) => row.components.map((c) => c.custom_id ?? ''));
  return { text, buttons };
}

describe('Discord: a coordinator adds a policy document by attaching it to /corpus add', () => {
  it('defers, downloads the attachment, shows the outline with confirm and cancel, and stores it only on 确认导入', async () => {
    const calls = await addWithFile({ name: 'reward-rule.pdf', bytes: rewardPdf(), contentType: 'application/pdf' }, COORDINATOR);
    const first = calls.find((c) => c.path.endsWith('/callback'))!;
    expect(first.body.type).toBe(5); // deferred, ephemeral: a PDF may take seconds
    expect(first.body.data.flags).toBe(64);
    expect(host.downloads('reward-rule.pdf')).toBe(1);
    const { text, buttons } = shown(calls);
    expect(text).toContain(DOC_NO);
    expect(text).toContain('尚未导入');
    expect(buttons.some((b) => b.startsWith('corpus:store:'))).toBe(true);
    expect(readdirSync(corpus)).not.toContain('reward-rule.txt');

    const store = buttons.find((b) => b.startsWith('corpus:store:'))!;
    const after = await h.send(button(store, { user: COORDINATOR }));
    expect(JSON.stringify(after.map((c) => c.body))).toContain('已导入 晋市监规〔2025〕2号');
    expect(readdirSync(corpus)).toContain('reward-rule.txt');
  });

  it('reads a GBK text file and takes 文号 from the command option when the text has none', async () => {
    const calls = await addWithFile({ name: '粮食应急保障办法.txt', bytes: GBK_NOTICE, contentType: 'text/plain' }, COORDINATOR, { title: '晋城市粮食应急保障办法' });
    const { text, buttons } = shown(calls);
    expect(text).toContain('晋市政发〔2023〕7号');
    expect(text).toContain('GB18030');
    expect(text).toContain('第二条');
    const cancel = buttons.find((b) => b.startsWith('corpus:cancel:'))!;
    const after = await h.send(button(cancel, { user: COORDINATOR }));
    expect(JSON.stringify(after.map((c) => c.body))).toContain('未导入');
    expect(readdirSync(corpus)).not.toContain('粮食应急保障办法.txt');
  });

  it('refuses a member without downloading the file', async () => {
    const calls = await addWithFile({ name: 'member.pdf', bytes: rewardPdf(), contentType: 'application/pdf' }, MEMBER);
    expect(shown(calls).text).toContain('仅限市投资促进中心协调员');
    expect(host.downloads('member.pdf')).toBe(0);
  });

  it('refuses a file larger than the limit from its announced size, without downloading it', async () => {
    const calls = await addWithFile({ name: 'huge.pdf', bytes: rewardPdf(), contentType: 'application/pdf', size: 31 * 1024 * 1024 }, COORDINATOR);
    expect(shown(calls).text).toContain('超过 30 MB');
    expect(host.downloads('huge.pdf')).toBe(0);
  });

  it('refuses an unsupported type (an image) by name, without downloading it', async () => {
    const png = await addWithFile({ name: 'scan.png', bytes: Buffer.from('\x89PNG'), contentType: 'image/png' }, COORDINATOR);
    expect(shown(png).text).toContain('不支持「scan.png」（.png）');
    expect(shown(png).text).toContain('PDF、Word（.docx）');
    expect(host.downloads('scan.png')).toBe(0);
  });

  it('downloads a .doc for its content to decide: a legacy Word file is refused, saying to save it as .docx or PDF first', async () => {
    const before = readdirSync(corpus).length;
    const calls = await addWithFile({ name: 'old.doc', bytes: legacyWordFile(), contentType: 'application/msword' }, COORDINATOR);
    expect(host.downloads('old.doc')).toBe(1);
    const { text, buttons } = shown(calls);
    expect(text).toContain('old.doc 是旧版 Word（.doc）文件');
    expect(text).toContain('另存为 .docx 或 PDF');
    expect(buttons.filter((b) => b.startsWith('corpus:'))).toEqual([]);
    expect(readdirSync(corpus).length).toBe(before);
  });

  it('reads a Word .docx uploaded under a .doc name as a .docx: the outline, with 确认导入', async () => {
    const calls = await addWithFile({ name: '举报奖励办法.doc', bytes: readFileSync(join(FIXTURES, 'reward-rule.docx')), contentType: 'application/msword' }, COORDINATOR);
    const { text, buttons } = shown(calls);
    expect(text).toContain(DOC_NO);
    expect(text).toContain('Word (.docx)');
    expect(text).toContain('举报奖励办法.doc：按内容是Word（.docx）文件');
    expect(buttons.some((b) => b.startsWith('corpus:cancel:'))).toBe(true);
    await h.send(button(buttons.find((b) => b.startsWith('corpus:cancel:'))!, { user: COORDINATOR }));
  });

  it('says a PDF without text needs OCR, and stores nothing', async () => {
    const before = readdirSync(corpus).length;
    const calls = await addWithFile({ name: 'scanned.pdf', bytes: pdfWithoutText(), contentType: 'application/pdf' }, COORDINATOR);
    const { text, buttons } = shown(calls);
    expect(text).toContain('没有可提取的文字');
    expect(buttons.filter((b) => b.startsWith('corpus:'))).toEqual([]);
    expect(readdirSync(corpus).length).toBe(before);
  });
});
