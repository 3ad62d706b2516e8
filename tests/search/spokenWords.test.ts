/**
 * Everyday speech the texts never use: a verb or adverb films say all the time (放假, 下班, 事先) is how
 * a question is put, however rare written text finds it; a noun of everyday speech (足球, 电影) is what an
 * off-topic question is about, and keeps its full weight.
 */
import { describe, expect, it } from 'vitest';
import { absentWordFactor, EVERYDAY_FACTOR, isCoinedVerb, isDirectionalVerb } from '../../src/search/generalWords.ts';
import { isDictionaryWord } from '../../src/search/bilingual.ts';
import { parseRareVerbs, parseSpoken, SPOKEN_SUBJECT_IDF, spokenSubjectShare } from '../../src/search/spokenWords.ts';
import { expandQuery } from '../../src/search/expand.ts';
import { readConcepts, weighConcepts } from '../../src/search/evidence.ts';

describe('parseSpoken', () => {
  const subtitles = 'let data = `的\t100\t1000\n下班\t50\t400\n放假\t9\t9\n足球\t80\t500\n事先\t5\t4`;\nmodule.exports = {};';
  const dictionary = ['下班 623 v', '放假 194 v', '足球 2042 n', '事先 1601 d', '的 100 uj'].join('\n');

  it('keeps the verbs and adverbs below the subject IDF, as ln(films / films with the word)', () => {
    const table = parseSpoken(subtitles, dictionary);
    expect(table['下班']).toBeCloseTo(Math.log(1000 / 400), 6);
    expect(table['放假']).toBeCloseTo(Math.log(1000 / 9), 6);
    // A noun is never read (足球), nor a word rarer in speech than the subject IDF (事先 here: ln 250 > 5).
    expect(table).not.toHaveProperty('足球');
    expect(Math.log(1000 / 4)).toBeGreaterThan(SPOKEN_SUBJECT_IDF);
    expect(table).not.toHaveProperty('事先');
  });
});

describe('spokenSubjectShare over the packaged lists', () => {
  it('reads everyday verbs and adverbs of speech as little of a subject (下班, 事先, 放假)', () => {
    for (const w of ['下班', '事先', '放假', '上网']) expect(spokenSubjectShare(w), w).toBeLessThan(0.7);
  });

  it('reads everyday adjectives and locatives of speech the same way (便宜, 方便, 旁边, 里面), never place words (家里, 路边, 门口)', () => {
    for (const w of ['便宜', '方便', '旁边', '里面']) expect(spokenSubjectShare(w), w).toBeLessThan(0.3);
    for (const w of ['家里', '路边', '门口']) expect(spokenSubjectShare(w), w).toBe(1);
  });

  it('leaves nouns and subject words whole (足球, 电影, 护照, 所得税, 年检)', () => {
    for (const w of ['足球', '电影', '护照', '所得税', '年检']) expect(spokenSubjectShare(w), w).toBe(1);
  });

  it('makes an absent everyday verb weigh less than a subject in the same question', () => {
    expect(absentWordFactor('放假')).toBeLessThan(0.7);
    expect(absentWordFactor('放假')).toBeGreaterThanOrEqual(EVERYDAY_FACTOR);
    expect(absentWordFactor('增值税')).toBe(1);
    // In a question, the absent 放假 weighs well under a word no clause has that is a subject (idf of df 0).
    const { concepts } = readConcepts(expandQuery('厂里放假了领导要不要在现场盯着'));
    const weighted = weighConcepts(concepts, (t) => (['领导', '现场'].includes(t) ? 5 : 0), 100);
    const holiday = weighted.find((c) => c.word === '放假')!;
    const subjectWeight = Math.log(1 + (100 + 0.5) / 0.5);
    expect(holiday.weight).toBeLessThan(subjectWeight * 0.7);
  });
});

describe('a verb speech coins from parts', () => {
  it('is a verb jieba lists with a count of 3 or less (parseRareVerbs), never a noun or a counted verb', () => {
    expect(parseRareVerbs(['隔成 3 v', '缺钱 2 v', '办理 6350 v', '猫粮 3 n'].join('\n'))).toEqual(['隔成', '缺钱']);
  });

  it('is one jieba’s IDF table never met (隔成, 弄坏, 缺钱, 租出去), not a verb of written text (办理, 骗取) or a noun (所得税)', () => {
    for (const w of ['隔成', '弄坏', '缺钱', '租出去']) expect(isCoinedVerb(w), w).toBe(true);
    for (const w of ['办理', '骗取', '放假', '所得税', '增值税']) expect(isCoinedVerb(w), w).toBe(false);
  });

  it('counts as everyday wording for the "no match" decision only: the order weighs it fully', () => {
    const read = readConcepts(expandQuery('房东能不能把房子隔成小间'));
    const df = (t: string) => (t === '房东' || t === '房子' || t === '小间' ? 1 : 0);
    const weight = (opts?: { forDecision: boolean }) => weighConcepts(read.concepts, df, 100, opts).find((c) => c.word === '隔成')!.weight;
    expect(weight({ forDecision: true })).toBeCloseTo(weight() * EVERYDAY_FACTOR, 6);
  });
});


describe('a verb with a complement of direction or result (isDirectionalVerb)', () => {
  it('is one verb character with 出去 / 下来 / 好 / 来 / 完 / 走 that the dictionary does not list (卖出去, 批下来, 谈好, 挖来, 办完)', () => {
    for (const w of ['卖出去', '查出来', '批下来', '交上去', '谈好', '挖来', '办完', '收走']) expect(isDirectionalVerb(w, isDictionaryWord), w).toBe(true);
  });

  it('is not a word the dictionary lists (看起来, 招来, 未来, 友好), nor a verb naming where a thing is found or kept (查到, 设在)', () => {
    for (const w of ['看起来', '招来', '未来', '友好', '查到', '设在', '所得税']) expect(isDirectionalVerb(w, isDictionaryWord), w).toBe(false);
  });

  it('counts as everyday wording for the "no match" decision only: 谈好 of 私下谈好价钱卖技术 is no missing subject', () => {
    const read = readConcepts(expandQuery('大学跟企业私下谈好价钱卖技术，要不要先在学校里公开一下'));
    const df = (t: string) => (['大学', '企业', '价钱', '技术', '学校', '公开'].includes(t) ? 1 : 0);
    const weight = (opts?: { forDecision: boolean }) => weighConcepts(read.concepts, df, 100, opts).find((c) => c.word === '谈好')!.weight;
    expect(weight({ forDecision: true })).toBeCloseTo(weight() * EVERYDAY_FACTOR, 6);
  });
});
