/**
 * What a handler knows about the request: who asks, in which language, and when.
 *
 * User ids are namespaced by surface — `console:liu`, `discord:1234`, `slack:T01:U02` — so one
 * person can be bound on several platforms and the reports layer never confuses them.
 */
import type { SurfaceStyle } from './commandRef.ts';
import type { Locale, Reply } from './reply.ts';

export type Surface = 'console' | 'cli' | 'discord' | 'slack' | 'dingtalk';

export interface UserRef {
  id: string;
  /** Display name when the platform gives one. */
  name?: string;
}

export interface BotContext {
  user: UserRef;
  locale: Locale;
  now: Date;
  surface: Surface;
  /** How commands are spelled and whether typed replies are heard here (set by the Pipeline; default `/` and yes). */
  style?: SurfaceStyle;
}

/** A parsed command: `/report submit unit:城区` → { command: 'report', subcommand: 'submit', options: { unit: '城区' } }. */
export interface Invocation {
  command: string;
  subcommand?: string;
  options: Record<string, string | number | undefined>;
  /**
   * Files that came with the command (a Discord attachment option, a Slack file shared in a DM),
   * already downloaded by the adapter. Only `corpus add` reads them.
   */
  files?: UploadedFile[];
  /** CLI-only extras such as repeated `--set key=value` pairs, passed through untouched. */
  extra?: { set?: Record<string, string>; confirm?: boolean; out?: string; json?: boolean };
}

/** A file a person sent with a command: its name as sent and its bytes. */
export interface UploadedFile {
  name: string;
  data: Uint8Array;
  contentType?: string;
}

/** Roles a user holds, looked up by the bot before a command runs. */
export interface Roles {
  coordinator: boolean;
  /** Units the user reports for. */
  units: string[];
}

/**
 * What the bot needs to know about users. The reports layer implements it on SQLite (membership,
 * coordinators, locale preferences, audit log); tests may pass a small in-memory one.
 */
export interface UserDirectory {
  rolesOf(userId: string): Roles;
  /** Records a refused attempt in the audit log. */
  recordRefusal(userId: string, what: string, reason: string): void;
  getLocale(userId: string): Locale | undefined;
  setLocale(userId: string, locale: Locale): void;
}

export type CommandHandler = (inv: Invocation, ctx: BotContext) => Promise<Reply> | Reply;
/** A button press. `id` is the full action id (prefix + state). */
export type ActionHandler = (id: string, ctx: BotContext) => Promise<Reply> | Reply;
/** A submitted form. `values` are the raw strings typed, keyed by field key. */
export type FormHandler = (id: string, values: Record<string, string>, ctx: BotContext) => Promise<Reply> | Reply;

/**
 * A feature plugs handlers into the bot. Keys of `commands` are `name` or `name.subcommand`;
 * keys of `actions` and `forms` are id prefixes ending in `:` (e.g. `report:`), matched longest first.
 */
export interface BotFeature {
  commands?: Record<string, CommandHandler>;
  actions?: Record<string, ActionHandler>;
  forms?: Record<string, FormHandler>;
  /** Free text from a person, offered to features in order before falling back to `ask`. Return undefined to pass. */
  converse?: (text: string, ctx: BotContext) => Promise<Reply | undefined> | Reply | undefined;
}
