/**
 * The parsed corpus kept on disk (src/corpus/cache.ts): a later start reads each document's parse
 * back instead of parsing it again, and whatever changed in the folder — an edited, added or removed
 * document, or its metadata entry — is what the next load shows.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_ENTRIES, ParseCache } from '../../src/corpus/cache.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus, loadCorpusSteps } from '../../src/corpus/index.ts';

const dirs: string[] = [];
function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SEED = ['jincheng-2024-32-consumer-goods-investment.txt', 'chengqu-2024-36-specialty-towns.txt'];

function seededCorpus(): string {
  const dir = temp('pd-cache-corpus-');
  for (const f of SEED) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  return dir;
}

/** A load as a new process would do it: nothing remembered in memory, only what is on disk. */
function freshLoad(dir: string, cacheDir: string) {
  return loadCorpus({ dir, cacheDir, fresh: true });
}

describe('the parsed corpus kept beside the search index', () => {
  it('a later start reads every document back: the same documents, clauses and warnings as parsing', () => {
    const dir = seededCorpus();
    writeFileSync(join(dir, 'empty.txt'), '');
    const cacheDir = temp('pd-cache-');
    const parsed = freshLoad(dir, cacheDir);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
    const seen: string[] = [];
    const again = loadCorpus({ dir, cacheDir, fresh: true, onWarning: (w) => seen.push(w) });
    expect(again).toEqual(parsed);
    expect(again.clauses.length).toBeGreaterThan(20);
    // Warnings are part of what is kept, so every start still prints them.
    expect(seen.some((w) => w.includes('empty.txt'))).toBe(true);
  });

  it('an edited document shows its new text; the unchanged one is read back unchanged', () => {
    const dir = seededCorpus();
    const cacheDir = temp('pd-cache-');
    const before = freshLoad(dir, cacheDir);
    const file = join(dir, SEED[1]!);
    const original = before.clauses.find((c) => c.docId === SEED[1]!.replace('.txt', ''))!;
    const edited = readFileUtf8(file).replace(original.text.slice(0, 6), '经过修改的条文');
    writeFileSync(file, edited);
    const after = freshLoad(dir, cacheDir);
    expect(after.clauses.some((c) => c.text.includes('经过修改的条文'))).toBe(true);
    const other = (c: { docId: string }) => c.docId === SEED[0]!.replace('.txt', '');
    expect(after.clauses.filter(other)).toEqual(before.clauses.filter(other));
  });

  it('reads the saved parse while a file keeps its size and modification time, and parses again once either changes', () => {
    const dir = seededCorpus();
    const cacheDir = temp('pd-cache-');
    const file = join(dir, SEED[1]!);
    const stamp = new Date('2025-01-01T00:00:00Z');
    utimesSync(file, stamp, stamp);
    freshLoad(dir, cacheDir);
    // Same length in bytes, same mtime: the stamp cannot tell, so the saved parse is what loads —
    // which shows the second load did not parse the file.
    writeFileSync(file, readFileUtf8(file).replaceAll('专业镇', '专业村'));
    utimesSync(file, stamp, stamp);
    const stale = freshLoad(dir, cacheDir);
    expect(stale.clauses.some((c) => c.text.includes('专业村'))).toBe(false);
    expect(stale.clauses.some((c) => c.text.includes('专业镇'))).toBe(true);
    // Any real save changes the mtime.
    utimesSync(file, new Date(), new Date());
    expect(freshLoad(dir, cacheDir).clauses.some((c) => c.text.includes('专业村'))).toBe(true);
  });

  it('added and removed documents, and a changed metadata entry, are what the next load shows', () => {
    const dir = seededCorpus();
    const cacheDir = temp('pd-cache-');
    freshLoad(dir, cacheDir);
    rmSync(join(dir, SEED[0]!));
    copyFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2025-4-transformation-demo-zone.txt'), join(dir, 'demo.txt'));
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ [SEED[1]!]: { title: '改过的标题' } }));
    const after = freshLoad(dir, cacheDir);
    expect(after.documents.map((d) => d.file).sort()).toEqual(['chengqu-2024-36-specialty-towns.txt', 'demo.txt']);
    expect(after.documents.find((d) => d.file === SEED[1])!.title).toBe('改过的标题');
    expect(after.clauses.filter((c) => c.docId === 'chengqu-2024-36-specialty-towns').every((c) => c.title === '改过的标题')).toBe(true);
  });

  it('a cache file that is corrupt or from another folder is parsed afresh, never an error', () => {
    const dir = seededCorpus();
    const cacheDir = temp('pd-cache-');
    const parsed = freshLoad(dir, cacheDir);
    const [file] = readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));
    writeFileSync(join(cacheDir, file!), 'PDCORPUS garbage');
    expect(freshLoad(dir, cacheDir)).toEqual(parsed);
    // Another folder's file under this folder's name: its header names the other folder.
    const other = seededCorpus();
    freshLoad(other, cacheDir);
    const [otherFile] = readdirSync(cacheDir).filter((f) => f.endsWith('.v8') && f !== file);
    copyFileSync(join(cacheDir, otherFile!), join(cacheDir, file!));
    writeFileSync(join(dir, 'extra.txt'), readFileUtf8(join(DEFAULT_CORPUS_DIR, 'jincheng-2025-4-transformation-demo-zone.txt')));
    expect(freshLoad(dir, cacheDir).documents.map((d) => d.file)).toContain('extra.txt');
  });

  it('is read back a chunk at a time: a large corpus never holds the event loop for the whole file', () => {
    const cacheDir = temp('pd-cache-');
    const docs = CHUNK_ENTRIES * 3 + 5;
    const saving = ParseCache.open<{ n: number }>(cacheDir, '/many');
    for (let i = 0; i < docs; i++) saving.set(`d${i}.txt`, 'stamp', { n: i });
    saving.save('/many');
    const steps = ParseCache.openSteps<{ n: number }>(cacheDir, '/many');
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBe(Math.ceil(docs / CHUNK_ENTRIES));
    expect(r.value.get('d0.txt', 'stamp')).toEqual({ n: 0 });
    expect(r.value.get(`d${docs - 1}.txt`, 'stamp')).toEqual({ n: docs - 1 });
    expect(r.value.get('d1.txt', 'another stamp')).toBeUndefined();
  });

  it('a cache file cut short inside a chunk is parsed afresh, never half read', () => {
    const dir = seededCorpus();
    const cacheDir = temp('pd-cache-');
    const parsed = freshLoad(dir, cacheDir);
    const [file] = readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));
    truncateSync(join(cacheDir, file!), statSync(join(cacheDir, file!)).size - 10);
    expect(freshLoad(dir, cacheDir)).toEqual(parsed);
  });

  it("loads in steps that give other work a turn, to the same corpus as parsing, over several chunks of the file", () => {
    const dir = seededCorpus();
    // Documents of different shapes (1–7 clauses), filling three chunks: each chunk is read into the
    // buffer the one before it was read into.
    const shape = (i: number) => Array.from({ length: (i % 7) + 1 }, (_, k) => `${'一二三四五六七'[k]}、第${i}号事项的第${k + 1}项按规定办理。`).join('\n');
    for (let i = 0; i < CHUNK_ENTRIES * 2 + 10; i++) writeFileSync(join(dir, `note-${i}.txt`), `关于第${i}号事项的通知\n${shape(i)}\n`);
    const cacheDir = temp('pd-cache-');
    const parsed = freshLoad(dir, cacheDir);
    const steps = loadCorpusSteps({ dir, cacheDir, fresh: true });
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBeGreaterThanOrEqual(2); // a chunk of the parse cache, then every 32 documents
    expect(r.value).toEqual(parsed);
  });

  it('a cache folder under /proc is never created (a recursive mkdir there can spin); the corpus still loads', () => {
    const dir = seededCorpus();
    const corpus = freshLoad(dir, '/proc/self/fd/none/search-index');
    expect(corpus.documents).toHaveLength(2);
  });
});

function readFileUtf8(file: string): string {
  return readFileSync(file, 'utf8');
}
