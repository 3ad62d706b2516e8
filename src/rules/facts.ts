/**
 * Facts from natural language, Chinese or English: quantities with units, counts, negations,
 * town types, quarters and dates. The vocabulary is data ({@link FACT_DEFS}, factDefs.ts; time
 * facts in timeFacts.ts); the extractor never
 * invents a fact — a figure it cannot place or read becomes a {@link Problem}, not a value.
 *
 * ```ts
 * extractFacts('energy-review', '年综合能源消费量800吨标准煤，不涉密')
 * // { facts: { energy_tce: 800, state_secret: false }, problems: [] }
 * ```
 */
import { scanQuantities, type Quantity } from '../text/quantity.ts';
import type { FactKey, Facts, Problem, RuleId, TownType } from './types.ts';
import { toSimplified } from '../text/simplify.ts';
import { FACT_DEFS, RULE_FACTS, unitHint } from './factDefs.ts';
import { extractDates, extractQuarters, extractYears } from './timeFacts.ts';

const TOWN_TYPES: Array<[RegExp, TownType]> = [
  [/制造业|制造类|manufacturing/gi, 'manufacturing'],
  [/特优农业|农业类|农业|agricultur|farming/gi, 'agriculture'],
  [/轻工|light[- ]industr/gi, 'light_industry'],
];

const FOREIGN_SCRIPT =
  /[\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}]+(?:[\s\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}]+)*/gu;

/** A short answer to a yes/no question, as people type it in a form or a chat. */
const NO_ANSWER = /^(?:否|不|不是|不对|没|没有|无|未|非|不涉及|不涉密|不在|不属于|未列入|没有列入|不具有|不具备|不需要|no|nope|not|false|n)$/i;
const YES_ANSWER = /^(?:是|是的|对|有|涉及|涉密|在|属于|列入|已列入|具有|具备|yes|yep|yeah|true|y)$/i;

/**
 * Reads a bare yes/no answer (`否`, `不涉及`, `没有`, `是的`, `no`), or `undefined` when the text is
 * not one. Only the whole answer counts: `没有涉密` is a statement for the fact patterns, not this.
 */
export function readYesNo(answer: string): boolean | undefined {
  const a = answer.trim().replace(/^[:：\s]+/, '').replace(/[。.!！~～\s]+$/, '');
  if (NO_ANSWER.test(a)) return false;
  if (YES_ANSWER.test(a)) return true;
  return undefined;
}

/** `<question>吗？<answer>` or `是否…：<answer>` within one sentence. */
const QUESTION_AND_ANSWER = /([^，。；;！!\n？?:：]+?)(?:\s*(?:吗|么|嘛)?\s*[？?]|\s*[:：])\s*([^，。；;！!\n？?:：]{1,12})/g;
/** A fact named inside a question that is not answered (是否涉及国家秘密 / 涉密吗) says nothing. */
const UNANSWERED_BEFORE = /(?:是否|是不是|有没有|是否已|does|is|are)\s*$/i;
const UNANSWERED_AFTER = /^\s*(?:吗|么|嘛|与否)\s*[？?]?\s*$|^\s*[？?]/;

const SEPARATORS = /[，。；;！？!?\n、]|,\s|\s+and\s+|\s+but\s+/g;

interface Hit { key: FactKey; start: number; end: number }

function keywordHits(text: string, keys: FactKey[]): Hit[] {
  const hits: Hit[] = [];
  for (const key of keys) {
    const re = FACT_DEFS[key]?.keywords;
    if (!re) continue;
    for (const m of text.matchAll(new RegExp(re.source, 'gi'))) hits.push({ key, start: m.index!, end: m.index! + m[0].length });
  }
  return hits;
}

function segmentOf(text: string, at: number): [number, number] {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(SEPARATORS)) {
    if (m.index! + m[0].length <= at) start = m.index! + m[0].length;
    else if (m.index! >= at) { end = Math.min(end, m.index!); break; }
  }
  return [start, end];
}

function nearest(hits: Hit[], q: Quantity, seg: [number, number]): Hit | null {
  let best: Hit | null = null;
  let bestDist = Infinity;
  for (const h of hits) {
    if (h.start < seg[0] || h.end > seg[1]) continue;
    // Prefer the word before the number (年耗电300万度); after it costs a little more (300万度电).
    const d = h.end <= q.start ? q.start - h.end : h.start >= q.end ? h.start - q.end + 2 : 0;
    if (d < bestDist) { best = h; bestDist = d; }
  }
  return best;
}

export interface ExtractOptions { now?: Date }

/**
 * Read the facts of rule `ruleId` from `text` (Chinese or English).
 *
 * Returns only what the text says. Contradictions (`年耗电300万度，年耗电600万度`), units that do
 * not fit (`年用电300吨`), negative or absurd figures, approximate figures (`300多万度`) and
 * foreign scripts come back as `problems`, and the fact they concern is left unset.
 */
export function extractFacts(ruleId: RuleId, original: string, _locale?: string, opts: ExtractOptions = {}): { facts: Facts; problems: Problem[] } {
  const text = toSimplified(original);
  const now = opts.now ?? new Date();
  const keys = RULE_FACTS[ruleId];
  const problems: Problem[] = [];
  const found = new Map<FactKey, Array<{ value: unknown; raw: string }>>();
  const add = (key: FactKey, value: unknown, raw: string) => {
    if (!keys.includes(key)) return;
    const list = found.get(key) ?? [];
    list.push({ value, raw });
    found.set(key, list);
  };

  for (const m of text.matchAll(FOREIGN_SCRIPT)) {
    problems.push({ zh: `无法识别的文字：「${m[0].trim()}」，请用中文或英文说明。`, en: `Could not read "${m[0].trim()}"; please use Chinese or English.` });
  }

  // Booleans. A yes/no question put in front of its answer (项目涉及国家秘密吗？否, 是否涉密：否) is
  // read as question + answer, and a question with no answer says nothing: the words of the
  // question itself must never be read as "yes".
  const boolKeys = keys.filter((k) => FACT_DEFS[k]?.no && FACT_DEFS[k]?.yes);
  const asks = (clause: string, key: FactKey) => new RegExp(FACT_DEFS[key]!.yes!.source, 'i').test(clause) || new RegExp(FACT_DEFS[key]!.no!.source, 'i').test(clause);
  let boolText = text;
  const blank = (from: number, to: number) => {
    boolText = boolText.slice(0, from) + ' '.repeat(to - from) + boolText.slice(to);
  };
  for (const m of text.matchAll(QUESTION_AND_ANSWER)) {
    const [whole, question, answer] = m as unknown as [string, string, string];
    const key = boolKeys.find((k) => asks(question, k));
    if (!key) continue;
    const value = readYesNo(answer);
    if (value !== undefined) {
      add(key, value, whole.trim());
      blank(m.index!, m.index! + whole.length);
    } else blank(m.index!, m.index! + question.length);
  }
  for (const key of boolKeys) {
    for (const m of boolText.matchAll(new RegExp(FACT_DEFS[key]!.yes!.source, 'gi'))) {
      const [from, to] = segmentOf(boolText, m.index!);
      const before = boolText.slice(from, m.index!);
      const after = boolText.slice(m.index! + m[0].length, to + 1);
      if (UNANSWERED_BEFORE.test(before) || UNANSWERED_AFTER.test(after)) blank(from, to);
    }
  }
  // Negations first, then blank them out so 不涉密 is not also read as 涉密.
  for (const key of boolKeys) {
    const def = FACT_DEFS[key]!;
    let rest = boolText;
    for (const m of boolText.matchAll(new RegExp(def.no!.source, 'gi'))) {
      add(key, false, m[0]);
      rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
    }
    for (const m of rest.matchAll(new RegExp(def.yes!.source, 'gi'))) add(key, true, m[0]);
  }

  if (keys.includes('town_type')) {
    for (const [re, type] of TOWN_TYPES) for (const m of text.matchAll(new RegExp(re.source, 'gi'))) add('town_type', type, m[0]);
  }
  if (keys.includes('quarter')) for (const q of extractQuarters(text, now)) add('quarter', q, q);
  if (keys.includes('year')) for (const y of extractYears(text, now)) add('year', y, String(y));
  if (keys.includes('date')) for (const d of extractDates(text)) add('date', d, d);

  // Zero statements (没有外出招商) before quantities.
  for (const key of keys) {
    const re = FACT_DEFS[key]?.zero;
    if (re) for (const m of text.matchAll(new RegExp(re.source, 'gi'))) add(key, 0, m[0]);
  }

  const quantityKeys = keys.filter((k) => FACT_DEFS[k]?.dimension);
  const hits = keywordHits(text, quantityKeys);
  // Dates and quarters are not quantities: skip numbers that are part of them.
  const isCalendar = (q: Quantity) => /^\s*(?:年|月|日|号|季度|-Q|Q)/i.test(text.slice(q.end, q.end + 3)) || /第$|Q$/i.test(text.slice(0, q.start));
  for (const q of scanQuantities(text)) {
    if (q.dimension === 'none' && isCalendar(q)) continue;
    const seg = segmentOf(text, q.start);
    const kw = nearest(hits, q, seg);
    const kwDef = kw ? FACT_DEFS[kw.key]! : null;
    let key: FactKey | null = null;
    if (q.dimension === 'energy' || q.dimension === 'electricity' || q.dimension === 'money') {
      const byDim = quantityKeys.filter((k) => FACT_DEFS[k]!.dimension === q.dimension);
      if (kwDef && kwDef.dimension !== q.dimension && kwDef.dimension !== 'count') {
        problems.push(unitProblem(kw!.key, q));
        continue;
      }
      key = kw && kwDef!.dimension === q.dimension ? kw.key : byDim.length === 1 ? byDim[0]! : null;
    } else if (q.dimension === 'mass' || q.dimension === 'power') {
      const relevant = kw ?? (q.dimension === 'mass' && quantityKeys.includes('energy_tce') ? { key: 'energy_tce' as FactKey } : null);
      if (relevant && kwDef?.dimension !== 'count') problems.push(unitProblem(relevant.key, q));
      continue;
    } else if (q.dimension === 'count') {
      if (kw && kwDef!.dimension === 'count' && (!kwDef!.counters || kwDef!.counters.test(q.unit))) key = kw.key;
      else if (kw && kwDef!.dimension !== 'count' && q.start - kw.end <= 2 && q.start >= kw.end) {
        problems.push(unitProblem(kw.key, q));
        continue;
      }
    } else if (kw && q.start >= kw.end && q.start - kw.end <= 2) {
      // A bare number right after its fact word: a count is fine (对接项目3), a quantity needs a unit.
      if (kwDef!.dimension === 'count') key = kw.key;
      else {
        problems.push({
          fact: kw.key,
          zh: `「${text.slice(kw.start, q.end)}」缺少单位，请注明${unitHint(kw.key).zh}。`,
          en: `"${text.slice(kw.start, q.end)}" has no unit; please give it in ${unitHint(kw.key).en}.`,
        });
        continue;
      }
    }
    if (!key) continue;
    const def = FACT_DEFS[key]!;
    if (q.value === null && q.range) {
      problems.push({
        fact: key,
        zh: `「${q.range}」是一个范围或估计，不是确切数字，不能据此判断${def.label.zh}，请给出确切数字。`,
        en: `"${q.range}" is a bound or an estimate, not an exact figure; please give the exact ${def.label.en}.`,
      });
      continue;
    }
    if (q.value === null) {
      problems.push({
        fact: key,
        zh: `「${q.raw}」是约数或无法识别的数字，不能据此判断${def.label.zh}，请给出确切数字。`,
        en: `"${q.raw}" is approximate or unreadable; please give an exact figure for ${def.label.en}.`,
      });
      continue;
    }
    if (q.value < 0) {
      problems.push({ fact: key, zh: `${def.label.zh}不能为负数（「${q.raw}」）。`, en: `${capitalize(def.label.en)} cannot be negative ("${q.raw}").` });
      continue;
    }
    if ((def.max !== undefined && q.value > def.max) || (def.integer && !Number.isInteger(q.value))) {
      problems.push({
        fact: key,
        zh: `${def.label.zh}「${q.raw}」不合常理，请核对。`,
        en: `${capitalize(def.label.en)} "${q.raw}" is not plausible; please check it.`,
      });
      continue;
    }
    add(key, q.value, q.raw);
  }

  const facts: Record<string, unknown> = {};
  for (const [key, list] of found) {
    const values = [...new Set(list.map((x) => JSON.stringify(x.value)))];
    if (values.length === 1) facts[key] = list[0]!.value;
    else {
      const def = FACT_DEFS[key];
      const said = [...new Set(list.map((x) => x.raw))].join('」「');
      problems.push({
        fact: key,
        zh: `关于${def?.label.zh ?? key}的说法相互矛盾（「${said}」），请确认一个。`,
        en: `Contradictory statements about ${def?.label.en ?? key} ("${said.replace(/」「/g, '", "')}"); please confirm one.`,
      });
    }
  }
  return { facts: facts as Facts, problems };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function unitProblem(key: FactKey, q: Quantity): Problem {
  const def = FACT_DEFS[key]!;
  const hint = unitHint(key);
  return {
    fact: key,
    zh: `「${q.raw}」的单位「${q.unit || '无'}」不适用于${def.label.zh}，${def.label.zh}应以${hint.zh}计。`,
    en: `The unit "${q.unit || 'none'}" in "${q.raw}" does not fit ${def.label.en}; it is measured in ${hint.en}.`,
  };
}
