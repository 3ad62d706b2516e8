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
  // One per field, each remembering the last value it shared: consecutive clauses mostly belong to
  // one document and often to one heading, so most values are the previous clause's and skip the Map.
  const sharer = () => {
    let lastSeen: string | undefined;
    let lastShared = '';
    return (s: string): string => {
      if (s === lastSeen) return lastShared;
      let kept = strings.get(s);
      if (kept === undefined) strings.set(s, (kept = s));
      lastSeen = s;
      return (lastShared = kept);
    };
  };
  const [docId, docNo, title, path, heading, unit] = [sharer(), sharer(), sharer(), sharer(), sharer(), sharer()];
  // Keyed by the joined names; '\n' cannot occur inside a unit name (units are one line each).
  const unitLists = new Map<string, string[]>();
  // The shared list for a list object already met: a document read back from the parse cache gives
  // its clauses with the same units one array, so most clauses skip the join.
  const sharedFor = new Map<readonly string[], string[]>();
  for (const c of clauses) {
    c.docId = docId(c.docId);
    if (c.docNo !== null) c.docNo = docNo(c.docNo);
    c.title = title(c.title);
    c.path = path(c.path);
    c.heading = heading(c.heading);
    if (c.units.length === 0) {
      c.units = NO_UNITS;
    } else {
      let list = sharedFor.get(c.units);
      if (!list) {
        const key = c.units.join('\n');
        list = unitLists.get(key);
        if (!list) unitLists.set(key, (list = Object.freeze(c.units.map(unit)) as string[]));
        sharedFor.set(c.units, list);
      }
      c.units = list;
    }
  }
  return clauses;
}
