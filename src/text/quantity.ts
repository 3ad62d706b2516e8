/**
 * Quantities with units in running text: `800吨标准煤`, `300万度`, `1.2 million kWh`, `2亿元`,
 * `3个`, `five trips`.
 *
 * The unit table is data ({@link UNITS}); each unit names its dimension and the factor to the
 * dimension's base unit (吨标准煤, 千瓦时, 元, or a plain count). A unit of the wrong dimension
 * for a fact (吨 for electricity) is still reported, with its dimension, so the caller can say
 * what does not fit instead of guessing.
 *
 * ```ts
 * scanQuantities('年耗电300万度')[0] // { value: 3000000, dimension: 'electricity', unit: '度', … }
 * ```
 */
import { scanNumbers } from './numerals.ts';

export type Dimension =
  | 'energy' // base: 吨标准煤 (tce)
  | 'electricity' // base: 千瓦时 (kWh)
  | 'money' // base: 元
  | 'count' // base: one item
  | 'mass' // bare 吨 / tonnes: not standard coal, so not an energy figure
  | 'power' // 千瓦 / kW: a rating, not a consumption
  | 'currency' // 美元, 港元, 欧元 …: money, but not in 元; never converted at an exchange rate
  | 'none'; // a bare number

export interface UnitDef {
  /** Matched right after the number (case-insensitive, optional spaces before it). */
  pattern: RegExp;
  dimension: Dimension;
  /** Multiply the number by this to get the dimension's base unit. */
  factor: number;
}

/** Longest forms first: 万吨标准煤 before 吨, 千瓦时 before 千瓦. */
export const UNITS: UnitDef[] = [
  { pattern: /^万吨标准煤|^万吨标煤/, dimension: 'energy', factor: 1e4 },
  // 千克标准煤 (kgce) is the same quantity in a smaller unit: 1000 千克 = 1 吨.
  { pattern: /^千克标准煤|^公斤标准煤|^千克标煤|^公斤标煤|^kgce\b/i, dimension: 'energy', factor: 1e-3 },
  { pattern: /^吨标准煤|^吨标煤|^吨煤当量/, dimension: 'energy', factor: 1 },
  { pattern: /^(?:tonnes?|tons?|t)\s+of\s+(?:standard\s+coal|coal\s+equivalent)(?:\s+equivalent)?/i, dimension: 'energy', factor: 1 },
  { pattern: /^tce\b/i, dimension: 'energy', factor: 1 },
  { pattern: /^亿千瓦时|^亿度/, dimension: 'electricity', factor: 1e8 },
  { pattern: /^万千瓦时|^万度/, dimension: 'electricity', factor: 1e4 },
  { pattern: /^千瓦[·・]?时|^千瓦小时|^度电|^度/, dimension: 'electricity', factor: 1 },
  { pattern: /^兆瓦时|^MWh\b/i, dimension: 'electricity', factor: 1e3 },
  { pattern: /^GWh\b/i, dimension: 'electricity', factor: 1e6 },
  { pattern: /^kW[·・]?h\b|^kilowatt[- ]hours?\b/i, dimension: 'electricity', factor: 1 },
  { pattern: /^千瓦|^兆瓦|^kW\b|^MW\b|^kilowatts?\b/i, dimension: 'power', factor: 1 },
  { pattern: /^万吨|^吨|^(?:tonnes?|tons?)\b/i, dimension: 'mass', factor: 1 },
  { pattern: /^千克|^公斤|^kg\b/i, dimension: 'mass', factor: 1e-3 },
  // A foreign currency is not 元 (3亿港元 is not 3亿元); read before 亿 / 元 so neither is taken from it.
  { pattern: /^(?:美元|美金|港元|港币|欧元|日元|英镑|韩元|澳元|加元|新加坡元|新台币|台币|卢布|(?:US\s*)?dollars?\b|euros?\b|pounds?\s+sterling\b|(?:USD|HKD|EUR|JPY|GBP|KRW|AUD|CAD|SGD|TWD)\b)/i, dimension: 'currency', factor: 1 },
  { pattern: /^(?:万|千|百)?(?:亿)?(?:美元|美金|港元|港币|欧元|日元|英镑|韩元|澳元|加元|新加坡元|新台币|台币|卢布)/, dimension: 'currency', factor: 1 },
  // 3个亿 (spoken): 3亿元.
  { pattern: /^个亿元?/, dimension: 'money', factor: 1e8 },
  { pattern: /^亿元|^亿/, dimension: 'money', factor: 1e8 },
  { pattern: /^万元/, dimension: 'money', factor: 1e4 },
  { pattern: /^元|^块钱|^(?:yuan|rmb|cny)\b/i, dimension: 'money', factor: 1 },
  { pattern: /^[个家户次场项趟]/, dimension: 'count', factor: 1 },
  {
    pattern: /^(?:outbound\s+|leading\s+|supporting\s+|upstream\s+|downstream\s+)?(?:trips?|times|visits?|projects?|enterprises?|firms?|companies|company|suppliers?|events?)\b/i,
    dimension: 'count',
    factor: 1,
  },
];

const ENGLISH_SCALE: Array<[RegExp, number]> = [
  [/^hundred\s+million\b/i, 1e8],
  [/^billion\b|^bn\b/i, 1e9],
  [/^million\b|^mn\b|^m\b(?=\s*(?:kwh|yuan|rmb))/i, 1e6],
  [/^thousand\b|^k\b(?=\s*(?:kwh|yuan|rmb))/i, 1e3],
];

const ENGLISH_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, hundred: 100,
};

/**
 * Words that make a figure a bound or an estimate, not the figure itself: 不到1000吨标准煤,
 * 300万度以上, less than 5 million kWh, about 800 tce. Such a quantity has no value — a rule
 * must not read "不到1000吨" as exactly 1000 吨.
 */
const RANGE_BEFORE =
  /(?:不到|不足|不满|未满|未达到?|没有?达到|没到|没有?超过?|未超过?|不超|超|没有|没|低于|小于|少于|高于|大于|多于|超过|超出|不超过|不低于|不少于|不多于|不高于|至少|至多|最多|最少|大约|大概|差不多|接近|(?<![a-z])(?:(?:less|fewer|more|greater|higher|lower)\s+than|under|below|over|above|about|around|approximately|approx\.?|roughly|nearly|almost|at\s+least|at\s+most|up\s+to|no\s+(?:more|less|fewer)\s+than|not\s+(?:more|less|fewer)\s+than|not\s+over|not\s+under))\s*$/i;
const RANGE_AFTER = /^\s*(?:以下|以内|以上|之内|及以上|及以下|或以上|或以下|左右|上下|出头|or\s+(?:more|less|fewer|above|below|so)\b|\+)/i;

export interface Quantity {
  /** Number and unit as written, e.g. `300万度`. */
  raw: string;
  /** Value in the dimension's base unit (吨标准煤, 千瓦时, 元, count); `null` when ambiguous. */
  value: number | null;
  dimension: Dimension;
  /** The unit as written (`度`, `tce`), empty for a bare number. */
  unit: string;
  start: number;
  end: number;
  approximate: boolean;
  /** The figure with the words that make it a bound or estimate (`不到1000吨标准煤`); `value` is then `null`. */
  range?: string;
  /** `800-900吨标准煤`, `800到900吨标准煤`: both ends in base units (both included); `value` is `null`. */
  between?: { lower: number; upper: number };
}

/** Between two numbers of one figure (800-900吨标准煤, 800至900吨): a range, not a minus sign. */
const RANGE_DASH = /^\s*(?:[~～—–至到]|-(?=\s))\s*$/;

/**
 * Every number in `text` with the unit that follows it (if any), scaled to base units.
 * Numbers written as English words (`three trips`) are included when a unit follows.
 */
export function scanQuantities(text: string): Quantity[] {
  const tokens = scanNumbers(text).map((t) => ({ ...t }));
  for (const m of text.matchAll(/\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\b/gi)) {
    tokens.push({ raw: m[0], value: ENGLISH_WORDS[m[1]!.toLowerCase()]!, start: m.index!, end: m.index! + m[0].length, approximate: false });
  }
  tokens.sort((a, b) => a.start - b.start);
  const out: Quantity[] = [];
  let lastEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start < lastEnd) continue; // 万 in 300多万度 belongs to the quantity before it
    const pair = rangePair(text, t, tokens[i + 1]);
    if (pair) {
      out.push(pair);
      lastEnd = pair.end;
      continue;
    }
    let value = t.value;
    let end = t.end;
    let rest = text.slice(end);
    const ws = /^\s*/.exec(rest)![0].length;
    for (const [re, factor] of ENGLISH_SCALE) {
      const m = re.exec(rest.slice(ws));
      if (m) {
        if (value !== null) value *= factor;
        end += ws + m[0].length;
        rest = text.slice(end);
        break;
      }
    }
    const ws2 = /^\s*/.exec(rest)![0].length;
    let dimension: Dimension = 'none';
    let unit = '';
    for (const u of UNITS) {
      const m = u.pattern.exec(rest.slice(ws2));
      if (m) {
        dimension = u.dimension;
        unit = m[0];
        if (value !== null) value = Number((value * u.factor).toPrecision(12));
        end += ws2 + m[0].length;
        break;
      }
    }
    // English words are numbers only when a unit follows (`one of the …` is not a count).
    if (/^[a-z]/i.test(t.raw) && dimension === 'none') continue;
    lastEnd = end;
    const before = RANGE_BEFORE.exec(text.slice(Math.max(0, t.start - 24), t.start));
    const after = RANGE_AFTER.exec(text.slice(end));
    if (before || after) {
      const range = text.slice(t.start - (before?.[0].length ?? 0), end + (after?.[0].length ?? 0)).trim();
      out.push({ raw: text.slice(t.start, end), value: null, dimension, unit, start: t.start, end, approximate: true, range });
      continue;
    }
    out.push({ raw: text.slice(t.start, end), value, dimension, unit, start: t.start, end, approximate: t.approximate });
  }
  return out;
}


/**
 * `800-900吨标准煤` (or 800到900, 800～900): two numbers sharing the unit after the second. Without
 * this the dash reads as a minus sign and the figure as -900. Only a unit of measure after the
 * second number makes it a range (1-4月 and 2025-03 are calendar words, left to the caller).
 */
function rangePair(text: string, t: { raw: string; value: number | null; start: number; end: number }, u: { raw: string; value: number | null; start: number; end: number } | undefined): Quantity | null {
  if (!u || t.value === null || u.value === null || /^[a-z]/i.test(t.raw)) return null;
  const gap = text.slice(t.end, u.start);
  const dashInNumber = gap === '' && /^[-−]/.test(u.raw);
  if (!dashInNumber && !RANGE_DASH.test(gap)) return null;
  const rest = text.slice(u.end);
  const ws = /^\s*/.exec(rest)![0].length;
  const unit = UNITS.find((d) => d.pattern.test(rest.slice(ws)));
  // A count range (1-2次) is a range too; only calendar words (1-4月, 2025-03) are left to the caller.
  if (!unit) return null;
  const m = unit.pattern.exec(rest.slice(ws))!;
  const end = u.end + ws + m[0].length;
  // 600-700万千瓦时, 1.1-1.5千吨: the magnitude after the upper end (万, 千, 亿) holds for the lower end
  // too, unless the lower end has its own (600万-7000万).
  const mag = (raw: string) => /[十百千万亿]+$/.exec(raw.replace(/\s+$/, ''))?.[0] ?? '';
  const scale = (w: string) => [...w].reduce((f, c) => f * ({ 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8 } as Record<string, number>)[c]!, 1);
  const upperMag = mag(u.raw);
  const lowerValue = Math.abs(t.value) * (mag(t.raw) === '' && upperMag !== '' && /\d$/.test(t.raw.trim()) ? scale(upperMag) : 1);
  const lo = Number((lowerValue * unit.factor).toPrecision(12));
  const hi = Number((Math.abs(u.value) * unit.factor).toPrecision(12));
  const raw = text.slice(t.start, end);
  return { raw, value: null, dimension: unit.dimension, unit: m[0], start: t.start, end, approximate: true, range: raw, between: { lower: Math.min(lo, hi), upper: Math.max(lo, hi) } };
}
