/**
 * Block Kit rendering: turns the platform-neutral Reply and FormRequest into Slack messages and
 * modal views, always inside Slack's limits.
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
import type { FormField, FormRequest } from '../../bot/core/form.ts';
import { tr } from '../../bot/core/i18n.ts';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
type SectionBlock = types.SectionBlock;
type Button = types.Button;
type InputBlock = types.InputBlock;

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

/** Callback id of every Policy Desk modal that submits a form. */
export const FORM_CALLBACK_ID = 'pd-form';
/** Callback id of result, loading and confirmation views (no form to submit). */
export const INFO_CALLBACK_ID = 'pd-info';
/** Every form input lives in block `f:<field key>`, element `value`. */
export const FIELD_BLOCK_PREFIX = 'f:';
export const FIELD_ACTION_ID = 'value';
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

const STYLE_PREFIX: Partial<Record<TextStyle, string>> = {
  success: ':white_check_mark: ',
  warning: ':warning: ',
  error: ':x: ',
};

/** One mrkdwn text as one or more sections (a long text is split, never cut). */
function sections(text: string): SectionBlock[] {
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

/** What travels in a modal's private_metadata: the form id and where to answer afterwards. */
export interface ModalMetadata {
  /** Form id for Bot.submitForm. */
  form?: string;
  /** response_url of the slash command or message that opened the modal. */
  responseUrl?: string;
  channel?: string;
}

export function encodeMetadata(m: ModalMetadata): string {
  const s = JSON.stringify(m);
  if (s.length <= LIMITS.privateMetadata) return s;
  // The answer channel is a convenience; the form id is not.
  const lean = JSON.stringify({ form: m.form });
  if (lean.length > LIMITS.privateMetadata) throw new Error('form id too long for a Slack modal');
  return lean;
}

export function decodeMetadata(s: string | undefined): ModalMetadata {
  if (!s) return {};
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' ? (v as ModalMetadata) : {};
  } catch {
    return {};
  }
}

function fieldLabel(f: FormField): string {
  return fit(f.unit ? `${f.label}（${f.unit}）` : f.label, LIMITS.inputLabel);
}

function fieldHint(f: FormField, locale: Locale): string | undefined {
  if (f.kind === 'text') return f.maxLength ? tr(locale, `最多 ${f.maxLength} 字`, `Up to ${f.maxLength} characters`) : undefined;
  const range =
    f.min !== undefined && f.max !== undefined
      ? `${f.min}–${f.max}`
      : f.min !== undefined
        ? tr(locale, `不小于 ${f.min}`, `at least ${f.min}`)
        : f.max !== undefined
          ? tr(locale, `不大于 ${f.max}`, `at most ${f.max}`)
          : '';
  const kind =
    f.kind === 'integer'
      ? tr(locale, '整数', 'whole number')
      : tr(locale, `可填小数${f.decimals !== undefined ? `（最多 ${f.decimals} 位）` : ''}`, `decimals allowed${f.decimals !== undefined ? ` (up to ${f.decimals} places)` : ''}`);
  return [kind, range].filter(Boolean).join(tr(locale, '，', ', '));
}

/** One input block per field: number_input for numbers (bounds and decimals from the field), plain_text_input for text. */
export function renderField(f: FormField, locale: Locale): InputBlock {
  const placeholder = f.placeholder ? { placeholder: { type: 'plain_text' as const, text: fit(f.placeholder, LIMITS.placeholder) } } : {};
  const initial = f.initial !== undefined && f.initial !== '' ? { initial_value: f.initial } : {};
  const element: InputBlock['element'] =
    f.kind === 'text'
      ? {
          type: 'plain_text_input',
          action_id: FIELD_ACTION_ID,
          multiline: f.multiline ?? false,
          ...(f.maxLength ? { max_length: f.maxLength } : {}),
          ...placeholder,
          ...initial,
        }
      : {
          type: 'number_input',
          action_id: FIELD_ACTION_ID,
          is_decimal_allowed: f.kind === 'decimal',
          ...(f.min !== undefined ? { min_value: String(f.min) } : {}),
          ...(f.max !== undefined ? { max_value: String(f.max) } : {}),
          ...placeholder,
          ...initial,
        };
  const hint = fieldHint(f, locale);
  return {
    type: 'input',
    block_id: fieldBlockId(f.key),
    label: { type: 'plain_text', text: fieldLabel(f), emoji: true },
    optional: !f.required,
    element,
    ...(hint ? { hint: { type: 'plain_text', text: fit(hint, LIMITS.inputHint) } } : {}),
  };
}

export function fieldBlockId(key: string): string {
  return fit(`${FIELD_BLOCK_PREFIX}${key}`, LIMITS.blockId);
}

/**
 * A form as one modal: the reply's blocks (the intro, e.g. unit and month) and its buttons (such
 * as 本月无招商活动) on top, then one input per field. private_metadata carries the form id so the
 * submission is routed back; a button press arrives as block_actions from this view.
 */
export function renderFormView(form: FormRequest, intro: Reply | undefined, locale: Locale, meta: Omit<ModalMetadata, 'form'> = {}): ModalView {
  const inputs = form.fields.map((f) => renderField(f, locale));
  const head = intro ? renderMessage(intro, locale, LIMITS.modalBlocks - inputs.length).blocks : [];
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: { type: 'plain_text', text: fit(form.title, LIMITS.modalTitle), emoji: true },
    submit: { type: 'plain_text', text: fit(form.submitLabel, LIMITS.modalButton), emoji: true },
    close: { type: 'plain_text', text: tr(locale, '取消', 'Cancel') },
    private_metadata: encodeMetadata({ ...meta, form: form.id }),
    blocks: [...head, ...inputs],
  };
}

/** A modal showing a reply (a result, a warning with confirm buttons, an error). */
export function renderInfoView(r: Reply, locale: Locale, title: string, meta: ModalMetadata = {}): ModalView {
  return {
    type: 'modal',
    callback_id: INFO_CALLBACK_ID,
    title: { type: 'plain_text', text: fit(title, LIMITS.modalTitle), emoji: true },
    close: { type: 'plain_text', text: tr(locale, '关闭', 'Close') },
    private_metadata: encodeMetadata(meta),
    // A modal needs something to show even when the reply has no blocks.
    blocks: r.blocks.length > 0 || (r.actions?.length ?? 0) > 0 ? renderMessage(r, locale, LIMITS.modalBlocks).blocks : sections(tr(locale, '完成。', 'Done.')),
  };
}

/** The view opened while the trigger_id is fresh, replaced by views.update when the data arrives. */
export function renderLoadingView(locale: Locale): ModalView {
  return {
    type: 'modal',
    callback_id: INFO_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Policy Desk' },
    close: { type: 'plain_text', text: tr(locale, '关闭', 'Close') },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: tr(locale, ':hourglass_flowing_sand: 正在加载…', ':hourglass_flowing_sand: Loading…') } }],
  };
}

/**
 * Field errors as Slack's `response_action: errors` map, keyed by the block_id of each field.
 * An error for a key the form does not show (a cross-field problem) goes on the first input, so
 * the person still sees it.
 */
export function renderFieldErrors(errors: Record<string, string>, fieldKeys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const first = fieldKeys[0];
  for (const [key, message] of Object.entries(errors)) {
    const target = fieldKeys.includes(key) ? key : first;
    if (target === undefined) continue;
    const id = fieldBlockId(target);
    out[id] = fit(out[id] ? `${out[id]}；${message}` : message, LIMITS.inputHint);
  }
  return out;
}

const ERRORS_BLOCK_ID = 'pd-errors';

/**
 * The submitted form again, with what the person typed kept and the field errors listed on top —
 * for errors that arrive too late to go back as `response_action: errors` (a slow submission).
 */
export function reopenFormView(
  view: { title: ModalView['title']; submit?: ModalView['submit']; close?: ModalView['close']; private_metadata?: string; blocks: readonly unknown[] },
  typed: Record<string, string>,
  errors: Record<string, string>,
  labels: Record<string, string>,
  locale: Locale,
): ModalView {
  const lines = Object.entries(errors).map(([key, msg]) => `• *${mrkdwn(labels[key] ?? key)}*：${mrkdwn(msg)}`);
  const note: KnownBlock = {
    type: 'section',
    block_id: ERRORS_BLOCK_ID,
    text: { type: 'mrkdwn', text: fit(`${STYLE_PREFIX.error}${tr(locale, '请更正后重新提交：', 'Please correct and submit again:')}\n${lines.join('\n')}`, LIMITS.sectionText) },
  };
  const blocks = (view.blocks as KnownBlock[])
    .filter((b) => b.block_id !== ERRORS_BLOCK_ID)
    .map((b): KnownBlock => {
      if (b.type !== 'input' || !b.block_id?.startsWith(FIELD_BLOCK_PREFIX)) return b;
      const value = typed[b.block_id.slice(FIELD_BLOCK_PREFIX.length)];
      const element = { ...b.element } as Record<string, unknown>;
      if (value) element.initial_value = value;
      else delete element.initial_value;
      return { ...b, element } as unknown as KnownBlock;
    });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: view.title,
    ...(view.submit ? { submit: view.submit } : {}),
    ...(view.close ? { close: view.close } : {}),
    ...(view.private_metadata ? { private_metadata: view.private_metadata } : {}),
    blocks: [note, ...blocks].slice(0, LIMITS.modalBlocks),
  };
}
