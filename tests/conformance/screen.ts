/**
 * What a person sees after one gesture, the same shape on every surface: the text shown to them,
 * the labels of the buttons they can press, and whether a form is waiting for their input. The
 * conformance scenarios read only this, so one scenario runs unchanged on every adapter.
 */
export interface Screen {
  text: string;
  buttons: string[];
  formOpen: boolean;
}

/** A surface driven the way its users drive it: commands, typed text, buttons, forms. */
export interface SurfaceDriver {
  readonly surface: 'console' | 'discord' | 'slack' | 'dingtalk';
  /** The namespaced user id of a person on this surface (`discord:…`, `slack:T1:…`, `console:…`). */
  idOf(person: string): string;
  /** A command as a person types it: `/report submit month=2025-03` (Discord fills the options). */
  command(person: string, line: string): Promise<Screen>;
  /** Free text to the assistant (a question, or the answer to a follow-up). */
  say(person: string, text: string): Promise<Screen>;
  /** Presses the button labelled `label` on the last thing the person saw, else in their DMs. */
  press(person: string, label: string): Promise<Screen>;
  /** Presses a button shown to `owner` as `person` (platforms where one card can reach several people). */
  pressOn?(person: string, owner: string, label: string): Promise<Screen>;
  /** Fills the open form: given fields by key, the rest keep what is pre-filled. */
  fill(person: string, values: Record<string, string>): Promise<Screen>;
  stop(): Promise<void>;
}

/** Every string under the keys a platform shows as text, in document order. */
export function visibleText(node: unknown, keys = new Set(['content', 'title', 'description', 'name', 'value', 'text', 'label'])): string {
  const out: string[] = [];
  const walk = (n: unknown, key?: string) => {
    if (typeof n === 'string') {
      if (key !== undefined && keys.has(key)) out.push(n);
    } else if (Array.isArray(n)) {
      for (const x of n) walk(x, key);
    } else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) walk(v, k);
    }
  };
  walk(node);
  return out.join('\n');
}
