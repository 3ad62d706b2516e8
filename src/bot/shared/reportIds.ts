/**
 * The ids of the reports feature's buttons and forms, typed. A unit travels by its name (never a
 * roster index, which would point at another unit once the roster changes between sending a
 * reminder and pressing its button). Both the reports and the deadlines features build these
 * ids, so they live here, below both.
 *
 * ```ts
 * reportIds.pick({ sub: 'submit', unit: '城区', month: '2025-03' }) // 'report:pick:submit:城区:2025-03'
 * reportIds.parsePick('report:pick:submit:城区:2025-03')            // { sub: 'submit', unit: '城区', month: '2025-03' }
 * ```
 */

/** What a `report:pick:` button opens: a subcommand for a unit (and a month, when one was named). */
export const PICK_SUBS = ['submit', 'amend', 'none', 'show', 'history'] as const;
export type PickSub = (typeof PICK_SUBS)[number];
/** The report form is for a first submission or an amendment. */
export type FormKind = 'submit' | 'amend';

export interface PickTarget {
  sub: PickSub;
  unit: string;
  /** Omitted: the default month of the subcommand. */
  month?: string;
}

export interface FormTarget {
  kind: FormKind;
  unit: string;
  month: string;
}

// The separator is `:`; a unit name holding `:` or `%` is escaped so the id still splits cleanly.
const esc = (s: string) => s.replace(/%/g, '%25').replace(/:/g, '%3A');
const unesc = (s: string) => s.replace(/%3A/gi, ':').replace(/%25/g, '%');

export const reportIds = {
  pick: (t: PickTarget) => `report:pick:${t.sub}:${esc(t.unit)}:${t.month ?? '-'}`,
  form: (t: FormTarget) => `report:form:${t.kind}:${esc(t.unit)}:${t.month}`,
  /** Buttons and the reason form of a draft awaiting confirmation. */
  confirm: (draft: string) => `report:confirm:${draft}`,
  edit: (draft: string) => `report:edit:${draft}`,
  explain: (draft: string) => `report:explain:${draft}`,
  why: (draft: string) => `report:why:${draft}`,

  parsePick(id: string): PickTarget | undefined {
    const [p, verb, sub, unit, month, ...rest] = id.split(':');
    if (p !== 'report' || verb !== 'pick' || rest.length > 0 || !unit || !(PICK_SUBS as readonly string[]).includes(sub ?? '')) return undefined;
    return { sub: sub as PickSub, unit: unesc(unit), ...(month && month !== '-' ? { month } : {}) };
  },

  parseForm(id: string): FormTarget | undefined {
    const [p, verb, kind, unit, month, ...rest] = id.split(':');
    if (p !== 'report' || verb !== 'form' || rest.length > 0 || !unit || !month || (kind !== 'submit' && kind !== 'amend')) return undefined;
    return { kind, unit: unesc(unit), month };
  },

  /** The draft id of a `report:<verb>:<draft>` id. */
  draftOf: (id: string) => id.split(':')[2] ?? '',
};
