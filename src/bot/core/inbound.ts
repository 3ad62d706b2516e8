/**
 * The inbound side of a chat surface: what an adapter hands the core, and what it tells the
 * core about its platform. The outbound side is `Messenger` (messenger.ts) and `Reply`.
 *
 * An adapter turns a platform event into one `InboundEvent`, names who sent it (`Sender`), and
 * renders the Reply it gets back within its platform's limits. Everything else — command or
 * conversation, follow-ups, deferral, in-flight tracking, time budgets, error wording,
 * permissions — is the core's (`Pipeline`, pipeline.ts). That split is what lets a new surface
 * (DingTalk, WeChat Work) be translation and rendering only, as Vercel's Chat SDK adapters and
 * Hubot's adapters are.
 *
 * ```ts
 * const reply = await pipeline.handle({ kind: 'message', text: '/月报 填报' }, sender);
 * ```
 */
import type { Invocation, Surface } from './context.ts';

/** What a platform can show; the core chooses the shape of an answer from it. */
export interface PlatformCapabilities {
  surface: Surface;
  /** Can open a modal form (Discord, Slack). Without it, a form is asked for step by step in text. */
  modals: boolean;
  /** Can show buttons that come back as `action` events. */
  buttons: boolean;
  /** Can edit a message it sent earlier (the live status board). */
  messageEdit: boolean;
  /**
   * How typed text becomes a command. `'slash'`: only `/name …` (the console). `'slash-or-alias'`:
   * also a bare command word or its Chinese name (`月报 填报`), for platforms with no slash-command
   * registry such as DingTalk robots. Platforms with a registry send `command` events instead.
   */
  textCommands: 'slash' | 'slash-or-alias';
  /** The longest message the platform accepts, in characters (the renderer splits above it). */
  maxMessageLength: number;
  /** What goes before a command name (default `/`; Slack's registry uses a prefix such as `/pd-`). */
  commandPrefix?: string;
  /**
   * True when the bot reads what a person types next in the same place (the console, a DM), so a
   * reply may say "just answer here". Default true.
   */
  hearsReplies?: boolean;
  /** How long the platform waits for a first answer before it gives up, in ms (undefined: no limit). */
  ackWithinMs?: number;
}

/** Who sent an event: the namespaced user id (`discord:42`, `slack:T1:U2`) and the platform's locale hint. */
export interface Sender {
  userId: string;
  name?: string;
  /** The platform's language tag for the person (`zh-CN`, `en-US`…), when it gives one. */
  platformLocale?: string;
  surface: Surface;
}

/**
 * A platform event, made platform-neutral.
 *
 * - `command`: a slash command whose options the platform already parsed (Discord).
 * - `commandText`: a slash command whose arguments arrive as one string (Slack, console).
 * - `message`: text a person typed; a command (`/report submit`, `/月报 填报`, or a bare alias where
 *   the platform allows), else a question or the answer to a pending follow-up.
 * - `action`: a button press; `actionId` is the id the Reply gave the button.
 * - `formSubmit`: a submitted form with the raw strings typed, keyed by field key.
 * - `fileUpload`: a file sent to the bot (a policy document to add: Discord's `/corpus add file:`,
 *   a file shared in a Slack DM); fetched only after the core has checked who sent it, its name
 *   and its announced size. `options` are the command's other options (`doc-no`, `title`).
 */
export type InboundEvent =
  | { kind: 'command'; invocation: Invocation }
  | { kind: 'commandText'; command: string; text: string }
  | { kind: 'message'; text: string }
  | { kind: 'action'; actionId: string }
  | { kind: 'formSubmit'; formId: string; values: Record<string, string> }
  | { kind: 'fileUpload'; file: UploadedFile; options?: Record<string, string | number | undefined> };

export interface UploadedFile {
  fileName: string;
  mimeType?: string;
  /** Size in bytes when the platform says it before download. */
  size?: number;
  /**
   * Downloads the bytes (from the platform's URL, or returns what arrived inline). Fails with an
   * `UploadDownloadError` (download.ts) above `maxBytes`, without reading the rest.
   */
  fetch(options?: { maxBytes?: number }): Promise<Buffer>;
}
