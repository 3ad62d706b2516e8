/**
 * The term dictionary of a loaded index (see `postings.ts` for the postings it points into): each
 * shard's sorted term list as persisted, with two offset arrays saying where each term's fields and
 * postings are, searched by bisection when a query asks for a term.
 *
 * @module
 */
import { FieldPostings, PostingList, type ShardPostings } from './postings.ts';
import { TermIndex } from './termIndex.ts';

/** One adopted shard's terms: sorted, with where each term's head and postings start. */
interface ShardTerms {
  /** The shard's terms in ascending (UTF-16 code unit) order, as persisted. */
  terms: readonly string[];
  heads: Uint32Array;
  headAt: Uint32Array;
  byteAt: Uint32Array;
}

/** Terms whose postings a query looked up recently, kept so repeated lookups cost one `Map` get. */
const RECENT_TERMS = 4096;

/**
 * The term dictionary of a loaded index, in place of MiniSearch's: term → {@link FieldPostings},
 * made on lookup from where the term's postings are in each shard (a binary search in each shard's
 * sorted term list; recent lookups are remembered). Loading a shard builds nothing per term but
 * two offset arrays. Fuzzy and prefix lookups (English words), `size` and iteration go through a
 * {@link TermIndex} of all terms, made on first use.
 */
export class ShardedTermIndex implements Iterable<[string, FieldPostings]> {
  readonly shards: ShardPostings[] = [];
  private readonly shardTerms: ShardTerms[] = [];
  private readonly recent = new Map<string, FieldPostings | null>();
  private all?: TermIndex<true>;

  /**
   * Adds a shard of `count` clauses (ids `base` …) whose `terms` are sorted ascending; per term,
   * `heads` holds the number of fields, then (field id, number of postings, bytes of postings) per
   * field. Shards are added in id order.
   */
  addShard(base: number, count: number, bytes: Uint8Array, terms: readonly string[], heads: Uint32Array): void {
    this.shards.push({ base, end: base + count, bytes });
    const headAt = new Uint32Array(terms.length);
    const byteAt = new Uint32Array(terms.length);
    let h = 0;
    let byte = 0;
    for (let k = 0; k < terms.length; k++) {
      headAt[k] = h;
      byteAt[k] = byte;
      const nFields = heads[h]!;
      for (let f = 0; f < nFields; f++) byte += heads[h + 3 + f * 3]!;
      h += 1 + nFields * 3;
    }
    this.shardTerms.push({ terms, heads, headAt, byteAt });
    this.recent.clear();
    this.all = undefined;
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
    for (let shard = 0; shard < this.shardTerms.length; shard++) {
      const st = this.shardTerms[shard]!;
      const k = indexOfSorted(st.terms, term);
      if (k < 0) continue;
      out ??= new FieldPostings();
      const heads = st.heads;
      let h = st.headAt[k]!;
      let byte = st.byteAt[k]!;
      const nFields = heads[h++]!;
      for (let f = 0; f < nFields; f++) {
        const fieldId = heads[h++]!;
        const count = heads[h++]!;
        const length = heads[h++]!;
        out.fetch(fieldId, newList).addSegment(shard, byte, count);
        byte += length;
      }
    }
    return out;
  }

  /** Every term of every shard, once. */
  private allTerms(): TermIndex<true> {
    if (!this.all) {
      this.all = new TermIndex<true>();
      for (const st of this.shardTerms) for (const t of st.terms) this.all.set(t, true);
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
