/**
 * A regulation whose chapter heading is printed without its number (河南省建设项目环境保护条例 has
 * `法律责任` where 第五章 法律责任 stands; round 7 of the dev set found it): the line is that chapter, and
 * every article after it stays an article of its own — not run into the article before, as it was while
 * the bare line was read as text that held back the next 第二十七条.
 */
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../src/corpus/index.ts';

const TEXT = [
  '某省测试条例',
  '第一章 总则',
  '第一条 为了测试，制定本条例。',
  '第二章 审批',
  '第二条 建设单位应当报批环境影响评价文件。',
  '法律责任',
  '第三条 建设单位未依法报批的，责令停止建设，处五万元以上二十万元以下的罚款。',
  '第四条 审批机关应当自受理之日起三十日内作出决定。',
  '第四章 附则',
  '第五条 本条例自2007年5月1日起施行。',
].join('\n');

describe('a chapter heading printed without its number', () => {
  const r = parseDocumentText(TEXT, 'rule.txt');
  if (!r.ok) throw new Error(r.warnings.join('\n'));
  const articles = r.clauses.map((c) => [c.path, c.heading]);

  it('keeps each article after it an article of its own, under that chapter', () => {
    expect(articles).toEqual([
      ['第一条', '第一章 总则 > 第一条'],
      ['第二条', '第二章 审批 > 第二条'],
      ['第三条', '法律责任 > 第三条'],
      ['第四条', '法律责任 > 第四条'],
      ['第五条', '第四章 附则 > 第五条'],
    ]);
    expect(r.clauses.find((c) => c.path === '第二条')!.text).toBe('建设单位应当报批环境影响评价文件。');
  });

  it('counts as the chapter it stands for, so the numbered chapter after it is in sequence', () => {
    expect(r.warnings).toEqual([]);
  });

  it('is read so in a regulation without numbered chapters too, and only right before the next article', () => {
    const plain = parseDocumentText('某市测试办法\n第一条 为了测试，制定本办法。\n附则\n第二条 本办法自公布之日起施行。', 'plain.txt');
    if (!plain.ok) throw new Error(plain.warnings.join('\n'));
    expect(plain.clauses.map((c) => [c.path, c.heading, c.text])).toEqual([
      ['第一条', '第一条', '为了测试，制定本办法。'],
      ['第二条', '附则 > 第二条', '本办法自公布之日起施行。'],
    ]);
    // Before a later article (第五条 after 第二条) it is no heading: the numbering is not in sequence.
    const skipped = parseDocumentText('某市测试办法\n第一条 为了测试，制定本办法。\n附则\n第五条 本办法自公布之日起施行。', 'skip.txt');
    if (!skipped.ok) throw new Error(skipped.warnings.join('\n'));
    expect(skipped.clauses.map((c) => c.heading)).not.toContain('附则 > 第五条');
  });
});
