import { describe, expect, it } from 'vitest';
import { closePathGaps, findDocRef, isPathPrefix, pathComponents, readLeadingPath } from '../../src/search/lookup.ts';
import { makeSnippet, SNIPPET_WIDTH } from '../../src/search/snippet.ts';

describe('makeSnippet', () => {
  it('wraps every occurrence of a matched term in 【】, merging adjacent terms', () => {
    expect(makeSnippet('对符合条件的项目依法依规实行环评、能评豁免审批', ['能评', '豁免'])).toBe('对符合条件的项目依法依规实行环评、【能评豁免】审批');
  });

  it('cuts a long text to a window around the match, marking the cuts with …', () => {
    const text = '甲'.repeat(300) + '节能审查' + '乙'.repeat(300);
    const s = makeSnippet(text, ['节能', '审查']);
    expect(s).toContain('【节能审查】');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.replace(/[【】…]/g, '').length).toBe(SNIPPET_WIDTH);
  });

  it('places the window where the matched terms weigh most', () => {
    const text = '组成人员' + '甲'.repeat(300) + '郭瑞林' + '乙'.repeat(300);
    const s = makeSnippet(text, ['组成', '人员', '郭瑞', '瑞林'], SNIPPET_WIDTH, (t) => (t.startsWith('郭') || t === '瑞林' ? 2 : 0.6));
    expect(s).toContain('【郭瑞林】');
  });

  it('marks no bigram of a query word that hangs off a match into another word of the text', () => {
    // 外出招商 is searched as 外出 | 出招 | 招商; in 突出招商重点 the 出 of 出招 ends 突出.
    const terms = ['外出', '出招', '招商'];
    expect(makeSnippet('突出招商重点，引进龙头企业', terms)).toBe('突出【招商】重点，引进龙头企业');
    expect(makeSnippet('各县每季度外出招商不少于1次', terms)).toBe('各县每季度【外出招商】不少于1次');
    // A bigram overlapping no other match is what matched, and stays marked.
    expect(makeSnippet('突出重点', ['出重'])).toBe('突【出重】点');
  });

  it('returns the start of the text when nothing matched', () => {
    expect(makeSnippet('简化审批流程。', [])).toBe('简化审批流程。');
  });
});

describe('clause paths', () => {
  it('splits a path into canonical components whatever separators were typed', () => {
    expect(pathComponents('二、（五）9')).toEqual(['二', '(五)', '9']);
    expect(pathComponents('二(五)9.')).toEqual(['二', '(五)', '9']);
    expect(pathComponents('附件 二、')).toEqual(['附件', '二']);
    expect(pathComponents('第三章 第十二条')).toEqual(['第3章', '第12条']);
  });

  it('reads an article numbered in figures or in Chinese numerals as the same article', () => {
    expect(pathComponents('第12条')).toEqual(pathComponents('第十二条'));
    expect(pathComponents('第一百零五条')).toEqual(['第105条']);
    expect(isPathPrefix(pathComponents('第28条'), pathComponents('第二十八条（三）'))).toBe(true);
    expect(isPathPrefix(pathComponents('第8条'), pathComponents('第二十八条'))).toBe(false);
  });

  it('reads an article named in English with its document as 第X条 of it', () => {
    expect(closePathGaps('Article 2 of 晋市政办〔2026〕8号')).toBe('晋市政办〔2026〕8号第2条');
    expect(closePathGaps('晋市政办〔2026〕8号, article 12?')).toBe('晋市政办〔2026〕8号第12条');
    expect(closePathGaps('What does article 5 say about energy?')).toBe('What does article 5 say about energy?');
  });

  it('closes spaces typed inside a path, and only there', () => {
    expect(closePathGaps('第 十二 条')).toBe('第十二条');
    expect(closePathGaps('第 12 条')).toBe('第12条');
    expect(closePathGaps('32号文 二 、（ 五 ） 9')).toBe('32号文 二、（五）9');
    expect(closePathGaps('12 34')).toBe('12 34');
    expect(closePathGaps('外出 招商 每 季度')).toBe('外出 招商 每 季度');
  });

  it('compares paths component by component', () => {
    expect(isPathPrefix(['二', '(五)'], ['二', '(五)', '9'])).toBe(true);
    expect(isPathPrefix(['二', '(一)', '1'], ['二', '(一)', '10'])).toBe(false);
    expect(isPathPrefix([], ['二'])).toBe(false);
  });

  it('reads only a path at the start of the text', () => {
    expect(readLeadingPath(' 二（五）13').components).toEqual(['二', '(五)', '13']);
    expect(readLeadingPath('招引3个项目').components).toEqual([]);
  });
});

describe('findDocRef', () => {
  const known = ['晋市政办〔2024〕32号', '晋市政办〔2025〕4号', '晋政办发〔2024〕31号'];

  it('resolves a full 文号 in any bracket style', () => {
    expect(findDocRef('晋市政办[2024]32号 二、', known)?.docNos).toEqual(['晋市政办〔2024〕32号']);
    expect(findDocRef('晋市政办（2025）4号', known)?.docNos).toEqual(['晋市政办〔2025〕4号']);
  });

  it('resolves short forms by number and year', () => {
    expect(findDocRef('32号文 二、（五）9', known)?.docNos).toEqual(['晋市政办〔2024〕32号']);
    expect(findDocRef('2024年31号文件', known)?.docNos).toEqual(['晋政办发〔2024〕31号']);
    expect(findDocRef('32号 二、（五）', known)?.docNos).toEqual(['晋市政办〔2024〕32号']);
  });

  it('reads the issuer typed before a year and number without brackets as part of the mention', () => {
    expect(findDocRef('晋市政办2024年32号', known)).toMatchObject({ docNos: ['晋市政办〔2024〕32号'], raw: '晋市政办2024年32号', before: '' });
    expect(findDocRef('晋市政办 2024 32号', known)).toMatchObject({ docNos: ['晋市政办〔2024〕32号'], before: '' });
    expect(findDocRef('请问市政办2024年32号二（五）9', known)).toMatchObject({ docNos: ['晋市政办〔2024〕32号'], before: '请问', after: '二（五）9' });
    // Words that end no issuer stay words of the question.
    expect(findDocRef('招商2024年32号', known)).toMatchObject({ raw: '2024年32号', before: '招商' });
  });

  it('reads a bracketed year and number without 号, and 号文 after a number typed in full', () => {
    expect(findDocRef('晋市政办〔2024〕32', known)?.docNos).toEqual(['晋市政办〔2024〕32号']);
    expect(findDocRef('晋市政办〔2024〕3个项目', known)).toBeNull();
    expect(findDocRef('晋市政办〔2024〕32号文讲的是什么', known)).toMatchObject({ after: '讲的是什么' });
    expect(findDocRef('晋市政办〔2024〕32号文化产业', known)).toMatchObject({ after: '文化产业' });
  });

  it('does not read dates or quantities as document numbers', () => {
    expect(findDocRef('6月30号开会', known)).toBeNull();
    expect(findDocRef('招引3个消费品产业项目', known)).toBeNull();
  });

  it('reads a number typed as stored, the longest one when a shorter one is part of it', () => {
    const withOrders = ['国务院令第67号', '国务院令第673号', ...known];
    expect(findDocRef('国务院令第673号第十条', withOrders)).toMatchObject({ docNos: ['国务院令第673号'], rest: ' 第十条' });
    expect(findDocRef('国务院令第67号', withOrders)?.docNos).toEqual(['国务院令第67号']);
  });

  it('reads the same numbers among thousands of documents', () => {
    const many = [...Array.from({ length: 5000 }, (_, i) => `晋合成〔${2000 + (i % 30)}〕${i + 1}号`), ...known];
    expect(findDocRef('晋市政办〔2024〕32号 二、', many)?.docNos).toEqual(['晋市政办〔2024〕32号']);
    expect(findDocRef('晋合成〔2001〕32号', many)?.docNos).toEqual(['晋合成〔2001〕32号']);
    expect(findDocRef('2024年31号文件', many)?.docNos).toEqual(['晋政办发〔2024〕31号']);
    expect(findDocRef('32号文', many)?.docNos).toEqual(['晋合成〔2001〕32号', '晋市政办〔2024〕32号']);
  });

  it('finds an order (国务院令第728号) by its number alone, with no year to match', () => {
    const withOrders = ['国务院令第728号', ...known];
    expect(findDocRef('728号 第八条', withOrders)?.docNos).toEqual(['国务院令第728号']);
    expect(findDocRef('2024年728号', withOrders)?.docNos).toEqual([]);
  });

  it('reports an unknown 文号 with no documents', () => {
    expect(findDocRef('晋市政办〔2023〕99号', known)).toMatchObject({ docNos: [], raw: '晋市政办〔2023〕99号' });
  });
});
