/**
 * A policy document uploaded in chat becomes `/corpus add` with the file: the one ingestion the
 * CLI uses, the same outline with 确认导入 / 取消 before anything is stored.
 *
 * The adapter only translates (Discord: the `file` attachment option of `/corpus add`; Slack: a
 * file shared in a DM with the bot) into a `fileUpload` event whose `fetch` downloads on demand.
 * Everything that can be decided without the bytes is decided here first, so nothing is
 * downloaded for a person who may not add documents, for a file type the parser cannot read,
 * or for a file the platform already says is too large:
 *
 * 1. coordinators only (refusal recorded in the audit log, like any coordinator command);
 * 2. the file name's extension, or for a name without one the platform's content type, must be
 *    one the extractor reads (PDF, .docx, .html, .txt) or `.doc`, which is downloaded for its
 *    content to decide: a .docx under a .doc name is read, a legacy Word file is refused with
 *    advice to save it as .docx or PDF (`detectFormat`, the same as `corpus add` on the CLI);
 * 3. the announced size must be within the ingestion limit, and the download stops as soon as
 *    the body passes it (the announced size may be missing or wrong).
 *
 * ```ts
 * pipeline.onFileUpload(createUploadHandler({ bot, directory }));
 * ```
 */
import { extname } from 'node:path';
import { hasSupportedExtension, MAX_SOURCE_BYTES, SUPPORTED_TYPES } from '../../../corpus/extract.ts';
import type { Bot } from '../../core/bot.ts';
import type { BotContext, UserDirectory } from '../../core/context.ts';
import { UploadDownloadError } from '../../core/download.ts';
import type { UploadedFile } from '../../core/inbound.ts';
import type { Reply } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';

/** Content types the extractor reads, for a file name without an extension. */
const EXTENSION_OF_TYPE: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  // Word's own type for .doc: the content decides (a .docx saved under that name is read).
  'application/msword': '.doc',
  'text/html': '.html',
  'text/plain': '.txt',
};

/** Content types that say nothing about the format (the extension decides). */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/download']);

export interface UploadHandlerOptions {
  bot: Pick<Bot, 'run'>;
  directory: UserDirectory;
  /** Largest file accepted, in bytes (default the ingestion limit). */
  maxBytes?: number;
}

const MB = 1024 * 1024;

function megabytes(n: number): string {
  return `${Math.round((n / MB) * 10) / 10} MB`;
}

/** The file name to ingest under: its own, or with the extension its content type implies. */
export function uploadFileName(file: Pick<UploadedFile, 'fileName' | 'mimeType'>): { name: string } | { unsupported: string } {
  const type = (file.mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  const ext = extname(file.fileName).toLowerCase();
  if (hasSupportedExtension(file.fileName)) return { name: file.fileName };
  if (ext) return { unsupported: ext };
  const implied = EXTENSION_OF_TYPE[type];
  if (implied) return { name: `${file.fileName || 'document'}${implied}` };
  return { unsupported: GENERIC_TYPES.has(type) ? file.fileName || '?' : type };
}

export function createUploadHandler(options: UploadHandlerOptions) {
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  return async (file: UploadedFile, ctx: BotContext, given: Record<string, string | number | undefined> = {}): Promise<Reply> => {
    const L = ctx.locale;
    if (!options.directory.rolesOf(ctx.user.id).coordinator) {
      options.directory.recordRefusal(ctx.user.id, 'corpus add', 'not a coordinator');
      return reply.error(L, { zh: '「政策文件」仅限市投资促进中心协调员使用，文件未下载、未导入。', en: 'Adding documents is for coordinators of the city investment-promotion center only; the file was not downloaded or added.' });
    }
    const named = uploadFileName(file);
    if ('unsupported' in named) {
      return reply.error(L, {
        zh: `不支持「${file.fileName}」（${named.unsupported}），请上传 ${SUPPORTED_TYPES.zh}文件。`,
        en: `"${file.fileName}" (${named.unsupported}) is not supported; upload a ${SUPPORTED_TYPES.en} file.`,
      });
    }
    const tooLarge = () =>
      reply.error(L, {
        zh: `「${file.fileName}」超过 ${megabytes(maxBytes)}，无法导入。请拆分文件或去掉扫描图片后再上传。`,
        en: `"${file.fileName}" is larger than ${megabytes(maxBytes)} and cannot be added. Split it or remove scanned images, then upload again.`,
      });
    if (file.size !== undefined && file.size > maxBytes) return tooLarge();
    let data: Buffer;
    try {
      data = await file.fetch({ maxBytes });
    } catch (err) {
      if (err instanceof UploadDownloadError && err.reason === 'too-large') return tooLarge();
      return reply.error(L, {
        zh: `无法下载「${file.fileName}」，请稍后重新上传。`,
        en: `Could not download "${file.fileName}"; upload it again in a moment.`,
      });
    }
    if (data.length === 0) return reply.error(L, { zh: `「${file.fileName}」是空文件。`, en: `"${file.fileName}" is empty.` });
    const opts: Record<string, string | number | undefined> = {};
    for (const k of ['doc-no', 'title', 'issuer', 'date']) if (given[k] !== undefined) opts[k] = given[k];
    return options.bot.run(
      { command: 'corpus', subcommand: 'add', options: opts, files: [{ name: named.name, data, contentType: file.mimeType }] },
      ctx,
    );
  };
}
