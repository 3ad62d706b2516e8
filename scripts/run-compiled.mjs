#!/usr/bin/env node
// `node scripts/run-compiled.mjs [node flags…] <script.ts> [args…]`: runs one of our TypeScript
// scripts bundled the way `npm run build` bundles the bot (scripts/bundle-script.mjs), not through
// tsx. `npm run bench` runs this way, so its figures are those of the code `npm start` runs: tsx's
// on-the-fly transform wraps every nested function in a naming helper, which made a clause search
// ~20–30% slower under tsx than compiled. The bundle is written inside node_modules (so it finds
// the packages) and removed when the script ends.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from '../bin/compiled.cjs';

const args = process.argv.slice(2);
const at = args.findIndex((a) => !a.startsWith('--'));
if (at < 0) {
  console.error('usage: node scripts/run-compiled.mjs [node flags…] <script.ts> [args…]');
  process.exit(2);
}
const [flags, script, rest] = [args.slice(0, at), args[at], args.slice(at + 1)];
const dir = join(ROOT, 'node_modules', '.cache', 'policy-desk');
mkdirSync(dir, { recursive: true });
const out = join(dir, `${basename(script).replace(/\.ts$/, '')}-${process.pid}.mjs`);
try {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle-script.mjs'), script, out], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const run = spawnSync(process.execPath, [...flags, out, ...rest], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { force: true });
}
