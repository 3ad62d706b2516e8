import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { answerQuestion, routeQuestion } from '../../src/rules/index.ts';

const { questions } = parse(readFileSync(new URL('./not-rule-questions.yaml', import.meta.url), 'utf8')) as { questions: string[] };

describe('a rule answers only questions about its own subject', () => {
  it('has questions from the unseen documents to check', () => {
    expect(questions.length).toBeGreaterThanOrEqual(15);
  });

  it.each(questions)('%s → clause search, not a rule', (q) => {
    expect(routeQuestion(q)).toBeNull();
    expect(answerQuestion(q)).toBeNull();
  });

  it('still routes the questions the rules are about', () => {
    expect(routeQuestion('2025年第一季度外出招商1次，对接项目3个，季度招商任务达标了吗')).toBe('quarterly-quota');
    expect(routeQuestion('2025年的招商目标是多少')).toBe('targets');
    expect(routeQuestion('这个项目需要环评吗')).toBe('eia');
    expect(routeQuestion('what does the policy say about 环评')).toBe('eia');
    expect(routeQuestion('涉密项目需要单独节能审查吗')).toBe('energy-review');
  });
});
