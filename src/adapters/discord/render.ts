/**
 * Renders a platform-neutral Reply as Discord messages (raw API JSON: embeds, buttons, files).
 *
 * Discord rejects a message that breaks any of its limits, so everything here is about fitting:
 * an embed description holds 4096 characters, a field value 1024, a message 10 embeds and 6000
 * embed characters in total, plain content 2000, a row 5 buttons and a message 5 rows. Long
 * quotes and tables are split into continuation embeds, and embeds are packed into as many
 * messages as needed; the first message answers the interaction, the rest are follow-ups.
 *
 * The verbatim clause text is never altered — a citation's quote is split only at the edges of
 * embeds, so every piece is a substring of the clause.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord.js';
import type { Action, Block, Locale, Reply, TextStyle } from '../../bot/core/reply.ts';
import { splitText, tableLines } from '../../bot/core/layout.ts';
import { tr } from '../../bot/core/i18n.ts';

/** Discord's documented message limits. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fieldsPerEmbed: 25,
  footer: 2048,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  buttonLabel: 80,
  customId: 100,
  filesPerMessage: 10,
  modalTitle: 45,
  inputLabel: 45,
  inputsPerModal: 5,
  inputPlaceholder: 100,
  inputValue: 4000,
} as const;

const COLORS: Record<TextStyle | 'citation' | 'default', number> = {
  default: 0x1565c0,
  title: 0x1565c0,
  normal: 0x1565c0,
  muted: 0x78909c,
  success: 0x2e7d32,
  warning: 0xf9a825,
  error: 0xc62828,
  citation: 0x6d4c41,
};

export interface OutFile {
  name: string;
  attachment: Buffer;
  description?: string;
  contentType: string;
}

/** One Discord message ready to send: the shape discord.js accepts for reply/editReply/followUp/send. */
export interface OutMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: OutFile[];
  allowedMentions: { parse: []; users?: string[] };
}

/** A button that is not a Bot action (e.g. "下一步" of a paged form), already given its custom_id. */
export interface RawButton {
  customId: string;
  label: string;
  style?: Action['style'];
}

export interface RenderOptions {
  locale: Locale;
  /** Maps a Bot action id to a custom_id of at most 100 characters. */
  customIdFor: (actionId: string) => string;
  /** Adapter buttons placed after the Reply's own actions (下一步, 修改, open-form). */
  extraButtons?: RawButton[];
}

/** Cuts `s` to at most `max` characters (code points), ending with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

export { splitText };

function embedLength(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Namespaced Discord user ids in text (`discord:1234…`) as real mentions, which embeds show as names. */
export function mentionify(text: string): string {
  return text.replace(/\bdiscord:(\d{5,25})\b/g, '<@$1>');
}

function styleLine(raw: string, style: TextStyle | undefined): string {
  const text = mentionify(raw);
  switch (style) {
    case 'title':
      return `**${text}**`;
    case 'muted':
      return `*${text}*`;
    case 'success':
      return `✅ ${text}`;
    case 'warning':
      return `⚠️ ${text}`;
    case 'error':
      return `✖ ${text}`;
    default:
      return text;
  }
}

/** Builds the list of embeds for the blocks, each within the per-embed limits. */
export function blocksToEmbeds(blocks: Block[], locale: Locale): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let cur: APIEmbed | undefined;
  const cont = tr(locale, '（续）', ' (cont.)');

  const fresh = (color = COLORS.default): APIEmbed => {
    cur = { color };
    embeds.push(cur);
    return cur;
  };
  const current = (): APIEmbed => cur ?? fresh();
  const hasBody = (e: APIEmbed) => Boolean(e.description || e.fields?.length);

  const appendDescription = (text: string) => {
    for (const piece of splitText(text, LIMITS.description)) {
      let e = current();
      const sep = e.description ? '\n' : '';
      if ((e.description?.length ?? 0) + sep.length + piece.length > LIMITS.description || (e.fields?.length ?? 0) > 0) {
        e = fresh(e.color);
        e.description = piece;
      } else {
        e.description = (e.description ?? '') + sep + piece;
      }
    }
  };

  for (const b of blocks) {
    switch (b.type) {
      case 'text': {
        if (b.style === 'title') {
          const e = cur && !hasBody(cur) && !cur.title ? cur : fresh();
          if (b.text.length <= LIMITS.title) e.title = b.text;
          else appendDescription(styleLine(b.text, 'title'));
          break;
        }
        if (b.style === 'error' || b.style === 'warning' || b.style === 'success') {
          const e = current();
          if (!e.color || e.color === COLORS.default || b.style === 'error') e.color = COLORS[b.style];
        }
        appendDescription(styleLine(b.text, b.style));
        break;
      }
      case 'fields': {
        for (const f of b.fields) {
          const pieces = splitText(f.value.trim() === '' ? '—' : mentionify(f.value), LIMITS.fieldValue);
          pieces.forEach((value, i) => {
            let e = current();
            if ((e.fields?.length ?? 0) >= LIMITS.fieldsPerEmbed) e = fresh(e.color);
            const name = clip(i === 0 ? f.label || '—' : `${clip(f.label || '—', LIMITS.fieldName - cont.length)}${cont}`, LIMITS.fieldName);
            const field: APIEmbedField = { name, value, inline: value.length <= 40 && pieces.length === 1 };
            (e.fields ??= []).push(field);
          });
        }
        break;
      }
      case 'citation': {
        const head = clip([b.docNo ?? b.title, b.path].filter(Boolean).join(' '), LIMITS.title);
        const pieces = splitText(b.quote, LIMITS.description);
        pieces.forEach((quote, i) => {
          const e = fresh(COLORS.citation);
          e.title = i === 0 ? head : clip(head + cont, LIMITS.title);
          e.description = quote;
          if (b.docNo) e.footer = { text: clip(b.title, LIMITS.footer) };
          if (i === pieces.length - 1 && b.units && b.units.length > 0) {
            e.fields = [{ name: tr(locale, '责任单位', 'Responsible units'), value: clip(b.units.join('、'), LIMITS.fieldValue) }];
          }
        });
        cur = undefined;
        break;
      }
      case 'table': {
        // A code block keeps columns aligned (monospace); each piece is fenced on its own.
        const lines = tableLines(b.columns, b.rows);
        const room = LIMITS.description - 8;
        const chunks: string[][] = [[]];
        let size = 0;
        for (const raw of lines) {
          const line = raw.length > room ? raw.slice(0, room) : raw;
          if (size + line.length + 1 > room && chunks[chunks.length - 1]!.length > 0) {
            chunks.push([]);
            size = 0;
          }
          chunks[chunks.length - 1]!.push(line);
          size += line.length + 1;
        }
        chunks.forEach((chunk, i) => {
          const e = fresh();
          if (b.title) e.title = clip(i === 0 ? b.title : b.title + cont, LIMITS.title);
          e.description = '```\n' + chunk.join('\n') + '\n```';
        });
        cur = undefined;
        break;
      }
    }
  }
  return embeds;
}

function buttonStyle(style: Action['style']): ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger {
  switch (style) {
    case 'primary':
      return ButtonStyle.Primary;
    case 'danger':
      return ButtonStyle.Danger;
    case 'success':
      return ButtonStyle.Success;
    default:
      return ButtonStyle.Secondary;
  }
}

/** Buttons in rows of five; returns groups of at most five rows (one group per message). */
export function buttonRows(buttons: RawButton[]): APIActionRowComponent<APIButtonComponent>[][] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        custom_id: b.customId,
        label: clip(b.label, LIMITS.buttonLabel),
        style: buttonStyle(b.style),
      })),
    });
  }
  const groups: APIActionRowComponent<APIButtonComponent>[][] = [];
  for (let i = 0; i < rows.length; i += LIMITS.rowsPerMessage) groups.push(rows.slice(i, i + LIMITS.rowsPerMessage));
  return groups;
}

/** The Discord user id in a `discord:<id>` user id, or undefined for users of other surfaces. */
export function discordUserId(userId: string): string | undefined {
  const m = /^discord:(\d{5,25})$/.exec(userId);
  return m?.[1];
}

/**
 * Renders a Reply as one or more messages. The first answers the interaction; the rest are sent
 * as follow-ups with the same visibility. Buttons and files ride on the last message, after the
 * text they refer to.
 */
export function renderReply(r: Reply, opts: RenderOptions): OutMessage[] {
  const embeds = blocksToEmbeds(r.blocks, opts.locale);
  const messages: OutMessage[] = [];
  const mentionIds = (r.mentions ?? []).map(discordUserId).filter((x): x is string => Boolean(x));
  const newMessage = (): OutMessage => {
    const m: OutMessage = { embeds: [], components: [], files: [], allowedMentions: { parse: [] } };
    messages.push(m);
    return m;
  };
  let msg = newMessage();
  let total = 0;
  for (const e of embeds) {
    const len = embedLength(e);
    if (msg.embeds.length >= LIMITS.embedsPerMessage || (msg.embeds.length > 0 && total + len > LIMITS.embedTotal)) {
      msg = newMessage();
      total = 0;
    }
    msg.embeds.push(e);
    total += len;
  }
  if (mentionIds.length > 0) {
    const first = messages[0]!;
    first.content = clip(mentionIds.map((id) => `<@${id}>`).join(' '), LIMITS.content);
    first.allowedMentions = { parse: [], users: mentionIds.slice(0, 100) };
  }

  const buttons: RawButton[] = (r.actions ?? []).map((a) => ({ customId: opts.customIdFor(a.id), label: a.label, style: a.style }));
  buttons.push(...(opts.extraButtons ?? []));
  const groups = buttonRows(buttons);
  groups.forEach((rows, i) => {
    const target = i === 0 ? messages[messages.length - 1]! : newMessage();
    target.components = rows;
  });

  const files: OutFile[] = (r.attachments ?? []).map((a) => ({
    name: a.filename,
    attachment: a.data,
    contentType: a.contentType,
    ...(a.description ? { description: clip(a.description, 1024) } : {}),
  }));
  for (let i = 0; i < files.length; i += LIMITS.filesPerMessage) {
    const target = i === 0 ? messages[messages.length - 1]! : newMessage();
    target.files = files.slice(i, i + LIMITS.filesPerMessage);
  }

  // Discord refuses a message with nothing visible in it.
  for (const m of messages) {
    if (m.embeds.length === 0 && !m.content && m.files.length === 0) m.content = m.components.length > 0 ? tr(opts.locale, '请选择：', 'Choose:') : '…';
  }
  return messages;
}
