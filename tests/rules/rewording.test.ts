/**
 * Every question of tests/rules/cases.yaml, wrapped as a person may wrap it (a greeting, thanks,
 * words that only ask), goes to the same rule with the same outcome and the same facts still missing.
 * A trailing "Thanks!" had been read as the answer to the yes/no question before it, and "Could you
 * tell me" had hidden that a question asked only for the targets.
 */
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/rules/index.ts';
import { CASES } from './cases.ts';

const isEnglish = (q: string) => /^[a-z]/i.test(q);

const WRAPPINGS: ReadonlyArray<[string, (q: string) => string]> = [
  ['a greeting and thanks', (q) => (isEnglish(q) ? `Hi, ${q} Thanks!` : `你好，请教一下，${q}，谢谢`)],
  ['您好 / Hello before it', (q) => (isEnglish(q) ? `Hello, ${q}` : `您好，${q}`)],
  ['words that only ask before it', (q) => (isEnglish(q) ? `Could you tell me ${q[0]!.toLowerCase()}${q.slice(1)}` : `我想了解一下${q}`)],
  ['a question mark added or taken away', (q) => (/[？?]$/.test(q) ? q.slice(0, -1) : isEnglish(q) ? `${q}?` : `${q}？`)],
];

describe('a rule question wrapped in courtesy is answered as the question itself', () => {
  const questions = CASES.filter((c) => c.question && !c.followUps && !c.months && !c.facts);
  const read = (q: string, now: Date) => {
    const a = answerQuestion(q, { now });
    return a ? `${a.rule} ${a.outcome} [${a.missing.map((m) => m.fact).join(', ')}]` : 'no rule';
  };
  for (const [how, wrap] of WRAPPINGS) {
    it(how, () => {
      const moved = questions.flatMap((c) => {
        const now = new Date(`${c.now ?? '2025-05-10'}T10:00:00+08:00`);
        const [before, after] = [read(c.question!, now), read(wrap(c.question!), now)];
        return before === after ? [] : [`${c.question} → ${wrap(c.question!)}: ${before} → ${after}`];
      });
      expect(moved).toEqual([]);
    });
  }
});
