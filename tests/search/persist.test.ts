/**
 * The persisted clause index (src/search/persist.ts): read back from shards it must be the very
 * index MiniSearch's own addAll builds, a changed document costs only its shard, and a damaged or
 * stale file is rebuilt, never trusted and never fatal.
 */
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Clause } from '../../src/corpus/index.ts';
import { createClauseSearch, getDefaultSearch, loadClauseIndexAsync, preloadDefaultSearch } from '../../src/search/index.ts';
import { buildShardedIndex, planShards, type IndexSource } from '../../src/search/persist.ts';
import { buildClauseIndex, indexSource, newMiniSearch } from '../../src/search/clauseIndex.ts';
import { postingReads } from '../../src/search/postingSource.ts';
import { queryTerms } from '../../src/search/tokenize.ts';
import { searchIndexDir } from '../../src/settings.ts';
import { loadQuestions } from '../eval/harness.ts';

const { clauses } = loadCorpus();
const root = mkdtempSync(join(tmpdir(), 'pd-persist-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, String(dirs++));

type Doc = { id: number; text: string; heading: string };
const create = () => new MiniSearch<Doc>({ fields: ['text', 'heading'], storeFields: [] });
function source(list: readonly Clause[]): IndexSource<Doc> {
  return {
    count: list.length,
    doc: (i) => ({ id: i, text: list[i]!.text, heading: list[i]!.heading }),
    groupOf: (i) => list[i]!.docId,
    fingerprint: (i) => list[i]!.text + '\n' + list[i]!.heading,
  };
}
/** MiniSearch's serialized form with the term index as an object, so term order does not matter. */
function canonical(ms: MiniSearch<Doc>) {
  const js = ms.toJSON();
  return { ...js, index: Object.fromEntries(js.index) };
}

describe('sharded index', () => {
  it('read back from its shards equals the index addAll builds, field averages included', () => {
    const dir = freshDir();
    const direct = create();
    direct.addAll(clauses.map((c, i) => ({ id: i, text: c.text, heading: c.heading })));
    const first = buildShardedIndex(source(clauses), create, { dir, version: 'v', targetDocs: 1 });
    const again = buildShardedIndex(source(clauses), create, { dir, version: 'v', targetDocs: 1 });
    expect(first.built).toBeGreaterThan(1); // several shards, so the merge is exercised
    expect(again).toMatchObject({ loaded: first.built, built: 0 });
    expect(canonical(first.ms)).toEqual(canonical(direct));
    expect(canonical(again.ms)).toEqual(canonical(direct));
  });

  it('re-tokenizes only the shard of a changed document', () => {
    const dir = freshDir();
    const first = buildShardedIndex(source(clauses), create, { dir, version: 'v', targetDocs: 1 });
    const edited = clauses.map((c, i) => (i === clauses.length - 1 ? { ...c, text: `${c.text}新增一句。` } : c));
    const second = buildShardedIndex(source(edited), create, { dir, version: 'v', targetDocs: 1 });
    expect(second).toMatchObject({ built: 1, loaded: first.built - 1 });
    const direct = create();
    direct.addAll(edited.map((c, i) => ({ id: i, text: c.text, heading: c.heading })));
    expect(canonical(second.ms)).toEqual(canonical(direct));
  });

  it('gives a shard a new key for any edit of its clauses, even one that keeps every length', () => {
    const doc = clauses.filter((c) => c.docId === clauses[0]!.docId);
    const keyOf = (list: readonly Clause[]) => planShards(source(list), 'v', 1)[0]!.key;
    const at = doc.findIndex((c) => c.text.length > 20);
    const text = doc[at]!.text;
    const editedAt = (k: number, ch: string) => doc.map((c, i) => (i === at ? { ...c, text: text.slice(0, k) + ch + text.slice(k + 1) } : c));
    const variants = [
      editedAt(10, text[10] === '甲' ? '乙' : '甲'), // one character, same length
      editedAt(0, text[0] === '一' ? '二' : '一'),
      doc.map((c, i) => (i === at ? { ...c, heading: `${c.heading}。` } : c)),
      [doc[1]!, doc[0]!, ...doc.slice(2)], // two clauses swapped
      doc.slice(0, -1), // one clause fewer
    ];
    const keys = new Set([keyOf(doc), ...variants.map(keyOf)]);
    expect(keys.size).toBe(variants.length + 1);
    expect(keyOf(doc.map((c) => ({ ...c })))).toBe(keyOf(doc)); // the same content, the same key
  });

  it('keys every shard on the index version, so a tokenizer change rebuilds everything', () => {
    const a = planShards(source(clauses), 'tokenizer v1', 1).map((s) => s.key);
    const b = planShards(source(clauses), 'tokenizer v2', 1).map((s) => s.key);
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });

  it('never splits a document across shards', () => {
    for (const s of planShards(source(clauses), 'v', 1)) {
      expect(s.start === 0 || clauses[s.start]!.docId !== clauses[s.start - 1]!.docId).toBe(true);
    }
  });

  it('rebuilds a damaged shard file instead of reading it, and deletes files no shard names', () => {
    const dir = freshDir();
    buildShardedIndex(source(clauses), create, { dir, version: 'v', targetDocs: 1 });
    const [victim] = readdirSync(dir);
    writeFileSync(join(dir, victim!), 'not a shard');
    writeFileSync(join(dir, 'left-over-from-an-old-corpus.shard'), '');
    const again = buildShardedIndex(source(clauses), create, { dir, version: 'v', targetDocs: 1 });
    expect(again.built).toBe(1);
    expect(readdirSync(dir)).not.toContain('left-over-from-an-old-corpus.shard');
  });
});

describe('postings read back from shard files', () => {
  it('keep clause numbers and frequencies of any size (multi-byte codes: gaps over 127, a word 300 times)', () => {
    type Plain = { id: number; text: string };
    const make = () => new MiniSearch<Plain>({ fields: ['text'], storeFields: [] });
    const docs: Plain[] = Array.from({ length: 400 }, (_, i) => ({
      id: i,
      text: i === 0 || i === 399 ? 'rare common' : i === 200 ? `${'often '.repeat(300)}common` : `common filler${i % 7}`,
    }));
    const src: IndexSource<Plain> = { count: docs.length, doc: (i) => docs[i]!, groupOf: () => 'one', fingerprint: (i) => docs[i]!.text };
    const dir = freshDir();
    buildShardedIndex(src, make, { dir, version: 'v' });
    const loaded = buildShardedIndex(src, make, { dir, version: 'v' });
    expect(loaded.built).toBe(0);
    const direct = make();
    direct.addAll(docs);
    const js = (ms: MiniSearch<Plain>) => ({ ...ms.toJSON(), index: Object.fromEntries(ms.toJSON().index) });
    expect(js(loaded.ms)).toEqual(js(direct));
    for (const q of ['rare', 'often', 'common', 'filler3 rare']) expect(loaded.ms.search(q)).toEqual(direct.search(q));
  });

  it("score every evaluation question exactly as MiniSearch's own index of the same clauses", () => {
    const dir = freshDir();
    buildClauseIndex(clauses, dir);
    const loaded = buildClauseIndex(clauses, dir);
    expect(loaded.built).toBe(0);
    const direct = newMiniSearch();
    const src = indexSource(clauses);
    direct.addAll(Array.from({ length: src.count }, (_, i) => src.doc(i)));
    for (const { q } of loadQuestions()) {
      const query = { combineWith: 'OR' as const, queries: queryTerms(q) };
      expect(loaded.ms.search(query)).toEqual(direct.search(query));
    }
  });
});

describe('persisted clause search', () => {
  it('answers every evaluation question exactly as a search built in memory', async () => {
    const dir = freshDir();
    const inMemory = createClauseSearch(clauses);
    createClauseSearch(clauses, { cacheDir: dir });
    const index = await loadClauseIndexAsync(clauses, dir);
    expect(index.built).toBe(0);
    const persisted = createClauseSearch(clauses, { index });
    for (const { q } of loadQuestions()) expect(persisted.search(q)).toEqual(inMemory.search(q));
  });
});

describe('shard files served from disk', () => {
  /** Files this process has open (Linux). */
  const openFiles = () => readdirSync('/proc/self/fd').length;
  const shardFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.shard'));
  const someQuestions = () => loadQuestions().slice(0, 25).map((q) => q.q);

  it('reads postings from the files as questions ask, not at load', () => {
    const dir = freshDir();
    createClauseSearch(clauses, { cacheDir: dir }).close();
    const before = postingReads.reads;
    const search = createClauseSearch(clauses, { cacheDir: dir });
    expect(postingReads.reads).toBe(before);
    search.search('节能审查');
    expect(postingReads.reads).toBeGreaterThan(before);
    search.close();
  });

  it.skipIf(!existsSync('/proc/self/fd'))('holds its shard files open while serving and releases them when closed: loading and replacing an index many times leaves no file open', () => {
    const dir = freshDir();
    createClauseSearch(clauses, { cacheDir: dir }).close();
    const before = openFiles();
    let search = createClauseSearch(clauses, { cacheDir: dir });
    expect(openFiles()).toBe(before + shardFiles(dir).length);
    for (let i = 0; i < 40; i++) {
      const next = createClauseSearch(clauses, { cacheDir: dir });
      next.search('节能审查');
      search.close();
      search = next;
    }
    search.close();
    expect(openFiles()).toBe(before);
  });

  it('keeps answering from the files it opened when they are deleted or replaced meanwhile (a reload prunes and rewrites them)', () => {
    const dir = freshDir();
    createClauseSearch(clauses, { cacheDir: dir }).close();
    const search = createClauseSearch(clauses, { cacheDir: dir });
    shardFiles(dir).forEach((f, i) => {
      if (i % 2 === 0) rmSync(join(dir, f));
      else {
        writeFileSync(join(dir, `${f}.tmp`), 'another index');
        renameSync(join(dir, `${f}.tmp`), join(dir, f));
      }
    });
    const inMemory = createClauseSearch(clauses);
    for (const q of someQuestions()) expect(search.search(q)).toEqual(inMemory.search(q));
    search.close();
  });

  it('leaves out a shard file cut short while serving, reports it once, never throws, and the next load rebuilds it', () => {
    const dir = freshDir();
    createClauseSearch(clauses, { cacheDir: dir }).close();
    const search = createClauseSearch(clauses, { cacheDir: dir });
    const errors: string[] = [];
    search.onIndexReadError((err) => errors.push(err.message));
    // Cut in place (same file, so the open descriptor sees it): only the header is left.
    for (const f of shardFiles(dir)) truncateSync(join(dir, f), 28);
    for (const q of someQuestions()) expect(() => search.search(q)).not.toThrow();
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors).size).toBe(errors.length); // once per file
    expect(errors.every((m) => /\.shard cannot be read/.test(m))).toBe(true);
    search.close();

    const rebuilt = createClauseSearch(clauses, { cacheDir: dir });
    expect(rebuilt.loadedFromCache).toBe(false);
    const inMemory = createClauseSearch(clauses);
    for (const q of someQuestions()) expect(rebuilt.search(q)).toEqual(inMemory.search(q));
    rebuilt.close();
  });

  it('finds nothing once closed, and reports no error for it', () => {
    const dir = freshDir();
    createClauseSearch(clauses, { cacheDir: dir }).close();
    const search = createClauseSearch(clauses, { cacheDir: dir });
    const errors: Error[] = [];
    search.onIndexReadError((err) => errors.push(err));
    search.close();
    expect(search.search('节能审查').hits).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('default search', () => {
  it('loads in the background, and a search arriving meanwhile finishes that same load', async () => {
    process.env.POLICY_DESK_SEARCH_INDEX = freshDir();
    try {
      const loading = preloadDefaultSearch();
      const now = getDefaultSearch();
      expect(await loading).toBe(now);
      expect(now.search('节能审查')).toEqual(createClauseSearch(clauses).search('节能审查'));
    } finally {
      delete process.env.POLICY_DESK_SEARCH_INDEX;
    }
  });
});

describe('POLICY_DESK_SEARCH_INDEX', () => {
  it('defaults to search-index/ next to the reports database, and "off" disables it', () => {
    expect(searchIndexDir({ POLICY_DESK_DB: '/srv/pd/reports.db' })).toBe('/srv/pd/search-index');
    expect(searchIndexDir({})).toMatch(/data[/\\]search-index$/);
    expect(searchIndexDir({ POLICY_DESK_SEARCH_INDEX: '/var/cache/pd' })).toBe('/var/cache/pd');
    expect(searchIndexDir({ POLICY_DESK_SEARCH_INDEX: 'off' })).toBeUndefined();
  });
});
