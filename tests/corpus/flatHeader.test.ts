/**
 * A policy text whose line breaks were simply deleted (no space left where they were): its masthead,
 * 文号, issuer, notice title and plan title are found as in the original, its clauses are the same,
 * and so a flat copy is recognised as a copy (same 文号, or same text under another 文号). A stored
 * document without a 文号 is warned about.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, parseDocumentText, type ParsedDocument } from '../../src/corpus/index.ts';
import { prepareDocument, storeDocument } from '../../src/corpus/ingest.ts';
import { tempDir } from '../helpers/run.ts';

const WITH_DOC_NO = [
  ['jincheng-2024-32-consumer-goods-investment.txt', '晋市政办〔2024〕32号'],
  ['shanxi-2024-31-consumer-goods-investment.txt', '晋政办发〔2024〕31号'],
  ['chengqu-2024-36-specialty-towns.txt', '城政办发〔2024〕36号'],
  ['jincheng-2025-4-transformation-demo-zone.txt', '晋市政办〔2025〕4号'],
] as const;
const BRIEFING = 'taiyuan-jinzhong-development-zones-briefing.txt';

const original = (file: string) => readFileSync(join(DEFAULT_CORPUS_DIR, file), 'utf8');
const flatten = (text: string) => text.replace(/\r?\n/g, '');
const parse = (text: string, file: string) => {
  const r = parseDocumentText(text, file);
  expect(r.ok).toBe(true);
  return r as ParsedDocument;
};

function corpusCopy(): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_CORPUS_DIR)) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  return dir;
}

describe('a corpus document with every line break deleted', () => {
  it.each(WITH_DOC_NO)('%s keeps its 文号, title, issuer, date and clauses', (file, docNo) => {
    const a = parse(original(file), file);
    const b = parse(flatten(original(file)), file);
    expect(b.document.docNo).toBe(docNo);
    expect(b.document.docNo).toBe(a.document.docNo);
    expect(b.document.title).toBe(a.document.title);
    expect(b.document.issuer).toBe(a.document.issuer);
    expect(b.document.date).toBe(a.document.date);
    expect(b.clauses.map((c) => c.path)).toEqual(a.clauses.map((c) => c.path));
    // Heading words stay headings (`一、总体目标`), not the start of the clause text. (A member
    // roster's rows are not restored: its cells read as one table row, the same words.)
    const words = (d: ParsedDocument) => d.clauses.map((c) => c.text.split(' | ').join('').replace(/\s+/g, ''));
    expect(words(b)).toEqual(words(a));
    expect(b.contentKey).toBe(a.contentKey);
    expect(b.warnings.join('\n')).toContain('没有换行');
  });

  it('the same holds when the lines were joined with spaces instead', () => {
    for (const [file] of WITH_DOC_NO) {
      const a = parse(original(file), file);
      const b = parse(original(file).replace(/\s*\n\s*/g, ' '), file);
      expect([file, b.document.docNo, b.document.title, b.clauses.length]).toEqual([file, a.document.docNo, a.document.title, a.clauses.length]);
    }
  });

  it('the briefing (no 文号, two columns) keeps its clause count and its sections', () => {
    const a = parse(original(BRIEFING), BRIEFING);
    const b = parse(flatten(original(BRIEFING)), BRIEFING);
    expect(b.document.docNo).toBeNull();
    expect(Math.abs(b.clauses.length - a.clauses.length)).toBeLessThanOrEqual(2);
    // Its part names (太原市开发区 …) are lost with the line breaks; the numbered sections are not.
    expect(b.clauses.some((c) => c.path === '【工作推进情况及亮点】 八、')).toBe(true);
  });

  it('a flat copy of a stored document is refused by its 文号', async () => {
    const dir = corpusCopy();
    const file = WITH_DOC_NO[0][0];
    const r = await prepareDocument({ filename: 'flat32.txt', data: Buffer.from(flatten(original(file))) }, { dir });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.document.docNo).toBe('晋市政办〔2024〕32号');
    expect(r.preview.clauses).toHaveLength(13);
    expect(r.preview.replaces).toEqual([file]);
    expect(storeDocument(r.preview, { dir }).ok).toBe(false);
  });

  it('a flat copy under another 文号 is refused as the same text', async () => {
    const dir = corpusCopy();
    const file = WITH_DOC_NO[2][0];
    const renumbered = flatten(original(file)).replace('〔2024〕36号', '〔2024〕99号');
    const r = await prepareDocument({ filename: 'flat99.txt', data: Buffer.from(renumbered) }, { dir });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.document.docNo).toBe('城政办发〔2024〕99号');
    expect(r.preview.sameText).toEqual([file]);
    const stored = storeDocument(r.preview, { dir });
    expect(stored.ok).toBe(false);
    expect(!stored.ok && stored.error.zh).toContain('内容相同');
    expect(readdirSync(dir)).not.toContain('flat99.txt');
  });

  it('a document stored without a 文号 is warned about, naming --doc-no', async () => {
    const dir = tempDir();
    const src = join(tempDir(), 'note.txt');
    writeFileSync(src, '关于园区服务的说明\n\n一、总体要求\n\n园区应当为企业提供全程代办服务。\n\n二、工作措施\n\n建立定期走访制度。\n');
    const r = await prepareDocument({ filename: 'note.txt', data: readFileSync(src) }, { dir });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.document.docNo).toBeNull();
    expect(r.preview.warnings.join('\n')).toContain('未能识别文号');
    expect(r.preview.warnings.join('\n')).toContain('--doc-no');
    const given = await prepareDocument({ filename: 'note.txt', data: readFileSync(src), docNo: '晋市政办〔2025〕7号' }, { dir });
    expect(given.ok && given.preview.warnings.join('\n')).not.toContain('未能识别文号');
  });
});
