/**
 * `corpus add --replace` with a new version of a stored document (same 文号, revised text) keeps
 * the metadata.json entry of the file it replaces — the title given earlier with --title — unless
 * the new add gives it anew.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.ts';
import { prepareDocument, storeDocument } from '../../src/corpus/ingest.ts';
import { tempDir } from '../helpers/run.ts';

const version = (days: number) =>
  new Uint8Array(Buffer.from(`晋测办〔2025〕9号\n\n第一条 申请材料齐全的，${days}个工作日内办结。\n\n第二条 本规定自发布之日起施行。\n`));
const TITLE = '晋城市项目审批时限规定';

async function add(dir: string, data: Uint8Array, extra: { title?: string; replace?: boolean } = {}) {
  const prepared = await prepareDocument({ filename: 'shixian.txt', data, title: extra.title }, { dir });
  if (!prepared.ok) throw new Error(prepared.error.en);
  const stored = storeDocument(prepared.preview, { dir, replace: extra.replace });
  if (!stored.ok) throw new Error(stored.error.en);
  return prepared.preview;
}

describe('--replace and the replaced file\'s metadata', () => {
  it('keeps the title given with --title for the new version, in the outline and in the corpus', async () => {
    const dir = tempDir();
    await add(dir, version(5), { title: TITLE });
    const preview = await add(dir, version(3), { replace: true });
    expect(preview.document.title).toBe(TITLE);
    const { documents, clauses, warnings } = loadCorpus({ dir, fresh: true });
    expect(warnings).toEqual([]);
    expect(documents.map((d) => [d.file, d.title])).toEqual([['shixian.txt', TITLE]]);
    expect(clauses[0]!.text).toContain('3个工作日内办结');
    expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))).toEqual({ 'shixian.txt': { title: TITLE } });
  });

  it('takes a title given anew', async () => {
    const dir = tempDir();
    await add(dir, version(5), { title: TITLE });
    await add(dir, version(3), { replace: true, title: '新标题' });
    expect(loadCorpus({ dir, fresh: true }).documents[0]!.title).toBe('新标题');
  });
});
