/**
 * Greetings and thanks around a message (您好，… 谢谢 / Hi, … Thanks!). They say nothing about what
 * is asked, yet read as words they were a subject no clause has (您好 refused a question its clause
 * answered), or the answer to a yes/no question (`… need an energy review? Thanks!`). Search and the
 * rule module read a message without them; one list, here, for both.
 *
 * ```ts
 * withoutCourtesy('您好，专业镇的认定标准是什么？谢谢')   // => '专业镇的认定标准是什么？'
 * withoutCourtesy('Hi, when did it take effect? Thanks!') // => 'when did it take effect?'
 * withoutCourtesy('好的谢谢')                             // => '' (nothing is asked)
 * ```
 *
 * @module
 */

/** Greetings that open a message (general Chinese and English; no subject of any document). */
export const GREETINGS: readonly string[] = [
  '您好', '你好', '你们好', '大家好', '老师好', '领导好', '早上好', '上午好', '下午好', '晚上好', '打扰一下', '打扰了', '在吗',
  'hi there', 'hello there', 'hi', 'hello', 'hey', 'dear all', 'good morning', 'good afternoon', 'good evening', 'excuse me', 'sorry to bother you',
];

/**
 * Acknowledgements that open a message (好的，那如果年用电600万千瓦时呢) or make up all of it (好的谢谢):
 * only before a mark or the end, since 好的 / 了解 also begin questions (好的营商环境…, 了解政策…).
 */
export const ACKNOWLEDGEMENTS: readonly string[] = ['好的', '好吧', '好', '嗯嗯', '嗯', '收到', '明白了', '明白', '知道了', '了解了', 'ok', 'okay', 'got it', 'i see'];

/** Thanks that close a message (or open it, before the next question: 谢谢，那如果…). */
export const THANKS: readonly string[] = [
  '谢谢您', '谢谢你', '谢谢', '多谢', '非常感谢', '感谢您', '辛苦了', '麻烦了',
  'thank you very much', 'thank you', 'thanks a lot', 'many thanks', 'thanks', 'cheers', 'regards',
];

/** Punctuation and spaces that may stand between a greeting or thanks and the question. */
const GAP = '[\\s,，.。!！~～:：;；、]*';
const alternatives = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => (/^[a-z]/.test(w) ? `${w.replace(/ /g, '\\s+')}\\b` : w)).join('|');
// 在吗？ opens a message too: after a greeting, a question mark is no question.
const LEADING = new RegExp(`^${GAP}(?:${alternatives(GREETINGS)})[\\s,，.。!！~～:：;；、?？]*`, 'i');
// Acknowledgements and thanks may open a message too (好的谢谢，那专业镇呢; Thanks. And …), each
// followed by a mark, the end or another of them.
const OPENER = `(?:${alternatives([...ACKNOWLEDGEMENTS, ...THANKS])})`;
const ACKNOWLEDGING = new RegExp(`^${GAP}(?:${OPENER}(?:[\\s,，.。!！~～:：;；、]+|$|(?=${OPENER})))+`, 'i');
// Not 、 before the thanks: it ends a clause path (晋市政办〔2024〕32号 一、，谢谢).
const TRAILING = new RegExp(`[\\s,，.。!！~～:：;；]*(?:${alternatives(THANKS)})[\\s.。!！~～?？]*$`, 'i');

/**
 * `text` without the greetings and acknowledgements that open it and the thanks that close it; `''`
 * for a message that is nothing but courtesy (好的谢谢, Thanks!), which asks nothing.
 */
export function withoutCourtesy(text: string): string {
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(LEADING, '').replace(ACKNOWLEDGING, '').replace(TRAILING, '');
  }
  return out.trim() === '' ? '' : out;
}

/** True when `text` closes with thanks (谢谢, Thanks!): the reply to it is 不客气, not 您好. */
export function endsWithThanks(text: string): boolean {
  return TRAILING.test(text);
}
