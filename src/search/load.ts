/**
 * Loading the clause search: shard by shard in the background, or at once when an answer is
 * needed now; and the process-wide default search over the repository's `corpus/`.
 *
 * @module
 */
import { loadCorpus, type Clause } from '../corpus/index.ts';
import { searchIndexDir } from '../settings.ts';
import { indexSource, indexVersion, newMiniSearch, type ClauseIndex } from './clauseIndex.ts';
import { createClauseSearch, type ClauseSearch } from './clauseSearch.ts';
import { shardedIndexSteps } from './persist.ts';

/**
 * A load of the index of `clauses` that proceeds shard by shard in the background yet can be
 * finished at once by a caller that needs an answer now (the first search during a background
 * load finishes that load instead of starting a second one).
 *
 * ```ts
 * const load = new ClauseSearchLoad(clauses, 'data/search-index');
 * void load.background();  // reads or tokenizes one shard per event-loop turn
 * load.now().search('举报奖励'); // finishes the remaining shards synchronously if needed
 * ```
 */
export class ClauseSearchLoad {
  private readonly steps: Generator<void, ClauseIndex>;
  private result?: ClauseSearch;
  private failure?: unknown;
  private running?: Promise<ClauseSearch>;

  constructor(
    readonly clauses: readonly Clause[],
    /** Folder of the persisted shards; undefined = in memory only. */
    readonly cacheDir: string | undefined,
  ) {
    this.steps = shardedIndexSteps(indexSource(clauses), newMiniSearch, { dir: cacheDir, version: indexVersion() });
  }

  /** One shard; true once the search is ready. */
  private step(): boolean {
    if (this.failure) throw this.failure;
    if (this.result) return true;
    try {
      const r = this.steps.next();
      if (r.done) this.result = createClauseSearch(this.clauses, { cacheDir: this.cacheDir, index: r.value });
    } catch (err) {
      this.failure = err;
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
  defaultLoad ??= new ClauseSearchLoad(loadCorpus().clauses, searchIndexDir());
  return defaultLoad.now();
}

/**
 * Loads the default search in the background: shards are read one at a time between other work,
 * so the bot answers everything else meanwhile. A search that arrives first finishes the load
 * itself through {@link getDefaultSearch}.
 */
export function preloadDefaultSearch(): Promise<ClauseSearch> {
  defaultLoad ??= new ClauseSearchLoad(loadCorpus().clauses, searchIndexDir());
  return defaultLoad.background();
}
