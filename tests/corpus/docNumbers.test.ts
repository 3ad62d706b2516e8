/**
 * Document numbers as they are printed and typed: a 文号 with 第 before its number
 * (`晋市政办〔2025〕第18号`) is the same 文号 as `晋市政办〔2025〕18号`, and a decree's number
 * (`国务院令第728号`, `主席令第45号`) is a document number too.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, normalizeDocNo } from '../../src/corpus/index.ts';
import { prepareDocument } from '../../src/corpus/ingest.ts';
import { tempDir } from '../helpers/run.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/ingest');
// The same notice twice: once printed 晋市政办〔2025〕18号, once 晋市政办〔2025〕第18号 (one figure revised).
const PLAIN = 'subsidy-18.txt';
const WITH_DI = 'subsidy-18-di.txt';

describe('normalizeDocNo', () => {
  it('drops the 第 before a 文号\'s number', () => {
    expect(normalizeDocNo('晋市政办〔2025〕第18号')).toBe('晋市政办〔2025〕18号');
    expect(normalizeDocNo('晋市政办发[2025]第 18 号')).toBe('晋市政办发〔2025〕18号');
  });

  it('keeps a decree\'s number as 令第N号, in figures', () => {
    expect(normalizeDocNo('国务院令第728号')).toBe('国务院令第728号');
    expect(normalizeDocNo('中华人民共和国主席令 第 45 号')).toBe('中华人民共和国主席令第45号');
    expect(normalizeDocNo('国务院令第七百二十八号')).toBe('国务院令第728号');
  });
});

describe('a 文号 printed with 第', () => {
  it('is read from the text as the plain 文号', () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, WITH_DI), join(dir, WITH_DI));
    expect(loadCorpus({ dir, fresh: true }).documents[0]!.docNo).toBe('晋市政办〔2025〕18号');
  });

  it('is a duplicate of the same 文号 without 第: the loader keeps one, and corpus add refuses it', async () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, PLAIN), join(dir, PLAIN));
    const prepared = await prepareDocument({ filename: WITH_DI, data: readFileSync(join(FIXTURES, WITH_DI)) }, { dir });
    expect(prepared.ok && prepared.preview.replaces).toEqual([PLAIN]);

    copyFileSync(join(FIXTURES, WITH_DI), join(dir, WITH_DI));
    const { documents, warnings } = loadCorpus({ dir, fresh: true });
    expect(documents).toHaveLength(1);
    expect(warnings.join('\n')).toContain('same 文号 晋市政办〔2025〕18号');
  });
});

describe('corpus add --doc-no', () => {
  const data = new Uint8Array(Buffer.from('某某条例\n\n第一条 为了规范管理，制定本条例。\n\n第二条 本条例自公布之日起施行。\n'));
  it.each([
    ['国务院令第728号', '国务院令第728号'],
    ['主席令第45号', '主席令第45号'],
    ['晋市政办发〔2025〕第18号', '晋市政办发〔2025〕18号'],
  ])('accepts %s, recorded as %s', async (given, recorded) => {
    const r = await prepareDocument({ filename: 'rule.txt', data, docNo: given }, { dir: tempDir() });
    expect(r.ok ? r.preview.document.docNo : r.error.en).toBe(recorded);
  });

  it('still refuses what is no document number', async () => {
    const r = await prepareDocument({ filename: 'rule.txt', data, docNo: '第18号' }, { dir: tempDir() });
    expect(r.ok ? 'accepted' : r.error.en).toContain('is not a document number');
  });
});
