/**
 * Through the real CLI: a flat copy of a corpus text keeps its 文号; a file of an unsupported type,
 * or with no extension at all (`/etc/passwd`), is refused naming the supported types; an unknown
 * command is refused in both languages with --json, like every other failure.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { SUPPORTED_TYPES } from '../../src/corpus/extract.ts';
import { uploadFileName } from '../../src/bot/features/corpus/upload.ts';
import { runCli, tempDir } from '../helpers/run.ts';

function corpusCopy(): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_CORPUS_DIR)) copyFileSync(join(DEFAULT_CORPUS_DIR, f), join(dir, f));
  return dir;
}

describe('corpus add --dry-run --json of a text with every line break removed', () => {
  it('finds the 文号, the issuer and all 13 clauses, and names the copy it would replace', () => {
    const dir = corpusCopy();
    const src = join(tempDir(), 'flat32.txt');
    writeFileSync(src, readFileSync(join(DEFAULT_CORPUS_DIR, 'jincheng-2024-32-consumer-goods-investment.txt'), 'utf8').replace(/\n/g, ''));
    const r = runCli(['corpus', 'add', src, '--dry-run', '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: 'off' } });
    const out = JSON.parse(r.stdout);
    expect(out.docNo).toBe('晋市政办〔2024〕32号');
    expect(out.issuer).toBe('晋城市人民政府办公室');
    expect(out.clauses).toBe(13);
    expect(JSON.stringify(out)).toContain('jincheng-2024-32-consumer-goods-investment.txt');
  });
});

describe('corpus add of a file that is not a supported type', () => {
  it.each([
    ['passwd', '没有扩展名'],
    ['notes.csv', '不支持 .csv'],
  ])('refuses %s with the supported types in both languages, storing nothing', (name, zh) => {
    const dir = tempDir();
    const src = join(tempDir(), name);
    writeFileSync(src, 'root:x:0:0:root:/root:/bin/bash\n'.repeat(20));
    const r = runCli(['corpus', 'add', src, '--json'], { env: { POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: 'off' } });
    expect(r.status).not.toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.message.zh).toContain(zh);
    expect(out.message.zh).toContain(SUPPORTED_TYPES.zh);
    expect(out.message.en).toContain(SUPPORTED_TYPES.en);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the chat upload names the same types', () => {
    expect(uploadFileName({ fileName: 'passwd', mimeType: 'application/octet-stream' })).toEqual({ unsupported: 'passwd' });
    expect(uploadFileName({ fileName: 'a.HTM', mimeType: '' })).toEqual({ name: 'a.HTM' });
  });
});

describe('an unknown command', () => {
  it('is refused with --json as "zh / en" and message {zh, en}', () => {
    const r = runCli(['bogus', '--json'], { env: { POLICY_DESK_SEARCH_INDEX: 'off' } });
    expect(r.status).not.toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.message.zh).toContain('没有「bogus」这个命令');
    expect(out.message.en).toContain('There is no command "bogus"');
    expect(out.error).toBe(`${out.message.zh} / ${out.message.en}`);
    expect(r.stderr).toContain('There is no command');
  });

  it('suggests the command a typo meant', () => {
    const out = JSON.parse(runCli(['serach', 'x', '--json'], { env: { POLICY_DESK_SEARCH_INDEX: 'off' } }).stdout);
    expect(out.message.en).toContain('Did you mean search?');
  });
});
