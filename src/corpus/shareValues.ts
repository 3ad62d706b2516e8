/**
 * One copy of every repeated value in a loaded clause list.
 *
 * Every clause carries its document's id, 文号 and title, its heading chain and its responsible
 * units, and many documents number their clauses alike (二、（一）1). V8's structured clone, which
 * the parse cache used to store clauses with, copies a string each time it meets it; at 10,000
 * documents (~250,000 clauses) the loaded list took 183 MB of heap with a copy per clause and
 * 116 MB with the copies shared. The loader shares through one {@link SharedValues} per load.
 *
 * ```ts
 * const shared = new SharedValues();
 * shared.clauses(parsedClauses);          // in place: equal values become one copy
 * shared.units(['市商务局']) === shared.units(['市商务局']); // true, and frozen
 * ```
 *
 * Unit lists are shared between clauses with the same units, so they are frozen: a clause's
 * `units` is never changed after loading (parse.ts builds them, nothing else writes them).
 *
 * @module
 */
import type { Clause } from './schema.ts';

const NO_UNITS: string[] = Object.freeze([]) as unknown as string[];

/**
 * One copy of each string and unit list met so far, across the documents of one load: a document
 * read back from the parse cache shares its paths, headings and units through it as it is unpacked
 * (`packedParse.ts`), and a freshly parsed one through {@link SharedValues.clauses}.
 */
export class SharedValues {
  private readonly strings = new Map<string, string>();
  // Keyed by the joined names; '\n' cannot occur inside a unit name (units are one line each).
  private readonly unitLists = new Map<string, string[]>();

  /** The shared copy of `s`. */
  string(s: string): string {
    let kept = this.strings.get(s);
    if (kept === undefined) this.strings.set(s, (kept = s));
    return kept;
  }

  /** The shared, frozen copy of a unit list: a clause's `units` is never changed after loading. */
  units(list: readonly string[]): string[] {
    if (list.length === 0) return NO_UNITS;
    const key = list.join('\n');
    let kept = this.unitLists.get(key);
    if (!kept) this.unitLists.set(key, (kept = Object.freeze(list.map((u) => this.string(u))) as string[]));
    return kept;
  }

  /**
   * Replaces, in place, each clause's `docId`, `docNo`, `title`, `path`, `heading` and `units` by the
   * shared copy, and returns `clauses`. Texts are left alone: they are rarely equal.
   */
  clauses<T extends Clause>(clauses: T[]): T[] {
    for (const c of clauses) {
      c.docId = this.string(c.docId);
      if (c.docNo !== null) c.docNo = this.string(c.docNo);
      c.title = this.string(c.title);
      c.path = this.string(c.path);
      c.heading = this.string(c.heading);
      c.units = this.units(c.units);
    }
    return clauses;
  }
}

/** {@link SharedValues.clauses} for one list on its own. */
export function shareRepeatedValues<T extends Clause>(clauses: T[]): T[] {
  return new SharedValues().clauses(clauses);
}
