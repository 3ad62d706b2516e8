/**
 * `/corpus` in chat, through the real Bot (real SQLite for roles, real live index): a coordinator
 * uploads a file, sees the outline with confirm/cancel buttons, and the document is stored — and
 * answered by /search without a restart — only after confirming.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import type { BotContext } from '../../src/bot/core/context.ts';
import { replyToPlainText, type Reply } from '../../src/bot/core/reply.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { readSettings } from '../../src/settings.ts';
import { ROOT, tempDir } from '../helpers/run.ts';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'ingest');
const DOC_NO = '晋市监规〔2025〕2号';
const dir = tempDir();
copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(dir, 'jc32.txt'));

let app: App;
const ctx = (id: string): BotContext => ({ user: { id }, locale: 'zh-CN', now: new Date('2025-04-03T09:00:00+08:00'), surface: 'discord' });
const coordinator = ctx('discord:100');
const otherCoordinator = ctx('discord:200');
const reporter = ctx('discord:300');
const pdf = () => ({ name: 'reward-rule.pdf', data: readFileSync(join(FIXTURES, 'reward-rule.pdf')) });

beforeAll(async () => {
  const settings = readSettings({
    POLICY_DESK_DB: join(tempDir(), 'pd.db'),
    POLICY_DESK_COORDINATORS: 'discord:100,discord:200',
    POLICY_DESK_CORPUS_DIR: dir,
    POLICY_DESK_SCHEDULER: 'off',
  });
  app = await createApp({ settings, watchCorpus: true });
});
afterAll(() => app.close());

const actionIds = (r: Reply) => (r.actions ?? []).map((a) => a.id);
const upload = (who: BotContext, extra: Record<string, string> = {}) =>
  app.bot.run({ command: 'corpus', subcommand: 'add', options: extra, files: [pdf()] }, who);

describe('/corpus add from chat', () => {
  it('is for coordinators only', async () => {
    const r = await upload(reporter);
    expect(r.isError).toBe(true);
    expect(replyToPlainText(r)).toContain('协调员');
  });

  it('asks for the file when none was attached, and never reads a server path from chat', async () => {
    const r = await app.bot.run({ command: 'corpus', subcommand: 'add', options: { file: '/etc/passwd' } }, coordinator);
    expect(r.isError).toBe(true);
    expect(replyToPlainText(r)).toContain('上传');
  });

  it('shows the outline with confirm and cancel buttons, and stores nothing yet', async () => {
    const r = await upload(coordinator);
    expect(r.isError).toBeFalsy();
    const text = replyToPlainText(r);
    expect(text).toContain(DOC_NO);
    expect(text).toContain('条文数：9');
    expect(text).toContain('第三条（一）');
    expect(actionIds(r)).toEqual([expect.stringMatching(/^corpus:store:/), expect.stringMatching(/^corpus:cancel:/)]);
    expect(existsSync(join(dir, 'reward-rule.txt'))).toBe(false);
  });

  it('cancel stores nothing and the buttons then expire', async () => {
    const r = await upload(coordinator);
    const [, cancel] = actionIds(r);
    expect(replyToPlainText(await app.bot.act(cancel!, coordinator))).toContain('已取消');
    expect(readdirSync(dir)).toEqual(['jc32.txt']);
    const again = await app.bot.act(cancel!, coordinator);
    expect(again.isError).toBe(true);
  });

  it('only the uploader can confirm', async () => {
    const r = await upload(coordinator);
    const [store] = actionIds(r);
    const stranger = await app.bot.act(store!, otherCoordinator);
    expect(stranger.isError).toBe(true);
    expect(existsSync(join(dir, 'reward-rule.txt'))).toBe(false);
  });

  it('confirm stores it and says it is searchable only once /search answers from it, without a restart', async () => {
    const r = await upload(coordinator);
    const [store] = actionIds(r);
    const done = await app.bot.act(store!, coordinator);
    expect(done.isError).toBeFalsy();
    expect(replyToPlainText(done)).toContain('已导入');
    expect(replyToPlainText(done)).toContain('现在即可检索');
    expect(done.data).toMatchObject({ stored: true, readiness: 'searchable' });
    expect(existsSync(join(dir, 'reward-rule.txt'))).toBe(true);
    // The very next search, with no wait: the confirmation came after the index took the document in.
    const s = await app.bot.run({ command: 'search', options: { query: '举报人的身份信息予以保密' } }, reporter);
    expect((s.data as { hits: Array<{ docNo: string; path: string }> }).hits[0]).toMatchObject({ docNo: DOC_NO, path: '第二条' });
  });

  it('offers to replace, not to double, a document whose 文号 is already stored', async () => {
    const r = await upload(coordinator);
    expect(replyToPlainText(r)).toContain('reward-rule.txt');
    const [replace] = actionIds(r);
    expect(replace).toMatch(/^corpus:replace:/);
    const done = await app.bot.act(replace!, coordinator);
    expect(done.isError).toBeFalsy();
    expect(readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()).toEqual(['jc32.txt', 'reward-rule.txt']);
  });

  it('offers to replace, not to store twice, a document whose text is already stored without a 文号', async () => {
    const briefing = 'taiyuan-jinzhong-development-zones-briefing.txt';
    copyFileSync(join(DEFAULT_CORPUS_DIR, briefing), join(dir, briefing));
    const live = app.liveSearch!;
    while (!live.current.clauses.some((c) => c.docId === 'taiyuan-jinzhong-development-zones-briefing')) await new Promise((res) => setTimeout(res, 20));
    const r = await app.bot.run({ command: 'corpus', subcommand: 'add', options: {}, files: [{ name: 'briefing-copy.txt', data: readFileSync(join(dir, briefing)) }] }, coordinator);
    expect(replyToPlainText(r)).toContain(briefing);
    expect(actionIds(r)[0]).toMatch(/^corpus:replace:/);
    const done = await app.bot.act(actionIds(r)[0]!, coordinator);
    expect(done.isError).toBeFalsy();
    expect(readdirSync(dir).filter((f) => f.startsWith('briefing') || f.startsWith('taiyuan'))).toHaveLength(1);
  });

  it('/corpus list and check show every document with its clause count', async () => {
    const list = await app.bot.run({ command: 'corpus', subcommand: 'list', options: {} }, coordinator);
    const rows = (list.data as { documents: Array<{ docNo: string; clauses: number }> }).documents;
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ docNo: DOC_NO, clauses: 9 }), expect.objectContaining({ docNo: '晋市政办〔2024〕32号', clauses: 13 })]));
    const check = await app.bot.run({ command: 'corpus', subcommand: 'check', options: {} }, coordinator);
    // The briefing was copied in without its metadata.json entry, which is where its title lives.
    const warnings = replyToPlainText(check).split('\n').filter((l) => l.startsWith('⚠'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('briefing-copy.txt：未能识别标题，暂用文件名「briefing-copy」；请用 --title 给出');
  });
});
