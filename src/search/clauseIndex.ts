/**
 * The MiniSearch index of the clauses: which fields are indexed with what boost, how a clause
 * becomes an indexed document, and how the index is built or read back from persisted shards
 * (`persist.ts`). The ranking that uses it is in `rank.ts`.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import MiniSearch from 'minisearch';
import type { Clause } from '../corpus/index.ts';
import { buildShardedIndex, buildShardedIndexAsync, persistShards, sourceVersion, type IndexSource } from './persist.ts';
import { useTermIndex } from './termIndex.ts';
import { tokenize, TOKENIZER_VERSION } from './tokenize.ts';

/**
 * Field boosts, measured on the evaluation set (`npm run eval`). 文号 and path are not text fields:
 * they are read by the direct lookup, and indexing them cost hit@1 nothing either way.
 */
export const FIELD_BOOSTS = { text: 1, heading: 1.5, title: 0.3, units: 1.2 } as const;
export const FIELDS = Object.keys(FIELD_BOOSTS) as Array<keyof typeof FIELD_BOOSTS>;

export interface IndexedClause {
  id: number;
  text: string;
  heading: string;
  title: string;
  units: string;
}


/** A built clause index, for {@link ClauseSearchOptions.index}. */
export interface ClauseIndex {
  ms: MiniSearch<IndexedClause>;
  /** Shards read from disk / tokenized while building it. */
  loaded: number;
  built: number;
  /** Releases its shard files (see `persist.ts`); call when the index is replaced or dropped. */
  close(): void;
  /** Called with a shard file that fails to read while serving, instead of a line on stderr. */
  onReadError(listener: (err: Error) => void): void;
}

function msOptions() {
  return {
    idField: 'id',
    fields: FIELDS as string[],
    storeFields: [] as string[],
    tokenize: (s: string) => tokenize(s),
    processTerm: (t: string) => t,
    searchOptions: {
      boost: { ...FIELD_BOOSTS },
      tokenize: (s: string) => [s],
      processTerm: (t: string) => t,
      // No fuzzy or prefix matching on Chinese: a bigram "almost" matching is another word.
      // Latin words of 5+ letters may be a letter off (a typo in an English question).
      prefix: false,
      fuzzy: (term: string) => (/^[a-z]{5,}$/.test(term) ? 1 : false),
      combineWith: 'OR' as const,
      bm25: { k: 1.2, b: 0.4, d: 0.5 },
    },
  };
}

/**
 * Version of how a clause becomes an indexed document ({@link indexedHeading}); part of the
 * persisted index's version, so changing it rebuilds persisted shards.
 */
export const INDEXED_DOC_VERSION = 2;

function toIndexed(c: Clause, id: number): IndexedClause {
  return { id, text: c.text, heading: indexedHeading(c), title: c.title, units: c.units.join(' ') };
}

/**
 * The heading as indexed: without a last part that only repeats the clause's own first line. A
 * numbered item with no title of its own (`第九条 > （一）投诉人的姓名、电话号码、通讯地址；`) has
 * its whole text as its heading, so its words would count twice, once with the heading's boost,
 * and a short list item would outrank the article that states the rule (不得以任何形式对投诉人进行
 * 恐吓、打击报复 lost to the penalty item 对投诉人进行恐吓、打击报复). A real heading (`1.加快产业
 * 集群式发展` over 加快产业集群式发展。市工信局要…) is kept. Measured on the corpus and dev sets
 * (README, Measured).
 */
export function indexedHeading(c: Pick<Clause, 'heading' | 'text'>): string {
  const sep = c.heading.lastIndexOf(' > ');
  const last = c.heading.slice(sep < 0 ? 0 : sep + 3);
  const firstLine = c.text.split('\n', 1)[0]!.trim();
  if (firstLine.length === 0 || !last.endsWith(firstLine)) return c.heading;
  return c.heading.slice(0, c.heading.length - firstLine.length);
}

/** Hash of what the index is built from: clause contents, tokenizer version and field boosts. */
export function corpusHash(clauses: readonly Clause[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ TOKENIZER_VERSION, INDEXED_DOC_VERSION, FIELD_BOOSTS }));
  for (const c of clauses) h.update(JSON.stringify([c.docNo, c.title, c.path, c.heading, c.text, c.units]));
  return h.digest('hex').slice(0, 16);
}

let indexVersionMemo: string | undefined;
/**
 * Version of the persisted index: the indexed fields, TOKENIZER_VERSION, INDEXED_DOC_VERSION, and a hash of the
 * tokenizer's sources (this folder's tokenize/glossary files and text/), so editing the tokenizer
 * invalidates persisted shards even if nobody bumps the version.
 */
export function indexVersion(): string {
  indexVersionMemo ??= JSON.stringify({
    TOKENIZER_VERSION,
    INDEXED_DOC_VERSION,
    FIELDS,
    // The TypeScript sources, also when running from dist/ (same depth), so both share one index.
    sources: sourceVersion([
      { dir: new URL('../../src/search/', import.meta.url), files: /^(tokenize\.ts|glossary\.json)$/ },
      { dir: new URL('../../src/text/', import.meta.url), files: /\.ts$/ },
    ]),
  });
  return indexVersionMemo;
}

export function indexSource(clauses: readonly Clause[]): IndexSource<IndexedClause> {
  return {
    count: clauses.length,
    doc: (i) => toIndexed(clauses[i]!, i),
    groupOf: (i) => clauses[i]!.docId,
    // Fields joined by separators no clause contains (control characters are stripped by the parser).
    fingerprint: (i) => {
      const c = clauses[i]!;
      return `${c.text}\u0000${c.heading}\u0000${c.title}\u0000${c.units.join('\u0001')}`;
    },
  };
}

/** An empty MiniSearch for clauses, with exact term lookups in a Map (see `termIndex.ts`). */
export function newMiniSearch(): MiniSearch<IndexedClause> {
  return useTermIndex(new MiniSearch<IndexedClause>(msOptions()));
}

/** Builds (or reads from `cacheDir`) the index of `clauses`, synchronously. */
export function buildClauseIndex(clauses: readonly Clause[], cacheDir: string | undefined): ClauseIndex {
  return buildShardedIndex(indexSource(clauses), newMiniSearch, { dir: cacheDir, version: indexVersion() });
}

/**
 * Builds (or reads from `cacheDir`) the index of `clauses`, giving the event loop a turn between
 * shards so a running bot keeps answering; pass the result as `options.index`.
 */
export async function loadClauseIndexAsync(clauses: readonly Clause[], cacheDir: string | undefined): Promise<ClauseIndex> {
  return buildShardedIndexAsync(indexSource(clauses), newMiniSearch, { dir: cacheDir, version: indexVersion() });
}

/**
 * Writes the shards of `clauses` that `dir` lacks (new or changed documents) and deletes stale
 * ones, without assembling the index: the background rebuild's work (`rebuildWorker.ts`).
 */
export function persistClauseShards(clauses: readonly Clause[], dir: string): { built: number; kept: number } {
  return persistShards(indexSource(clauses), newMiniSearch, { dir, version: indexVersion() });
}
