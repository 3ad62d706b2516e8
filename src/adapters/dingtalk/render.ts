/**
 * Renders a Reply as DingTalk robot markdown messages (`sampleMarkdown` for the OpenAPI,
 * `msgtype: markdown` for a conversation's session webhook).
 *
 * DingTalk's robot markdown is a subset: headings, bold, italic, links, images, quotes, ordered
 * and unordered lists — no tables, no HTML beyond `<font>` (docs/dingtalk.md cites the list). So
 * tables become one list line per row. Buttons become `dtmd://` links (see actionText.ts); they
 * work in one-to-one chats only, because in a group the text they send is not an @-mention and
 * never reaches the robot — there the reply says so instead.
 *
 * Size: a message is kept under a UTF-8 byte budget (default 12,000 bytes of text, leaving room for
 * the title and JSON escaping under the 15,000-byte `msgParam` cap observed for robot messages); a
 * longer reply is split at block boundaries into numbered parts, and a single oversized block at
 * line, then character, boundaries. The verbatim clause is never altered: its pieces, joined,
 * are the quote.
 */
import type { Block, Locale, Reply } from '../../bot/core/reply.ts';
import { tr } from '../../bot/core/i18n.ts';
import { actionLink } from './actionText.ts';

/** One DingTalk markdown message. */
export interface DingTalkMessage {
  /** Shown in the conversation list and notifications (not in the bubble). */
  title: string;
  /** DingTalk markdown. */
  text: string;
}

export interface RenderOptions {
  /** 'group' replaces buttons by a hint to use the one-to-one chat. Default 'direct'. */
  conversation?: 'direct' | 'group';
  /** UTF-8 byte budget of one message's text. Default 12,000. */
  maxTextBytes?: number;
}

export const DEFAULT_MAX_TEXT_BYTES = 12_000;
/** Titles longer than this are cut: the conversation list shows about one line. */
export const MAX_TITLE_CHARS = 40;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Markdown line breaks: DingTalk collapses a bare "\n" inside a paragraph. */
const hardBreaks = (s: string) => s.split('\n').join('  \n');

function renderBlock(b: Block, L: Locale): string {
  switch (b.type) {
    case 'text': {
      const t = hardBreaks(b.text);
      switch (b.style) {
        case 'title':
          return `#### ${b.text.replace(/\n/g, ' ')}`;
        case 'error':
          return `✖ **${t}**`;
        case 'warning':
          return `⚠️ ${t}`;
        case 'success':
          return `✅ ${t}`;
        case 'muted':
          return `<font color="#808080">${t}</font>`;
        default:
          return t;
      }
    }
    case 'fields':
      return b.fields.map((f) => `- **${f.label}**：${f.value.replace(/\n/g, ' ')}`).join('\n');
    case 'citation': {
      const head = `**${b.docNo ?? b.title}**${b.docNo ? `（${b.title}）` : ''}  \n${b.path}`;
      const quote = b.quote
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
      const units = b.units && b.units.length > 0 ? `\n\n${tr(L, '责任单位', 'Responsible units')}：${b.units.join('、')}` : '';
      return `${head}\n\n${quote}${units}`;
    }
    case 'table': {
      const rows = b.rows.map(
        (r) => '- ' + r.map((cell, i) => (i === 0 ? `**${cell}**` : `${b.columns[i] ?? ''}：${cell}`)).join('，'),
      );
      return [b.title ? `**${b.title}**` : '', ...rows].filter(Boolean).join('\n');
    }
  }
}

/** Splits a string into pieces of at most `max` UTF-8 bytes, preferring line boundaries. */
function splitByBytes(s: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  const flush = () => {
    if (cur) out.push(cur);
    cur = '';
    curBytes = 0;
  };
  for (const line of s.split(/(?<=\n)/)) {
    const lineBytes = bytes(line);
    if (curBytes + lineBytes <= max) {
      cur += line;
      curBytes += lineBytes;
      continue;
    }
    flush();
    if (lineBytes <= max) {
      cur = line;
      curBytes = lineBytes;
      continue;
    }
    for (const ch of line) {
      const b = bytes(ch);
      if (curBytes + b > max) flush();
      cur += ch;
      curBytes += b;
    }
  }
  flush();
  return out;
}

function titleOf(reply: Reply, L: Locale): string {
  const first = reply.blocks.find((b) => b.type === 'text' && b.style === 'title') ?? reply.blocks.find((b) => b.type === 'text');
  const raw = first && first.type === 'text' ? first.text.split('\n')[0]! : tr(L, '政策助手', 'Policy Desk');
  const chars = [...raw];
  return chars.length > MAX_TITLE_CHARS ? chars.slice(0, MAX_TITLE_CHARS - 1).join('') + '…' : raw;
}

/** The reply's extras that are not blocks: field errors, files, a form, buttons. */
function trailer(reply: Reply, L: Locale, conversation: 'direct' | 'group'): string[] {
  const out: string[] = [];
  if (reply.fieldErrors) {
    out.push(Object.entries(reply.fieldErrors).map(([k, msg]) => `- ✖ **${k}**：${msg}`).join('\n'));
  }
  for (const a of reply.attachments ?? []) {
    out.push(`📎 ${a.filename}：${tr(L, '钉钉机器人暂不发送文件，请用命令行导出（npx policy-desk）。', 'the DingTalk robot does not send files yet; export it with the CLI (npx policy-desk).')}`);
  }
  if (reply.actions && reply.actions.length > 0) {
    out.push(
      conversation === 'direct'
        ? reply.actions.map(actionLink).join('　｜　')
        : tr(L, `（可选操作：${reply.actions.map((a) => a.label).join('、')}——请在与机器人的单聊中操作）`, `(Options: ${reply.actions.map((a) => a.label).join(', ')} — use them in your one-to-one chat with the robot)`),
    );
  }
  return out;
}

/**
 * Renders `reply` as one or more DingTalk markdown messages, each within the byte budget.
 * Parts after the first carry "（续 2/3）" in their title so the order is visible.
 */
export function renderReply(reply: Reply, locale: Locale, options: RenderOptions = {}): DingTalkMessage[] {
  const budget = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const conversation = options.conversation ?? 'direct';
  const sep = '\n\n';
  const chunks = [...reply.blocks.map((b) => renderBlock(b, locale)), ...trailer(reply, locale, conversation)].flatMap((c) =>
    bytes(c) <= budget ? [c] : splitByBytes(c, budget),
  );
  const parts: string[] = [];
  let cur = '';
  for (const c of chunks) {
    const next = cur ? cur + sep + c : c;
    if (bytes(next) <= budget) {
      cur = next;
    } else {
      parts.push(cur);
      cur = c;
    }
  }
  if (cur || parts.length === 0) parts.push(cur);
  const title = titleOf(reply, locale);
  return parts.map((text, i) => ({
    title: parts.length > 1 ? `${title}${tr(locale, `（${i + 1}/${parts.length}）`, ` (${i + 1}/${parts.length})`)}` : title,
    text,
  }));
}

/** The OpenAPI form (one-to-one and group robot messages). */
export function toRobotMessage(m: DingTalkMessage): { msgKey: 'sampleMarkdown'; msgParam: string } {
  return { msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: m.title, text: m.text }) };
}

/** The session-webhook form (a reply in the conversation a message came from). */
export function toWebhookBody(m: DingTalkMessage): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  return { msgtype: 'markdown', markdown: { title: m.title, text: m.text } };
}

/**
 * The StandardCard `cardData` for the status board: a header and the reply as markdown sections.
 * StandardCard is DingTalk's built-in interactive-card template (no template to design by hand),
 * and unlike robot messages it can be updated in place by its cardBizId.
 */
export function toStandardCardData(reply: Reply, locale: Locale): string {
  const parts = renderReply({ ...reply, actions: undefined }, locale, { conversation: 'group' });
  return JSON.stringify({
    config: { autoLayout: true, enableForward: true },
    header: { title: { type: 'text', text: parts[0]!.title.replace(/（1\/\d+）$| \(1\/\d+\)$/, '') } },
    contents: parts.map((p, i) => ({ type: 'markdown', text: p.text, id: `markdown_${i + 1}` })),
  });
}
