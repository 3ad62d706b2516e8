/**
 * The running bot keeps the last good version. A corpus file saved empty, or made unreadable or
 * undecodable, keeps the text it had in the live index, and a metadata.json that no longer parses
 * keeps the entries it had — each with a warning naming the file and saying the last good version
 * is still served. A file deleted is removed; a start with no earlier version reads the folder as
 * it is; and `corpus check` (the CLI) still reports the file as it is on disk.
 * Real folder, real worker thread, real index builds; the CLI run as a person runs it.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../../src/corpus/index.ts';
import { LiveClauseSearch, type ReloadInfo } from '../../src/search/live.ts';
import { runCli } from '../helpers/run.ts';

const GRAIN = `晋城市地方储备粮管理办法

第一条 为了加强地方储备粮管理，制定本办法。

第二条 储备粮动用后，承储企业应当在12个月内完成补库。
`;
const JC32 = 'jincheng-2024-32-consumer-goods-investment.txt';
const JC32_TITLE = '晋城市进一步加大招商引资力度推动消费品工业集聚发展工作方案';
/** Whether a file without read permission cannot be read here (not so for root, which may read anything). */
const permissionsBlockReads = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-lastgood-perm-'));
  try {
    writeFileSync(join(dir, 'x'), 'x');
    chmodSync(join(dir, 'x'), 0o000);
    readFileSync(join(dir, 'x'));
    return false;
  } catch {
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
function folder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** A live index over a fresh corpus folder holding the city plan and the grain rule, loaded. */
async function liveCorpus(): Promise<{ dir: string; live: LiveClauseSearch; reloads: ReloadInfo[] }> {
  const dir = folder('pd-lastgood-');
  copyFileSync(join(DEFAULT_CORPUS_DIR, JC32), join(dir, 'jc32.txt'));
  writeFileSync(join(dir, 'grain.txt'), GRAIN);
  const reloads: ReloadInfo[] = [];
  const live = new LiveClauseSearch({ dir, searchOptions: { cacheDir: folder('pd-lastgood-idx-') }, onReload: (i) => reloads.push(i) });
  await live.preload();
  return { dir, live, reloads };
}

const grainAnswer = (live: LiveClauseSearch) => live.current.search('储备粮补库', { limit: 1 }).hits[0];

describe('a corpus file that becomes unusable while the bot runs', () => {
  let dir: string;
  let live: LiveClauseSearch;
  let reloads: ReloadInfo[];
  beforeAll(async () => {
    ({ dir, live, reloads } = await liveCorpus());
  });
  afterAll(() => live.close());

  it('saved empty: its last good text is still answered from, with a warning naming it', async () => {
    writeFileSync(join(dir, 'grain.txt'), '');
    await live.reload();
    expect(grainAnswer(live)).toMatchObject({ docId: 'grain', path: '第二条' });
    expect(grainAnswer(live)!.text).toContain('12个月内完成补库');
    expect(live.corpus.documents.map((d) => d.file).sort()).toEqual(['grain.txt', 'jc32.txt']);
    const info = reloads.at(-1)!;
    expect(info.documents).toBe(2);
    expect(info.warnings).toContain(
      'grain.txt 为空，继续使用上次的有效版本（如要移除该文件，请删除它） / grain.txt is empty; the last good version is still served (delete the file to remove it)',
    );
    // The kept document's shard was tokenized in the worker: this thread only read shards back.
    expect(info.inWorker).toBe(true);
    expect(live.current.loadedFromCache).toBe(true);
  });

  it('still empty at a later reload (another document added): still kept', async () => {
    writeFileSync(join(dir, 'note.txt'), '晋城市测试通知\n\n晋市测〔2025〕1号\n\n一、各单位按时报送储备情况。\n');
    await live.reload();
    expect(live.corpus.documents).toHaveLength(3);
    expect(grainAnswer(live)).toMatchObject({ docId: 'grain', path: '第二条' });
    expect(reloads.at(-1)!.warnings.some((w) => w.startsWith('grain.txt 为空，继续使用上次的有效版本'))).toBe(true);
  });

  it('saved as binary bytes, or in no encoding we read: kept, and the warning says why', async () => {
    writeFileSync(join(dir, 'grain.txt'), Buffer.concat([Buffer.from('晋城市'), Buffer.alloc(64), Buffer.from([1, 2, 3, 4])]));
    await live.reload();
    expect(grainAnswer(live)).toMatchObject({ docId: 'grain', path: '第二条' });
    expect(reloads.at(-1)!.warnings.some((w) => w.startsWith('grain.txt 看起来是二进制文件，继续使用上次的有效版本'))).toBe(true);

    writeFileSync(join(dir, 'grain.txt'), Buffer.alloc(201, 0x80));
    await live.reload();
    expect(grainAnswer(live)).toMatchObject({ docId: 'grain', path: '第二条' });
    expect(reloads.at(-1)!.warnings.some((w) => w.startsWith('grain.txt 无法识别编码（不是 UTF-8、GB18030/GBK 或 UTF-16 文本），继续使用上次的有效版本'))).toBe(true);
  });

  it('saved again with good text: the new text is served, and the warning is gone', async () => {
    writeFileSync(join(dir, 'grain.txt'), GRAIN.replace('12个月内完成补库', '6个月内完成轮换补库'));
    await live.reload();
    expect(grainAnswer(live)!.text).toContain('6个月内完成轮换补库');
    expect(reloads.at(-1)!.warnings.filter((w) => w.includes('grain.txt'))).toEqual([]);
  });

  it('then deleted: removed from answers (a deliberate removal)', async () => {
    writeFileSync(join(dir, 'grain.txt'), '');
    await live.reload();
    expect(grainAnswer(live)!.text).toContain('6个月内完成轮换补库'); // the last good version is the newer one
    unlinkSync(join(dir, 'grain.txt'));
    await live.reload();
    expect(live.corpus.documents.map((d) => d.file)).not.toContain('grain.txt');
    expect(live.current.search('储备粮补库').hits.some((h) => h.docId === 'grain')).toBe(false);
    expect(reloads.at(-1)!.warnings.filter((w) => w.includes('grain.txt'))).toEqual([]);
  });
});

describe('a corpus file that cannot be read while the bot runs', () => {
  it.skipIf(!permissionsBlockReads)('saved and left without read permission: kept, the warning naming the file', async () => {
    const { dir, live, reloads } = await liveCorpus();
    try {
      writeFileSync(join(dir, 'grain.txt'), GRAIN.replace('12个月', '9个月'));
      chmodSync(join(dir, 'grain.txt'), 0o000);
      await live.reload();
      expect(grainAnswer(live)).toMatchObject({ docId: 'grain', path: '第二条' });
      expect(reloads.at(-1)!.warnings.some((w) => w.startsWith('grain.txt 无法读取（EACCES），继续使用上次的有效版本'))).toBe(true);
    } finally {
      chmodSync(join(dir, 'grain.txt'), 0o644);
      await live.close();
    }
  });

  it('replaced by a link to a folder (reading it fails): kept, the warning naming the file and the error', async () => {
    const { dir, live, reloads } = await liveCorpus();
    try {
      const elsewhere = folder('pd-lastgood-dir-');
      mkdirSync(join(elsewhere, 'x'));
      unlinkSync(join(dir, 'grain.txt'));
      symlinkSync(join(elsewhere, 'x'), join(dir, 'grain.txt'));
      await live.reload();
      expect(grainAnswer(live)).toMatchObject({ docId: 'grain', path: '第二条' });
      expect(reloads.at(-1)!.warnings.some((w) => w.startsWith('grain.txt 无法读取（EISDIR），继续使用上次的有效版本'))).toBe(true);
    } finally {
      await live.close();
    }
  });
});

describe('corpus/metadata.json that no longer parses while the bot runs', () => {
  let dir: string;
  let live: LiveClauseSearch;
  let reloads: ReloadInfo[];
  const TITLE = '晋城市消费品工业招商引资方案（协调员更正）';
  beforeAll(async () => {
    ({ dir, live, reloads } = await liveCorpus());
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ 'jc32.txt': { title: TITLE }, 'grain.txt': { docNo: '晋市粮规〔2024〕1号' } }, null, 2));
    await live.reload();
  });
  afterAll(() => live.close());
  const doc = (file: string) => live.corpus.documents.find((d) => d.file === file)!;

  it('applies a good metadata.json', () => {
    expect(doc('jc32.txt').title).toBe(TITLE);
    expect(doc('grain.txt').docNo).toBe('晋市粮规〔2024〕1号');
  });

  it('saved malformed: every document keeps its last good metadata, with a warning naming metadata.json', async () => {
    writeFileSync(join(dir, 'metadata.json'), `{ "jc32.txt": { "title": "${TITLE}" }, `);
    await live.reload();
    expect(doc('jc32.txt').title).toBe(TITLE);
    expect(doc('grain.txt').docNo).toBe('晋市粮规〔2024〕1号');
    expect(live.current.search('储备粮补库', { limit: 1 }).hits[0]).toMatchObject({ docNo: '晋市粮规〔2024〕1号' });
    const w = reloads.at(-1)!.warnings.find((x) => x.startsWith('metadata.json 不是有效的 JSON，继续使用上次的有效版本'));
    expect(w).toContain('the last good version is still used');
  });

  it('saved as JSON that is not an object (emptied to []): kept the same way', async () => {
    writeFileSync(join(dir, 'metadata.json'), '[]');
    await live.reload();
    expect(doc('jc32.txt').title).toBe(TITLE);
    expect(reloads.at(-1)!.warnings.some((x) => x.startsWith('metadata.json 应为以文件名为键的对象，继续使用上次的有效版本'))).toBe(true);
  });

  it('deleted: its entries no longer apply', async () => {
    unlinkSync(join(dir, 'metadata.json'));
    await live.reload();
    expect(doc('jc32.txt').title).toBe(JC32_TITLE);
    expect(doc('grain.txt').docNo).toBeNull();
    expect(reloads.at(-1)!.warnings.filter((x) => x.includes('metadata.json'))).toEqual([]);
  });
});

describe('a start with no earlier version', () => {
  it('skips an empty file and ignores a malformed metadata.json, warning as before', async () => {
    const dir = folder('pd-lastgood-start-');
    copyFileSync(join(DEFAULT_CORPUS_DIR, JC32), join(dir, 'jc32.txt'));
    writeFileSync(join(dir, 'grain.txt'), '');
    writeFileSync(join(dir, 'metadata.json'), '{ "jc32.txt": ');
    const live = new LiveClauseSearch({ dir, searchOptions: { cacheDir: folder('pd-lastgood-idx-') } });
    try {
      const corpus = await live.corpusLoaded();
      expect(corpus.documents.map((d) => d.file)).toEqual(['jc32.txt']);
      expect(corpus.warnings).toContain('已跳过 grain.txt：文件为空 / skipped grain.txt: empty file');
      expect(corpus.warnings.some((w) => w.startsWith('已忽略 metadata.json：不是有效的 JSON / ignored metadata.json: not valid JSON'))).toBe(true);
      // Nor does the first reload invent one.
      await live.reload();
      expect(live.corpus.documents.map((d) => d.file)).toEqual(['jc32.txt']);
    } finally {
      await live.close();
    }
  });
});

describe('corpus check while the bot keeps the last good version', () => {
  it('reports the file as empty and metadata.json as malformed: the CLI reads the folder as it is', async () => {
    const { dir, live } = await liveCorpus();
    try {
      writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ 'jc32.txt': { title: '更正的标题' } }));
      await live.reload();
      writeFileSync(join(dir, 'grain.txt'), '');
      writeFileSync(join(dir, 'metadata.json'), '{ "jc32.txt": ');
      await live.reload();
      expect(live.corpus.documents.map((d) => [d.file, d.title])).toEqual([
        ['grain.txt', '晋城市地方储备粮管理办法'],
        ['jc32.txt', '更正的标题'],
      ]);

      const r = runCli(['corpus', 'check', '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: 'off' } });
      expect(r.status).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(JSON.stringify(out)).toContain('已跳过 grain.txt：文件为空');
      expect(JSON.stringify(out)).toContain('已忽略 metadata.json：不是有效的 JSON');
      expect(r.stderr).toContain('grain.txt');
      // The same in this process: a load without the last good versions reads the folder as it is.
      const asIs = loadCorpus({ dir, fresh: true });
      expect(asIs.documents.map((d) => [d.file, d.title])).toEqual([['jc32.txt', JC32_TITLE]]);
    } finally {
      await live.close();
    }
  });
});
