/**
 * Clause search: a MiniSearch index over the policy clauses that understands Chinese.
 *
 * ```ts
 * import { getDefaultSearch } from './index.ts';
 * const search = getDefaultSearch();
 * const { status, hits } = search.search('这个项目需要节能审查吗');
 * hits[0]; // { docNo: '晋市政办〔2024〕32号', path: '二、（五）9', text: '简化审批流程。…', snippet: '…【节能审查】…', … }
 * search.search('32号文 二、（五）9');   // straight to the clause (mode: 'lookup')
 * search.search('市商务局负责哪些任务'); // every clause whose 责任单位 include 市商务局 (mode: 'unit')
 * search.search('足球比赛结果');         // { status: 'no_match', message, suggestions }
 * ```
 *
 * How a query is answered, in order:
 * 1. **Bad input** — empty, whitespace, only symbols/emoji → `invalid_query` with a message; longer
 *    than {@link MAX_QUERY_CHARS} → truncated, with a notice.
 * 2. **文号 / path** — `晋市政办〔2024〕32号 二、（五）`, `32号文 二（五）9`, `国务院令第673号 第十条`,
 *    `政府投资条例第十二条`: the clause, or every clause under that prefix in document order. A 文号
 *    with other words searches inside that document only.
 * 3. **Responsibility** — a known unit plus 负责/任务/职责/牵头 …: every clause whose 责任单位 include
 *    the unit, across documents.
 * 4. **Text** — the query is expanded (`expand.ts`: glossary, everyday register), split into filler
 *    and content (`querywords.json`), tokenized (`tokenize.ts`) and searched with BM25 over text,
 *    heading, title and units. English words outside the glossary are translated with CC-CEDICT
 *    (`bilingual.ts`). Each content word of the question is one piece of evidence weighted by its IDF;
 *    hits are ranked by BM25 × the share of evidence they carry, and a clause with the kind of value a
 *    lookup question asks for (多久 → a period) is preferred and its answering span returned
 *    (`answer.ts`). If a small fitted classifier over the best clause's evidence (`noMatch.ts`)
 *    finds it too weak, the outcome is `no_match` — an unrelated clause is never offered as the answer.
 *
 * @module
 */
export type { Hit, SearchOutcome, SearchOptions } from './schema.ts';
// The schemas themselves are imported from './schema.ts' by what validates against them (tests):
// re-exported here they would be built at every start, for nothing the search itself does.
export { tokenize, queryTerms } from './tokenize.ts';
export { expandQuery } from './expand.ts';
export { FIELD_BOOSTS, corpusHash, loadClauseIndexAsync, type ClauseIndex } from './clauseIndex.ts';
export { splitFiller } from './evidence.ts';
export { DEFAULT_LIMIT, MATCH_FLOOR, HIT_FLOOR, LIST_FLOOR, COMMON_TERM_SHARE, COMMON_TERM_MIN_DF, OTHER_DOCUMENT_ANSWER_SCORE } from './rank.ts';
export { ClauseSearch, createClauseSearch, MAX_QUERY_CHARS, MAX_LOOKUP_HITS, type ClauseSearchOptions } from './clauseSearch.ts';
export { ClauseSearchLoad, getDefaultSearch, preloadDefaultSearch } from './load.ts';
