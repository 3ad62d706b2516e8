/**
 * An article whose lists sit in two of its paragraphs (款): the items of each are cited by their
 * paragraph, as the law cites them (第二十一条第二款（一）, 第二十一条第三款（一）), never by an
 * internal counter (`第二十一条（一） #2`); an article with one list keeps 第二十三条（一). Every
 * path of a document is unique, and the paths read both ways in a lookup: the full citation reaches
 * the item, 第X条第Y款第Z项 is the same item, and the path without its paragraph asks which one is
 * meant. Real files in a temp folder, the real loader, search and CLI.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findClause, loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { ROOT, runCli, tempDir } from '../helpers/run.ts';

const REGULATION = [
  '某市停车条例',
  '第一条　为了规范停车管理，制定本条例。',
  '第二条　公共停车场投入使用后一个月内，经营者应当到公安机关交通管理部门备案。',
  '公共停车场备案应当提供下列材料：',
  '（一）经营者的基本信息；',
  '（二）停车场的平面示意图。',
  '道路停车泊位备案应当提供下列材料：',
  '（一）道路停车泊位的基本信息；',
  '（二）有权进行经营的证明材料。',
  '备案材料不齐全的，备案机关应当一次性告知需要补正的材料。',
  '第三条　经营者应当遵守下列规定：',
  '（一）公示收费标准；',
  '（二）保持标志标线清晰。',
  '',
].join('\n');

const dir = tempDir();
writeFileSync(join(dir, 'parking.txt'), REGULATION);
const { clauses } = loadCorpus({ dir, fresh: true });
const search = createClauseSearch(clauses);
const lookup = (q: string) => {
  const o = search.search(q, { limit: 5 });
  return { status: o.status, mode: o.mode, paths: o.hits.map((h) => h.path), message: o.message?.zh ?? '' };
};

describe('items of an article with lists in two paragraphs', () => {
  it('are cited by their paragraph, each path once, with no internal counter', () => {
    expect(clauses.map((c) => c.path)).toEqual([
      '第一条',
      '第二条',
      '第二条第二款（一）',
      '第二条第二款（二）',
      '第二条第三款（一）',
      '第二条第三款（二）',
      '第三条',
      '第三条（一）',
      '第三条（二）',
    ]);
    expect(findClause(clauses, null, '第二条第三款（一）')!.text).toBe('道路停车泊位的基本信息；');
    expect(findClause(clauses, null, '第2条第2款(二)')!.text).toBe('停车场的平面示意图。');
    const paths = clauses.map((c) => c.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.join(' ')).not.toMatch(/#/);
  });

  it('keep the article itself, opening and closing paragraphs, at 第二条', () => {
    expect(findClause(clauses, null, '第二条')!.text).toContain('备案材料不齐全的');
  });

  it('are reached by the full citation, by 第X条第Y款第Z项, and by the paragraph alone', () => {
    expect(lookup('某市停车条例第二条第三款（一）')).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第二条第三款（一）'] });
    expect(lookup('某市停车条例第2条第3款第1项').paths).toEqual(['第二条第三款（一）']);
    expect(lookup('某市停车条例第二条第三款第（二）项').paths).toEqual(['第二条第三款（二）']);
    expect(lookup('某市停车条例第二条第二款').paths).toEqual(['第二条第二款（一）', '第二条第二款（二）']);
    expect(lookup('某市停车条例第三条第二项').paths).toEqual(['第三条（二）']);
  });

  it('asked for without the paragraph, are listed to choose from', () => {
    const o = lookup('某市停车条例第二条（一）');
    expect(o).toMatchObject({ status: 'no_match', mode: 'lookup', paths: [] });
    expect(o.message).toContain('第二条第二款（一）；第二条第三款（一）');
  });
});

describe('the round 5 and round 3 regulations', () => {
  const docs = tempDir();
  copyFileSync(join(ROOT, 'tests/eval/dev/round5/docs/weihai-2021-parking.txt'), join(docs, 'weihai-2021-parking.txt'));
  copyFileSync(join(ROOT, 'tests/eval/dev/round3/docs/market-entity-registration.txt'), join(docs, 'market-entity-registration.txt'));

  it('cite Weihai 第二十一条 and the registration rules 第八条 by paragraph in search --json', () => {
    const r = runCli(['search', '--json', '--limit', '3'], { input: '道路停车泊位的平面示意图和彩色纸质照片\n法律、行政法规规定的其他事项\n', env: { POLICY_DESK_CORPUS_DIR: docs } });
    expect(r.status).toBe(0);
    const [parking, registration] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { hits: Array<{ path: string; text: string }> });
    expect(parking!.hits.find((h) => h.text.startsWith('道路停车泊位的平面示意图'))!.path).toBe('第二十一条第三款（三）');
    expect(registration!.hits.find((h) => h.text.startsWith('法律、行政法规规定的其他事项'))!.path).toBe('第八条第二款（五）');
    expect(r.stdout).not.toMatch(/ #\d/);
  });
});

describe('a list that restarts its numbering where no paragraph tells the two apart', () => {
  it('says which occurrence a repeated path is, in words', () => {
    const plan = tempDir();
    writeFileSync(
      join(plan, 'plan.txt'),
      ['某县招商工作方案', '一、工作目标', '1.引进项目十个。', '2.签约金额五亿元。', '二、保障措施', '1.加强组织领导。', '2.强化督导考核。', '一、附则', '1.本方案自印发之日起施行。', ''].join('\n'),
    );
    const paths = loadCorpus({ dir: plan, fresh: true }).clauses.map((c) => c.path);
    expect(paths).toContain('一、1（第二处）');
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.join(' ')).not.toMatch(/#/);
  });
});
