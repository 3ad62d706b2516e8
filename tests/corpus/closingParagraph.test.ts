/**
 * A paragraph after the last item of a list in plan numbering (一、 （一） 1.): the closing
 * paragraph of the list — it governs all the items and is cited with the list's heading — when it
 * speaks of the items as a group or the list is laid out one paragraph per item; otherwise (an
 * item running over several paragraphs, a paragraph between two items, one that goes on with 其中,
 * one carrying the item's responsibility note) the item's own paragraph. Regulations (第X条 with
 * items) were already read this way: see ingest.test.ts.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findClause, loadCorpus, type Clause } from '../../src/corpus/index.ts';
import { ROOT, runCli, tempDir } from '../helpers/run.ts';

const LIUHE = 'liuhe-key-industries-opinion.txt';
const CLOSING = '企业固定资产投资额以企业财务数据为准';

function corpusOf(files: Record<string, string>): Clause[] {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { clauses } = loadCorpus({ dir, fresh: true });
  return clauses;
}
const at = (clauses: Clause[], path: string) => clauses.find((c) => c.path === path)?.text ?? null;

describe('the Liuhe opinion: the paragraph after （一）\'s items 1–4', () => {
  const dir = tempDir();
  copyFileSync(join(ROOT, 'tests/eval/dev/round4/docs', LIUHE), join(dir, LIUHE));
  const { clauses } = loadCorpus({ dir, fresh: true });

  it('is part of 二、（一） (固定资产投资支持), not of its item 4 (乡镇招商)', () => {
    expect(findClause(clauses, 'liuhe-key-industries-opinion', '二、（一）')!.text).toBe(
      '固定资产投资支持。\n企业固定资产投资额以企业财务数据为准，由政府成立固定资产投资项目验收组验收确认。经验收确认对项目固定资产投资额没有达到投资规模的，项目投产后，在企业绩效支持奖励中抵扣固定资产投资奖励支持。',
    );
    expect(findClause(clauses, 'liuhe-key-industries-opinion', '二、（一）4')!.text).not.toContain(CLOSING);
  });

  it('leaves the four items as they were', () => {
    expect(clauses.filter((c) => c.path.startsWith('二、（一）')).map((c) => c.path)).toEqual(['二、（一）', '二、（一）1', '二、（一）2', '二、（一）3', '二、（一）4']);
    expect(findClause(clauses, 'liuhe-key-industries-opinion', '二、（一）4')!.text).toMatch(/^对各乡镇招商的固定资产投资项目.*“一事一议”。$/);
  });

  it('is cited as 二、（一） by search', () => {
    const r = runCli(['search', '固定资产投资额以企业财务数据为准', '--json', '--limit', '1'], { env: { POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: 'off' } });
    expect(r.status).toBe(0);
    const hit = (JSON.parse(r.stdout) as { hits: Array<{ path: string; text: string }> }).hits[0]!;
    expect([hit.path, hit.text.includes(CLOSING)]).toEqual(['二、（一）', true]);
  });
});

describe('a paragraph after the last item of a plan-style list', () => {
  const head = '关于支持园区发展的若干措施\n\n一、总体要求\n\n坚持企业主体、政府引导。\n\n二、支持措施\n\n';
  const tail = '\n\n三、组织保障\n\n各部门按职责分工抓好落实。\n';

  it('closes the list when the items are one paragraph each: it goes to （一）, whose heading has no text of its own', () => {
    const c = corpusOf({
      'a.txt': `${head}（一）投资奖励\n\n1.固定资产投资5000万元以上的项目，按投资额的5%给予奖励。\n\n2.固定资产投资1亿元以上的项目，按投资额的8%给予奖励。\n\n投资额以审计报告为准，奖励分两年兑付。${tail}`,
    });
    expect(at(c, '二、（一）')).toBe('投资额以审计报告为准，奖励分两年兑付。');
    expect(at(c, '二、（一）2')).toBe('固定资产投资1亿元以上的项目，按投资额的8%给予奖励。');
  });

  it('also when the text ends after it', () => {
    const c = corpusOf({ 'a.txt': `${head}（一）投资奖励。\n\n1.新建项目给予奖励。\n\n2.技改项目给予补助。\n\n奖励和补助不重复享受。\n` });
    expect(at(c, '二、（一）')).toBe('投资奖励。\n奖励和补助不重复享受。');
    expect(at(c, '二、（一）2')).toBe('技改项目给予补助。');
  });

  it('stays with the last item when an item before it ran over two paragraphs', () => {
    const c = corpusOf({
      'a.txt': `${head}（一）投资奖励\n\n1.新建项目给予奖励。\n\n奖励按投资进度分期拨付。\n\n2.技改项目给予补助。\n\n补助按设备投资额计算。${tail}`,
    });
    expect(at(c, '二、（一）2')).toBe('技改项目给予补助。\n补助按设备投资额计算。');
    expect(at(c, '二、（一）1')).toBe('新建项目给予奖励。\n奖励按投资进度分期拨付。');
    expect(at(c, '二、（一）')).toBeNull();
  });

  it('closes such a list all the same when it speaks of the items as a group (以上…, 上述…)', () => {
    const c = corpusOf({
      'a.txt': `${head}（一）投资奖励\n\n1.新建项目给予奖励。\n\n奖励按投资进度分期拨付。\n\n2.技改项目给予补助。\n\n上述奖励和补助由县财政列支。${tail}`,
    });
    expect(at(c, '二、（一）')).toBe('上述奖励和补助由县财政列支。');
    expect(at(c, '二、（一）2')).toBe('技改项目给予补助。');
  });

  it('stays with its item between two items, when it goes on (其中…), or carries a responsibility note', () => {
    const between = corpusOf({ 'a.txt': `${head}（一）投资奖励\n\n1.新建项目给予奖励。\n\n2.技改项目给予补助。\n\n补助按设备投资额计算。\n\n3.外资项目给予奖励。${tail}` });
    expect(at(between, '二、（一）2')).toBe('技改项目给予补助。\n补助按设备投资额计算。');
    expect(at(between, '二、（一）')).toBeNull();
    const goesOn = corpusOf({ 'a.txt': `${head}（一）投资奖励\n\n1.新建项目给予奖励。\n\n2.技改项目给予补助。\n\n其中，设备投资占比不低于60%。${tail}` });
    expect(at(goesOn, '二、（一）2')).toBe('技改项目给予补助。\n其中，设备投资占比不低于60%。');
    const note = corpusOf({ 'a.txt': `${head}（一）投资奖励\n\n1.新建项目给予奖励。\n\n2.技改项目给予补助。\n\n补助资金由县财政列支。（责任单位：县财政局）${tail}` });
    const item = note.find((c) => c.path === '二、（一）2')!;
    expect([item.text, item.units]).toEqual(['技改项目给予补助。\n补助资金由县财政列支。', ['县财政局']]);
  });

  it('stays with its item in a list of headed items whose text follows the heading (（一）标题。 then a paragraph)', () => {
    const c = corpusOf({ 'a.txt': `${head}（一）投资奖励。\n\n新建项目给予奖励。\n\n（二）人才支持。\n\n人才公寓优先保障。${tail}` });
    expect(at(c, '二、（一）')).toBe('投资奖励。\n新建项目给予奖励。');
    expect(at(c, '二、（二）')).toBe('人才支持。\n人才公寓优先保障。');
    expect(at(c, '二、')).toBeNull();
  });
});
