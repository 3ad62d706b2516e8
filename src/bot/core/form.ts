/**
 * Form: a platform-neutral description of a modal form.
 *
 * Declared once (the monthly report form is derived from the report definition), rendered by
 * each surface: Discord as modal pages of at most five inputs, Slack as one modal with
 * `number_input`s, the console as prompts, the CLI as `--set key=value`. When submitted, the
 * surface calls `Bot.submitForm(form.id, values, ctx)` with the raw strings the person typed.
 */
export interface FormField {
  key: string;
  /** Label in the requested locale (≤ 45 characters so Discord accepts it). */
  label: string;
  kind: 'integer' | 'decimal' | 'text';
  /** Display unit, e.g. 次 or 亿元. */
  unit?: string;
  min?: number;
  max?: number;
  /** Decimal places allowed (decimal fields). */
  decimals?: number;
  required: boolean;
  /** Multi-line text input. */
  multiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** Pre-filled value (what the person typed last time, or the stored value when amending). */
  initial?: string;
}

export interface FormRequest {
  /** Routed back with the submission; carries the state the bot needs (e.g. unit and month). */
  id: string;
  /** Title in the requested locale (≤ 24 characters so Slack accepts it). */
  title: string;
  fields: FormField[];
  submitLabel: string;
}
