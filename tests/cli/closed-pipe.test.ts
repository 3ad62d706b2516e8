/**
 * A reader that stops early (`policy-desk search < questions.txt | head`) closes the pipe: the CLI
 * ends quietly, as Unix tools do, instead of dying with an unhandled EPIPE and a stack trace.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/run.ts';

it('ends quietly when the reader of its output goes away mid-batch', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), 'search'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Close our end of its stdout at the first line, as `head -n 1` does.
  child.stdout.once('data', () => child.stdout.destroy());
  child.stdin.end('节能审查\n'.repeat(2000));
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event|^\s+at /m);
  expect(code).toBe(0);
}, 60_000);
