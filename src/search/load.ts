/**
 * Loading the clause search: shard by shard in the background, or at once when an answer is
 * needed now; and the process-wide default search over the repository's `corpus/`.
 *
 * @module
 */
import { loadCorpusSteps, type Clause, type Corpus } from '../corpus/index.ts';
import { searchIndexDir } from '../settings.ts';
import { indexSource, indexVersion, newMiniSearch, type ClauseIndex } from './clauseIndex.ts';
import { createClauseSearch, type ClauseSearch } from './clauseSearch.ts';
import { shardedIndexSteps } from './persist.ts';

/**
 * A load of the index of `clauses` that proceeds shard by shard in the background yet can be
 * finished at once by a caller that needs an answer now (the first search during a background
 * load finishes that load instead of starting a second one). Given the corpus's own load steps
 * instead of its clauses, it first reads the corpus the same way, a chunk of its parse cache at a
 * time.
 *
 * ```ts
 * const load = new ClauseSearchLoad(clauses, 'data/search-index');
 * void load.background();  // reads or tokenizes one shard per event-loop turn
 * load.now().search('举报奖励'); // finishes the remaining shards synchronously if needed
 * ```
 */
export class ClauseSearchLoad {
  private readonly steps: Generator<void, ClauseIndex>;
  private loadedClauses?: readonly Clause[];
  private loadedCorpus?: Corpus;
  private result?: ClauseSearch;
  private failure?: unknown;
  private running?: Promise<ClauseSearch>;
  private readonly corpusRead = deferred<Corpus>();

  constructor(
    /** The clauses to index, or the corpus's load steps (`loadCorpusSteps`) to read them with first. */
    source: readonly Clause[] | { corpus: Generator<void, Corpus> },
    /** Folder of the persisted shards; undefined = in memory only. */
    readonly cacheDir: string | undefined,
  ) {
    if ('corpus' in source) {
      this.steps = this.corpusThenIndex(source.corpus);
    } else {
      this.loadedClauses = source;
      this.steps = shardedIndexSteps(indexSource(source), newMiniSearch, { dir: cacheDir, version: indexVersion() });
    }
  }

  private *corpusThenIndex(corpusSteps: Generator<void, Corpus>): Generator<void, ClauseIndex> {
    const corpus = yield* corpusSteps;
    this.loadedCorpus = corpus;
    this.corpusRead.resolve(corpus);
    this.loadedClauses = corpus.clauses;
    return yield* shardedIndexSteps(indexSource(corpus.clauses), newMiniSearch, { dir: this.cacheDir, version: indexVersion() });
  }

  /** The corpus, once read (undefined before, and for a load given its clauses). */
  get corpus(): Corpus | undefined {
    return this.loadedCorpus;
  }

  /** The corpus once read, running the load in the background meanwhile (for a load given its clauses, never). */
  corpusLoaded(): Promise<Corpus> {
    this.background().catch(() => undefined); // a failure reaches the caller through corpusRead
    return this.corpusRead.promise;
  }

  /** The corpus, finishing its read synchronously if it is still under way. */
  corpusNow(): Corpus {
    while (!this.loadedCorpus && !this.step());
    return this.loadedCorpus!;
  }

  /** One chunk of the corpus or one shard; true once the search is ready. */
  private step(): boolean {
    if (this.failure) throw this.failure;
    if (this.result) return true;
    try {
      const r = this.steps.next();
      if (r.done) this.result = createClauseSearch(this.loadedClauses!, { cacheDir: this.cacheDir, index: r.value });
    } catch (err) {
      this.failure = err;
      this.corpusRead.reject(err);
      throw err;
    }
    return this.result !== undefined;
  }

  /** The search, finishing the remaining shards synchronously. */
  now(): ClauseSearch {
    while (!this.step());
    return this.result!;
  }

  /** Finishes the load one shard per event-loop turn, so a running bot keeps answering. */
  background(): Promise<ClauseSearch> {
    this.running ??= (async () => {
      while (!this.step()) await new Promise((resolve) => setImmediate(resolve));
      return this.result!;
    })();
    return this.running;
  }
}

let defaultLoad: ClauseSearchLoad | undefined;

/**
 * The search over the repository's `corpus/`, built once per process and reused. The index is
 * persisted where POLICY_DESK_SEARCH_INDEX says (default: `search-index/` next to the reports
 * database; `off` keeps it in memory), so a restart reads it instead of re-tokenizing the corpus.
 * Synchronous: a caller that needs an answer now (the CLI, a search during the background load)
 * waits for the index.
 */
export function getDefaultSearch(): ClauseSearch {
  return defaultSearchLoad().now();
}

/**
 * Loads the default search in the background: shards are read one at a time between other work,
 * so the bot answers everything else meanwhile. A search that arrives first finishes the load
 * itself through {@link getDefaultSearch}.
 */
export function preloadDefaultSearch(): Promise<ClauseSearch> {
  return defaultSearchLoad().background();
}

/** The one load of the repository corpus's index, started on first use. */
function defaultSearchLoad(): ClauseSearchLoad {
  return (defaultLoad ??= new ClauseSearchLoad({ corpus: loadCorpusSteps({ cacheDir: searchIndexDir() }) }, searchIndexDir()));
}

/** A promise with its resolve and reject; never reported as unhandled when rejected unawaited. */
function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(err: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
