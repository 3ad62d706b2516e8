#!/usr/bin/env node
// `npm run build` (also run by `npm install` / `npm ci` through `prepare`): compiles src/ into dist/
// with esbuild, one .js file per .ts file at the same depth (so paths read relative to
// import.meta.url still point into the repo), and writes dist/.stamp so the bins run dist/ only
// while it matches the sources (bin/compiled.js). Type checking stays `npm run typecheck`.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, SRC, sourceFingerprint } from '../bin/compiled.js';

const before = sourceFingerprint();
const files = readdirSync(SRC, { recursive: true }).map(String).sort();
const tsFiles = files.filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));
const tmp = join(ROOT, `.dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });

await build({
  entryPoints: tsFiles,
  outbase: SRC,
  outdir: tmp,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  supported: { 'import-attributes': true },
  sourcemap: 'inline',
  logLevel: 'warning',
});

// Relative imports name .ts files (tsx and `allowImportingTsExtensions`); point them at the .js output.
const relativeTs = /((?:\bfrom\s*|\bimport\s*\(\s*)(['"]))(\.{1,2}\/[^'"\n]*?)\.ts\2/g;
for (const f of readdirSync(tmp, { recursive: true }).map(String)) {
  if (!f.endsWith('.js')) continue;
  const path = join(tmp, f);
  const code = readFileSync(path, 'utf8');
  const fixed = code.replace(relativeTs, (_m, head, quote, spec) => `${head}${spec}.js${quote}`);
  if (fixed !== code) writeFileSync(path, fixed);
}
// Data files next to the code (glossary.json) are imported at run time: copy them alongside.
for (const f of files.filter((f) => !f.endsWith('.ts') && /\.[a-z]+$/.test(f))) {
  mkdirSync(join(tmp, f, '..'), { recursive: true });
  cpSync(join(SRC, f), join(tmp, f));
}
// A source edited while building would make this build stale: stamp it with what was read first,
// so the bins see the mismatch and fall back to tsx.
writeFileSync(join(tmp, '.stamp'), before);
rmSync(DIST, { recursive: true, force: true });
renameSync(tmp, DIST);
console.log(`policy-desk: compiled ${tsFiles.length} files into dist/`);
