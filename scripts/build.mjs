#!/usr/bin/env node
// `npm run build` (also run by `npm install` / `npm ci` through `prepare`): bundles the entry
// points (the CLI, `npm start` and the index-rebuild worker) with esbuild into dist/, and writes
// dist/.stamp so the bins run dist/ only while it matches the sources (bin/compiled.cjs). One bundle
// loads in a fraction of the time Node takes to resolve and compile ~80 source files plus zod's
// ~100 modules one by one. Platform SDKs and heavy one-command modules stay external and are
// imported on first use. Type checking is `npm run typecheck`.
//
// The CLI is one CommonJS file (dist/entries/cli/main.cjs): every process starts it afresh, and on
// Node 20 only a script run through vm.Script can keep V8's compiled code between runs
// (bin/codeCache.cjs), which saves most of the time compiling the bundle takes. Its dynamic imports
// of our own modules are still evaluated only when reached (esbuild wraps them in lazy
// initialisers), and its imports of external packages become require calls. The long-running entries are ES modules with code splitting, where each
// dynamic import() is a separate chunk.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, SRC, sourceFiles, sourceFingerprint } from '../bin/compiled.cjs';
import { sourceImportMetaUrl as sourceImportMetaUrlFor } from './esbuildSource.mjs';

/** Native, platform-SDK and rarely used packages: loaded from node_modules, only when imported. */
const EXTERNAL = ['better-sqlite3', 'exceljs', 'discord.js', '@slack/bolt', 'dingtalk-stream', 'unpdf', 'mammoth', 'html-to-text', 'opencc-js', 'tsx'];

const before = sourceFingerprint();

/**
 * SHA-1 of every file under src/ by path from the repository root: what src/corpus/cache.ts
 * (sourceVersion) would otherwise read and hash at every start to key the parse cache and the
 * search index.
 */
const sourceDigests = Object.fromEntries(sourceFiles().map((f) => [f, createHash('sha1').update(readFileSync(join(ROOT, f))).digest('hex')]));

const sourceImportMetaUrl = sourceImportMetaUrlFor(ROOT);

const tmp = join(ROOT, `.dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });

/**
 * commands/commands.json as the schema reads it (src/bot/core/commandSpec.ts), validated here once
 * so a start can skip validating it: the schema's own code, bundled and run, so what the bundles
 * carry is exactly what a start would have computed. Undefined (a start validates, and reports a
 * broken file as usual) when the file does not pass.
 */
async function validatedCommands() {
  const script = join(tmp, 'validate-commands.mjs');
  await build({
    stdin: {
      contents: `import { loadCommandSpecs } from './src/bot/core/commandSpec.ts'; process.stdout.write(JSON.stringify(loadCommandSpecs()));`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    plugins: [sourceImportMetaUrl],
    banner: { js: `globalThis.__policyDeskRoot = ${JSON.stringify(pathToFileURL(`${ROOT}/`).href)};` },
    logLevel: 'silent',
  });
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  rmSync(script, { force: true });
  if (run.status !== 0) return undefined;
  return { text: readFileSync(join(ROOT, 'commands', 'commands.json'), 'utf8'), commands: JSON.parse(run.stdout) };
}
const commands = await validatedCommands().catch(() => undefined);

/** What every bundle shares. */
const common = {
  outdir: tmp,
  bundle: true,
  platform: 'node',
  target: 'node20',
  supported: { 'import-attributes': true },
  external: EXTERNAL,
  // As JSON text (one string literal where it is read; an object here would make esbuild initialise
  // it from every module).
  define: {
    __POLICY_DESK_SOURCE_DIGESTS__: JSON.stringify(JSON.stringify(sourceDigests)),
    ...(commands ? { __POLICY_DESK_COMMANDS__: JSON.stringify(JSON.stringify(commands)) } : {}),
  },
  // Start time is mostly reading and compiling the bundles: source maps go to separate files
  // (inline they tripled the bytes Node reads and decodes at every start; `node --enable-source-maps`
  // still finds them), and whitespace and syntax are minified. Identifiers are kept, so stack traces
  // still name our functions.
  // stopword's CommonJS build (its `main`) carries all ~60 languages' lists and evaluates each at
  // every start (211 KB of the CLI bundle); its ES module source lets esbuild keep the English list alone.
  alias: { stopword: 'stopword/src/stopword.js' },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
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
    sourceImportMetaUrl,
  ],
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      'entries/start': join(SRC, 'start.ts'),
      // The live index's rebuild, run in a worker thread through bin/worker.js.
      'entries/search/rebuildWorker': join(SRC, 'search/rebuildWorker.ts'),
    },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    // Bundled CommonJS packages (dotenv) call require().
    banner: { js: "import { createRequire as __pdCreateRequire } from 'node:module'; const require = __pdCreateRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: { 'entries/cli/main': join(SRC, 'cli/main.ts') },
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // import() of a package becomes require() (every external has a CommonJS build): code run
    // through vm.Script can import() only through an experimental, warning-printing option.
    supported: { ...common.supported, 'dynamic-import': false },
  }),
]);
// A source edited while building would make this build stale: stamp it with what was read first,
// so the bins see the mismatch and fall back to tsx.
writeFileSync(join(tmp, '.stamp'), before);
rmSync(DIST, { recursive: true, force: true });
renameSync(tmp, DIST);
console.log('policy-desk: built dist/ (CLI, start and worker bundles)');
