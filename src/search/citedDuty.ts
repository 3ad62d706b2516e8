/**
 * The penalties of a duty. Regulations state a duty in one article and its penalty in the 法律责任
 * chapter, naming the behaviour only by number: `违反本条例第二十九条第一项规定，…拒绝立即驶离的，处二十元
 * 以上二百元以下罚款`. A question asks about the behaviour in its own words (路边停车超时了还不肯开走，
 * 罚多少), and those words are in the duty (第二十九条（一） 在允许时段停放车辆), not in the penalty, which
 * shares little with the question but holds the fine it asks for. The ranking brings the penalty
 * clause after a duty it finds (rank.ts, `penaltiesOfLeadingDuties`).
 *
 * ```ts
 * citedArticles('违反本规定第九条第一款第一项至第二项规定，…')
 * // => [{ article: '第九条', paragraph: '第一款', item: '（一）' }, { article: '第九条', paragraph: '第一款', item: '（二）' }]
 * penaltiesCiting(clauses, i) // => the clauses of i's document whose 违反本条例第N条 names it
 * ```
 *
 * @module
 */
import type { Clause } from '../corpus/index.ts';
import { parseNumber, writeNumerals } from '../text/numerals.ts';
import { boundedMemo } from './boundedMemo.ts';

/** How far from the penalty clause its document's articles are looked for (clauses of one document lie together). */
const MAX_CLAUSES_AWAY = 2000;

/**
 * `违反本条例第…规定` and its kin (本办法, 本规定, 本细则, 本决定, 本法): the stretch naming the
 * articles, up to 规定 or the end of the phrase.
 */
const CITATION = /违反本(?:条例|办法|规定|细则|决定|法|实施办法)((?:(?:第|至第)[〇零一二三四五六七八九十百]+[条款项](?:[、和及或]|或者|以及)?)+)/g;
/** Most items a cited range (第一项至第二十项) is read as. */
const MAX_RANGE = 20;
/** One article of a citation, with its paragraph and item when named. */
const ARTICLE = /第([〇零一二三四五六七八九十百]+)条(?:第([〇零一二三四五六七八九十百]+)款)?(?:第([〇零一二三四五六七八九十百]+)项(?:至第([〇零一二三四五六七八九十百]+)项)?)?/g;

/** The articles (and items, and their paragraphs) a clause's text cites as the duty it punishes, in order. */
export function citedArticles(text: string): Array<{ article: string; paragraph?: string; item?: string }> {
  const out: Array<{ article: string; paragraph?: string; item?: string }> = [];
  for (const m of text.matchAll(CITATION)) {
    for (const a of m[1]!.matchAll(ARTICLE)) {
      const article = `第${a[1]}条`;
      const paragraph = a[2] ? { paragraph: `第${a[2]}款` } : {};
      // 第一项至第三项: each item of the range.
      const from = a[3] ? parseNumber(a[3]) : null;
      const to = a[4] ? parseNumber(a[4]) : from;
      if (from === null || to === null || to < from || to - from > MAX_RANGE) {
        out.push({ article, ...paragraph, ...(a[3] ? { item: `（${a[3]}）` } : {}) });
        continue;
      }
      for (let k = from; k <= to; k++) out.push({ article, ...paragraph, item: `（${writeNumerals(k) ?? a[3]}）` });
    }
  }
  return out;
}

/** True when `path` (第二十九条（一）) is among what a citation of `cited` names. */
function names(cited: { article: string; paragraph?: string; item?: string }, path: string): boolean {
  if (path !== cited.article && !(path.startsWith(cited.article) && /^[（第]/.test(path.slice(cited.article.length)))) return false;
  return !cited.item || path === cited.article || path.endsWith(cited.item);
}

/** Clauses whose citing penalties are remembered per clause list (the memo is cleared when full). */
const MAX_READ = 20_000;
/** Per clause list, the penalties citing each clause read so far (a clause without 违反本 costs one `includes`). */
const citing = new WeakMap<readonly Clause[], (i: number) => number[]>();

/**
 * The clauses of clause `i`'s document that punish it: those whose `违反本条例第N条` names its
 * article (or, an item named, that item — or the article holding it). Nearest first.
 */
export function penaltiesCiting(clauses: readonly Clause[], i: number): number[] {
  let of = citing.get(clauses);
  if (!of) citing.set(clauses, (of = boundedMemo(MAX_READ, (j: number) => readCiting(clauses, j))));
  return of(i);
}

function readCiting(clauses: readonly Clause[], i: number): number[] {
  const self = clauses[i];
  if (!self) return [];
  const out: number[] = [];
  for (const step of [1, -1]) {
    for (let j = i + step, n = 0; j >= 0 && j < clauses.length && n < MAX_CLAUSES_AWAY; j += step, n++) {
      const other = clauses[j]!;
      if (other.docId !== self.docId) break;
      if (!other.text.includes('违反本')) continue;
      if (citedArticles(other.text).some((c) => names(c, self.path))) out.push(j);
    }
  }
  return out;
}
