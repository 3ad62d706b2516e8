/**
 * Lists of clause paths are joined with ；(; in English) wherever they are shown — the outline of
 * `corpus add` (command line and chat), the split warning of `corpus check`, the paths a search
 * offers — because paths end in 、 themselves: joined with 、, 一、 and 二、（一） read 一、、二、（一）.
 * Real files in a temp folder, the real CLI and the real chat bot.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/bot/app.ts';
import { replyToPlainText } from '../../src/bot/core/reply.ts';
import { readSettings } from '../../src/settings.ts';
import { runCli, tempDir } from '../helpers/run.ts';

const PLAN = ['测试工作方案', '一、总体要求', '做好招商引资工作。', '二、重点任务', '（一）优化布局', '1.加快集群发展。', '2.对接产业项目。', '（二）创建园区', '3.申报特色园区。', ''].join('\n');
const FIRST_PATHS = '一、；二、（一）1；二、（一）2；二、（二）3';

describe('path lists on the command line', () => {
  const file = join(tempDir(), 'plan.txt');
  writeFileSync(file, PLAN);

  it('corpus add shows the first paths apart, in both languages', () => {
    const env = { POLICY_DESK_CORPUS_DIR: tempDir() };
    const r = runCli(['corpus', 'add', file, '--dry-run'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`前 \\d+ 条：${FIRST_PATHS}`));
    expect(r.stdout).not.toContain('、、');
    const en = runCli(['corpus', 'add', file, '--dry-run'], { env: { ...env, POLICY_DESK_LOCALE: 'en' } });
    expect(en.stdout).toMatch(/First \d+ clauses: 一、; 二、（一）1; 二、（一）2; 二、（二）3/);
  });

  it('corpus check lists the clauses it split apart', () => {
    const dir = tempDir();
    const long = '对符合条件的项目给予支持，具体办法另行制定。'.repeat(40);
    writeFileSync(join(dir, 'long.txt'), ['长条文测试方案', '一、总体要求', long, '二、重点任务', long, ''].join('\n'));
    const r = runCli(['corpus', 'check'], { env: { POLICY_DESK_CORPUS_DIR: dir } });
    expect(r.stdout).toMatch(/已按句拆分：一、（\d+字→\d+段）；二、（\d+字→\d+段）/);
  });
});

describe('path lists in chat', () => {
  const dir = tempDir();
  let app: App;
  beforeAll(async () => {
    const settings = readSettings({ POLICY_DESK_DB: join(tempDir(), 'pd.db'), POLICY_DESK_COORDINATORS: 'discord:100', POLICY_DESK_CORPUS_DIR: dir, POLICY_DESK_SCHEDULER: 'off' });
    app = await createApp({ settings });
  });
  afterAll(() => app.close());

  it('the outline of an upload lists its first paths the same way', async () => {
    const r = await app.bot.run(
      { command: 'corpus', subcommand: 'add', options: {}, files: [{ name: 'plan.txt', data: Buffer.from(PLAN) }] },
      { user: { id: 'discord:100' }, locale: 'zh-CN', now: new Date('2025-04-03T09:00:00+08:00'), surface: 'discord' },
    );
    expect(replyToPlainText(r)).toContain(FIRST_PATHS);
  });
});
