#!/usr/bin/env node
// `node scripts/bundle-script.mjs <entry.ts> <out.mjs>`: one of our TypeScript scripts as a single
// ES module bundle, the way `npm run build` bundles the bot for dist/ (packages stay in
// node_modules). The bench runs its measuring child processes from such a bundle: the bot runs
// from dist/, and under tsx every figure would carry tsx's loader (about 33 MB of RSS, and its
// start). `out.mjs` must lie inside the repository, so the bundle finds node_modules.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../bin/compiled.cjs';
import { sourceImportMetaUrl } from './esbuildSource.mjs';

const [entry, out] = process.argv.slice(2);
if (!entry || !out) {
  console.error('usage: node scripts/bundle-script.mjs <entry.ts> <out.mjs>');
  process.exit(2);
}
await build({
  entryPoints: [resolve(entry)],
  outfile: resolve(out),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  supported: { 'import-attributes': true },
  plugins: [sourceImportMetaUrl(ROOT)],
  banner: {
    js:
      `globalThis.__policyDeskRoot = ${JSON.stringify(pathToFileURL(`${ROOT}/`).href)};` +
      "import { createRequire as __pdCreateRequire } from 'node:module'; const require = __pdCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
