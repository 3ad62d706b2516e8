/**
 * A quantity typed in Chinese numerals (十五年) is read as digits for the question's cues and spans,
 * and matched in either form: laws write 十五年, notices 15年.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { expandQuery } from '../../src/search/expand.ts';
import { DEV_ROUND4_DOCS_DIR, DEV_ROUND5_DOCS_DIR } from '../eval/harness.ts';

describe('a number typed in Chinese numerals', () => {
  it('is one part of the query, read as digits with the numerals as typed beside them', () => {
    const exp = expandQuery('用了十五年以上的老电梯');
    expect(exp.parts).toContainEqual({ kind: 'number', text: '15', add: ['十五'] });
    expect(exp.normalized).toContain('15年');
    // The numerals are how the number was typed, not wording the glossary added.
    expect(exp.additions).not.toContain('十五');
  });

  it('of one character (一次, 两个) stays plain text: a character that common tells no clause apart', () => {
    for (const q of ['电梯多久要保养一次', '两个部门一起发的文件']) expect(expandQuery(q).parts.some((p) => p.kind === 'number'), q).toBe(false);
  });

  it('finds the clause that writes it in numerals (对使用年限超过十五年的电梯)', () => {
    const search = createClauseSearch(loadCorpus({ dir: DEV_ROUND5_DOCS_DIR }).clauses);
    const hits = search.search('用了十五年以上的老电梯，保养上有什么特别要求？', { limit: 3 }).hits;
    expect(hits.some((h) => h.text.includes('对使用年限超过十五年的电梯'))).toBe(true);
  });
});

describe('a count typed in digits', () => {
  it('is one part of the query too, with the numerals a law writes for it', () => {
    expect(expandQuery('动用后15天内要补库吗').parts).toContainEqual({ kind: 'number', text: '15', add: ['十五'] });
    expect(expandQuery('投资5000万元以上').parts).toContainEqual({ kind: 'number', text: '5000', add: ['五千'] });
  });

  it('is no count when it is a year, an article, a decimal, a code or one numeral (10 → 十)', () => {
    for (const q of ['2024年招了多少个项目', '第16条', '1.5倍', '打12315投诉', '4A景区', '10天']) {
      expect(expandQuery(q).parts.some((p) => p.kind === 'number'), q).toBe(false);
    }
  });

  it('finds the clause that writes it in numerals (在三十个工作日内办结)', () => {
    const search = createClauseSearch(loadCorpus({ dir: DEV_ROUND4_DOCS_DIR }).clauses);
    const hits = search.search('不动产登记最多30个工作日能办完吗', { limit: 1 }).hits;
    expect(hits[0]?.text).toContain('三十个工作日内办结');
  });
});
