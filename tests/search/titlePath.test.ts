/**
 * A clause asked for by its document's title and its path, for a document with no 文号 (a county's
 * opinion, a regulation): `加快重点产业实施意见二（一）3` goes to that clause as `32号文 二、（五）9`
 * and `政府投资条例第十二条` do, never through a text search on its numerals (3 matching 3亿元,
 * 一 matching 一事一议). Real files in a temp folder, the real loader, search and CLI.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { runCli, tempDir } from '../helpers/run.ts';

const OPINION = [
  '加快重点产业实施意见',
  '一、财政支持',
  '设立规模不低于1亿元的重点产业发展引导资金，列入县财政预算，用于重点产业发展补助和奖励。',
  '二、支持范围',
  '（一）固定资产投资支持。',
  '1.重点产业新上项目固定资产投资5000万元以上的，按实际投资额度给企业5%-20%奖励支持。',
  '2.重点产业新上项目固定资产投资3亿元以上重大项目，在享受第1款投资支持基础上，实行“一事一议”。',
  '3.绩效支持奖励。对项目投产后根据绩效可以申请奖励，按其年度地方经济贡献额给予五年奖励。',
  '4.对各乡镇招商的固定资产投资项目，由各乡镇参照以上奖励支持政策执行。',
  '（二）新产品研发支持。对企业取得国家专利的新产品，给予企业10万元—100万元资金支持。',
  '（三）药品品种引进支持。给予企业引进成本不低于10%的资金支持。',
  '（四）医药企业政策过渡期补助。给予医药企业2年50%的资金支持。',
  '（五）种植基地建设奖励补助。一次性奖励企业100元/亩。',
  '（六）企业科技创新奖励补助。给予企业100万元、30万元奖励。',
  '（七）企业品牌建设奖励补助。给予企业50万元奖励。',
  '（八）企业挂牌上市奖励补助。给予企业500万元奖励。',
  '（九）企业升规奖励补助。对新增并纳入统计范围的规模以上工业企业，一次性给予5万元奖励。',
  '三、政策兑现',
  '（一）各相关单位在项目投产达效后当年年末向县政府申报奖励资料。',
  '（二）经县政府审核批准后，次年一次性兑付奖励。',
  '四、组织保障',
  '成立重点产业发展领导小组，按照本实施意见，明确细化工作任务，制定具体实施细则。',
  '',
].join('\n');

const REGULATION = [
  '某市优化营商环境条例',
  '第一条　为了持续优化营商环境，制定本条例。',
  '第二条　本条例适用于本市行政区域内优化营商环境工作。',
  '第三条　供电企业应当自接到报修之时起，在六十分钟内到达现场抢修。',
  '',
].join('\n');

const dir = tempDir();
writeFileSync(join(dir, 'liuhe-opinion.txt'), OPINION);
writeFileSync(join(dir, 'business-environment.txt'), REGULATION);
const search = createClauseSearch(loadCorpus({ dir, fresh: true }).clauses);
const lookup = (q: string) => {
  const o = search.search(q, { limit: 5 });
  return { status: o.status, mode: o.mode, paths: o.hits.map((h) => h.path), titles: [...new Set(o.hits.map((h) => h.title))], message: o.message };
};

describe('title + path of a document without 文号', () => {
  it('goes to the clause asked for, however the path is written', () => {
    for (const q of ['加快重点产业实施意见二（一）3', '加快重点产业实施意见 二、（一）3', '加快重点产业实施意见二.（一）.3', '加快重点产业实施意见二、（一）、3', '《加快重点产业实施意见》二（一）3', '请问加快重点产业实施意见二（一）3讲的是什么']) {
      expect(lookup(q), q).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['二、（一）3'], titles: ['加快重点产业实施意见'] });
    }
  });

  it('gives a section with the clauses under it, and a section written from its lower level when it is one place', () => {
    expect(lookup('加快重点产业实施意见 二、（九）')).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['二、（九）'] });
    expect(lookup('加快重点产业实施意见二（一）').paths).toEqual(['二、（一）', '二、（一）1', '二、（一）2', '二、（一）3', '二、（一）4']);
    const lower = lookup('加快重点产业实施意见（九）');
    expect(lower).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['二、（九）'] });
    expect(lower.message?.zh).toContain('二、（九）');
  });

  it('asks which one is meant when a lower-level path is in several places, listing them apart', () => {
    const o = lookup('加快重点产业实施意见（二）');
    expect(o).toMatchObject({ status: 'no_match', mode: 'lookup', paths: [] });
    expect(o.message?.zh).toContain('二、（二）；三、（二）');
  });

  it('says a path the named document lacks is not there, naming the document and the path, never offering a clause sharing its numerals', () => {
    for (const [q, typed] of [
      ['加快重点产业实施意见 二、（十二）', '二、（十二）'],
      ['加快重点产业实施意见二（一）7', '二（一）7'],
      ['营商环境条例第九条', '第九条'],
    ] as const) {
      const o = lookup(q);
      expect(o, q).toMatchObject({ status: 'no_match', mode: 'lookup', paths: [] });
      expect(o.message?.zh, q).toContain(`中没有条款「${typed}」`);
      expect(o.message?.zh, q).toMatch(/《(加快重点产业实施意见|某市优化营商环境条例)》/);
    }
  });

  it('reads title + 第X条 as before: the article, or for a plan without articles the item so numbered', () => {
    expect(lookup('某市优化营商环境条例第3条')).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第三条'] });
    expect(lookup('加快重点产业实施意见第3条')).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['二、（一）3'] });
  });

  it('leaves questions that end in a figure, or name no title, to the text search', () => {
    const o = lookup('重点产业新上项目投资3亿元以上');
    expect(o.mode).toBe('text');
    expect(o.paths[0]).toBe('二、（一）2');
  });

  it('answers the same through ask on the command line', () => {
    const r = runCli(['ask', '--json'], { input: '加快重点产业实施意见二（一）3\n加快重点产业实施意见 二、（九）\n', env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.status).toBe(0);
    const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(a.hits.map((h: { path: string }) => h.path)).toEqual(['二、（一）3']);
    expect(b.hits.map((h: { path: string }) => h.path)).toEqual(['二、（九）']);
  });
});
