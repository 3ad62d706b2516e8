/**
 * The heavy half of a live reload, in a worker thread (`live.ts` starts it through
 * `bin/worker.js`): parse the corpus folder (only changed files; the parse cache is shared) and
 * tokenize and save the shards of new or changed documents. The serving thread then only reads
 * files: its event loop — every chat request — never waits for tokenizing.
 *
 * Input (`workerData.job`): `{ dir, cacheDir }`. Output: one message, `{ ok: true, built, kept,
 * documents }` or `{ ok: false, error }`.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from '../corpus/index.ts';
import { persistClauseShards } from './clauseIndex.ts';

export interface RebuildJob {
  /** Corpus folder. */
  dir: string;
  /** Folder of the persisted shards and parse cache. */
  cacheDir: string;
}

export type RebuildResult = { ok: true; built: number; kept: number; documents: number } | { ok: false; error: string };

/** Parses `job.dir` and writes the shards it lacks into `job.cacheDir`. */
export function rebuildShards(job: RebuildJob): RebuildResult {
  try {
    const corpus = loadCorpus({ dir: job.dir, fresh: true, cacheDir: job.cacheDir });
    const r = persistClauseShards(corpus.clauses, job.cacheDir);
    return { ok: true, ...r, documents: corpus.documents.length };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

if (parentPort && (workerData as { job?: RebuildJob } | undefined)?.job) {
  parentPort.postMessage(rebuildShards((workerData as { job: RebuildJob }).job));
}
