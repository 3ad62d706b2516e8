/**
 * Bridges from a question word no clause uses to the corpus's own wording (bridges.ts): an
 * abbreviation reaches the lexicon word that spells it out where the corpus writes that word, and
 * a multiple or share in words reaches the percentage or digits the texts use. A bridge is evidence,
 * but counts less than the word as typed, and a word the corpus has is never bridged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { ABBREVIATION_CREDIT, bridgeConcepts, CHARACTER_CREDIT, characterForms, corpusSpellings, bridgesOf, complementVerb, loneCharacterWords, QUANTITY_CREDIT, quantityForms, spelledOutForms, textsHolding, VERB_CREDIT, verbForms } from '../../src/search/bridges.ts';
import { type Concept, coverage, weighConcepts } from '../../src/search/evidence.ts';
import { queryTerms } from '../../src/search/tokenize.ts';
import { characterSynonyms } from '../../src/search/characterSynonyms.ts';

/** A corpus of plain texts, as the bridges see it: document frequencies of the index terms. */
function corpusOf(texts: string[]) {
  const df = new Map<string, number>();
  for (const t of texts) for (const term of new Set(queryTerms(t))) df.set(term, (df.get(term) ?? 0) + 1);
  const corpus = {
    df: (term: string) => df.get(term) ?? 0,
    textsWith: (terms: readonly string[], max: number) => texts.filter((t) => terms.every((x) => queryTerms(t).includes(x))).slice(0, max),
    bigramsStartingWith: (ch: string) => [...df.keys()].filter((t) => t.length === 2 && t.startsWith(ch)),
  };
  return { ...corpus, spellingsOf: (word: string) => corpusSpellings(word, corpus) };
}

describe('an abbreviation (简称) the corpus spells out', () => {
  it('may stand for a lexicon word with the same first character, its characters in order, a little longer', () => {
    const forms = spelledOutForms('年假');
    expect(forms).toContain('年休假');
    for (const f of forms) {
      expect(f[0]).toBe('年');
      expect(f.length - 2).toBeGreaterThanOrEqual(1);
      expect(f.length - 2).toBeLessThanOrEqual(2);
      expect(f.indexOf('假')).toBeGreaterThan(0);
    }
  });

  it('is not looked for from a single character or from Latin letters', () => {
    expect(spelledOutForms('年')).toEqual([]);
    expect(spelledOutForms('vat')).toEqual([]);
  });

  it('is bridged to the spelled-out word when the corpus writes it', () => {
    const corpus = corpusOf(['职工连续工作满12个月以上的，享受带薪年休假。']);
    expect(bridgesOf('年假', corpus)).toEqual([{ form: '年休假', terms: ['年休', '休假'], by: 'terms', credit: ABBREVIATION_CREDIT }]);
  });

  it('is not bridged when the corpus has the spelled-out word’s terms only apart, never written together', () => {
    const corpus = corpusOf(['年休制度', '休假安排']);
    expect(bridgesOf('年假', corpus)).toEqual([]);
  });

  it('is not looked for from an everyday word (工人 is no short 工作人员) or a fragment no lexicon has (每度 from 每度电)', () => {
    expect(bridgesOf('工人', corpusOf(['工作人员应当依法履职']))).toEqual([]);
    expect(bridgesOf('每度', corpusOf(['每季度报送一次']))).toEqual([]);
  });

  it('is not bridged when the corpus uses the word itself', () => {
    const corpus = corpusOf(['年假和年休假']);
    expect(bridgesOf('年假', corpus)).toEqual([]);
  });
});

describe('an abbreviation no lexicon word spells out (台资)', () => {
  const texts = ['台湾同胞投资企业依法享有经营管理自主权。', '不得对台湾同胞投资企业另列收费项目。', '台湾同胞投资者可以依法汇回投资收益。'];

  it('is bridged to the run of characters the corpus writes it as, in more than one clause', () => {
    expect(bridgesOf('台资', corpusOf(texts))).toEqual([
      { form: '台湾同胞投资', terms: ['台湾', '湾同', '同胞', '胞投', '投资'], by: 'terms', credit: ABBREVIATION_CREDIT },
    ]);
  });

  it('is not bridged to a run found in one clause only', () => {
    expect(bridgesOf('台资', corpusOf(texts.slice(0, 1)))).toEqual([]);
  });

  it('is not bridged to a run with a function character inside (额外 is no 额度以外) or starting inside a word (动工 is no 劳动用工)', () => {
    expect(bridgesOf('额外', corpusOf(['超出限额以外的部分', '定额以外的费用']))).toEqual([]);
    expect(bridgesOf('动工', corpusOf(['规范劳动用工管理', '加强劳动用工监督']))).toEqual([]);
  });
});

describe('a multiple or a share typed in words', () => {
  it('is written as a percentage and in digits', () => {
    expect(quantityForms('三倍')).toEqual(['300%', '3倍']);
    expect(quantityForms('双倍')).toEqual(['200%', '2倍']);
    expect(quantityForms('3倍')).toEqual(['300%']);
    expect(quantityForms('一半')).toEqual(['50%']);
    expect(quantityForms('百分之三百')).toEqual(['300%']);
  });

  it('reads tenths as speech counts them (一成 "one tenth", 三成) as the percentage a law writes, in digits or in words', () => {
    expect(quantityForms('一成')).toEqual(['10%', '百分之十']);
    expect(quantityForms('三成')).toEqual(['30%', '百分之三十']);
    // Not a word ending in 成 that is no count of tenths (完成, 建成, 赞成).
    for (const w of ['完成', '建成', '赞成', '成本']) expect(quantityForms(w), w).toEqual([]);
  });

  it('finds tenths in the question however the segmenter cut them (超了一成多 → 百分之十)', () => {
    const corpus = corpusOf(['项目预算超过批复概算百分之十以上的，应当重新编制概算']);
    const concepts: Concept[] = [{ alternatives: [['一成']], weight: 1, latin: false, word: '一成' }];
    bridgeConcepts(concepts, corpus, '工程预算比批下来的概算超了一成多');
    expect(concepts[0]!.bridges?.map((b) => b.form)).toContain('百分之十');
    expect(weighConcepts(concepts, corpus.df, 1)[0]!.known).toBe(true);
  });

  it('has no other form when it is no number (加倍, 倍数) or not a quantity at all', () => {
    expect(quantityForms('加倍')).toEqual([]);
    expect(quantityForms('倍数')).toEqual([]);
    expect(quantityForms('年假')).toEqual([]);
  });

  it('is bridged to the form a clause writes, and counts only on a clause whose text has it', () => {
    const corpus = corpusOf(['按照日工资收入的300%支付', '按照200%支付加班工资']);
    const [bridge] = bridgesOf('三倍', corpus);
    expect(bridge).toMatchObject({ form: '300%', by: 'text', credit: QUANTITY_CREDIT });
    const concept: Concept = { alternatives: [['三倍']], weight: 1, latin: false, word: '三倍', bridges: [bridge!] };
    const [w] = weighConcepts([concept], corpus.df, 2);
    expect(coverage([w!], new Set(['300']), '按照日工资收入的300%支付')).toBe(QUANTITY_CREDIT);
    expect(coverage([w!], new Set(['300']), '年耗电300万千瓦时')).toBe(0);
  });
});

describe('a bridged word in the evidence', () => {
  const bridged = (): Concept[] => [{ alternatives: [['年假']], weight: 1, latin: false, word: '年假' }];

  it('earns a clause with the bridged wording less than the word as typed would', () => {
    const corpus = corpusOf(['职工享受带薪年休假']);
    const concepts = bridged();
    expect(bridgeConcepts(concepts, corpus)).toEqual(['年休', '休假']);
    const [w] = weighConcepts(concepts, corpus.df, 1);
    const credit = coverage([w!], new Set(['年休', '休假']));
    expect(credit).toBeCloseTo(ABBREVIATION_CREDIT, 9);
    expect(credit).toBeLessThan(1);
  });

  it('counts as a word the corpus uses, so it is not a missing subject', () => {
    const corpus = corpusOf(['职工享受带薪年休假']);
    const concepts = bridged();
    bridgeConcepts(concepts, corpus);
    expect(weighConcepts(concepts, corpus.df, 1)[0]!.known).toBe(true);
    expect(weighConcepts(bridged(), corpus.df, 1)[0]!.known).toBe(false);
  });
});

describe('a verb with a complement (冻住, 销掉) the corpus writes as a two-character word', () => {
  it('is read as its verb character when the second character is a complement or an aspect particle', () => {
    expect(complementVerb('冻住')).toBe('冻');
    expect(complementVerb('销掉')).toBe('销');
    expect(complementVerb('收走')).toBe('收');
  });

  it('is no everyday word of its own (马上, 以上), no complement after a complement, and no other shape', () => {
    expect(complementVerb('马上')).toBeNull();
    expect(complementVerb('以上')).toBeNull();
    expect(complementVerb('上来')).toBeNull();
    expect(complementVerb('冻结')).toBeNull();
    expect(complementVerb('冻')).toBeNull();
    expect(verbForms('冻结')).toEqual([]);
  });

  it('stands for the lexicon’s two-character words holding the verb, none with a complement', () => {
    const forms = verbForms('冻住');
    expect(forms).toContain('冻结');
    for (const f of forms) {
      expect(f.length).toBe(2);
      expect(f).toContain('冻');
      expect(f).not.toMatch(/[住掉走上下了]/);
    }
  });

  it('earns a clause writing such a word a little, and stays a word no clause uses', () => {
    const corpus = corpusOf(['专用账户资金不得被查封、冻结或者划拨']);
    const concepts: Concept[] = [{ alternatives: [['冻住']], weight: 1, latin: false, word: '冻住' }];
    expect(bridgesOf('冻住', corpus).map((b) => b.form)).toEqual(['冻结']);
    expect(bridgeConcepts(concepts, corpus)).toEqual(['冻结']);
    const [w] = weighConcepts(concepts, corpus.df, 1);
    expect(coverage([w!], new Set(['冻结']))).toBeCloseTo(VERB_CREDIT, 9);
    expect(w!.known).toBe(false);
  });
});

describe('the clauses a wording may be written in', () => {
  const texts = ['享受带薪年休假', '年休制度和休假安排', '年度计划'];
  const sets = new Map<string, Set<number>>([
    ['年休', new Set([0, 1])],
    ['休假', new Set([0, 1])],
    ['年度', new Set([2])],
  ]);
  const holding = (terms: string[], max = 5) => textsHolding(terms, max, (t) => sets.get(t), (i) => texts[i]!);
  it('are those holding every one of its terms, at most as many as asked for', () => {
    expect(holding(['年休', '休假'])).toEqual(['享受带薪年休假', '年休制度和休假安排']);
    expect(holding(['年休', '休假'], 1)).toEqual(['享受带薪年休假']);
    expect(holding(['年休', '年度'])).toEqual([]);
  });
  it('are not known when every term is too common to be listed', () => {
    expect(holding(['工作', '单位'])).toBeNull();
  });
});

describe('search with bridges', () => {
  const clause = (path: string, text: string): Clause => ({ docId: 'leave', docNo: null, title: '带薪年休假实施办法', path, heading: '', text, units: [] });
  const search = createClauseSearch([
    clause('第三条', '职工连续工作满12个月以上的，享受带薪年休假。'),
    clause('第十条', '用人单位经职工同意不安排年休假的，应当按照其日工资收入的300%支付未休年休假工资报酬。'),
    clause('第十一条', '法定节假日用人单位安排劳动者加班的，应当支付不低于工资的200%的工资报酬。'),
    clause('第十二条', '用人单位应当按月支付劳动者工资，不得克扣。'),
  ]);

  it('answers a question in the abbreviation alone (年假) with the clauses that spell it out, instead of "no match"', () => {
    const out = search.search('年假');
    expect(out.status).toBe('ok');
    expect(out.hits.slice(0, 2).map((h) => h.path).sort()).toEqual(['第三条', '第十条']);
  });

  it('answers a multiple typed in words with the clause that writes it as a percentage (三倍 → 300%, 两倍 → 200%)', () => {
    expect(search.search('单位给三倍工资吗').hits[0]?.path).toBe('第十条');
    expect(search.search('加班给两倍工资吗').hits[0]?.path).toBe('第十一条');
  });

  it('does not answer a question whose subject no clause has in any wording', () => {
    expect(search.search('增值税起征点是多少').status).toBe('no_match');
  });
});

describe('search with an abbreviation the corpus spells out its own way', () => {
  const clause = (path: string, text: string): Clause => ({ docId: 'tw', docNo: null, title: '台湾同胞投资保护办法', path, heading: '', text, units: [] });
  const clauses = [
    clause('第十三条', '台湾同胞投资企业可以在境内外聘用经营管理人员和招收员工。'),
    clause('第十五条', '台湾同胞投资者依法获得的投资收益，可以依法汇回台湾或者汇往境外。'),
    clause('第十八条', '任何部门或者单位不得对台湾同胞投资企业另列收费项目或者擅自提高收费标准。'),
    clause('第二十条', '登记机关接收年度报告不得收取任何费用。'),
  ];

  it('answers a question in the abbreviation alone (台资) with the clauses that write it out, in memory and from a persisted index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-bridges-test-'));
    try {
      createClauseSearch(clauses, { cacheDir: dir }).close();
      for (const search of [createClauseSearch(clauses), createClauseSearch(clauses, { cacheDir: dir })]) {
        const out = search.search('台资');
        expect(out.status).toBe('ok');
        expect(out.hits.slice(0, 3).map((h) => h.path).sort()).toEqual(['第十三条', '第十五条', '第十八条']);
        search.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a share or multiple the segmenter cuts apart (百分之二 → 百分 + 之二)', () => {
  const clause = (path: string, text: string): Clause => ({ docId: 'reward', docNo: null, title: '举报奖励办法', path, heading: '', text, units: [] });
  const search = createClauseSearch([
    clause('第八条', '举报属实的，按照罚没金额的2%给予举报人奖励。'),
    clause('第九条', '举报人的奖励金额按照罚没金额的5%计算，最高不超过10万元。'),
    clause('第十条', '对举报人的个人信息应当予以保密。'),
  ]);

  it('is read from the question’s text, so the clause writing it as a percentage answers', () => {
    expect(search.search('按罚没金额的百分之二奖励吗').hits[0]?.path).toBe('第八条');
    expect(search.search('奖励是罚没金额的百分之五吗').hits[0]?.path).toBe('第九条');
  });

  it('is given to the question words it was cut into', () => {
    const concepts: Concept[] = [
      { alternatives: [['百分']], weight: 1, latin: false, word: '百分' },
      { alternatives: [['之二']], weight: 1, latin: false, word: '之二' },
      { alternatives: [['奖励']], weight: 1, latin: false, word: '奖励' },
    ];
    bridgeConcepts(concepts, corpusOf(['按照罚没金额的2%给予奖励']), '按罚没金额的百分之二奖励');
    expect(concepts.map((c) => c.bridges?.map((b) => b.form) ?? [])).toEqual([['2%'], ['2%'], []]);
  });
});

describe('a verb and its object the texts contract to one word (贴点利息 → 贴息)', () => {
  const corpus = corpusOf(['通过财政贴息、风险补偿等方式，加大对企业技术改造的融资支持', '可以实行特岗特薪、特职特聘', '没收违法所得']);
  const bridged = (query: string, word: string) => {
    const concepts: Concept[] = [{ alternatives: [queryTerms(word)], weight: 1, latin: false, word }];
    bridgeConcepts(concepts, corpus, query);
    return concepts[0]!.bridges ?? [];
  };

  it('reaches the word of the verb character and a character of the object, as a guess', () => {
    expect(bridged('贷款搞技改，政府能不能帮着贴点利息？', '利息').map((b) => b.form)).toEqual(['贴息']);
    expect(bridged('贷款搞技改，政府能不能帮着贴点利息？', '利息')[0]).toMatchObject({ terms: ['贴息'], guess: true });
    expect(bridged('能不能特事特办地聘用？', '聘用').map((b) => b.form)).toEqual(['特聘']);
  });

  it('takes no negation, and no character ending a word with the one before it', () => {
    expect(bridged('共享单车乱停没人收拾', '收拾')).toEqual([]);
    expect(bridged('举报的人先收拾', '收拾')).toEqual([]);
  });

  it('gives the verb a clause writing the contracted word the search ranks', () => {
    const clause = (path: string, text: string): Clause => ({ docId: 'jg', docNo: null, title: '企业技术改造促进条例', path, heading: '', text, units: [] });
    const clauses = [
      clause('第十七条', '鼓励金融机构加大对企业贷款的支持，降低企业融资利率。'),
      clause('第二十七条', '引导金融机构加大对企业技术改造的融资支持力度，通过财政贴息、风险补偿等方式，支持企业技术改造。'),
      clause('第三十条', '财政扶持资金应当专款专用，不得挪作他用。'),
    ];
    const search = createClauseSearch(clauses, { matchDecision: () => true });
    expect(search.search('政府能不能帮着贴点利息').hits[0]?.path).toBe('第二十七条');
  });
});

describe('a noun character no clause writes, named by the texts with another (狗 → 犬)', () => {
  const corpus = corpusOf([
    '个人养犬的，每户限养一只。',
    '携犬出户的，应当为犬只佩戴电子标识牌，小型犬只用长度不超过两米的犬绳牵引。',
    '携犬出户不即时清理犬粪的，处十元以上五十元以下罚款。',
  ]);

  it('has the noun characters of its first CC-CEDICT sense as synonyms, never a verb or a function word', () => {
    expect(characterSynonyms('狗')).toContain('犬');
    expect(characterSynonyms('拿')).toEqual([]);
    expect(characterSynonyms('这')).toEqual([]);
  });

  it('has none of more senses than that one, over all its readings (世 "life; age; world": 去世 is no 生命)', () => {
    expect(characterSynonyms('世')).toEqual([]);
    expect(characterSynonyms('署')).toEqual([]);
    expect(characterSynonyms('局')).toEqual([]);
    expect(characterSynonyms('孩')).not.toContain('儿');
  });

  it('reaches the word with the character replaced and the corpus terms starting with the synonym, as a guess', () => {
    const forms = characterForms('养狗', corpus);
    expect(forms[0]).toEqual({ form: '养犬', terms: ['养犬'], by: 'terms', credit: CHARACTER_CREDIT, guess: true });
    expect(characterForms('狗屎', corpus).map((b) => b.form)).toEqual(expect.arrayContaining(['犬粪', '犬只', '犬绳']));
  });

  it('reaches nothing when the corpus writes the character itself or not its synonym either', () => {
    expect(characterForms('养狗', corpusOf(['养狗的人应当拴好狗绳']))).toEqual([]);
    expect(characterForms('养狗', corpusOf(['电梯应当定期维护保养']))).toEqual([]);
  });

  it('is a word of the question when it stands alone (几条狗), unless a word of the question holds it', () => {
    expect(loneCharacterWords('城区里一户人家最多能养几条狗', ['城区', '人家'], corpus)).toEqual(['狗']);
    expect(loneCharacterWords('遛狗不捡狗屎罚多少', ['遛狗', '狗屎'], corpus)).toEqual([]);
    expect(loneCharacterWords('一户人家最多能养几条狗', [], corpusOf(['电梯应当定期维护保养']))).toEqual([]);
  });

  it('lets a question saying 狗 find the clause of a regulation that writes 犬', () => {
    const clause = (path: string, text: string): Clause => ({ docId: 'dog', docNo: null, title: '养犬管理条例', path, heading: '', text, units: [] });
    const clauses = [
      clause('第五条', '公安机关是养犬管理工作的主管部门，负责养犬登记，管理犬只收容场所，捕捉流浪犬。'),
      clause('第十九条', '携犬出户的，应当为犬只佩戴电子标识牌，小型犬只用长度不超过两米的犬绳牵引。'),
      clause('第三十五条', '携犬出户不即时清理犬粪的，责令改正，处十元以上五十元以下罚款。'),
      clause('第十二条', '在重点管理区，个人养犬的，每户限养一只。'),
      clause('第四十条', '电梯维护保养单位应当每十五日进行一次维护保养。'),
    ];
    const search = createClauseSearch(clauses, { matchDecision: () => true });
    expect(search.search('遛狗不捡狗屎罚多少').hits[0]?.path).toBe('第三十五条');
    expect(['第五条', '第十二条', '第十九条', '第三十五条']).toContain(search.search('一户人家最多能养几条狗').hits[0]?.path);
  });
});
