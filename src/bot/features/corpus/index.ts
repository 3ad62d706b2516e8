/**
 * The corpus feature for coordinators: `/corpus list`, `/corpus check`, and `/corpus add` — a
 * document uploaded in chat is parsed and shown as an outline with 确认导入 / 取消 buttons, and
 * stored only when the person who uploaded it confirms. Platform-neutral: the adapter downloads
 * the file and passes it in `Invocation.files`; the buttons come back through `Bot.act`.
 *
 * ```ts
 * await bot.run({ command: 'corpus', subcommand: 'add', options: {}, files: [{ name: '办法.pdf', data }] }, ctx);
 * // → outline Reply with actions corpus:store:<token>, corpus:cancel:<token> (and corpus:replace:<token>)
 * await bot.act('corpus:store:<token>', ctx); // → 已导入 …
 * ```
 *
 * What a chat adapter does for an upload (Discord: an `attachment` option of `/corpus add`; Slack:
 * a file shared in a DM with the bot): hand the core a `fileUpload` event whose `fetch` downloads
 * the bytes; upload.ts checks the sender, the type and the announced size first, then calls
 * `bot.run({ command: 'corpus', subcommand: 'add', options: { 'doc-no'?, title?, issuer?, date? }, files: [{ name, data, contentType? }] }, ctx)`.
 * The buttons are ordinary Reply actions and come back through `bot.act(id, ctx)`. The bot checks
 * that the user is a coordinator, and only the uploader can confirm.
 *
 * A pending upload lives in memory for {@link PENDING_TTL_MS}; a restart forgets it (nothing was
 * stored, and the reply said so), and the buttons then answer that the preview expired.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { corpusReport, prepareDocument, storeDocument, type IngestPreview, type NewDocument } from '../../../corpus/ingest.ts';
import { SUPPORTED_TYPES } from '../../../corpus/extract.ts';
import type { BotContext, BotFeature, Invocation, UserDirectory } from '../../core/context.ts';
import { tr } from '../../core/i18n.ts';
import type { Reply } from '../../core/reply.ts';
import { reply } from '../../core/reply.ts';
import { checkReply, listReply, outlineReply } from './outline.ts';

/** How long an outline can be confirmed. */
export const PENDING_TTL_MS = 30 * 60 * 1000;

const STORE = 'corpus:store:';
const REPLACE = 'corpus:replace:';
const CANCEL = 'corpus:cancel:';

export interface CorpusFeatureOptions {
  /** Corpus folder; default the one the search loads. */
  dir?: string;
  directory: UserDirectory;
  /**
   * Called after a document was stored; resolves with whether the index now answers from it. The
   * reply waits for it (at most {@link READY_WAIT_MS}) so that it never says "searchable" before a
   * search would find the document. Without it the document is taken to need a restart.
   */
  onStored?: (file: string) => Promise<Readiness> | Readiness;
}

/**
 * Where a stored document stands for search: answered from now on, still being indexed (the
 * running bot takes it in shortly), not taken in by the rebuild (it failed; the log says why), or
 * only after a restart (the bot does not watch the folder).
 */
export type Readiness = 'searchable' | 'indexing' | 'failed' | 'restart';

/** How long the confirmation waits for the index to take a stored document in. */
export const READY_WAIT_MS = 15_000;

/** What `ready` settles to within `ms`, else 'indexing' (a slow rebuild still finishes in the background). */
async function within(ready: Promise<Readiness> | Readiness, ms: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((res) => {
    timer = setTimeout(() => res('indexing'), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([Promise.resolve(ready).catch((): Readiness => 'indexing'), late]);
  } finally {
    clearTimeout(timer);
  }
}

const READINESS_WORDS: Record<Readiness, { zh: string; en: string }> = {
  searchable: { zh: '现在即可检索。', en: 'It is searchable now.' },
  indexing: { zh: '索引正在更新，稍后即可检索。', en: 'The index is still being updated; it will be searchable shortly.' },
  failed: { zh: '文件已保存，但索引更新失败，暂时检索不到它（原因见日志）；修复后重启即可。', en: 'The file is saved, but the index update failed, so it cannot be found yet (the log says why); restart once fixed.' },
  restart: { zh: '机器人未监视文件夹（POLICY_DESK_CORPUS_WATCH），重启后才能检索。', en: 'The bot does not watch the folder (POLICY_DESK_CORPUS_WATCH); it becomes searchable after a restart.' },
};

interface Pending {
  preview: IngestPreview;
  userId: string;
  at: number;
}

export function createCorpusFeature(options: CorpusFeatureOptions): BotFeature {
  const pending = new Map<string, Pending>();
  const dir = options.dir;

  const prune = (now: number) => {
    for (const [k, p] of pending) if (now - p.at > PENDING_TTL_MS) pending.delete(k);
  };

  /** The file of `corpus add`: an upload, or on the console / CLI a path on this machine. */
  const fileOf = (inv: Invocation, ctx: BotContext): NewDocument | Reply => {
    // What the text lacks, recorded in metadata.json as the CLI's --doc-no, --title, --issuer and --date.
    const given = { docNo: optionText(inv, 'doc-no'), title: optionText(inv, 'title'), issuer: optionText(inv, 'issuer'), date: optionText(inv, 'date') };
    const upload = inv.files?.[0];
    if (upload) return { filename: basename(upload.name), data: upload.data, ...given };
    const path = optionText(inv, 'file');
    // Only a person at this machine may name a local path; in chat a path would read the server's files.
    if (path && (ctx.surface === 'console' || ctx.surface === 'cli')) {
      const full = resolve(path);
      try {
        if (!statSync(full).isFile()) throw new Error('not a file');
        return { filename: basename(full), data: readFileSync(full), ...given };
      } catch {
        return reply.error(ctx.locale, { zh: `找不到文件：${path}`, en: `File not found: ${path}` });
      }
    }
    return reply.error(ctx.locale, {
      zh: `请随命令上传政策文件（${SUPPORTED_TYPES.zh}）。`,
      en: `Attach the policy document (${SUPPORTED_TYPES.en}) to the command.`,
    });
  };

  const add = async (inv: Invocation, ctx: BotContext): Promise<Reply> => {
    const doc = fileOf(inv, ctx);
    if ('blocks' in doc) return doc;
    // A document the corpus has already is offered for replacing (替换旧文件 / 取消), and the outline says so.
    const prepared = await prepareDocument(doc, { dir, onConflict: 'offer' });
    if (!prepared.ok) {
      const r = reply.error(ctx.locale, { zh: prepared.error.zh, en: prepared.error.en });
      for (const w of prepared.warnings ?? []) r.blocks.push({ type: 'text', text: w, style: 'warning' });
      return r;
    }
    const now = ctx.now.getTime();
    prune(now);
    // One pending upload per person: a new upload supersedes the previous preview.
    for (const [k, p] of pending) if (p.userId === ctx.user.id) pending.delete(k);
    const token = randomUUID().slice(0, 12);
    pending.set(token, { preview: prepared.preview, userId: ctx.user.id, at: now });
    const p = prepared.preview;
    const L = ctx.locale;
    // The same 文号 or the same text already stored: replace it or cancel, never store it twice.
    const actions =
      p.replaces.length > 0
        ? [
            { id: `${REPLACE}${token}`, label: tr(L, '替换旧文件', 'Replace'), style: 'danger' as const },
            { id: `${CANCEL}${token}`, label: tr(L, '取消', 'Cancel'), style: 'secondary' as const },
          ]
        : [
            { id: `${STORE}${token}`, label: tr(L, '确认导入', 'Add it'), style: 'primary' as const },
            { id: `${CANCEL}${token}`, label: tr(L, '取消', 'Cancel'), style: 'secondary' as const },
          ];
    const r = outlineReply(p, L, actions);
    r.blocks.push({ type: 'text', style: 'muted', text: tr(L, '尚未导入：请确认。', 'Not stored yet: please confirm.') });
    return r;
  };

  /** The pending upload a button refers to, if this person may act on it. */
  const claim = (id: string, prefix: string, ctx: BotContext): Pending | Reply => {
    prune(ctx.now.getTime());
    const token = id.slice(prefix.length);
    const p = pending.get(token);
    if (!p) return reply.error(ctx.locale, { zh: '这个预览已过期或已处理，请重新上传文件。', en: 'This preview has expired or was already handled; upload the file again.' });
    if (p.userId !== ctx.user.id) return reply.error(ctx.locale, { zh: '只有上传者本人可以确认。', en: 'Only the person who uploaded it can confirm.' });
    if (!options.directory.rolesOf(ctx.user.id).coordinator) {
      options.directory.recordRefusal(ctx.user.id, 'corpus add', 'not a coordinator');
      return reply.error(ctx.locale, { zh: '「政策文件」仅限协调员使用。', en: 'Adding documents is for coordinators only.' });
    }
    pending.delete(token);
    return p;
  };

  const store = async (id: string, prefix: string, replace: boolean, ctx: BotContext): Promise<Reply> => {
    const p = claim(id, prefix, ctx);
    if ('blocks' in p) return p;
    const r = storeDocument(p.preview, { dir, replace });
    const L = ctx.locale;
    if (!r.ok) return reply.error(L, { zh: r.error.zh, en: r.error.en });
    const readiness = await within(options.onStored?.(r.file) ?? 'restart', READY_WAIT_MS);
    const ready = READINESS_WORDS[readiness];
    const d = p.preview.document;
    const removed =
      r.replaced.length > 0
        ? tr(L, `，已替换 ${r.replaced.map((f) => (f === r.file ? `原有的 ${f}` : f)).join('、')}`, `; replaced ${r.replaced.map((f) => (f === r.file ? `the stored ${f}` : f)).join(', ')}`)
        : '';
    return {
      blocks: [
        {
          type: 'text',
          style: 'success',
          text: tr(
            L,
            `已导入 ${d.docNo ?? d.title}（${p.preview.clauses.length} 条），保存为 ${r.file}${removed}。${ready.zh}`,
            `Added ${d.docNo ?? d.title} (${p.preview.clauses.length} clauses) as ${r.file}${removed}. ${ready.en}`,
          ),
        },
      ],
      ephemeral: true,
      data: { stored: true, file: r.file, replaces: r.replaced, removed: r.removed, docNo: d.docNo, title: d.title, clauses: p.preview.clauses.length, readiness },
    };
  };

  return {
    commands: {
      'corpus.list': (_inv, ctx) => listReply(corpusReport({ dir }), ctx.locale),
      'corpus.check': (_inv, ctx) => checkReply(corpusReport({ dir }), ctx.locale),
      'corpus.add': add,
    },
    actions: {
      [STORE]: (id, ctx) => store(id, STORE, false, ctx),
      [REPLACE]: (id, ctx) => store(id, REPLACE, true, ctx),
      [CANCEL]: (id, ctx) => {
        const p = claim(id, CANCEL, ctx);
        if ('blocks' in p) return p;
        return reply.text(tr(ctx.locale, `已取消，${p.preview.source} 未导入。`, `Cancelled; ${p.preview.source} was not added.`));
      },
    },
  };
}

function optionText(inv: Invocation, name: string): string | undefined {
  const v = inv.options[name];
  return v === undefined || String(v).trim() === '' ? undefined : String(v).trim();
}
