/**
 * The Chinese tokenizer behind clause search, used identically when indexing a clause and when
 * reading a query — a term can only match if both sides cut the text the same way.
 *
 * MiniSearch's default tokenizer splits on spaces and punctuation, so a Chinese sentence becomes
 * one giant "word" and nothing inside it can be found. Here a text becomes:
 *
 * - **overlapping character bigrams** of every CJK stretch (`节能审查` → `节能` `能审` `审查`): the
 *   recipe with the best record for Chinese retrieval, needing no dictionary;
 * - a **unigram** only for a one-character stretch (`镇` standing alone), so it is not lost;
 * - **lowercased Latin words and numbers** (`rcep`, `1000`, `0.5`).
 *
 * Question words (请问, 怎么, 哪些, 是否, 需要 …) are dropped, but only when `Intl.Segmenter('zh')`
 * (built into Node) isolates them as whole words, so `有限` keeps its `有` and `目的地` its `的`. A dropped word also breaks the
 * stretch, so `需要节能` does not produce the junk bigram `要节`. Spaces between two CJK characters
 * do not break a stretch: PDF extraction leaves `组 长` in tables. The segmenter's word boundaries also
 * mark which query bigrams straddle two words (see {@link TermInfo}).
 *
 * Measured on the evaluation set: adding the segmenter's 3+-character words as extra terms changed
 * nothing (hit@1 0.991 either way), so they are left out and the index stays smaller.
 *
 * ```ts
 * tokenize('请问节能审查需要什么材料')
 * // => ['节能', '能审', '审查', '材料']
 * ```
 *
 * @module
 */
import { CHARS_NORMALIZED_CLASS, normalizeChars } from '../text/normalize.ts';
import { wordSegmenter } from '../text/segmenter.ts';
import { boundedMemo } from './boundedMemo.ts';
import glossary from './glossary.json' with { type: 'json' };


/** Bump when the terms produced for a text change: persisted indexes keyed on it are rebuilt. */
export const TOKENIZER_VERSION = 2;

/** Chinese question/function words dropped when they stand as whole words. */
export const ZH_STOPWORDS: ReadonlySet<string> = new Set(glossary.stopwords.zh);
/** English function words dropped from English questions. */
export const EN_STOPWORDS: ReadonlySet<string> = new Set(glossary.stopwords.en);

const CJK = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
/** One or two plain spaces between two CJK characters: PDF damage inside a word (`组 长`), removed. */
const SOFT_GAP = /(?<=[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]) {1,2}(?=[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF])/g;
/** A maximal CJK run, or a run of other letters/digits (with one decimal part: `0.5`). */
const PIECES = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|(?:(?![\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF])[\p{L}\p{N}])+(?:\.\d+)?/gu;
/** Characters occurring in some Chinese stopword: a run without any needs no segmentation. */
const STOP_CHARS: ReadonlySet<string> = new Set([...ZH_STOPWORDS].join(''));

/** True for a CJK ideograph. */
export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

/** A character {@link foldText} changes: one normalizeChars changes, or one lowercasing changes. */
const FOLD_CHANGES = new RegExp(`[${CHARS_NORMALIZED_CLASS}\\p{Changes_When_Lowercased}]`, 'u');
/**
 * Per UTF-16 unit, whether {@link FOLD_CHANGES} holds: 0 not asked yet, 1 no, 2 yes (surrogates count
 * as yes, so astral text takes the full path). Filled as units are first seen: testing the Unicode
 * class itself on a whole text costs more than folding it.
 */
const foldChangesUnit = new Uint8Array(0x10000);

function needsFolding(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    let k = foldChangesUnit[u]!;
    if (k === 0) k = foldChangesUnit[u] = (u >= 0xd800 && u <= 0xdfff) || FOLD_CHANGES.test(String.fromCharCode(u)) ? 2 : 1;
    if (k === 2) return true;
  }
  return false;
}

/**
 * Folds a text for search: shared character normalization (radical look-alikes, full-width
 * letters and digits, control characters) then lowercase. Length-preserving per character except
 * where {@link normalizeChars} removes control characters, so callers that need offsets fold
 * character by character (see `snippet.ts`).
 */
export function foldText(s: string): string {
  // Most text (Chinese clauses, a question) has nothing to fold: one scan instead of seven passes and a copy.
  return needsFolding(s) ? normalizeChars(s).toLowerCase() : s;
}

/** A term with where it came from, for judging how much of a query a clause covers. */
export interface TermInfo {
  term: string;
  /**
   * True for a bigram that straddles two segmenter words (`项目要不要做` → `目要`): useful for ranking,
   * but not a concept the user asked about.
   */
  crossWord: boolean;
  /**
   * Which word of the text the term belongs to (a running number; for a cross-word bigram, the word
   * it starts in). Terms of one word are one concept of the query.
   */
  word: number;
  /**
   * True for a term of a "word" the segmenter could only cut into single characters (郭瑞林, but also
   * colloquial fragments such as 钱从 in 钱从哪里出): a name when the corpus has it, noise when not.
   */
  singleRun: boolean;
}

/**
 * Splits a text into search terms (see the module doc). Returns terms in text order with repeats,
 * so term frequency is kept for BM25; callers that want a set dedupe themselves.
 */
export function tokenize(text: string): string[] {
  return tokenizeWithInfo(text, false).map((t) => t.term);
}

/**
 * {@link tokenize}, with each term marked as word-internal or straddling two words.
 *
 * The terms are the same with or without `wordBoundaries`; only the `crossWord` marks need them.
 * Without, a CJK run containing no stopword character is cut into bigrams directly, skipping the
 * segmenter (the slow part of indexing: about half of all text), and its bigrams are all marked
 * word-internal. Queries are read with word boundaries, clauses are indexed without.
 *
 * `recut`, for a query, may re-cut the segmenter's words of each CJK run (segment.ts: the corpus's
 * own words); it changes only which bigrams count as one word, and which stopwords stand alone.
 */
export function tokenizeWithInfo(text: string, wordBoundaries = true, recut?: (segments: readonly string[]) => readonly string[]): TermInfo[] {
  const folded = foldText(text).replace(SOFT_GAP, '');
  const out: TermInfo[] = [];
  let word = 0;
  const singleRuns = new Set<number>();
  const emit = (stretch: string, wordOf: number[] | null) => {
    if (stretch.length === 1) out.push({ term: stretch, crossWord: false, word: wordOf?.[0] ?? ++word, singleRun: false });
    const own = wordOf === null ? ++word : 0;
    for (let i = 0; i + 1 < stretch.length; i++) {
      const w = wordOf === null ? own : wordOf[i]!;
      out.push({ term: stretch.slice(i, i + 2), crossWord: wordOf !== null && wordOf[i] !== wordOf[i + 1], word: w, singleRun: singleRuns.has(w) });
    }
  };
  for (const m of folded.matchAll(PIECES)) {
    const piece = m[0];
    if (!CJK.test(piece[0]!)) {
      if (!EN_STOPWORDS.has(piece)) out.push({ term: piece, crossWord: false, word: ++word, singleRun: false });
      continue;
    }
    if (!wordBoundaries && ![...piece].some((ch) => STOP_CHARS.has(ch))) {
      emit(piece, null);
      continue;
    }
    let stretch = '';
    let wordOf: number[] = [];
    let prevSingle = false;
    const segments = Array.from(wordSegmenter().segment(piece), (s) => s.segment);
    for (const segment of recut ? recut(segments) : segments) {
      // A stopword counts only as a whole word, and ends the stretch so no bigram spans it.
      if (ZH_STOPWORDS.has(segment)) {
        emit(stretch, wordOf);
        stretch = '';
        wordOf = [];
        prevSingle = false;
        continue;
      }
      // The segmenter cuts names and words it does not know (郭瑞林) into single characters; a run
      // of single characters is read as one word, so its bigrams count as content.
      const single = segment.length === 1;
      if (!(single && prevSingle)) word++;
      else singleRuns.add(word);
      prevSingle = single;
      for (let k = 0; k < segment.length; k++) wordOf.push(word);
      stretch += segment;
    }
    emit(stretch, wordOf);
  }
  return out;
}

/** {@link tokenize} as a set, in first-seen order: how a query is read. */
export function queryTerms(text: string): string[] {
  // A copy: callers keep and extend the lists they get.
  return text.length <= REMEMBERED_WORD_CHARS ? [...wordTerms(text)] : [...new Set(tokenize(text))];
}

/**
 * Texts up to this length are words (驾驶证, 年度报告) whose terms {@link queryTerms} remembers: a word
 * of the question no clause uses is tried against dozens of dictionary synonyms (bilingual.ts,
 * `corpusSynonyms`), and the same ones come back question after question.
 */
const REMEMBERED_WORD_CHARS = 8;
const wordTerms = boundedMemo(8192, (word: string): readonly string[] => [...new Set(tokenize(word))]);
