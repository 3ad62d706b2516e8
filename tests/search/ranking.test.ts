/**
 * How the ranking orders the candidates of a Chinese question: which clause comes first. The dev
 * documents (tests/eval/dev/docs) serve as the corpus, as in the evaluation the ranking is tuned on.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { indexedHeading } from '../../src/search/clauseIndex.ts';
import { ABSENT_SHARED_CHARS_RANK_CREDIT, coverage, sentenceCoverage, sentenceCoverageOf, sentenceReads } from '../../src/search/evidence.ts';
import { DEV_DOCS_DIR } from '../eval/harness.ts';

const dev = createClauseSearch(loadCorpus({ dir: DEV_DOCS_DIR }).clauses);

describe('a numbered item without a title of its own', () => {
  it('is indexed without repeating its text as its heading', () => {
    expect(indexedHeading({ heading: '第九条 > （一）投诉人的姓名、电话号码、通讯地址；', text: '投诉人的姓名、电话号码、通讯地址；' })).toBe('第九条 > （一）');
    expect(indexedHeading({ heading: '第二十五条 > （八）对投诉人进行恐吓、打击报复。', text: '对投诉人进行恐吓、打击报复。\n第二行' })).toBe('第二十五条 > （八）');
  });

  it('keeps a real heading, which is not the whole first line of the text', () => {
    const runIn = { heading: '二、重点任务 > （一）优化产业布局 > 1.加快产业集群式发展', text: '加快产业集群式发展。市工信局要优化完善消费品产业布局。' };
    expect(indexedHeading(runIn)).toBe(runIn.heading);
    expect(indexedHeading({ heading: '第三条', text: '职工连续工作满12个月以上的，享受带薪年休假。' })).toBe('第三条');
  });

  it('does not outrank an article on the subject by counting its words twice', () => {
    // 第九条（一）投诉人的姓名、电话号码、通讯地址 used to come first, its 电话 counted in text and heading.
    expect(dev.search('投诉举报可以打什么电话', { limit: 3 }).hits[0]?.text).toContain('12315专用电话');
    expect(dev.search('小企业拿银行保函代替保证金对方必须接受吗', { limit: 3 }).hits[0]?.text).toContain('金融机构保函提供保证的');
  });
});

describe('a word of the question no clause uses', () => {
  const absent = [{ alternatives: [['一家', '家人']], weight: 6, known: false, word: '一家人' }];

  it('earns a little for the characters a clause shares with it, for the order only', () => {
    expect(coverage(absent, new Set(), '也可以家庭经营', true)).toBeCloseTo(ABSENT_SHARED_CHARS_RANK_CREDIT / 3);
    // The share the "no match" decision reads gives it nothing: 增值税 sharing 税 is a near miss.
    expect(coverage(absent, new Set(), '也可以家庭经营')).toBe(0);
  });

  it('lifts the clause sharing its characters above one that shares only the everyday words', () => {
    expect(dev.search('个体户可以一家人一起经营吗', { limit: 3 }).hits[0]?.text).toContain('也可以家庭经营');
  });
});

describe('an article holding the question\'s words in one sentence', () => {
  const known = (word: string, ...terms: string[]) => ({ alternatives: [terms.length ? terms : [word]], weight: 1, known: true, word });

  it('is read by its best sentence, a word shown in part counting as the clause shows it', () => {
    const concepts = [known('举报'), known('鼓励')];
    const matched = new Set(['举报', '鼓励']);
    expect(sentenceCoverage(concepts, matched, '职工可以举报。鼓励投资', '', false, false)).toBeCloseTo(0.5);
    expect(sentenceCoverage(concepts, matched, '鼓励内部人员举报；其他', '', false, false)).toBeCloseTo(1);
    // The heading and title head every sentence.
    expect(sentenceCoverage(concepts, matched, '职工可以举报。另有规定', '鼓励办法', false, false)).toBeCloseTo(1);
    // A clause of one sentence has nothing to choose among.
    expect(sentenceCoverage(concepts, matched, '鼓励举报', '', false, false)).toBeUndefined();
    const deposit = [known('保证金', '保证', '证金'), known('保函'), known('接受')];
    const all = new Set(['保证', '证金', '保函', '接受']);
    expect(sentenceCoverage(deposit, all, '不得将保证金限定为现金。以保函提供保证的，应当接受', '', false, false)).toBeCloseTo(1);
  });

  it('is split into its sentences once, each read with its heading, whatever the question', () => {
    expect(sentenceReads('职工可以举报。鼓励投资；', '办法')).toEqual(['职工可以举报\n办法', '鼓励投资\n办法']);
    expect(sentenceReads('鼓励举报', '办法')).toBeUndefined();
    const reads = sentenceReads('职工可以举报。另有规定', '鼓励办法');
    expect(sentenceCoverageOf([known('举报'), known('鼓励')], new Set(['举报', '鼓励']), reads, false, false)).toBeCloseTo(1);
  });

  it('comes before articles scattering them over sentences about other things', () => {
    // 鼓励外国投资者 in one sentence of the headquarters article, 公司 and 企业 in others, had ranked it above.
    const top = dev.search('员工举报自己公司违法是鼓励的吗', { limit: 3 }).hits.map((h) => h.text);
    expect(top.some((t) => t.includes('鼓励经营者内部人员依法举报'))).toBe(true);
  });
});
