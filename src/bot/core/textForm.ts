/**
 * Text forms: a form asked for one field at a time, for platforms that cannot open a modal
 * (`modals: false` — the console, DingTalk robots). The Pipeline owns one session per person.
 *
 * The rules a person can rely on, whatever the surface:
 * - each prompt names the field with its unit and, when prefilled (amending, 修改), the value in
 *   brackets; an empty answer keeps it;
 * - a number may carry the field's own unit (「2个」 for a field counted in 个);
 * - when the bot refuses some fields (hard errors), only those fields are asked again;
 * - the choices that came with a form (修改 beside a reason prompt) are typed by their label;
 * - after a form, a choice (确认提交 / 修改) waits for a choice: other text re-asks and says how
 *   to choose; nothing is discarded until 取消, and 取消 says the draft was dropped.
 *
 * ```ts
 * const forms = new TextForms();
 * const shown = forms.open(reply, ctx.user.id, locale); // the reply with its first prompt
 * const step = forms.answer(ctx.user.id, '3', locale);  // next prompt, or { submit } / { action }
 * ```
 */
import type { FormField, FormRequest } from './form.ts';
import { pick, type Localized } from './i18n.ts';
import type { Action, Block, Locale, Reply } from './reply.ts';

/** What the person's line means for the open form or choice. */
export type TextFormStep =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'submit'; formId: string; values: Record<string, string> }
  | { kind: 'action'; actionId: string }
  | { kind: 'cancelled'; reply: Reply };

interface FormSession {
  kind: 'form';
  form: FormRequest;
  values: Record<string, string>;
  /** Keys still to ask, in order; the first is the one being asked. */
  queue: string[];
  /** Choices that came with the form (修改 beside a reason prompt), reachable by their label. */
  actions: Action[];
}

interface ChoiceSession {
  kind: 'choice';
  actions: Action[];
}

type Session = FormSession | ChoiceSession;

/** Words that end a pending form or choice (and drop its draft). */
const CANCEL = new Set(['取消', '算了', '不填了', '退出', 'cancel', 'quit', 'stop']);

const SAY = {
  intro: { zh: '（逐项输入，回车保留括号内的值；输入「取消」放弃）', en: '(one value per line; Enter keeps the value in brackets; type "cancel" to give up)' },
  optional: { zh: '选填', en: 'optional' },
  required: { zh: '此项必填，请输入。', en: 'This field is required.' },
  cancelled: { zh: '已取消，这份草稿未保存（没有提交任何数据）。', en: 'Cancelled; the draft was dropped (nothing was submitted).' },
  fixThese: { zh: '请重新填写以下有误的项目（其余已填内容保留）：', en: 'Please re-enter the fields with errors (the others are kept):' },
} satisfies Record<string, Localized>;

/** Sessions of the people filling a form in text, keyed by user id. */
export class TextForms {
  private readonly sessions = new Map<string, Session>();

  /** True while the person has a form or a choice waiting for their typed answer. */
  pending(userId: string): boolean {
    return this.sessions.has(userId);
  }

  /** Forgets the person's session (a button was pressed on a surface that has buttons, a new form…). */
  drop(userId: string): void {
    this.sessions.delete(userId);
  }

  /**
   * Shapes a reply for a text surface: a reply with a form starts a form session and shows its
   * first prompt; a reply with choices that came out of a form (`fromForm`) waits for a choice.
   */
  present(r: Reply, userId: string, L: Locale, fromForm: boolean): Reply {
    if (r.form) {
      const form = r.form;
      const actions = r.actions ?? [];
      const values: Record<string, string> = {};
      for (const f of form.fields) if (f.initial !== undefined) values[f.key] = f.initial;
      const s: FormSession = { kind: 'form', form, values, queue: form.fields.map((f) => f.key), actions };
      this.sessions.set(userId, s);
      const blocks: Block[] = [...r.blocks, { type: 'text', text: `— ${form.title} —` }, { type: 'text', text: intro(L, actions) }, { type: 'text', text: prompt(s, L) }];
      const { form: _f, actions: _a, ...rest } = r;
      return { ...rest, blocks };
    }
    if (fromForm && r.actions && r.actions.length > 0 && !r.isError) {
      this.sessions.set(userId, { kind: 'choice', actions: r.actions });
      return r;
    }
    if (fromForm) this.sessions.delete(userId);
    return r;
  }

  /** Reads one typed line against the person's session; undefined when they have none. */
  answer(userId: string, text: string, L: Locale): TextFormStep | undefined {
    const s = this.sessions.get(userId);
    if (!s) return undefined;
    const line = text.trim();
    if (CANCEL.has(line.toLowerCase())) {
      this.sessions.delete(userId);
      return { kind: 'cancelled', reply: { blocks: [{ type: 'text', text: pick(L, SAY.cancelled), style: 'muted' }], ephemeral: true } };
    }
    const chosen = chooseAction(s.actions, line, s.kind === 'choice');
    if (chosen) {
      this.sessions.delete(userId);
      return { kind: 'action', actionId: chosen.id };
    }
    if (s.kind === 'choice') return { kind: 'reply', reply: reAskChoice(s.actions, L) };

    const field = s.form.fields.find((f) => f.key === s.queue[0])!;
    if (line === '') {
      if (s.values[field.key] === undefined && field.required) {
        return { kind: 'reply', reply: { blocks: [{ type: 'text', text: pick(L, SAY.required), style: 'warning' }, { type: 'text', text: prompt(s, L) }], ephemeral: true } };
      }
      s.values[field.key] ??= '';
    } else {
      s.values[field.key] = withoutUnit(field, line);
    }
    s.queue.shift();
    if (s.queue.length > 0) return { kind: 'reply', reply: { blocks: [{ type: 'text', text: prompt(s, L) }], ephemeral: true } };
    return { kind: 'submit', formId: s.form.id, values: { ...s.values } };
  }

  /**
   * After a submission: field errors for fields of the open form ask those fields again (the
   * rest is kept); anything else ends the form and is presented as usual.
   */
  afterSubmit(r: Reply, userId: string, L: Locale): Reply {
    const s = this.sessions.get(userId);
    const errors = Object.keys(r.fieldErrors ?? {});
    if (s?.kind === 'form' && errors.length > 0 && errors.every((k) => s.form.fields.some((f) => f.key === k))) {
      s.queue = s.form.fields.map((f) => f.key).filter((k) => errors.includes(k));
      const shown = new Set(r.blocks.map((b) => (b.type === 'text' ? b.text : '')));
      const messages = Object.values(r.fieldErrors!).filter((m) => ![...shown].some((t) => t.includes(m)));
      const blocks: Block[] = [
        ...r.blocks,
        ...messages.map((m): Block => ({ type: 'text', text: m, style: 'error' })),
        { type: 'text', text: pick(L, SAY.fixThese), style: 'muted' },
        { type: 'text', text: prompt(s, L) },
      ];
      // The refusal's own "fix the form" button is this very prompt.
      const { actions: _a, fieldErrors: _e, ...rest } = r;
      return { ...rest, blocks };
    }
    this.sessions.delete(userId);
    return this.present(r, userId, L, true);
  }
}

/** `label（unit，选填）[prefilled]：` for the field being asked. */
function prompt(s: FormSession, L: Locale): string {
  const f = s.form.fields.find((x) => x.key === s.queue[0])!;
  const hint = [f.unit, f.required ? '' : pick(L, SAY.optional), bounds(f)].filter(Boolean).join(L === 'en' ? ', ' : '，');
  const value = s.values[f.key];
  const kept = value !== undefined && value !== '' ? ` [${value}]` : '';
  return `${f.label}${hint ? (L === 'en' ? ` (${hint})` : `（${hint}）`) : ''}${kept}：`;
}

function bounds(f: FormField): string {
  if (f.kind === 'text' || (f.min === undefined && f.max === undefined)) return '';
  if (f.max === undefined) return f.min === 0 ? '' : `≥${f.min}`;
  return `${f.min ?? 0}–${f.max}`;
}

function intro(L: Locale, actions: Action[]): string {
  if (actions.length === 0) return pick(L, SAY.intro);
  const labels = actions.map((a) => `「${a.label}」`).join(L === 'en' ? ', ' : '、');
  return pick(L, SAY.intro) + (L === 'en' ? ` — or type ${labels}` : `；也可输入${labels}`);
}

/** A choice typed by its label (any case, ignoring spaces) or, for a pure choice, its number. */
function chooseAction(actions: Action[], line: string, byNumber: boolean): Action | undefined {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const typed = norm(line);
  if (!typed) return undefined;
  const byLabel = actions.find((a) => norm(a.label) === typed || norm(a.label).split('/').some((part) => part === typed));
  if (byLabel) return byLabel;
  const n = Number(typed);
  return byNumber && Number.isInteger(n) ? actions[n - 1] : undefined;
}

function reAskChoice(actions: Action[], L: Locale): Reply {
  const labels = actions.map((a, i) => `${i + 1}. ${a.label}`).join('   ');
  const text = L === 'en'
    ? `Your draft is kept. Reply with one of: ${labels} — or "cancel" to drop the draft.`
    : `草稿仍保留。请回复以下之一：${labels}；回复「取消」放弃这份草稿。`;
  return { blocks: [{ type: 'text', text, style: 'warning' }], actions, ephemeral: true };
}

/**
 * A number typed with the field's own unit (「2个」, 「1.5 亿元」) is the number; the unit is the
 * field's display unit or the one its label names in brackets (签约总投资（亿元）).
 */
export function withoutUnit(f: FormField, typed: string): string {
  if (f.kind === 'text') return typed;
  const units = [f.unit, /[（(]([^）)]+)[）)]\s*$/.exec(f.label)?.[1]].filter((u): u is string => Boolean(u && u.trim()));
  for (const u of units) {
    const re = new RegExp(`^(.*?\\S)\\s*${u.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
    const m = re.exec(typed.trim());
    if (m && /[\d０-９〇零一二两三四五六七八九十百千万]$/.test(m[1]!)) return m[1]!;
  }
  return typed;
}
