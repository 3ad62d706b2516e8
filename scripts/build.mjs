#!/usr/bin/env node
// `npm run build` (also run by `npm install` / `npm ci` through `prepare`): bundles the two entry
// points (the CLI and `npm start`) with esbuild into dist/, and writes dist/.stamp so the bins run
// dist/ only while it matches the sources (bin/compiled.js). One bundle loads in a fraction of the
// time Node takes to resolve and compile ~80 source files plus zod's ~100 modules one by one.
// Platform SDKs and heavy one-command modules stay external and are imported on first use
// (code splitting keeps every dynamic import() a separate chunk). Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST, ROOT, SRC, sourceFingerprint } from '../bin/compiled.js';

/** Native, platform-SDK and rarely used packages: loaded from node_modules, only when imported. */
const EXTERNAL = ['better-sqlite3', 'exceljs', 'discord.js', '@slack/bolt', 'dingtalk-stream', 'unpdf', 'mammoth', 'html-to-text', 'opencc-js', 'tsx'];

const before = sourceFingerprint();
const tmp = join(ROOT, `.dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });

await build({
  entryPoints: {
    'entries/cli/main': join(SRC, 'cli/main.ts'),
    'entries/start': join(SRC, 'start.ts'),
    // The live index's rebuild, run in a worker thread through bin/worker.js.
    'entries/search/rebuildWorker': join(SRC, 'search/rebuildWorker.ts'),
  },
  outdir: tmp,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  supported: { 'import-attributes': true },
  external: EXTERNAL,
  // Start time is mostly reading and compiling the bundles: source maps go to separate files
  // (inline they tripled the bytes Node reads and decodes at every start; `node --enable-source-maps`
  // still finds them), and whitespace and syntax are minified. Identifiers are kept, so stack traces
  // still name our functions.
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // Bundled CommonJS packages (dotenv) call require().
  banner: { js: "import { createRequire as __pdCreateRequire } from 'node:module'; const require = __pdCreateRequire(import.meta.url);" },
  plugins: [
    {
      // zod ships its error messages in ~40 languages (290 KB, a quarter of what a CLI call parsed);
      // our replies word their own errors, and zod's English default (locales/en.js, imported by
      // the schemas themselves) stays. `z.locales` is empty in the bundle.
      name: 'zod-without-translations',
      setup(b) {
        b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
          /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'pd-empty' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'pd-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
      },
    },
    {
      // Modules find files relative to themselves (`new URL('../../corpus/', import.meta.url)`).
      // Bundled, import.meta.url would be the chunk's; each module gets its own source file's URL
      // instead, from the repository root the launcher (bin/compiled.js) sets before importing.
      name: 'source-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
          let code = readFileSync(args.path, 'utf8');
          if (code.includes('import.meta.url')) {
            const rel = relative(ROOT, args.path).split('\\').join('/');
            code = code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, globalThis.__policyDeskRoot).href`);
          }
          return { contents: code, loader: 'ts' };
        });
      },
    },
  ],
});
// A source edited while building would make this build stale: stamp it with what was read first,
// so the bins see the mismatch and fall back to tsx.
writeFileSync(join(tmp, '.stamp'), before);
rmSync(DIST, { recursive: true, force: true });
renameSync(tmp, DIST);
console.log('policy-desk: built dist/ (CLI and start bundles)');
