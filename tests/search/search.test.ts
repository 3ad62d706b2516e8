import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import {
  createClauseSearch,
  getDefaultSearch,
  MAX_QUERY_CHARS,
  type SearchOutcome,
} from '../../src/search/index.ts';
import { searchOutcomeSchema } from '../../src/search/schema.ts';

const search = getDefaultSearch();
const { clauses } = loadCorpus();
const J32 = '晋市政办〔2024〕32号';
const J4 = '晋市政办〔2025〕4号';
const C36 = '城政办发〔2024〕36号';

function valid(o: SearchOutcome): SearchOutcome {
  return searchOutcomeSchema.parse(o);
}

describe('text search', () => {
  it('finds the leader of the Chengqu specialty-town leading group (范永星)', () => {
    const o = valid(search.search('城区专业镇领导小组组长是谁'));
    expect(o.status).toBe('ok');
    expect(o.hits[0]!.docNo).toBe(C36);
    expect(o.hits[0]!.text).toContain('范永星');
  });

  it('answers an energy-review question with the exemption clause, citing 文号 and path', () => {
    const o = search.search('这个项目需要节能审查吗');
    expect(o.hits[0]).toMatchObject({ docNo: J32, path: '二、（五）9' });
    expect(o.hits[0]!.units).toContain('市能源局');
  });

  it('returns each hit with the verbatim clause text', () => {
    const texts = new Set(clauses.map((c) => c.text));
    for (const q of ['专业镇年产值', '外出招商', '屋顶光伏', '领导小组']) {
      for (const h of search.search(q).hits) expect(texts.has(h.text)).toBe(true);
    }
  });

  it('highlights matched terms in a snippet of at most ~160 characters cut from the clause text', () => {
    for (const h of search.search('每季度外出招商次数').hits) {
      expect(h.snippet).toMatch(/【[^【】]+】/);
      const plain = h.snippet.replace(/[【】]/g, '');
      expect(plain.replace(/…/g, '').length).toBeLessThanOrEqual(160);
      for (const piece of plain.split('…').filter(Boolean)) expect(h.text.replace(/\n/g, ' ')).toContain(piece);
    }
    expect(search.search('每季度外出招商次数').hits[0]!.snippet).toContain('【每季度外出招商次数】');
  });

  it('reaches Chinese clauses from English questions through the glossary', () => {
    expect(search.search('Does this project need an energy review?').hits[0]).toMatchObject({ docNo: J32, path: '二、（五）9' });
    expect(search.search('rooftop solar').hits[0]).toMatchObject({ docNo: J4, path: '二、（三）7' });
    expect(search.search('specialty town recognition criteria output value').hits[0]!.text).toContain('年产值达到');
    expect(search.search('How many outbound trips per quarter?').hits[0]!.text).toContain('每季度外出招商次数不少于');
    expect(search.search('EIA exemption').expandedTerms).toContain('环境影响评价');
  });

  it('answers traditional-character questions like simplified ones', () => {
    expect(search.search('環評手續需要辦理嗎 未列入名錄').hits[0]!.text).toContain('无需办理环评手续');
  });

  it('reads a traditional-character question as the simplified one throughout: 文号, path, cue and words', () => {
    expect(search.search('晉市政辦〔2024〕32號 二、（五）9').hits.map((h) => [h.docNo, h.path])).toEqual([[J32, '二、（五）9']]);
    const pairs: Array<[string, string]> = [
      ['專業鎮的認定標準是什麼', '专业镇的认定标准是什么'],
      ['外出招商每季度要幾次', '外出招商每季度要几次'],
      ['能評什麼時候要做', '能评什么时候要做'],
    ];
    for (const [trad, simp] of pairs) {
      const paths = (q: string) => search.search(q, { limit: 5 }).hits.map((h) => `${h.docNo} ${h.path} ${h.answer ?? ''}`);
      expect(paths(trad), trad).toEqual(paths(simp));
    }
  });

  it('reads greetings and thanks around a question as filler, not as a subject no clause has', () => {
    const paths = (q: string) => search.search(q, { limit: 5 }).hits.map((h) => `${h.docNo} ${h.path}`);
    for (const q of ['专业镇的认定标准是什么', '外出招商每季度要几次']) {
      expect(paths(`您好，${q}`), q).toEqual(paths(q));
      expect(paths(`你好，请教一下，${q}，谢谢`), q).toEqual(paths(q));
      expect(paths(`我想了解一下${q}`), q).toEqual(paths(q));
    }
  });

  it('reads spaces typed between Chinese words as nothing: 个体户 有 没有 补贴 reads as 个体户有没有补贴', () => {
    const paths = (q: string) => search.search(q, { limit: 5 }).hits.map((h) => `${h.docNo} ${h.path}`);
    expect(paths('专业镇 的 认定 标准 是 什么')).toEqual(paths('专业镇的认定标准是什么'));
    expect(paths('外出 招商 每 季度 要 几 次')).toEqual(paths('外出招商每季度要几次'));
    expect(paths('32号文 二、（五）9')).toEqual([`${J32} 二、（五）9`]);
  });

  it('searches nothing for a message that is only a greeting, thanks or an acknowledgement, and says so', () => {
    for (const q of ['好的', '好的谢谢', 'Thanks!', '您好']) {
      const o = valid(search.search(q));
      expect(o.status, q).toBe('invalid_query');
      expect(o.message!.zh, q).toContain('问候或致谢');
    }
  });

  it('respects the limit option', () => {
    expect(search.search('专业镇', { limit: 2 }).hits).toHaveLength(2);
  });
});

describe('文号 and path lookup', () => {
  it('goes straight to the clause named by 文号 and path', () => {
    const o = valid(search.search(`${J32} 二、（五）9`));
    expect(o.mode).toBe('lookup');
    expect(o.hits).toHaveLength(1);
    expect(o.hits[0]).toMatchObject({ docNo: J32, path: '二、（五）9', score: 1 });
  });

  it('accepts the short form 32号文 and separators typed differently', () => {
    expect(search.search('32号文 二、（五）9').hits.map((h) => h.path)).toEqual(['二、（五）9']);
    expect(search.search('4号文 二（五）13').hits.map((h) => [h.docNo, h.path])).toEqual([[J4, '二、（五）13']]);
    expect(search.search('晋市政办(2024)32号 二、(五)9').hits.map((h) => h.path)).toEqual(['二、（五）9']);
  });

  it('lists every clause under a path prefix, in document order, and no clause outside it', () => {
    expect(search.search(`${J32} 二、（五）`).hits.map((h) => h.path)).toEqual(['二、（五）8', '二、（五）9', '二、（五）10']);
    // 二、（一）1 is a prefix of neither 二、（一）10 nor anything in （二）.
    expect(search.search(`${J32} 二、（一）1`).hits.map((h) => h.path)).toEqual(['二、（一）1']);
  });

  it('reads the path after the 文号 when the question starts with other words: 请问32号文二（五）9', () => {
    expect(search.search('请问32号文二（五）9').hits.map((h) => [h.docNo, h.path])).toEqual([[J32, '二、（五）9']]);
    expect(search.search(`请问${J32} 二、（五）9`).hits.map((h) => h.path)).toEqual(['二、（五）9']);
    expect(search.search('32号文里二（五）9说了什么').hits.map((h) => h.path)).toEqual(['二、（五）9']);
  });

  it('lists the whole document when the words around the 文号 only ask what it says', () => {
    const whole = clauses.filter((c) => c.docNo === J32).map((c) => c.path);
    for (const q of ['请问32号文', '32号文讲的是什么', '32号文说了什么', '32号文里有什么规定', '32号文是什么内容']) {
      expect(search.search(q).hits.map((h) => h.path), q).toEqual(whole);
    }
  });

  it('lists the whole document for a bare 文号, in order', () => {
    const o = search.search(J32);
    expect(o.hits.map((h) => h.path)).toEqual(clauses.filter((c) => c.docNo === J32).map((c) => c.path));
  });

  it('searches inside the named document when the 文号 comes with other words', () => {
    const o = search.search(`${J4} 环评手续`);
    expect(o.hits.length).toBeGreaterThan(0);
    expect(o.hits.every((h) => h.docNo === J4)).toBe(true);
  });

  it('says so when the 文号 is not in the corpus, and lists the known ones', () => {
    const o = valid(search.search('晋市政办〔2023〕99号'));
    expect(o.status).toBe('no_match');
    expect(o.message!.zh).toContain('晋市政办〔2023〕99号');
    expect(o.suggestions).toContain(J32);
  });

  it('finds a bare clause path across documents', () => {
    const o = search.search('二、（五）9');
    expect(o.hits.map((h) => [h.docNo, h.path])).toEqual([[J32, '二、（五）9']]);
  });

  it('reads 第N条 of a plan that numbers no articles as its item N, and says so', () => {
    for (const q of ['32号 第9条', '32号文第九条']) {
      const o = valid(search.search(q));
      expect(o.hits.map((h) => [h.docNo, h.path]), q).toEqual([[J32, '二、（五）9']]);
      expect(o.message?.zh, q).toContain('不按「第X条」编号');
    }
    expect(valid(search.search('32号文第99条'))).toMatchObject({ status: 'no_match', mode: 'lookup' });
  });

  it('finds the document by its 文号 typed without brackets or without 号', () => {
    for (const q of ['晋市政办2024年32号 二、（五）9', '晋市政办 2024 32号 二、（五）9', '晋市政办〔2024〕32 二、（五）9', `${J32}文 二、（五）9`]) {
      expect(search.search(q).hits.map((h) => [h.docNo, h.path]), q).toEqual([[J32, '二、（五）9']]);
    }
  });

  it('reads a path typed with spaces inside it as the path', () => {
    expect(search.search('32号文 二 、（ 五 ） 9').hits.map((h) => [h.docNo, h.path])).toEqual([[J32, '二、（五）9']]);
    expect(search.search('二 、（ 五 ） 9').hits.map((h) => [h.docNo, h.path])).toEqual([[J32, '二、（五）9']]);
  });

  it('says a path no document has is not in the corpus, rather than offering clauses sharing its numerals', () => {
    for (const q of ['32号文 二、（九）', `${J32} 二、（五）99`]) {
      const o = valid(search.search(q));
      expect(o, q).toMatchObject({ status: 'no_match', mode: 'lookup', hits: [] });
      expect(o.message!.zh, q).toContain('中没有条款');
      expect(o.suggestions, q).toContain('二、（五）9');
    }
    const bare = valid(search.search('二、（九）'));
    expect(bare).toMatchObject({ status: 'no_match', mode: 'lookup', hits: [] });
    expect(bare.message!.zh).toContain('二、（九）');
  });
});

describe('responsibility lookup', () => {
  it('lists every clause whose 责任单位 include 市商务局, across documents', () => {
    const o = valid(search.search('市商务局负责哪些任务'));
    expect(o.mode).toBe('unit');
    const expected = clauses.filter((c) => c.units.includes('市商务局'));
    expect(o.hits.map((h) => [h.docNo, h.path])).toEqual(expected.map((c) => [c.docNo, c.path]));
    expect(new Set(o.hits.map((h) => h.docNo)).size).toBeGreaterThanOrEqual(2);
  });

  it('understands 区工信局的任务 and English "municipal commerce bureau responsible for"', () => {
    const q = search.search('区工信局的任务');
    expect(q.hits.length).toBeGreaterThan(0);
    expect(q.hits.every((h) => h.units.includes('区工信局'))).toBe(true);
    const e = search.search('What tasks is the municipal commerce bureau responsible for?');
    expect(e.mode).toBe('unit');
    expect(e.hits.every((h) => h.units.includes('市商务局'))).toBe(true);
  });

  it('byResponsibleUnit matches a name without its 市/区 prefix at both levels', () => {
    const units = new Set(search.byResponsibleUnit('商务局').flatMap((h) => h.units));
    expect(units.has('市商务局')).toBe(true);
    expect(units.has('区商务局')).toBe(true);
    expect(search.byResponsibleUnit('市能源局').every((h) => h.units.includes('市能源局'))).toBe(true);
  });

  it('does not treat a question that merely names a unit as a responsibility lookup', () => {
    const o = search.search('市投资促进中心每年组织精准招商活动不少于几场');
    expect(o.mode).toBe('text');
    expect(o.hits[0]!.text).toContain('不少于3场');
  });
});

describe('no relevant clause', () => {
  it.each(['今天天气怎么样', '足球比赛结果', '如何申请护照', 'who won the football match'])(
    'answers the off-topic question %s with no_match, a message and suggestions — never an unrelated clause',
    (q) => {
      const o = valid(search.search(q));
      expect(o.status).toBe('no_match');
      expect(o.hits).toEqual([]);
      expect(o.message!.zh).toMatch(/没有找到/);
      expect(o.message!.en).toMatch(/No clause/);
      expect(o.suggestions!.length).toBeGreaterThan(0);
    },
  );
});

describe('a lone digit', () => {
  it('is not a query on its own (a stray "1" typed in the console finds no clause), but still counts beside words', () => {
    expect(valid(search.search('1')).status).toBe('no_match');
    expect(valid(search.search('3')).hits).toEqual([]);
    const o = valid(search.search('至少1家龙头企业'));
    expect(o.hits[0]!.path).toBe('三、（五）');
  });
});

describe('bad queries', () => {
  it('rejects an empty or whitespace-only query with a clear message', () => {
    for (const q of ['', '   ', '\n\t ']) {
      const o = valid(search.search(q));
      expect(o.status).toBe('invalid_query');
      expect(o.message).toEqual({ zh: expect.stringContaining('请输入'), en: expect.stringContaining('Please enter') });
    }
  });

  it('rejects an emoji-only or symbol-only query, saying there is nothing to search for', () => {
    for (const q of ['😀😀😀', '？！……', '\u0000\u0007']) {
      const o = valid(search.search(q));
      expect(o.status).toBe('invalid_query');
      expect(o.message!.en).toMatch(/no letters or digits/);
    }
  });

  it('cuts a 10,000-character query to the first 200 characters, with a notice', () => {
    const o = valid(search.search('节能审查'.repeat(2500)));
    expect(o.status).toBe('ok');
    expect(o.message!.zh).toContain(`前 ${MAX_QUERY_CHARS} 字`);
    expect(o.message!.en).toContain('10000 characters');
  });

  it('ignores control characters inside an otherwise good query', () => {
    const o = search.search('\u0000节能\u0007审查\u001b');
    expect(o.status).toBe('ok');
    expect(o.hits[0]!.path).toBe('二、（五）9');
  });

  it('treats SQL-looking and regex-looking input as plain text', () => {
    for (const q of ["'; DROP TABLE clauses; --", '.*(a+)+$', '\\\\ %s %d ${x}']) {
      const o = valid(search.search(q));
      expect(o.status).toBe('no_match');
      expect(o.hits).toEqual([]);
    }
    // A pattern with a number in it is searched for that number, like any other text.
    expect(search.search('[a-z]{1000}').hits[0]!.text).toContain('1000');
  });
});

describe('persisted index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-search-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the index saved for the same clauses and answers identically', () => {
    const first = createClauseSearch(clauses, { cacheDir: dir });
    const second = createClauseSearch(clauses, { cacheDir: dir });
    expect(first.loadedFromCache).toBe(false);
    expect(second.loadedFromCache).toBe(true);
    for (const q of ['节能审查', '城区专业镇领导小组组长是谁', 'rooftop solar']) {
      expect(second.search(q)).toEqual(first.search(q));
    }
  });

  it('rebuilds instead of loading an index saved for different clauses', () => {
    createClauseSearch(clauses, { cacheDir: dir });
    const other = createClauseSearch(clauses.slice(0, 10), { cacheDir: dir });
    expect(other.loadedFromCache).toBe(false);
    expect(other.clauses).toHaveLength(10);
  });
});
