/**
 * A clause search that follows the corpus folder while the bot runs: documents added, changed
 * or removed in `corpus/` become searchable without a restart.
 *
 * ```ts
 * const live = new LiveClauseSearch({ dir: 'corpus/' });
 * live.start();                 // watch the folder
 * live.current.search('举报奖励'); // always a complete index: the old one until the new one is built
 * await live.close();
 * ```
 *
 * How a change is taken in:
 * - the folder is watched (`fs.watch`); events are debounced ({@link LiveSearchOptions.debounceMs}),
 *   so a copy that writes a file in several pieces, or a batch of files, causes one rebuild;
 * - the rebuild runs from that timer, never inside a request, and its heavy part runs in a worker
 *   thread (`rebuildWorker.ts`): parsing the changed files and tokenizing the shards of new or
 *   changed documents, saved to the index folder. The serving thread then reads the parse cache and
 *   the shards back (one shard per event-loop turn, no tokenizing) into a new index beside the old
 *   one, and swaps the reference in one assignment. Requests before the swap are answered by the
 *   old index, requests after it by the new one; none waits for the rebuild or sees a half-built
 *   index;
 * - the shards go to the persisted index folder (`searchOptions.cacheDir`; the bot passes
 *   POLICY_DESK_SEARCH_INDEX), or without one to a private temporary folder removed on close;
 * - the old index's shard files are closed at the swap; a shard file that fails to read while
 *   serving is reported ({@link LiveSearchOptions.onError}) and triggers a rebuild;
 * - a rebuild that fails keeps the old index and reports the error; a worker that fails is reported
 *   and the rebuild runs on this thread instead (shard by shard between requests); a change that
 *   arrives during a rebuild schedules one more rebuild after it;
 * - the first index is loaded lazily — {@link preload} reads it in the background at start, and a
 *   search before that finishes it at once;
 * - the last good version stays: a document saved empty, or unreadable or undecodable, keeps the
 *   text it had in the index, and a metadata.json that no longer reads as JSON keeps the entries it
 *   had, each with a warning naming the file (`LoadOptions.lastGood`). A file deleted is removed. A
 *   start has no earlier version and reads the folder as it is, like the CLI.
 */
import { mkdtempSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RebuildJob, RebuildResult } from './rebuildWorker.ts';
import { defaultCorpusDir, isCorpusFile, loadCorpusSteps, METADATA_FILE, type Corpus, type GoodParse, type LastGood } from '../corpus/index.ts';
import { ClauseSearchLoad, type ClauseSearch, type ClauseSearchOptions } from './index.ts';

export interface LiveSearchOptions {
  /** Corpus folder; default the one `loadCorpus` uses (`POLICY_DESK_CORPUS_DIR` or `corpus/`). */
  dir?: string;
  /** Quiet time after the last change before rebuilding (default 500 ms). */
  debounceMs?: number;
  /** Passed to each index build: `cacheDir` persists the index in shards and reads it back. */
  searchOptions?: Pick<ClauseSearchOptions, 'cacheDir'>;
  /** Called after each swap, with what the new index holds and the corpus warnings. */
  onReload?: (info: ReloadInfo) => void;
  /** Called with a rebuild that failed (the old index stays). */
  onError?: (err: Error) => void;
}

export interface ReloadInfo {
  documents: number;
  clauses: number;
  warnings: string[];
  /** Milliseconds from the start of the rebuild to the swap. */
  ms: number;
  /** Shards tokenized for this reload (new or changed documents), in the worker thread. */
  shardsBuilt: number;
  /** Whether the tokenizing ran in a worker thread (false: the fallback on this thread). */
  inWorker: boolean;
}

export class LiveClauseSearch {
  readonly dir: string;
  private search?: ClauseSearch;
  private readonly firstLoad: ClauseSearchLoad;
  /** The corpus of the latest reload; before the first, the first load's. */
  private reloaded?: Corpus;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private closed = false;
  private generationNo = 0;
  private readonly options: LiveSearchOptions;
  /** Where rebuilt shards go when no index folder is configured; removed on close. */
  private privateDir?: string;

  constructor(options: LiveSearchOptions = {}) {
    this.options = options;
    this.dir = resolve(options.dir ?? defaultCorpusDir());
    // The corpus too is read in steps: at 10,000 documents reading it back takes most of a second.
    const cacheDir = options.searchOptions?.cacheDir;
    this.firstLoad = new ClauseSearchLoad({ corpus: loadCorpusSteps({ dir: this.dir, cacheDir }) }, cacheDir);
  }

  /** The index to answer with now: always complete (finishes the first load if still under way). */
  get current(): ClauseSearch {
    this.search ??= this.watchReads(this.firstLoad.now());
    return this.search;
  }

  /**
   * Reads the corpus, then loads the first index, in the background: a chunk of the parse cache or
   * one shard per event-loop turn (the bot calls this at start).
   */
  async preload(): Promise<void> {
    const first = await this.firstLoad.background();
    this.search ??= this.watchReads(first);
  }

  /**
   * A shard file that fails to read while serving (truncated in place, an I/O error) is reported
   * and rebuilt: the next load finds it unreadable and tokenizes it again. Meanwhile its clauses
   * are left out of answers.
   */
  private watchReads(search: ClauseSearch): ClauseSearch {
    search.onIndexReadError((err) => {
      this.options.onError?.(err);
      this.schedule();
    });
    return search;
  }

  /** The corpus the current index was built from (documents, clauses, warnings); finishes reading it if need be. */
  get corpus(): Corpus {
    return this.reloaded ?? this.firstLoad.corpusNow();
  }

  /** The corpus once read, reading it in the background meanwhile (what {@link preload} reads first). */
  corpusLoaded(): Promise<Corpus> {
    return this.reloaded ? Promise.resolve(this.reloaded) : this.firstLoad.corpusLoaded();
  }

  /** How many times the index has been swapped (0 before the first reload). */
  get generation(): number {
    return this.generationNo;
  }

  /** Starts watching the folder. A folder that cannot be watched is reported, not fatal. */
  start(): this {
    if (this.watcher || this.closed) return this;
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        // Editors' and our own temporary files (`.x.tmp`) are not documents; a rename onto a
        // `.txt` name reports the `.txt` too. An event without a name may be anything.
        if (name && !isCorpusFile(String(name)) && String(name) !== METADATA_FILE) return;
        this.schedule();
      });
      this.watcher.on('error', (err) => this.options.onError?.(err));
    } catch (err) {
      this.options.onError?.(err as Error);
    }
    return this;
  }

  /** Schedules a rebuild after the debounce time (restarting it on every new change). */
  schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 500);
    this.timer.unref?.();
  }

  /**
   * Rebuilds now (also what the watcher calls) and resolves once the new index is in use. A call
   * during a rebuild makes one more rebuild follow it, so the last change is never missed.
   */
  reload(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.rebuild();
        } while (this.again && !this.closed);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * Rebuilds now and resolves with whether the index in use then holds `file` (a name in the corpus
   * folder): how a caller that just stored a document learns it can be found. False when the
   * rebuild failed (the old index stays) or the file did not parse into a document.
   */
  async reloadFor(file: string): Promise<boolean> {
    await this.reload();
    return this.reloaded?.documents.some((d) => d.file === file) ?? false;
  }

  private async rebuild(): Promise<void> {
    const started = performance.now();
    try {
      const cacheDir = this.shardDir();
      const served = this.served();
      const lastGood: LastGood | undefined = served && { document: (file) => served.parses.get(file), metadata: served.goodMetadata };
      /** The last good parses of `files`, for the worker (which has only what it is sent). */
      const parsesOf = (files: readonly string[]) => {
        const out: Record<string, GoodParse> = {};
        for (const f of files) {
          const good = served?.parses.get(f);
          if (good) out[f] = good;
        }
        return out;
      };
      // Off this thread: parse what changed, tokenize and save the changed documents' shards —
      // with the last good versions of the files kept at the last reload, likely still unusable.
      const job = (documents: Record<string, GoodParse>) => runRebuildWorker({ dir: this.dir, cacheDir, lastGood: { metadata: served?.goodMetadata, documents } });
      let off = await job(parsesOf(served?.kept ?? []));
      if (this.closed) return;
      // A file unusable now (saved empty, unreadable) that the worker had no last good version of:
      // it runs again with that version, so the shards hold what will be served.
      const more = parsesOf(off.ok ? off.unusable : []);
      if (Object.keys(more).length > 0) {
        off = await job({ ...parsesOf(served?.kept ?? []), ...more });
        if (this.closed) return;
      }
      if (!off.ok) this.options.onError?.(new Error(`rebuild worker failed (${off.error}); rebuilding on the main thread`));
      await yieldToEventLoop();
      if (this.closed) return;
      // Reads the corpus and then the shards back, a chunk or a shard per event-loop turn; only the
      // fallback tokenizes here.
      const load = new ClauseSearchLoad({ corpus: loadCorpusSteps({ dir: this.dir, fresh: true, cacheDir, lastGood }) }, cacheDir);
      const next = await load.background();
      const corpus = load.corpus!;
      if (this.closed) {
        next.close();
        return;
      }
      // The swap: one assignment, so a request sees either the old index or the new one. Searches
      // are synchronous, so none is using the old index now: its shard files are released.
      const old = this.search;
      this.search = this.watchReads(next);
      if (old !== next) old?.close();
      this.reloaded = corpus;
      this.generationNo++;
      this.options.onReload?.({
        documents: corpus.documents.length,
        clauses: corpus.clauses.length,
        warnings: corpus.warnings,
        ms: Math.round(performance.now() - started),
        shardsBuilt: off.ok ? off.built : 0,
        inWorker: off.ok,
      });
    } catch (err) {
      this.options.onError?.(err as Error);
    }
  }

  /**
   * The corpus served now, whose versions a file made unusable keeps: the latest reload's, or the
   * first load's once it has read the corpus (before that there is none).
   */
  private served(): Corpus | undefined {
    return this.reloaded ?? this.firstLoad.corpus;
  }

  /** The configured index folder, else a private temporary one. */
  private shardDir(): string {
    const configured = this.options.searchOptions?.cacheDir;
    if (configured) return configured;
    this.privateDir ??= mkdtempSync(join(tmpdir(), 'policy-desk-live-'));
    return this.privateDir;
  }

  /** Stops watching; a rebuild in progress finishes first. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.running;
    this.search?.close();
    if (this.privateDir) rmSync(this.privateDir, { recursive: true, force: true });
  }
}

/**
 * Runs {@link RebuildJob} in a worker thread (`bin/worker.js` picks dist/ or tsx like the bins) and
 * resolves with its result, or with the reason it could not run.
 */
async function runRebuildWorker(job: RebuildJob): Promise<RebuildResult> {
  // Loaded on the first reload: a one-shot CLI call never needs worker threads.
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolvePromise) => {
    let settled = false;
    const settle = (r: RebuildResult) => {
      if (!settled) {
        settled = true;
        resolvePromise(r);
      }
    };
    let worker: InstanceType<typeof Worker>;
    try {
      worker = new Worker(new URL('../../bin/worker.js', import.meta.url), { workerData: { entry: 'search/rebuildWorker', job } });
    } catch (err) {
      settle({ ok: false, error: (err as Error).message });
      return;
    }
    worker.once('message', (m: RebuildResult) => settle(m));
    worker.once('error', (err) => settle({ ok: false, error: err.message }));
    worker.once('exit', (code) => settle({ ok: false, error: `exited with code ${code}` }));
  });
}
