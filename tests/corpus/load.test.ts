/**
 * loadCorpus on folders other than the repository's: a dropped-in regulation, documents without
 * metadata, and bad files that must be skipped with a warning naming them.
 */
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, clearCorpusCache, findClause, loadCorpus } from '../../src/corpus/index.ts';

const dirs: string[] = [];
function tempCorpus(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-corpus-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const REGULATION = `晋城市人民政府文件

晋市政发〔2024〕12 号

晋城市人民政府
关于印发晋城市招商引资项目服务管理办法的通知

各县（市、区）人民政府，市人民政府各委、办、局：
《晋城市招商引资项目服务管理办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。

晋城市人民政府
2024 年 3 月 15 日

晋城市招商引资项目服务管理办法

第一章 总则

第一条 为了规范招商引资项目服务，优化营商环境，根据有关规定，结合本市实际，制定本
办法。

第二条 本办法适用于本市行政区域内的招商引资项目服务活动。

第二章 项目服务

第三条 市投资促进中心负责全市招商引资项目的统筹协调，履行下列职责：
（一）建立招商项目库；
（二）组织重大招商活动。

第四条 项目单位应当按季度报送项目进展情况。〔责任单位：市投资促进中心，各县（市、区）人民政府〕

第三章 附则

第五条 本办法自 2024 年 4 月 1 日起施行。

抄送：市委各部门。
`;

describe('a regulation-style document dropped into corpus/ without metadata', () => {
  const dir = tempCorpus({ 'jincheng-2024-12-project-service.txt': REGULATION });
  const { documents, clauses, warnings } = loadCorpus({ dir });

  it('is indexed with 文号, title, issuer and date read from its header', () => {
    expect(warnings).toEqual([]);
    expect(documents).toEqual([
      {
        docId: 'jincheng-2024-12-project-service',
        docNo: '晋市政发〔2024〕12号',
        title: '晋城市招商引资项目服务管理办法',
        issuer: '晋城市人民政府',
        date: '2024-03-15',
        file: 'jincheng-2024-12-project-service.txt',
      },
    ]);
  });

  it('cites articles as 第X条 and their items as 第X条（一）, with chapters in the heading', () => {
    expect(clauses.map((c) => c.path)).toEqual(['第一条', '第二条', '第三条', '第三条（一）', '第三条（二）', '第四条', '第五条']);
    const first = findClause(clauses, '晋市政发[2024]12号', '第一条')!;
    expect(first.text).toBe('为了规范招商引资项目服务，优化营商环境，根据有关规定，结合本市实际，制定本办法。');
    expect(first.heading).toBe('第一章 总则 > 第一条');
    expect(findClause(clauses, '晋市政发〔2024〕12号', '第三条')!.text).toBe('市投资促进中心负责全市招商引资项目的统筹协调，履行下列职责：');
    expect(findClause(clauses, '晋市政发〔2024〕12号', '第三条(二)')!.text).toBe('组织重大招商活动。');
    expect(findClause(clauses, '晋市政发〔2024〕12号', '第五条')!.heading).toBe('第三章 附则 > 第五条');
  });

  it('reads the responsibility note of an article into units', () => {
    const c = findClause(clauses, '晋市政发〔2024〕12号', '第四条')!;
    expect(c.text).toBe('项目单位应当按季度报送项目进展情况。');
    expect(c.units).toEqual(['市投资促进中心', '各县（市、区）人民政府']);
  });
});

describe('a single-spaced plan with radical look-alikes, full-width digits and page numbers', () => {
  const TEXT = [
    '泽州县人民政府办公室文件',
    '泽政办发[２０２４]９ 号',
    '泽州县人民政府办公室关于印发泽州县招商引资⼯作⽅案的通知',
    '各乡镇人民政府：',
    '《泽州县招商引资⼯作⽅案》已经县人民政府同意，现印发给你们，请认真贯彻执行。',
    '泽州县人民政府办公室',
    '2024年5月6日',
    '泽州县招商引资⼯作⽅案',
    '为加大招商引资力度，制定本⽅案。',
    '一、总体目标',
    '全年招引项⽬不少于１０个，到位资金不少于',
    '- 2 -',
    '５亿元。（责任单位：县投资促进中心、各乡镇）',
    '二、工作要求',
    '按⽉报送进展。',
  ].join('\n');
  const dir = tempCorpus({ 'zezhou.txt': TEXT });
  const { documents, clauses } = loadCorpus({ dir });

  it('repairs the look-alikes and reads the header', () => {
    expect(documents[0]).toMatchObject({
      docNo: '泽政办发〔2024〕9号',
      title: '泽州县招商引资工作方案',
      issuer: '泽州县人民政府办公室',
      date: '2024-05-06',
    });
  });

  it('joins the sentence across the page number and parses the clauses', () => {
    expect(clauses.map((c) => [c.path, c.text, c.units])).toEqual([
      ['序言', '为加大招商引资力度，制定本方案。', []],
      ['一、', '全年招引项目不少于10个，到位资金不少于5亿元。', ['县投资促进中心', '各乡镇']],
      ['二、', '按月报送进展。', []],
    ]);
  });
});

describe('measures issued with a short covering notice (现将《…》印发给你们, signature and date, the title again)', () => {
  const NOTICE = [
    '晋城市人民政府办公室', '', '晋市政办〔2026〕8号', '', '晋城市人民政府办公室', '关于支持外出招商工作的若干措施', '',
    '各县（市、区）人民政府，市直各有关单位：', '现将《关于支持外出招商工作的若干措施》印发给你们，请认真贯彻执行。', '',
    '晋城市人民政府办公室', '2026年3月15日', '', '关于支持外出招商工作的若干措施', '',
    '第一条 为加强外出招商工作，制定本措施。', '第二条 对引进总投资10亿元以上项目的招商团队，给予5万元奖励。',
  ].join('\n');

  it('takes the date from the notice, leaves the notice out, and cites the articles as 第一条, 第二条', () => {
    const { clauses, documents } = loadCorpus({ dir: tempCorpus({ 'jincheng-2026-8-outbound.txt': NOTICE }), fresh: true });
    expect(documents[0]).toMatchObject({ docNo: '晋市政办〔2026〕8号', date: '2026-03-15' });
    expect(clauses.map((c) => c.path)).toEqual(['第一条', '第二条']);
    expect(clauses[0]!.text).toBe('为加强外出招商工作，制定本措施。');
  });
});

describe('a bare regulation without any header', () => {
  it('takes its title from a first line naming a document type', () => {
    const dir = tempCorpus({ 'rules.txt': '开发区项目代办服务规定\n\n第一条 开发区为项目提供全程代办服务。\n\n第二条 本规定自发布之日起施行。\n' });
    const { documents, clauses } = loadCorpus({ dir });
    expect(documents[0]).toMatchObject({ docId: 'rules', docNo: null, title: '开发区项目代办服务规定', issuer: null, date: null });
    expect(clauses.map((c) => [c.path, c.text])).toEqual([
      ['第一条', '开发区为项目提供全程代办服务。'],
      ['第二条', '本规定自发布之日起施行。'],
    ]);
  });
});

describe('bad files', () => {
  const dir = tempCorpus({
    'empty.txt': '',
    'blank.txt': '  \n\n\t\n',
    // Latin-1 (café crème): neither UTF-8, GB18030 nor UTF-16. GBK files are read (see ingest.test.ts).
    'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65, 0x0a]),
    'binary.txt': Buffer.concat([Buffer.from('一、总体目标\n'), Buffer.from([0x00, 0x01, 0x02, 0x00, 0x03])]),
    'notes.md': '# not a corpus file',
  });
  copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(dir, 'good.txt'));
  const seen: string[] = [];
  const { documents, clauses, warnings } = loadCorpus({ dir, onWarning: (m) => seen.push(m) });

  it('are skipped with a warning naming each of them, while the rest still loads', () => {
    expect(documents.map((d) => d.file)).toEqual(['good.txt']);
    expect(clauses.length).toBe(13);
    expect(warnings).toHaveLength(5);
    // notes.md is not read (not a .txt), and says so.
    for (const name of ['empty.txt', 'blank.txt', 'latin1.txt', 'binary.txt', 'notes.md']) {
      expect(warnings.some((w) => w.includes(name)), name).toBe(true);
    }
    expect(warnings.find((w) => w.includes('latin1.txt'))).toContain('GB18030');
    expect(seen).toEqual(warnings);
  });

  it('ignores a malformed metadata.json with a warning and still reads the headers', () => {
    const d = tempCorpus({ 'metadata.json': '{ not json' });
    copyFileSync(join(DEFAULT_CORPUS_DIR, 'shanxi-2024-31-consumer-goods-investment.txt'), join(d, 'sx.txt'));
    const c = loadCorpus({ dir: d });
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toContain('metadata.json');
    expect(c.documents[0]!.docNo).toBe('晋政办发〔2024〕31号');
  });

  it('reports a missing folder instead of throwing', () => {
    const c = loadCorpus({ dir: join(tmpdir(), 'pd-corpus-does-not-exist') });
    expect(c.documents).toEqual([]);
    expect(c.warnings[0]).toContain('pd-corpus-does-not-exist');
  });
});

describe('a 文号 in metadata.json that differs from the one the text prints', () => {
  const load = (entry: Record<string, string>) => loadCorpus({ dir: tempCorpus({ 'reg.txt': REGULATION, 'metadata.json': JSON.stringify({ 'reg.txt': entry }) }) });

  it('is recorded as given, with a warning naming both numbers and how to say the correction is meant', () => {
    const c = load({ docNo: '晋市政发〔2024〕13号' });
    expect(c.documents[0]!.docNo).toBe('晋市政发〔2024〕13号');
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toContain('晋市政发〔2024〕12号');
    expect(c.warnings[0]).toContain('"printedDocNo": "晋市政发〔2024〕12号"');
  });

  it('is no longer warned about once printedDocNo names the number the text prints', () => {
    const c = load({ docNo: '晋市政发〔2024〕13号', printedDocNo: '晋市政发〔2024〕12 号' });
    expect(c.documents[0]!.docNo).toBe('晋市政发〔2024〕13号');
    expect(c.warnings).toEqual([]);
  });

  it('is still warned about when printedDocNo is not what the text prints', () => {
    const c = load({ docNo: '晋市政发〔2024〕13号', printedDocNo: '晋市政发〔2024〕11号' });
    expect(c.warnings).toHaveLength(2);
    expect(c.warnings[1]).toContain('printedDocNo 晋市政发〔2024〕11号');
  });
});

describe('caching', () => {
  it('returns the same parsed corpus for the same folder until the cache is cleared', () => {
    const a = loadCorpus();
    expect(loadCorpus({ dir: DEFAULT_CORPUS_DIR })).toBe(a);
    clearCorpusCache(DEFAULT_CORPUS_DIR);
    const b = loadCorpus();
    expect(b).not.toBe(a);
    expect(b.clauses).toEqual(a.clauses);
  });
});
