/**
 * The heading of a rule answer: "more facts needed" only when there are facts to supply. A place
 * outside the rule's area leaves nothing to add, so its heading says no verdict is given.
 */
import { describe, expect, it } from 'vitest';
import { ruleReply, verdictOf } from '../../src/bot/features/policy/ruleReply.ts';
import { answerQuestion } from '../../src/rules/index.ts';

const now = new Date('2025-05-20T10:00:00+08:00');

describe('rule answer headings', () => {
  it('says no verdict, not "more facts needed", for a project outside the rule’s area', () => {
    const a = answerQuestion('项目在太原市，年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗', { now })!;
    expect(a.outcome).toBe('undetermined');
    expect(a.missing).toEqual([]);
    expect(verdictOf(a).zh).toBe('不作判断');
  });

  it('asks for more facts when facts are missing', () => {
    const a = answerQuestion('需要节能审查吗', { now })!;
    expect(a.missing.length).toBeGreaterThan(0);
    expect(verdictOf(a).zh).toBe('暂无法判断，需要补充信息');
  });
});

describe('rule answer body', () => {
  const textOf = (blocks: ReturnType<typeof ruleReply>['blocks']) => blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
  const count = (hay: string, needle: string) => hay.split(needle).length - 1;

  it('says once what it could not use, in either language (the explanation already quotes it)', () => {
    const a = answerQuestion('四月外出招商1次，对接项目3个，本季度达标了吗', { now })!;
    expect(a.problems.length).toBeGreaterThan(0);
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = textOf(ruleReply(a, locale, undefined, undefined, () => 'title').blocks);
      for (const p of a.problems) expect(count(text, locale === 'en' ? p.en : p.zh)).toBe(1);
    }
  });

  it('still lists a problem the explanation does not quote, as a warning', () => {
    const a = answerQuestion('四月外出招商1次，对接项目3个，本季度达标了吗', { now })!;
    const extra = { zh: '「某某」无法理解。', en: '"something" was not understood.' };
    const reply = ruleReply({ ...a, problems: [...a.problems, extra] }, 'zh-CN', undefined, undefined, () => 'title');
    const warning = reply.blocks.find((b) => b.type === 'text' && b.style === 'warning' && b.text.startsWith('未能理解：'));
    expect(warning && 'text' in warning ? warning.text : '').toBe('未能理解：「某某」无法理解。');
  });
});

describe('quota headings and follow-ups name the quarter judged', () => {
  const later = new Date('2025-08-10T10:00:00+08:00');

  it('says 2025-Q2, not 本季度, for a quarter other than this one, in either language', () => {
    const a = answerQuestion('上季度外出招商2次，对接项目3个，达标了吗', { now: later })!;
    expect(a.outcome).toBe('met');
    expect(verdictOf(a, later).zh).toBe('2025-Q2招商任务已达标');
    expect(verdictOf(a, later).en).toBe('Quarterly quota met for 2025-Q2');
  });

  it('keeps 本季度 for this quarter', () => {
    const a = answerQuestion('本季度外出招商2次，对接项目3个，达标了吗', { now: later })!;
    expect(verdictOf(a, later).zh).toBe('本季度招商任务已达标');
  });

  it('asks for the named quarter’s figure, not this quarter’s', () => {
    const a = answerQuestion('上季度外出招商2次，达标了吗', { now: later })!;
    expect(a.missing.map((m) => m.question.zh)).toEqual(['2025-Q2对接了几个项目？']);
    expect(a.missing[0]!.question.en).toContain('in 2025-Q2');
  });
});
