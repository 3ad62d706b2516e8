// Whether dist/ (the compiled build, `npm run build`) is current, so the bins can run it instead of
// compiling TypeScript through tsx at every start. "Current" means dist/.stamp lists exactly the
// files under src/ (and package-lock.json) with the sizes and modification times they have now: any
// edit, added or removed file makes it stale, and a stale build is never run (the bins fall back
// to tsx). An entry bundled as one CommonJS file (`.cjs`, the CLI) runs with a V8 code cache
// (codeCache.cjs) kept in node_modules/.cache/policy-desk/.
'use strict';
// CommonJS, like the CLI's launcher: Node's ES module loader costs a CLI call several ms to start
// (its facade for node:fs alone loads node:stream), which a `require` chain does not.
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');

const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.stamp');
/** Where V8's compiled code for the CommonJS bundles is kept between runs. */
const CODE_CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'policy-desk');

/** Every file under src/, by path from the repository root (`src/search/tokenize.ts`), in a stable order. */
function sourceFiles() {
  const files = [];
  const walk = (rel) => {
    const entries = readdirSync(`${ROOT}/${rel}`, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      const path = `${rel}/${d.name}`;
      if (d.isDirectory()) walk(path);
      else if (d.isFile()) files.push(path);
    }
  };
  walk('src');
  return files;
}

/**
 * One line per source file (and package-lock.json, for the bundled packages): path, size and
 * mtime. Cheap: ~4 ms for ~170 files (a walk of plain string paths; Node 20's recursive readdir
 * with path.join took three times as long, on every start).
 */
function sourceFingerprint() {
  return [...sourceFiles(), 'package-lock.json'].map(stampLine).join('\n');
}

function stampLine(rel) {
  const s = statSync(`${ROOT}/${rel}`, { throwIfNoEntry: false });
  return `${rel}\t${s?.size ?? '-'}\t${Math.trunc(s?.mtimeMs ?? 0)}`;
}

/**
 * URL of `dist/<entry>.cjs` (a single-file CommonJS bundle) or else `dist/<entry>.js` (an ES
 * module) when dist/ was built from the sources as they are now, else null.
 */
function compiledEntry(entry) {
  let stamp;
  try {
    stamp = readFileSync(STAMP, 'utf8');
  } catch {
    return null;
  }
  try {
    if (stamp !== sourceFingerprint()) return null;
  } catch {
    return null;
  }
  const script = pathToFileURL(join(DIST, `${entry}.cjs`));
  return existsSync(script) ? script.href : pathToFileURL(join(DIST, `${entry}.js`)).href;
}

/**
 * Runs `src/<entry>.ts`: compiled from dist/ when current, else through tsx (development, or a
 * checkout whose build is missing or older than its sources). `cacheVariant` names the kind of run
 * for a CommonJS bundle's code cache (the CLI passes its command).
 */
async function runEntry(entry, { cacheVariant = 'main' } = {}) {
  const compiled = compiledEntry(`entries/${entry}`);
  if (compiled) {
    // Bundled modules resolve their own files from here (scripts/build.mjs).
    globalThis.__policyDeskRoot = pathToFileURL(`${ROOT}/`).href;
    if (compiled.endsWith('.cjs')) {
      const { runWithCodeCache } = require('./codeCache.cjs');
      runWithCodeCache(fileURLToPath(compiled), CODE_CACHE_DIR, cacheVariant);
      return;
    }
    return import(compiled);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(SRC, `${entry}.ts`)).href);
}

module.exports = { ROOT, SRC, DIST, STAMP, CODE_CACHE_DIR, sourceFiles, sourceFingerprint, compiledEntry, runEntry };
