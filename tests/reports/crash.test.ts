import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the burst child and SIGKILLs it once `killAfter` acknowledgements have been printed. */
function burstAndKill(db: string, killAfter: number): Promise<{ acks: Array<[string, string, number]>; signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), join(ROOT, 'tests/reports/fixtures/burst.ts'), db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Array<[string, string, number]> = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ACK (\S+) (\S+) (\d+)$/.exec(line);
        if (m) acks.push([m[1]!, m[2]!, Number(m[3])]);
      }
      if (acks.length >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`child ended with ${code}/${signal} before the kill: ${stderr}`));
      else done({ acks, signal });
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged submission and leaves nothing half-written when the process is killed mid-burst', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-crash-'));
    const db = join(dir, 'reports.db');
    const { acks, signal } = await burstAndKill(db, 300);
    expect(signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(300);

    const conn = new Database(db);
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn.pragma('foreign_key_check')).toEqual([]);
    const revisionOf = conn.prepare('SELECT revision FROM reports WHERE unit = ? AND month = ?').pluck();
    const revisionExists = conn.prepare('SELECT count(*) FROM revisions v JOIN reports r ON r.id = v.report_id WHERE r.unit = ? AND r.month = ? AND v.number = ?').pluck();
    for (const [unit, month, revision] of acks) {
      expect(revisionOf.get(unit, month) as number, `${unit} ${month}`).toBeGreaterThanOrEqual(revision);
      expect(revisionExists.get(unit, month, revision), `${unit} ${month} r${revision}`).toBe(1);
    }
    // Nothing half-written: every report has all its revisions 1..n, every revision its report,
    // and every stored write its audit entry.
    expect(conn.prepare('SELECT count(*) FROM reports r WHERE (SELECT count(*) FROM revisions v WHERE v.report_id = r.id) <> r.revision OR r.revision < 1').pluck().get()).toBe(0);
    expect(conn.prepare('SELECT count(*) FROM revisions v LEFT JOIN reports r ON r.id = v.report_id WHERE r.id IS NULL').pluck().get()).toBe(0);
    const revisions = conn.prepare('SELECT count(*) FROM revisions').pluck().get() as number;
    expect(revisions).toBeGreaterThanOrEqual(acks.length);
    expect(conn.prepare("SELECT count(*) FROM audit WHERE action IN ('report submit', 'report amend') AND outcome = 'ok'").pluck().get()).toBe(revisions);
    conn.close();
  });
});
