/**
 * How the search reads wording that is not the documents' own: how everyday a word no clause contains is
 * (jieba's IDF over a general corpus), whether split characters are a real word, shortened terms, and
 * which questions ask for a figure, a period or a date.
 */
import { describe, expect, it } from 'vitest';
import { absentWordFactor, EVERYDAY_FACTOR, isDemonstrative, isGeneralCompound, isGeneralWord, holdsLexiconWord, isDativeVerb, isInflectedVerb, isLocative, isModalVerb } from '../../src/search/generalWords.ts';
import { isDictionaryWord } from '../../src/search/bilingual.ts';
import { readConcepts, weighConcepts } from '../../src/search/evidence.ts';
import { expandQuery } from '../../src/search/expand.ts';
import { spelledOutIn } from '../../src/search/evidence.ts';
import querywords from '../../src/search/querywords.json' with { type: 'json' };
import glossary from '../../src/search/glossary.json' with { type: 'json' };

describe('absentWordFactor', () => {
  it('lets everyday wording the documents never use count little, and a subject count fully', () => {
    for (const w of ['觉得', '东西', '必须', '除了']) expect(absentWordFactor(w), w).toBeCloseTo(EVERYDAY_FACTOR, 2);
    for (const w of ['增值税', '起征点', '护照', '贴息']) expect(absentWordFactor(w), w).toBe(1);
    // Not words at all, but speech cut oddly by the segmenter: a particle gives them away.
    for (const w of ['换了', '就不']) expect(absentWordFactor(w), w).toBe(EVERYDAY_FACTOR);
    // …and so does a personal pronoun (替我去 cut as 替 + 我去; 你去).
    for (const w of ['我去', '你去']) expect(absentWordFactor(w), w).toBe(EVERYDAY_FACTOR);
    expect(absentWordFactor('专精特新')).toBe(1);
    const between = absentWordFactor('对方');
    expect(between).toBeGreaterThan(EVERYDAY_FACTOR);
    expect(between).toBeLessThan(1);
  });
});

describe('a negated verb or a verb with an aspect particle', () => {
  it('is how a question is put (不在, 没去, 改了), not a subject, though the IDF table rates 没去 as rare', () => {
    for (const w of ['不在', '没去', '没办', '改了', '看过']) expect(isInflectedVerb(w), w).toBe(true);
    for (const w of ['护照', '不动产', '没收违法所得', '过错']) expect(isInflectedVerb(w), w).toBe(false);
    // A verb with the measure word of its object (开个小卖部, 摆个摊) is phrasing too; a numeral or a determiner with 个 is not a verb.
    for (const w of ['开个', '摆个', '办个']) expect(isInflectedVerb(w), w).toBe(true);
    for (const w of ['一个', '这个', '每个', '整个', '各个', '个人']) expect(isInflectedVerb(w), w).toBe(false);
    expect(absentWordFactor('没去')).toBe(1);
  });

  it('includes a verb with the dative 给 (退给, 批给), unless a dictionary lists it as a word (交给, 还给, 借给)', () => {
    for (const w of ['退给', '批给', '拨给']) expect(isDativeVerb(w, isDictionaryWord), w).toBe(true);
    for (const w of ['交给', '送给', '还给', '借给', '给予', '供给']) expect(isDativeVerb(w, isDictionaryWord), w).toBe(false);
  });

  it('includes a verb with a negated potential complement (谈不拢, 拿不到), but not V得C, which would take in 所得税', () => {
    for (const w of ['谈不拢', '拿不到', '请不起']) expect(isInflectedVerb(w), w).toBe(true);
    for (const w of ['所得税', '不动产', '获得者']) expect(isInflectedVerb(w), w).toBe(false);
  });

  it('weighs as everyday wording when no clause has it, so 台商自己不在宁波… is not made a question about 不在', () => {
    const { concepts } = readConcepts(expandQuery('台商自己不在宁波能找人代理投资吗'));
    const weighted = weighConcepts(concepts, (t) => (t === '宁波' || t === '投资' || t === '代理' ? 5 : 0), 100);
    const notIn = weighted.find((c) => c.word === '不在')!;
    const ningbo = weighted.find((c) => c.word === '宁波')!;
    expect(notIn.weight).toBeLessThan(ningbo.weight / 2);
  });
});

describe('a modal before a one-character verb', () => {
  it('is how a question is put (要带, 要写, 能办, 该找), unless a dictionary lists it as a word (要求, 能够, 应该, 需求)', () => {
    for (const w of ['要带', '要写', '能办', '该找']) expect(isModalVerb(w, isDictionaryWord), w).toBe(true);
    for (const w of ['要求', '能够', '应该', '需求', '会计', '可以']) expect(isModalVerb(w, isDictionaryWord), w).toBe(false);
    // jieba's IDF table lists 要带 as a rare word: on its own it would weigh as a missing subject.
    expect(absentWordFactor('要带')).toBe(1);
  });

  it('is an adverb of time or sequence before a one-character verb too (再办, 还交, 先去), unless a dictionary lists it (还款, 先行, 就业, 才能)', () => {
    for (const w of ['再办', '还交', '先去']) expect(isModalVerb(w, isDictionaryWord), w).toBe(true);
    for (const w of ['还款', '先行', '就业', '才能', '还是', '再生']) expect(isModalVerb(w, isDictionaryWord), w).toBe(false);
  });

  it('is an adverb of amount or time (少交, 多给, 晚交) or a verb of going (去投, 来量) before a one-character verb too, unless a dictionary lists it (多数, 少数, 去年, 来源)', () => {
    for (const w of ['少交', '多给', '晚交', '去投', '来量']) expect(isModalVerb(w, isDictionaryWord), w).toBe(true);
    for (const w of ['多数', '少数', '去年', '来源', '早期']) expect(isModalVerb(w, isDictionaryWord), w).toBe(false);
  });

  it('weighs as everyday wording when no clause has it, so 办个体户营业执照要带什么材料 is about 营业执照 and 材料', () => {
    const { concepts } = readConcepts(expandQuery('办个体户营业执照要带什么材料'));
    const weighted = weighConcepts(concepts, (t) => (['个体', '营业', '执照', '材料'].includes(t) ? 5 : 0), 100);
    const bring = weighted.find((c) => c.word === '要带')!;
    const materials = weighted.find((c) => c.word === '材料')!;
    expect(bring.weight).toBeLessThan(materials.weight / 2);
  });
});

describe('a demonstrative', () => {
  it('is grammar (这边, 那里, 这种), not a word that merely starts with 这 or 那 (这么, 那么 are no place; 那曲 is a name)', () => {
    for (const w of ['这边', '那边', '这里', '那里', '这儿', '这块', '这种']) expect(isDemonstrative(w), w).toBe(true);
    for (const w of ['这么', '那么', '那曲', '这次会', '边境', '里边']) expect(isDemonstrative(w), w).toBe(false);
  });

  it('weighs as everyday wording when no clause has it, so 北京这边专利上的事归哪个部门管 is about 北京 and 专利', () => {
    const { concepts } = readConcepts(expandQuery('北京这边专利上的事归哪个部门管'));
    const weighted = weighConcepts(concepts, (t) => (['北京', '专利', '部门'].includes(t) ? 5 : 0), 100);
    const here = weighted.find((c) => c.word === '这边')!;
    const patent = weighted.find((c) => c.word === '专利')!;
    expect(here.weight).toBeLessThan(patent.weight / 2);
  });
});

describe('characters the segmenter left one by one', () => {
  const df = (present: readonly string[]) => (t: string) => (present.includes(t) ? 5 : 0);

  it('weigh little when they make no word (得赶到 in 供电公司多久得赶到): colloquial wording, not a subject', () => {
    const { concepts } = readConcepts(expandQuery('厂里停电报修，供电公司多久得赶到'));
    const weighted = weighConcepts(concepts, df(['停电', '报修', '供电', '公司']), 100);
    const arrive = weighted.find((c) => c.word?.includes('赶到'))!;
    const outage = weighted.find((c) => c.word === '停电')!;
    expect(arrive.known).toBe(false);
    expect(arrive.weight).toBeLessThan(outage.weight / 2);
  });

  it('weigh fully when they hold a lexicon word of three or more characters (税起征点: 起征点), a subject the documents lack', () => {
    expect(holdsLexiconWord('税起征点', 3)).toBe(true);
    expect(holdsLexiconWord('得赶到', 3)).toBe(false);
    const { concepts } = readConcepts(expandQuery('小微企业增值税起征点是多少'));
    const weighted = weighConcepts(concepts, df(['小微', '企业', '增值']), 100);
    const threshold = weighted.find((c) => c.word?.includes('起征点'))!;
    const firm = weighted.find((c) => c.word === '企业')!;
    expect(threshold.known).toBe(false);
    expect(threshold.weight).toBeGreaterThan(firm.weight);
  });
});

describe('a place with the locative 里', () => {
  it('is where the case is (区里, 县里, 厂里), not a subject, unless a dictionary lists it as a word (公里, 邻里)', () => {
    for (const w of ['区里', '县里', '厂里', '镇里']) expect(isLocative(w, isDictionaryWord), w).toBe(true);
    for (const w of ['公里', '邻里', '英里', '区域', '里程']) expect(isLocative(w, isDictionaryWord), w).toBe(false);
    expect(absentWordFactor('区里')).toBe(1);
  });

  it('weighs as everyday wording when no clause has it, so 区里可以给外资企业发奖励吗 is about 外资企业 and 奖励', () => {
    const { concepts } = readConcepts(expandQuery('区里可以给外资企业发奖励吗'));
    const weighted = weighConcepts(concepts, (t) => (t === '外资' || t === '企业' || t === '奖励' ? 5 : 0), 100);
    const inDistrict = weighted.find((c) => c.word === '区里')!;
    const reward = weighted.find((c) => c.word === '奖励')!;
    expect(inDistrict.weight).toBeLessThan(reward.weight / 2);
  });
});

describe('the general lexicon', () => {
  it('knows real words and two-word compounds, not colloquial fragments', () => {
    expect(isGeneralWord('注册资本')).toBe(true);
    expect(isGeneralWord('钱从')).toBe(false);
    expect(isGeneralCompound('社保缴费')).toBe(true);
    expect(isGeneralCompound('换了')).toBe(false);
  });
});

describe('spelledOutIn', () => {
  it('finds a shortened term spelled out in a clause, in order and close together', () => {
    expect(spelledOutIn('外企', '外商投资企业可以依法')).toBe(true);
    expect(spelledOutIn('法人', '以法定代表人或者主要负责人变更')).toBe(true);
    expect(spelledOutIn('外企', '外国投资者在中国境内的出资、利润、资本收益、资产处置所得等，企业')).toBe(false);
    expect(spelledOutIn('企外', '外商投资企业')).toBe(false);
  });
});

describe('a question asking for a figure, a period or a date', () => {
  it('reads 这几种 as pointing at things, not as asking for a number', async () => {
    const { answerTypeOf, hasAnswerShape } = await import('../../src/search/answer.ts');
    expect(answerTypeOf('工程上除了这几种保证金还能收别的吗')).toBeNull();
    expect(answerTypeOf('几天能办好')).toBe('duration');
    expect(hasAnswerShape('when', '应当于每年3月31日前将上一年度')).toBe(true);
  });
});

describe('the register pairs of querywords.json', () => {
  it('add only words of general Chinese (a word or two-word compound of the lexicon), never a document’s own term', () => {
    for (const e of querywords.register) for (const w of e.add) expect(isGeneralCompound(w), w).toBe(true);
  });

  it('leave the five documents’ vocabulary to the glossary', () => {
    const glossed = new Set(glossary.synonyms.flatMap((s) => [...s.terms, ...s.add]));
    for (const e of querywords.register) for (const w of e.terms) expect(glossed.has(w), w).toBe(false);
  });
});
