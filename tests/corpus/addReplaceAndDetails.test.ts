/**
 * `corpus add` says what it does with a document the corpus already has, and takes the issuer and
 * date a text lacks:
 *
 * - with `--replace`, the outline, the dry run, the messages and `replaces` in `--json` name the file
 *   it replaces (overwritten in place when the name is the same), never "保存为 …-2.txt" or "不会重复导入";
 * - without it, the outline and the refusal say nothing is stored;
 * - in chat, where the person chooses 替换旧文件 or 取消, the outline says what 替换旧文件 does;
 * - `--issuer` and `--date` (YYYY-MM-DD, checked) are recorded in metadata.json as `--title` is and
 *   shown in the outline; in chat the same as options of /corpus add.
 *
 * Real files in temp folders, the real CLI and the real chat bot.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import type { BotContext } from '../../src/bot/core/context.ts';
import { replyToPlainText, type Reply } from '../../src/bot/core/reply.ts';
import { loadCorpus } from '../../src/corpus/index.ts';
import { optionsFromText } from '../../src/adapters/slack/fileShare.ts';
import { readSettings } from '../../src/settings.ts';
import { runCli, tempDir } from '../helpers/run.ts';

/** A local regulation as published: no 文号, and (as the header reader may miss) no date or issuer. */
const REGULATION = ['某市安全生产主体责任规定', '第一条　为了落实生产经营单位安全生产主体责任，制定本规定。', '第二条　本规定适用于本市行政区域内的生产经营单位。', '第三条　本规定自2021年3月1日起施行。', ''].join('\n');
const FILE = 'work-safety.txt';
const TITLE = '某市安全生产主体责任规定（修订）';

function corpusWith(name = FILE): string {
  const dir = tempDir();
  writeFileSync(join(dir, name), REGULATION);
  return dir;
}
function source(name = FILE): string {
  const path = join(tempDir(), name);
  writeFileSync(path, REGULATION);
  return path;
}

describe('corpus add --replace of a text the corpus has under the same name', () => {
  it('the dry run says it replaces that file, in place, and --json lists it in `replaces`', () => {
    const env = { POLICY_DESK_CORPUS_DIR: corpusWith() };
    const dry = runCli(['corpus', 'add', source(), '--title', TITLE, '--replace', '--dry-run'], { env });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`保存为：${FILE}（覆盖同名的原文件）`);
    expect(dry.stdout).not.toContain('-2.txt');
    expect(dry.stdout).toContain(`（试运行：未保存；去掉 --dry-run 时将替换 ${FILE}）`);
    expect(dry.stderr).toContain(`相同，将用它替换 ${FILE}（--replace）`);
    expect(dry.stderr).not.toContain('不会重复导入');
    expect(dry.stderr).not.toContain('请选择「替换」');
    const json = JSON.parse(runCli(['corpus', 'add', source(), '--title', TITLE, '--replace', '--dry-run', '--json'], { env }).stdout);
    expect(json).toMatchObject({ file: FILE, replaces: [FILE], sameText: [FILE], wouldStore: true, stored: false });
  });

  it('the real run does what the preview said: overwrites the file, says so, and reports it in `replaces`', () => {
    const dir = corpusWith();
    const r = runCli(['corpus', 'add', source(), '--title', TITLE, '--replace', '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: true, file: FILE, replaces: [FILE], removed: [] });
    expect(r.stderr).not.toContain('不会重复导入');
    expect(readdirSync(dir).filter((f) => f.endsWith('.txt'))).toEqual([FILE]);
    expect(loadCorpus({ dir, fresh: true }).documents.map((d) => d.title)).toEqual([TITLE]);
    const text = runCli(['corpus', 'add', source(), '--replace'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(text.stdout).toContain(`已保存 stored: ${FILE}（已替换 原有的 ${FILE} / replaced the stored ${FILE}）`);
  });

  it('a copy under another name replaces the stored file and says which', () => {
    const dir = corpusWith();
    const env = { POLICY_DESK_CORPUS_DIR: dir };
    const dry = runCli(['corpus', 'add', source('copy.txt'), '--replace', '--dry-run'], { env });
    expect(dry.stdout).toContain(`保存为：copy.txt（替换 ${FILE}）`);
    const r = runCli(['corpus', 'add', source('copy.txt'), '--replace', '--json'], { env });
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: true, file: 'copy.txt', replaces: [FILE], removed: [FILE] });
    expect(readdirSync(dir).filter((f) => f.endsWith('.txt'))).toEqual(['copy.txt']);
  });

  it('without --replace nothing is stored, and the outline and messages say so', () => {
    const dir = corpusWith();
    const r = runCli(['corpus', 'add', source()], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('保存为：（不导入：文件库中已有这份文件）');
    expect(r.stderr).toContain('--replace');
    expect(readdirSync(dir)).toEqual([FILE]);
  });
});

describe('corpus add --issuer and --date', () => {
  it('records them in metadata.json like --title, and shows them in the outline', () => {
    const dir = tempDir();
    const r = runCli(['corpus', 'add', source(), '--title', TITLE, '--issuer', '某市人民代表大会常务委员会', '--date', '2021-01-22'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('发文机关：某市人民代表大会常务委员会');
    expect(r.stdout).toContain('日期：2021-01-22');
    expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))).toEqual({ [FILE]: { title: TITLE, issuer: '某市人民代表大会常务委员会', date: '2021-01-22' } });
    const doc = loadCorpus({ dir, fresh: true }).documents[0]!;
    expect([doc.issuer, doc.date]).toEqual(['某市人民代表大会常务委员会', '2021-01-22']);
    const list = runCli(['corpus', 'list'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(list.stdout).toContain('2021-01-22');
  });

  it('a replacement keeps them unless given anew', () => {
    const dir = tempDir();
    const env = { POLICY_DESK_CORPUS_DIR: dir };
    runCli(['corpus', 'add', source(), '--issuer', '某市人大常委会', '--date', '2021-01-22'], { env });
    runCli(['corpus', 'add', source(), '--replace', '--date', '2021-03-26'], { env });
    expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))[FILE]).toEqual({ issuer: '某市人大常委会', date: '2021-03-26' });
  });

  it('refuses a date that is not YYYY-MM-DD or not a real day, and an empty issuer, with a clear message', () => {
    const env = { POLICY_DESK_CORPUS_DIR: tempDir() };
    for (const [args, zh] of [
      [['--date', '2021/01/22'], '日期「2021/01/22」格式不对，应写成 YYYY-MM-DD，如 2021-01-22。'],
      [['--date', '2021-02-30'], '日期「2021-02-30」不是真实的日期。'],
      [['--date', ''], '给定的日期是空的。'],
      [['--issuer', ' '], '给定的发文机关是空的。'],
    ] as const) {
      const r = runCli(['corpus', 'add', source(), ...args, '--json'], { env });
      expect(r.status, args.join(' ')).toBe(1);
      expect(JSON.parse(r.stdout).message.zh, args.join(' ')).toContain(zh);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = runCli(['corpus', 'add', source(), '--date'], { env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--date 后面缺少值');
  });

  it('are listed in the command help, generated from commands.json', () => {
    const help = runCli(['help', 'corpus', 'add']).stdout;
    expect(help).toContain('[--issuer <发文机关>]');
    expect(help).toContain('[--date <日期>]');
  });
});

describe('/corpus add in chat', () => {
  const dir = corpusWith();
  let app: App;
  const ctx: BotContext = { user: { id: 'discord:100' }, locale: 'zh-CN', now: new Date('2025-04-03T09:00:00+08:00'), surface: 'discord' };
  const upload = (options: Record<string, string> = {}, name = FILE) =>
    app.bot.run({ command: 'corpus', subcommand: 'add', options, files: [{ name, data: Buffer.from(REGULATION) }] }, ctx);
  const actionIds = (r: Reply) => (r.actions ?? []).map((a) => a.id);

  beforeAll(async () => {
    const settings = readSettings({ POLICY_DESK_DB: join(tempDir(), 'pd.db'), POLICY_DESK_COORDINATORS: 'discord:100', POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SCHEDULER: 'off' });
    app = await createApp({ settings });
  });
  afterAll(() => app.close());

  it('an upload of a stored text says what 替换旧文件 does, and doing it says it replaced the file', async () => {
    const r = await upload({ title: TITLE, issuer: '某市人民代表大会常务委员会', date: '2021-01-22' });
    const text = replyToPlainText(r);
    expect(text).toContain(`保存为：${FILE}（选择「替换旧文件」时；覆盖同名的原文件）`);
    expect(text).toContain(`选择「替换旧文件」将用它替换 ${FILE}`);
    expect(text).toContain('发文机关：某市人民代表大会常务委员会');
    expect(text).toContain('日期：2021-01-22');
    expect(text).not.toContain('-2.txt');
    expect(r.data).toMatchObject({ replaces: [FILE], sameText: [FILE] });
    const [replace] = actionIds(r);
    expect(replace).toMatch(/^corpus:replace:/);
    const done = await app.bot.act(replace!, ctx);
    expect(replyToPlainText(done)).toContain(`保存为 ${FILE}，已替换 原有的 ${FILE}`);
    expect(done.data).toMatchObject({ stored: true, file: FILE, replaces: [FILE], removed: [] });
    expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))).toEqual({ [FILE]: { title: TITLE, issuer: '某市人民代表大会常务委员会', date: '2021-01-22' } });
  });

  it('refuses a malformed date before anything is previewed', async () => {
    const r = await upload({ date: '2021年1月22日' }, 'other.txt');
    expect(r.isError).toBe(true);
    expect(replyToPlainText(r)).toContain('应写成 YYYY-MM-DD');
  });

  it('reads 发文机关 and 日期 lines of a Slack DM beside 文号 and 标题', () => {
    expect(optionsFromText('标题：某规定\n发文机关：某市人大常委会\n日期：2021-01-22\ndate: 2021-01-23')).toEqual({ title: '某规定', issuer: '某市人大常委会', date: '2021-01-23' });
  });
});
