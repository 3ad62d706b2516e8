/**
 * The heading of a rule answer: "more facts needed" only when there are facts to supply. A place
 * outside the rule's area leaves nothing to add, so its heading says no verdict is given.
 */
import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../src/bot/features/policy/ruleReply.ts';
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
