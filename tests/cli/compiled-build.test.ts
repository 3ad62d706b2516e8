/**
 * The bins run the compiled build (dist/) only while it was built from the sources as they are now;
 * a stale or missing build falls back to tsx, so an edited checkout never runs old code.
 * Exercised on a throwaway copy of bin/compiled.cjs with its own src/ and dist/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = mkdtempSync(join(tmpdir(), 'pd-compiled-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
mkdirSync(join(repo, 'bin'));
mkdirSync(join(repo, 'src', 'search'), { recursive: true });
mkdirSync(join(repo, 'dist'));
copyFileSync(resolve(import.meta.dirname, '../../bin/compiled.cjs'), join(repo, 'bin', 'compiled.cjs'));
writeFileSync(join(repo, 'src', 'start.ts'), 'export {};\n');
writeFileSync(join(repo, 'src', 'search', 'index.ts'), 'export const x = 1;\n');

const compiled = (await import(pathToFileURL(join(repo, 'bin', 'compiled.cjs')).href)) as {
  compiledEntry(entry: string): string | null;
  sourceFingerprint(): string;
};
const stampNow = () => writeFileSync(join(repo, 'dist', '.stamp'), compiled.sourceFingerprint());

describe('compiled build', () => {
  it('is used while its stamp matches the sources', () => {
    stampNow();
    expect(compiled.compiledEntry('entries/start')).toMatch(/dist\/entries\/start\.js$/);
  });

  it('runs an entry bundled as one CommonJS file (the CLI, run with a code cache) in preference to an ES module', () => {
    stampNow();
    mkdirSync(join(repo, 'dist', 'entries', 'cli'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'entries', 'cli', 'main.cjs'), '');
    expect(compiled.compiledEntry('entries/cli/main')).toMatch(/dist\/entries\/cli\/main\.cjs$/);
    expect(compiled.compiledEntry('entries/start')).toMatch(/dist\/entries\/start\.js$/);
  });

  it('is not used after a source file changes, even to the same size', () => {
    stampNow();
    const file = join(repo, 'src', 'search', 'index.ts');
    writeFileSync(file, 'export const x = 2;\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(compiled.compiledEntry('entries/start')).toBeNull();
  });

  it('is not used after a source file is added or removed', () => {
    stampNow();
    writeFileSync(join(repo, 'src', 'new.ts'), 'export {};\n');
    expect(compiled.compiledEntry('entries/start')).toBeNull();
    stampNow();
    rmSync(join(repo, 'src', 'new.ts'));
    expect(compiled.compiledEntry('entries/start')).toBeNull();
  });

  it('is not used when there is no stamp (never built, or a build that did not finish)', () => {
    rmSync(join(repo, 'dist', '.stamp'), { force: true });
    expect(compiled.compiledEntry('entries/start')).toBeNull();
  });
});
