/**
 * What a "no match" answer suggests comes from the corpus loaded and, where it can, from the
 * question: the titles and headings of the clauses sharing its words — never what the question
 * already says, a number or a bound (十五, 以上), and never the Jincheng topics (节能审查；环评；专业镇…) of a corpus that lacks them. A question that
 * shares nothing with the corpus gets the documents' titles. Real files in a temp folder, the real
 * loader, search, reply and CLI.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch, getDefaultSearch } from '../../src/search/index.ts';
import { runCli, tempDir } from '../helpers/run.ts';

const PLAN = [
  '某市不动产登记便民服务方案',
  '一、总体要求',
  '（一）工作目标。进一步压缩不动产登记办理时间，一般登记在五个工作日内办结。',
  '二、便民措施',
  '（一）网上申请。申请人可以通过政务服务网申请不动产登记，不再要求到窗口提交纸质材料。',
  '（二）遗嘱继承登记。因遗嘱设立居住权的，当事人可以持遗嘱和生效法律文书申请居住权登记。',
  '（三）一次告知。申请材料不齐全的，登记窗口应当一次性告知需要补正的全部内容。',
  '三、保障措施',
  '（一）加强组织领导。各区登记中心负责本辖区便民服务工作。',
  '',
].join('\n');
const REGULATION = [
  '某市生产经营单位安全生产责任规定',
  '第一条　为了落实生产经营单位安全生产主体责任，制定本规定。',
  '第二条　生产经营单位的主要负责人每季度至少组织一次全面安全检查。',
  '第三条　危险化学品仓库应当安装可燃气体报警装置。',
  '',
].join('\n');
const TITLES = ['某市不动产登记便民服务方案', '某市生产经营单位安全生产责任规定'];
const JINCHENG_TOPICS = ['节能审查', '环评', '专业镇', '外出招商', '领导小组', '责任单位'];

const dir = tempDir();
writeFileSync(join(dir, 'registration-plan.txt'), PLAN);
writeFileSync(join(dir, 'work-safety.txt'), REGULATION);
const clauses = loadCorpus({ dir, fresh: true }).clauses;
const search = createClauseSearch(clauses);
const corpusText = clauses.map((c) => `${c.title}\n${c.heading}\n${c.text}`).join('\n');

function suggestionsFor(q: string): string[] {
  const o = search.search(q);
  expect(o.status, q).toBe('no_match');
  return o.suggestions ?? [];
}

describe('suggestions after "no match"', () => {
  it('never name a topic the corpus lacks, whatever the question', () => {
    for (const q of ['今天天气怎么样', '节能审查', '房产证丢了怎么补办', '外国护照过期了去哪里换', '便民服务热线是多少', 'Who won the NBA finals last year?']) {
      const s = suggestionsFor(q);
      expect(s.length, q).toBeGreaterThan(0);
      for (const t of s) expect(corpusText, `${q}: ${t}`).toContain(t);
      for (const t of JINCHENG_TOPICS) expect(s, q).not.toContain(t);
    }
  });

  it('relate to the question: the title and headings of the document sharing its words', () => {
    expect(suggestionsFor('便民服务热线是多少').slice(0, 3)).toEqual(expect.arrayContaining(['某市不动产登记便民服务方案', '便民措施']));
    expect(suggestionsFor('办房产登记要交多少钱')).toEqual(expect.arrayContaining(['某市不动产登记便民服务方案', '遗嘱继承登记']));
    expect(suggestionsFor('老人去世了房子过户给子女要交哪些材料')).toContain('某市不动产登记便民服务方案');
  });

  it('never offer what the question already says, a number, or a word that only bounds one', () => {
    for (const q of ['办房产登记要交多少钱', '老人去世了房子过户给子女要交哪些材料', '仓库着火了十五年以上赔多少', '报警器坏了一次罚多少', '老板一次都不检查会怎样']) {
      const s = suggestionsFor(q);
      expect(s.length, q).toBeGreaterThan(0);
      for (const t of s) {
        expect(q, `${q}: ${t}`).not.toContain(t);
        expect(t, q).not.toMatch(/^(?:[一二三四五六七八九十百\d]+[次年]?|以上|以下)$/);
      }
    }
  });

  it('lead to the document holding the question\'s rarest word, though the title does not say it', () => {
    expect(suggestionsFor('仓库着火了十五年以上赔多少')).toEqual(['某市生产经营单位安全生产责任规定']);
    expect(suggestionsFor('可燃气体泄漏了十五天以上赔多少钱')).toEqual(['某市生产经营单位安全生产责任规定']);
  });

  it('are the documents\' titles when the question shares no word with the corpus', () => {
    expect(suggestionsFor('今天天气怎么样')).toEqual(TITLES);
    expect(suggestionsFor('Who won the NBA finals last year?')).toEqual(TITLES);
  });

  it('in the Jincheng corpus still offer its own topics to a question about them, not the words it typed', () => {
    for (const [q, topic] of [['专业镇的足球比赛结果', '晋城市城区全力推进专业镇高质量发展实施方案'], ['外出招商去看足球比赛', '外出招商次数']] as const) {
      const o = getDefaultSearch().search(q);
      expect(o.status, q).toBe('no_match');
      expect(o.suggestions, q).toContain(topic);
    }
  });

  it('reach the person as 可以试试 on the command line', () => {
    const r = runCli(['ask', '今天天气怎么样'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.stdout).toContain(`可以试试：${TITLES.join('；')}`);
    expect(r.stdout).not.toContain('节能审查');
    const json = runCli(['ask', '今天天气怎么样', '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(JSON.parse(json.stdout).suggestions).toEqual(TITLES);
  });
});
