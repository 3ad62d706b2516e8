/**
 * Lookup questions — 谁 / 什么时候 / 多少 / 多久 / 哪些 — ask for one span of a clause, not the whole
 * clause. This module reads which kind of span a question asks for ({@link answerTypeOf}, from the
 * general cue lists in `querywords.json`), tells the ranking whether a clause has such a span at all
 * ({@link hasAnswerShape}: a question asking 多久 prefers a clause that states a period), and cuts the
 * span out of the chosen clause ({@link findAnswer}) so the reply can name it — 组长 张鹏飞（副市长）,
 * 2027年12月底, 20个工作日内 — above the verbatim clause.
 *
 * The span is always a verbatim substring of the clause text: the phrase (between ，；。 and the like)
 * that has the kind of value asked for and shares the most with the question.
 *
 * @module
 */
import querywords from './querywords.json' with { type: 'json' };
import { englishQuestionCue } from './expand.ts';
import { foldText } from './tokenize.ts';

export type AnswerType = 'duration' | 'when' | 'amount' | 'who' | 'list';

const ORDER: readonly AnswerType[] = ['duration', 'when', 'amount', 'who', 'list'];

/** What a span of each type looks like in a policy text. */
const SHAPES: Readonly<Record<AnswerType, RegExp>> = {
  duration: /\d+(?:\.\d+)?\s*(?:个)?\s*(?:工作日|日|天|个月|月|年|周|小时)|[一二三四五六七八九十两半]+(?:个)?(?:工作日|月|年)/,
  when: /\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底|末|中旬|上旬|下旬)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九十]{1,3}月(?:底|末)|(?:自|于).{0,16}(?:起|之日起)?施行/,
  amount: /\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|％|‰|倍|吨|万|亿|个|家|场|次|户|人|亩|项|天|日)|[一二三四五六七八九十百千万两]+(?:万元|亿元|元|倍|个|家|场|次|户|人|项)/,
  who: /组长|副组长|牵头|负责|召集|主任|由.{1,16}(?:负责|承担|组织|召集|审批|核准|实施|核定)|（[^（）]{1,8}(?:市长|书记|局长|主任|区长|县长)）/,
  list: /下列|以下|包括|如下|：/,
};

/** The kind of span a question asks for, or `null` when it asks for no single span. */
export function answerTypeOf(query: string): AnswerType | null {
  // 这几种 / 那几个 point at things already named; only a bare 几 asks for a number.
  // An English question asks with the same cues once read (How long … → 多久; expand.ts).
  const q = foldText(query).replace(/[这那]几/g, '') + englishQuestionCue(query);
  const types = querywords.answerTypes as Record<AnswerType, string[]>;
  for (const t of ORDER) if (types[t].some((cue) => q.includes(cue))) return t;
  return null;
}

/** True when `text` contains a span of the kind asked for (a period for 多久, a sum for 多少 …). */
export function hasAnswerShape(type: AnswerType, text: string): boolean {
  return SHAPES[type].test(text);
}

/**
 * The span of `text` answering a question of `type`: the phrase (cut at ，；。：and line ends)
 * that has the asked-for shape and shares the most terms with the question, verbatim. `null` when
 * no phrase has that shape.
 */
export function findAnswer(type: AnswerType, query: string, text: string): string | null {
  const want = new Set(bigrams(foldText(query)));
  const phrases: Array<{ s: string; score: number; at: number }> = [];
  // 组长：张鹏飞 — a 谁 answer keeps its label; a list keeps its colon and items.
  const re = type === 'list' ? /[^。；;\n]+[。；;]?/g : type === 'who' ? /[^，,。；;\n]+/g : /[^，,。；;：:\n]+/g;
  for (const m of text.matchAll(re)) {
    const s = m[0].trim();
    if (s === '' || !SHAPES[type].test(s)) continue;
    const shared = new Set(bigrams(s).filter((t) => want.has(t))).size;
    phrases.push({ s, score: shared, at: m.index ?? 0 });
  }
  if (phrases.length === 0) return null;
  phrases.sort((a, b) => b.score - a.score || a.at - b.at);
  const best = phrases[0]!.s.replace(/[。；;，,：:]+$/, '');
  // Never a bare number: a phrase too short to read on its own gets the phrase before it.
  return best.length >= 4 ? best : null;
}

/** Character bigrams of the CJK runs of a text: cheap overlap for choosing among a clause's phrases. */
function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u4e00-\u9fff]+/g) ?? []) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}
