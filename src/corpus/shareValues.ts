/**
 * One copy of every repeated value in a loaded clause list.
 *
 * Every clause carries its document's id, 文号 and title, its heading chain and its responsible
 * units. Parsed fresh, a document's clauses share those strings; read back from the parse cache
 * (`cache.ts`, V8's structured clone, which copies a string each time it meets it) every clause
 * has its own copies. At archive scale that is most of the corpus's memory besides the clause
 * texts: at 10,000 documents (~250,000 clauses) the loaded list took 183 MB of heap with a copy per
 * clause and 116 MB with the copies shared.
 *
 * ```ts
 * const clauses = shareRepeatedValues(deserialize(bytes) as Clause[]);
 * clauses[0].title === clauses[1].title; // and now the same string in memory, too
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
 * Replaces, in place, each clause's `docId`, `docNo`, `title`, `path`, `heading` and `units` by one
 * shared copy per distinct value, and returns `clauses`. Texts are left alone: they are rarely equal.
 */
export function shareRepeatedValues<T extends Clause>(clauses: T[]): T[] {
  const strings = new Map<string, string>();
  const one = (s: string): string => {
    const kept = strings.get(s);
    if (kept !== undefined) return kept;
    strings.set(s, s);
    return s;
  };
  // Keyed by the joined names; '\n' cannot occur inside a unit name (units are one line each).
  const unitLists = new Map<string, string[]>();
  for (const c of clauses) {
    c.docId = one(c.docId);
    if (c.docNo !== null) c.docNo = one(c.docNo);
    c.title = one(c.title);
    c.path = one(c.path);
    c.heading = one(c.heading);
    if (c.units.length === 0) {
      c.units = NO_UNITS;
    } else {
      const key = c.units.join('\n');
      let list = unitLists.get(key);
      if (!list) unitLists.set(key, (list = Object.freeze(c.units.map(one)) as string[]));
      c.units = list;
    }
  }
  return clauses;
}
