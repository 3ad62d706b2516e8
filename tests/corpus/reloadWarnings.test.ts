/**
 * A running bot says each corpus warning a reload brings once, to whoever reads its warnings (the
 * console prints them for the person), and not again at every later reload.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/index.ts';
import { readSettings } from '../../src/settings.ts';
import { tempDir } from '../helpers/run.ts';

const dir = tempDir();
cpSync(DEFAULT_CORPUS_DIR, dir, { recursive: true });
const said: string[] = [];
let app: App;

beforeAll(async () => {
  const data = tempDir();
  const settings = readSettings({ POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SEARCH_INDEX: join(data, 'idx'), POLICY_DESK_DB: join(data, 'pd.db'), POLICY_DESK_SCHEDULER: 'off' });
  app = await createApp({ settings, watchCorpus: true, onCorpusWarning: (w) => said.push(w) });
  await app.corpusWarnings;
});
afterAll(() => app.close());

describe('warnings after a reload', () => {
  it('a new problem is said once, naming the file; a later reload does not repeat it', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    await app.liveSearch!.reload();
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('empty.txt');
    writeFileSync(join(dir, 'note.txt'), '晋城市测试通知\n\n晋市测〔2025〕1号\n\n一、各单位按时报送。\n');
    await app.liveSearch!.reload();
    expect(said).toHaveLength(1);
  });
});
