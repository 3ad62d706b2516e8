// Starts a worker thread on a TypeScript entry (`workerData.entry`, e.g. `search/rebuildWorker`):
// from the compiled build in dist/ when it is current, else through tsx — the same choice the bins
// make (compiled.cjs). Bundled modules find their files from the repository root, which a worker
// (a fresh isolate) must be told before it imports them.
import { workerData } from 'node:worker_threads';
import { runEntry } from './compiled.cjs';

await runEntry(workerData.entry);
