/**
 * Every quote the rule module shows must be verbatim in the clause it names: a paraphrased or
 * mis-pathed citation fails the build.
 */
import { describe, expect, it } from 'vitest';
import { findClause, loadCorpus } from '../../src/corpus/index.ts';
import { allCitations } from '../../src/rules/index.ts';
import { CASES, runCase } from './cases.ts';

const clauses = loadCorpus().clauses;

describe('rule citations against the parsed corpus', () => {
  for (const c of allCitations()) {
    it(`${c.docNo} ${c.path} quotes its clause verbatim: 「${c.quote.slice(0, 24)}…」`, () => {
      const clause = findClause(clauses, c.docNo, c.path);
      expect(clause, `no clause ${c.docNo} ${c.path}`).toBeDefined();
      expect(clause!.text).toContain(c.quote);
    });
  }

  it('every citation in every case answer is verbatim in the clause at its docNo and path', () => {
    let checked = 0;
    for (const k of CASES) {
      if (k.rule === 'none') continue;
      for (const c of runCase(k)!.citations) {
        const clause = findClause(clauses, c.docNo, c.path);
        expect(clause?.text ?? '', `${k.name}: ${c.docNo} ${c.path}`).toContain(c.text);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
