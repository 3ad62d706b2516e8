/**
 * The real app for adapter tests: `createApp` — the composition root `npm start` uses — over a
 * SQLite database in a temp folder, with the clock fixed to 2025-04-03 (China time) so the
 * March report is due. Adapters under test are started on `app` the way `npm start` starts them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/bot/app.ts';
import { readSettings } from '../../src/settings.ts';

export interface RealApp {
  app: App;
  /** The temp folder holding the database (and a synthetic corpus, when one was asked for). */
  dir: string;
  close(): void;
}

/** Starts the real app; `env` adds settings (coordinators, Slack tokens, a corpus folder…). */
export async function startRealApp(env: Record<string, string> = {}): Promise<RealApp> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-real-app-'));
  const settings = readSettings({
    POLICY_DESK_DB: join(dir, 'policy-desk.db'),
    POLICY_DESK_BACKUP_DIR: join(dir, 'backups'),
    POLICY_DESK_NOW: '2025-04-03T10:00:00+08:00',
    ...env,
  });
  const app = await createApp({ settings });
  return {
    app,
    dir,
    close() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A corpus folder of `documents` small notices (晋市政办〔2023〕1号 …), one clause each, and
 * `emptyFiles` empty files (each skipped with a warning): enough documents that `/corpus list`
 * is a table longer than one chat message holds, or enough warnings that `/corpus check` has
 * more blocks than one message may carry.
 */
export function writeCorpus(parent: string, opts: { documents: number; emptyFiles?: number }): string {
  const dir = join(parent, 'corpus');
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= opts.documents; i++) {
    writeFileSync(
      join(dir, `notice-${String(i).padStart(3, '0')}.txt`),
      `晋城市人民政府办公室文件\n\n晋市政办〔2023〕${i}号\n\n关于做好第${i}项招商工作的通知\n\n一、总体要求\n\n（一）做好第${i}项招商工作。\n`,
    );
  }
  for (let i = 1; i <= (opts.emptyFiles ?? 0); i++) writeFileSync(join(dir, `empty-${String(i).padStart(3, '0')}.txt`), '');
  return dir;
}
