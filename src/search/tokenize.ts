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
import { normalizeChars } from '../text/normalize.ts';
import glossary from './glossary.json' with { type: 'json' };

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Chinese question/function words dropped when they stand as whole words. */
export const ZH_STOPWORDS: ReadonlySet<string> = new Set(glossary.stopwords.zh);
/** English function words dropped from English questions. */
export const EN_STOPWORDS: ReadonlySet<string> = new Set(glossary.stopwords.en);

const CJK = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
/** Spaces that do not break a CJK stretch: one or two plain spaces. */
const SOFT_GAP = /^ {1,2}$/;
const CJK_RUN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|[\p{L}\p{N}]+(?:\.\d+)?/gu;

/** True for a CJK ideograph. */
export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

/**
 * Folds a text for search: shared character normalization (radical look-alikes, full-width
 * letters and digits, control characters) then lowercase. Length-preserving per character except
 * where {@link normalizeChars} removes control characters, so callers that need offsets fold
 * character by character (see `snippet.ts`).
 */
export function foldText(s: string): string {
  return normalizeChars(s).toLowerCase();
}

/** A term with where it came from, for judging how much of a query a clause covers. */
export interface TermInfo {
  term: string;
  /**
   * True for a bigram that straddles two segmenter words (`项目要不要做` → `目要`): useful for ranking,
   * but not a concept the user asked about.
   */
  crossWord: boolean;
}

/**
 * Splits a text into search terms (see the module doc). Returns terms in text order with repeats,
 * so term frequency is kept for BM25; callers that want a set dedupe themselves.
 */
export function tokenize(text: string): string[] {
  return tokenizeWithInfo(text).map((t) => t.term);
}

/** {@link tokenize}, with each term marked as word-internal or straddling two words. */
export function tokenizeWithInfo(text: string): TermInfo[] {
  const folded = foldText(text);
  const out: TermInfo[] = [];
  let stretch = '';
  let words: string[] = [];
  // wordOf[k]: index of the segmenter word holding the stretch's k-th character.
  let wordOf: number[] = [];
  let lastEnd = 0;

  const flush = () => {
    if (stretch.length === 1) out.push({ term: stretch, crossWord: false });
    for (let i = 0; i + 1 < stretch.length; i++) out.push({ term: stretch.slice(i, i + 2), crossWord: wordOf[i] !== wordOf[i + 1] });
    stretch = '';
    words = [];
    wordOf = [];
  };

  for (const seg of segmenter.segment(folded)) {
    const gap = folded.slice(lastEnd, seg.index);
    lastEnd = seg.index + seg.segment.length;
    if (gap !== '' && !SOFT_GAP.test(gap)) flush();
    if (!seg.isWordLike) {
      // Plain spaces between two CJK characters keep the stretch (PDF table damage: `组 长`);
      // punctuation, tabs and line breaks end it.
      if (!SOFT_GAP.test(seg.segment)) flush();
      continue;
    }
    // A segment may mix scripts (`32号`): cut it into CJK runs and alphanumeric runs.
    for (const m of seg.segment.matchAll(CJK_RUN)) {
      const piece = m[0];
      if (CJK.test(piece[0]!)) {
        if (ZH_STOPWORDS.has(piece)) {
          flush();
          continue;
        }
        for (let k = 0; k < piece.length; k++) wordOf.push(words.length);
        stretch += piece;
        words.push(piece);
      } else {
        flush();
        if (!EN_STOPWORDS.has(piece)) out.push({ term: piece, crossWord: false });
      }
    }
  }
  flush();
  return out;
}

/** {@link tokenize} as a set, in first-seen order: how a query is read. */
export function queryTerms(text: string): string[] {
  return [...new Set(tokenize(text))];
}
