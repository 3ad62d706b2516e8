/**
 * Monthly county reports: the domain and its SQLite store.
 *
 * `openReportStore` opens (and migrates) the database; the returned store is also the bot's
 * user directory (roles, locale preferences, refusal audit).
 *
 * ```ts
 * const store = openReportStore({ path: settings.dbPath, coordinators: settings.coordinators,
 *                                 now: clock(settings), dueDay: settings.dueDay, lockDays: settings.lockDays });
 * ```
 */
import { ReportStore, type StoreOptions } from './store.ts';

export * from './store.ts';
export * from './userIds.ts';
export * from './backups.ts';
export * from './definition.ts';
export * from './values.ts';
export * from './months.ts';
export * from './summary.ts';
export * from './export.ts';

/** Opens the reports database at `options.path`, applying pending migrations. */
export function openReportStore(options: StoreOptions): ReportStore {
  return new ReportStore(options);
}
export * from './compliance.ts';
export * from './deadlines.ts';
export * from './notifications.ts';
export * from './workdays.ts';
export { MIGRATIONS } from './schema.ts';
export * from './history.ts';
