/**
 * The compiled CLI keeps V8's compiled code between runs (bin/codeCache.cjs). A cache only saves
 * time: whatever state it is in — missing, from an older build, damaged, cut short, in a folder
 * that cannot be written — the bundle runs and prints the same result.
 * Each run is a separate Node process (the cache is written when a process exits).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pd-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bundle = join(dir, 'main.cjs');
const cacheDir = join(dir, 'cache');
const driver = join(dir, 'driver.mjs');
writeFileSync(
  driver,
  `import { runWithCodeCache } from ${JSON.stringify(pathToFileURL(resolve(import.meta.dirname, '../../bin/codeCache.cjs')).href)};\n` +
    `process.stderr.write(runWithCodeCache(process.argv[2], process.argv[3], process.argv[4]));\n`,
);

/** A bundle shaped like esbuild's CommonJS output: require, module.exports, __dirname, a deferred step. */
function writeBundle(answer: number): void {
  writeFileSync(
    bundle,
    `"use strict";
const { join } = require('node:path');
function answer() { return ${answer}; }
module.exports = { answer };
Promise.resolve().then(() => require('node:path')).then((p) => {
  process.stdout.write(JSON.stringify({ answer: answer(), joined: p.join('a', 'b') === join('a', 'b'), dirname: __dirname }));
});
`,
  );
}

function run(cache = cacheDir, variant?: string): { result: unknown; cache: string } {
  const r = spawnSync(process.execPath, [driver, bundle, cache, ...(variant ? [variant] : [])], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { result: JSON.parse(r.stdout), cache: r.stderr };
}

const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);
const theCache = () => join(cacheDir, cacheFiles()[0]!);
const expected = (answer: number) => ({ answer, joined: true, dirname: dir });

beforeEach(() => {
  rmSync(cacheDir, { recursive: true, force: true });
  writeBundle(42);
});

describe('code cache for the compiled CLI', () => {
  it('is written by the first run and used by the next, with the same result', () => {
    expect(run()).toEqual({ result: expected(42), cache: 'compiled' });
    expect(cacheFiles()).toHaveLength(1);
    expect(run()).toEqual({ result: expected(42), cache: 'used' });
  });

  it('is not used for a rebuilt bundle, even one of the same length, and the old cache is removed', () => {
    run();
    const old = cacheFiles()[0];
    writeBundle(43);
    expect(run()).toEqual({ result: expected(43), cache: 'compiled' });
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()[0]).not.toBe(old);
    expect(run()).toEqual({ result: expected(43), cache: 'used' });
  });

  it('is ignored and rewritten when its body is damaged (V8 would trust it and crash)', () => {
    run();
    const file = theCache();
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 16; i++) bytes[i] = bytes[i]! ^ 0x5a;
    writeFileSync(file, bytes);
    expect(run()).toEqual({ result: expected(42), cache: 'compiled' });
    expect(run()).toEqual({ result: expected(42), cache: 'used' });
  });

  it('is ignored when it was cut short or is not a cache at all', () => {
    run();
    const file = theCache();
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(run()).toEqual({ result: expected(42), cache: 'compiled' });
    writeFileSync(file, 'not a cache');
    expect(run()).toEqual({ result: expected(42), cache: 'compiled' });
    writeFileSync(file, '');
    expect(run()).toEqual({ result: expected(42), cache: 'compiled' });
  });

  it('is skipped silently when its folder cannot be created', () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    expect(run(join(blocked, 'cache'))).toEqual({ result: expected(42), cache: 'compiled' });
    expect(run(join(blocked, 'cache'))).toEqual({ result: expected(42), cache: 'compiled' });
  });

  it('is kept per kind of run (the CLI\'s command), and a rebuilt bundle removes every kind of the old build', () => {
    expect(run(cacheDir, 'help').cache).toBe('compiled');
    expect(run(cacheDir, 'search').cache).toBe('compiled');
    expect(run(cacheDir, 'search').cache).toBe('used');
    expect(run(cacheDir, 'help').cache).toBe('used');
    expect(cacheFiles()).toHaveLength(2);
    writeBundle(43);
    expect(run(cacheDir, 'search')).toEqual({ result: expected(43), cache: 'compiled' });
    expect(cacheFiles()).toEqual([expect.stringMatching(/\.search\.v8$/)]);
  });

  it('names any word that is not a plain lowercase command one kind, "other"', () => {
    expect(run(cacheDir, 'Not A Command!').cache).toBe('compiled');
    expect(run(cacheDir, '../../etc').cache).toBe('used');
    expect(cacheFiles()).toEqual([expect.stringMatching(/\.other\.v8$/)]);
  });

  it('keeps at most 24 kinds per build, so caches for mistyped commands do not pile up', () => {
    run(cacheDir, 'search');
    const build = cacheFiles()[0]!.replace(/\.search\.v8$/, '');
    for (let i = 1; i < 24; i++) writeFileSync(join(cacheDir, `${build}.typo${i}.v8`), '');
    expect(run(cacheDir, 'another')).toEqual({ result: expected(42), cache: 'compiled' });
    expect(cacheFiles()).toHaveLength(24);
    expect(run(cacheDir, 'search').cache).toBe('used');
  });

  it('leaves no temporary files behind', () => {
    run();
    run();
    expect(cacheFiles().filter((f) => !f.endsWith('.v8'))).toEqual([]);
  });
});
