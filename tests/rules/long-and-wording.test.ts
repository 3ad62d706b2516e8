import { describe, expect, it } from 'vitest';
import { answerQuestion, routeQuestion } from '../../src/rules/index.ts';

const now = new Date('2025-05-20T10:00:00+08:00');

describe('a very long question is read only so far', () => {
  const long = (n: number) => `节能审查问题：${'我们项目不涉密，年综合能耗800吨标准煤，年用电300万千瓦时，政策说涉密项目不再审查。'.repeat(Math.ceil(n / 40)).slice(0, n)}需要节能审查吗`;

  it('says the question was cut and gives no verdict from the part read', () => {
    const a = answerQuestion(long(30000), { now })!;
    expect(a.outcome).toBe('undetermined');
    expect(a.problems.map((p) => p.zh).join()).toContain('只读了前2000字');
    expect(a.problems.map((p) => p.en).join()).toContain('only the first 2000 were read');
  });

  // Work, not time, is pinned (timings on a shared machine are noise): a question is read only up to
  // the cut, so a 45,000-character one reads exactly what a 3,000-character one does.
  it('reads a 45,000-character question exactly as far as a 3,000-character one', () => {
    const [a, b] = [answerQuestion(long(3000), { now })!, answerQuestion(long(45000), { now })!];
    expect(b.facts).toEqual(a.facts);
    expect(b.rule).toBe(a.rule);
    expect(routeQuestion(long(45000))).toEqual(routeQuestion(long(3000)));
  });

  it('repeats no note on how the question was read', () => {
    const a = answerQuestion(long(1500), { now })!;
    expect(a.explanation.split('是对政策内容的转述').length).toBe(2);
  });
});

describe('English wording of period problems', () => {
  it('uses "an" before a vowel and does not cut the period phrase', () => {
    const a = answerQuestion('This year we made 4 outbound trips and docked 12 projects; is the quarterly quota met?', { now })!;
    expect(a.explanationEn).toContain('is an annual total');
    expect(a.explanationEn).not.toContain('a annual');
    const b = answerQuestion('Our project uses 800 tce a month and 1 million kWh a year, does it need an energy review?', { now })!;
    expect(b.explanationEn).toContain('"800 tce a month"');
  });
});
