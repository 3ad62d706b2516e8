/**
 * Forms on Discord: a FormRequest becomes one or more modal pages of at most five inputs.
 *
 * A Discord modal holds five text inputs, so the monthly report (ten fields) takes two pages.
 * Between pages the person sees an ephemeral message with a "下一步" button, because a modal can
 * only be opened as the first response to an interaction (a slash command or a button press).
 * What was typed on each page is kept here, in a session keyed by a short token carried in the
 * custom ids, and the Bot gets one `submitForm` call with every page's values once the last page
 * is in. When the Bot answers with field errors, the pages holding those fields are reopened,
 * pre-filled with what was typed.
 *
 * Sessions live in memory: a restart forgets half-filled forms, and the person is told to start
 * again. They expire after an hour.
 */
import { randomBytes } from 'node:crypto';
import type { APIModalInteractionResponseCallbackData, APITextInputComponent } from 'discord.js';
import { ComponentType, TextInputStyle } from 'discord.js';
import type { FormField, FormRequest } from '../../bot/core/form.ts';
import type { Locale } from '../../bot/core/reply.ts';
import { tr } from '../../bot/core/i18n.ts';
import { LIMITS, clip } from './render.ts';

export interface FormSession {
  token: string;
  /** `discord:<id>` of the person filling it in; nobody else may submit it. */
  userId: string;
  form: FormRequest;
  pages: FormField[][];
  /** Raw strings typed so far, by field key. */
  values: Record<string, string>;
  /** Pages submitted and not invalidated by a field error. */
  done: Set<number>;
  expiresAt: number;
}

const TTL_MS = 60 * 60 * 1000;
const MAX_SESSIONS = 2000;

/** Splits fields into pages of at most five. */
export function paginate(fields: FormField[]): FormField[][] {
  const pages: FormField[][] = [];
  for (let i = 0; i < fields.length; i += LIMITS.inputsPerModal) pages.push(fields.slice(i, i + LIMITS.inputsPerModal));
  return pages.length > 0 ? pages : [[]];
}

/** Custom ids used by the adapter itself; Bot action ids never start with `pd|`. */
export const IDS = {
  modal: (token: string, page: number) => `pd|m|${token}|${page}`,
  page: (token: string, page: number) => `pd|p|${token}|${page}`,
  action: (short: string) => `pd|a|${short}`,
  parse(customId: string): { kind: 'm' | 'p' | 'a'; token: string; page: number } | undefined {
    const m = /^pd\|([mpa])\|([A-Za-z0-9_-]+)(?:\|(\d+))?$/.exec(customId);
    if (!m) return undefined;
    return { kind: m[1] as 'm' | 'p' | 'a', token: m[2]!, page: Number(m[3] ?? 0) };
  },
};

export class FormSessions {
  private readonly sessions = new Map<string, FormSession>();

  constructor(private readonly clock: () => number = Date.now) {}

  open(form: FormRequest, userId: string, carry?: FormSession): FormSession {
    this.prune();
    const token = randomBytes(6).toString('base64url');
    const values: Record<string, string> = {};
    // When the bot sends the same form back (e.g. with a reason field added), keep what was typed.
    if (carry && carry.form.id === form.id) Object.assign(values, carry.values);
    for (const f of form.fields) if (f.initial !== undefined && values[f.key] === undefined) values[f.key] = f.initial;
    const s: FormSession = { token, userId, form, pages: paginate(form.fields), values, done: new Set(), expiresAt: this.clock() + TTL_MS };
    this.sessions.set(token, s);
    return s;
  }

  get(token: string): FormSession | undefined {
    const s = this.sessions.get(token);
    if (!s) return undefined;
    if (s.expiresAt < this.clock()) {
      this.sessions.delete(token);
      return undefined;
    }
    return s;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  private prune(): void {
    const now = this.clock();
    for (const [k, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(k);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }
}

/** Records a page's values; returns the next page still to fill, or undefined when all are in. */
export function recordPage(s: FormSession, page: number, typed: Record<string, string>): number | undefined {
  for (const f of s.pages[page] ?? []) s.values[f.key] = typed[f.key] ?? '';
  s.done.add(page);
  return nextPage(s);
}

export function nextPage(s: FormSession): number | undefined {
  for (let i = 0; i < s.pages.length; i++) if (!s.done.has(i)) return i;
  return undefined;
}

/** Marks the pages holding these fields as to be filled again; returns the first such page. */
export function reopenFor(s: FormSession, fieldKeys: string[]): number {
  let first: number | undefined;
  s.pages.forEach((fields, i) => {
    if (fields.some((f) => fieldKeys.includes(f.key))) {
      s.done.delete(i);
      first ??= i;
    }
  });
  if (first === undefined) {
    // Errors on no known field: let the person review from the first page.
    s.done.delete(0);
    first = 0;
  }
  return first;
}

function hint(f: FormField, locale: Locale): string | undefined {
  if (f.placeholder) return f.placeholder;
  const range =
    f.min !== undefined && f.max !== undefined ? `${f.min}–${f.max}` : f.min !== undefined ? `≥ ${f.min}` : f.max !== undefined ? `≤ ${f.max}` : '';
  if (f.kind === 'integer') return [tr(locale, '整数', 'whole number'), range, f.unit].filter(Boolean).join(' ');
  if (f.kind === 'decimal') {
    const dp = f.decimals !== undefined ? tr(locale, `最多${f.decimals}位小数`, `up to ${f.decimals} decimals`) : '';
    return [tr(locale, '数字', 'number'), range, f.unit, dp].filter(Boolean).join(' ');
  }
  return undefined;
}

/** The label shown above an input: the field label with its unit, within 45 characters. */
export function inputLabel(f: FormField): string {
  // 签约总投资（亿元） already names its unit; 外出招商次数 gets （次）.
  const withUnit = f.unit && !/[（(][^（）()]*[）)]$/.test(f.label) ? `${f.label}（${f.unit}）` : f.label;
  return [...withUnit].length <= LIMITS.inputLabel ? withUnit : clip(f.label, LIMITS.inputLabel);
}

/** The modal for one page, pre-filled with what was typed (or the field's initial value). */
export function buildModal(s: FormSession, page: number, locale: Locale): APIModalInteractionResponseCallbackData {
  const fields = s.pages[page] ?? [];
  const suffix = s.pages.length > 1 ? `（${page + 1}/${s.pages.length}）` : '';
  const title = clip(s.form.title, LIMITS.modalTitle - suffix.length) + suffix;
  return {
    custom_id: IDS.modal(s.token, page),
    title,
    components: fields.map((f) => {
      const input: APITextInputComponent = {
        type: ComponentType.TextInput,
        custom_id: f.key,
        label: inputLabel(f),
        style: f.multiline || (f.kind === 'text' && (f.maxLength ?? 0) > 100) ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: f.required,
        max_length: Math.min(f.maxLength ?? (f.kind === 'text' ? LIMITS.inputValue : 20), LIMITS.inputValue),
      };
      const ph = hint(f, locale);
      if (ph) input.placeholder = clip(ph, LIMITS.inputPlaceholder);
      const value = s.values[f.key];
      if (value !== undefined && value !== '') input.value = value.slice(0, input.max_length);
      return { type: ComponentType.ActionRow, components: [input] };
    }),
  };
}
