/**
 * Three-valued (Kleene) logic and the legal comparison words.
 *
 * A rule fact is often unknown: the user said the energy figure but not the electricity one.
 * Treating "unknown" as "false" would turn a missing figure into a confident "required", so every
 * condition is one of `T` (holds), `F` (fails) or `U` (unknown), combined the Kleene way:
 * `and` is `F` as soon as one side is `F`, `or` is `T` as soon as one side is `T`, otherwise `U`
 * wins over the rest.
 *
 * The comparators are named after the words the documents use, so a rule reads like its clause:
 *
 * ```ts
 * and(不满(facts.energy_tce, p.value), 不满(facts.electricity_kwh, q.value))
 * ```
 */

import { BOUND_WORDS } from '../text/bounds.ts';

export type Tri = 'T' | 'F' | 'U';

/** `T` / `F` from a boolean fact, `U` when the fact is not known. */
export function known(v: boolean | undefined | null): Tri {
  return v === undefined || v === null ? 'U' : v ? 'T' : 'F';
}

export function not(a: Tri): Tri {
  return a === 'T' ? 'F' : a === 'F' ? 'T' : 'U';
}

/** Kleene AND: any `F` → `F`; else any `U` → `U`; else `T`. */
export function and(...xs: Tri[]): Tri {
  if (xs.includes('F')) return 'F';
  if (xs.includes('U')) return 'U';
  return 'T';
}

/** Kleene OR: any `T` → `T`; else any `U` → `U`; else `F`. */
export function or(...xs: Tri[]): Tri {
  if (xs.includes('T')) return 'T';
  if (xs.includes('U')) return 'U';
  return 'F';
}

/** A figure known only by its bounds (不到1000吨): a side left out is open. */
export interface Interval {
  lower?: number;
  lowerIncluded?: boolean;
  upper?: number;
  upperIncluded?: boolean;
}
type Num = number | Interval | undefined | null;

/**
 * A comparison against a figure or against a range of figures. A range decides the comparison
 * when every figure in it answers the same way (不到1000吨 is 不满1000吨 whatever the exact
 * figure); otherwise it is unknown (不到2000吨 against 不满1000吨), never a guess.
 */
function cmp(x: Num, test: (x: number) => boolean, accepted: Interval): Tri {
  if (x === undefined || x === null) return 'U';
  if (typeof x === 'number') return Number.isNaN(x) ? 'U' : test(x) ? 'T' : 'F';
  if (within(x, accepted)) return 'T';
  if (apart(x, accepted)) return 'F';
  return 'U';
}

/** Every figure of `r` lies in `s`. */
function within(r: Interval, s: Interval): boolean {
  const lowOk = s.lower === undefined || (r.lower !== undefined && (r.lower > s.lower || (r.lower === s.lower && (s.lowerIncluded !== false || r.lowerIncluded === false))));
  const highOk = s.upper === undefined || (r.upper !== undefined && (r.upper < s.upper || (r.upper === s.upper && (s.upperIncluded !== false || r.upperIncluded === false))));
  return lowOk && highOk;
}

/** No figure of `r` lies in `s`. */
function apart(r: Interval, s: Interval): boolean {
  const below = r.upper !== undefined && s.lower !== undefined && (r.upper < s.lower || (r.upper === s.lower && !(r.upperIncluded !== false && s.lowerIncluded !== false)));
  const above = r.lower !== undefined && s.upper !== undefined && (r.lower > s.upper || (r.lower === s.upper && !(r.lowerIncluded !== false && s.upperIncluded !== false)));
  return below || above;
}

/**
 * 不满 N — strictly below N; N itself does NOT satisfy it.
 * 民法典 第一千二百五十九条：“民法所称的‘以上’、‘以下’、‘以内’、‘届满’，包括本数；所称的‘不满’、‘超过’、‘以外’，不包括本数。”
 */
export function 不满(x: Num, n: number): Tri {
  return cmp(x, (v) => v < n, { upper: n, upperIncluded: false });
}

/**
 * 超过 N — strictly above N; N itself does NOT satisfy it.
 * 民法典 第一千二百五十九条：“不满、超过、以外”不包括本数。
 */
export function 超过(x: Num, n: number): Tri {
  return cmp(x, (v) => v > n, { lower: n, lowerIncluded: false });
}

/**
 * N 以上 — N or more; N itself satisfies it (3户以上 is met by exactly 3).
 * 民法典 第一千二百五十九条：“以上、以下、以内、届满”包括本数。
 */
export function 以上(x: Num, n: number): Tri {
  return cmp(x, (v) => v >= n, { lower: n, lowerIncluded: true });
}

/**
 * N 以下 — N or less; N itself satisfies it.
 * 民法典 第一千二百五十九条：“以上、以下、以内、届满”包括本数。
 */
export function 以下(x: Num, n: number): Tri {
  return cmp(x, (v) => v <= n, { upper: n, upperIncluded: true });
}

/**
 * N 以内 — within N, N included.
 * 民法典 第一千二百五十九条：“以上、以下、以内、届满”包括本数。
 */
export function 以内(x: Num, n: number): Tri {
  return cmp(x, (v) => v <= n, { upper: n, upperIncluded: true });
}

/**
 * 不少于 N — not fewer than N, N included (每季度外出招商次数不少于1次 is met by exactly 1).
 * Read with 民法典 第一千二百五十九条: only 不满、超过、以外 exclude the number; 不少于 is "not under" N.
 */
export function 不少于(x: Num, n: number): Tri {
  return cmp(x, (v) => v >= n, { lower: n, lowerIncluded: true });
}

/** The comparator words as data, so parameters can name theirs and tests can probe boundaries. */
export const COMPARATORS = { 不满, 超过, 以上, 以下, 以内, 不少于 } as const;
export type ComparatorWord = keyof typeof COMPARATORS;
/**
 * Whether the comparator word includes the number itself (民法典 第一千二百五十九条), from the one
 * table of comparator words (text/bounds.ts) that the search reads tiers with too.
 */
export const INCLUDES_NUMBER = Object.fromEntries(
  (Object.keys(COMPARATORS) as ComparatorWord[]).map((w) => [w, BOUND_WORDS.find((b) => b.word === w)!.included]),
) as Record<ComparatorWord, boolean>;
