/**
 * Modal views in Block Kit: the monthly form as one modal (an input block per field), result,
 * confirmation and loading views, field errors (`response_action: errors`), and the metadata a
 * modal carries to its submission. Within Slack's limits: 100 blocks and a 24-character title
 * per modal, labels of 2000 characters. Pure functions, tested with the message rendering.
 */
import type { types } from '@slack/bolt';
import type { Locale, Reply } from '../../bot/core/reply.ts';
import type { FormField, FormRequest } from '../../bot/core/form.ts';
import { tr } from '../../bot/core/i18n.ts';
import { fit, LIMITS, mrkdwn, renderMessage, sections, STYLE_PREFIX, type KnownBlock } from './blockKit.ts';

type InputBlock = types.InputBlock;
export type ModalView = types.ModalView;

/** Callback id of every Policy Desk modal that submits a form. */
export const FORM_CALLBACK_ID = 'pd-form';
/** Callback id of result, loading and confirmation views (no form to submit). */
export const INFO_CALLBACK_ID = 'pd-info';
/** Every form input lives in block `f:<field key>`, element `value`. */
export const FIELD_BLOCK_PREFIX = 'f:';
export const FIELD_ACTION_ID = 'value';

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
