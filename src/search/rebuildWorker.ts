/**
 * The heavy half of a live reload, in a worker thread (`live.ts` starts it through
 * `bin/worker.js`): parse the corpus folder (only changed files; the parse cache is shared) and
 * tokenize and save the shards of new or changed documents. The serving thread then only reads
 * files: its event loop — every chat request — never waits for tokenizing.
 *
 * Input (`workerData.job`): `{ dir, cacheDir, lastGood? }`. Output: one message, `{ ok: true, built,
 * kept, documents, unusable }` or `{ ok: false, error }`. `lastGood` carries the last good versions
 * the serving thread keeps (`LoadOptions.lastGood`): its metadata.json entries, and the parses of
 * the files it kept at its last reload; a file found `unusable` (empty, unreadable) for which the
 * worker had no parse makes the serving thread run the job again with that file's, so the shards
 * hold what it will serve.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus, type GoodParse, type MetadataEntry } from '../corpus/index.ts';
import { persistClauseShards } from './clauseIndex.ts';

export interface RebuildJob {
  /** Corpus folder. */
  dir: string;
  /** Folder of the persisted shards and parse cache. */
  cacheDir: string;
  /** The last good versions to keep (structured-cloned into the worker, so plain data). */
  lastGood?: { metadata?: Record<string, MetadataEntry>; documents?: Record<string, GoodParse> };
}

export type RebuildResult =
  | {
      ok: true;
      built: number;
      kept: number;
      documents: number;
      /** Files skipped as empty, binary, undecodable or unreadable, with no last good version given. */
      unusable: readonly string[];
    }
  | { ok: false; error: string };

/** Parses `job.dir` and writes the shards it lacks into `job.cacheDir`. */
export function rebuildShards(job: RebuildJob): RebuildResult {
  try {
    const given = job.lastGood;
    const lastGood = given && { metadata: given.metadata, document: (file: string) => given.documents?.[file] };
    const corpus = loadCorpus({ dir: job.dir, fresh: true, cacheDir: job.cacheDir, lastGood });
    const r = persistClauseShards(corpus.clauses, job.cacheDir);
    return { ok: true, ...r, documents: corpus.documents.length, unusable: corpus.unusable };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

if (parentPort && (workerData as { job?: RebuildJob } | undefined)?.job) {
  parentPort.postMessage(rebuildShards((workerData as { job: RebuildJob }).job));
}
