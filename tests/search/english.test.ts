/**
 * English questions about documents nobody wrote a glossary for: how an English question is read
 * (question words, contractions, everyday words) and how its words reach the Chinese wording of the
 * corpus through CC-CEDICT. The development documents (tests/eval/dev/docs) serve as the corpus.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch, getDefaultSearch } from '../../src/search/index.ts';
import { answerTypeOf } from '../../src/search/answer.ts';
import { agentTranslations, COMPOUND_PART_WEIGHT, verbOfNoun, englishAbsentFactor, englishTranslations, phraseKey, phraseTranslations, relatedStems, stemEnglish, translateEnglish, withCommonStems, withoutNarrowerSenses } from '../../src/search/bilingual.ts';
import { englishRun, readConcepts } from '../../src/search/evidence.ts';
import { englishQuestionCue, expandContractions, expandQuery } from '../../src/search/expand.ts';
import { toAmericanSpelling } from '../../src/search/englishSpelling.ts';
import { queryTerms } from '../../src/search/tokenize.ts';
import { DEV_DOCS_DIR } from '../eval/harness.ts';

const dev = createClauseSearch(loadCorpus({ dir: DEV_DOCS_DIR }).clauses);
const top3 = (q: string) => dev.search(q, { limit: 3 }).hits.map((h) => h.text);

describe('reading an English question', () => {
  it('expands contractions before any word is looked up (no "won" or "t" fragments)', () => {
    expect(expandContractions("where do i complain if they won't pay")).toBe('where do i complain if they will not pay');
    expect(expandContractions('the contract doesn’t set one')).toBe('the contract does not set one');
    expect(expandContractions("foreign investors' trade secrets and the company's boss")).toBe('foreign investors trade secrets and the company boss');
    expect(expandContractions('no apostrophe here')).toBe('no apostrophe here');
    // A question word's 's is "is", not a possessive: "what's the penalty" asks as "what is the penalty" does.
    expect(expandContractions("what's the penalty, and who's responsible if there's a fee?")).toBe('what is the penalty, and who is responsible if there is a fee?');
    expect(englishQuestionCue("What's the penalty for lending a licence?")).toBe(englishQuestionCue('What is the penalty for lending a licence?'));
  });

  it('reads British spellings as American ones, the spelling of the dictionary and the frequency list', () => {
    expect(toAmericanSpelling('labour contract licence organisation programme')).toBe('labor contract license organization program');
    expect(toAmericanSpelling('licences were authorised')).toBe('licenses were authorized');
    // Words spelt alike in both, and Chinese, are left alone.
    expect(toAmericanSpelling('enterprise exercise 营业执照')).toBe('enterprise exercise 营业执照');
    expect(expandQuery('business licence').normalized).toBe('business license');
  });

  it('finds the same clauses for a question in British spelling as in American spelling', () => {
    expect(top3('Where do I apply for a business licence?')).toEqual(top3('Where do I apply for a business license?'));
    expect(top3('Where do I apply for a business licence?').length).toBeGreaterThan(0);
  });

  it('reads English question words as the Chinese cues of lookup questions', () => {
    expect(englishQuestionCue('How long does a big company have to pay?')).toBe('多久');
    expect(englishQuestionCue('How many days does an agency have?')).toBe('多久');
    expect(englishQuestionCue('How much is the deposit?')).toBe('多少');
    expect(englishQuestionCue('When did the rules take effect?')).toBe('什么时候');
    expect(englishQuestionCue('Who leads the task force?')).toBe('谁');
    expect(answerTypeOf('How long does a big company have to pay a small supplier?')).toBe('duration');
    expect(answerTypeOf('Which department handles complaints?')).toBe('who');
  });

  it('takes "when" and "who" as question words only at the start, not as conjunctions', () => {
    expect(englishQuestionCue('What interest rate applies when the contract does not set one?')).toBe('');
    expect(answerTypeOf('What interest rate applies when the contract does not set one?')).toBeNull();
  });

  it('reads a question word that opens a sentence after a greeting as opening the question', () => {
    expect(englishQuestionCue('Hi, where can a foreign-invested enterprise file a complaint?')).toBe('哪里');
    expect(englishQuestionCue('Thanks. When did the rules take effect?')).toBe('什么时候');
    expect(englishQuestionCue('Could you tell me when the rules took effect?')).toBe('什么时候');
    expect(englishQuestionCue('I would like to know who leads the task force')).toBe('谁');
    // Still not a conjunction inside a clause, nor a consequence question's "when".
    expect(englishQuestionCue('What happens when the contract ends?')).toBe('会怎么样');
    expect(expandQuery('Hello, can a government project require advance funds?').parts.find((p) => p.text === 'can')).toMatchObject({ kind: 'everyday' });
    // Greetings and thanks are no subject: the same clauses come first with or without them.
    for (const q of ['Where can a foreign-invested enterprise file a complaint?', 'Can a government project require the contractor to advance funds?']) {
      expect(top3(`Hi, ${q} Thanks!`), q).toEqual(top3(q));
      expect(top3(`Could you tell me ${q[0]!.toLowerCase()}${q.slice(1)}`), q).toEqual(top3(q));
    }
  });

  it('treats question scaffolding as filler, never as a subject the clause must contain', () => {
    const parts = expandQuery('Is there a fast track for big projects?').parts;
    expect(parts[0]).toMatchObject({ kind: 'everyday', text: 'is there' });
    expect(expandQuery('Do I have to pay?').parts[0]).toMatchObject({ kind: 'everyday' });
  });

  it('reads English function words (their, they, very) with their neighbours, never as a subject', () => {
    const words = (q: string) => readConcepts(expandQuery(q)).concepts.map((c) => c.alternatives[0]![0]);
    expect(words('Can Taiwan investors remit their profits back home?')).not.toContain('their');
    expect(words('Is the deposit very high?')).not.toContain('very');
    expect(words('Do they have to publish the list?')).not.toContain('they');
    expect(words('Can Taiwan investors remit their profits back home?')).toEqual(expect.arrayContaining(['taiwan', 'investors', 'remit', 'profits']));
    // A light verb stays: it heads phrases the dictionary translates whole (take effect → 施行).
    expect(words('When do the rules take effect?')).toContain('take');
    // A function word inside a phrase still lets the phrase be read whole.
    expect(readConcepts(expandQuery('chamber of commerce')).concepts[0]!.englishRun!.words).toEqual(['chamber', 'of', 'commerce']);
  });

  it('reads "Can …?" as asking what is permitted: ranks by 可以 / 不得 without requiring either', () => {
    const can = expandQuery('Can a buyer force me to take bills?');
    expect(can.parts[0]).toMatchObject({ kind: 'everyday', text: 'can', add: ['可以', '不得'] });
    const read = readConcepts(can);
    expect(read.weights.get('不得')).toBeLessThan(1);
    expect(read.concepts.some((c) => c.alternatives.some((a) => a.includes('不得')))).toBe(false);
    // Only as the question's first word: "… the buyer can wait" is no permission question.
    expect(expandQuery('how long the buyer can wait').parts.some((p) => p.text === 'can')).toBe(false);
    expect(expandQuery('Is it allowed to charge a deposit?').parts[0]).toMatchObject({ kind: 'everyday', add: ['可以', '不得'] });
  });

  it('reads a rule "in force" or "remaining valid" as the texts word it: 施行 and 有效期, ranking only', () => {
    const parts = expandQuery('How long does the reward rule stay in force?').parts;
    expect(parts.some((p) => p.kind === 'everyday' && p.text === 'stay in force' && p.add.includes('有效期'))).toBe(true);
    const read = readConcepts(expandQuery('How long does the reward rule stay in force?'));
    expect(read.weights.get('有效')).toBeLessThan(1);
    expect(read.concepts.some((c) => c.alternatives.some((a) => a.includes('有效')))).toBe(false);
  });
});

describe('how much an English word is a subject', () => {
  it('weighs everyday English words little and subject words fully (SUBTLEX-US frequency)', () => {
    for (const w of ['big', 'keep', 'take', 'late']) expect(englishAbsentFactor(w), w).toBeLessThan(0.5);
    for (const w of ['visa', 'vat', 'pizza', 'arbitration']) expect(englishAbsentFactor(w), w).toBe(1);
    expect(englishAbsentFactor('qwzxv')).toBe(1);
  });
});

describe('a place named in English', () => {
  it('is the place its pinyin spells (Ningbo → 宁波, Kaifeng → 开封, Jincheng → 晋城), however CC-CEDICT describes it', () => {
    expect(englishTranslations('ningbo')[0]!.zh).toBe('宁波');
    expect(englishTranslations('kaifeng')[0]!.zh).toBe('开封');
    expect(englishTranslations('jincheng')[0]!.zh).toBe('晋城');
    // One syllable spells no place: "he" stays an English word.
    expect(englishTranslations('he').some((t) => t.zh === '河')).toBe(false);
  });

  it("selects that place's document: 'When does the Ningbo work safety regulation take effect?'", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-place-'));
    writeFileSync(join(dir, 'ningbo.txt'), '宁波市生产经营单位安全生产主体责任规定\n\n第一条 为了落实安全生产责任，制定本规定。\n\n第二条 本规定自2021年7月1日起施行。\n');
    writeFileSync(join(dir, 'kaifeng.txt'), '开封市优化营商环境条例\n\n第一条 为了优化营商环境，制定本条例。\n\n第二条 本条例自2022年2月1日起施行。\n');
    const search = createClauseSearch(loadCorpus({ dir }).clauses);
    const hits = search.search('When does the Ningbo work safety regulation take effect?', { limit: 3 }).hits;
    expect(hits[0]!.text).toBe('本规定自2021年7月1日起施行。');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('choosing among CC-CEDICT translations', () => {
  it('scores a headword whose sense is the word above one with many competing senses', () => {
    const pay = englishTranslations('pay').map((t) => t.zh);
    expect(pay.indexOf('支付')).toBeGreaterThanOrEqual(0);
    expect(pay.indexOf('支付')).toBeLessThan(pay.indexOf('工资'));
    expect(englishTranslations('wheat')[0]?.zh).toBe('小麦');
  });

  it('counts the word most of a word’s compounds open with as its translation (technical → 技术 of 技术性, 技术人员 …)', () => {
    // CC-CEDICT glosses 技术 "technology; technique; skill", never "technical".
    expect(englishTranslations('technical').map((t) => t.zh)).not.toContain('技术');
    const technical = withCommonStems(englishTranslations('technical')).map((t) => t.zh);
    expect(technical.indexOf('技术')).toBeGreaterThanOrEqual(0);
    expect(technical.indexOf('技术')).toBeLessThan(3);
    expect(withCommonStems(englishTranslations('tourist')).slice(0, 5).map((t) => t.zh)).toContain('旅游');
    // A word whose compounds open in many ways gains nothing.
    expect(withCommonStems(englishTranslations('pay'))).toEqual(englishTranslations('pay'));
  });

  it('meets a word’s forms at one stem, irregular ones included (applied, applies → apply; paid → pay)', () => {
    expect(stemEnglish('applied')).toBe(stemEnglish('apply'));
    expect(stemEnglish('applies')).toBe(stemEnglish('apply'));
    expect(stemEnglish('paid')).toBe(stemEnglish('pay'));
    expect(stemEnglish('taken')).toBe(stemEnglish('takes'));
    expect(englishTranslations('paid').map((t) => t.zh)).toContain('支付');
  });

  it('reads pronouns and auxiliary forms as no subject (us, someone, anything, got)', () => {
    const words = readConcepts(expandQuery('Has someone got anything to tell us about it?')).concepts.map((c) => c.alternatives[0]![0]);
    for (const w of ['us', 'someone', 'anything', 'got', 'has']) expect(words).not.toContain(w);
  });

  it('keeps a noun in -s that is no plural apart from the word without it (news, customs, goods)', () => {
    expect(stemEnglish('news')).not.toBe(stemEnglish('new'));
    expect(englishTranslations('new').map((t) => t.zh)).not.toContain('新闻');
    expect(englishTranslations('news')[0]!.zh).toBe('新闻');
    expect(englishTranslations('customs')[0]!.zh).toBe('海关');
  });

  it('reaches a translation through another form of the word when the word has none in the corpus', () => {
    expect(relatedStems(stemEnglish('complain'))).toContain(stemEnglish('complaint'));
    expect(relatedStems(stemEnglish('payment'))).toContain(stemEnglish('pay'));
    // -er verbs take -ration: registration reaches 登记, which CC-CEDICT glosses only as "to register".
    expect(relatedStems(stemEnglish('registration'))).toContain(stemEnglish('register'));
    expect(relatedStems(stemEnglish('administer'))).toContain(stemEnglish('administration'));
    // An adverb is read through its adjective, which CC-CEDICT glosses (directly → direct: 直接).
    expect(relatedStems(stemEnglish('directly'))).toContain(stemEnglish('direct'));
    expect(relatedStems(stemEnglish('reasonably'))).toContain(stemEnglish('reasonable'));
    expect(relatedStems(stemEnglish('temporarily'))).toContain(stemEnglish('temporary'));
    const investment = createClauseSearch(
      [
        ['第十条', '政府投资项目采用直接投资、资本金注入、投资补助和贷款贴息等投资方式。'],
        ['第十一条', '市直属单位的政府投资项目由市发展改革部门审批。'],
        ['第十二条', '政府投资项目应当按照批准的建设规模组织实施。'],
      ].map(([path, text]) => ({ docId: 'ly', docNo: null, title: '某市政府投资项目管理条例', path: path!, heading: path!, text: text!, units: [] })),
    );
    expect(investment.search('Does the government invest in projects directly?').hits[0]?.path).toBe('第十条');
    expect(top3("Where do I complain if a big company won't pay me?").some((t) => t.includes('受理对机关、事业单位和大型企业拒绝或者迟延支付中小企业款项的投诉'))).toBe(true);
  });

  it('reads no CC-CEDICT pronunciation note (Taiwan pr. […]) as a sense', () => {
    const taiwan = englishTranslations('taiwan').map((t) => t.zh);
    expect(taiwan).toContain('台湾');
    for (const zh of ['强行', '便秘', '下颏']) expect(taiwan).not.toContain(zh);
  });

  it('takes a proper name as a translation of the words naming it, not of those describing it (波河 is no "longest")', () => {
    expect(englishTranslations('longest').map((t) => t.zh)).not.toContain('波河');
    expect(englishTranslations('taiwan').map((t) => t.zh)).toContain('台湾');
  });

  it('reaches an agent noun the corpus words otherwise through its other forms (informant → 举报人, subcontractor → 分包单位)', () => {
    const written = (corpus: string[]) => (zh: string) => corpus.includes(zh);
    // informant → 报料人 only; informer → 举报者, written 举报人 in the corpus.
    expect(agentTranslations('informant', written(['举报人'])).map((t) => t.zh)).toEqual(['举报人']);
    // No entry for subcontractor: subcontract → 分包, with an agent ending the corpus writes.
    expect(agentTranslations('subcontractor', written(['分包单位', '分包'])).map((t) => t.zh)).toEqual(['分包单位']);
    expect(agentTranslations('order', written(['分包单位']))).toEqual([]);
    expect(readConcepts(expandQuery('Can the subcontractor pay?')).concepts.find((c) => c.alternatives[0]![0] === 'subcontractor')?.english?.length).toBeGreaterThan(0);
    expect(top3("Will the informant's personal information be kept confidential?")[0]).toContain('对举报人的信息予以保密');
  });

  it('reads a word CC-CEDICT glosses only in another form as English, not as a Latin string (deregistration → 注销)', () => {
    expect(englishTranslations('deregistration')).toEqual([]);
    const concept = readConcepts(expandQuery('Can a business apply for deregistration online?')).concepts.find((c) => c.alternatives[0]![0] === 'deregistration');
    expect(concept?.latin).toBe(false);
    expect(concept?.english).toContain('注销');
    const search = createClauseSearch([
      { docId: 'd', docNo: null, title: '某市优化营商环境条例', path: '第二十一条', heading: '第二十一条', text: '企业可以通过一体化政务服务平台申请注销。', units: [] },
      { docId: 'd', docNo: null, title: '某市优化营商环境条例', path: '第二十二条', heading: '第二十二条', text: '企业可以通过一体化政务服务平台申请变更登记。', units: [] },
    ]);
    expect(search.search('Can a business apply for deregistration online?').hits[0]?.path).toBe('第二十一条');
  });

  it('searches another form’s translation beside the word’s own when it ranks among the best, never in their place', () => {
    // A made-up corpus: the best own translation of "inspection" (稽查) stands alone in clause 2; 检验,
    // CC-CEDICT's word for "to inspect", stands beside 拖延 in clause 1.
    const own = englishTranslations('inspection').filter((t) => t.zh !== '检验').slice(0, 1);
    expect(englishTranslations('inspection').some((t) => t.zh === '检验')).toBe(false);
    const postings: Record<string, number[]> = { 检验: [1], 拖延: [1] };
    for (const { zh } of own) for (const t of queryTerms(zh)) postings[t] ??= [2];
    const df = (t: string) => postings[t]?.length ?? 0;
    const read = readConcepts(expandQuery('delaying the inspection'));
    const concepts = translateEnglish(read.concepts, read.weights, df, (t) => (postings[t] ? new Set(postings[t]) : undefined));
    const chosen = concepts.find((c) => c.alternatives[0]?.[0] === 'inspection')!.alternatives.slice(1).map((a) => a.join('+'));
    expect(chosen).toContain('检验');
    expect(chosen).toContain(own[0]!.zh);
    // On the development documents: 拖延检验或者验收 for the buyer who keeps delaying the inspection,
    // 法律服务 for legal help.
    expect(top3('What if the buyer keeps delaying the inspection?')[0]).toContain('拖延检验或者验收');
    expect(top3('Can small businesses get legal help in a payment dispute?').some((t) => t.includes('提供法律服务'))).toBe(true);
  });

  it('prefers the translation found beside the question’s other concepts in the corpus', () => {
    // A made-up corpus: the three translations of "business" CC-CEDICT ranks just above 商务 stand in
    // clause 2, 商务 stands beside 签证 in clause 1.
    const business = englishTranslations('business');
    const at = business.findIndex((t) => t.zh === '商务');
    expect(at).toBeGreaterThan(3);
    const postings: Record<string, number[]> = { 商务: [1], 签证: [1] };
    for (const { zh } of business.slice(at - 3, at)) for (const t of queryTerms(zh)) postings[t] ??= [2];
    const df = (t: string) => postings[t]?.length ?? 0;
    const read = readConcepts(expandQuery('business visa'));
    const concepts = translateEnglish(read.concepts, read.weights, df, (t) => (postings[t] ? new Set(postings[t]) : undefined));
    const chosen = (cs: typeof concepts) => cs.find((c) => c.alternatives[0]?.[0] === 'business')!.alternatives.slice(1).map((a) => a.join('+'));
    expect(chosen(concepts)).toContain('商务');
    // Without the clause lists the dictionary's own order stands, and 商务 is not among the three.
    expect(chosen(translateEnglish(readConcepts(expandQuery('business visa')).concepts, new Map(), df))).not.toContain('商务');
  });
});

describe('searching a word’s translations', () => {
  it('drops a translation that only narrows a better one (government → 政府, not also 人民政府)', () => {
    const ranked = [{ zh: '政府' }, { zh: '人民政府' }, { zh: '官方' }, { zh: '国民政府' }, { zh: '政府机关' }];
    expect(withoutNarrowerSenses(ranked).map((t) => t.zh)).toEqual(['政府', '官方']);
    // A shorter word ranked below a longer one that contains it is a sense of its own and stays.
    expect(withoutNarrowerSenses([{ zh: '人民政府' }, { zh: '政府' }]).map((t) => t.zh)).toEqual(['人民政府', '政府']);
  });

  it('does not add the extra bigrams of a narrower sense to the question’s terms', () => {
    const postings: Record<string, number[]> = {};
    ['县级以上人民政府', '政府采购'].forEach((w, i) => {
      for (const t of queryTerms(w)) (postings[t] ??= []).push(i);
    });
    const df = (t: string) => postings[t]?.length ?? 0;
    const c = readConcepts(expandQuery('government'));
    translateEnglish(c.concepts, c.weights, df, (t) => (postings[t] ? new Set(postings[t]) : undefined));
    expect(c.weights.get('政府')).toBe(1);
    expect(c.weights.has('民政')).toBe(false);
  });
});

describe('glossary English on a corpus the glossary was not written for', () => {
  const translated = (q: string, corpus: string[]) => {
    const postings: Record<string, number[]> = {};
    corpus.forEach((w, i) => {
      for (const t of queryTerms(w)) (postings[t] ??= []).push(i);
    });
    const df = (t: string) => postings[t]?.length ?? 0;
    const read = readConcepts(expandQuery(q));
    return translateEnglish(read.concepts, read.weights, df, (t) => (postings[t] ? new Set(postings[t]) : undefined));
  };

  it('keeps the glossary’s wording where the corpus uses it (approval → 审批)', () => {
    const [approval] = translated('approval', ['简化审批流程', '经有关部门认可']);
    expect(approval!.alternatives.map((a) => a.join('+'))).toEqual(['审批']);
  });

  it('reads the English word through the dictionary where the corpus has none of the glossary’s wording', () => {
    const [approval] = translated('approval', ['经有关部门认可']);
    expect(approval!.alternatives.map((a) => a.join('+'))).toContain('认可');
    // It then weighs as an English word, not as confirmed glossary vocabulary.
    expect(approval!.weight).toBeLessThanOrEqual(1);
  });

  it('reads two English words of one glossary entry each their own way (subsidy … funding → 补助, 经费)', () => {
    const read = translated('subsidy funding', ['发放补助，落实经费']);
    const alts = read.map((c) => c.alternatives.map((a) => a.join('+')));
    expect(alts).toHaveLength(2);
    expect(alts[0]).toContain('补助');
    expect(alts[1]).toContain('经费');
  });

  it('has no entry for a general English word the documents happen to word narrowly: report is 举报 as well as 上报, confidential is no state secret', () => {
    const report = translated('report', ['按月上报', '举报人的身份予以保密']);
    expect(report[0]!.alternatives.map((a) => a.join('+'))).toContain('举报');
    const confidential = translated('confidential', ['涉及国家秘密的项目', '举报人的身份予以保密']);
    expect(confidential[0]!.alternatives.map((a) => a.join('+'))).toContain('保密');
  });
});

describe('reading English words together', () => {
  /** The Chinese wordings a made-up corpus (term → clause ids) gives each English word of `q`. */
  const wordings = (q: string, postings: Record<string, number[]>) => {
    const df = (t: string) => postings[t]?.length ?? 0;
    const read = readConcepts(expandQuery(q));
    const concepts = translateEnglish(read.concepts, read.weights, df, (t) => (postings[t] ? new Set(postings[t]) : undefined));
    return Object.fromEntries(concepts.filter((c) => c.english).map((c) => [c.alternatives[0]![0]!, c.alternatives.slice(1).map((a) => a.join('+'))]));
  };
  /** Postings putting every term of each wording in one clause of its own. */
  const corpusOf = (...wordings: string[]) => {
    const postings: Record<string, number[]> = {};
    wordings.forEach((w, i) => {
      for (const t of queryTerms(w)) (postings[t] ??= []).push(i);
    });
    return postings;
  };

  it('keys a phrase the same way in a dictionary sense and in a question (articles out, words stemmed)', () => {
    expect(phraseKey(['takes', 'effect'])).toBe(phraseKey(['take', 'effect']));
    expect(phraseKey(['the', 'same', 'day'])).toBe(phraseKey(['same', 'day']));
    expect(phraseKey(['visa'])).toBe('');
    expect(englishRun("foreign-invested enterprises, or hong kong")).toEqual(['foreign', 'invested', 'enterprises', null, 'or', 'hong', 'kong']);
  });

  it('translates a phrase CC-CEDICT has as a whole, not word by word', () => {
    expect(phraseTranslations(['hong', 'kong']).map((t) => t.zh)).toContain('香港');
    expect(phraseTranslations(['chamber', 'of', 'commerce']).map((t) => t.zh)).toContain('商会');
    expect(phraseTranslations(['take', 'effect']).map((t) => t.zh)).toContain('施行');
    expect(phraseTranslations(['same', 'day']).map((t) => t.zh)).toContain('当天');
  });

  it('reads a sense whose bracketed note holds commas as the phrase after the note, not the note cut at its first comma', () => {
    // 生效: "(of a law, contract, agreement, ban etc) to come into force; to go into effect; …"
    expect(phraseTranslations(['come', 'into', 'force']).map((t) => t.zh)).toContain('生效');
    expect(phraseTranslations(['of', 'law']).map((t) => t.zh)).not.toContain('生效');
  });

  it('gives each word of a phrase the phrase’s wording the corpus has, and weighs an everyday word of it fully', () => {
    const read = wordings('When do the rules take effect?', corpusOf('本条例自2020年9月1日起施行', '规章'));
    expect(read.take).toContain('施行');
    expect(read.effect).toContain('施行');
    const df = (t: string) => (queryTerms('本条例自2020年9月1日起施行').includes(t) ? 1 : 0);
    const c = readConcepts(expandQuery('the rules take effect'));
    const take = translateEnglish(c.concepts, c.weights, df).find((x) => x.alternatives[0]?.[0] === 'take')!;
    expect(take.weight).toBe(1);
  });

  it('searches a phrase read into everyday Chinese in the wording the texts use too (come into force → 生效 → 施行)', () => {
    // 生效 is in the corpus (a contract's), so the phrase is read whole; the texts' own 施行 comes with it.
    const read = wordings('When does the regulation come into force?', corpusOf('本条例自2022年1月1日起施行', '合同自签订之日起生效', '规章'));
    expect(read.force).toContain('施行');
    // A single word's everyday translation is not carried on (cancel → 取消 stays 取消).
    expect(wordings('cancel the registration', corpusOf('取消登记', '撤销登记')).cancel).not.toContain('撤销');
  });

  it('reads a phrase whose everyday translation the corpus never writes in the wording the texts use for it (come into force → 生效 → 施行)', () => {
    // No clause says 生效: the phrase is still read whole, as 施行, and every word of it carries that.
    const read = wordings('When did the regulation come into force?', corpusOf('本条例自2018年3月1日起施行', '规章'));
    expect(read.come).toContain('施行');
    expect(read.force).toContain('施行');
  });

  it('reads a phrase whose translation the corpus lacks through its synonyms there (tourist attractions → 景点 → 景区)', () => {
    const read = wordings('Which authority supervises tourist attractions?', corpusOf('旅游景区的监督管理', '吸引投资', '旅游'));
    expect(read.attractions).toContain('景区');
    expect(read.tourist).toContain('景区');
  });

  it('reads a phrase whose translation the corpus writes in full through that spelling (annual leave → 年假 → 年休假)', () => {
    const read = wordings('How long must an employee work before getting paid annual leave?', corpusOf('职工连续工作满12个月以上的，享受带薪年休假', '年度'));
    expect(read.annual).toContain('年休+休假');
    expect(read.leave).toContain('年休+休假');
  });

  it('searches a word read in a whole phrase by the phrase and only its own best translation (file a complaint → 申诉, not also 文件 and 档案)', () => {
    const read = wordings('Where can I file a complaint?', corpusOf('可以提出申诉', '档案管理', '办理备案', '有关文件'));
    expect(read.file).toContain('申诉');
    // Of the word's own readings (卷宗, 档案, 备案, 文件 …) only one is kept beside the phrase's.
    expect(read.file!.filter((w) => ['档案', '备案', '文件'].includes(w))).toHaveLength(1);
    // A word read alone keeps its three best.
    expect(wordings('Where are the files kept?', corpusOf('档案管理', '办理备案', '有关文件')).files).toHaveLength(3);
  });

  it('gives no synonyms to a phrase of one question word and a function word (in town → 街上, not 街道)', () => {
    expect(wordings('best pizza in town', corpusOf('街道办事处', '城市')).town).not.toContain('街道');
  });

  it('reads two neighbouring words as the compound the corpus writes (business license → 营业执照)', () => {
    const read = wordings('business license', corpusOf('电子营业执照', '商业', '许可'));
    expect(read.business).toContain('营业+业执+执照');
    expect(read.license).toContain('营业+业执+执照');
  });

  it('reads "X of Y" as the Chinese compound Y X (protection of environment → 环境保护)', () => {
    const read = wordings('protection of environment', corpusOf('加强环境保护'));
    expect(read.protection).toContain('环境+境保+保护');
    expect(read.environment).toContain('环境+境保+保护');
  });

  it('counts two words read as one compound as one subject: each carries half its weight', () => {
    const c = readConcepts(expandQuery('business license'));
    const postings = corpusOf('电子营业执照', '商业', '许可');
    const df = (t: string) => postings[t]?.length ?? 0;
    const read = translateEnglish(c.concepts, c.weights, df, (t) => (postings[t] ? new Set(postings[t]) : undefined));
    const weightOf = (w: string) => read.find((x) => x.alternatives[0]?.[0] === w)!.weight;
    expect(weightOf('business')).toBeCloseTo(COMPOUND_PART_WEIGHT);
    expect(weightOf('license')).toBeCloseTo(COMPOUND_PART_WEIGHT);
    // A word read alone keeps its whole weight.
    const alone = readConcepts(expandQuery('license'));
    expect(translateEnglish(alone.concepts, alone.weights, df)[0]!.weight).toBe(1);
  });

  /** The alternatives (terms joined by +) an English question is read as over a corpus of these clause texts. */
  const translatedOver = (q: string, clauses: string[]) => {
    const postings: Record<string, number[]> = {};
    clauses.forEach((w, i) => {
      for (const t of queryTerms(w)) (postings[t] ??= []).push(i);
    });
    const read = readConcepts(expandQuery(q));
    const df = (t: string) => postings[t]?.length ?? 0;
    const clausesWith = (t: string) => (postings[t] ? new Set(postings[t]) : undefined);
    return translateEnglish(read.concepts, new Map(), df, clausesWith, (i) => clauses[i]!).flatMap((c) => c.alternatives.map((a) => a.join('+')));
  };

  it('reads a compound whose head is the one character the second word’s translations end in (patent award → 专利奖)', () => {
    // award's translations the corpus has (授予, 奖金) are never written after 专利; its head 奖 is (大奖, 颁奖, 获奖 …).
    const texts = ['本市设立专利奖，对发明人给予奖励', '授予专利权', '发放奖金'];
    expect(translatedOver('patent award', texts)).toContain('专利+利奖');
    // Not where the character begins a word of its own there: 专利奖金 is 专利 + 奖金, not 专利奖.
    expect(translatedOver('patent award', ['专利奖金的发放', '授予专利权'])).not.toContain('专利+利奖');
  });

  it('reads a noun in -ence / -ance by its verb inside a compound the texts write (right of residence → reside → 居住权)', () => {
    expect(verbOfNoun('residence')).toBe(stemEnglish('reside'));
    expect(verbOfNoun('acceptance')).toBe(stemEnglish('accept'));
    expect(verbOfNoun('finance')).toBeUndefined();
    // residence is 住所, never 居住 ("to reside"); right's head character is 权.
    const texts = ['以遗嘱方式设立居住权的，应当申请居住权登记', '住所变更的，应当办理变更登记', '依法享有的权利'];
    expect(translatedOver('right of residence', texts)).toContain('居住+住权');
    // Only as a compound a clause writes: residence alone still reads as 住所, not 居住.
    expect(translatedOver('residence', texts)).not.toContain('居住');
  });

  it('reads a verb-object phrase as the texts spell it apart, verb and object each a word (charge a fee → 收费 → 收取任何费用)', () => {
    const texts = ['审批环境影响评价文件，不得收取任何费用', '停车场收费标准'];
    expect(translatedOver('charge a fee', texts)).toContain('收取+费用');
    // Not where the words stand apart in different phrases.
    expect(translatedOver('charge a fee', ['收取保证金，费用由申请人承担', '停车场收费标准'])).not.toContain('收取+费用');
    // Nor for a phrase that is no verb and its object: commerce's translations end in no one character.
    expect(translatedOver('chamber of commerce', ['商会', '商务会同有关部门'])).not.toContain('商务+会同');
  });

  it('does not make a compound of translations the corpus never writes together', () => {
    // 营业 and 执照 are in the corpus, but never side by side.
    const read = wordings('business license', corpusOf('营业收入', '驾驶执照'));
    expect(read.business!.some((w) => w.includes('业执'))).toBe(false);
  });

  it('with the clause texts, takes a compound only where a clause writes it as one word', () => {
    // One clause has 营业, 业执 and 执照, but as 营业收入 … 业执行 … 执照, never as 营业执照.
    const text = '营业收入与业执行和执照';
    const postings = Object.fromEntries(queryTerms(text).map((t) => [t, [0]]));
    const df = (t: string) => (postings[t] ? 1 : 0);
    const clausesWith = (t: string) => (postings[t] ? new Set([0]) : undefined);
    const read = readConcepts(expandQuery('business license'));
    const alts = (textOf?: (i: number) => string) =>
      translateEnglish(read.concepts, new Map(), df, clausesWith, textOf).flatMap((c) => c.alternatives.map((a) => a.join('+')));
    expect(alts()).toContain('营业+业执+执照');
    expect(alts(() => text)).not.toContain('营业+业执+执照');
  });
});

describe('English questions about documents the glossary never covered', () => {
  it('finds the clause for everyday English wording', () => {
    const cases: Array<[string, string]> = [
      ['Can a buyer refuse to pay me because its boss changed?', '法定代表人或者主要负责人变更'],
      ['Can foreign business visitors get a visa on arrival?', '口岸签证和过境免签便利'],
      ['If the government takes a foreign company\'s property in an emergency, do we get it back?', '应当及时返还'],
      ['Can disputes be settled by arbitration or mediation?', '多元化纠纷解决机制'],
      ['late payment interest rate', '应当支付逾期利息'],
      // Read as phrases and compounds: small business → 小型企业, Hong Kong → 香港, state … bill → 结算.
      ['Must a small business tell the buyer it is an SME when signing a contract?', '应当主动告知其属于中小企业'],
      ['Can a state buyer insist on waiting for the audit before settling the bill?', '审计机关的审计结果作为结算依据'],
      ['Can foreign companies help write local standards?', '平等参与地方标准的制定、修订工作'],
    ];
    for (const [q, phrase] of cases) expect(top3(q).some((t) => t.includes(phrase)), q).toBe(true);
  });

  it('still says "no match" to English questions the documents do not answer', () => {
    for (const q of ['What is the VAT threshold for small businesses?', 'What is the lowest price for industrial land?']) {
      expect(dev.search(q).status, q).toBe('no_match');
    }
    for (const q of ['best pizza in town', 'who won the football match']) expect(getDefaultSearch().search(q).status, q).toBe('no_match');
  });
});
