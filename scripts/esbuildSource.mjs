// What every esbuild bundle of our TypeScript needs (scripts/build.mjs for dist/, and
// scripts/bundle-script.mjs for the bench's child processes).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Modules find files relative to themselves (`new URL('../../corpus/', import.meta.url)`).
 * Bundled, import.meta.url would be the bundle's; each module gets its own source file's URL
 * instead, from the repository root the launcher (bin/compiled.cjs, or the bundle's banner) sets
 * before importing.
 */
export function sourceImportMetaUrl(root) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /[\\/](?:src|scripts|tests)[\\/].*\.ts$/ }, (args) => {
        let code = readFileSync(args.path, 'utf8');
        if (code.includes('import.meta.url')) {
          const rel = relative(root, args.path).split('\\').join('/');
          code = code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, globalThis.__policyDeskRoot).href`);
        }
        return { contents: code, loader: 'ts' };
      });
    },
  };
}
