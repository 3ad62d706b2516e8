/**
 * What a new document must survive on its way into the corpus: encodings other than UTF-8, a
 * closing paragraph after an article's items, annex tables, text that lost its line breaks, a
 * second copy of a document, and a metadata file with one bad entry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, findClause, loadCorpus } from '../../src/corpus/index.ts';
import { CLAUSE_PART_CHARS } from '../../src/corpus/structure.ts';
import { encodeGbk } from '../helpers/gbk.ts';

const dirs: string[] = [];
function tempCorpus(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-ingest-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A reward regulation: an article with items and a closing paragraph, and an annex table. */
const REWARD_RULE = `晋城市市场监管领域举报奖励办法

第一条 为了鼓励社会公众举报违法行为，制定本办法。

第二条 举报人可以实名或者匿名举报。举报人的身份信息予以保密。

第三条 市场监管部门负责举报的受理和奖励的发放。

第四条 举报奖励实行一案一奖。

第五条 奖励资金列入本级财政预算。

第六条 举报人应当在收到领奖通知之日起九十日内领取奖金。

第七条 有下列情形之一的，不予奖励：
（一）举报人为负有监管职责的工作人员；
（二）举报内容已经被立案查处；
（三）举报人提供虚假材料；
（四）举报事项不属于本办法规定范围；
（五）其他不符合法律法规规定的奖励情形。
两人以上联名举报同一违法行为的，按一个举报奖励，奖金由举报人协商分配。

第八条 本办法自2025年1月1日起施行。

附件

举报奖励标准表

奖励等级\t罚没金额\t奖励标准
一级\t100万元以上\t按罚没金额的2%奖励
二级\t10万元以上不满100万元\t按罚没金额的3%奖励
三级        不满10万元        按罚没金额的5%奖励
`;

describe('encodings: a document saved as GB18030/GBK or UTF-16 is read, not skipped', () => {
  const text = REWARD_RULE;
  const gbk = encodeGbk(text);
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16leNoBom = Buffer.from(text, 'utf16le');
  const utf16be = Buffer.from(text, 'utf16le').swap16();

  it('detects each encoding and decodes the same text', () => {
    expect(decodeText(gbk)).toEqual({ ok: true, text, encoding: 'gb18030' });
    expect(decodeText(utf16le)).toMatchObject({ ok: true, text, encoding: 'utf-16le' });
    expect(decodeText(utf16leNoBom)).toMatchObject({ ok: true, text, encoding: 'utf-16le' });
    expect(decodeText(utf16be)).toMatchObject({ ok: true, text, encoding: 'utf-16be' });
    expect(decodeText(Buffer.from(text))).toMatchObject({ ok: true, text, encoding: 'utf-8' });
  });

  it('loads a GBK file and a UTF-16 file into the same clauses as the UTF-8 original', () => {
    const dir = tempCorpus({ 'a-gbk.txt': gbk, 'b-utf16.txt': utf16le, 'c-utf8.txt': text });
    const { clauses, warnings } = loadCorpus({ dir });
    // Same text three times has no 文号 to collide on, so all three load.
    expect(warnings).toEqual([]);
    const texts = (docId: string) => clauses.filter((c) => c.docId === docId).map((c) => [c.path, c.text]);
    expect(texts('a-gbk')).toEqual(texts('c-utf8'));
    expect(texts('b-utf16')).toEqual(texts('c-utf8'));
    expect(texts('c-utf8').length).toBeGreaterThan(5);
  });
});

describe('an article whose items are followed by a closing paragraph', () => {
  const dir = tempCorpus({ 'reward.txt': REWARD_RULE });
  const { clauses } = loadCorpus({ dir });

  it('files the closing paragraph under the article (第七条), not under its last item', () => {
    const article = findClause(clauses, 'reward', '第七条')!;
    expect(article.text).toContain('两人以上联名举报同一违法行为的，按一个举报奖励');
    expect(findClause(clauses, 'reward', '第七条（五）')!.text).toBe('其他不符合法律法规规定的奖励情形。');
  });

  it('keeps every item as its own clause', () => {
    const items = clauses.filter((c) => c.path.startsWith('第七条（')).map((c) => c.path);
    expect(items).toEqual(['第七条（一）', '第七条（二）', '第七条（三）', '第七条（四）', '第七条（五）']);
  });
});

describe('an annex table', () => {
  const dir = tempCorpus({ 'reward.txt': REWARD_RULE });
  const annex = loadCorpus({ dir }).clauses.find((c) => c.path.startsWith('附件'))!;

  it('keeps the cells of each row apart, tab-separated or space-padded', () => {
    const rows = annex.text.split('\n');
    expect(rows).toContain('奖励等级 | 罚没金额 | 奖励标准');
    expect(rows).toContain('一级 | 100万元以上 | 按罚没金额的2%奖励');
    expect(rows).toContain('三级 | 不满10万元 | 按罚没金额的5%奖励');
  });

  it('never runs two rows together', () => {
    expect(annex.text).not.toMatch(/奖励标准一级|2%奖励二级/);
  });
});

describe('a regulation whose chapter headings are spaced out to the page width', () => {
  const text = '第一章  总    则\n\n第一条 为加强储备粮管理，制定本办法。\n\n第二章  计    划\n\n第二条 储备计划由市政府批准。\n';
  const { clauses } = loadCorpus({ dir: tempCorpus({ 'spaced.txt': text }) });

  it('reads each as a chapter heading, not a table row run into the article before it', () => {
    expect(clauses.map((c) => [c.path, c.heading, c.text])).toEqual([
      ['第一条', '第一章 总则 > 第一条', '为加强储备粮管理，制定本办法。'],
      ['第二条', '第二章 计划 > 第二条', '储备计划由市政府批准。'],
    ]);
  });
});

describe('a regulation whose articles follow its record of enactment', () => {
  const text = '企业投资项目管理条例\n\n2016年10月8日 国务院第149次常务会议通过\n2016年11月30日 国务院令第673号公布\n2017年2月1日 施行\n\n第一条 为了规范企业投资项目管理，制定本条例。\n\n第二条 本条例适用于企业投资项目。\n';
  const { clauses } = loadCorpus({ dir: tempCorpus({ 'records.txt': text }) });

  it('keeps the record, complete without a full stop, apart from 第一条', () => {
    expect(clauses.map((c) => c.path)).toEqual(['序言', '第一条', '第二条']);
    expect(clauses[0]!.text).toBe('2016年10月8日国务院第149次常务会议通过\n2016年11月30日国务院令第673号公布\n2017年2月1日施行');
    expect(clauses[1]!.text).toBe('为了规范企业投资项目管理，制定本条例。');
  });
});

describe('a document that lost its line breaks', () => {
  it('gets its articles back when the numbering is still in the text', () => {
    const flat = REWARD_RULE.split('\n附件')[0]!.replace(/\n+/g, ' ').repeat(1) + ' '.repeat(1000);
    const { clauses } = loadCorpus({ dir: tempCorpus({ 'flat.txt': flat }) });
    expect(clauses.map((c) => c.path)).toEqual(expect.arrayContaining(['第一条', '第二条', '第七条', '第七条（三）', '第八条']));
    expect(findClause(clauses, 'flat', '第八条')!.text).toBe('本办法自2025年1月1日起施行。');
  });

  it('is split into sentence-sized clauses with a warning naming the file when it has no numbering at all', () => {
    const sentence = '开发区应当优化营商环境，为入驻企业提供全流程代办服务，并定期听取企业意见。';
    const prose = Array.from({ length: 400 }, (_, i) => sentence.replace('定期', `第${i + 1}次`)).join('');
    const seen: string[] = [];
    const { clauses, warnings } = loadCorpus({ dir: tempCorpus({ 'no-breaks.txt': prose }), onWarning: (w) => seen.push(w) });
    expect(prose.length).toBeGreaterThan(15000);
    expect(clauses.length).toBeGreaterThan(20);
    for (const c of clauses) expect(c.text.length).toBeLessThanOrEqual(CLAUSE_PART_CHARS);
    // Parts end at sentence ends and keep the text whole.
    for (const c of clauses) expect(c.text.endsWith('。')).toBe(true);
    expect(clauses.map((c) => c.text).join('')).toBe(prose);
    expect(clauses[0]!.path).toBe('序言 第1段');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no-breaks.txt');
    expect(seen).toEqual(warnings);
  });
});

describe('two files with the same 文号', () => {
  const older = `晋市政发〔2024〕12号\n\n某某管理办法\n\n第一条 旧的规定。\n`;
  const newer = `晋市政发〔2024〕12 号\n\n某某管理办法\n\n2024年5月1日\n\n第一条 新的规定。\n`;
  const dir = tempCorpus({ 'a-copy.txt': older, 'b-revised.txt': newer });
  const { documents, clauses, warnings } = loadCorpus({ dir });

  it('are never both loaded: one copy is kept and the other reported by name', () => {
    expect(documents.filter((d) => d.docNo === '晋市政发〔2024〕12号')).toHaveLength(1);
    expect(clauses.filter((c) => c.path === '第一条')).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('a-copy.txt');
    expect(warnings[0]).toContain('b-revised.txt');
  });

  it('keeps the copy with the later date', () => {
    expect(findClause(clauses, '晋市政发〔2024〕12号', '第一条')!.text).toBe('新的规定。');
  });
});

describe('a metadata.json with one malformed entry', () => {
  const dir = tempCorpus({
    'good.txt': '第一条 本规定适用于开发区。\n',
    'bad.txt': '第一条 本规定适用于示范区。\n',
    'metadata.json': JSON.stringify({
      'good.txt': { title: '开发区规定', docNo: '晋开发〔2025〕1号', date: '2025-02-01' },
      'bad.txt': { title: '示范区规定', date: '2025-02-30' },
    }),
  });
  const { documents, warnings } = loadCorpus({ dir });

  it('reports the bad entry by its file name and ignores only that entry', () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('metadata.json');
    expect(warnings[0]).toContain('bad.txt');
    expect(warnings[0]).toContain('date');
    const good = documents.find((d) => d.file === 'good.txt')!;
    expect(good).toMatchObject({ title: '开发区规定', docNo: '晋开发〔2025〕1号', date: '2025-02-01' });
    expect(documents.find((d) => d.file === 'bad.txt')!.title).toBe('bad');
  });
});

describe('skipped files', () => {
  it('are named in a warning: empty, binary and undecodable files', () => {
    const dir = tempCorpus({
      'empty.txt': '',
      'zeros.txt': Buffer.alloc(64),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]),
    });
    const { warnings } = loadCorpus({ dir });
    expect(warnings).toHaveLength(3);
    for (const f of ['empty.txt', 'zeros.txt', 'latin1.txt']) expect(warnings.some((w) => w.includes(f)), f).toBe(true);
  });
});

