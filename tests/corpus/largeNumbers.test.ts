/**
 * Article numbers in the thousands: a long regulation numbers its articles on past 第九百九十九条
 * to 第一千条, 第一千零一十条; each is an article of its own, and a lookup names it either way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { chineseNumeralToInt } from '../../src/corpus/numbering.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { tempDir } from '../helpers/run.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1010 → 一千零一十, the way a regulation writes its article numbers. */
function cn(n: number): string {
  const units = ['千', '百', '十', ''];
  const ds = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && i === 2 && out === '' ? '' : DIGITS[d]!) + units[i]!;
  });
  return out;
}

const dir = tempDir();
const articles = Array.from({ length: 1010 }, (_, i) => `第${cn(i + 1)}条　本条规定事项${i + 1}的办理时限为${(i % 20) + 2}个工作日。`);
writeFileSync(join(dir, 'long-rule.txt'), ['晋城市长篇测试条例', '', '晋测发〔2025〕98号', '', ...articles].join('\n\n'));
const corpus = loadCorpus({ dir });

describe('Chinese numerals with 千 and 万', () => {
  it('read as integers', () => {
    expect(chineseNumeralToInt('一千')).toBe(1000);
    expect(chineseNumeralToInt('一千零一十')).toBe(1010);
    expect(chineseNumeralToInt('一千零十')).toBe(1010);
    expect(chineseNumeralToInt('二千三百四十五')).toBe(2345);
    expect(chineseNumeralToInt('一万零二百')).toBe(10200);
    expect(chineseNumeralToInt('十二')).toBe(12);
    expect(chineseNumeralToInt('一百零五')).toBe(105);
  });
});

describe('a regulation of 1010 articles', () => {
  it('has 1010 clauses, 第一千条 to 第一千零一十条 each on its own', () => {
    expect(corpus.warnings).toEqual([]);
    const paths = corpus.clauses.map((c) => c.path);
    expect(paths).toHaveLength(1010);
    expect(paths.slice(998)).toEqual([
      '第九百九十九条', '第一千条', '第一千零一条', '第一千零二条', '第一千零三条', '第一千零四条',
      '第一千零五条', '第一千零六条', '第一千零七条', '第一千零八条', '第一千零九条', '第一千零一十条',
    ]);
    expect(corpus.clauses.find((c) => c.path === '第九百九十九条')?.text).toBe('本条规定事项999的办理时限为20个工作日。');
  });

  it('finds 第一千零五条 by 文号 and article, in Chinese numerals or figures', () => {
    const search = createClauseSearch(corpus.clauses);
    for (const q of ['晋测发〔2025〕98号第一千零五条', '晋测发〔2025〕98号 第1005条']) {
      const hit = search.search(q, { limit: 3 }).hits[0];
      expect(hit?.path, q).toBe('第一千零五条');
      expect(hit?.text, q).toContain('事项1005的');
    }
  });
});
