/**
 * A rule knows only the documents it rests on. A question that names another document as its
 * source (by title or 文号) is answered from that document's clauses, never with the rule's verdict;
 * and a verdict about a place that has a document of its own on the matter shows that clause too.
 * Real corpus folder (the five documents plus two county documents), real search, real bot.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import { replyToPlainText, type Reply } from '../../src/bot/core/reply.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { readSettings } from '../../src/settings.ts';
import { tempDir } from '../helpers/run.ts';

const dir = tempDir();
cpSync(DEFAULT_CORPUS_DIR, dir, { recursive: true });
writeFileSync(
  join(dir, 'yangcheng-quota.txt'),
  '阳城县招商引资工作考核办法\n\n阳政办发〔2025〕8号\n\n一、考核指标\n（一）各乡镇每季度外出招商不少于2次，对接项目不少于5个。\n（二）考核结果每季度通报一次。\n',
);
writeFileSync(
  join(dir, 'zezhou-industry.txt'),
  '泽州县工业项目准入管理办法\n\n泽政办发〔2025〕5号\n\n第一条　在泽州县新建的工业项目，年综合能源消费量500吨标准煤以上的，应当在开工前完成节能审查。\n第二条　本办法自2025年6月1日起施行。\n',
);

let app: App;
beforeAll(async () => {
  app = await createApp({ settings: readSettings({ POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: join(tempDir(), 'idx') }), scope: 'policy' });
});
afterAll(() => app.close());

const ask = (question: string): Promise<Reply> =>
  app.bot.run({ command: 'ask', options: { question } }, { user: { id: 'console:wang' }, locale: 'zh-CN', now: new Date('2026-12-01T10:00:00+08:00'), surface: 'console' });
const plain = (r: Reply) => replyToPlainText(r).replace(/[【】]/g, '');
const kind = (r: Reply) => (r.data as { kind?: string; rule?: string }).kind ?? (r.data as { rule?: string }).rule;

describe('a question naming another document than the rule rests on', () => {
  it('按阳城县考核办法达标吗 with figures: the county clause, not the city quota verdict', async () => {
    const r = await ask('我们乡镇这个季度外出招商1次，对接项目3个，按阳城县考核办法达标吗');
    expect(kind(r)).toBe('search');
    expect(plain(r)).toContain('不少于2次');
    expect(plain(r)).not.toContain('已达标');
  });

  it('a 文号 of another document: what that document says (不少于2次), not the city quota (不少于1次)', async () => {
    const r = await ask('阳政办发〔2025〕8号规定每季度外出招商几次');
    expect(kind(r)).toBe('search');
    expect(plain(r)).toContain('阳政办发〔2025〕8号');
    expect(plain(r)).not.toContain('不少于1次');
  });

  it('a 文号 no document has: says so rather than answering from the rule', async () => {
    const r = await ask('晋市政办〔2099〕1号规定外出招商几次');
    expect(plain(r)).toContain('语料中没有文号为「晋市政办〔2099〕1号」的文件');
  });

  it('按泽州县…办法 with energy figures: the county clause (500吨以上), not the city exemption', async () => {
    const r = await ask('按泽州县工业项目准入管理办法，年能耗600吨标准煤、年用电100万千瓦时的项目需要节能审查吗');
    expect(kind(r)).toBe('search');
    expect(plain(r)).toContain('500吨标准煤以上');
  });

  it('naming the rule’s own source document still gets the rule', async () => {
    const r = await ask('按照晋城市消费品工业集聚发展工作方案，每季度外出招商要几次');
    expect(kind(r)).not.toBe('search');
    expect(plain(r)).toContain('不少于1次');
  });

  it('words that name no particular document (按规定) leave the question with the rule', async () => {
    const r = await ask('按规定每季度外出招商要几次');
    expect(kind(r)).not.toBe('search');
  });
});

describe('a verdict about a place that has a document of its own on the matter', () => {
  it('泽州县 energy review: the city verdict, then the county clause beside it', async () => {
    const r = await ask('泽州县的项目年综合能源消费量600吨标准煤，年用电100万千瓦时，需要节能审查吗');
    const text = plain(r);
    expect(text).toContain('不再单独进行节能审查');
    expect(text).toContain('另见：泽州县有本地文件 泽政办发〔2025〕5号');
    expect(text).toContain('500吨标准煤以上的，应当在开工前完成节能审查');
    expect((r.data as { localDocument?: { docNo: string } }).localDocument?.docNo).toBe('泽政办发〔2025〕5号');
  });

  it('a place with no document of its own: the verdict alone', async () => {
    const r = await ask('城区的项目年综合能源消费量600吨标准煤，年用电100万千瓦时，需要节能审查吗');
    expect(plain(r)).not.toContain('另见');
  });
});
