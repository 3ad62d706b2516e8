/**
 * The composition root: builds a Bot with every feature wired to its services. Surfaces (CLI,
 * console, Discord, Slack) call `createApp` and then only talk to `app.bot`.
 *
 * `scope: 'policy'` builds the search/ask/help bot without opening the reports database, so
 * `npx policy-desk search …` starts fast and never creates a database file as a side effect. The
 * reports, deadlines and corpus features (and SQLite, croner, their schemas) are imported only for
 * the full app, so a policy-only process never loads them.
 */
import type { ReportStore } from '../reports/index.ts';
import type { Settings } from '../settings.ts';
import { clock } from '../settings.ts';
import { Bot } from './core/bot.ts';
import type { UserDirectory } from './core/context.ts';
import { createPolicyFeature } from './features/policy/index.ts';
import type { DeadlineScheduler } from './features/deadlines/scheduler.ts';
import type { DeadlineSetup } from './features/deadlines/status.ts';
import type { Messenger } from './core/messenger.ts';
import { DeliveryService } from './core/delivery.ts';
import { Pipeline } from './core/pipeline.ts';
import { defaultCorpusDir, loadCorpus } from '../corpus/index.ts';
import { createClauseSearch, preloadDefaultSearch, type ClauseSearch } from '../search/index.ts';
import { LiveClauseSearch, type ReloadInfo } from '../search/live.ts';
import { logger } from '../log.ts';

export interface App {
  bot: Bot;
  /** The one conversation every surface feeds its events into (routing, deferral, delivery). */
  pipeline: Pipeline;
  /** Reaches people on the platform they are bound on; running adapters register their Messenger here. */
  delivery: DeliveryService;
  settings: Settings;
  now(): Date;
  /** Names of the reporting units in the roster (Discord choices, Slack selects). */
  unitNames(): string[];
  /** The reports store; undefined for a policy-only app. */
  store?: ReportStore;
  /**
   * Starts the deadline scheduler on the running chat surfaces (reminders, escalation, status
   * board, quarter digests); undefined for a policy-only app or with POLICY_DESK_SCHEDULER=off.
   * Messengers given here are registered with `delivery` (adapters usually registered already).
   */
  startScheduler?(messengers?: readonly Messenger[]): DeadlineScheduler | undefined;
  /**
   * Problems found loading the corpus (skipped files, bad metadata), each naming its file; settled
   * once the corpus is read (in the background for a bot that follows the folder).
   */
  corpusWarnings: Promise<string[]>;
  /** The index that follows the corpus folder, when `watchCorpus` was set. */
  liveSearch?: LiveClauseSearch;
  /**
   * Loads the clause index in the background, shard by shard (`npm start` calls it while the
   * adapters connect); a search before it is done finishes the load itself.
   */
  preloadSearch(): Promise<void>;
  close(): void;
}

export interface CreateAppOptions {
  settings: Settings;
  /** 'all' (default) opens the reports database; 'policy' serves search, ask and help only. */
  scope?: 'all' | 'policy';
  /**
   * Follow the corpus folder: added, changed and removed documents become searchable without a
   * restart (`npm start` sets it; one-shot CLI commands do not need it).
   */
  watchCorpus?: boolean;
  /** The OS account behind a CLI call, recorded beside `--as` in the audit log. */
  osUser?: string;
  /**
   * Says a corpus warning that a reload of the watched folder brought (the console prints it for
   * the person; default: the log). Warnings already said at start or at an earlier reload are not
   * repeated.
   */
  onCorpusWarning?: (warning: string) => void;
}

/** A directory for the policy-only app: nobody holds a role, nothing is stored. */
const anonymousDirectory: UserDirectory = {
  rolesOf: () => ({ coordinator: false, units: [] }),
  recordRefusal: () => undefined,
  getLocale: () => undefined,
  setLocale: () => undefined,
};

export async function createApp(options: CreateAppOptions): Promise<App> {
  const { settings } = options;
  const now = clock(settings);
  const dir = settings.corpusDir;
  // What has been said about the corpus: a reload says only the warnings that are new since.
  let said = new Set<string>();
  const sayWarning = options.onCorpusWarning ?? ((w: string) => logger.warn({ event: 'corpus_warning' }, w));
  const onReload = (i: ReloadInfo) => {
    logger.info({ event: 'corpus_reloaded', documents: i.documents, clauses: i.clauses, ms: i.ms });
    for (const w of i.warnings) if (!said.has(w)) sayWarning(w);
    said = new Set(i.warnings);
  };
  const live = options.watchCorpus && settings.corpusWatch ? new LiveClauseSearch({ dir, searchOptions: { cacheDir: settings.searchIndexDir }, onReload, onError: (e) => logger.error({ event: 'corpus_reload_failed', err: e.message }) }).start() : undefined;
  // The parsed documents are kept beside the search index, so a start parses only what changed. A
  // running bot reads them in the background (a large corpus takes a second); a one-shot call now.
  const corpusWarnings = live ? live.corpusLoaded().then((c) => c.warnings) : Promise.resolve(loadCorpus({ dir, cacheDir: settings.searchIndexDir }).warnings);
  void corpusWarnings.then((ws) => {
    if (live?.generation === 0) said = new Set(ws);
  }, () => undefined);
  const search = live ? () => live.current : dir === defaultCorpusDir() ? undefined : lazySearch(dir);
  const preloadSearch = async (): Promise<void> => {
    if (live) await live.preload();
    else if (!search) await preloadDefaultSearch();
  };
  if (options.scope === 'policy') {
    const bot = new Bot({ features: [createPolicyFeature({ now, directory: anonymousDirectory, search })], directory: anonymousDirectory });
    const delivery = new DeliveryService({ directory: anonymousDirectory });
    const pipeline = new Pipeline(bot, delivery, { defaultLocale: settings.defaultLocale, now });
    return { bot, pipeline, delivery, settings, now, unitNames: () => [], corpusWarnings, liveSearch: live, preloadSearch, close: () => void live?.close() };
  }
  const [{ loadWorkCalendar, openReportStore }, { createReportsFeature }, { createRemindersFeature }, { DeadlineScheduler }, { createCorpusFeature }, { createUploadHandler }] = await Promise.all([
    import('../reports/index.ts'),
    import('./features/reports/index.ts'),
    import('./features/deadlines/commands.ts'),
    import('./features/deadlines/scheduler.ts'),
    import('./features/corpus/index.ts'),
    import('./features/corpus/upload.ts'),
  ]);
  const store = openReportStore({
    path: settings.dbPath,
    coordinators: settings.coordinators,
    now,
    dueDay: settings.dueDay,
    lockDays: settings.lockDays,
    osUser: options.osUser,
  });
  let scheduler: DeadlineScheduler | undefined;
  const deadlines: DeadlineSetup = {
    calendar: loadWorkCalendar(settings.deadlines.holidaysPath),
    policy: { dueDay: settings.dueDay, lockDays: settings.lockDays, ...settings.deadlines },
    remindAt: settings.deadlines.remindAt,
    running: () => scheduler !== undefined,
  };
  const delivery = new DeliveryService({ directory: store });
  const bot = new Bot({
    features: [
      createReportsFeature({ store, backupDir: settings.backupDir }),
      createRemindersFeature({ store, deadlines, delivery }),
      createPolicyFeature({ now, directory: store, search }),
      createCorpusFeature({ dir, directory: store, onStored: async (file) => (!live ? 'restart' : (await live.reloadFor(file)) ? 'searchable' : 'failed') }),
    ],
    directory: store,
    explainFailure: databaseFailure(settings.dbPath),
  });
  const pipeline = new Pipeline(bot, delivery, { defaultLocale: settings.defaultLocale, now });
  // A document uploaded in chat (Discord attachment, Slack DM file share) runs `corpus add`.
  pipeline.onFileUpload(createUploadHandler({ bot, directory: store }));
  return {
    bot,
    pipeline,
    delivery,
    settings,
    now,
    store,
    unitNames: () => store.unitNames(),
    startScheduler(messengers = []) {
      for (const m of messengers) delivery.register(m);
      if (!settings.deadlines.enabled || scheduler) return scheduler;
      scheduler = new DeadlineScheduler({ store, ...deadlines, delivery, defaultLocale: settings.defaultLocale });
      scheduler.start();
      return scheduler;
    },
    corpusWarnings,
    liveSearch: live,
    preloadSearch,
    close: () => {
      void live?.close();
      store.close();
    },
  };
}

/** A search over another corpus folder than the process-wide default, built on first use. */
function lazySearch(dir: string): () => ClauseSearch {
  let built: ClauseSearch | undefined;
  return () => (built ??= createClauseSearch(loadCorpus({ dir }).clauses));
}

/**
 * A database error in the middle of a command, named with the database file and SQLite's error
 * code (SQLITE_BUSY, SQLITE_FULL, SQLITE_READONLY…) for the person and the log: the message
 * itself is left out, so no stored value can leak into a reply.
 */
export function databaseFailure(dbPath: string): (err: unknown) => { zh: string; en: string; log: Record<string, unknown> } | undefined {
  return (err) => {
    const e = err as { name?: string; code?: unknown };
    const code = typeof e?.code === 'string' ? e.code : '';
    if (e?.name !== 'SqliteError' && !code.startsWith('SQLITE_')) return undefined;
    return {
      zh: `数据库 ${dbPath} 出错（${code || 'SQLite'}），这次操作没有完成，请稍后重试或联系管理员。`,
      en: `The database ${dbPath} failed (${code || 'SQLite'}); nothing was done. Try again later or tell the administrator.`,
      log: { db: dbPath, code: code || undefined },
    };
  };
}
