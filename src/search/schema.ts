/**
 * Shapes returned by clause search. Types are derived from the zod schemas, so the CLI's `--json`
 * output, the bot handlers and the tests all agree on one definition.
 */
import * as z from 'zod';
import { localizedSchema } from '../text/locale.ts';


/** One clause found by a search, with everything needed to cite it. */
export const hitSchema = z.object({
  docId: z.string(),
  /** 文号, or `null` for a document without one (the briefing). */
  docNo: z.string().nullable(),
  title: z.string(),
  /** Human citation inside the document, e.g. `二、（五）9`. */
  path: z.string(),
  heading: z.string(),
  /** The clause text, verbatim (a quote is always a substring of it). */
  text: z.string(),
  /** Up to ~160 characters of `text` around the best match, matched terms wrapped in 【】. */
  snippet: z.string(),
  /** Relevance; comparable only within one outcome. Direct lookups score 1. */
  score: z.number(),
  /** Responsible units (责任单位) of the clause. */
  units: z.array(z.string()),
  /**
   * For a lookup question (谁 / 什么时候 / 多少 / 多久 / 哪些): the span of `text` that answers it,
   * verbatim (`20个工作日内，作出是否予以核准的决定`). Shown above the quoted clause. For a 哪些 /
   * 条件 question whose clause ends at its colon, the span is that lead-in followed by its items (the
   * clauses under it, each verbatim, joined with ；).
   */
  answer: z.string().optional(),
  /**
   * Where `answer` was cut from the sentence introducing the list this clause is an item of (the
   * item `未履行相关职责的；` under `有下列行为之一的，…可以处二万元以上五万元以下罚款…：`): that
   * sentence, verbatim from the clause at `path` of the same document. Shown above the item.
   */
  leadIn: z.object({ path: z.string(), text: z.string() }).optional(),
});
export type Hit = z.infer<typeof hitSchema>;

/**
 * - `ok`: hits found (a direct 文号/path lookup, a responsibility lookup, or a text search);
 * - `no_match`: nothing relevant — `hits` is empty, `message` says so and `suggestions` offers terms;
 * - `invalid_query`: the query cannot be searched (empty, only symbols/emoji) — `message` says why.
 */
export const searchOutcomeSchema = z.object({
  status: z.enum(['ok', 'no_match', 'invalid_query']),
  hits: z.array(hitSchema),
  /** How the query was read: `lookup` (文号/path), `unit` (责任单位), or `text`. */
  mode: z.enum(['lookup', 'unit', 'text']).optional(),
  message: localizedSchema.optional(),
  suggestions: z.array(z.string()).optional(),
  /** Wording the glossary added to the query (能评 → 节能审查), for "also searched: …". */
  expandedTerms: z.array(z.string()).optional(),
});
export type SearchOutcome = z.infer<typeof searchOutcomeSchema>;

export const searchOptionsSchema = z.object({
  /** Maximum hits (default 10 for text search; lookups return every matching clause unless set). */
  limit: z.number().int().positive().max(1000).optional(),
});
export type SearchOptions = z.infer<typeof searchOptionsSchema>;
