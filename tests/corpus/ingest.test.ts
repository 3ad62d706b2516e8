/**
 * What a new document must survive on its way into the corpus: encodings other than UTF-8, a
 * closing paragraph after an article's items, annex tables, text that lost its line breaks, a
 * second copy of a document, and a metadata file with one bad entry.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, decodeText, findClause, loadCorpus } from '../../src/corpus/index.ts';
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
/** The warnings other than "no title was recognised" (most texts here are bare, untitled fragments). */
const besidesTitle = (warnings: readonly string[]) => warnings.filter((w) => !w.includes('未能识别标题'));

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
    // Each in a folder of its own: in one folder the same text is loaded once (below).
    const load = (name: string, bytes: string | Buffer) => {
      const { clauses, warnings } = loadCorpus({ dir: tempCorpus({ [name]: bytes }) });
      expect(warnings).toEqual([]);
      return clauses.map((c) => [c.path, c.text]);
    };
    const utf8 = load('c-utf8.txt', text);
    expect(load('a-gbk.txt', gbk)).toEqual(utf8);
    expect(load('b-utf16.txt', utf16le)).toEqual(utf8);
    expect(utf8.length).toBeGreaterThan(5);
  });

  it('loads the same text in three encodings in one folder once, naming the copies it skipped', () => {
    const dir = tempCorpus({ 'a-gbk.txt': gbk, 'b-utf16.txt': utf16le, 'c-utf8.txt': text });
    const { documents, warnings } = loadCorpus({ dir });
    expect(documents).toHaveLength(1);
    expect(warnings).toHaveLength(2);
    const kept = documents[0]!.file;
    for (const w of warnings) expect(w).toContain(kept);
    expect(warnings.join('\n')).toContain(['a-gbk.txt', 'b-utf16.txt', 'c-utf8.txt'].filter((f) => f !== kept)[0]);
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

describe('a regulation printed with its record of enactment right under the title, no blank lines', () => {
  const text = '宁波市安全生产责任规定\n2021年1月22日 宁波市第十五届人民代表大会常务委员会第三十五次会议通过\n2021年3月26日 浙江省第十三届人民代表大会常务委员会第二十八次会议批准\n第一条 为了落实安全生产责任，制定本规定。\n第二条 本规定自2021年5月1日起施行。\n';
  const { documents, clauses, warnings } = loadCorpus({ dir: tempCorpus({ 'ningbo.txt': text }) });

  it('reads the title above the record, and the date and the body that adopted it from the record', () => {
    expect(documents[0]).toMatchObject({ title: '宁波市安全生产责任规定', date: '2021-01-22', issuer: '宁波市人民代表大会常务委员会' });
  });

  it('keeps the record as its own 序言 clause and 第一条 apart from it', () => {
    expect(clauses.map((c) => c.path)).toEqual(['序言', '第一条', '第二条']);
    expect(clauses[0]!.text).not.toContain('宁波市安全生产责任规定');
    expect(clauses[1]!.text).toBe('为了落实安全生产责任，制定本规定。');
    expect(warnings.join('\n')).not.toMatch(/未能识别标题|没有第一条/);
  });

  it('dates a revised regulation by its latest revision, not its first adoption', () => {
    const revised = '北京市专利保护和促进条例\n2005年5月20日 北京市第十二届人民代表大会常务委员会第二十次会议通过\n2013年9月27日 北京市第十四届人民代表大会常务委员会第六次会议修订\n第一条 为了鼓励发明创造，制定本条例。\n第二条 本条例自2014年1月1日起施行。\n';
    const c = loadCorpus({ dir: tempCorpus({ 'revised.txt': revised }) });
    expect(c.documents[0]).toMatchObject({ title: '北京市专利保护和促进条例', date: '2013-09-27', issuer: '北京市人民代表大会常务委员会' });
  });

  it('does not date a regulation by its approval (批准): that adopts no text', () => {
    expect(documents[0]!.date).toBe('2021-01-22');
  });

  it('reads a record in parentheses over two lines, with an amendment (根据…修正), the same way, dated by the amendment', () => {
    const law = '中华人民共和国行政许可法\n（2003年8月27日第十届全国人民代表大会常务委员会第四次会议通过\n根据2019年4月23日第十三届全国人民代表大会常务委员会第十次会议《关于修改〈中华人民共和国建筑法〉等八部法律的决定》修正）\n第一条 为了规范行政许可的设定和实施，制定本法。\n第二条 本法所称行政许可，是指行政机关准予其从事特定活动的行为。\n';
    const c = loadCorpus({ dir: tempCorpus({ 'law.txt': law }) });
    expect(c.documents[0]).toMatchObject({ title: '中华人民共和国行政许可法', date: '2019-04-23', issuer: '全国人民代表大会常务委员会' });
    expect(c.clauses.map((x) => x.path)).toEqual(['序言', '第一条', '第二条']);
  });
});

describe('warnings about a title or a 第一条 that could not be read', () => {
  it('names the file whose title fell back to its file name, and says how to give one', () => {
    const { documents, warnings } = loadCorpus({ dir: tempCorpus({ 'notitle.txt': '为了加强管理，现规定如下。\n第一条 本规定适用于全市。\n第二条 本规定自公布之日起施行。\n' }) });
    expect(documents[0]!.title).toBe('notitle');
    expect(warnings.join('\n')).toMatch(/notitle\.txt：未能识别标题，暂用文件名「notitle」；请用 --title 给出/);
  });

  it('says 第一条 may have run into the text before it when a 第二条 has no 第一条', () => {
    // A subtitle line run into 第一条 (第一条 in mid-line is no article heading).
    const glued = '某某管理规定\n（试行）第一条 为了管理，制定本规定。\n第二条 本规定自公布之日起施行。\n';
    const { clauses, warnings } = loadCorpus({ dir: tempCorpus({ 'glued.txt': glued }) });
    expect(clauses.map((c) => c.path)).not.toContain('第一条');
    expect(warnings.join('\n')).toMatch(/glued\.txt：有第二条却没有第一条，第一条可能并入了前面的文字/);
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
    expect(besidesTitle(warnings)).toHaveLength(1);
    expect(besidesTitle(warnings)[0]).toContain('no-breaks.txt');
    expect(seen).toEqual(warnings);
  });
});

describe('a short text with no line breaks at all', () => {
  const flat =
    '晋城市人民政府办公室关于印发测试方案的通知 晋市政办〔2025〕9号 各县（市、区）人民政府： 现将方案印发给你们，请认真贯彻执行。 ' +
    '晋城市人民政府办公室 2025年3月1日 测试方案 一、总体要求（一）指导思想 1.坚持项目为王。2.坚持服务为先。 二、主要任务（一）优化环境。各单位要加强协调。';

  it('gets its 文号, title, date and numbered clauses back, with a warning naming the file', () => {
    const { documents, clauses, warnings } = loadCorpus({ dir: tempCorpus({ 'flat-short.txt': flat }) });
    expect(flat.length).toBeLessThan(300);
    expect(documents[0]).toMatchObject({ docNo: '晋市政办〔2025〕9号', title: '测试方案', date: '2025-03-01', issuer: '晋城市人民政府办公室' });
    expect(clauses.map((c) => [c.path, c.text])).toEqual([
      ['一、（一）1', '坚持项目为王。'],
      ['一、（一）2', '坚持服务为先。'],
      ['二、（一）', '优化环境。各单位要加强协调。'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('flat-short.txt');
    expect(warnings[0]).toContain('no line breaks');
  });

  it('is read the same whether it has one line or its own line breaks (no warning then)', () => {
    const lined = flat.replace(/ /g, '\n').replace(/（一）/g, '\n（一）').replace(/。2\./, '。\n2.');
    const { clauses, warnings } = loadCorpus({ dir: tempCorpus({ 'lined.txt': lined }) });
    expect(warnings).toEqual([]);
    expect(clauses.map((c) => c.path)).toEqual(['一、（一）1', '一、（一）2', '二、（一）']);
  });

  it('without any numbering is one 序言, said in a warning', () => {
    const { clauses, warnings } = loadCorpus({ dir: tempCorpus({ 'prose.txt': '开发区应当优化营商环境，为入驻企业提供全流程代办服务，并定期听取企业意见。' }) });
    expect(clauses.map((c) => c.path)).toEqual(['序言']);
    expect(besidesTitle(warnings)).toHaveLength(1);
    expect(besidesTitle(warnings)[0]).toContain('prose.txt');
    expect(besidesTitle(warnings)[0]).toContain('序言');
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
    expect(besidesTitle(warnings)).toHaveLength(1);
    expect(besidesTitle(warnings)[0]).toContain('a-copy.txt');
    expect(besidesTitle(warnings)[0]).toContain('b-revised.txt');
  });

  it('keeps the copy with the later date', () => {
    expect(findClause(clauses, '晋市政发〔2024〕12号', '第一条')!.text).toBe('新的规定。');
  });
});

describe('a metadata.json with one malformed field', () => {
  const dir = tempCorpus({
    'good.txt': '第一条 本规定适用于开发区。\n',
    'bad.txt': '第一条 本规定适用于示范区。\n',
    'metadata.json': JSON.stringify({
      'good.txt': { title: '开发区规定', docNo: '晋开发〔2025〕1号', date: '2025-02-01' },
      'bad.txt': { title: '示范区规定', date: '2025-02-30' },
    }),
  });
  const { documents, warnings } = loadCorpus({ dir });

  it('reports the bad field by file and field and ignores only that field', () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('metadata.json');
    expect(warnings[0]).toContain('bad.txt');
    expect(warnings[0]).toContain('date');
    expect(warnings[0]).toContain('「2025-02-30」不是真实的日期');
    expect(warnings[0]).toContain('"2025-02-30" is not a real date');
    const good = documents.find((d) => d.file === 'good.txt')!;
    expect(good).toMatchObject({ title: '开发区规定', docNo: '晋开发〔2025〕1号', date: '2025-02-01' });
    // The entry's valid title still applies.
    expect(documents.find((d) => d.file === 'bad.txt')).toMatchObject({ title: '示范区规定', date: null });
  });
});

describe('a metadata.json entry whose 文号 override sits beside a bad date', () => {
  // a.txt prints the wrong 文号 (b.txt's); its entry corrects it. Dropping the whole entry for its
  // bad date made a.txt collide with b.txt and b.txt, a different document, be skipped.
  const dir = tempCorpus({
    'a.txt': '晋市政办〔2024〕32号\n\n甲方案\n\n一、甲的规定。\n',
    'b.txt': '晋市政办〔2024〕32号\n\n乙方案\n\n2024年11月4日\n\n一、乙的规定。\n',
    'metadata.json': JSON.stringify({ 'a.txt': { docNo: '晋市政办〔2024〕33号', date: '2025-13-45' } }),
  });
  const { documents, warnings } = loadCorpus({ dir });

  it('keeps the override, so both documents load', () => {
    expect(documents.map((d) => [d.file, d.docNo])).toEqual([
      ['a.txt', '晋市政办〔2024〕33号'],
      ['b.txt', '晋市政办〔2024〕32号'],
    ]);
    expect(warnings.some((w) => w.includes('a.txt') && w.includes('2025-13-45'))).toBe(true);
    expect(warnings.some((w) => w.includes('已跳过'))).toBe(false);
  });
});

describe('metadata.json problems are each reported in plain words', () => {
  const dir = tempCorpus({
    'a.txt': '第一条 本规定适用于开发区。\n',
    'b.txt': '第一条 本规定适用于示范区。\n',
    'metadata.json': JSON.stringify({
      'a.txt': { title: '', date: '2025/01/01', issuer: 7, doc_no: 'x', docNo: '晋开发〔2025〕2号' },
      'b.txt': 'oops',
      'gone.txt': { title: '已删除的文件' },
    }),
  });
  const { documents, warnings } = loadCorpus({ dir });

  it('names every bad field of an entry, not only the first, and still applies the good one', () => {
    const forA = besidesTitle(warnings).filter((w) => w.includes('a.txt'));
    expect(forA).toHaveLength(4);
    expect(forA.join('\n')).toMatch(/title is empty/);
    expect(forA.join('\n')).toMatch(/date "2025\/01\/01" should be written YYYY-MM-DD/);
    expect(forA.join('\n')).toMatch(/issuer should be text or null, got the number 7/);
    expect(forA.join('\n')).toMatch(/unknown field "doc_no"/);
    expect(documents.find((d) => d.file === 'a.txt')!.docNo).toBe('晋开发〔2025〕2号');
  });

  it('says an entry that is not an object should be one, and warns about an entry for a missing file', () => {
    expect(warnings.some((w) => w.includes('b.txt') && w.includes('should be an object') && w.includes('条目应为对象'))).toBe(true);
    expect(warnings.some((w) => w.includes('gone.txt') && w.includes('no such file') && w.includes('没有这个文件'))).toBe(true);
  });

  it('never shows the validator\'s own wording', () => {
    for (const w of warnings) expect(w).not.toMatch(/Too small|Invalid input|expected string|not a real date\b(?! )|>=1 characters/);
  });
});

describe('a second copy of a document without 文号', () => {
  const brief = readFileSync(join(DEFAULT_CORPUS_DIR, 'taiyuan-jinzhong-development-zones-briefing.txt'));
  const dir = tempCorpus({ 'taiyuan-jinzhong-development-zones-briefing.txt': brief, 'taiyuan-jinzhong-development-zones-briefing-2.txt': brief });
  const { documents, clauses, warnings } = loadCorpus({ dir });

  it('is loaded once, with a warning naming both files', () => {
    expect(documents).toHaveLength(1);
    expect(documents[0]!.file).toBe('taiyuan-jinzhong-development-zones-briefing.txt');
    expect(new Set(clauses.map((c) => c.text)).size).toBe(clauses.length);
    expect(besidesTitle(warnings)).toHaveLength(1);
    expect(besidesTitle(warnings)[0]).toContain('taiyuan-jinzhong-development-zones-briefing-2.txt');
    expect(besidesTitle(warnings)[0]).toContain('内容与 taiyuan-jinzhong-development-zones-briefing.txt 相同');
  });

  it('gives way to a copy that has a 文号, and two numbered copies are two documents', () => {
    const text = '开发区简报\n\n一、项目建设提速。\n二、服务质量提升。\n';
    const d = tempCorpus({
      'a-plain.txt': text,
      'b-numbered.txt': text,
      'c-other-number.txt': text,
      'metadata.json': JSON.stringify({ 'b-numbered.txt': { docNo: '晋开发〔2025〕3号' }, 'c-other-number.txt': { docNo: '晋开发〔2025〕4号' } }),
    });
    const c = loadCorpus({ dir: d });
    expect(c.documents.map((x) => x.file)).toEqual(['b-numbered.txt', 'c-other-number.txt']);
    expect(besidesTitle(c.warnings)).toHaveLength(1);
    expect(besidesTitle(c.warnings)[0]).toContain('a-plain.txt');
  });
});

describe('a 文号 given in metadata.json that contradicts the one printed in the text', () => {
  it('is used, with a warning showing both numbers', () => {
    const dir = tempCorpus({
      'a.txt': '晋市政办〔2025〕9号\n\n甲方案\n\n一、甲的规定。\n',
      'metadata.json': JSON.stringify({ 'a.txt': { docNo: '晋市政办〔2025〕19号' } }),
    });
    const { documents, warnings } = loadCorpus({ dir });
    expect(documents[0]!.docNo).toBe('晋市政办〔2025〕19号');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('a.txt');
    expect(warnings[0]).toContain('晋市政办〔2025〕19号');
    expect(warnings[0]).toContain('晋市政办〔2025〕9号');
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

