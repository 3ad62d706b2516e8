/**
 * The parse cache stores a document packed (src/corpus/packedParse.ts): its clause texts as one
 * string and its paths, headings and unit lists once. Read back, the parse is exactly what was
 * stored, whatever the document's shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, parseDocumentFile, type DocumentParse } from '../../src/corpus/index.ts';
import { packParse, unpackParse } from '../../src/corpus/packedParse.ts';
import { SharedValues } from '../../src/corpus/shareValues.ts';

const roundTrip = (p: DocumentParse) => unpackParse(structuredClone(packParse(p)));

describe('a document parse packed for the cache', () => {
  it('reads back equal to the parse, clause for clause, for every seed document', () => {
    for (const file of ['jincheng-2024-32-consumer-goods-investment.txt', 'shanxi-2024-31-consumer-goods-investment.txt', 'taiyuan-jinzhong-development-zones-briefing.txt']) {
      const parse = parseDocumentFile(readFileSync(join(DEFAULT_CORPUS_DIR, file)), file);
      expect(parse.ok).toBe(true);
      const back = roundTrip(parse);
      expect(back).toEqual(parse);
      // Same order of keys, so --json output and logs read the same.
      if (back.ok && parse.ok) expect(Object.keys(back.clauses[0]!)).toEqual(Object.keys(parse.clauses[0]!));
    }
  });

  it('keeps the texts exact, including empty units and clauses with the same path in another heading', () => {
    const document = { docId: 'd', docNo: null, title: '标题', issuer: null, date: null, file: 'd.txt' };
    const clause = (path: string, heading: string, text: string, units: string[]) => ({ docId: 'd', docNo: null, title: '标题', path, heading, text, units });
    const parse: DocumentParse = {
      ok: true,
      document,
      clauses: [clause('一、', '一、总则', '第一段。', []), clause('（一）', '一、总则 > （一）', '短', ['市商务局']), clause('（一）', '二、措施 > （一）', '含\n换行的条文', ['市商务局'])],
      warnings: ['d.txt：提示'],
      encoding: 'gb18030',
    };
    expect(roundTrip(parse)).toEqual(parse);
  });

  it('stores a skipped file, and a document whose clauses name another 文号 or title, as they are', () => {
    const skipped: DocumentParse = { ok: false, warnings: ['已跳过 a.txt：文件为空 / skipped a.txt: empty file'] };
    expect(packParse(skipped)).toBe(skipped);
    const document = { docId: 'd', docNo: '晋市政办〔2024〕1号', title: '标题', issuer: null, date: null, file: 'd.txt' };
    const odd: DocumentParse = {
      ok: true,
      document,
      clauses: [{ docId: 'd', docNo: '晋市政办〔2024〕2号', title: '标题', path: '一、', heading: '一、', text: '条文。', units: [] }],
      warnings: [],
      encoding: 'utf-8',
    };
    expect(packParse(odd)).toBe(odd);
    expect(roundTrip(odd)).toEqual(odd);
  });

  it('unpacked through one SharedValues, two documents with the same units share one frozen list', () => {
    const doc = (id: string): DocumentParse => ({
      ok: true,
      document: { docId: id, docNo: null, title: id, issuer: null, date: null, file: `${id}.txt` },
      clauses: [{ docId: id, docNo: null, title: id, path: '一、', heading: '一、', text: `${id}的条文。`, units: ['市商务局', '市发改委'] }],
      warnings: [],
      encoding: 'utf-8',
    });
    const shared = new SharedValues();
    const [a, b] = [unpackParse(structuredClone(packParse(doc('a'))), shared), unpackParse(structuredClone(packParse(doc('b'))), shared)];
    expect(a).toEqual(doc('a'));
    if (!a.ok || !b.ok) throw new Error('parsed');
    expect(b.clauses[0]!.units).toBe(a.clauses[0]!.units);
    expect(Object.isFrozen(a.clauses[0]!.units)).toBe(true);
  });
});
