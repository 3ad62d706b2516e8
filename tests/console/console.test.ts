/**
 * `npm start` with no chat tokens: the console chat on the same handlers, driven through stdin
 * exactly as a person types, ending cleanly when stdin closes.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { ROOT, runStart, tempDir } from '../helpers/run.ts';

describe('console chat', () => {
  it('greets, then exits with status 0 when stdin is closed', () => {
    const r = runStart('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Policy Desk');
    expect(r.stdout).toContain('/help');
  });

  it('shows help in Chinese with English beside it', () => {
    const r = runStart('/help\n');
    expect(r.stdout).toContain('条文检索');
    expect(r.stdout).toContain('Find policy clauses by keyword');
  });

  it('runs /search with the citation and the verbatim clause', () => {
    const r = runStart('/search 环评\n');
    expect(r.stdout).toContain('晋市政办〔2024〕32号 二、（五）9');
    expect(r.stdout).toContain('分类管理名录》的项目无需办理');
  });

  it('treats plain text as a question and re-evaluates with a follow-up answer', () => {
    const r = runStart('年综合能源消费量800吨标准煤的项目需要节能审查吗\n年电力消费量300万千瓦时\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('暂无法判断');
    expect(r.stdout).toContain('不再单独进行节能审查');
  });

  it('states the rule when asked what it requires, and still judges a case from the follow-up', () => {
    const r = runStart('每季度外出招商要几次\n外出招商2次，对接项目3个\n', { POLICY_DESK_NOW: '2025-05-10T10:00:00+08:00' });
    expect(r.status).toBe(0);
    const [asked, judged] = r.stdout.split('【季度招商任务：').slice(1);
    expect(asked).toMatch(/^政策规定】/);
    expect(asked).toContain('每季度外出招商次数不少于1次，对接项目不少于3个');
    expect(asked).not.toContain('暂无法判断');
    expect(judged).toMatch(/^本季度招商任务已达标】/);
  });

  it('switches to English with /lang en', () => {
    const r = runStart('/lang en\n/search energy review\n', { POLICY_DESK_CONSOLE_USER: 'console:test-en' });
    expect(r.stdout).toContain('Language set to English');
    expect(r.stdout).toContain('Clause search');
  });

  it('presses a button by its label typed out (确认导入), as by its number', () => {
    const corpus = tempDir();
    cpSync(DEFAULT_CORPUS_DIR, corpus, { recursive: true });
    const data = tempDir();
    const env = {
      POLICY_DESK_CORPUS_DIR: corpus,
      POLICY_DESK_SEARCH_INDEX: join(data, 'idx'),
      POLICY_DESK_DB: join(data, 'pd.db'),
      POLICY_DESK_COORDINATORS: 'console:zhang',
      POLICY_DESK_CONSOLE_USER: 'console:zhang',
      POLICY_DESK_SCHEDULER: 'off',
    };
    const r = runStart(`/corpus add ${join(ROOT, 'tests', 'fixtures', 'ingest', 'reward-rule.pdf')}\n确认导入\n`, env);
    expect(r.stdout).toContain('请选择（输入序号或按钮文字，回车跳过）：1. 确认导入');
    expect(r.stdout).toContain('已导入');
    expect(existsSync(join(corpus, 'reward-rule.txt'))).toBe(true);
  });

  it('answers bad input with a message instead of crashing', () => {
    const r = runStart(`/search ${'测'.repeat(10000)}\n/nosuch\n/search\n😀😀😀\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('没有「nosuch」这个命令');
    expect(r.stdout).toContain('缺少「关键词」');
  });
});
