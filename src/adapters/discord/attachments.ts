/**
 * Discord attachments → the core's `fileUpload` event. `/corpus add file:<attachment>` arrives as
 * a slash command whose ATTACHMENT option discord.js has resolved (name, size, content type, CDN
 * URL); this file turns it into a platform-neutral upload whose `fetch` downloads the CDN URL with
 * a size cap. The core checks who sent it, its type and its announced size before fetching
 * (src/bot/features/corpus/upload.ts).
 *
 * ```ts
 * const event = uploadEventOf(interaction, client.options.rest?.api) ?? { kind: 'command', invocation: toInvocation(interaction) };
 * ```
 */
import type { Attachment, ChatInputCommandInteraction, CommandInteractionOption } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import { downloadUpload, isAllowedDownloadUrl, UploadDownloadError } from '../../bot/core/download.ts';
import type { InboundEvent, UploadedFile } from '../../bot/core/inbound.ts';

/** Where Discord serves attachments. */
export const DISCORD_ATTACHMENT_HOSTS = ['discordapp.com', 'discordapp.net', 'discord.com'] as const;

/** The options of the command or of its subcommand. */
function leafOptions(i: ChatInputCommandInteraction): readonly CommandInteractionOption[] {
  const first = i.options.data[0];
  return first?.type === ApplicationCommandOptionType.Subcommand ? (first.options ?? []) : i.options.data;
}

/** An attachment as an UploadedFile; `apiUrl` (the REST base, a loopback fake in tests) is also trusted. */
export function uploadedFileOf(a: Attachment, apiUrl?: string): UploadedFile {
  return {
    fileName: a.name,
    ...(a.contentType ? { mimeType: a.contentType } : {}),
    size: a.size,
    fetch: async (o = {}) => {
      if (!isAllowedDownloadUrl(a.url, DISCORD_ATTACHMENT_HOSTS, [apiUrl])) {
        throw new UploadDownloadError('refused-host', `attachment URL is not on Discord: ${new URL(a.url).host}`);
      }
      return downloadUpload(a.url, { maxBytes: o.maxBytes });
    },
  };
}

/**
 * The `fileUpload` event for a slash command that carries an attachment option, with the
 * command's other options (`doc-no`, `title`); undefined for a command without one (it stays a
 * `command` event, so `/corpus add` without a file gets the core's "attach the document" answer).
 */
export function uploadEventOf(i: ChatInputCommandInteraction, apiUrl?: string): InboundEvent | undefined {
  const options = leafOptions(i);
  const file = options.find((o) => o.type === ApplicationCommandOptionType.Attachment);
  if (!file?.attachment) return undefined;
  const rest: Record<string, string | number | undefined> = {};
  for (const o of options) {
    if (o === file || o.value === undefined) continue;
    rest[o.name] = typeof o.value === 'boolean' ? String(o.value) : o.value;
  }
  return { kind: 'fileUpload', file: uploadedFileOf(file.attachment, apiUrl), options: rest };
}
