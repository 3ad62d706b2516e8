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
import { scanQuantities, UNITS, type Quantity } from '../text/quantity.ts';
import { FIGURE_BOUND_WORDS, figureBounds, type Bounds } from '../text/bounds.ts';
import type { Localized } from '../text/locale.ts';
import type { FactKey, Facts, MonthlyFigure, Problem, Range, RuleId, TownType } from './types.ts';
import { toSimplified } from '../text/simplify.ts';
import { plainNumerals } from '../text/numerals.ts';
import { FACT_DEFS, formatQuantity, formatQuantityEn, PLACES_OF_ASKER, RULE_FACTS, RULES_READING_BOUNDS, unitHint } from './factDefs.ts';
import { currentQuarter, extractDates, extractQuarters, extractYears, PERIOD_MONTHS, PERIOD_WORDS, quarterOfMonth, relativeMonth, statedPeriod, type Period } from './timeFacts.ts';
import { reportedSpans } from './reported.ts';
import { otherPeriodClause, sumMonths, type MonthFigure, type OtherPeriodClause } from './parts.ts';
import { namedPlaces } from './places.ts';

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

/**
 * Words that negate a fact named after them in the same clause: 不是涉密项目, 项目不属于涉及国家秘密的
 * 项目, 并非示范区内的项目, not a classified project. Longest first (并不是 before 不是). The fact's
 * own negative forms (不涉密, 未列入) are in its `no` pattern; these are the general ones.
 */
const NEGATOR = /\b(?:(?:has|have|had)\s+)?nothing\s+to\s+do\s+with\b|\b(?:unrelated|irrelevant)\s+to\b|并不是|并不属于|并没有|并非|并不|不是|不属于|不算是?|算不上|谈不上|称不上|不存在|不包含|不包括|不含|不涉及|未涉及|绝非|决非|没有|没|无(?!论)|未(?!来)|非(?!常)|\b(?:isn't|aren't|wasn't|doesn't|don't|didn't|not|never|no)\b/gi;
/** Between a negator and its fact: a few words, none that turn the sentence (而是, 但) or report (说). */
const NEGATION_GAP_RESET = /而|但|却|是(?!否)|说|只|\b(?:but|whether|if|sure|and|or)\b/i;
/** A clause that says the asker does not know (不清楚是否涉密, 涉不涉密不知道): it states nothing. */
const UNCERTAIN = /不知道|不清楚|不确定|不了解|不太清楚|说不准|未知|待定|待确认|(.)不\1|\b(?:not\s+sure|unsure|don't\s+know|do\s+not\s+know|unknown|whether)\b/i;

/**
 * A negation that follows the fact word in its clause: 与国家秘密无关, 跟涉密没关系, 和国家秘密没有关系,
 * 涉密方面没有, state secrets are not involved. Read as "no", like a negator before it.
 */
const NEGATED_AFTER =
  /^\s*(?:的?(?:方面|问题|情况|事情?|内容|这块|这一块|这方面))?\s*(?:都|也|并|完全|根本|毫|一点)?\s*(?:无关|没(?:有|啥|什么)?(?:任何)?(?:关系|关联|牵连)|无(?:任何)?(?:关系|关联|牵连)|不相关|无涉|扯不上|不沾边|不搭边)|^\s*的?(?:方面|问题|情况|内容|这块|这一块|这方面)\s*(?:都|也|并|完全|根本)?\s*(?:没有|无|不涉及|不存在)|^\s*(?:are|is|were|was)\s+(?:not|never)\s+(?:involved|concerned|an?\s+issue)\b|^\s*[:：]\s*(?:none|no|无|没有)\b/i;
/**
 * A statement that leaves the fact open (项目可能涉密, 也许不涉密, maybe classified): nothing is read
 * from it, and the person is asked to confirm.
 */
const HEDGE = /可能|也许|或许|大概|估计|好像|似乎|说不定|不一定|吃不准|拿不准|\b(?:maybe|perhaps|possibly|probably|might|may\s+(?:be|involve|have))\b/i;
/**
 * A fact stated as past (项目原来涉密, 以前列入过名录): not what holds now. What holds now
 * (现已解密) is read from its own words; alone, a past statement leaves the fact open.
 */
const PAST = /原来|原先|原本|以前|之前|过去|曾经|曾|早先|早年|\b(?:formerly|previously|used\s+to|once|was\s+(?:once\s+)?(?:classified|listed))\b/i;

/** Where the nearest negator before `at` (in the same clause) ends, if it negates what stands at `at`. */
function negatedBefore(text: string, from: number, at: number): boolean {
  let hit: RegExpMatchArray | undefined;
  for (const m of text.slice(from, at).matchAll(NEGATOR)) hit = m;
  if (!hit) return false;
  const gap = text.slice(from + hit.index! + hit[0].length, at);
  const latin = /^[a-z]/i.test(hit[0]);
  return gap.length <= (latin ? 32 : 8) && !NEGATION_GAP_RESET.test(gap);
}

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

export interface ExtractOptions {
  now?: Date;
  /** Reading a span already known to report a policy (for the note that says so): no spans inside. */
  asReported?: boolean;
  /** Monthly figures held from earlier in the conversation (RuleAnswer.monthly), added up with the new ones. */
  earlierMonths?: readonly MonthlyFigure[];
}

/** The words that state facts (their names, yes/no words, town types, figures with bound words). */
let factWordsCache: RegExp | null = null;
function factWords(): RegExp {
  if (factWordsCache) return factWordsCache;
  const parts = Object.values(FACT_DEFS).flatMap((d) => [d?.keywords, d?.no, d?.yes].filter((r): r is RegExp => r !== undefined).map((r) => r.source));
  parts.push(...TOWN_TYPES.map(([re]) => re.source));
  // Figures with their units and bound words (the ones quantity.ts and bounds.ts read), and the
  // subjects every clause names (项目, 专业镇).
  const words = (at: 'before' | 'after') => FIGURE_BOUND_WORDS.filter((b) => b.at === at).map((b) => b.word).sort((a, b) => b.length - a.length).join('|');
  const units = UNITS.map((u) => u.pattern.source.replace(/\^/g, '')).join('|');
  parts.push(`(?:${words('before')})?[0-9.零一二两三四五六七八九十百千万亿]+(?:${units}|万)?(?:${words('after')})?`, '专业镇|项目|企业|镇');
  return (factWordsCache = new RegExp(parts.join('|'), 'gi'));
}

/**
 * Read the facts of rule `ruleId` from `text` (Chinese or English).
 *
 * Returns only what the text says. Contradictions (`年耗电300万度，年耗电600万度`), units that do
 * not fit (`年用电300吨`), negative or absurd figures, approximate figures (`300多万度`) and
 * foreign scripts come back as `problems`, and the fact they concern is left unset.
 */
export function extractFacts(ruleId: RuleId, original: string, _locale?: string, opts: ExtractOptions = {}): { facts: Facts; problems: Problem[]; notes: Localized[]; monthly: MonthlyFigure[] } {
  // 大写 numerals (玖佰, 叁佰万, 壹次) read as the ordinary ones, before traditional 參 becomes 参.
  const simplified = toSimplified(plainNumerals(original));
  const now = opts.now ?? new Date();
  const keys = RULE_FACTS[ruleId];
  const problems: Problem[] = [];
  const notes: Localized[] = [];
  // What the question reports a policy as saying (政策说…, 按照…规定，…, a pasted clause) is not a
  // fact of the asker's case: blank it (with a separator, so nothing reads across it) before reading.
  let text = simplified;
  if (!opts.asReported) {
    for (const span of reportedSpans(simplified, factWords())) {
      const said = simplified.slice(span.start, span.end);
      text = text.slice(0, span.start) + '；'.repeat(span.end - span.start) + text.slice(span.end);
      const inside = extractFacts(ruleId, said, undefined, { now, asReported: true }).facts;
      const named = (Object.keys(inside) as FactKey[]).filter((k) => k !== 'date' && k !== 'places');
      if (named.length === 0) continue;
      notes.push({
        zh: `${/[\u4e00-\u9fff]/.test(said) ? `「${said.trim()}」` : '问题中转述政策的部分'}是对政策内容的转述，其中的条件没有当作本项目的情况；判断只依据问题中关于项目本身的说法。`,
        en: `"${said.trim()}" reports what the policy says; its conditions were not taken as facts of this project, which are read from the rest of the question.`,
      });
    }
  }
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

  if (keys.includes('places')) {
    const asker = PLACES_OF_ASKER.has(ruleId);
    const places = [...new Set(namedPlaces(text).filter((p) => !asker || !dealtWith(text, p.start, p.start + p.name.length)).map((p) => p.name))];
    if (places.length) add('places', places, places.join('、'));
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
  const hedged = new Map<FactKey, string>();
  for (const key of boolKeys) {
    for (const re of [FACT_DEFS[key]!.no!, FACT_DEFS[key]!.yes!]) {
      for (const m of boolText.matchAll(new RegExp(re.source, 'gi'))) {
        const [from, to] = segmentOf(boolText, m.index!);
        if (!HEDGE.test(boolText.slice(from, to))) continue;
        if (!hedged.has(key)) hedged.set(key, text.slice(from, to).trim());
        blank(from, to);
      }
    }
  }
  const past = new Map<FactKey, string>();
  for (const key of boolKeys) {
    for (const m of boolText.matchAll(new RegExp(FACT_DEFS[key]!.yes!.source, 'gi'))) {
      const [from, to] = segmentOf(boolText, m.index!);
      const before = boolText.slice(from, m.index!);
      const after = boolText.slice(m.index! + m[0].length, to + 1);
      if (UNANSWERED_BEFORE.test(before) || UNANSWERED_AFTER.test(after) || UNCERTAIN.test(boolText.slice(from, to))) blank(from, to);
    }
  }
  // Negations first, then blank them out so 不涉密 is not also read as 涉密. A fact word after a
  // general negator in its clause (不是涉密项目, 不属于涉及国家秘密的项目) is a "no" too; a negated
  // negation (不是不涉密) is not guessed at.
  for (const key of boolKeys) {
    const def = FACT_DEFS[key]!;
    let rest = boolText;
    for (const m of boolText.matchAll(new RegExp(def.no!.source, 'gi'))) {
      rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
      if (negatedBefore(boolText, segmentOf(boolText, m.index!)[0], m.index!)) {
        problems.push({
          fact: key,
          zh: `「${clauseAt(boolText, m.index!)}」是双重否定，请直接说明${def.label.zh}（是或否）。`,
          en: `"${clauseAt(boolText, m.index!)}" is a double negative; please say plainly whether the project ${def.label.en} (yes or no).`,
        });
        continue;
      }
      add(key, false, m[0]);
    }
    for (const m of rest.matchAll(new RegExp(def.yes!.source, 'gi'))) {
      const [from, to] = segmentOf(rest, m.index!);
      if (PAST.test(rest.slice(from, m.index!))) {
        if (!past.has(key)) past.set(key, clauseAt(rest, m.index!));
        continue;
      }
      const negated = negatedBefore(rest, from, m.index!) || NEGATED_AFTER.test(rest.slice(m.index! + m[0].length, to));
      add(key, !negated, negated ? clauseAt(rest, m.index!) : m[0]);
    }
  }
  for (const key of boolKeys) {
    if (found.has(key)) continue;
    const def = FACT_DEFS[key]!;
    const hedge = hedged.get(key);
    const before = past.get(key);
    if (hedge) {
      problems.push({
        fact: key,
        zh: `「${hedge}」没有说定${def.label.zh}，不能据此判断；请确认后说明：${def.question.zh}`,
        en: `"${hedge}" does not say for certain, so nothing is decided by it; please confirm: ${def.question.en}`,
      });
    } else if (before) {
      problems.push({
        fact: key,
        zh: `「${before}」说的是过去的情况，不能说明现在；请说明现在的情况：${def.question.zh}`,
        en: `"${before}" describes the past, not how things are now; please say: ${def.question.en}`,
      });
    }
  }

  if (keys.includes('town_type')) {
    for (const [re, type] of TOWN_TYPES) for (const m of text.matchAll(new RegExp(re.source, 'gi'))) add('town_type', type, m[0]);
  }
  // A clause after a quarter's figure that puts part of it in another period (其中2个是上季度的) is
  // read here and blanked, so its period is not read as the question's quarter nor its count as a figure.
  const otherParts: OtherPart[] = [];
  const quarterKeys = keys.filter((k) => FACT_DEFS[k]?.period === 'quarter');
  if (quarterKeys.length) {
    const factHits = keywordHits(text, quarterKeys);
    for (const [from, to] of clauses(text)) {
      const earlier = factHits.filter((h) => h.end <= from && h.start >= sentenceOf(text, from));
      if (earlier.length === 0) continue;
      const clause = text.slice(from, to);
      const own = factHits.find((h) => h.start >= from && h.end <= to);
      const count = scanQuantities(clause).find((q) => (q.dimension === 'count' || q.dimension === 'none') && !/^\s*(?:年|月|日|号|季度|-Q)/i.test(clause.slice(q.end)) && !/(?:第|Q)$/i.test(clause.slice(0, q.start)));
      const exact = count && count.value !== null && Number.isInteger(count.value) && count.value >= 0 && !HEDGE.test(clause) ? count.value : undefined;
      // The quarter asked about, as named outside this clause (or this one): whether 上个月 falls in it.
      const asked = extractQuarters(text.slice(0, from) + text.slice(to), now)[0] ?? currentQuarter(now);
      const inQuarter = (period: string) => {
        const month = relativeMonth(period, now);
        return month !== undefined && quarterOfMonth(month) === asked;
      };
      const kind = otherPeriodClause(clause, exact !== undefined, own !== undefined, inQuarter);
      if (!kind || kind === 'own') continue;
      const fits = count?.dimension === 'count' ? quarterKeys.filter((k) => FACT_DEFS[k]!.counters?.test(count.unit)) : [];
      const key = own?.key ?? (fits.length === 1 ? fits[0]! : earlier.at(-1)!.key);
      otherParts.push({ kind, key, value: exact, clause: clause.trim() });
      text = text.slice(0, from) + '；'.repeat(to - from) + text.slice(to);
    }
  }

  if (keys.includes('quarter')) for (const q of extractQuarters(text, now)) add('quarter', q, q);
  if (keys.includes('year')) for (const y of extractYears(text, now)) add('year', y, String(y));
  if (keys.includes('date')) for (const d of extractDates(text)) add('date', d, d);

  // Figures of a quarter's count given for a named month (四月外出招商1次): added up after the loop.
  const monthFigures: MonthFigure[] = [];
  // Zero statements (没有外出招商) before quantities; one for a named month (四月没有外出招商) is that month's.
  for (const key of keys) {
    const re = FACT_DEFS[key]?.zero;
    if (!re) continue;
    for (const m of text.matchAll(new RegExp(re.source, 'gi'))) {
      const p = FACT_DEFS[key]!.period === 'quarter' ? statedPeriod(text, m.index!, m.index! + m[0].length, m.index!, true, now) : undefined;
      if (p?.month !== undefined) monthFigures.push({ key, month: p.month, year: p.year, value: 0, raw: periodRaw(text, p, m.index!, m.index! + m[0].length) });
      else add(key, 0, m[0]);
    }
  }

  const quantityKeys = keys.filter((k) => FACT_DEFS[k]?.dimension);
  const hits = keywordHits(text, quantityKeys);
  // Dates and quarters are not quantities: skip numbers that are part of them.
  const isCalendar = (q: Quantity) => /^\s*(?:年|月|日|号|季度|-Q|Q)/i.test(text.slice(q.end, q.end + 3)) || /第$|Q$/i.test(text.slice(0, q.start));
  let lastPeriod: { p: NonNullable<ReturnType<typeof statedPeriod>>; sentence: number } | undefined;
  // Where the last figure given for a named month stood, for the bare numbers after it (0 in May).
  let lastMonthAt: number | undefined;
  for (const scanned of scanQuantities(text)) {
    // Q1 in 2025年Q1 outbound trips names the quarter, whatever word follows it.
    if ((scanned.dimension === 'none' && isCalendar(scanned)) || /(?:^|[^a-z])Q$/i.test(text.slice(0, scanned.start))) continue;
    const seg = segmentOf(text, scanned.start);
    const kw = nearest(hits, scanned, seg);
    const kwDef = kw ? FACT_DEFS[kw.key]! : null;
    // 年产值2亿, 5千万: a sum with 万 / 亿 and no unit is 元, as everyday Chinese writes money.
    const bareMoney = scanned.dimension === 'none' && kwDef?.dimension === 'money' && /[万亿]$/.test(scanned.raw) && kw!.end <= scanned.start && scanned.start - kw!.end <= 6;
    // 年综合能耗1200吨, 年耗标煤800吨: after an energy word, 吨 is 吨标准煤 (the only unit energy is stated in).
    const tceByWord = scanned.dimension === 'mass' && /^(?:吨|tonnes?|tons?)$/i.test(scanned.unit) && kwDef?.dimension === 'energy' && kw!.end <= scanned.start && scanned.start - kw!.end <= 4;
    // …but not tonnes of something named after it (800吨标准油, 1200吨原煤, 800 tonnes of oil equivalent):
    // another fuel's tonnes are not tce, and no conversion factor is assumed.
    const substance = tceByWord ? TONNES_OF.exec(text.slice(scanned.end, scanned.end + 40)) : null;
    if (substance) {
      const named = text.slice(scanned.start, scanned.end) + substance[0];
      problems.push({
        fact: kw!.key,
        zh: `「${named.trim()}」不是吨标准煤；${FACT_DEFS[kw!.key]!.label.zh}以${unitHint(kw!.key).zh}计，这里不按折标系数换算，请给出折算后的吨标准煤数。`,
        en: `"${named.trim()}" is not tonnes of standard coal equivalent; the ${FACT_DEFS[kw!.key]!.label.en} is in ${unitHint(kw!.key).en} and no conversion factor is applied here, so please give the figure in tce.`,
      });
      continue;
    }
    const q: Quantity = bareMoney ? { ...scanned, dimension: 'money', unit: '' } : tceByWord ? { ...scanned, dimension: 'energy' } : scanned;
    if (tceByWord && q.value !== null) {
      notes.push({ zh: `「${text.slice(kw!.start, q.end)}」的「${q.unit}」按吨标准煤计。`, en: `"${text.slice(kw!.start, q.end)}" is read in tonnes of standard coal (tce).` });
    }
    let key: FactKey | null = null;
    if (q.dimension === 'currency') {
      // 3000万美元, 3亿港元: not 元, and no exchange rate is applied.
      const moneyKey = kwDef?.dimension === 'money' ? kw!.key : quantityKeys.find((k) => FACT_DEFS[k]!.dimension === 'money');
      if (moneyKey) {
        problems.push({
          fact: moneyKey,
          zh: `「${q.raw}」是外币金额；规定中的${FACT_DEFS[moneyKey]!.label.zh}以人民币元计，这里不按汇率换算，请给出以元（人民币）计的金额。`,
          en: `"${q.raw}" is in a foreign currency; the rule's ${FACT_DEFS[moneyKey]!.label.en} is in yuan (RMB) and no exchange rate is applied here, so please give the amount in yuan.`,
        });
      }
      continue;
    }
    if (q.dimension === 'energy' || q.dimension === 'electricity' || q.dimension === 'money') {
      const byDim = quantityKeys.filter((k) => FACT_DEFS[k]!.dimension === q.dimension);
      if (kwDef && kwDef.dimension !== q.dimension && kwDef.dimension !== 'count') {
        problems.push(unitProblem(kw!.key, q));
        continue;
      }
      // A sum named as another money figure (营业收入3亿元, 税收2000万元) is not the rule's one
      // (年产值) just because the rule reads only one: said, and asked for.
      const before = Math.max(seg[0], q.start - 10);
      const named = !kw && q.dimension === 'money' && byDim.length === 1 ? OTHER_MONEY.exec(text.slice(before, q.start)) : null;
      if (named) {
        const def = FACT_DEFS[byDim[0]!]!;
        const said = text.slice(before + named.index, q.end);
        problems.push({
          fact: byDim[0]!,
          zh: `「${said}」是${named[0]}，不是${def.label.zh}，不能替代；请给出${def.label.zh}。`,
          en: `"${said}" is ${named[0]}, not the ${def.label.en}, and does not stand for it; please give the ${def.label.en}.`,
        });
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
    // 四月外出招商1次，五月2次 / 其中四月1次: a count with only a month before it is the monthly figure its counter fits.
    if (!key && q.dimension === 'count' && statedPeriod(text, q.start, q.end, undefined, true, now)?.month !== undefined) {
      const fits = (ks: FactKey[]) => [...new Set(ks)].filter((k) => FACT_DEFS[k]!.counters?.test(q.unit));
      const listed = fits(monthFigures.map((f) => f.key));
      const any = fits(keys.filter((k) => FACT_DEFS[k]?.period === 'quarter'));
      if (listed.length === 1) key = listed[0]!;
      else if (listed.length === 0 && any.length === 1) key = any[0]!;
    }
    // 1 trip in April, 0 in May: a bare number with a month after it is the same count as the
    // monthly figure before it in the sentence.
    if (!key && q.dimension === 'none' && q.value !== null && /^\s*(?:in|during|for)\s+[A-Z][a-z]+/.test(text.slice(q.end))) {
      const before = monthFigures.at(-1);
      const month = statedPeriod(text, q.start, q.end, undefined, true, now);
      if (before && month?.month !== undefined && lastMonthAt !== undefined && sentenceOf(text, lastMonthAt) === sentenceOf(text, q.start)) key = before.key;
    }
    if (!key) continue;
    const def = FACT_DEFS[key]!;
    let month: Omit<MonthFigure, 'key' | 'value'> | undefined;
    const put = (value: number, raw: string) => {
      if (!month) return add(key!, value, raw);
      lastMonthAt = q.start;
      monthFigures.push({ key: key!, value, ...month });
    };
    // The rules' figures are per year or per quarter: a figure stated for another period is not theirs.
    if (def.period) {
      const word = kw && kw.key === key && kw.end <= q.start ? kw : undefined;
      // A period stated for an earlier figure of the sentence (4月外出招商1次，对接项目1个) holds for the next.
      const p = statedPeriod(text, q.start, q.end, word?.start, def.period === 'quarter', now) ?? (lastPeriod && lastPeriod.sentence === sentenceOf(text, q.start) ? lastPeriod.p : undefined);
      if (p) lastPeriod = { p, sentence: sentenceOf(text, q.start) };
      // A quarter's count for a named month is one part of the quarter: kept to be added up.
      if (p?.month !== undefined && def.period === 'quarter') {
        // 对接项目四月1个五月1个: each figure is quoted from its own month on, not from the fact word.
        const listed = word && p.at > word.start && p.at < q.start && /\d/.test(text.slice(word.start, p.at));
        month = { month: p.month, year: p.year, raw: listed ? text.slice(p.at, q.end) : periodRaw(text, p, word?.start ?? q.start, q.end) };
      }
      else if (p && p.period !== def.period) {
        problems.push(periodProblem(key, p.period, periodRaw(text, p, word?.start ?? q.start, q.end)));
        continue;
      }
    }
    // 800千克标准煤 is read in the rule's unit, and the answer says so.
    if (/千克|公斤|kg/i.test(q.unit) && q.value !== null) {
      notes.push({ zh: `「${q.raw}」按${formatQuantity(key, q.value)}计（1吨 = 1000千克）。`, en: `"${q.raw}" is read as ${formatQuantityEn(key, q.value)} (1 tonne = 1,000 kg).` });
    }
    // 计划对接项目3个, 预计到位投资2亿元: a figure planned or expected is not one achieved.
    if (def.achieved) {
      const [from] = segmentOf(text, q.start);
      const plan = PLANNED.exec(text.slice(from, q.start));
      if (plan) {
        const said = text.slice(from, q.end).trim();
        problems.push({
          fact: key,
          zh: `「${said}」是计划或预计的数字，不是已经完成的；请给出实际完成的${def.label.zh}。`,
          en: `"${said}" is a planned or expected figure, not what was actually done; please give the actual ${def.label.en}.`,
        });
        continue;
      }
    }
    const bounds = figureBounds(text, q);
    // 没达到1次: a bound that leaves a count one value (0) is that value.
    if (bounds && def.integer) {
      const r = toRange(bounds, true);
      const lo = Math.max(0, r.lower ?? 0);
      if (r.upper !== undefined && r.upper === lo) {
        put(lo, q.range ?? q.raw);
        continue;
      }
    }
    if (bounds && def.bounds && RULES_READING_BOUNDS.has(ruleId)) {
      // 不到1000吨, 800-900吨: a range the comparators decide by when it settles the rule's comparison.
      add(key, toRange(bounds, def.integer), q.range ?? q.raw);
      continue;
    }
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
    put(q.value, q.raw);
  }

  let monthly: MonthlyFigure[] = [];
  const one = (k: FactKey) => {
    const vs = [...new Set((found.get(k) ?? []).map((x) => x.value))];
    return vs.length === 1 ? vs[0] : undefined;
  };
  const totals: Partial<Record<FactKey, number>> = {};
  for (const k of quarterKeys) if (typeof one(k) === 'number') totals[k] = one(k) as number;
  // Months held from earlier are added to the months given now; a quarter's total given now instead
  // (那如果外出招商5次呢) replaces them.
  const givenNow = new Set(monthFigures.map((f) => f.key));
  const earlierMonths = (opts.earlierMonths ?? []).filter((f) => keys.includes(f.key) && (givenNow.has(f.key) || totals[f.key] === undefined));
  if (monthFigures.length || earlierMonths.length) {
    const r = sumMonths(monthFigures, one('quarter') as string | undefined, totals, now, earlierMonths);
    monthly = r.held;
    for (const k of r.unset) found.delete(k);
    for (const [k, v] of Object.entries(r.values) as Array<[FactKey, number]>) add(k, v, formatQuantity(k, v));
    if (r.quarter) add('quarter', r.quarter, r.quarter);
    problems.push(...r.problems);
    notes.push(...r.notes);
  }
  for (const part of otherParts) applyOtherPart(part, found, problems, notes);

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
  return { facts: facts as Facts, problems, notes, monthly };
}

/** A clause that puts part of a figure in another period (其中2个是上季度的), with the fact it concerns. */
interface OtherPart { kind: Exclude<OtherPeriodClause, 'own'>; key: FactKey; value?: number; clause: string }

/**
 * Takes a part said to be another period's out of the figure it belongs to (5 − 2 = 3), or, when
 * its size is not said or there is no figure to take it from, leaves the figure unset and asks.
 */
function applyOtherPart(part: OtherPart, found: Map<FactKey, Array<{ value: unknown; raw: string }>>, problems: Problem[], notes: Localized[]): void {
  if (part.kind === 'excluded') return;
  const def = FACT_DEFS[part.key]!;
  const values = [...new Set((found.get(part.key) ?? []).map((x) => x.value))];
  const total = values.length === 1 && typeof values[0] === 'number' ? values[0] : undefined;
  if (part.kind === 'part' && total !== undefined && part.value! <= total) {
    const rest = total - part.value!;
    found.set(part.key, [{ value: rest, raw: `${formatQuantity(part.key, total)} − ${formatQuantity(part.key, part.value!)}` }]);
    notes.push({
      zh: `「${part.clause}」：属于其他时期的部分不计入，${def.label.zh}按 ${total} − ${part.value} = ${formatQuantity(part.key, rest)}计。`,
      en: `"${part.clause}": the part from another period is not counted, so the ${def.label.en} are taken as ${total} − ${part.value} = ${rest}.`,
    });
    return;
  }
  found.delete(part.key);
  const why = part.kind === 'part' && total !== undefined
    ? { zh: `其中属于其他时期的${formatQuantity(part.key, part.value!)}比总数${formatQuantity(part.key, total)}还多`, en: `the part from another period (${part.value}) is more than the total (${total})` }
    : part.kind === 'part'
      ? { zh: `说其中一部分属于其他时期，但没有可以从中扣除的${def.label.zh}总数`, en: `says part of it is from another period, but gives no total ${def.label.en} to take it from` }
      : part.value !== undefined
        ? { zh: `提到了其他时期的${formatQuantity(part.key, part.value)}，但没有说清它是否算在${def.label.zh}之内`, en: `mentions ${part.value} from another period without saying whether they are part of the ${def.label.en}` }
        : { zh: `说${def.label.zh}中有属于其他时期的部分，但没有说清是多少`, en: `says some of the ${def.label.en} belong to another period without saying how many` };
  problems.push({
    fact: part.key,
    zh: `「${part.clause}」${why.zh}；季度任务只计本季度完成的数字，请给出只属于该季度的${def.label.zh}。`,
    en: `"${part.clause}" ${why.en}; the quota counts only what was done in the quarter itself, so please give the ${def.label.en} of that quarter alone.`,
  });
}

/** The clauses of `text` (between commas, full stops, 、, "and" and brackets: 2次（含上季度1次）), as [start, end). */
function clauses(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const m of text.matchAll(new RegExp(`${SEPARATORS.source}|[（）()]|\\.(?=\\s|$)`, 'g'))) {
    if (m.index! > start) out.push([start, m.index!]);
    start = m.index! + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** Words that make a figure one planned or expected, before it in its clause. */
const PLANNED = /计划|预计|预期|打算|准备|(?<!模)拟(?!定)|将要|将会|即将|争取|力争|有望|目标|\b(?:plan(?:s|ned)?\s+to|planning\s+to|expect(?:s|ed)?(?:\s+to)?|intend(?:s|ed)?\s+to|will|going\s+to|aim(?:s|ing)?\s+to|target(?:s|ing)?)\b/i;

/**
 * A place the asker's unit deals with rather than is in: a destination or a counterpart
 * (去太原外出招商, 赴长治, 对接太原客商, 与晋中开发区对接, trips to Taiyuan).
 */
function dealtWith(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 8), start);
  const after = text.slice(end, end + 8);
  return /(?:去|到|赴|前往|走访|拜访|出访|考察|对接|联系|洽谈|邀请|来自|与|跟|同|向|从|往)(?:了|过)?\s*$/.test(before)
    || /\b(?:to|from|with|visit(?:ed|ing)?)\s+$/i.test(before)
    || /^(?:市|县|省|区)?的?(?:客商|企业|商会|公司|客户|投资方|那边|方面)/.test(after);
}

/** Where the sentence holding `at` starts. */
function sentenceOf(text: string, at: number): number {
  let start = 0;
  for (const m of text.matchAll(/[。！？；;!?\n]|\.(?=\s|$)/g)) {
    if (m.index! < at) start = m.index! + 1;
    else break;
  }
  return start;
}

/** The clause around `at`, trimmed, for messages. */
function clauseAt(text: string, at: number): string {
  const [from, to] = segmentOf(text, at);
  return text.slice(from, to).trim();
}

/** A bound as a fact's range; a count's open end is closed on the whole number inside it (超过2户 is 3户以上). */
function toRange(b: Bounds, integer?: boolean): Range {
  const r: Range = {};
  if (b.lower !== undefined) Object.assign(r, integer && b.lowerIncluded === false ? { lower: Math.floor(b.lower) + 1, lowerIncluded: true } : { lower: b.lower, lowerIncluded: b.lowerIncluded ?? true });
  if (b.upper !== undefined) Object.assign(r, integer && b.upperIncluded === false ? { upper: Math.ceil(b.upper) - 1, upperIncluded: true } : { upper: b.upper, upperIncluded: b.upperIncluded ?? true });
  return r;
}

/** The words that stated the period and the figure (`月用电50万千瓦时`, `今年…对接项目12个`). */
function periodRaw(text: string, p: { raw: string; at: number }, from: number, to: number): string {
  const start = Math.min(p.at, from);
  const end = Math.max(to, p.at + p.raw.length);
  const whole = text.slice(start, end);
  return /[，。；;！？!?\n、]|,\s/.test(whole) ? `${p.raw}…${text.slice(from, to)}` : whole.trim();
}

const TIMES_A_YEAR: Partial<Record<Period, number>> = { day: 365, week: 52, month: 12, quarter: 4, half: 2 };

/**
 * A figure stated for another period than the rule's. An annual figure is not worked out from a
 * month's (use varies month by month), and a quarterly quota is not shown met by a longer period's
 * total (4 trips this year may all fall in one quarter): the person is asked for the right figure.
 */
function periodProblem(key: FactKey, stated: Period, raw: string): Problem {
  const def = FACT_DEFS[key]!;
  const w = PERIOD_WORDS[stated];
  const a = /^[aeiou]/i.test(w.en) ? 'an' : 'a';
  if (def.period === 'year') {
    const times = TIMES_A_YEAR[stated];
    return {
      fact: key,
      zh: `「${raw}」是${w.zh}的数字，而规定所说的${def.label.zh}是全年的合计，二者不能直接比较${times ? `（各期用量不同，不宜简单乘以${times}）` : ''}；请给出项目全年的${def.label.zh}。`,
      en: `"${raw}" is ${a} ${w.en} figure, but the rule's ${def.label.en} is the whole year's total, so the two cannot be compared${times ? ` (use varies, so it is not simply multiplied by ${times})` : ''}; please give the project's ${def.label.en}.`,
    };
  }
  if (PERIOD_MONTHS[stated] > PERIOD_MONTHS.quarter) {
    return {
      fact: key,
      zh: `「${raw}」是${w.zh}的合计，而${def.label.zh}按每个季度分别考核：较长时期的合计达到要求，不能说明每个季度都达到；请给出某一个季度的${def.label.zh}。`,
      en: `"${raw}" is ${a} ${w.en} total, but the ${def.label.en} are checked quarter by quarter: a longer period's total meeting the quota does not show that every quarter did; please give one quarter's figure.`,
    };
  }
  return {
    fact: key,
    zh: `「${raw}」是${w.zh}的数字，而${def.label.zh}按整个季度计算；请给出该季度的合计。`,
    en: `"${raw}" is ${a} ${w.en} figure, but the ${def.label.en} count the whole quarter; please give the quarter's total.`,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * What follows "吨" when it names a substance other than standard coal (标准油, 原煤, 油当量, 二氧化碳,
 * of oil equivalent): any Chinese word other than the small words that may follow a bare figure
 * (的, 左右, 以上, 每年 …, or the next fact's own words after a comma), or English "of …".
 */
const TONNES_OF = /^\s*(?!标准?煤|的|左右|上下|以[上下内]|及以[上下]|多|余|每|\/|或|和|与|及|至|到|[，。、；;,.!?！？）)\]\s]|$)[\u4e00-\u9fff]{1,6}|^\s+of\s+(?!(?:standard\s+)?coal(?:\s+equivalent)?\b|sce\b|tce\b)[a-z]+(?:\s+(?!and\b|or\b|with\b)[a-z]+){0,2}/i;

/** Money figures other than the rules' own (年产值, 到位投资): revenue, sales, tax, profit, investment. */
const OTHER_MONEY = /主营业务收入|营业收入|营收|销售收入|销售额|收入|利润|利税|税收|纳税额?|总投资|投资额|固定资产投资|\b(?:revenue|turnover|sales|profits?|tax(?:es)?)\b/i;

function unitProblem(key: FactKey, q: Quantity): Problem {
  const def = FACT_DEFS[key]!;
  const hint = unitHint(key);
  return {
    fact: key,
    zh: `「${q.raw}」的单位「${q.unit || '无'}」不适用于${def.label.zh}，${def.label.zh}应以${hint.zh}计。`,
    en: `The unit "${q.unit || 'none'}" in "${q.raw}" does not fit ${def.label.en}; it is measured in ${hint.en}.`,
  };
}
