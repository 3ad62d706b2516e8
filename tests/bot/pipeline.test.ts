/**
 * The Pipeline decides for every surface: which typed text is a command (with its Chinese and
 * English names), what is slow (from the command spec), where a follow-up goes, what an upload
 * does, and that every command spec has a handler and every handler a spec.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import { commandSpecs } from '../../src/bot/core/commandSpec.ts';
import type { BotContext } from '../../src/bot/core/context.ts';
import { replyToPlainText } from '../../src/bot/core/reply.ts';
import { parseTypedCommand } from '../../src/bot/core/pipeline.ts';
import { readSettings } from '../../src/settings.ts';

let dir: string;
let app: App;
const TEXT_ONLY = { textCommands: 'slash-or-alias' } as const;
const SLASH = { textCommands: 'slash' } as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-pipeline-'));
  app = await createApp({ settings: readSettings({ POLICY_DESK_DB: join(dir, 'db.sqlite'), POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00' }) });
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (userId: string): BotContext => app.pipeline.context({ userId, surface: 'console' });

describe('typed commands', () => {
  it('reads /英文名, /中文名 and ／ (full-width) the same way', () => {
    expect(parseTypedCommand('/report submit', 'slash')).toEqual({ command: 'report', text: 'submit' });
    expect(parseTypedCommand('/月报 填报', 'slash')).toEqual({ command: 'report', text: '填报' });
    expect(parseTypedCommand('／月报 填报', 'slash')).toEqual({ command: 'report', text: '填报' });
  });

  it('reads a bare command word only where the platform has no slash commands (DingTalk)', () => {
    expect(parseTypedCommand('月报 填报', 'slash-or-alias')).toEqual({ command: 'report', text: '填报' });
    expect(parseTypedCommand('help', 'slash-or-alias')).toEqual({ command: 'help', text: '' });
    expect(parseTypedCommand('月报 填报', 'slash')).toBeUndefined();
    expect(parseTypedCommand('这个项目需要节能审查吗', 'slash-or-alias')).toBeUndefined();
  });

  it('runs `月报 填报` typed as text on a text-only platform as the report command', async () => {
    const r = await app.pipeline.handle({ kind: 'message', text: '月报 填报' }, as('console:nobody'), TEXT_ONLY);
    expect(replyToPlainText(r)).toContain('你还没有绑定报送单位');
  });

  it('names an unknown /command instead of treating it as a question', async () => {
    const r = await app.pipeline.handle({ kind: 'message', text: '/nosuch' }, as('console:a'), SLASH);
    expect(replyToPlainText(r)).toContain('没有「nosuch」这个命令');
  });
});

describe('routing', () => {
  it('continues a pending rule question when the follow-up comes as /ask, as it does as plain text', async () => {
    const ctx = as('console:asker');
    await app.pipeline.handle({ kind: 'command', invocation: { command: 'ask', options: { question: '年综合能源消费量800吨标准煤的项目需要节能审查吗' } } }, ctx, SLASH);
    const r = await app.pipeline.handle({ kind: 'command', invocation: { command: 'ask', options: { question: '年电力消费量300万千瓦时' } } }, ctx, SLASH);
    expect(replyToPlainText(r)).toContain('不再单独进行节能审查');
  });

  it('adds a follow-up’s missing month to the monthly figures the question gave, in a chat message', async () => {
    const ctx = as('console:months');
    const first = await app.pipeline.handle({ kind: 'command', invocation: { command: 'ask', options: { question: '一月外出招商1次，二月1次，对接项目一月1个二月1个，一季度达标了吗' } } }, ctx, SLASH);
    expect(replyToPlainText(first)).toContain('缺少3月');
    const r = await app.pipeline.handle({ kind: 'message', text: '三月外出招商0次，对接项目三月1个' }, ctx, SLASH);
    expect(replyToPlainText(r)).toContain('1月1个 + 2月1个 + 3月1个 = 3个');
    expect(replyToPlainText(r)).toContain('已达标');
  });

  it('/help with a subcommand shows that subcommand alone, with a balanced example', async () => {
    const r = replyToPlainText(await app.pipeline.handle({ kind: 'message', text: '/help admin bind' }, as('console:helper'), SLASH));
    expect(r).toContain('/admin bind user=');
    expect(r).not.toContain('/admin excuse');
    const c = replyToPlainText(await app.pipeline.handle({ kind: 'message', text: '/help compliance' }, as('console:helper'), SLASH));
    expect(c).toContain('/compliance quarter=2025-Q1\n');
  });

  it('takes deferral from the spec: search, ask and remind send are slow; report submit and remind status are not', () => {
    const slow = (invocation: { command: string; subcommand?: string }) => app.pipeline.isSlow({ kind: 'command', invocation: { ...invocation, options: {} } }, SLASH);
    expect(slow({ command: 'search' })).toBe(true);
    expect(slow({ command: 'ask' })).toBe(true);
    expect(slow({ command: 'remind', subcommand: 'send' })).toBe(true);
    expect(slow({ command: 'remind', subcommand: 'status' })).toBe(false);
    expect(slow({ command: 'report', subcommand: 'submit' })).toBe(false);
    expect(app.pipeline.isSlow({ kind: 'commandText', command: 'remind', text: '发送' }, SLASH)).toBe(true);
  });

  it('runs a file upload as corpus add: a non-coordinator is refused before the file is fetched; a registered handler replaces it', async () => {
    let fetched = 0;
    const file = { fileName: '政策.txt', mimeType: 'text/plain', fetch: async () => (fetched++, Buffer.from('第一条')) };
    expect(app.pipeline.isSlow({ kind: 'fileUpload', file }, SLASH)).toBe(true);
    const before = await app.pipeline.handle({ kind: 'fileUpload', file }, as('console:a'), SLASH);
    expect(before.isError).toBe(true);
    expect(replyToPlainText(before)).toContain('仅限市投资促进中心协调员');
    expect(fetched).toBe(0);
    app.pipeline.onFileUpload(async (f) => ({ blocks: [{ type: 'text', text: `收到 ${f.fileName}（${(await f.fetch()).length} 字节）` }], ephemeral: true }));
    const after = await app.pipeline.handle({ kind: 'fileUpload', file }, as('console:a'), SLASH);
    expect(replyToPlainText(after)).toBe('收到 政策.txt（9 字节）');
  });

  it('reports a DM to a platform that is not running once, in the sender’s language', async () => {
    const report = await app.pipeline.deliver({ blocks: [], ephemeral: true, directMessages: [{ userId: 'slack:T1:U9', reply: { blocks: [{ type: 'text', text: '提醒' }], ephemeral: false } }] }, { ...as('console:zhang'), locale: 'en' });
    expect(replyToPlainText(report!)).toContain('1 of 1 direct messages could not be delivered');
    expect(replyToPlainText(report!)).toContain("slack:T1:U9：the reporter's chat platform is not connected");
  });
});

describe('command specs and handlers', () => {
  it('has a handler for every command in commands.json and a command for every handler', () => {
    const specKeys = commandSpecs.flatMap((c) => (c.subcommands ? c.subcommands.map((s) => `${c.name}.${s.name}`) : [c.name])).sort();
    expect(app.bot.handlerKeys().sort()).toEqual(specKeys);
  });
});
