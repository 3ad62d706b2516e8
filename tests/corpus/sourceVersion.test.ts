/**
 * The parse cache and the search index are keyed by a hash of the sources they depend on
 * (sourceVersion). The compiled build carries each source file's SHA-1 so a start reads no source
 * file; the key it gives must be exactly the one read from the files, or switching between
 * `npm run build` and tsx would rebuild the index every time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceVersion } from '../../src/corpus/cache.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { sourceFiles } = (await import(pathToFileURL(resolve(ROOT, 'bin/compiled.cjs')).href)) as { sourceFiles(): string[] };
const rootUrl = pathToFileURL(`${ROOT}/`).href;
const g = globalThis as { __policyDeskRoot?: string; __POLICY_DESK_SOURCE_DIGESTS__?: string };

/** What scripts/build.mjs embeds in the bundles (as JSON text). */
const digests = () => Object.fromEntries(sourceFiles().map((f) => [f, createHash('sha1').update(readFileSync(resolve(ROOT, f))).digest('hex')]));

const sources = [
  { dir: new URL('src/corpus/', rootUrl), files: /\.(ts|json)$/ },
  { dir: new URL('src/text/', rootUrl), files: /\.ts$/ },
];

afterEach(() => {
  delete g.__policyDeskRoot;
  delete g.__POLICY_DESK_SOURCE_DIGESTS__;
});

describe('source version', () => {
  it('is the same from the build’s table of digests as from reading the files', () => {
    const fromFiles = sourceVersion(sources);
    g.__policyDeskRoot = rootUrl;
    g.__POLICY_DESK_SOURCE_DIGESTS__ = JSON.stringify(digests());
    expect(sourceVersion(sources)).toBe(fromFiles);
  });

  it('changes with the contents of any one file in the table', () => {
    g.__policyDeskRoot = rootUrl;
    g.__POLICY_DESK_SOURCE_DIGESTS__ = JSON.stringify(digests());
    const before = sourceVersion(sources);
    g.__POLICY_DESK_SOURCE_DIGESTS__ = JSON.stringify({ ...digests(), 'src/text/normalize.ts': '0'.repeat(40) });
    expect(sourceVersion(sources)).not.toBe(before);
  });

  it('reads the files for a folder outside src/ (the table covers only the sources)', () => {
    const outside = [{ dir: new URL('commands/', rootUrl), files: /\.json$/ }];
    const fromFiles = sourceVersion(outside);
    g.__policyDeskRoot = rootUrl;
    g.__POLICY_DESK_SOURCE_DIGESTS__ = JSON.stringify(digests());
    expect(sourceVersion(outside)).toBe(fromFiles);
  });
});
