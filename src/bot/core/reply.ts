/**
 * Reply: what every handler returns, and what every surface renders.
 *
 * A handler never talks to a platform. It describes its answer as blocks (text, fields,
 * citations, a table), optional buttons (`actions`), files (`attachments`), a form to open, and
 * whether the answer is personal (`ephemeral`). The console prints it as text, Discord turns it
 * into embeds and components, Slack into Block Kit. Because the shape is shared, a new surface
 * only needs a renderer.
 */
import type { FormRequest } from './form.ts';
import { tableLines } from './layout.ts';

export type { Locale } from '../../text/locale.ts';
import type { Locale, Localized } from '../../text/locale.ts';

export type TextStyle = 'title' | 'normal' | 'muted' | 'success' | 'warning' | 'error';

export type Block =
  | { type: 'text'; text: string; style?: TextStyle }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  /**
   * A verbatim policy clause. `quote` is always a substring of the clause text; `snippet` is an
   * optional highlighted excerpt (matched terms wrapped in 【】).
   */
  | {
      type: 'citation';
      docNo: string | null;
      title: string;
      path: string;
      quote: string;
      snippet?: string;
      units?: string[];
    }
  | { type: 'table'; title?: string; columns: string[]; rows: string[][] };

/** A button. `id` is routed back to the bot with `Bot.act(id, …)`; it carries its own state. */
export interface Action {
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'danger' | 'success';
}

export interface Attachment {
  filename: string;
  contentType: string;
  data: Buffer;
  description?: string;
}

/** A message the bot asks the surface to deliver privately to another user (e.g. a reminder). */
export interface DirectMessage {
  userId: string;
  reply: Reply;
}

export interface Reply {
  blocks: Block[];
  /** Only the person who asked sees it (Discord ephemeral, Slack ephemeral / respond). */
  ephemeral: boolean;
  actions?: Action[];
  attachments?: Attachment[];
  /** Open this form (a modal) instead of, or after, showing the blocks. */
  form?: FormRequest;
  /**
   * Field errors for the form that was just submitted, keyed by field key. Slack returns them
   * as `response_action: errors`; Discord and the console show them and offer to reopen.
   */
  fieldErrors?: Record<string, string>;
  /** Messages to deliver to other users; the surface reports back any that fail. */
  directMessages?: DirectMessage[];
  /** User ids mentioned in the blocks (so a surface can render real mentions). */
  mentions?: string[];
  /** Machine-readable result for `--json` output; shapes are contracts (see design.md). */
  data?: unknown;
  /** True when the request failed (bad input, refusal): the CLI exits non-zero. */
  isError?: boolean;
  /**
   * A failure in both languages, whichever one the blocks are worded in: `--json` carries both
   * (`message: { zh, en }`), so a refusal is never said in one language only.
   */
  problem?: Localized;
}

/** Helpers that keep handler code short and the reply shape consistent. */
export const reply = {
  text(text: string, opts: { ephemeral?: boolean; style?: TextStyle } = {}): Reply {
    return { blocks: [{ type: 'text', text, style: opts.style }], ephemeral: opts.ephemeral ?? true };
  },
  /** A failure worded in the reader's language; the reply keeps both for `--json` (`problem`). */
  error(locale: Locale, problem: Localized, data?: unknown): Reply {
    const text = locale === 'en' ? problem.en : problem.zh;
    return { blocks: [{ type: 'text', text, style: 'error' }], ephemeral: true, isError: true, data, problem };
  },
};

/** Plain-text rendering, used by the console and CLI, and as the fallback text of chat messages. */
export function replyToPlainText(r: Reply): string {
  const out: string[] = [];
  for (const b of r.blocks) {
    switch (b.type) {
      case 'text':
        out.push(b.style === 'title' ? `【${b.text}】` : b.style === 'error' ? `✖ ${b.text}` : b.style === 'warning' ? `⚠ ${b.text}` : b.text);
        break;
      case 'fields':
        // A Chinese label takes a full-width colon, an English one (an English reply) an ASCII colon.
        for (const f of b.fields) out.push(`  ${f.label}${/\p{Script=Han}/u.test(f.label) ? '：' : ': '}${f.value}`);
        break;
      case 'citation': {
        const head = [b.docNo ?? b.title, b.path].filter(Boolean).join(' ');
        out.push(`▸ ${head}${b.docNo ? `（${b.title}）` : ''}`);
        out.push(`  「${b.snippet ?? b.quote}」`);
        if (b.units && b.units.length > 0) out.push(`  责任单位：${b.units.join('、')}`);
        break;
      }
      case 'table': {
        if (b.title) out.push(b.title);
        out.push(...tableLines(b.columns, b.rows));
        break;
      }
    }
  }
  if (r.actions && r.actions.length > 0) out.push(r.actions.map((a) => `[${a.label}]`).join(' '));
  return out.join('\n');
}

export { displayWidth } from './layout.ts';
