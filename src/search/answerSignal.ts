/**
 * The answer-type signal of the ranking: a question that asks for one kind of answer — a period
 * (多久), a date (什么时候), a sum (罚多少), a consequence (会怎么样), an authority (找谁), a list (哪些)
 * — prefers, among the clauses that already match its subject, the one that states that kind of
 * answer about that subject. It never retrieves a clause and never lets a clause through on its own:
 * it multiplies the score of a candidate the evidence already admitted.
 *
 * A clause states the answer when one of its phrases holds both a span of the asked-for type
 * (answer.ts, from the table in `answertypes.json`) and a word of the question other than the cue
 * (the phrase `自投诉受理之日起四十五个工作日内…未能达成调解协议的` for 调解拖多久), or when it is an item
 * whose lead-in states it (`有下列情形之一的，终止调解：` above `（三）…不参加调解的；`; leadIn.ts). A
 * clause whose only period is about something else (`前12个月剔除加班工资`) earns nothing.
 *
 * @module
 */
import type { Clause } from '../corpus/index.ts';
import { answerCounterOf, answerCueOf, answerTypeOf, answerUnitOf, hasAnswerShape, hasAnswerShapeNear, type AnswerType } from './answer.ts';
import { leadInOf, parentOf } from './leadIn.ts';

/**
 * Score multiplier for a clause that states the kind of answer the question asks for about its
 * subject. Measured on the corpus and development sets (`npm run eval -- --tuning`): 1.5 loses
 * dev hit@1, 3 gains nothing over 2.
 */
export const ANSWER_SHAPE_BOOST = 2;
/**
 * Further factor on a clause stating the asked-for answer, applied only to the order of the clauses
 * once the "no match" decision has accepted the question. The decision reads the best clause under
 * {@link ANSWER_SHAPE_BOOST} alone: with a stronger factor there, a clause that merely states some figure
 * became the one it judged, and an unanswerable question (招商引资项目土地出让金能返还多少) was answered.
 * Among clauses already accepted, the one with the value asked for comes first more often. Measured on
 * the tuning sets (`npm run eval -- --tuning`): 1.5 puts a dev question into the top 3 (How many days does a
 * government agency have to pay a small business? 6th → 2nd) and three round-4 ones first, loses
 * nothing on any set and names three more round-4 answer lines; 2 lost a round-4 question at rank 1.
 */
export const ANSWER_SHAPE_ORDER_BOOST = 1.5;

/** What the ranking reads about the kind of answer a question asks for. */
export interface AnswerSignal {
  /** The kind of answer asked for. */
  readonly type: AnswerType;
  /** The largest factor {@link boost} returns, for bounding how far a candidate can rise. */
  readonly maxBoost: number;
  /** {@link ANSWER_SHAPE_BOOST} when clause `id` states the asked-for answer next to one of `matched` (the question's words it holds), else 1. */
  boost(id: number, matched: Iterable<string>): number;
  /**
   * Reorders ranked candidates (best first, in place) for the kind of answer: for a list question,
   * a list that is itself a candidate rises to the score of its best item, since the question asks
   * for the whole list (投诉应当提供下列材料：) and an item (（三）具体的投诉请求) is only part of it.
   */
  reorder(best: Array<{ id: number; score: number }>): void;
  /**
   * For a list question, the lists (clauses introducing items: 投诉应当提供下列材料：) that items among
   * `ids` belong to and that are not among `ids` themselves; empty for any other question.
   */
  listsOf(ids: readonly number[]): number[];
  /** Whether clause `id` (or its lead-in) holds a span of the asked-for type anywhere: the "no match" decision's `shapeless` reads its negation. */
  states(id: number): boolean;
  /**
   * Whether item `id` states the asked-for value only through its list's introducing sentence
   * (`有下列行为之一的，处一万元以上十万元以下罚款：` above `（一）设置技术障碍的；`): the value is in that clause.
   */
  statedByLeadIn(id: number): boolean;
}

/** The answer-type signal of question `q` over `clauses`, or `null` when it asks for no single kind of answer. */
export function answerSignal(q: string, clauses: readonly Clause[]): AnswerSignal | null {
  const type = answerTypeOf(q);
  if (!type) return null;
  // The cue's own characters (个月 of 几个月) are not the subject: a clause's 12个月 is not "near" them.
  const cue = answerCueOf(q);
  // 几天 asks for days: a clause whose only period is 2年 states another kind of period.
  const unit = answerUnitOf(q);
  // 几个 / 多少家: the measure word the question counts with.
  const counter = answerCounterOf(q);
  // A list is the clause that introduces the items, not an item: no lead-in for it.
  const byLeadIn = (id: number) => type !== 'list' && hasAnswerShape(type, leadInOf(clauses, id), unit);
  return {
    type,
    maxBoost: ANSWER_SHAPE_BOOST,
    boost(id, matched) {
      const words = [...matched].filter((t) => !cue.includes(t));
      return hasAnswerShapeNear(type, clauses[id]!.text, words, unit) || byLeadIn(id) ? ANSWER_SHAPE_BOOST : 1;
    },
    reorder(best) {
      if (type !== 'list') return;
      let moved = false;
      for (const item of best) {
        const parent = parentOf(clauses, item.id);
        if (parent < 0 || !hasAnswerShape('list', leadInOf(clauses, item.id))) continue;
        const list = best.find((b) => b.id === parent);
        if (list && list.score < item.score) {
          list.score = item.score;
          moved = true;
        }
      }
      // The list comes before its items (an item's id follows its list's).
      if (moved) best.sort((a, b) => b.score - a.score || a.id - b.id);
    },
    listsOf(ids) {
      if (type !== 'list') return [];
      const have = new Set(ids);
      const out = new Set<number>();
      for (const id of ids) {
        const parent = parentOf(clauses, id);
        if (parent >= 0 && !have.has(parent) && hasAnswerShape('list', leadInOf(clauses, id))) out.add(parent);
      }
      return [...out];
    },
    states(id) {
      // A count asked with its measure word (几个灭火器, 多少家) is stated only as a figure in it, as the
      // answer line reads it: a clause's 六十周岁 or 2年 says nothing of how many. Measured on `npm run
      // eval -- --tuning`: dev and round 6 refuse one more unanswerable question each, no hit lost, and
      // the no-match model's cross-validated refusal of dev unanswerable questions rose 0.655 → 0.685.
      if (counter && !counter.test(clauses[id]!.text) && !counter.test(leadInOf(clauses, id))) return false;
      return hasAnswerShape(type, clauses[id]!.text, unit) || byLeadIn(id);
    },
    statedByLeadIn(id) {
      return byLeadIn(id) && !hasAnswerShape(type, clauses[id]!.text, unit);
    },
  };
}
