/**
 * A numbered item (（一）…的；) is a clause of its own and names its case; what follows for it — the
 * fine, the authority, the consequence — is stated once, in the sentence introducing the list
 * (leadIn.ts). When the first hit is such an item with no span of the kind asked for, the answer line
 * takes the span from that sentence, and the reply quotes it, verbatim and with its own path, above the
 * item. The fixtures are a made-up county rule, so nothing here names a word of a real document.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { findAnswerOrLeadIn } from '../../src/search/answer.ts';
import { leadInOf } from '../../src/search/leadIn.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { searchReply } from '../../src/bot/features/policy/searchReply.ts';

const TITLE = '某县物业安全管理规定';
const clause = (path: string, text: string): Clause => ({ docId: 'estate', docNo: '某政规〔2025〕3号', title: TITLE, path, heading: path, text, units: [] });
const PENALTY =
  '有下列行为之一的，由县应急管理局责令限期改正，可以处一万元以上三万元以下罚款；对直接负责的主管人员，可以处二千元以上五千元以下罚款；逾期未改正的，处三万元以上五万元以下罚款：';
const clauses = [
  clause('第六条', '物业服务企业应当对消防车通道、疏散通道进行经常性检查，每年至少组织一次消防演练。'),
  clause('第七条', '电梯使用单位应当每半年委托检验机构进行一次定期检验。'),
  clause('第二十条', PENALTY),
  clause('第二十条（一）', '物业服务企业违反本规定第六条规定，未对消防车通道进行检查的；'),
  clause('第二十条（二）', '电梯使用单位违反本规定第七条规定，未委托定期检验的。'),
  clause('第二十一条', '违反本规定第八条规定，擅自占用消防车通道的，由县消防救援大队责令改正，处五百元以上二千元以下罚款。'),
];
const search = createClauseSearch(clauses);

describe('the span of an item with no span of its own', () => {
  it('is the lead-in’s first span of the kind asked for: the fine for the items, not the one for overdue correction', () => {
    const found = findAnswerOrLeadIn('amount', '物业没检查消防车通道罚多少', clauses[3]!.text, leadInOf(clauses, 3), TITLE);
    expect(found).toEqual({ span: '可以处一万元以上三万元以下罚款', fromLeadIn: true });
  });

  it('reads the whole sentence introducing the list, across its ；', () => {
    expect(leadInOf(clauses, 3)).toBe(PENALTY);
  });

  it('is the item’s own span where it has one', () => {
    const own = findAnswerOrLeadIn('amount', '占用消防车通道的罚款有多少', '擅自占用消防车通道的，处五百元以上二千元以下罚款；', PENALTY, TITLE);
    expect(own).toEqual({ span: '处五百元以上二千元以下罚款', fromLeadIn: false });
  });

  it('is no span of a list question (its span is the list with its items) nor of a lead-in without the kind asked for', () => {
    expect(findAnswerOrLeadIn('list', '哪些行为要罚款', clauses[3]!.text, leadInOf(clauses, 3), TITLE)).toBeNull();
    expect(findAnswerOrLeadIn('amount', '少报一次罚多少', '未按时报送统计报表的；', '有下列情形之一的，责令改正：', TITLE)).toBeNull();
  });
});

describe('in a search and its reply', () => {
  const outcome = search.search('物业没检查消防车通道罚多少', { limit: 4 });
  const first = outcome.hits[0]!;

  it('the first hit is the item, answered from its lead-in, which the hit names with its path', () => {
    expect(first.path).toBe('第二十条（一）');
    expect(first.answer).toBe('可以处一万元以上三万元以下罚款');
    expect(first.leadIn).toEqual({ path: '第二十条', text: PENALTY });
  });

  it('quotes the lead-in, verbatim with its 文号 and path, between the answer line and the item, once for the list', () => {
    const reply = searchReply('物业没检查消防车通道罚多少', outcome, 'zh-CN');
    const answerAt = reply.blocks.findIndex((b) => b.type === 'text' && b.text === '答：可以处一万元以上三万元以下罚款');
    const cites = reply.blocks.flatMap((b, i) => (b.type === 'citation' ? [{ ...b, at: i }] : []));
    expect(answerAt).toBeGreaterThan(-1);
    expect(cites[0]).toMatchObject({ docNo: '某政规〔2025〕3号', path: '第二十条', quote: PENALTY });
    expect(cites[0]!.at).toBeGreaterThan(answerAt);
    expect(cites[1]).toMatchObject({ path: '第二十条（一）', quote: clauses[3]!.text });
    // Every quote is a substring of the clause at its path.
    for (const c of cites) expect(clauses.find((x) => x.path === c.path)!.text).toContain(c.quote);
    expect(cites.filter((c) => c.path === '第二十条').length).toBe(1);
  });

  it('quotes a lead-in once above the first of its items, however many of them are listed', () => {
    const second = search.search('电梯没有定期检验罚多少', { limit: 1 }).hits[0]!;
    expect(second).toMatchObject({ path: '第二十条（二）', leadIn: { path: '第二十条' } });
    const reply = searchReply('罚多少', { status: 'ok', mode: 'text', hits: [first, second] }, 'zh-CN');
    const paths = reply.blocks.flatMap((b) => (b.type === 'citation' ? [b.path] : []));
    expect(paths).toEqual(['第二十条', '第二十条（一）', '第二十条（二）']);
  });

  it('quotes the list sentence once when the search also lists it as a hit after its item', () => {
    const sentence = search.search('物业没检查消防车通道会受什么处理', { limit: 4 }).hits;
    expect(sentence.map((h) => h.path).slice(0, 2)).toEqual(['第二十条（一）', '第二十条']);
    const reply = searchReply('物业没检查消防车通道会受什么处理', { status: 'ok', mode: 'text', hits: sentence }, 'zh-CN');
    const paths = reply.blocks.flatMap((b) => (b.type === 'citation' ? [b.path] : []));
    expect(paths.filter((p) => p === '第二十条')).toHaveLength(1);
  });

  it('carries the lead-in in the JSON of the hit', () => {
    const reply = searchReply('物业没检查消防车通道罚多少', outcome, 'zh-CN');
    expect((reply.data as { hits: Array<{ leadIn?: unknown }> }).hits[0]!.leadIn).toEqual({ path: '第二十条', text: PENALTY });
  });
});
