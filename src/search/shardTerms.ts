/**
 * The term dictionary of a loaded index (see `postings.ts` for the postings it points into): each
 * shard's sorted term list as persisted, with where each term's block starts, searched by
 * bisection when a query asks for a term. The blocks themselves are read from the shard files
 * (`postingSource.ts`), so this and the field lengths are all a loaded index keeps in memory.
 *
 * @module
 */
import { FieldPostings, PostingList, varintAt, varintEnd, type ShardPostings } from './postings.ts';
import { FilePostings, MemoryPostings, RunCache, type PostingSource, type ReadErrorSink } from './postingSource.ts';
import type { OpenShard } from './shardFile.ts';
import { TermIndex } from './termIndex.ts';

/** One adopted shard: its clauses, its sorted terms, and where each term's block starts. */
interface Shard extends ShardPostings {
  /** The shard's terms in ascending (UTF-16 code unit) order, as persisted. */
  terms: readonly string[];
  blockAt: Uint32Array;
}

/** Terms whose postings a query looked up recently, kept so repeated lookups cost one `Map` get. */
const RECENT_TERMS = 4096;

/**
 * Bytes of term blocks read from disk that an index keeps (the most recently read; less when its
 * files hold less): enough for the common terms that come back question after question (项目 in a
 * third of 250,000 clauses is ~0.2 MB across all shards), small beside the ~40 MB of postings at
 * 10,000 documents it spares. With the table of where each block is (`postingSource.ts`), 12 MB at
 * most.
 */
export const BLOCK_CACHE_BYTES = 8 * 1024 * 1024;

/**
 * Closes the files of an index nobody closed (a test, a one-shot CLI call) once it is collected,
 * so building many indexes never runs out of file descriptors. Holds the sources, never the index.
 */
const unclosed = new FinalizationRegistry<PostingSource[]>((sources) => {
  for (const s of sources) s.close();
});

/** Reports a failed read once per file; by default a line on stderr (this layer has no logger). */
class ReadErrors implements ReadErrorSink {
  listener?: (err: Error) => void;

  report(err: Error): void {
    if (this.listener) this.listener(err);
    else console.error(`[policy-desk] ${err.message}`);
  }
}

/**
 * The term dictionary of a loaded index, in place of MiniSearch's: term → {@link FieldPostings},
 * made on lookup from where the term's block is in each shard (a binary search in each shard's
 * sorted term list, then the block's head; recent lookups are remembered). Loading a shard builds
 * nothing per term. Fuzzy and prefix lookups (English words), `size` and iteration go through a
 * {@link TermIndex} of all terms, made on first use.
 *
 * An index whose shards are files holds them open until {@link close}.
 */
export class ShardedTermIndex implements Iterable<[string, FieldPostings]> {
  readonly shards: Shard[] = [];
  private readonly recent = new Map<string, FieldPostings | null>();
  private all?: TermIndex<true>;
  private readonly cache = new RunCache(BLOCK_CACHE_BYTES);
  private readonly sources: PostingSource[] = [];
  private readonly errors = new ReadErrors();
  private closed = false;

  constructor() {
    unclosed.register(this, this.sources, this);
  }

  /**
   * Adds a shard of `count` clauses (ids `base` …) whose `terms` are sorted ascending, with its term
   * blocks in memory (`blocks`) or in an opened file (`file`, closed with this index). Shards are
   * added in id order.
   */
  addShard(base: number, count: number, terms: readonly string[], blockAt: Uint32Array, blocks: Uint8Array | { path: string; open: OpenShard }): void {
    if (this.closed) throw new Error('the index was closed');
    const source =
      blocks instanceof Uint8Array
        ? new MemoryPostings(blocks)
        : new FilePostings(blocks.path, blocks.open.fd, blocks.open.blocksOffset, blocks.open.blocksLength, this.cache, this.shards.length, this.errors);
    if (!(blocks instanceof Uint8Array)) this.cache.addFile(blocks.open.blocksLength);
    this.sources.push(source);
    this.shards.push({ base, end: base + count, source, terms, blockAt });
    this.recent.clear();
    this.all = undefined;
  }

  /**
   * Called with a shard file that could not be read while serving (its clauses are left out of
   * answers meanwhile); instead of the default line on stderr. A live index rebuilds on it.
   */
  onReadError(listener: (err: Error) => void): void {
    this.errors.listener = listener;
  }

  /**
   * Closes the shard files. Searches are synchronous, so none is under way when an index is
   * replaced; one that still used this index afterwards would find no postings, never another
   * file's.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.sources) s.close();
    unclosed.unregister(this);
    this.recent.clear();
    this.cache.clear();
  }

  get(term: string): FieldPostings | undefined {
    let found = this.recent.get(term);
    if (found === undefined) {
      found = this.lookup(term);
      if (this.recent.size >= RECENT_TERMS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(term, found);
    }
    return found ?? undefined;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  private lookup(term: string): FieldPostings | null {
    let out: FieldPostings | null = null;
    const newList = () => new PostingList(this.shards);
    for (let shard = 0; shard < this.shards.length; shard++) {
      const sh = this.shards[shard]!;
      const k = indexOfSorted(sh.terms, term);
      if (k < 0) continue;
      const start = sh.blockAt[k]!;
      const length = sh.blockAt[k + 1]! - start;
      const block = sh.source.read(start, length);
      if (!block) continue; // unreadable: reported, and left out
      out ??= new FieldPostings();
      // The head (fields, then field id, postings, bytes per field), read twice: once to find
      // where the postings start, once to add each field's run.
      const nFields = varintAt(block, 0);
      let pos = varintEnd();
      for (let f = 0; f < 3 * nFields; f++) varintAt(block, f === 0 ? pos : varintEnd());
      let run = nFields > 0 ? varintEnd() : pos;
      for (let f = 0; f < nFields; f++) {
        const fieldId = varintAt(block, pos);
        const count = varintAt(block, varintEnd());
        const bytes = varintAt(block, varintEnd());
        pos = varintEnd();
        out.fetch(fieldId, newList).addSegment(shard, start, length, run, count);
        run += bytes;
      }
    }
    return out;
  }

  /** Every term of every shard, once. */
  private allTerms(): TermIndex<true> {
    if (!this.all) {
      this.all = new TermIndex<true>();
      for (const sh of this.shards) for (const t of sh.terms) this.all.set(t, true);
    }
    return this.all;
  }

  get size(): number {
    return this.allTerms().size;
  }

  *entries(): IterableIterator<[string, FieldPostings]> {
    for (const term of this.allTerms().keys()) yield [term, this.get(term)!];
  }

  keys(): IterableIterator<string> {
    return this.allTerms().keys();
  }

  *values(): IterableIterator<FieldPostings> {
    for (const [, postings] of this.entries()) yield postings;
  }

  [Symbol.iterator](): IterableIterator<[string, FieldPostings]> {
    return this.entries();
  }

  atPrefix(prefix: string): Map<string, FieldPostings> {
    const out = new Map<string, FieldPostings>();
    for (const term of this.allTerms().atPrefix(prefix).keys()) out.set(term, this.get(term)!);
    return out;
  }

  /**
   * The terms starting with `prefix`, without their postings: each shard's sorted list is bisected
   * for the range, so nothing is read or built for the terms (an abbreviation's spelling looks up the
   * terms starting with one character, bridges.ts; {@link atPrefix} walks every term of the index).
   */
  keysWithPrefix(prefix: string): Set<string> {
    const out = new Set<string>();
    for (const sh of this.shards) {
      for (let i = lowerBound(sh.terms, prefix); i < sh.terms.length && sh.terms[i]!.startsWith(prefix); i++) out.add(sh.terms[i]!);
    }
    return out;
  }

  fuzzyGet(key: string, maxEditDistance: number): Map<string, [FieldPostings, number]> {
    const out = new Map<string, [FieldPostings, number]>();
    for (const [term, [, distance]] of this.allTerms().fuzzyGet(key, maxEditDistance)) out.set(term, [this.get(term)!, distance]);
    return out;
  }

  set(): never {
    throw new Error('ShardedTermIndex is read-only: rebuild the shard instead');
  }

  delete(): never {
    throw new Error('ShardedTermIndex is read-only: rebuild the shard instead');
  }
}

/** Position of the first of the ascending `terms` not below `key`. */
function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of `term` in the ascending array `terms`, or -1. */
function indexOfSorted(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = terms[mid]!;
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
