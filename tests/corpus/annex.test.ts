/**
 * An annex printed right after the body under its `附件：<名称>` line (no separate `附件` line):
 * it is a part of its own, cited as `附件` (`附件1`, `附件2` …), its table rows kept one per line,
 * and it does not run on from the last clause nor take that clause's 责任单位.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { tempDir } from '../helpers/run.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/ingest/annex-table.txt');

describe('an annex table after the last clause', () => {
  const dir = tempDir();
  copyFileSync(FIXTURE, join(dir, 'annex-table.txt'));
  const { clauses, warnings } = loadCorpus({ dir, fresh: true });
  const at = (path: string) => clauses.find((c) => c.path === path)!;

  it('is the clause 附件, titled by the 附件： line, after the last clause', () => {
    expect(warnings).toEqual([]);
    expect(clauses.map((c) => c.path)).toEqual(['一、', '二、（一）', '二、（二）', '三、（一）', '三、（二）', '附件']);
    expect(at('附件').heading).toBe('附件 > 2025年首批推介项目表');
  });

  it('keeps its rows apart, cells separated, and has no 责任单位 of its own', () => {
    expect(at('附件').text.split('\n')).toEqual([
      '序号 | 项目名称 | 所在地 | 总投资（亿元） | 联系人',
      '1 | 皇城相府文旅综合体 | 阳城县 | 12.5 | 李建国',
      '2 | 王莽岭康养小镇 | 陵川县 | 8.3 | 赵敏',
      '3 | 珏山景区提质工程 | 泽州县 | 3.6 | 孙立',
    ]);
    expect(at('附件').units).toEqual([]);
  });

  it('leaves the last clause as it was written', () => {
    expect(at('三、（二）').text).toBe('市投资促进中心负责对接意向投资方。');
    expect(at('三、（二）').units).toEqual(['市投资促进中心']);
  });
});

describe('numbered annexes, each under its own 附件N： line', () => {
  it('are 附件1 and 附件2', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'two-annexes.txt'),
      [
        '晋城市测试工作方案', '', '晋测办〔2025〕7号', '',
        '一、工作任务', '按季度报送项目进展。（责任单位：市发展改革委）', '',
        '附件1：重点项目表', '', '序号\t项目\t投资', '1\t甲项目\t3亿元', '',
        '附件2：联络人名单', '', '单位名称\t联系人\t电话', '市发展改革委\t王强\t3051234',
      ].join('\n'),
    );
    const { clauses } = loadCorpus({ dir, fresh: true });
    expect(clauses.map((c) => [c.path, c.heading, c.text, c.units])).toEqual([
      ['一、', '一、工作任务', '按季度报送项目进展。', ['市发展改革委']],
      ['附件1', '附件1 > 重点项目表', '序号 | 项目 | 投资\n1 | 甲项目 | 3亿元', []],
      ['附件2', '附件2 > 联络人名单', '单位名称 | 联系人 | 电话\n市发展改革委 | 王强 | 3051234', []],
    ]);
  });
});
