/**
 * A document an office adds to its corpus, asked about the way the user asked: the
 * reward rule of tests/fixtures/ingest (the text scripts/make-fixtures.ts writes into the PDF and
 * the .docx) beside the five corpus documents, whose glossary wording is there to match too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { tempDir } from '../helpers/run.ts';

const REWARD_RULE = [
  '晋城市市场监督管理局',
  '晋市监规〔2025〕2号',
  '晋城市市场监管领域违法行为举报奖励办法',
  '第一章 总则',
  '第一条 为了鼓励社会公众积极举报市场监管领域违法行为，维护公平竞争的市场秩序，根据《市场监管领域重大违法行为举报奖励暂行办法》等规定，结合本市实际，制定本办法。',
  '第二条 本办法适用于本市各级市场监督管理部门对举报人给予的奖励。举报人的身份信息和举报内容予以保密，未经举报人同意不得公开。',
  '第二章 奖励条件',
  '第三条 举报奖励应当同时符合下列条件：',
  '（一）有明确的被举报对象和具体违法事实；',
  '（二）举报内容事先未被市场监督管理部门掌握；',
  '（三）举报内容经查证属实并作出行政处罚决定。',
  '两人以上联名举报同一违法行为的，按同一举报奖励，奖金由举报人协商分配；协商不成的，平均分配。',
  '第四条 举报人应当自收到领奖通知之日起九十日内领取奖金，逾期未领取的，视为放弃。',
  '第三章 附则',
  '第五条 本办法自2025年3月1日起施行，有效期五年。',
  '附件',
  '举报奖励标准',
  '奖励等级\t罚没款金额\t奖励标准',
  '一级\t100万元以上\t按罚没款的2%奖励',
  '二级\t10万元以上不满100万元\t按罚没款的3%奖励',
  '三级\t不满10万元\t按罚没款的5%奖励',
].join('\n');

const dir = tempDir();
writeFileSync(join(dir, 'reward-rule.txt'), REWARD_RULE);
const reward = loadCorpus({ dir }).clauses;
const search = createClauseSearch([...loadCorpus().clauses, ...reward]);
const first = (q: string) => search.search(q, { limit: 3 }).hits[0];

describe('a rule added beside the corpus documents', () => {
  it('answers the issue\'s English question from the rule, not from the corpus\'s 涉及国家秘密', () => {
    expect(first("Is the whistleblower's identity kept confidential?")?.path).toBe('第二条');
    expect(first('Will my identity be kept secret if I report a violation?')?.path).toBe('第二条');
  });

  it('reads "report" as 举报 where the rule says so, not only as the corpus\'s 上报', () => {
    const hits = search.search('How much is the reward for reporting?', { limit: 3 }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.docNo === '晋市监规〔2025〕2号')).toBe(true);
  });

  it('names the tier a stated amount falls in, and a sum or share for 多少钱, never a count', () => {
    expect(first('罚没款50万元的案子举报人能拿多少')?.answer).toBe('二级 | 10万元以上不满100万元 | 按罚没款的3%奖励');
    expect(first('罚没款5万元的案子举报奖励多少钱')?.answer).toBe('三级 | 不满10万元 | 按罚没款的5%奖励');
    expect(first('举报奖励最高多少钱')?.answer).not.toContain('两人以上');
  });

  it('names the period and the date asked for', () => {
    expect(first('领奖通知收到后多少天内要去领')?.answer).toBe('举报人应当自收到领奖通知之日起九十日内领取奖金');
    expect(first('举报奖励办法什么时候开始施行')?.answer).toBe('本办法自2025年3月1日起施行');
  });
});
