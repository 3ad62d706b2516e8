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
 *    (`answer.ts`). If the best clause carries less than {@link MATCH_FLOOR} of the evidence, the
 *    outcome is `no_match` — an unrelated clause is never offered as the answer.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import MiniSearch, { type SearchResult } from 'minisearch';
import { loadCorpus, type Clause } from '../corpus/index.ts';
import { searchIndexDir } from '../settings.ts';
import glossary from './glossary.json' with { type: 'json' };
import querywords from './querywords.json' with { type: 'json' };
import { englishCandidates, isDictionaryWord } from './bilingual.ts';
import { answerTypeOf, findAnswer, hasAnswerShape } from './answer.ts';
import { expandQuery, type ExpandedQuery } from './expand.ts';
import { findDocRef, findTitleRef, isPathPrefix, pathComponents, readLeadingPath, RESPONSIBILITY_CUE } from './lookup.ts';
import type { Bilingual, Hit, SearchOptions, SearchOutcome } from './schema.ts';
import { buildShardedIndex, buildShardedIndexAsync, shardedIndexSteps, sourceVersion, type IndexSource } from './persist.ts';
import { makeSnippet } from './snippet.ts';
import { useTermIndex } from './termIndex.ts';
import { foldText, isCjkChar, queryTerms, tokenize, tokenizeWithInfo, TOKENIZER_VERSION } from './tokenize.ts';

export type { Hit, SearchOutcome, SearchOptions, Bilingual } from './schema.ts';
export { hitSchema, searchOutcomeSchema, searchOptionsSchema } from './schema.ts';
export { tokenize, queryTerms } from './tokenize.ts';
export { expandQuery } from './expand.ts';

/** Queries are cut to this many characters (with a notice) so work stays bounded. */
export const MAX_QUERY_CHARS = 200;
/** Most hits a 文号/path or responsibility lookup returns when no limit is given. */
export const MAX_LOOKUP_HITS = 200;
/** Default number of hits of a text search. */
export const DEFAULT_LIMIT = 10;
/**
 * "No match" is decided from the evidence: the best clause must carry at least this share of the
 * query's content weight (each content term weighted by its IDF in the corpus, so a rare subject word
 * counts far more than a word found everywhere; question words and filler carry none). Below it the
 * clause shares only stray words with the question (足球比赛结果 shares 结果 with one clause;
 * 举报偷税漏税能拿多少奖励 shares 举报 and 奖励 but not its subject). Calibrated on the off-topic and
 * unanswerable questions of both evaluation sets (`npm run eval`).
 */
export const MATCH_FLOOR = 0.45;
/** Hits after the first must still carry this share of the content weight to be listed. */
export const HIT_FLOOR = 0.25;
/**
 * A term in more than this share of the clauses (and at least {@link COMMON_TERM_MIN_DF} of them) is
 * not used to retrieve candidates, only checked on them — this keeps queries fast on large corpora.
 */
export const COMMON_TERM_SHARE = 0.03;
export const COMMON_TERM_MIN_DF = 500;
/**
 * Field boosts, measured on the evaluation set (`npm run eval`). 文号 and path are not text fields:
 * they are read by the direct lookup, and indexing them cost hit@1 nothing either way.
 */
export const FIELD_BOOSTS = { text: 1, heading: 1.5, title: 0.3, units: 1.2 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS) as Array<keyof typeof FIELD_BOOSTS>;
/**
 * Ranking weight of a term the question does not require: a bigram straddling two words of the query
 * (导小 in 领导|小组), or a question word / everyday filler from `querywords.json` (多久, 能拿). It still
 * ranks a clause that happens to contain it (最多可延长), but must not outvote a subject word.
 */
const SOFT_TERM_WEIGHT = 0.3;
/**
 * Weight of a glossary concept (能评, 外出招商, "energy review") relative to a plain word of the same
 * IDF: confirmed domain vocabulary of the five corpus documents.
 */
const GLOSSARY_CONCEPT_WEIGHT = 1.5;
/** Weight of a term the glossary added, relative to a term the user typed. */
const ADDED_TERM_WEIGHT = 0.6;
/**
 * Score multiplier for a clause that has the kind of value a lookup question asks for (a period for
 * 多久, a sum for 多少, a date for 什么时候; see answer.ts). Measured on both evaluation sets.
 */
const ANSWER_SHAPE_BOOST = 2;
/** Weight of an unseen single-character fragment of the question (see weighConcepts). */
const UNSEEN_FRAGMENT_WEIGHT = 0.5;
/** How many CC-CEDICT translations of one English word that the corpus contains are searched. */
const ENGLISH_CANDIDATES = 3;

interface IndexedClause {
  id: number;
  text: string;
  heading: string;
  title: string;
  units: string;
}

/** One concept of the query for coverage: any one alternative (a term list) satisfies it. */
interface Concept {
  alternatives: string[][];
  /** Glossary entries weigh more than a plain word: they are confirmed domain vocabulary. */
  weight: number;
  /**
   * A Latin word or number typed as such. It counts only if some clause contains it: English
   * function words the glossary does not know (`newly`, `mechanism`) say nothing about relevance.
   */
  latin: boolean;
  /**
   * An English word outside the glossary: its CC-CEDICT translations, best first. The search keeps
   * the few the corpus contains as alternatives; a word the dictionary knows but the corpus has no
   * translation of (pizza) counts against the match, as an unknown Chinese word would.
   */
  english?: readonly string[];
  /** A word the segmenter could only read as single characters (see TermInfo.singleRun). */
  singleRun?: boolean;
  /** The question's word this concept stands for (储备粮), for dictionary look-ups. */
  word?: string;
}

export interface ClauseSearchOptions {
  /**
   * Persist the index in this folder (in shards, see `persist.ts`) and read it back on the next
   * start instead of re-tokenizing the corpus. Undefined = build in memory only.
   */
  cacheDir?: string;
  /** An index already built by {@link loadClauseIndexAsync} for these clauses. */
  index?: ClauseIndex;
}

/** A built clause index, for {@link ClauseSearchOptions.index}. */
export interface ClauseIndex {
  ms: MiniSearch<IndexedClause>;
  /** Shards read from disk / tokenized while building it. */
  loaded: number;
  built: number;
}

function msOptions() {
  return {
    idField: 'id',
    fields: FIELDS as string[],
    storeFields: [] as string[],
    tokenize: (s: string) => tokenize(s),
    processTerm: (t: string) => t,
    searchOptions: {
      boost: { ...FIELD_BOOSTS },
      tokenize: (s: string) => [s],
      processTerm: (t: string) => t,
      // No fuzzy or prefix matching on Chinese: a bigram "almost" matching is another word.
      // Latin words of 5+ letters may be a letter off (a typo in an English question).
      prefix: false,
      fuzzy: (term: string) => (/^[a-z]{5,}$/.test(term) ? 1 : false),
      combineWith: 'OR' as const,
      bm25: { k: 1.2, b: 0.4, d: 0.5 },
    },
  };
}

function toIndexed(c: Clause, id: number): IndexedClause {
  return { id, text: c.text, heading: c.heading, title: c.title, units: c.units.join(' ') };
}

function msg(zh: string, en: string): Bilingual {
  return { zh, en };
}

/** Hash of what the index is built from: clause contents, tokenizer version and field boosts. */
export function corpusHash(clauses: readonly Clause[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ TOKENIZER_VERSION, FIELD_BOOSTS }));
  for (const c of clauses) h.update(JSON.stringify([c.docNo, c.title, c.path, c.heading, c.text, c.units]));
  return h.digest('hex').slice(0, 16);
}

let indexVersionMemo: string | undefined;
/**
 * Version of the persisted index: the indexed fields, TOKENIZER_VERSION, and a hash of the
 * tokenizer's sources (this folder's tokenize/glossary files and text/), so editing the tokenizer
 * invalidates persisted shards even if nobody bumps the version.
 */
function indexVersion(): string {
  indexVersionMemo ??= JSON.stringify({
    TOKENIZER_VERSION,
    FIELDS,
    // The TypeScript sources, also when running from dist/ (same depth), so both share one index.
    sources: sourceVersion([
      { dir: new URL('../../src/search/', import.meta.url), files: /^(tokenize\.ts|glossary\.json)$/ },
      { dir: new URL('../../src/text/', import.meta.url), files: /\.ts$/ },
    ]),
  });
  return indexVersionMemo;
}

function indexSource(clauses: readonly Clause[]): IndexSource<IndexedClause> {
  return {
    count: clauses.length,
    doc: (i) => toIndexed(clauses[i]!, i),
    groupOf: (i) => clauses[i]!.docId,
    fingerprint: (i) => {
      const c = clauses[i]!;
      return JSON.stringify([c.text, c.heading, c.title, c.units]);
    },
  };
}

/** An empty MiniSearch for clauses, with exact term lookups in a Map (see `termIndex.ts`). */
function newMiniSearch(): MiniSearch<IndexedClause> {
  return useTermIndex(new MiniSearch<IndexedClause>(msOptions()));
}

/** Builds (or reads from `cacheDir`) the index of `clauses`, synchronously. */
function buildClauseIndex(clauses: readonly Clause[], cacheDir: string | undefined): ClauseIndex {
  return buildShardedIndex(indexSource(clauses), newMiniSearch, { dir: cacheDir, version: indexVersion() });
}

/**
 * Builds (or reads from `cacheDir`) the index of `clauses`, giving the event loop a turn between
 * shards so a running bot keeps answering; pass the result as `options.index`.
 */
export async function loadClauseIndexAsync(clauses: readonly Clause[], cacheDir: string | undefined): Promise<ClauseIndex> {
  return buildShardedIndexAsync(indexSource(clauses), newMiniSearch, { dir: cacheDir, version: indexVersion() });
}

/**
 * The clause search engine over a given set of clauses. Build it with {@link createClauseSearch};
 * most callers want the shared instance from {@link getDefaultSearch}.
 */
export class ClauseSearch {
  readonly clauses: readonly Clause[];
  private readonly ms: MiniSearch<IndexedClause>;
  private pathCompsMemo?: string[][];
  private readonly knownDocNos: string[];
  private readonly titles: Map<string, string>;
  private readonly unitNames: string[];
  private readonly suggestionPool: string[];
  private suggestionGrams?: Array<{ term: string; grams: string[] }>;
  private readonly folded = new Map<number, string>();
  /** Whether every shard of the index came from the persisted folder (for the bench and tests). */
  readonly loadedFromCache: boolean;

  constructor(clauses: readonly Clause[], options: ClauseSearchOptions = {}) {
    this.clauses = clauses;
    const index = options.index ?? buildClauseIndex(clauses, options.cacheDir);
    this.ms = index.ms;
    this.loadedFromCache = index.built === 0 && index.loaded > 0;
    this.knownDocNos = [...new Set(clauses.map((c) => c.docNo).filter((d): d is string => d !== null))];
    this.titles = new Map(clauses.map((c) => [c.docId, c.title]));
    this.unitNames = [...new Set(clauses.flatMap((c) => c.units))].sort((a, b) => b.length - a.length);
    this.suggestionPool = [
      ...new Set([
        ...glossary.synonyms.flatMap((s) => [...s.terms, ...s.add]),
        ...glossary.english.flatMap((e) => e.zh),
        ...this.unitNames,
      ]),
    ].filter((t) => t.length >= 2);
  }

  /**
   * Answers a query (see the module doc for the order of readings). Never throws on any string.
   *
   * @param query What the user typed, in Chinese (simplified or traditional) or English.
   * @param opts  `limit`: maximum hits (default {@link DEFAULT_LIMIT} for text search; 文号/path and
   *              responsibility lookups return every matching clause, up to {@link MAX_LOOKUP_HITS}).
   */
  search(query: string, opts: SearchOptions = {}): SearchOutcome {
    if (typeof query !== 'string' || query.trim() === '') {
      return { status: 'invalid_query', hits: [], message: msg('请输入要检索的内容。', 'Please enter something to search for.') };
    }
    let notice: Bilingual | undefined;
    let q = query;
    const chars = [...q];
    if (chars.length > MAX_QUERY_CHARS) {
      q = chars.slice(0, MAX_QUERY_CHARS).join('');
      notice = msg(
        `查询过长（${chars.length} 字），只检索了前 ${MAX_QUERY_CHARS} 字。`,
        `The query is too long (${chars.length} characters); only the first ${MAX_QUERY_CHARS} were searched.`,
      );
    }
    const folded = foldText(q);
    if (!/[\p{L}\p{N}]/u.test(folded)) {
      return {
        status: 'invalid_query',
        hits: [],
        message: msg('查询中没有可检索的文字或数字（只有符号、表情或控制字符）。', 'The query has no letters or digits to search for (only symbols, emoji or control characters).'),
      };
    }
    const outcome = this.lookup(q, opts) ?? this.textSearch(q, opts);
    if (notice) outcome.message = outcome.message ? msg(`${notice.zh}${outcome.message.zh}`, `${notice.en} ${outcome.message.en}`) : notice;
    return outcome;
  }

  /**
   * Every clause whose 责任单位 include `unit`, in document order. A name without its 市/区 prefix
   * (`商务局`) matches every unit that ends with it (市商务局, 区商务局).
   */
  byResponsibleUnit(unit: string, opts: SearchOptions = {}): Hit[] {
    const units = this.resolveUnits(foldText(unit).trim());
    return this.unitHits(units, opts);
  }

  /** The 文号s of the indexed documents. */
  get docNos(): readonly string[] {
    return this.knownDocNos;
  }

  /** The responsible units named anywhere in the corpus, longest first. */
  get units(): readonly string[] {
    return this.unitNames;
  }

  /** Serialized index (MiniSearch JSON), for persisting. */
  toJSON(): unknown {
    return this.ms.toJSON();
  }

  /** Each clause's path split into components; computed on the first path lookup (start stays fast). */
  private get pathComps(): string[][] {
    this.pathCompsMemo ??= this.clauses.map((c) => pathComponents(c.path));
    return this.pathCompsMemo;
  }

  // ── readings ──────────────────────────────────────────────────────────

  private lookup(q: string, opts: SearchOptions): SearchOutcome | null {
    const ref = findDocRef(q, this.knownDocNos);
    if (ref) {
      if (ref.docNos.length === 0) {
        return {
          status: 'no_match',
          mode: 'lookup',
          hits: [],
          message: msg(`语料中没有文号为「${ref.raw.trim()}」的文件。`, `No document numbered "${ref.raw.trim()}" is in the corpus.`),
          suggestions: [...this.knownDocNos],
        };
      }
      const inDocs = this.clauses.map((c, i) => i).filter((i) => ref.docNos.includes(this.clauses[i]!.docNo ?? ''));
      const { components, rest } = readLeadingPath(ref.rest);
      const restTerms = queryTerms(rest.replace(/全文|文件|条款|内容|第?[条款项]/g, ' '));
      if (components.length > 0) {
        const under = inDocs.filter((i) => isPathPrefix(components, this.pathComps[i]!));
        if (under.length > 0) return this.lookupOutcome(under, opts);
      } else if (restTerms.length === 0) {
        return this.lookupOutcome(inDocs, opts);
      }
      // A 文号 with other words (or a path it does not have): search inside that document.
      const scoped = this.textSearch(ref.rest, opts, new Set(inDocs));
      if (scoped.status === 'no_match' && components.length > 0) {
        scoped.message = msg(
          `${ref.docNos.join('、')} 中没有条款「${components.join('')}」。`,
          `${ref.docNos.join(', ')} has no clause "${components.join('')}".`,
        );
        scoped.suggestions = inDocs.slice(0, 40).map((i) => this.clauses[i]!.path);
      }
      return scoped;
    }
    // <title words>第X条: 政府投资条例第十二条.
    const titleRef = findTitleRef(q, this.titles);
    if (titleRef) {
      const { components } = readLeadingPath(titleRef.rest);
      const under = this.clauses
        .map((c, i) => i)
        .filter((i) => titleRef.docIds.includes(this.clauses[i]!.docId) && isPathPrefix(components, this.pathComps[i]!));
      if (components.length > 0 && under.length > 0) return this.lookupOutcome(under, opts);
    }
    // A bare path (`二、（五）9`) across all documents.
    const { components, rest } = readLeadingPath(q);
    if (components.length > 0 && rest.trim() === '' && /[、（(第附序]/.test(q)) {
      const under = this.clauses.map((c, i) => i).filter((i) => isPathPrefix(components, this.pathComps[i]!));
      if (under.length > 0) return this.lookupOutcome(under, opts);
    }
    // Responsibility: a known unit plus a cue word, and little else.
    const exp = expandQuery(q);
    const reading = exp.parts.map((p) => (p.kind === 'english' ? ` ${p.add.join(' ')} ` : p.text)).join('');
    if (RESPONSIBILITY_CUE.test(reading) || this.unitNames.includes(reading.trim())) {
      const units = this.findUnits(reading);
      if (units.length > 0) {
        let remainder = reading;
        for (const u of units) remainder = remainder.split(u).join(' ');
        for (const u of units) remainder = remainder.split(unitCore(u)).join(' ');
        remainder = remainder.replace(new RegExp(RESPONSIBILITY_CUE.source, 'g'), ' ').replace(/工作|事项|哪些|什么|要|的/g, ' ');
        if (queryTerms(remainder).length <= 2) {
          const hits = this.unitHits(units, opts);
          if (hits.length > 0) {
            return {
              status: 'ok',
              mode: 'unit',
              hits,
              message: msg(`以下条款的责任单位包括 ${units.join('、')}（共 ${hits.length} 条）。`, `${units.join(', ')} ${units.length > 1 ? 'are' : 'is'} a responsible unit of these ${hits.length} clause(s).`),
            };
          }
        }
      }
    }
    return null;
  }

  private lookupOutcome(indices: number[], opts: SearchOptions): SearchOutcome {
    const chosen = indices.slice(0, opts.limit ?? MAX_LOOKUP_HITS);
    return { status: 'ok', mode: 'lookup', hits: chosen.map((i) => this.toHit(i, 1, [])) };
  }

  private findUnits(text: string): string[] {
    const found: string[] = [];
    let t = text;
    for (const u of this.unitNames) {
      if (t.includes(u)) {
        found.push(u);
        t = t.split(u).join(' ');
      }
    }
    if (found.length > 0) return found;
    // 商务局 → 市商务局 and 区商务局; 投资促进中心 → both levels; 海关 → 晋城海关.
    for (const u of this.unitNames) {
      const core = unitCore(u);
      if (core.length >= 2 && core !== u && t.includes(core) && !found.includes(u)) found.push(u);
    }
    return found;
  }

  private resolveUnits(unit: string): string[] {
    if (unit === '') return [];
    if (this.unitNames.includes(unit)) return [unit];
    return this.unitNames.filter((u) => u.endsWith(unit) || unitCore(u) === unit);
  }

  private unitHits(units: readonly string[], opts: SearchOptions): Hit[] {
    const max = opts.limit ?? MAX_LOOKUP_HITS;
    const chosen: number[] = [];
    for (let i = 0; i < this.clauses.length && chosen.length < max; i++) {
      if (this.clauses[i]!.units.some((u) => units.includes(u))) chosen.push(i);
    }
    return chosen.map((i) => this.toHit(i, 1, units as string[]));
  }

  private textSearch(q: string, opts: SearchOptions, within?: Set<number>): SearchOutcome {
    const exp = expandQuery(q);
    const { weights, concepts } = readConcepts(exp);
    const expandedTerms = exp.additions.length > 0 ? exp.additions : undefined;
    const df = (t: string) => this.docFreq(t);
    // English words outside the glossary: keep the dictionary's translations this corpus contains.
    for (const c of concepts) {
      if (!c.english) continue;
      const present = c.english.map((zh) => queryTerms(zh)).filter((terms) => terms.length > 0 && terms.every((t) => df(t) > 0));
      c.alternatives.push(...present.slice(0, ENGLISH_CANDIDATES));
      for (const alt of present.slice(0, ENGLISH_CANDIDATES)) for (const t of alt) weights.set(t, Math.max(weights.get(t) ?? 0, 1));
    }
    if (weights.size === 0) return this.noMatch(q, expandedTerms);

    // Terms found in a large share of a big corpus (项目, 发展 in 50,000 clauses) add little to the
    // ranking but dominate the work: they are left out of retrieval and checked on the candidates
    // instead. On the real corpus nothing is this common, so every term is retrieved.
    const commonDf = Math.max(COMMON_TERM_MIN_DF, COMMON_TERM_SHARE * this.ms.documentCount);
    const dfs = new Map([...weights.keys()].map((t) => [t, df(t)]));
    let retrieve = [...weights.keys()].filter((t) => dfs.get(t)! <= commonDf && dfs.get(t)! > 0);
    if (retrieve.length === 0) retrieve = [...weights.keys()].filter((t) => dfs.get(t)! > 0).sort((a, b) => dfs.get(a)! - dfs.get(b)!).slice(0, 3);
    if (retrieve.length === 0) return this.noMatch(q, expandedTerms);
    const checked = [...weights.keys()].filter((t) => !retrieve.includes(t) && dfs.get(t)! > 0);

    const results = this.ms.search(
      { combineWith: 'OR', queries: retrieve },
      {
        boostTerm: (term: string) => weights.get(term) ?? 1,
        ...(within ? { filter: (r: SearchResult) => within.has(r.id as number) } : {}),
      },
    );
    // A Latin word counts as a concept only if the corpus has it at all (see Concept.latin); an
    // English word counts if the dictionary knows it (see Concept.english).
    const counted = concepts
      .filter((c) => !c.latin || c.alternatives.some((a) => a.some((t) => dfs.get(t)! > 0)))
      .filter((c) => !c.english || c.english.length > 0);
    const weighted = weighConcepts(counted, (t) => dfs.get(t) ?? df(t), this.ms.documentCount);
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const best: Array<{ id: number; score: number; cov: number; terms: string[] }> = [];
    const answerType = answerTypeOf(q);
    const maxBoost = 1.2 ** 2 * (answerType ? ANSWER_SHAPE_BOOST : 1);
    for (const r of results) {
      // Results come best-first; once even full coverage cannot lift a result into the top `limit`, stop.
      if (best.length >= limit && r.score * maxBoost < best[best.length - 1]!.score) break;
      const matched = new Set(r.queryTerms);
      const terms = [...r.terms];
      if (checked.length > 0) {
        const hay = this.searchableText(r.id as number);
        for (const t of checked) {
          if (hay.includes(t)) {
            matched.add(t);
            terms.push(t);
          }
        }
      }
      const cov = coverage(weighted, matched);
      if (cov < HIT_FLOOR) continue;
      // A question asking 多久 / 多少 / 什么时候 prefers a clause that states a period / a sum / a date.
      const shape = answerType && hasAnswerShape(answerType, this.clauses[r.id as number]!.text) ? ANSWER_SHAPE_BOOST : 1;
      best.push({ id: r.id as number, score: r.score * (0.2 + cov) ** 2 * shape, cov, terms });
      best.sort((a, b) => b.score - a.score || a.id - b.id);
      if (best.length > limit) best.pop();
    }
    if (best.length === 0 || Math.max(...best.map((b) => b.cov)) < MATCH_FLOOR) return this.noMatch(q, expandedTerms);
    const top = best[0]!.score;
    const hits = best.map((s) => this.toHit(s.id, round(s.score / top), s.terms, (t) => weights.get(t) ?? 1));
    if (answerType) {
      // The reply names the span of the first hit; the next two keep theirs for a list view.
      for (const h of hits.slice(0, 3)) {
        const answer = findAnswer(answerType, q, h.text);
        if (answer) h.answer = answer;
      }
    }
    return { status: 'ok', mode: 'text', hits, ...(expandedTerms ? { expandedTerms } : {}) };
  }

  /** Number of clauses containing `term` in some field (MiniSearch keeps this per field). */
  private docFreq(term: string): number {
    // MiniSearch has no public document-frequency API; its term index is stable across 7.x.
    const index = (this.ms as unknown as { _index?: { get(t: string): Map<number, Map<number, number>> | undefined } })._index;
    const data = index?.get(term);
    if (!data) return 0;
    let n = 0;
    for (const docs of data.values()) n = Math.max(n, docs.size);
    return n;
  }

  /** Folded text of every indexed field of a clause, for checking common terms on candidates. */
  private searchableText(i: number): string {
    let t = this.folded.get(i);
    if (t === undefined) {
      const c = this.clauses[i]!;
      t = foldText(`${c.text}\n${c.heading}\n${c.title}\n${c.units.join(' ')}`);
      this.folded.set(i, t);
    }
    return t;
  }

  private noMatch(q: string, expandedTerms?: string[]): SearchOutcome {
    return {
      status: 'no_match',
      mode: 'text',
      hits: [],
      message: msg('没有找到与查询相关的条款。可以换个说法，或试试下面的检索词。', 'No clause matches this query. Try other wording, or one of the suggested terms.'),
      suggestions: this.suggest(q),
      ...(expandedTerms ? { expandedTerms } : {}),
    };
  }

  /** Glossary terms and unit names sharing a bigram with the query; a default list otherwise. */
  private suggest(q: string): string[] {
    const grams = new Set(tokenize(q).filter((t) => t.length >= 2));
    this.suggestionGrams ??= this.suggestionPool.map((term) => ({ term, grams: queryTerms(term) }));
    const scored = this.suggestionGrams
      .map(({ term, grams: g }) => ({ t: term, n: g.filter((x) => grams.has(x)).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n);
    const out = scored.slice(0, 5).map((x) => x.t);
    return out.length > 0 ? out : ['节能审查', '环评', '专业镇', '外出招商', '领导小组', '责任单位'];
  }

  private toHit(i: number, score: number, terms: string[], weight?: (term: string) => number): Hit {
    const c = this.clauses[i]!;
    return {
      docId: c.docId,
      docNo: c.docNo,
      title: c.title,
      path: c.path,
      heading: c.heading,
      text: c.text,
      snippet: makeSnippet(c.text, terms, undefined, weight),
      score,
      units: [...c.units],
    };
  }
}

/** A unit's name without its level or place prefix: 市商务局 → 商务局, 晋城海关 → 海关. */
function unitCore(unit: string): string {
  return unit.replace(/^(?:晋城市|晋城|山西省|国家|市|区|省|各)/, '');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Question words and everyday filler (general, not per document), longest first. */
const FILLER: readonly string[] = [...new Set(querywords.filler.map((f) => foldText(f)))].sort((a, b) => b.length - a.length);

/** Splits plain query text into content stretches and filler stretches (longest filler first). */
export function splitFiller(text: string): Array<{ text: string; filler: boolean }> {
  const out: Array<{ text: string; filler: boolean }> = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const f = FILLER.find((w) => text.startsWith(w, i));
    if (f) {
      if (plain) out.push({ text: plain, filler: false });
      plain = '';
      out.push({ text: f, filler: true });
      i += f.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) out.push({ text: plain, filler: false });
  return out;
}

/** Query terms with their ranking weights, and the concepts the evidence is measured over. */
function readConcepts(exp: ExpandedQuery): { weights: Map<string, number>; concepts: Concept[] } {
  const weights = new Map<string, number>();
  const put = (t: string, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (const part of exp.parts) {
    if (part.kind === 'plain') {
      for (const piece of splitFiller(part.text)) {
        if (piece.filler) {
          for (const term of tokenize(piece.text)) if (term.length > 1) put(term, SOFT_TERM_WEIGHT);
          continue;
        }
        // One concept per word of the question (储备粮 = 储备 + 备粮, partly covered by 储备 alone).
        const words = new Map<number, { terms: string[]; singleRun: boolean }>();
        for (const { term, crossWord, word, singleRun } of tokenizeWithInfo(piece.text)) {
          put(term, crossWord ? SOFT_TERM_WEIGHT : 1);
          // A bigram straddling two words (目要 in 项目要不要) ranks but is not something the user asked for.
          // A lone character (不, 吨) or digit (1) is too weak to be something asked about on its own.
          if (crossWord || (term.length === 1 && (isCjkChar(term) || /\d/.test(term)))) continue;
          if (/^[a-z0-9.]+$/.test(term)) {
            if (seen.has(term)) continue;
            seen.add(term);
            const english = /^[a-z]{3,}$/.test(term) ? englishCandidates(term) : undefined;
            concepts.push({ alternatives: [[term]], weight: 1, latin: !english?.length, ...(english?.length ? { english } : {}) });
            continue;
          }
          const w = words.get(word) ?? { terms: [], singleRun };
          if (!w.terms.includes(term)) w.terms.push(term);
          words.set(word, w);
        }
        for (const w of words.values()) {
          const key = w.terms.join('+');
          if (seen.has(key)) continue;
          seen.add(key);
          const word = w.terms[0]! + w.terms.slice(1).map((t) => t.slice(1)).join('');
          concepts.push({ alternatives: [w.terms], weight: 1, latin: false, singleRun: w.singleRun, word });
        }
      }
      continue;
    }
    if (part.kind === 'everyday') {
      // Colloquial wording ranks clauses in the official register but is never required.
      for (const t of queryTerms(part.text)) put(t, SOFT_TERM_WEIGHT);
      for (const a of part.add) for (const t of queryTerms(a)) put(t, ADDED_TERM_WEIGHT);
      continue;
    }
    const typed = part.kind === 'synonym' ? queryTerms(part.text) : [];
    const added = part.add.map((a) => queryTerms(a)).filter((a) => a.length > 0);
    for (const t of typed) put(t, 1);
    for (const a of added) for (const t of a) put(t, part.kind === 'english' ? 1 : ADDED_TERM_WEIGHT);
    const alternatives = [typed, ...added].filter((a) => a.length > 0);
    if (alternatives.length > 0) concepts.push({ alternatives, weight: GLOSSARY_CONCEPT_WEIGHT, latin: false });
  }
  return { weights, concepts };
}

/** A concept with its evidence weight: its importance times the IDF of its most specific wording. */
interface WeightedConcept {
  alternatives: string[][];
  weight: number;
}

/**
 * BM25-style IDF of each concept: a word in few clauses is strong evidence, one in most clauses is
 * weak. A word no clause contains gets the IDF of the rarest possible word — an unknown subject
 * (所得税, pizza) is exactly what makes a question unanswerable here.
 */
function weighConcepts(concepts: readonly Concept[], df: (t: string) => number, n: number): WeightedConcept[] {
  const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  return concepts.map((c) => {
    let best = 0;
    for (const alt of c.alternatives) {
      const v = alt.reduce((s, t) => s + idf(df(t)), 0) / Math.max(1, alt.length);
      if (v > best) best = v;
    }
    if (c.alternatives.length === 0 || (c.english && c.alternatives.length === 1)) best = Math.max(best, idf(0));
    // Characters the segmenter could not make a word of, and the corpus has never seen together
    // (钱从, 交了): a colloquial fragment far more often than a subject.
    const unseenFragment =
      c.singleRun && c.alternatives.every((a) => a.every((t) => df(t) === 0)) && !(c.word && isDictionaryWord(c.word));
    return { alternatives: c.alternatives, weight: c.weight * best * (unseenFragment ? UNSEEN_FRAGMENT_WEIGHT : 1) };
  });
}

/** Share of the concepts' weight a hit carries; a concept counts by its best-covered alternative. */
function coverage(concepts: readonly WeightedConcept[], matched: ReadonlySet<string>): number {
  let sum = 0;
  let total = 0;
  for (const c of concepts) {
    let best = 0;
    for (const alt of c.alternatives) {
      const n = alt.filter((t) => matched.has(t)).length / alt.length;
      if (n > best) best = n;
    }
    sum += best * c.weight;
    total += c.weight;
  }
  return total === 0 ? 0 : sum / total;
}

/**
 * Builds a search over `clauses`. Pass `cacheDir` to persist the index (in shards) and read it back
 * next time; `index` to use one loaded by {@link loadClauseIndexAsync}.
 */
export function createClauseSearch(clauses: readonly Clause[], options: ClauseSearchOptions = {}): ClauseSearch {
  return new ClauseSearch(clauses, options);
}

/**
 * A load of the index of `clauses` that proceeds shard by shard in the background yet can be
 * finished at once by a caller that needs an answer now (the first search during a background
 * load finishes that load instead of starting a second one).
 *
 * ```ts
 * const load = new ClauseSearchLoad(clauses, 'data/search-index');
 * void load.background();  // reads or tokenizes one shard per event-loop turn
 * load.now().search('举报奖励'); // finishes the remaining shards synchronously if needed
 * ```
 */
export class ClauseSearchLoad {
  private readonly steps: Generator<void, ClauseIndex>;
  private result?: ClauseSearch;
  private failure?: unknown;
  private running?: Promise<ClauseSearch>;

  constructor(
    readonly clauses: readonly Clause[],
    /** Folder of the persisted shards; undefined = in memory only. */
    readonly cacheDir: string | undefined,
  ) {
    this.steps = shardedIndexSteps(indexSource(clauses), newMiniSearch, { dir: cacheDir, version: indexVersion() });
  }

  /** One shard; true once the search is ready. */
  private step(): boolean {
    if (this.failure) throw this.failure;
    if (this.result) return true;
    try {
      const r = this.steps.next();
      if (r.done) this.result = createClauseSearch(this.clauses, { cacheDir: this.cacheDir, index: r.value });
    } catch (err) {
      this.failure = err;
      throw err;
    }
    return this.result !== undefined;
  }

  /** The search, finishing the remaining shards synchronously. */
  now(): ClauseSearch {
    while (!this.step());
    return this.result!;
  }

  /** Finishes the load one shard per event-loop turn, so a running bot keeps answering. */
  background(): Promise<ClauseSearch> {
    this.running ??= (async () => {
      while (!this.step()) await new Promise((resolve) => setImmediate(resolve));
      return this.result!;
    })();
    return this.running;
  }
}

let defaultLoad: ClauseSearchLoad | undefined;

/**
 * The search over the repository's `corpus/`, built once per process and reused. The index is
 * persisted where POLICY_DESK_SEARCH_INDEX says (default: `search-index/` next to the reports
 * database; `off` keeps it in memory), so a restart reads it instead of re-tokenizing the corpus.
 * Synchronous: a caller that needs an answer now (the CLI, a search during the background load)
 * waits for the index.
 */
export function getDefaultSearch(): ClauseSearch {
  defaultLoad ??= new ClauseSearchLoad(loadCorpus().clauses, searchIndexDir());
  return defaultLoad.now();
}

/**
 * Loads the default search in the background: shards are read one at a time between other work,
 * so the bot answers everything else meanwhile. A search that arrives first finishes the load
 * itself through {@link getDefaultSearch}.
 */
export function preloadDefaultSearch(): Promise<ClauseSearch> {
  defaultLoad ??= new ClauseSearchLoad(loadCorpus().clauses, searchIndexDir());
  return defaultLoad.background();
}
