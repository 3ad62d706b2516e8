/**
 * What stands after the last clause: the issuer's signature and the date give the document its
 * issuer and date and are not part of the clause — at the end of the text, or before the annexes
 * printed after it; contact lines (联系人：…) are a part of their own, 联系方式, so the last clause
 * reads as written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { tempDir } from '../helpers/run.ts';

function load(text: string) {
  const dir = tempDir();
  writeFileSync(join(dir, 'doc.txt'), text);
  const { documents, clauses, warnings } = loadCorpus({ dir, fresh: true });
  return { document: documents[0]!, clauses, warnings };
}

const PLAN = [
  '晋城市商务局关于开展展销活动的实施方案',
  '',
  '一、工作分工',
  '（一）市商务局负责活动的总体策划和组织协调。',
  '（二）各县（市、区）商务部门于8月20日前报送参展企业名单。',
  '',
  '二、工作要求',
  '活动结束后10日内，各县（市、区）商务部门报送成交情况总结。',
  '',
];

describe('after the last clause', () => {
  it('the issuer and date under the text are the document\'s, not the clause\'s', () => {
    const { document, clauses } = load([...PLAN, '晋城市商务局', '2025年7月1日', ''].join('\n'));
    expect(clauses.at(-1)).toMatchObject({ path: '二、', text: '活动结束后10日内，各县（市、区）商务部门报送成交情况总结。' });
    expect(document).toMatchObject({ issuer: '晋城市商务局', date: '2025-07-01' });
  });

  it('a contact line is the clause 联系方式, before or after the signature', () => {
    for (const tail of [['联系人：王晓梅，电话：0356-2021234。'], ['晋城市商务局', '2025年7月1日', '', '联系人：王晓梅', '联系电话：0356-2021234']]) {
      const { clauses } = load([...PLAN, ...tail].join('\n'));
      expect(clauses.at(-2)!.text).toBe('活动结束后10日内，各县（市、区）商务部门报送成交情况总结。');
      expect(clauses.at(-1)!.path).toBe('联系方式');
      expect(clauses.at(-1)!.text).toContain('王晓梅');
      expect(clauses.at(-1)!.text).not.toContain('2025年7月1日');
    }
  });

  it('in a text flattened to one line, the issuer and date after the last article are read the same way', () => {
    const flat = '晋城市农业农村局文件 晋农发〔2025〕11号 晋城市现代农业示范园区认定管理办法 第一条 为规范现代农业示范园区认定工作，制定本办法。 第二条 认定后的示范园区，市级财政给予一次性奖励100万元。 第三条 本办法自印发之日起施行。 晋城市农业农村局 2025年3月10日';
    const { document, clauses } = load(flat);
    expect(clauses.map((c) => [c.path, c.text]).at(-1)).toEqual(['第三条', '本办法自印发之日起施行。']);
    expect(document).toMatchObject({ docNo: '晋农发〔2025〕11号', issuer: '晋城市农业农村局', date: '2025-03-10' });
  });

  it('a date inside the last sentence stays in it', () => {
    const { clauses } = load([...PLAN.slice(0, -1), '本方案自印发之日起施行，有效期至', '2026年12月31日'].join('\n'));
    expect(clauses.at(-1)!.text).toBe('活动结束后10日内，各县（市、区）商务部门报送成交情况总结。\n本方案自印发之日起施行，有效期至2026年12月31日');
  });
});

describe('a signature before the annexes', () => {
  const BODY = [...PLAN.slice(0, -1), ''];
  const TABLE = ['企业名称\t所在县区\t联系人', '晋城市甲公司\t城区\t张三', ''];
  const LAST = '活动结束后10日内，各县（市、区）商务部门报送成交情况总结。';

  it('followed by `附件：名称` and the annex, gives the issuer and date and leaves the last clause as written', () => {
    const { document, clauses } = load([...BODY, '晋城市商务局', '2025年7月1日', '', '附件：参展企业名单', ...TABLE].join('\n'));
    expect(clauses.map((c) => [c.path, c.text])).toEqual([
      ['一、（一）', '市商务局负责活动的总体策划和组织协调。'],
      ['一、（二）', '各县（市、区）商务部门于8月20日前报送参展企业名单。'],
      ['二、', LAST],
      ['附件', '企业名称 | 所在县区 | 联系人\n晋城市甲公司 | 城区 | 张三'],
    ]);
    expect(document).toMatchObject({ issuer: '晋城市商务局', date: '2025-07-01' });
  });

  it('after the list of annexes (附件：1.… 2.…) and before 附件1, 附件2: the same', () => {
    const text = [...BODY, '附件：1.参展企业名单', '2.报名回执', '', '晋城市商务局', '2025年7月1日', '', '附件1', '', '参展企业名单', '', ...TABLE, '附件2', '', '报名回执', '', '一、单位名称。', '二、联系人。', ''];
    const { document, clauses } = load(text.join('\n'));
    expect(clauses.find((c) => c.path === '二、')!.text).toBe(LAST);
    expect(clauses.map((c) => c.path)).toEqual(['一、（一）', '一、（二）', '二、', '附件1', '附件2 一、', '附件2 二、']);
    expect(clauses.some((c) => c.text.includes('2025年7月1日') || c.text.includes('晋城市商务局2025'))).toBe(false);
    expect(document).toMatchObject({ issuer: '晋城市商务局', date: '2025-07-01' });
  });

  it('on one line, or a date alone (in Chinese numerals), before `附件` / `附件1`', () => {
    const oneLine = load([...BODY, '晋城市商务局 2025年7月1日', '', '附件1', '参展企业名单', ...TABLE].join('\n'));
    expect(oneLine.clauses.find((c) => c.path === '二、')!.text).toBe(LAST);
    expect(oneLine.document).toMatchObject({ issuer: '晋城市商务局', date: '2025-07-01' });
    const dateOnly = load([...BODY, '二〇二五年七月一日', '附件', '一、单位名称。', ''].join('\n'));
    expect(dateOnly.clauses.find((c) => c.path === '二、')!.text).toBe(LAST);
    expect(dateOnly.clauses.at(-1)).toMatchObject({ path: '附件 一、', text: '单位名称。' });
    expect(dateOnly.document).toMatchObject({ issuer: null, date: '2025-07-01' });
  });

  it('at the very end after the list of annexes (the annexes not printed): the same', () => {
    const { document, clauses } = load([...BODY, '附件：1.参展企业名单', '2.报名回执', '', '晋城市商务局', '2025年7月1日', ''].join('\n'));
    expect(clauses.at(-1)).toMatchObject({ path: '二、', text: LAST });
    expect(document).toMatchObject({ issuer: '晋城市商务局', date: '2025-07-01' });
  });

  it('a date that ends the last sentence stays in it, annex or not', () => {
    const { document, clauses } = load([...PLAN.slice(0, -1), '本方案自印发之日起施行，有效期至', '2026年12月31日', '', '附件1', '参展企业名单', ...TABLE].join('\n'));
    expect(clauses.find((c) => c.path === '二、')!.text).toBe(`${LAST}\n本方案自印发之日起施行，有效期至2026年12月31日`);
    expect(document.date).toBeNull();
  });

  it('a date closing an annex (after the first annex) is not taken for the document\'s', () => {
    const text = [...BODY, '附件1', '', '报名须知', '', '一、请按时报名。', '晋城市商务局', '2025年7月1日', '', '附件2', '', '二、材料清单。', ''];
    const { document, clauses } = load(text.join('\n'));
    expect(document).toMatchObject({ issuer: null, date: null });
    expect(clauses.find((c) => c.path === '二、')!.text).toBe(LAST);
  });
});
