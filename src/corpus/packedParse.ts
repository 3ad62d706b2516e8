/**
 * A document's parse in the compact form the parse cache (`cache.ts`) stores it in.
 *
 * Stored as parsed, every clause is an object with seven values, four of them the same for the
 * whole document; V8's structured clone writes each string out again wherever it meets it. At
 * 10,000 documents (~250,000 clauses) that file was 168 MB, and reading it back — deserializing
 * over a million strings and then sharing the repeated ones — took about five seconds of a restart.
 * Packed, a document is: its clause texts, its distinct paths, headings and unit lists once, and
 * three numbers per clause pointing into them. Unpacking makes the same clause objects.
 *
 * Each text stays a string of its own. Stored as one string per document and sliced on unpacking,
 * every clause text was a V8 sliced string, and the ranking, which reads texts character by
 * character, answered the 10,000-document bench at p95 40 ms instead of 29 ms.
 *
 * ```ts
 * const stored = packParse(parse);      // what the cache writes
 * unpackParse(stored)                   // deep-equals parse
 * ```
 *
 * A parse that does not fit the form (not ok, or a clause whose 文号 or title differs from its
 * document's) is stored as it is; {@link unpackParse} tells the two apart.
 *
 * @module
 */
import type { Clause, PolicyDocument } from './schema.ts';
import type { TextEncodingName } from './decode.ts';
import type { DocumentParse as Parse } from './index.ts';
import type { SharedValues } from './shareValues.ts';

interface PackedParse {
  packed: 1;
  document: PolicyDocument;
  warnings: string[];
  encoding: TextEncodingName;
  contentKey?: string;
  /** Every clause's text. */
  texts: string[];
  /** Distinct paths and headings. */
  strings: string[];
  /** Distinct unit lists; list 0 is the empty one. */
  unitLists: string[][];
  /**
   * Per clause, as 32-bit integers: path (index in strings), heading (index in strings), unit list
   * (index in unitLists). A bare ArrayBuffer, not a Uint32Array: node:v8 reads a typed array back
   * as a view into the buffer it deserializes from, which the cache reuses from chunk to chunk; an
   * ArrayBuffer is read back as a copy of its own.
   */
  refs: ArrayBuffer;
}

/** The form the cache stores `parse` in. */
export function packParse(parse: Parse): Parse | PackedParse {
  if (!parse.ok) return parse;
  const { document, clauses } = parse;
  if (clauses.some((c) => c.docId !== document.docId || c.docNo !== document.docNo || c.title !== document.title)) return parse;
  const strings: string[] = [];
  const stringAt = new Map<string, number>();
  const idOf = (s: string) => {
    let i = stringAt.get(s);
    if (i === undefined) stringAt.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const unitLists: string[][] = [[]];
  const listAt = new Map<string, number>([['', 0]]);
  const refs = new Uint32Array(clauses.length * 3);
  clauses.forEach((c, k) => {
    refs[k * 3] = idOf(c.path);
    refs[k * 3 + 1] = idOf(c.heading);
    // '\n' cannot occur inside a unit name, so the joined names identify the list.
    const key = c.units.join('\n');
    let list = listAt.get(key);
    if (list === undefined) listAt.set(key, (list = unitLists.push([...c.units]) - 1));
    refs[k * 3 + 2] = list;
  });
  return { packed: 1, document, warnings: parse.warnings, encoding: parse.encoding, contentKey: parse.contentKey, texts: clauses.map((c) => c.text), strings, unitLists, refs: refs.buffer };
}

/**
 * The parse `stored` (from {@link packParse}) stands for. With `shared`, its paths, headings, unit
 * lists and document fields are the copies `shared` holds (one per distinct value over a load), taken
 * once per document rather than once per clause.
 */
export function unpackParse(stored: Parse | PackedParse, shared?: SharedValues): Parse {
  if (!('packed' in stored)) return shared && stored.ok ? { ...stored, clauses: shared.clauses(stored.clauses) } : stored;
  const { texts } = stored;
  const refs = new Uint32Array(stored.refs);
  const one = shared ? (s: string) => shared.string(s) : (s: string) => s;
  const document = stored.document;
  const [docId, docNo, title] = [one(document.docId), document.docNo === null ? null : one(document.docNo), one(document.title)];
  const strings = stored.strings.map(one);
  const unitLists = shared ? stored.unitLists.map((l) => shared.units(l)) : stored.unitLists;
  const clauses: Clause[] = new Array<Clause>(texts.length);
  for (let k = 0; k < texts.length; k++) {
    clauses[k] = {
      docId,
      docNo,
      title,
      path: strings[refs[k * 3]!]!,
      heading: strings[refs[k * 3 + 1]!]!,
      text: texts[k]!,
      units: unitLists[refs[k * 3 + 2]!]!,
    };
  }
  return { ok: true, document, clauses, warnings: stored.warnings, encoding: stored.encoding, contentKey: stored.contentKey };
}
