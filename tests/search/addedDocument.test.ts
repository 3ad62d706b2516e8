/**
 * A document an office adds to its corpus, asked about the way the user asked: the
 * reward rule of tests/fixtures/ingest (the text scripts/make-fixtures.ts writes into the PDF and
 * the .docx: tests/fixtures/ingest/rewardRule.ts) beside the five corpus documents, whose glossary
 * wording is there to match too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { tempDir } from '../helpers/run.ts';
import { rewardRuleText } from '../fixtures/ingest/rewardRule.ts';

const dir = tempDir();
writeFileSync(join(dir, 'reward-rule.txt'), rewardRuleText());
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

describe('a chapter of an added regulation', () => {
  const chaptered = tempDir();
  writeFileSync(
    join(chaptered, 'housing.txt'),
    [
      '晋城市人才住房补贴办法', '', '晋市政办〔2025〕18号', '',
      '第一章　总　则', '第一条　为吸引人才，制定本办法。', '第二条　本办法适用于本市企业。',
      '第二章　补贴标准', '第三条　博士每月补贴3000元。', '第四条　补贴期限最长36个月。',
      '第三章　附　则', '第五条　本办法自2025年6月1日起施行。', '',
    ].join('\n'),
  );
  const s = createClauseSearch(loadCorpus({ dir: chaptered }).clauses);

  it('18号第二章 lists the articles of that chapter, read from their headings', () => {
    expect(s.search('晋市政办〔2025〕18号第二章').hits.map((h) => h.path)).toEqual(['第三条', '第四条']);
  });

  it('18号第二章第四条 is that article', () => {
    expect(s.search('晋市政办〔2025〕18号第二章第四条').hits.map((h) => h.path)).toEqual(['第四条']);
  });
});
