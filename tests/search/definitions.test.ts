/**
 * A document's own definitions (本条例所称X，是指…：（一）公司…; …，包括城镇居民小区…) let a clause holding
 * the defined term stand, in part, for a member a question names (definitions.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { definedTermsFor, membersOf } from '../../src/search/definitions.ts';

const clause = (path: string, text: string): Clause => ({ docId: 'entities', docNo: null, title: '某市市场主体登记条例', path, heading: path, text, units: [] });

const clauses = [
  clause('第二条', '本条例所称市场主体，是指在本市以营利为目的从事经营活动的下列自然人、法人及非法人组织：'),
  clause('第二条（一）', '公司、非公司企业法人及其分支机构；'),
  clause('第二条（二）', '个体工商户；'),
  clause('第三条', '本条例所称居民住宅区是指供家庭居住使用的建筑及配套设施，包括城镇居民小区、农村集中居住区。'),
  clause('第四条', '本条例所称政府信息，是指行政机关在履行职能过程中制作的信息。'),
  clause('第十条', '市场主体变更住所的，应当在迁入新住所前向迁入地登记机关申请变更登记。'),
  clause('第十一条', '登记机关应当在受理申请后三日内作出决定。'),
  clause('第十二条', '住所变更涉及规划调整的，由规划部门办理。'),
];

describe('membersOf', () => {
  it('reads the members a definition lists, in its items or after 包括, and none of a definition by description', () => {
    const defs = membersOf(clauses);
    expect(defs.map((d) => d.term)).toEqual(['市场主体', '居民住宅区']);
    expect(defs[0]!.elements).toEqual(expect.arrayContaining(['公司', '非公司企业法人', '分支机构', '个体工商户']));
    expect(defs[1]!.elements).toEqual(expect.arrayContaining(['城镇居民小区', '农村集中居住区']));
  });
});

describe('definedTermsFor', () => {
  it('gives the term whose members include the word, or a kind of it', () => {
    expect(definedTermsFor('公司', clauses)).toEqual(['市场主体']);
    expect(definedTermsFor('小区', clauses)).toEqual(['居民住宅区']);
  });

  it('gives nothing for a word only inside a member or the definition’s description', () => {
    expect(definedTermsFor('企业', clauses)).toEqual([]);
    expect(definedTermsFor('行政机关', clauses)).toEqual([]);
    expect(definedTermsFor('市场', clauses)).toEqual([]);
  });
});

describe('a question naming a member', () => {
  it('finds the clause written with the defined term', () => {
    const search = createClauseSearch(clauses);
    expect(search.search('公司搬家了要去哪里办变更', { limit: 3 }).hits[0]?.path).toBe('第十条');
  });
});

describe('an English question naming a member through the glossary', () => {
  // `company` is the glossary's 企业; the definition lists kinds of it (合伙企业), so the texts' 市场主体
  // stands for it as it does for a question typed in Chinese.
  const withKinds = [
    clause('第二条', '本条例所称市场主体，是指在本市以营利为目的从事经营活动的下列自然人、法人及非法人组织：'),
    clause('第二条（一）', '个人独资企业、合伙企业及其分支机构；'),
    clause('第二条（二）', '个体工商户；'),
    clause('第九条', '商户变更名称的，应当申请变更登记。'),
    clause('第十条', '市场主体变更名称的，应当申请变更登记。'),
    clause('第十一条', '营业执照遗失的，可以申请补领。'),
  ];

  it('reads the glossary’s wording as a member, so the clause written with the defined term ranks first', () => {
    expect(definedTermsFor('企业', withKinds)).toEqual(['市场主体']);
    const search = createClauseSearch(withKinds, { matchDecision: () => true });
    expect(search.search('What must a company do when it changes its name?', { limit: 3 }).hits[0]?.path).toBe('第十条');
  });
});
