/**
 * Search on documents nobody tuned for: the six public documents of tests/eval/unseen/docs serve as
 * a second corpus here (the same files the frozen evaluation set uses).
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch, getDefaultSearch, splitFiller } from '../../src/search/index.ts';
import { answerTypeOf, findAnswer } from '../../src/search/answer.ts';
import { englishCandidates, stemEnglish } from '../../src/search/bilingual.ts';
import { searchReply } from '../../src/bot/features/policy/searchReply.ts';
import { UNSEEN_DOCS_DIR } from '../eval/harness.ts';

const unseen = createClauseSearch(loadCorpus({ dir: UNSEEN_DOCS_DIR }).clauses);
const top = (q: string) => unseen.search(q, { limit: 3 }).hits[0];

describe('question words and everyday filler', () => {
  it('are recognised by a general list, never required of a clause', () => {
    expect(splitFiller('储备粮动用以后多久要补库').filter((p) => p.filler).map((p) => p.text)).toEqual(['以后', '多久']);
    const hits = unseen.search('储备粮动用以后多久要把粮食补回来', { limit: 3 }).hits;
    expect(hits.some((h) => h.text.includes('12个月内完成等量补库'))).toBe(true);
  });

  it('are read so that one filler does not hide a longer one it overlaps: 我想知道 is 我 + 想知道, leaving no content word 知道', () => {
    expect(splitFiller('我想知道年假有几天').filter((p) => p.filler).map((p) => p.text)).toEqual(['想知道', '几天']);
    expect(splitFiller('我想知道年假有几天').filter((p) => !p.filler).map((p) => p.text).join('')).toBe('我年假有');
  });

  it('include 几 / 多少 before any measure word (几批, 几点, 多少项), not only the listed 几次 / 多少天', () => {
    expect(splitFiller('每年组织企业来晋考察几批').filter((p) => p.filler).map((p) => p.text)).toEqual(['几批']);
    expect(splitFiller('早市几点开门').filter((p) => p.filler).map((p) => p.text)).toEqual(['几点']);
    expect(splitFiller('要提交多少项材料').filter((p) => p.filler).map((p) => p.text)).toEqual(['多少项']);
    // 工作日 is a subject (一个季度按多少个工作日算), not a measure word.
    expect(splitFiller('一个季度按多少个工作日算').filter((p) => !p.filler).map((p) => p.text).join('')).toContain('工作日');
  });

  it('include the postpositions of a bound (以上, 以下, 以内): 十五年以上的老电梯 is about 电梯, not about every clause saying 以上', () => {
    expect(splitFiller('用了十五年以上的老电梯有什么要求').filter((p) => p.filler).map((p) => p.text)).toContain('以上');
    expect(splitFiller('罚款一般在多少以下').filter((p) => p.filler).map((p) => p.text)).toContain('以下');
    expect(splitFiller('三十米以内能不能划车位').filter((p) => p.filler).map((p) => p.text)).toContain('以内');
  });

  it('of one character (弄, 搞) are a word of their own, never a character of a verb: 弄坏了 stays what the question asks about', () => {
    expect(splitFiller('这个怎么弄').filter((p) => p.filler).map((p) => p.text)).toEqual(['怎么弄']);
    expect(splitFiller('游客把东西弄坏了要不要赔').filter((p) => !p.filler).map((p) => p.text).join('')).toContain('弄坏了');
  });

  it('include vague quantities (好几, 一些) and conjunctions (或者, 以及): neither is what the question asks about', () => {
    expect(splitFiller('把一间房隔成好几间').filter((p) => p.filler).map((p) => p.text)).toEqual(['好几']);
    expect(splitFiller('保证金能不能少交或者不交').filter((p) => p.filler).map((p) => p.text)).toContain('或者');
    expect(splitFiller('交税的时候能不能多抵一些').filter((p) => p.filler).map((p) => p.text)).toContain('一些');
  });

  it('do not turn a question the clause plainly answers into "no match"', () => {
    for (const q of ['小麦多久轮换一次', '核准以后两年还没开工怎么办', '开工能延期几次']) {
      expect(unseen.search(q).status, q).toBe('ok');
    }
  });
});

describe('rank by evidence', () => {
  it('prefers a clause stating a period when the question asks 多久 / 多少天', () => {
    expect(top('环评报告书交上去多少天能批')?.text).toContain('60日内');
  });

  it('refuses in-domain questions the documents do not answer', () => {
    for (const q of ['高新技术企业所得税税率是多少', '个人所得税起征点是多少', '举报偷税漏税能拿多少奖励']) {
      expect(unseen.search(q).status, q).toBe('no_match');
      expect(getDefaultSearch().search(q).status, q).toBe('no_match');
    }
  });
});

describe('English questions through CC-CEDICT', () => {
  it('reverses the dictionary: an English word gives its Chinese headwords', () => {
    expect(stemEnglish('rotated')).toBe(stemEnglish('rotate'));
    expect(englishCandidates('rotated')).toContain('轮换');
    expect(englishCandidates('wheat')[0]).toBe('小麦');
    expect(englishCandidates('qwzxv')).toEqual([]);
  });

  it('reaches a Chinese clause of a document the glossary never heard of', () => {
    expect(unseen.search('How often is wheat in the grain reserve rotated?', { limit: 3 }).hits.some((h) => h.text.includes('小麦每4年轮换一次'))).toBe(true);
  });
});

describe('lookups by 令号 and by title + 第X条', () => {
  it('goes straight to the article', () => {
    const byNumber = unseen.search('国务院令第673号 第十条');
    expect(byNumber.mode).toBe('lookup');
    expect(byNumber.hits[0]?.text).toContain('20个工作日内');
    const byTitle = unseen.search('政府投资条例第十二条');
    expect(byTitle.mode).toBe('lookup');
    expect(byTitle.hits[0]?.docId).toBe('government-investment');
    expect(byTitle.hits[0]?.path).toBe('第十二条');
  });

  it('reads the title after words that only ask, and the path after a 令号 that does not open the question', () => {
    for (const q of ['请问政府投资条例第十二条', '我想问一下，政府投资条例第十二条讲的是什么', '请问国务院令第712号第十二条']) {
      const o = unseen.search(q);
      expect(o.mode, q).toBe('lookup');
      expect([o.hits[0]?.docId, o.hits[0]?.path], q).toEqual(['government-investment', '第十二条']);
    }
  });

  it('reads an article typed in figures, with spaces, or after the order number alone', () => {
    for (const q of ['政府投资条例第12条', '政府投资条例 第 十二 条', '712号 第十二条', '国务院令第712号第12条']) {
      const o = unseen.search(q);
      expect(o.mode, q).toBe('lookup');
      expect([o.hits[0]?.docId, o.hits[0]?.path], q).toEqual(['government-investment', '第十二条']);
    }
  });

  it('says an article the named document lacks is not there, rather than offering 第九条 for 第九十九条', () => {
    const o = unseen.search('国务院令第712号第九十九条');
    expect(o).toMatchObject({ status: 'no_match', mode: 'lookup', hits: [] });
    expect(o.message?.zh).toContain('第九十九条');
  });
});

describe('answer spans for lookup questions', () => {
  it('reads the kind of span a question asks for', () => {
    expect(answerTypeOf('专班运行到什么时候')).toBe('when');
    expect(answerTypeOf('示范区专班组长是谁')).toBe('who');
    expect(answerTypeOf('奖金要在多长时间内去领')).toBe('duration');
    expect(answerTypeOf('光伏项目')).toBeNull();
  });

  it('names the span verbatim above the clause: 张鹏飞, 2027年12月底', () => {
    const who = getDefaultSearch().search('示范区专班组长是谁').hits[0]!;
    expect(who.answer).toContain('张鹏飞');
    expect(who.text).toContain(who.answer!);
    const when = getDefaultSearch().search('专班运行到什么时候').hits[0]!;
    expect(when.answer).toContain('2027年12月底');
    expect(when.text).toContain(when.answer!);
  });

  it('cuts the tier that answers from a reward clause', () => {
    expect(findAnswer('amount', '举报起了重要作用能拿多少奖金', '对防范、制止和惩治危害国家安全行为发挥重要作用、作出重要贡献的，给予人民币1万元至3万元奖励；')).toBe('给予人民币1万元至3万元奖励');
  });

  it('names each document when another one answers differently and matches nearly as well (谁是组长)', () => {
    const outcome = getDefaultSearch().search('谁是组长', { limit: 3 });
    const text = searchReply('谁是组长', outcome, 'zh-CN').blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    const answer = text.find((t) => t.startsWith('答：'))!;
    expect(answer).toContain('张鹏飞');
    expect(answer).toContain('晋市政办〔2025〕4号');
    expect(answer).toContain('范永星');
    expect(answer).toContain('城政办发〔2024〕36号');
    // A runner-up from another document far below the first keeps a plain answer line.
    const single = searchReply('专班运行到什么时候', getDefaultSearch().search('专班运行到什么时候'), 'zh-CN').blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(single.find((t) => t.startsWith('答：'))).toBe('答：专班自成立之日起运行至2027年12月底');
  });

  it('lists the paths to try apart, though paths hold 、 themselves', () => {
    const reply = searchReply('32号文 二、（九）', getDefaultSearch().search('32号文 二、（九）'), 'zh-CN');
    const tries = reply.blocks.flatMap((b) => (b.type === 'text' && b.text.startsWith('可以试试') ? [b.text] : []))[0]!;
    expect(tries).toContain('序言；一、；二、（一）1');
    expect(tries).not.toContain('、、');
  });

  it('renders the answer first and the verbatim clause beneath it', () => {
    const outcome = getDefaultSearch().search('专班运行到什么时候', { limit: 1 });
    const reply = searchReply('专班运行到什么时候', outcome, 'zh-CN');
    const answerAt = reply.blocks.findIndex((b) => b.type === 'text' && b.text.startsWith('答：'));
    const citeAt = reply.blocks.findIndex((b) => b.type === 'citation');
    expect(answerAt).toBeGreaterThan(-1);
    expect(answerAt).toBeLessThan(citeAt);
    expect((reply.data as { hits: Array<{ answer?: string }> }).hits[0]!.answer).toContain('2027年12月底');
  });
});
