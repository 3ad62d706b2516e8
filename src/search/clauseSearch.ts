/**
 * The clause search engine: input checks, then the readings in order (文号/path lookup,
 * responsibility, text search in `rank.ts`), and the hits with their snippets.
 *
 * @module
 */
import MiniSearch from 'minisearch';
import { figuresAsOrdinals, intToChineseNumeral, ORDINAL_NUMERAL_CHARS, type Clause } from '../corpus/index.ts';
import glossary from './glossary.json' with { type: 'json' };
import { buildClauseIndex, FIELDS, type ClauseIndex, type IndexedClause } from './clauseIndex.ts';
import { expandQuery } from './expand.ts';
import { splitFiller } from './evidence.ts';
import { closePathGaps, findDocRef, findTitlePathRef, findTitleRef, isPathPrefix, namedDocuments, pathComponents, pathPrefix, readLeadingPath, RESPONSIBILITY_CUE } from './lookup.ts';
import { DEFAULT_LIMIT, rankText, type RankContext } from './rank.ts';
import type { MatchDecision } from './noMatch.ts';
import type { Hit, SearchOptions, SearchOutcome } from './schema.ts';
import type { Localized } from '../text/locale.ts';
import { toSimplified } from '../text/simplify.ts';
import { withoutCourtesy } from '../text/courtesy.ts';
import { PostingList } from './postings.ts';
import { ShardedTermIndex } from './shardTerms.ts';
import { makeSnippet } from './snippet.ts';
import { foldText, queryTerms, tokenize, ZH_STOPWORDS } from './tokenize.ts';
import { wordSegmenter } from '../text/segmenter.ts';

/** Queries are cut to this many characters (with a notice) so work stays bounded. */
export const MAX_QUERY_CHARS = 200;
/** How many paths of a document a miss offers, around the place asked for. */
const NEARBY_PATHS = 40;
/** The number of an article component (`第30条` → 30); 0 for any other. */
function articleNumber(component: string | undefined): number {
  const m = /^第(\d+)条$/.exec(component ?? '');
  return m ? Number(m[1]) : 0;
}
/** Most hits a 文号/path or responsibility lookup returns when no limit is given. */
export const MAX_LOOKUP_HITS = 200;
// States of ClauseSearch.foldState.
const FOLD_UNKNOWN = 0;
const FOLDS_TO_ITSELF = 1;
const FOLDS_CHANGED = 2;
/** Common terms whose clause bits are kept (one bit per clause each: 256 × 250,000 clauses = 8 MB). */
const TERM_TESTS_KEPT = 256;

export interface ClauseSearchOptions {
  /**
   * Persist the index in this folder (in shards, see `persist.ts`) and read it back on the next
   * start instead of re-tokenizing the corpus. Undefined = build in memory only.
   */
  cacheDir?: string;
  /** An index already built by {@link loadClauseIndexAsync} for these clauses. */
  index?: ClauseIndex;
  /**
   * How a text search decides "no match" from its best clause's evidence (noMatch.ts). Default: the
   * fitted model. `scripts/fit-nomatch.ts` passes a decision that records the evidence and answers.
   */
  matchDecision?: MatchDecision;
}

function msg(zh: string, en: string): Localized {
  return { zh, en };
}

/**
 * The clause search engine over a given set of clauses. Build it with {@link createClauseSearch};
 * most callers want the shared instance from {@link getDefaultSearch}.
 */
export class ClauseSearch {
  readonly clauses: readonly Clause[];
  private readonly ms: MiniSearch<IndexedClause>;
  private readonly index: ClauseIndex;
  private clausesByDocNoMemo?: Map<string, number[]>;
  private readonly knownDocNos: string[];
  private readonly titles: Map<string, string>;
  private readonly unitNames: string[];
  private readonly suggestionPool: string[];
  private suggestionGrams?: Array<{ term: string; grams: string[] }>;
  /** Whether the corpus holds a suggestion term verbatim ({@link inCorpus}), for the terms asked about lately. */
  private readonly inCorpusMemo = new Map<string, boolean>();
  /** Per clause, whether its searchable text is already folded (see {@link searchableText}). */
  private readonly foldState: Uint8Array;
  /** The clauses holding each recently checked common term, one bit per clause, least recently used first (see {@link termTest}). */
  private readonly termBits = new Map<string, Uint8Array>();
  private rankContext?: RankContext;
  private readonly matchDecision?: MatchDecision;
  /** Whether every shard of the index came from the persisted folder (for the bench and tests). */
  readonly loadedFromCache: boolean;

  constructor(clauses: readonly Clause[], options: ClauseSearchOptions = {}) {
    this.clauses = clauses;
    this.foldState = new Uint8Array(clauses.length);
    const index = options.index ?? buildClauseIndex(clauses, options.cacheDir);
    this.ms = index.ms;
    this.index = index;
    this.loadedFromCache = index.built === 0 && index.loaded > 0;
    if (options.matchDecision) this.matchDecision = options.matchDecision;
    // One pass, per document rather than per clause where the value is per document (a start at
    // 10,000 documents walks a quarter of a million clauses here).
    const docNos = new Set<string>();
    const units = new Set<string>();
    this.titles = new Map();
    let docId: string | undefined;
    for (const c of clauses) {
      if (c.docId !== docId) {
        docId = c.docId;
        if (c.docNo !== null) docNos.add(c.docNo);
        this.titles.set(c.docId, c.title);
      }
      for (const u of c.units) units.add(u);
    }
    this.knownDocNos = [...docNos];
    this.unitNames = [...units].sort((a, b) => b.length - a.length);
    this.suggestionPool = [
      ...new Set([
        ...glossary.synonyms.flatMap((s) => [...s.terms, ...s.add]),
        ...glossary.english.flatMap((e) => e.zh),
        ...this.unitNames,
      ]),
    ].filter((t) => t.length >= 2);
  }

  /**
   * Releases the index's shard files: call when this search is replaced or dropped (a live reload
   * does). It finds nothing afterwards. Idempotent.
   */
  close(): void {
    this.index.close();
  }

  /**
   * Called with a shard file that fails to read while serving (a file truncated in place, an I/O
   * error): its clauses are left out of answers, and by default a line goes to stderr. A live
   * index rebuilds on it (`live.ts`).
   */
  onIndexReadError(listener: (err: Error) => void): void {
    this.index.onReadError(listener);
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
    let notice: Localized | undefined;
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
    // Read as simplified throughout: the 文号 (號), the path (第十條), the cue of a lookup question
    // (什麼時候) and the words are all compared with the simplified texts.
    q = withoutCourtesy(toSimplified(q));
    if (q === '') {
      return {
        status: 'invalid_query',
        hits: [],
        message: msg('这句只是问候或致谢，没有要检索的内容。请直接输入问题，例如“专业镇的认定标准是什么”。', 'That is only a greeting or thanks, with nothing to search for. Type a question, e.g. "What are the criteria for a specialty town?".'),
      };
    }
    // Chinese puts no space between words: one typed there (个体户 怎么 注销, 第 5 条) separates nothing,
    // and read as a break it cut question words apart (有 没有, 哪 天) into words no clause has.
    q = q.replace(/([\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff])|([\u4e00-\u9fff])\s+(?=\d)/g, '$1$2');
    // A text search reads 第40条 as the texts write it (第四十条), so it finds what 第四十条 finds.
    const outcome = this.lookup(q, opts) ?? this.textSearch(figuresAsOrdinals(q), opts);
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

  /**
   * The documents a question names as its source (by 文号 or title words: 按阳城县招商考核办法…),
   * each as its 文号 (or, lacking one, its id), and whether it types a 文号 no document has.
   */
  documentsNamedIn(query: string): { docs: string[]; unknownDocNo: boolean } {
    const n = namedDocuments(query, this.knownDocNos, this.titles);
    const docNoOf = (id: string) => this.clauses.find((c) => c.docId === id)?.docNo ?? id;
    return { docs: [...new Set([...n.docNos, ...n.docIds.map(docNoOf)])], unknownDocNo: n.unknownDocNo };
  }

  /** The responsible units named anywhere in the corpus, longest first. */
  get units(): readonly string[] {
    return this.unitNames;
  }

  /** Serialized index (MiniSearch JSON), for persisting. */
  toJSON(): unknown {
    return this.ms.toJSON();
  }

  /**
   * The clauses among `candidates` (every clause when omitted) whose path starts with `components`.
   * Paths repeat across documents (most plans have a 二、（一）1), so each distinct path is split once
   * per lookup rather than once per clause: a bare path across 10,000 documents took about four
   * seconds when every clause's path was split.
   */
  private clausesUnder(components: readonly string[], candidates?: readonly number[]): number[] {
    const startsWith = new Map<string, boolean>();
    const out: number[] = [];
    const test = (i: number) => {
      const path = this.clauses[i]!.path;
      let yes = startsWith.get(path);
      if (yes === undefined) startsWith.set(path, (yes = isPathPrefix(components, pathComponents(path))));
      if (yes) out.push(i);
    };
    if (candidates) for (const i of candidates) test(i);
    else for (let i = 0; i < this.clauses.length; i++) test(i);
    return out;
  }

  /** Those of `candidates` under chapter `chapter` (a canonical component, `第2章`), read from their headings. */
  private clausesInChapter(chapter: string, candidates: readonly number[]): number[] {
    return candidates.filter((i) => this.clauses[i]!.heading.split(' > ').some((part) => pathComponents(part)[0] === chapter));
  }

  /** The clauses of the documents numbered `docNos`, in corpus order (an index made on first use). */
  private clausesOf(docNos: readonly string[]): number[] {
    if (!this.clausesByDocNoMemo) {
      this.clausesByDocNoMemo = new Map();
      this.clauses.forEach((c, i) => {
        const list = this.clausesByDocNoMemo!.get(c.docNo ?? '');
        if (list) list.push(i);
        else this.clausesByDocNoMemo!.set(c.docNo ?? '', [i]);
      });
    }
    const out = [...new Set(docNos)].flatMap((d) => this.clausesByDocNoMemo!.get(d) ?? []);
    return docNos.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  // ── readings ──────────────────────────────────────────────────────────

  private lookup(query: string, opts: SearchOptions): SearchOutcome | null {
    const q = closePathGaps(query);
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
      const inDocs = this.clausesOf(ref.docNos);
      // The path follows the mention (请问32号文二（五）9); the words around it that only ask
      // (请问, 讲的什么) are no subject to search the document for.
      const { components, rest, typed: typedPath } = readLeadingPath(ref.after);
      const restTerms = askedBesides(`${ref.before} ${rest}`);
      const noSuchClause = (): Pick<SearchOutcome, 'message' | 'suggestions'> => ({
        message: msg(`${ref.docNos.join('、')} 中没有条款「${typedPath}」。`, `${ref.docNos.join(', ')} has no clause "${typedPath}".`),
        suggestions: this.nearbyPaths(components, inDocs),
      });
      if (components.length > 0) {
        const at = this.atPathOutcome(components, inDocs, ref.docNos, typedPath, opts);
        if (at) return at;
        // A path the document does not have, and nothing else asked: no clause that merely shares
        // its numerals (第九条 for 第九十九条) is offered in its place.
        if (restTerms.length === 0) return { status: 'no_match', mode: 'lookup', hits: [], ...noSuchClause() };
      } else if (restTerms.length === 0) {
        return this.lookupOutcome(inDocs, opts);
      }
      // A 文号 with other words (or a path it does not have): search inside that document.
      const scoped = this.textSearch(figuresAsOrdinals(ref.rest), opts, new Set(inDocs));
      if (scoped.status === 'no_match' && components.length > 0) Object.assign(scoped, noSuchClause());
      return scoped;
    }
    // <title words>第X条 (政府投资条例第十二条), or <title words><path> closing the question
    // (加快重点产业实施意见二（一）3): the document named by its title, as by its 文号.
    const articleRef = findTitleRef(q, this.titles);
    const titleRef = articleRef ?? findTitlePathRef(q, this.titles);
    if (titleRef) {
      const { components, rest, typed } = readLeadingPath(titleRef.rest);
      const inTitled: number[] = [];
      this.clauses.forEach((c, i) => titleRef.docIds.includes(c.docId) && inTitled.push(i));
      if (components.length > 0) {
        const found = this.atPath(components, inTitled);
        const named = [...new Set(titleRef.docIds.map((d) => this.titles.get(d)!))];
        const at = this.atPathOutcome(components, inTitled, named.map((t) => `《${t}》`), typed, opts);
        if (at) return at;
        // A path the named document lacks, and nothing else asked (a path read as closing the
        // question never has more): said, never searched for its numerals.
        if (!articleRef || askedBesides(rest).length === 0) {
          return {
            status: 'no_match',
            mode: 'lookup',
            hits: [],
            message: msg(`《${named.join('》《')}》中没有条款「${typed}」。`, `${named.map((t) => `"${t}"`).join(', ')} has no clause "${typed}".`),
            suggestions: this.nearbyPaths(components, inTitled),
          };
        }
      }
    }
    // A bare path (`二、（五）9`) across all documents.
    const { components, rest, typed } = readLeadingPath(q);
    if (components.length > 0 && rest.trim() === '' && /[、（(第附序]/.test(q)) {
      const under = this.clausesUnder(components);
      if (under.length > 0) return this.lookupOutcome(under, opts);
      // No document has that path: say so rather than search for its numerals.
      return { status: 'no_match', mode: 'lookup', hits: [], message: msg(`语料中没有条款「${typed}」。`, `No document has a clause "${typed}".`) };
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

  /**
   * The clauses of `inDocs` at the path `components`: those under it (a chapter, 18号第二章, is read
   * from the headings: its clauses, or its article asked for), or else, for 第X条 in documents that
   * number no articles, their items numbered X. Neither when the documents lack the path.
   */
  private atPath(components: readonly string[], inDocs: readonly number[]): { under?: number[]; items?: number[]; fullPath?: string; places?: string[] } {
    if (/^第\d+章$/.test(components[0]!)) {
      const inChapter = this.clausesInChapter(components[0]!, inDocs);
      const under = components.length > 1 ? this.clausesUnder(components.slice(1), inChapter) : inChapter;
      if (under.length > 0) return { under };
    }
    const under = this.clausesUnder(components, inDocs);
    if (under.length > 0) return { under };
    // A plan numbered 一、（一）1. through the document has no 第X条: 32号文第九条 means its item 9.
    const items = this.itemsNumberedAsArticle(components, inDocs);
    if (items.length > 0) return { items };
    // A path typed from a lower level (（九） for 二、（九）): the clauses it is the end of, when that
    // is one place in the documents; in several (（一） under 一、 and 二、) the user must say which.
    const within = this.clausesWithin(components, inDocs);
    return within.paths.length === 1 ? { under: within.under, fullPath: within.paths[0] } : within.paths.length > 1 ? { places: within.paths } : {};
  }

  /**
   * The clauses of `inDocs` whose path holds `components` below its first level (二、（九）1 for
   * （九）1), and the distinct paths down to `components` (二、（九）) that they are under. A path
   * typed without the paragraph (款) an item is cited by (第二十一条（一） for 第二十一条第二款（一）
   * and 第二十一条第三款（一）) is read from its first level, as if the paragraph were not there.
   */
  private clausesWithin(components: readonly string[], inDocs: readonly number[]): { under: number[]; paths: string[] } {
    const under: number[] = [];
    const paths = new Set<string>();
    const typedParagraph = components.some((c) => PARAGRAPH.test(c));
    for (const i of inDocs) {
      const path = this.clauses[i]!.path;
      const all = pathComponents(path);
      // The positions of the components compared (a paragraph left out when none is typed).
      const at = all.map((_, k) => k).filter((k) => typedParagraph || !PARAGRAPH.test(all[k]!));
      const from = at.length < all.length ? 0 : 1;
      for (let k = from; k + components.length <= at.length; k++) {
        if (components.every((c, j) => all[at[k + j]!] === c)) {
          under.push(i);
          paths.add(pathPrefix(path, at[k + components.length - 1]! + 1));
          break;
        }
      }
    }
    return { under, paths: [...paths] };
  }

  /**
   * The answer to a path asked of `inDocs` (the documents named to the user as `docs`, by 文号 or
   * 《title》): its clauses, saying how the path was read when not as typed; undefined when the
   * documents lack it. Paths hold 、 themselves (二、（五）9), so a list of them is joined with ；.
   */
  private atPathOutcome(components: readonly string[], inDocs: readonly number[], docs: readonly string[], typedPath: string, opts: SearchOptions): SearchOutcome | undefined {
    const paragraph = this.paragraphOutcome(components, inDocs, docs, typedPath, opts);
    if (paragraph) return paragraph;
    const found = this.atPath(components, inDocs);
    if (found.items) {
      const item = /\d+/.exec(components[0]!)![0];
      const paths = found.items.map((i) => this.clauses[i]!.path);
      return {
        ...this.lookupOutcome(found.items, opts),
        message: msg(
          `${docs.join('、')}不按「第X条」编号，「${typedPath}」按编号为 ${item} 的一项显示：${paths.join('；')}。`,
          `${docs.join(', ')} numbers no articles; "${typedPath}" is read as item ${item}: ${paths.join('; ')}.`,
        ),
      };
    }
    if (found.under && found.fullPath) {
      return {
        ...this.lookupOutcome(found.under, opts),
        message: msg(`「${typedPath}」即${docs.join('、')}的 ${found.fullPath}。`, `"${typedPath}" is ${found.fullPath} of ${docs.join(', ')}.`),
      };
    }
    if (found.under) return this.lookupOutcome(found.under, opts);
    if (found.places) {
      return {
        status: 'no_match',
        mode: 'lookup',
        hits: [],
        message: msg(
          `${docs.join('、')}中有多处「${typedPath}」：${found.places.slice(0, 8).join('；')}${found.places.length > 8 ? '等' : ''}。请写出完整的编号，如「${found.places[0]}」。`,
          `${docs.join(', ')} has "${typedPath}" in several places: ${found.places.slice(0, 8).join('; ')}${found.places.length > 8 ? ' …' : ''}. Give the full path, e.g. "${found.places[0]}".`,
        ),
        suggestions: found.places.slice(0, 40),
      };
    }
    return undefined;
  }

  /**
   * The paths of `inDocs` to offer after a miss: the {@link NEARBY_PATHS} clauses around where the
   * path asked for would be (第三十条第五款 → about 第三十条), so the list reaches the asked place
   * rather than stopping at the document's first clauses.
   */
  private nearbyPaths(components: readonly string[], inDocs: readonly number[]): string[] {
    // The first clause sharing the most leading components; when none shares any (第九十九条 in a
    // document of forty), the last article numbered below the one asked for.
    let best = 0;
    let bestShared = 0;
    const asked = articleNumber(components[0]);
    inDocs.forEach((i, k) => {
      const parts = pathComponents(this.clauses[i]!.path);
      let shared = 0;
      while (shared < components.length && shared < parts.length && parts[shared] === components[shared]) shared++;
      if (shared > bestShared) [best, bestShared] = [k, shared];
      else if (bestShared === 0 && asked > 0 && articleNumber(parts[0]) > 0 && articleNumber(parts[0]) <= asked) best = k;
    });
    const from = Math.max(0, Math.min(best - NEARBY_PATHS / 2, inDocs.length - NEARBY_PATHS));
    return inDocs.slice(from, from + NEARBY_PATHS).map((i) => this.clauses[i]!.path);
  }

  /**
   * 第X条第Y款: paragraphs are not clauses of their own, so the article (and the items asked for
   * after the 款, 第Y款第Z项) is shown, with the Y-th paragraph of the article quoted in the message,
   * or a note that the article has fewer. Undefined when no 款 is asked or the article is missing.
   */
  private paragraphOutcome(components: readonly string[], inDocs: readonly number[], docs: readonly string[], typedPath: string, opts: SearchOptions): SearchOutcome | undefined {
    const at = components.findIndex((c) => /^第\d+款$/.test(c));
    if (at < 1 || !/^第\d+条$/.test(components[at - 1]!)) return undefined;
    // Items cited by their paragraph (第二十一条第三款（一）) are reached by the path as typed.
    if ((this.atPath(components, inDocs).under?.length ?? 0) > 0) return undefined;
    const found = this.atPath([...components.slice(0, at), ...components.slice(at + 1)], inDocs);
    if (!found.under) return undefined;
    const n = Number(/\d+/.exec(components[at]!)![0]);
    const article = this.atPath(components.slice(0, at), inDocs).under ?? [];
    // The article's own clause (not its items) holds its paragraphs, one a line.
    const own = article.find((i) => pathComponents(this.clauses[i]!.path).length === at) ?? article[0]!;
    const paragraphs = this.clauses[own]!.text.split('\n').map((p) => p.trim()).filter((p) => p !== '');
    const path = this.clauses[own]!.path;
    const text = paragraphs[n - 1];
    return {
      ...this.lookupOutcome(found.under, opts),
      message: text !== undefined
        ? msg(`「${typedPath}」即${docs.join('、')}${path}第${intToChineseNumeral(n)}款：「${text}」`, `"${typedPath}" is paragraph ${n} of ${path} of ${docs.join(', ')}: "${text}"`)
        : msg(`${docs.join('、')}${path}只有 ${paragraphs.length} 款，没有第${n}款；以下是该条全文。`, `${path} of ${docs.join(', ')} has only ${paragraphs.length} paragraph(s), not ${n}; the whole article follows.`),
    };
  }

  /**
   * For a path that is one article (第9条) in documents that number no articles, the items numbered
   * that way (二、（五）9): staff cite a plan's numbered items as 条. Empty when the documents have
   * articles (第9条 is then missing, not meant otherwise) or the path is not one article.
   */
  private itemsNumberedAsArticle(components: readonly string[], inDocs: readonly number[]): number[] {
    const article = components.length === 1 ? /^第(\d+)条$/.exec(components[0]!)?.[1] : undefined;
    if (article === undefined) return [];
    const paths = inDocs.map((i) => pathComponents(this.clauses[i]!.path));
    if (paths.some((p) => p.some((c) => /^第\d+条$/.test(c)))) return [];
    return inDocs.filter((_, k) => paths[k]!.at(-1) === article);
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
    this.rankContext ??= {
      ms: this.ms,
      clauses: this.clauses,
      docFreq: (t) => this.docFreq(t),
      clausesWith: (t) => this.clausesWith(t),
      termTest: (t) => this.termTest(t),
      bigramsStartingWith: (ch) => this.bigramsStartingWith(ch),
      searchableText: (i) => this.searchableText(i),
      toHit: (i, score, terms, weight) => this.toHit(i, score, terms, weight),
      noMatch: (query, expanded) => this.noMatch(query, expanded),
      ...(this.matchDecision ? { decide: this.matchDecision } : {}),
    };
    return rankText(this.rankContext, q, opts, within);
  }

  /**
   * MiniSearch's postings of `term`: field id → clause id → frequency. MiniSearch has no public API
   * for document frequencies or postings; its term index is stable across 7.x.
   */
  private postingsOf(term: string): Map<number, Map<number, number>> | undefined {
    return (this.ms as unknown as { _index?: { get(t: string): Map<number, Map<number, number>> | undefined } })._index?.get(term);
  }

  /**
   * The index's two-character terms starting with `ch`: a loaded index bisects its shards' sorted
   * term lists ({@link ShardedTermIndex.keysWithPrefix}), MiniSearch's own walks its radix tree.
   */
  private bigramsStartingWith(ch: string): string[] {
    const index = (this.ms as unknown as { _index?: unknown })._index;
    let terms: Iterable<string>;
    if (index instanceof ShardedTermIndex) terms = index.keysWithPrefix(ch);
    else if (index && typeof (index as { atPrefix?: unknown }).atPrefix === 'function') terms = (index as { atPrefix(p: string): { keys(): Iterable<string> } }).atPrefix(ch).keys();
    else return [];
    const out: string[] = [];
    for (const t of terms) if (t.length === 2) out.push(t);
    return out;
  }

  /** Number of clauses containing `term` in some field (MiniSearch keeps this per field). */
  private docFreq(term: string): number {
    const data = this.postingsOf(term);
    if (!data) return 0;
    // By field id (MiniSearch numbers the index's FIELDS 0…n−1), not through values(): asked for every word
    // a question's ranking reads, and a loaded index's postings iterate by generators, a few objects a call.
    let n = 0;
    for (let f = 0; f < FIELDS.length; f++) n = Math.max(n, data.get(f)?.size ?? 0);
    return n;
  }

  /** Ids of the clauses containing `term` in some field, for choosing among an English word's translations. */
  private clausesWith(term: string): ReadonlySet<number> | undefined {
    const data = this.postingsOf(term);
    if (!data) return undefined;
    const out = new Set<number>();
    for (const docs of data.values()) for (const d of docs.keys()) out.add(d);
    return out;
  }

  /**
   * A test of whether a clause holds `term` in some field, read from the postings as one bit per
   * clause — so the ranking checks a common term (项目 in a third of 250,000 clauses) on thousands of
   * candidates without their text. The {@link TERM_TESTS_KEPT} terms used last are kept: only terms
   * in a large share of the clauses are checked this way, and there are few of those, so the same
   * ones come back question after question.
   */
  private termTest(term: string): (i: number) => boolean {
    let bits = this.termBits.get(term);
    if (bits !== undefined) this.termBits.delete(term); // re-set below, as the most recently used
    else {
      // The least recently used term's bits are reused, so at most TERM_TESTS_KEPT arrays are ever made.
      const oldest = this.termBits.size >= TERM_TESTS_KEPT ? this.termBits.keys().next().value! : undefined;
      if (oldest !== undefined) {
        bits = this.termBits.get(oldest)!.fill(0);
        this.termBits.delete(oldest);
      } else bits = new Uint8Array((this.clauses.length + 7) >>> 3);
      const ids = (this.ms as unknown as { _documentIds: { get(shortId: number): unknown } })._documentIds;
      for (const docs of this.postingsOf(term)?.values() ?? []) {
        if (docs instanceof PostingList) docs.markIn(bits); // a persisted index: short id = id
        else {
          for (const d of docs.keys()) {
            const id = ids.get(d); // undefined for a document MiniSearch has discarded
            if (typeof id === 'number') bits[id >>> 3]! |= 1 << (id & 7);
          }
        }
      }
    }
    this.termBits.set(term, bits);
    const held = bits;
    return (i) => (held[i >>> 3]! & (1 << (i & 7))) !== 0;
  }

  /**
   * Folded text of every indexed field of a clause, for the ranking's checks of words a clause puts
   * differently. Nothing is kept but one byte per clause saying whether its text is already folded
   * (almost every clause is), so those are only joined, never scanned again, and serving memory stays
   * flat however many clauses questions reach.
   */
  private searchableText(i: number): string {
    const c = this.clauses[i]!;
    const joined = `${c.text}\n${c.heading}\n${c.title}\n${c.units.join(' ')}`;
    let state = this.foldState[i];
    if (state === FOLD_UNKNOWN) {
      const folded = foldText(joined);
      state = this.foldState[i] = folded === joined ? FOLDS_TO_ITSELF : FOLDS_CHANGED;
      return folded;
    }
    return state === FOLDS_TO_ITSELF ? joined : foldText(joined);
  }

  private noMatch(q: string, expandedTerms?: string[]): SearchOutcome {
    return {
      status: 'no_match',
      mode: 'text',
      hits: [],
      message: msg('没有找到与查询相关的条款。可以换个说法，或试试下面的检索词。', 'No clause matches this query. Try other wording, or one of the suggested terms.'),
      suggestions: this.suggest(q, expandedTerms),
      ...(expandedTerms ? { expandedTerms } : {}),
    };
  }

  /**
   * Search terms to offer when nothing matched, all from the corpus loaded (never a topic it lacks),
   * those sharing the question's rarest words first (a word in few clauses says more than 企业): the headings and titles of the clauses
   * holding the question's words (固定资产投资支持, 上海市不动产登记若干规定), and glossary terms and unit
   * names the corpus has. Never what the question already says (拴绳 for 遛狗不拴绳罚多少, 电梯保养
   * for …电梯…保养…), a bare number (十五) or a word that only bounds one (以上): searching those again
   * leads nowhere new. A question sharing no word with the corpus (今天天气怎么样), or only words
   * nothing new is found under, gets the documents' titles: what there is to ask about.
   */
  private suggest(q: string, expandedTerms: readonly string[] = []): string[] {
    const grams = new Set([...tokenize(q), ...expandedTerms.flatMap((t) => tokenize(t))].filter((t) => t.length >= 2 && /[\u4e00-\u9fff]/u.test(t) && this.docFreq(t) > 0));
    const weight = new Map([...grams].map((g) => [g, Math.log(1 + this.clauses.length / this.docFreq(g))]));
    const offered = new Map<string, { n: number; kind: number; order: number }>();
    const asked = foldText(q).replace(/\s+/g, '');
    // The question's own words (拴绳, not the pair 养一 across 保养一次) lead to the titles of the documents holding them.
    const words = new Set(questionWords(q));
    // `via`: the weight of the question's word that led to the term (the title of a document holding
    // 拴绳 leads to that word, though it does not say it; a heading such as 总则 says too little).
    const offer = (term: string, kind: number, via = 0) => {
      const known = offered.get(term);
      if (known && known.n >= via) return;
      if (!known && !newToQuestion(term, asked)) return;
      const n = Math.max(queryTerms(term).reduce((sum, g) => sum + (weight.get(g) ?? 0), 0), via);
      if (known) known.n = Math.max(known.n, n);
      else if (n > 0) offered.set(term, { n, kind, order: offered.size });
    };
    // Headings and titles of the clauses holding the question's rarest words (a bounded sample: a
    // word in half the clauses of a large corpus says little, and reading them all would be slow).
    const rarest = [...grams].sort((a, b) => this.docFreq(a) - this.docFreq(b)).slice(0, SUGGESTION_GRAMS);
    for (const g of rarest) {
      let seen = 0;
      for (const i of this.clausesWith(g) ?? []) {
        if (++seen > SUGGESTION_CLAUSES_PER_WORD) break;
        const c = this.clauses[i]!;
        for (const part of c.heading.split(' > ')) {
          const topic = headingTopic(part);
          if (topic) offer(topic, 0);
        }
        offer(c.title, 0, words.has(g) ? weight.get(g)! : 0);
      }
    }
    if (grams.size > 0) {
      this.suggestionGrams ??= this.suggestionPool.map((term) => ({ term, grams: queryTerms(term) }));
      for (const { term, grams: g } of this.suggestionGrams) if (g.some((x) => grams.has(x)) && this.inCorpus(term)) offer(term, 1);
    }
    const ranked = [...offered].sort(([, a], [, b]) => b.n - a.n + 1e-9 * (a.kind - b.kind || a.order - b.order)).map(([t]) => t);
    if (ranked.length > 0) return ranked.slice(0, SUGGESTIONS);
    return [...new Set(this.titles.values())].slice(0, SUGGESTIONS);
  }

  /** Whether some clause holds `term` verbatim (folded), read from the index, then the few clauses it points to. */
  private inCorpus(term: string): boolean {
    const known = this.inCorpusMemo.get(term);
    if (known !== undefined) return known;
    const f = foldText(term);
    const grams = queryTerms(f).filter((g) => g.length >= 2);
    let yes = false;
    if (grams.length > 0) {
      const sets = grams.map((g) => this.clausesWith(g));
      if (sets.every((x) => x && x.size > 0)) {
        const [smallest, ...others] = (sets as ReadonlySet<number>[]).sort((a, b) => a.size - b.size);
        let checked = 0;
        for (const i of smallest!) {
          if (others.every((o) => o.has(i)) && this.searchableText(i).includes(f)) {
            yes = true;
            break;
          }
          if (++checked >= 200) break;
        }
      }
    }
    if (this.inCorpusMemo.size >= 4096) this.inCorpusMemo.clear();
    this.inCorpusMemo.set(term, yes);
    return yes;
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

/**
 * The search terms of the words around a clause path besides those that only ask for it (请问,
 * 讲的什么, 全文, 条款): empty when the path is all that is asked.
 */
function askedBesides(words: string): string[] {
  return queryTerms(
    splitFiller(words.replace(/全文|文件|条款|内容|第?[条款项]/g, ' '))
      .filter((p) => !p.filler)
      .map((p) => p.text)
      .join(' '),
  );
}

/** A paragraph (款) as a path component: `第3款`. */
const PARAGRAPH = /^第\d+款$/;

/** Most terms a "no match" answer suggests. */
const SUGGESTIONS = 6;
/** The question's rarest words whose clauses' headings and titles are offered as suggestions. */
const SUGGESTION_GRAMS = 6;
/** Clauses read per such word. */
const SUGGESTION_CLAUSES_PER_WORD = 300;

/**
 * What a heading names, without its number: `二、支持范围` → 支持范围, `（九）企业升规奖励补助` →
 * 企业升规奖励补助, `【工作推进情况及亮点】` → 工作推进情况及亮点. Undefined for a bare number (第二条)
 * and for an item's own sentence standing as a heading (`（一）建立、健全本单位安全生产责任制；`).
 */
function headingTopic(part: string): string | undefined {
  const topic = part.replace(HEADING_NUMBER, '').replace(/[【】\s]/g, '');
  return topic.length >= 2 && topic.length <= 16 && !/[。；;，,：:、]/.test(topic) ? topic : undefined;
}
const HEADING_NUMBER = new RegExp(`^\\s*(?:第[${ORDINAL_NUMERAL_CHARS}\\d]+[章节条款]|[${ORDINAL_NUMERAL_CHARS}]+[、.．]|[（(][${ORDINAL_NUMERAL_CHARS}\\d]+[）)]|\\d+[.．、]?)\\s*`, 'u');

/**
 * The question's own words (the segmenter's, of two or more Chinese characters), without the words
 * that only ask (多久, 怎么办), stopwords and numbers or bounds (十五, 以上).
 */
function questionWords(q: string): string[] {
  const out: string[] = [];
  for (const part of splitFiller(foldText(q))) {
    if (part.filler) continue;
    for (const { segment } of wordSegmenter().segment(part.text)) {
      if (/^[\u4e00-\u9fff]{2,}$/u.test(segment) && !ZH_STOPWORDS.has(segment) && !NUMBER_OR_BOUND.test(segment) && !out.includes(segment)) out.push(segment);
    }
  }
  return out;
}

/**
 * Whether a suggestion says something the question (`asked`, folded, spaces removed) does not: not
 * typed in it, not made only of its words (电梯保养 for 电梯…保养), not a bare number or a word that
 * only bounds one (十五, 以上), not a stopword.
 */
function newToQuestion(term: string, asked: string): boolean {
  const t = foldText(term).replace(/\s+/g, '');
  if (t.length === 0 || asked.includes(t) || ZH_STOPWORDS.has(t) || NUMBER_OR_BOUND.test(t)) return false;
  const words = queryTerms(t);
  return words.length === 0 || !words.every((w) => asked.includes(w));
}
const NUMBER_OR_BOUND = new RegExp(`^(?:[${ORDINAL_NUMERAL_CHARS}两\\d.．%％]+[次个年月日天周台只条项款号元倍]?|以上|以下|以内|以外|不满|超过|不少于|不超过|不低于|不高于|至少|最多)$`, 'u');

/** A unit's name without its level or place prefix: 市商务局 → 商务局, 晋城海关 → 海关. */
function unitCore(unit: string): string {
  return unit.replace(/^(?:晋城市|晋城|山西省|国家|市|区|省|各)/, '');
}

/**
 * Builds a search over `clauses`. Pass `cacheDir` to persist the index (in shards) and read it back
 * next time; `index` to use one loaded by {@link loadClauseIndexAsync}.
 */
export function createClauseSearch(clauses: readonly Clause[], options: ClauseSearchOptions = {}): ClauseSearch {
  return new ClauseSearch(clauses, options);
}
