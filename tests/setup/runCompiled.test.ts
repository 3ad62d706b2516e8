/**
 * `npm run bench` runs its script compiled, as the bot runs from dist/, not through tsx (whose
 * transform made a search ~20–30% slower): scripts/run-compiled.mjs bundles the script, runs the
 * bundle with the Node flags given before it and the arguments after it, passes its exit status
 * on, and removes the bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.ts';

function runCompiled(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/run-compiled.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('running a script compiled (npm run bench)', () => {
  it('runs a bundle of the script, with the Node flags before it and the arguments after it', () => {
    const r = runCompiled('--expose-gc', 'tests/fixtures/scripts/report-run.ts', '0', '--large');
    expect(r.status).toBe(0);
    const seen = JSON.parse(r.stdout.trim()) as { file: string; args: string[]; exposed: boolean };
    expect(seen.file).toMatch(/node_modules[\\/]\.cache[\\/]policy-desk[\\/]report-run-\d+\.mjs$/);
    expect(seen.args).toEqual(['0', '--large']);
    expect(seen.exposed).toBe(true);
    expect(existsSync(seen.file)).toBe(false);
  });

  it("passes the script's exit status on", () => {
    expect(runCompiled('tests/fixtures/scripts/report-run.ts', '3').status).toBe(3);
  });

  it('says how to call it when no script is named', () => {
    const r = runCompiled('--expose-gc');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: node scripts/run-compiled.mjs');
  });
});
