/**
 * A PDF, web page or sub-folder put straight into the corpus folder is never read (only .txt
 * files are; `corpus add` converts the rest). It is not skipped silently: the loader warns,
 * naming it, so `corpus check` fails and start-up prints the warning.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../../src/corpus/index.ts';
import { cleanEnv, ROOT, tempDir } from '../helpers/run.ts';

function corpusWithStrays(): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_CORPUS_DIR)) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  copyFileSync(join(ROOT, 'tests/fixtures/ingest/reward-rule.pdf'), join(dir, 'dropped.pdf'));
  writeFileSync(join(dir, 'page.html'), '<html><body><p>第一条 测试。</p></body></html>');
  mkdirSync(join(dir, '2025'));
  writeFileSync(join(dir, '2025', 'inside.txt'), '第一条 测试。');
  writeFileSync(join(dir, '.DS_Store'), '');
  return dir;
}

describe('files in the corpus folder that are not read', () => {
  it('are each named in a warning that says how to add them; hidden files are not', () => {
    const { documents, warnings, issues } = loadCorpus({ dir: corpusWithStrays(), fresh: true });
    expect(documents).toHaveLength(5);
    expect(issues.map((i) => i.file)).toEqual(['2025', 'dropped.pdf', 'page.html']);
    expect(warnings[0]).toContain('sub-folder 2025/ is not read');
    expect(warnings[1]).toContain('dropped.pdf is not read: not a .txt: add it with npx policy-desk corpus add dropped.pdf');
    expect(warnings[2]).toContain('page.html is not read: not a .txt: add it with npx policy-desk corpus add page.html');
  });

  it('make corpus check fail, listing them', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/policy-desk.cjs'), 'corpus', 'check'], {
      cwd: ROOT,
      env: cleanEnv({ POLICY_DESK_CORPUS_DIR: corpusWithStrays() }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('dropped.pdf');
    expect(r.stdout).toContain('page.html');
    expect(r.stdout).toContain('2025/');
    expect(r.stdout).not.toContain('.DS_Store');
  });
});
