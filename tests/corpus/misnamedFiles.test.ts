/**
 * A file's content decides what it is read as, not its name: a Word .docx saved under a .doc name
 * (or a PDF under .txt, a .docx under .pdf) is read as what it is and the outline says so; a real
 * legacy Word file (OLE2) is refused naming the file and saying to save it as .docx or PDF first;
 * a zip that is not a Word document is refused as before. Through the real CLI and the ingest core
 * the chat upload uses, with the repository's fixture files copied under other names.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { detectFormat, zipEntryNames } from '../../src/corpus/extract.ts';
import { prepareDocument } from '../../src/corpus/ingest.ts';
import { loadCorpus } from '../../src/corpus/index.ts';
import { uploadFileName } from '../../src/bot/features/corpus/upload.ts';
import { runCli, tempDir } from '../helpers/run.ts';
import { DOC_NO, FIXTURES, legacyWordFile } from '../uploads/fixtures.ts';

const DOCX = join(FIXTURES, 'reward-rule.docx');
const PDF = join(FIXTURES, 'reward-rule.pdf');

/** A fixture copied into a temp folder under another name. */
function renamed(from: string, name: string): string {
  const path = join(tempDir(), name);
  copyFileSync(from, path);
  return path;
}

const env = (dir: string) => ({ POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: 'off' });

describe('corpus add x.doc where x.doc is in fact a .docx', () => {
  it('reads it as a .docx, stores the same clauses as the .docx, and says the name did not match', () => {
    const misnamed = tempDir();
    const r = runCli(['corpus', 'add', renamed(DOCX, '举报奖励办法.doc'), '--json'], { env: env(misnamed) });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ stored: true, format: 'docx', docNo: DOC_NO, file: '举报奖励办法.txt' });
    expect(out.warnings.join('\n')).toContain('举报奖励办法.doc：按内容是Word（.docx）文件');
    expect(r.stderr).toContain('举报奖励办法.doc');

    const proper = tempDir();
    expect(runCli(['corpus', 'add', DOCX], { env: env(proper) }).status).toBe(0);
    const clauses = (dir: string) => loadCorpus({ dir, fresh: true }).clauses.map((c) => [c.path, c.text]);
    expect(clauses(misnamed)).toEqual(clauses(proper));
    expect(clauses(misnamed).length).toBe(9);
  });
});

describe('corpus add of a real legacy Word file (OLE2)', () => {
  it.each(['旧版办法.doc', '旧版办法.docx'])('refuses %s naming it, saying to save it as .docx or PDF first, in both languages; stores nothing', (name) => {
    const dir = tempDir();
    const src = join(tempDir(), name);
    writeFileSync(src, legacyWordFile());
    const r = runCli(['corpus', 'add', src, '--json'], { env: env(dir) });
    expect(r.status).not.toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.stored).toBe(false);
    expect(out.message.zh).toContain(`${name} 是旧版 Word（.doc）文件`);
    expect(out.message.zh).toContain('另存为 .docx 或 PDF');
    expect(out.message.en).toContain(`${name} is a legacy Word (.doc) file`);
    expect(out.message.en).toContain('Save it as .docx or PDF');
    expect(r.stderr).toContain(name);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('other files named for another format', () => {
  it.each([
    ['a PDF named .txt', PDF, '办法.txt', 'pdf', 'PDF'],
    ['a PDF named .html', PDF, '办法.html', 'pdf', 'PDF'],
    ['a PDF named .doc', PDF, '办法.doc', 'pdf', 'PDF'],
    ['a .docx named .pdf', DOCX, '办法.pdf', 'docx', 'Word（.docx）'],
    ['a .docx named .html', DOCX, '办法.html', 'docx', 'Word（.docx）'],
  ])('%s is read as what it is, with a warning naming the file', async (_what, from, name, format, word) => {
    const r = await prepareDocument({ filename: name, data: readFileSync(from) }, { dir: tempDir() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.format).toBe(format);
    expect(r.preview.document.docNo).toBe(DOC_NO);
    expect(r.preview.clauses.length).toBe(9);
    expect(r.preview.warnings).toContain(
      `${name}：按内容是${word}文件（与扩展名不符），已按${word}读取 / ${name}: by its content this is ${format === 'pdf' ? 'a PDF' : 'a Word (.docx) file'}, not what its extension says; it was read as such`,
    );
  });

  it('a file named .html with no tag in it is plain text: its lines are kept', async () => {
    const text = ['晋城市测试办法', '晋市测〔2025〕3号', '第一条 为规范测试工作，制定本办法。', '第二条 本办法自印发之日起施行。', ''].join('\n');
    const r = await prepareDocument({ filename: '测试办法.html', data: Buffer.from(text) }, { dir: tempDir() });
    expect(r.ok && r.preview.format).toBe('text');
    expect(r.ok && r.preview.clauses.map((c) => c.path)).toEqual(['第一条', '第二条']);
  });

  it('a zip that is not a Word document (a workbook) named .doc is refused as not matching its name', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(zipEntryNames(bytes)).toContain('xl/workbook.xml');
    expect(zipEntryNames(bytes)).not.toContain('word/document.xml');
    expect(detectFormat('表格.doc', bytes)).toBe('unknown');
    const r = await prepareDocument({ filename: '表格.doc', data: bytes }, { dir: tempDir() });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.zh).toContain('表格.doc 的内容与扩展名不符');
  });

  it('text in a file named .doc or .pdf is still refused (the name promises a document the content is not)', async () => {
    for (const name of ['说明.doc', '说明.pdf']) {
      const r = await prepareDocument({ filename: name, data: Buffer.from('第一条 为规范测试工作，制定本办法。\n') }, { dir: tempDir() });
      expect(!r.ok && r.error.zh).toContain(`${name} 的内容与扩展名不符`);
    }
  });

  it('finds word/document.xml in the directory of the fixture .docx', () => {
    expect(zipEntryNames(readFileSync(DOCX))).toContain('word/document.xml');
  });
});

describe('a chat upload of a .doc', () => {
  it('is let through to be downloaded, by its name or, without one, by Word\'s content type', () => {
    expect(uploadFileName({ fileName: '办法.doc', mimeType: 'application/msword' })).toEqual({ name: '办法.doc' });
    expect(uploadFileName({ fileName: '办法', mimeType: 'application/msword' })).toEqual({ name: '办法.doc' });
    expect(uploadFileName({ fileName: '表格.xls', mimeType: 'application/vnd.ms-excel' })).toEqual({ unsupported: '.xls' });
  });
});
