/**
 * Questions in words the documents do not use: a word no clause contains reaches the corpus's word
 * that translates the same way (CC-CEDICT, both ways), a clause carrying only the question's subject
 * is still a candidate when it spells out the rest, and characters that are no word anywhere count
 * as the segmenter's fragments. The development documents (tests/eval/dev/docs) serve as the corpus.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { type Concept, coverage, findSynonyms, matchStrength, readConcepts, SYNONYM_CREDIT, weighConcepts, type WeightedConcept } from '../../src/search/evidence.ts';
import { expandQuery } from '../../src/search/expand.ts';
import { keepsSpecificSenses } from '../../src/search/bilingual.ts';
import { DEV_DOCS_DIR } from '../eval/harness.ts';

const dev = createClauseSearch(loadCorpus({ dir: DEV_DOCS_DIR }).clauses);
const top3 = (q: string) => dev.search(q, { limit: 3 }).hits;
const word = (w: string, terms = [w]): Concept => ({ alternatives: [terms], weight: 1, latin: false, word: w });

describe('a question word no clause uses', () => {
  it('reaches the corpus word that translates the same way, when each is among the other’s best synonyms', () => {
    const inCorpus = new Set(['驾驶', '驶证']);
    const concepts = [word('驾照')];
    expect(findSynonyms(concepts, (t) => (inCorpus.has(t) ? 1 : 0))).toEqual(['驾驶', '驶证']);
    expect(concepts[0]!.synonyms).toEqual([['驾驶', '驶证']]);
  });

  it('does not follow a one-way near sense (年假 "annual leave" → 年度 "annual")', () => {
    const concepts = [word('年假')];
    expect(findSynonyms(concepts, (t) => (t === '年度' ? 1 : 0))).toEqual([]);
    expect(concepts[0]!.synonyms).toBeUndefined();
  });

  it('does not reach a word that keeps only part of its specific sense (台商 "Taiwanese businessman" → 外商 "foreign businessman")', () => {
    const concepts = [word('台商')];
    expect(findSynonyms(concepts, (t) => (t === '外商' || t === '商户' ? 1 : 0))).toEqual([]);
    expect(keepsSpecificSenses('台商', '外商')).toBe(false);
    expect(keepsSpecificSenses('外企', '外籍')).toBe(false);
    expect(keepsSpecificSenses('驾照', '驾驶证')).toBe(true);
    expect(keepsSpecificSenses('年报', '年度报告')).toBe(true);
  });

  it('puts the clause about the word’s own subject first, not one about a kindred subject (台商 is no 外商)', () => {
    expect(top3('鼓励台商投资哪些项目')[0]?.text).toContain('鼓励台湾同胞投资者投资下列项目');
  });

  it('is not looked up when the corpus has the word itself', () => {
    const concepts = [word('驾照')];
    expect(findSynonyms(concepts, () => 1)).toEqual([]);
  });

  it('earns a clause with the synonym part of its evidence, not all of it', () => {
    const [w] = weighConcepts([{ ...word('驾照'), synonyms: [['驾驶', '驶证']] }], () => 0, 100);
    expect(coverage([w!], new Set(), '申请换领机动车驾驶证')).toBeCloseTo(SYNONYM_CREDIT, 10);
    expect(coverage([w!], new Set(), '申请换领机动车行驶证')).toBe(0);
  });

  it('finds the clause an everyday question is about: 驾照 → 驾驶证', () => {
    expect(top3('台湾的驾照在宁波能换吗')[0]?.text).toContain('申请换领机动车驾驶证');
  });
});

describe('a clause that carries only the subject of an everyday question', () => {
  it('is a candidate when it spells out the rest (年假 ← 年休假), instead of "no match"', () => {
    expect(top3('刚工作几个月能不能休年假').some((h) => h.text.includes('职工连续工作满12个月以上的'))).toBe(true);
  });
});

describe('characters that are no word anywhere', () => {
  it('count as a fragment of the segmenter, a quarter of a word (户换 in 个体户换老板)', () => {
    const [fragment, subject] = weighConcepts([word('户换'), word('增值税', ['增值', '值税'])], () => 0, 100);
    expect(fragment!.weight).toBeCloseTo(subject!.weight / 4, 5);
  });

  it('count as a fragment when the segmenter read them one by one, even if the corpus has a bigram of them', () => {
    const run: Concept = { ...word('户不交', ['户不', '不交']), singleRun: true };
    const [fragment, whole] = weighConcepts([run, { ...run, singleRun: false }], (t) => (t === '户不' ? 1 : 0), 100);
    expect(fragment!.weight).toBeCloseTo(whole!.weight / 4, 5);
  });

  it('count as a fragment when they are a rare word of two everyday characters (中新 in 过程中新搞的, 占地 in 不新占地)', () => {
    const [loose, land, rare, subject] = weighConcepts([word('中新'), word('占地'), word('猎头'), word('增值税', ['增值', '值税'])], () => 0, 100);
    expect(loose!.weight).toBeCloseTo(subject!.weight / 4, 5);
    expect(land!.weight).toBeCloseTo(subject!.weight / 4, 5);
    // 猎 is no everyday word: 猎头 is a subject the documents lack, counted in full.
    expect(rare!.weight).toBeCloseTo(subject!.weight, 5);
  });

  it('leave the questions the documents do not answer refused', () => {
    for (const q of ['工作满10年的职工每年年假有几天', '如何申请护照', '小微企业增值税起征点是多少']) {
      expect(dev.search(q).status, q).toBe('no_match');
    }
  });
});

describe('"no match" from the strength of the best clause', () => {
  const concept = (w: string, weight: number, known: boolean): WeightedConcept => ({ alternatives: [[w]], weight, known, word: w });

  it('is strongest for a clause that has every word of the question as such', () => {
    const all = [concept('调解', 3, true), concept('费用', 4, true)];
    expect(matchStrength(all, new Set(['调解', '费用']), '调解费用', 1)).toBe(2);
  });

  it('counts one big missing subject against a clause more than everyday words it puts differently', () => {
    const covered = concept('检测', 4, true);
    const oneSubject = [covered, concept('增值税', 4, false)];
    const twoEveryday = [covered, concept('送去', 2, false), concept('老板', 2, false)];
    const text = '检测所需费用';
    const cov = 0.5;
    expect(matchStrength(oneSubject, new Set(['检测']), text, cov)).toBeLessThan(matchStrength(twoEveryday, new Set(['检测']), text, cov));
  });

  it('answers everyday paraphrases the documents answer, and refuses in-domain questions they do not', () => {
    for (const q of ['产品送去检测的费用谁出', '台胞的孩子在宁波上学怎么办']) expect(dev.search(q).status, q).toBe('ok');
    expect(top3('产品送去检测的费用谁出').some((h) => h.text.includes('所需费用由投诉人和被投诉人协商一致承担'))).toBe(true);
    for (const q of ['个体户注册资本最低要多少', '小微企业增值税起征点是多少']) expect(dev.search(q).status, q).toBe('no_match');
  });
});

describe('a colloquial word for a subject (querywords.json, register)', () => {
  it('is read as a word of the question satisfied by either register: 商家 | 经营者', () => {
    const part = expandQuery('商家不来参加调解会怎么样').parts.find((p) => p.kind === 'register');
    expect(part).toEqual({ kind: 'register', text: '商家', add: ['经营者'] });
    const { concepts } = readConcepts(expandQuery('商家不来参加调解会怎么样'));
    expect(concepts.find((c) => c.word === '商家')).toMatchObject({ alternatives: [['商家'], ['经营', '营者']], register: true });
  });

  it('weighs as its commonest wording the corpus has, so the rarer colloquial form does not outweigh the clause’s word', () => {
    const df = (t: string) => ({ 公司: 2, 企业: 60 })[t] ?? 0;
    const [company] = weighConcepts([{ alternatives: [['公司'], ['企业']], weight: 1, latin: false, word: '公司', register: true }], df, 100);
    const [enterprise] = weighConcepts([word('企业')], df, 100);
    expect(company!.weight).toBeCloseTo(enterprise!.weight, 5);
  });

  it('weighs as the everyday word it is when the corpus has only the official wording (一起 for 共同)', () => {
    const df = (t: string) => (t === '共同' ? 5 : 0);
    const [together] = weighConcepts([{ alternatives: [['一起'], ['共同']], weight: 1, latin: false, word: '一起', register: true }], df, 100);
    const [jointly] = weighConcepts([word('共同')], df, 100);
    expect(together!.weight).toBeLessThan(jointly!.weight / 2);
  });

  it('is what a 什么时候 question asks about when it asks when a rule takes effect (开始施行 | 施行): the enactment clause comes first', () => {
    const { concepts } = readConcepts(expandQuery('上海市外商投资条例什么时候开始施行'));
    expect(concepts.some((c) => c.word === '开始施行' && c.register)).toBe(true);
    expect(top3('上海市外商投资条例什么时候开始施行')[0]?.text).toMatch(/^本条例自.*起施行/);
  });

  it('finds the clause the everyday question is about, in the official register', () => {
    expect(top3('商家不来参加调解会怎么样')[0]?.text).toContain('不参加调解');
    expect(top3('离职的时候年假没休完怎么办')[0]?.text).toContain('解除或者终止劳动合同');
  });
});
