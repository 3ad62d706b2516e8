/**
 * A file shared with the bot in a Slack DM → the core's `fileUpload` event (adding a policy
 * document). Slack sends a `message` event with subtype `file_share` (`message.im` subscription,
 * `files:read` scope to download); each shared file becomes one upload whose `fetch` downloads
 * `url_private_download` with the bot token — only from Slack's own file hosts (or the configured
 * API base, a loopback fake in tests), so a token is never sent elsewhere. The core checks the
 * sender, the type and the announced size before fetching; the outline with 确认导入 / 取消 is
 * posted back in the DM, and its buttons come back through the adapter's block_actions listener.
 *
 * The DM text may name the document: `文号：晋市政办〔2024〕32号`, `标题：…`, `发文机关：…`, `日期：2021-01-22`
 * (or `doc-no:` / `title:` / `issuer:` / `date:`).
 *
 * This listener handles only `file_share`; plain DM text and mentions are another listener's.
 */
import type { App as BoltApp } from '@slack/bolt';
import type { BotContext } from '../../bot/core/context.ts';
import { downloadUpload, isAllowedDownloadUrl, UploadDownloadError } from '../../bot/core/download.ts';
import type { InboundEvent, UploadedFile } from '../../bot/core/inbound.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { Reply } from '../../bot/core/reply.ts';
import { logger as log } from '../../log.ts';

/** Where Slack serves private file downloads. */
export const SLACK_FILE_HOSTS = ['slack.com', 'slack-files.com'] as const;

/** A file as the `file_share` event lists it (only what is read here). */
export interface SharedFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
  /** `hidden_by_limit` / `tombstone` files carry no URL. */
  mode?: string;
}

export interface FileShareDeps {
  botToken: string;
  /** The configured Web API base (SLACK_API_URL); its host is trusted for downloads too. */
  apiUrl?: string;
  contextFor(team: string, user: string): Promise<BotContext>;
  run(event: InboundEvent, ctx: BotContext): Promise<Reply>;
  /** Shows a Reply to the person in their DM with the bot. */
  tell(ctx: BotContext, r: Reply): Promise<void>;
  /** Runs work after the acknowledgement, tracked by the core. */
  later(work: () => Promise<void>): void;
  /** True the first time a key is seen (a redelivered event is not handled twice). */
  firstTime(key: string): boolean;
}

/** The shared file as an upload; `fetch` downloads with the bot token, within the size cap. */
export function uploadedFileOf(f: SharedFile, deps: Pick<FileShareDeps, 'botToken' | 'apiUrl'>): UploadedFile {
  const url = f.url_private_download ?? f.url_private;
  return {
    fileName: f.name ?? f.title ?? 'document',
    ...(f.mimetype ? { mimeType: f.mimetype } : {}),
    ...(typeof f.size === 'number' ? { size: f.size } : {}),
    fetch: async (o = {}) => {
      if (!url) throw new UploadDownloadError('http', 'the file has no download URL');
      if (!isAllowedDownloadUrl(url, SLACK_FILE_HOSTS, [deps.apiUrl])) {
        throw new UploadDownloadError('refused-host', `file URL is not on Slack: ${new URL(url).host}`);
      }
      return downloadUpload(url, { maxBytes: o.maxBytes, headers: { Authorization: `Bearer ${deps.botToken}` } });
    },
  };
}

/** Option names of the words a line of the message may start with. */
const LINE_OPTIONS: Record<string, string> = { 文号: 'doc-no', 'doc-no': 'doc-no', 标题: 'title', title: 'title', 发文机关: 'issuer', issuer: 'issuer', 日期: 'date', date: 'date' };

/** `文号：…` / `标题：…` / `发文机关：…` / `日期：…` (or `doc-no:` / `title:` / `issuer:` / `date:`) lines of the message that came with the file. */
export function optionsFromText(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (text ?? '').split(/\n/)) {
    const m = /^\s*(文号|doc-no|标题|title|发文机关|issuer|日期|date)\s*[:：]\s*(.+?)\s*$/i.exec(line);
    if (m) out[LINE_OPTIONS[m[1]!.toLowerCase()]!] = m[2]!;
  }
  return out;
}

/** Registers the `file_share` listener on the Bolt app. */
export function listenForFileShares(bolt: BoltApp, deps: FileShareDeps): void {
  bolt.event('message', async ({ event, body }) => {
    const e = event as unknown as {
      subtype?: string;
      channel_type?: string;
      user?: string;
      user_team?: string;
      bot_id?: string;
      text?: string;
      ts?: string;
      files?: SharedFile[];
    };
    if (e.subtype !== 'file_share' || e.channel_type !== 'im' || e.bot_id || !e.user) return;
    const b = body as { team_id?: string; event_id?: string };
    if (!deps.firstTime(`file_share:${b.event_id ?? e.ts}`)) return;
    const team = e.user_team ?? b.team_id ?? '';
    const user = e.user;
    const options = optionsFromText(e.text);
    deps.later(async () => {
      const ctx = await deps.contextFor(team, user);
      const files = e.files ?? [];
      if (files.length === 0) return;
      for (const f of files) {
        if (!f.url_private_download && !f.url_private) {
          await deps.tell(ctx, {
            blocks: [{ type: 'text', style: 'error', text: tr(ctx.locale, `无法读取「${f.name ?? f.title ?? '文件'}」，请重新上传。`, `Could not read "${f.name ?? f.title ?? 'the file'}"; upload it again.`) }],
            ephemeral: true,
            isError: true,
          });
          continue;
        }
        const r = await deps.run({ kind: 'fileUpload', file: uploadedFileOf(f, deps), options }, ctx);
        try {
          await deps.tell(ctx, r);
        } catch (err) {
          log.error({ event: 'slack_file_share_reply_failed', err: (err as Error).message });
        }
      }
    });
  });
}
