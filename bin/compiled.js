// Whether dist/ (the compiled build, `npm run build`) is current, so the bins can run it instead of
// compiling TypeScript through tsx at every start. "Current" means dist/.stamp lists exactly the
// files under src/ (and package-lock.json) with the sizes and modification times they have now: any
// edit, added or removed file makes it stale, and a stale build is never run (the bins fall back
// to tsx). An entry bundled as one CommonJS file (`.cjs`, the CLI) runs with a V8 code cache
// (codeCache.js) kept in node_modules/.cache/policy-desk/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
export const STAMP = join(DIST, '.stamp');
/** Where V8's compiled code for the CommonJS bundles is kept between runs. */
export const CODE_CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'policy-desk');

/** Every file under src/, by path from the repository root (`src/search/tokenize.ts`), in a stable order. */
export function sourceFiles() {
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
export function sourceFingerprint() {
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
export function compiledEntry(entry) {
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
  const script = new URL(`../dist/${entry}.cjs`, import.meta.url);
  return existsSync(script) ? script.href : new URL(`../dist/${entry}.js`, import.meta.url).href;
}

/**
 * Runs `src/<entry>.ts`: compiled from dist/ when current, else through tsx (development, or a
 * checkout whose build is missing or older than its sources). `cacheVariant` names the kind of run
 * for a CommonJS bundle's code cache (the CLI passes its command).
 */
export async function runEntry(entry, { cacheVariant = 'main' } = {}) {
  const compiled = compiledEntry(`entries/${entry}`);
  if (compiled) {
    // Bundled modules resolve their own files from here (scripts/build.mjs).
    globalThis.__policyDeskRoot = new URL('../', import.meta.url).href;
    if (compiled.endsWith('.cjs')) {
      const { runWithCodeCache } = await import('./codeCache.js');
      runWithCodeCache(fileURLToPath(compiled), CODE_CACHE_DIR, cacheVariant);
      return;
    }
    return import(compiled);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(`../src/${entry}.ts`, import.meta.url).href);
}
