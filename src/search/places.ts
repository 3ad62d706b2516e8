/**
 * Places: a question that names a city or county (晋城市招商引资奖励政策有哪些) asks about that place's
 * policy, and a clause about another place of the same level (a 太原市 section of a briefing on
 * 太原市、晋中市开发区) does not answer it however well its words match. The places are the corpus's
 * own: those its document titles and headings open with, so no gazetteer is needed and a word like
 * 超市 is never read as one. A province (山西省) is another level: its policy covers its cities, so a
 * provincial document never conflicts with a city named in the question.
 *
 * @module
 */
import type { Clause } from '../corpus/index.ts';
import { boundedMemo } from './boundedMemo.ts';

/**
 * Score factor for a clause about another city or county than the one the question names. Measured
 * on the corpus and dev sets (`npm run eval -- --tuning`), where few questions name a place.
 */
export const OTHER_PLACE_FACTOR = 0.5;

/** A local place (市 / 县) as a title or heading opens with it, or after 、 in a list of them: 太原市、晋中市开发区. */
const LOCAL_PLACE = /(?:^|[、>《（(]\s*)(\p{Script=Han}{2,3}?)[市县](?!场|民|政|委|级|直|区域)/gu;

/** The names of the local places `text` opens with or lists (太原, 晋中 for 太原市、晋中市开发区). */
function localPlaces(text: string): string[] {
  return [...new Set([...text.matchAll(LOCAL_PLACE)].map((m) => m[1]!))];
}

/** What the ranking asks of a question's place. */
export interface PlaceSignal {
  /** The local place the question names (晋城). */
  readonly place: string;
  /** {@link OTHER_PLACE_FACTOR} for a clause about other local places only, else 1. */
  factor(id: number): number;
}

// Per clause list: the places each clause is about (its heading's, else its document title's).
const placesOf = new WeakMap<readonly Clause[], (id: number) => readonly string[]>();
const known = new WeakMap<readonly Clause[], ReadonlySet<string>>();

function clausePlaces(clauses: readonly Clause[]): (id: number) => readonly string[] {
  let of = placesOf.get(clauses);
  if (!of) {
    const byTitle = boundedMemo(1000, (title: string) => localPlaces(title));
    of = boundedMemo(20_000, (id: number) => {
      const c = clauses[id]!;
      const heading = c.heading.split(' > ').flatMap((h) => localPlaces(h));
      return heading.length > 0 ? heading : byTitle(c.title);
    });
    placesOf.set(clauses, of);
  }
  return of;
}

function knownPlaces(clauses: readonly Clause[]): ReadonlySet<string> {
  let set = known.get(clauses);
  if (!set) {
    const titles = new Set(clauses.map((c) => c.title));
    set = new Set([...titles].flatMap((t) => localPlaces(t)));
    known.set(clauses, set);
  }
  return set;
}

/**
 * The place signal of question `q` over `clauses`, or `null` when it names none of the local places
 * the documents' titles name (or names several: then no one place is asked about).
 */
export function placeSignal(q: string, clauses: readonly Clause[]): PlaceSignal | null {
  const named = [...knownPlaces(clauses)].filter((p) => q.includes(p));
  if (named.length !== 1) return null;
  const place = named[0]!;
  const of = clausePlaces(clauses);
  return {
    place,
    factor(id) {
      const places = of(id);
      return places.length > 0 && !places.includes(place) ? OTHER_PLACE_FACTOR : 1;
    },
  };
}
