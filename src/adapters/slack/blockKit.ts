/**
 * Block Kit rendering: turns the platform-neutral Reply into Slack messages, always inside
 * Slack's limits (modal views are built in modals.ts from the same pieces).
 *
 * Slack rejects a whole message when one element is too long, so every string passes through
 * `fit` (which never cuts a surrogate pair) and every list is capped: 3000 characters per section,
 * 10 fields per section, 50 blocks per message (100 per modal), 25 buttons per actions block,
 * 75 characters per button label, 255 per action_id, 2000 per button value, 24 per modal title.
 * A verbatim policy quote is never shortened: it is split across consecutive sections instead,
 * and when a reply has more blocks than Slack allows, whole blocks are dropped from the end with
 * a note saying how many.
 *
 * Nothing here talks to Slack; these are pure functions, tested on their own.
 */
import type { types } from '@slack/bolt';
import type { Block, Locale, Reply, TextStyle } from '../../bot/core/reply.ts';
import { splitText, tableLines } from '../../bot/core/layout.ts';
import { tr } from '../../bot/core/i18n.ts';

export type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type Button = types.Button;

/** Slack's documented Block Kit limits (characters are UTF-16 code units, as Slack counts them). */
export const LIMITS = {
  sectionText: 3000,
  sectionField: 2000,
  fieldsPerSection: 10,
  header: 150,
  contextText: 3000,
  messageBlocks: 50,
  modalBlocks: 100,
  buttonsPerActions: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  blockId: 255,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

/** Prefix of action_ids that carry the bot action id in `value` because it was too long. */
export const LONG_ACTION_PREFIX = 'pd-long:';

/**
 * Shortens `s` to at most `max` UTF-16 code units, ending with "…" when cut, never splitting a
 * surrogate pair (so an emoji or a rare CJK character is dropped whole, not halved).
 */
export function fit(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Splits `s` into pieces of at most `max` code units, preferring line breaks (the core's one splitter). */
export const chunk = splitText;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text and turns namespaced Slack user ids (`slack:T01:U02`) into real mentions
 * (`<@U02>`), so a reply that names a reporter pings them on Slack and reads as an id elsewhere.
 */
export function mrkdwn(s: string): string {
  return escapeMrkdwn(s).replace(/\bslack:[A-Z0-9]+:([UW][A-Z0-9]+)\b/g, '<@$1>');
}

export const STYLE_PREFIX: Partial<Record<TextStyle, string>> = {
  success: ':white_check_mark: ',
  warning: ':warning: ',
  error: ':x: ',
};

/** One mrkdwn text as one or more sections (a long text is split, never cut). */
export function sections(text: string): SectionBlock[] {
  return chunk(text, LIMITS.sectionText).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
}

function renderBlock(b: Block, locale: Locale): KnownBlock[] {
  switch (b.type) {
    case 'text': {
      if (b.style === 'title') return [{ type: 'header', text: { type: 'plain_text', text: fit(b.text, LIMITS.header), emoji: true } }];
      if (b.style === 'muted') {
        return chunk(mrkdwn(b.text), LIMITS.contextText).map((t) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: t }] }));
      }
      return sections(`${STYLE_PREFIX[b.style ?? 'normal'] ?? ''}${mrkdwn(b.text)}`);
    }
    case 'fields': {
      const out: KnownBlock[] = [];
      for (let i = 0; i < b.fields.length; i += LIMITS.fieldsPerSection) {
        out.push({
          type: 'section',
          fields: b.fields
            .slice(i, i + LIMITS.fieldsPerSection)
            .map((f) => ({ type: 'mrkdwn', text: fit(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, LIMITS.sectionField) })),
        });
      }
      return out;
    }
    case 'citation': {
      // The heading names the document number and the clause path; the quote below is verbatim.
      const head = `:page_facing_up: *${mrkdwn(b.docNo ?? b.title)}* ${mrkdwn(b.path)}${b.docNo ? `\n${mrkdwn(b.title)}` : ''}`;
      const quoteLines = mrkdwn(b.quote)
        .split('\n')
        .map((l) => `>${l}`)
        .join('\n');
      const out: KnownBlock[] = [...sections(`${head}\n${quoteLines}`)];
      if (b.units && b.units.length > 0) {
        out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: fit(`${tr(locale, '责任单位', 'Responsible')}：${mrkdwn(b.units.join('、'))}`, LIMITS.contextText) }] });
      }
      return out;
    }
    case 'table': {
      // Slack messages have no table block; a monospaced code block keeps the columns aligned.
      const lines = tableLines(b.columns, b.rows, '-').map(escapeMrkdwn);
      const out: KnownBlock[] = [];
      if (b.title) out.push({ type: 'section', text: { type: 'mrkdwn', text: fit(`*${mrkdwn(b.title)}*`, LIMITS.sectionText) } });
      let current: string[] = [];
      const flush = () => {
        if (current.length > 0) out.push({ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`\n${current.join('\n')}\n\`\`\`` } });
        current = [];
      };
      for (const line of lines) {
        const l = fit(line, LIMITS.sectionText - 10);
        if ([...current, l].join('\n').length + 9 > LIMITS.sectionText) flush();
        current.push(l);
      }
      flush();
      return out;
    }
  }
}

/** The action_id and value of a bot action id: the id itself when it fits, else carried in `value`. */
export function encodeAction(id: string, index: number): { action_id: string; value: string } {
  if (id.length > LIMITS.buttonValue) throw new Error(`action id longer than ${LIMITS.buttonValue} characters: ${id.slice(0, 40)}…`);
  return id.length <= LIMITS.actionId ? { action_id: id, value: id } : { action_id: `${LONG_ACTION_PREFIX}${index}`, value: id };
}

/** The bot action id behind a clicked button. */
export function decodeAction(action: { action_id: string; value?: string }): string {
  return action.action_id.startsWith(LONG_ACTION_PREFIX) ? (action.value ?? '') : action.action_id;
}

function actionBlocks(actions: NonNullable<Reply['actions']>): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < actions.length; i += LIMITS.buttonsPerActions) {
    out.push({
      type: 'actions',
      elements: actions.slice(i, i + LIMITS.buttonsPerActions).map((a, j): Button => {
        const style = a.style === 'primary' || a.style === 'success' ? 'primary' : a.style === 'danger' ? 'danger' : undefined;
        return {
          type: 'button',
          text: { type: 'plain_text', text: fit(a.label, LIMITS.buttonText), emoji: true },
          ...encodeAction(a.id, i + j),
          ...(style ? { style } : {}),
        };
      }),
    });
  }
  return out;
}

/** Caps a block list, replacing what does not fit with a note that says how much was left out. */
function cap(blocks: KnownBlock[], max: number, tail: KnownBlock[], locale: Locale): KnownBlock[] {
  if (blocks.length + tail.length <= max) return [...blocks, ...tail];
  const keep = max - tail.length - 1;
  const dropped = blocks.length - keep;
  return [
    ...blocks.slice(0, keep),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr(locale, `…还有 ${dropped} 个内容块因 Slack 单条消息限制未显示，请缩小查询范围。`, `…${dropped} more blocks not shown (Slack message limit); narrow the query.`) }],
    },
    ...tail,
  ];
}

/** Renders a Reply's blocks and buttons as message blocks (≤ 50), plus fallback text for notifications. */
export function renderMessage(r: Reply, locale: Locale, maxBlocks: number = LIMITS.messageBlocks): { blocks: KnownBlock[]; text: string } {
  const body = r.blocks.flatMap((b) => renderBlock(b, locale));
  const blocks = cap(body, maxBlocks, r.actions && r.actions.length > 0 ? actionBlocks(r.actions) : [], locale);
  return { blocks, text: fallbackText(r) };
}

/** Plain notification text for a reply: the first text block, else a generic line. */
export function fallbackText(r: Reply): string {
  for (const b of r.blocks) {
    if (b.type === 'text') return fit(b.text, LIMITS.fallbackText);
    if (b.type === 'citation') return fit(`${b.docNo ?? b.title} ${b.path}`, LIMITS.fallbackText);
    if (b.type === 'table' && b.title) return fit(b.title, LIMITS.fallbackText);
  }
  return 'Policy Desk';
}
