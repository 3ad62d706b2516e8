/**
 * The live clause index: a document added, changed or removed in the corpus folder becomes
 * searchable without a restart, and answers keep coming from the old index while it rebuilds.
 * Real folder, real fs.watch, real index builds.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearCorpusCache, DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { LiveClauseSearch, type ReloadInfo } from '../../src/search/live.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-live-'));
copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(dir, 'jc32.txt'));

const reloads: ReloadInfo[] = [];
let waiting: ((i: ReloadInfo) => void) | undefined;
const live = new LiveClauseSearch({
  dir,
  debounceMs: 100,
  onReload: (i) => {
    reloads.push(i);
    waiting?.(i);
  },
}).start();

/**
 * Resolves with the first reload the watcher triggers that satisfies `done` (no fixed sleep: it
 * waits for the events; a reload already under way when the file was written may come first).
 */
async function reloadWhere(done: (i: ReloadInfo) => boolean): Promise<ReloadInfo> {
  for (;;) {
    const info = await new Promise<ReloadInfo>((resolve) => (waiting = resolve));
    if (done(info)) return info;
  }
}

afterAll(async () => {
  await live.close();
  rmSync(dir, { recursive: true, force: true });
});

const GRAIN = `晋城市地方储备粮管理办法

第一条 为了加强地方储备粮管理，制定本办法。

第二条 储备粮动用后，承储企业应当在12个月内完成补库。
`;

const topPath = (q: string) => {
  const r = live.current.search(q, { limit: 3 });
  return r.hits[0] ? `${r.hits[0].docId ?? ''} ${r.hits[0].path}` : r.status;
};

describe('a live index over a watched corpus folder', () => {
  it('starts with what is in the folder', () => {
    expect(live.current.clauses.length).toBe(13);
    expect(live.current.search('储备粮补库').status).toBe('no_match');
  });

  it('picks up an added document without a restart', async () => {
    const reloaded = reloadWhere((i) => i.documents === 2);
    writeFileSync(join(dir, 'grain.txt'), GRAIN);
    const info = await reloaded;
    expect(info.documents).toBe(2);
    expect(topPath('储备粮补库')).toBe('grain 第二条');
  });

  it('picks up a changed document', async () => {
    const reloaded = reloadWhere(() => live.current.clauses.some((c) => c.text.includes('6个月内')));
    writeFileSync(join(dir, 'grain.txt'), GRAIN.replace('12个月内完成补库', '6个月内完成轮换补库'));
    await reloaded;
    expect(live.current.search('储备粮补库').hits[0]!.text).toContain('6个月内完成轮换补库');
  });

  it('drops a removed document', async () => {
    const reloaded = reloadWhere((i) => i.documents === 1);
    unlinkSync(join(dir, 'grain.txt'));
    const info = await reloaded;
    expect(info.documents).toBe(1);
    expect(live.current.search('储备粮补库').status).toBe('no_match');
  });

  it('keeps answering from the old index while a rebuild runs in a worker thread, then swaps', async () => {
    writeFileSync(join(dir, 'grain.txt'), GRAIN);
    const before = live.current;
    const generation = live.generation;
    const reloadsBefore = reloads.length;
    const rebuilding = live.reload();
    // Until the swap, while the worker parses and tokenizes, this thread keeps taking requests: the
    // same, complete index answers every one of them. (The watcher may add a second rebuild.)
    const answered: string[] = [];
    while (live.generation === generation) {
      expect(live.current).toBe(before);
      answered.push(topPath('节能审查'));
      expect(live.current.search('储备粮补库').status).toBe('no_match');
      await new Promise((r) => setImmediate(r));
    }
    await rebuilding;
    expect(answered.length).toBeGreaterThan(1);
    expect(new Set(answered).size).toBe(1);
    expect(live.current).not.toBe(before);
    expect(topPath('储备粮补库')).toBe('grain 第二条');
    // The new document was tokenized in the worker; this thread only read the shards back.
    const swap = reloads[reloadsBefore]!;
    expect(swap).toMatchObject({ inWorker: true, documents: 2 });
    expect(swap.shardsBuilt).toBeGreaterThan(0);
    expect(live.current.loadedFromCache).toBe(true);
  });

  it('reports the warnings of each reload, naming the file', async () => {
    const reloaded = reloadWhere((i) => i.warnings.length > 0);
    writeFileSync(join(dir, 'empty.txt'), '');
    const info = await reloaded;
    expect(info.warnings.some((w) => w.includes('empty.txt'))).toBe(true);
  });
});

describe('a live index persisted in shards (POLICY_DESK_SEARCH_INDEX)', () => {
  it('reads the shards back on the next start, and a reload takes in a changed document and persists it', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'pd-live-p-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'pd-live-idx-'));
    try {
      copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(corpus, 'jc32.txt'));
      const first = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      await first.preload();
      expect(first.current.loadedFromCache).toBe(false);
      await first.close();

      const second = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      expect(second.current.loadedFromCache).toBe(true);
      writeFileSync(join(corpus, 'grain.txt'), GRAIN);
      await second.reload();
      expect(second.current.search('储备粮补库').hits[0]?.path).toBe('第二条');
      await second.close();

      const third = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      expect(third.current.loadedFromCache).toBe(true);
      expect(third.current.search('储备粮补库').hits[0]?.path).toBe('第二条');
      await third.close();
    } finally {
      rmSync(corpus, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('reads the corpus in the background, other work running between its steps; a search meanwhile finishes the load', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'pd-live-bg-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'pd-live-bgidx-'));
    try {
      copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(corpus, 'jc32.txt'));
      for (let i = 0; i < 70; i++) writeFileSync(join(corpus, `note-${i}.txt`), `关于第${i}号事项的通知\n一、按规定办理第${i}号事项。\n`);
      writeFileSync(join(corpus, 'grain.txt'), GRAIN);
      const first = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      await first.preload(); // a first start saves parses and shards
      await first.close();
      clearCorpusCache(); // what a restarted process remembers: only the files

      const restarted = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      let turns = 0;
      let loaded = false;
      const read = restarted.corpusLoaded().then((c) => {
        loaded = true;
        return c;
      });
      // Other work (a timer, a request) gets the event loop between the load's steps.
      while (!loaded) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
      }
      expect(turns).toBeGreaterThan(2);
      expect((await read).documents).toHaveLength(72);

      clearCorpusCache();
      const another = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      void another.corpusLoaded();
      expect(another.current.search('储备粮补库').hits[0]?.path).toBe('第二条'); // not waiting for the background
      expect(another.corpus.documents).toHaveLength(72);
      await Promise.all([restarted.close(), another.close()]);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync('/proc/self/fd'))("closes the replaced index's shard files at each swap: after many reloads only the current index's files are open", async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'pd-live-fd-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'pd-live-fdidx-'));
    /** The shard files this process has open (Linux): what each descriptor links to. */
    const openShardFiles = () =>
      readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return readlinkSync(join('/proc/self/fd', fd));
          } catch {
            return ''; // the descriptor of the listing itself, closed meanwhile
          }
        })
        .filter((target) => target.startsWith(cacheDir) && /\.shard( \(deleted\))?$/.test(target));
    try {
      copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), join(corpus, 'jc32.txt'));
      const search = new LiveClauseSearch({ dir: corpus, searchOptions: { cacheDir } });
      await search.preload();
      const first = search.current;
      await search.reload();
      expect(first.search('消费品').hits).toEqual([]); // closed at the swap
      for (let i = 0; i < 5; i++) {
        writeFileSync(join(corpus, 'grain.txt'), GRAIN.replace('12个月', `${i + 2}个月`));
        await search.reload();
        expect(search.current.search('储备粮补库').hits[0]?.path).toBe('第二条');
      }
      // Only the current index's files stay open: one per shard file now in the folder, none deleted.
      const open = openShardFiles();
      expect(open.filter((f) => f.endsWith('(deleted)'))).toEqual([]);
      expect(open.sort()).toEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.shard')).map((f) => join(cacheDir, f)).sort());
      await search.close();
    } finally {
      rmSync(corpus, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
