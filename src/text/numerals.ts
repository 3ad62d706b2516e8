/**
 * Chinese and mixed numerals.
 *
 * Staff type numbers every way a Chinese keyboard allows: `800`, `８００` (full width), `八百`,
 * `三百万`, `1.2万`, `一点二万`, `两千`, `三千五百`, `零点五`, `1,000`. {@link parseNumber} turns one
 * such token into a number; {@link scanNumbers} finds the tokens inside running text.
 *
 * The parser is strict on purpose: a rule verdict built on a misread number is worse than no
 * verdict, so anything ambiguous (`三四百`, `十几`, `300多`, `1.2.3`) gives `null` and the caller
 * asks again.
 *
 * ```ts
 * parseNumber('三百万')   // 3000000
 * parseNumber('一点二万') // 12000
 * parseNumber('１２')     // 12
 * parseNumber('三四百')   // null — could be 300 or 400
 * ```
 */
import { foldFullWidth } from './normalize.ts';

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };
/** Words that make a number approximate (三百多, 十几, 约800): never parsed as exact. */
const APPROXIMATE = /[几多余来约逾近]|左右|上下/;

/** Financial (大写) numerals, simplified and traditional, and the ordinary ones they stand for. */
const FINANCIAL: Record<string, string> = {
  壹: '一', 贰: '二', 貳: '二', 叁: '三', 參: '三', 肆: '四', 伍: '五', 陆: '六', 陸: '六', 柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千',
};
/**
 * A run of financial numerals (玖佰, 叁佰万, 壹) that is a number: more than one character, or one
 * before a unit or counter (壹次, 伍个). Not 伍 of 队伍 or 陆 of 陆续 and 大陆.
 */
const FINANCIAL_RUN = /[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]*[壹贰貳叁參肆伍陆陸柒捌玖][零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]*/g;
const AFTER_FINANCIAL_NUMBER = /^(?:[\d.]|[次个家场项户人吨元亩天日年月号名位批]|千瓦|万|亿)/;

/**
 * Financial (大写) numerals written the ordinary way, character for character (so positions and
 * lengths stay): `年综合能源消费量玖佰吨` → `年综合能源消费量九百吨`, `外出招商壹次` → `外出招商一次`.
 * Words that merely contain such a character (队伍, 陆续, 大陆) are left alone.
 */
export function plainNumerals(s: string): string {
  return s.replace(FINANCIAL_RUN, (run, at: number) => {
    if ([...run].length === 1 && !AFTER_FINANCIAL_NUMBER.test(s.slice(at + run.length, at + run.length + 2))) return run;
    return [...run].map((ch) => FINANCIAL[ch] ?? ch).join('');
  });
}

/** Full-width digits and separators to ASCII, so `１２．５` reads as `12.5`. */
export function toHalfWidthDigits(s: string): string {
  return foldFullWidth(s).replace(/．/g, '.');
}

const WRITTEN_DIGITS = '零一二三四五六七八九';

/**
 * An integer as a law text writes it in Chinese numerals (`15` → `十五`, `105` → `一百零五`, `2000` →
 * `二千`, `30000` → `三万`), the inverse of {@link parseNumber} for whole numbers from 1 to 99,999,999;
 * `null` outside that range. Staff type digits (15天) where laws write numerals (十五日).
 *
 * ```ts
 * writeNumerals(15)    // '十五'
 * writeNumerals(1050)  // '一千零五十'
 * ```
 */
export function writeNumerals(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n >= 1e8) return null;
  const below10k = (v: number, leading: boolean): string => {
    let out = '';
    let zero = false;
    for (const [unit, name] of [[1000, '千'], [100, '百'], [10, '十'], [1, '']] as const) {
      const d = Math.floor(v / unit) % 10;
      if (d === 0) {
        zero = out !== '';
        continue;
      }
      if (zero) out += '零';
      zero = false;
      // 十五, not 一十五, where the number starts with its tens.
      out += (d === 1 && unit === 10 && out === '' && leading ? '' : WRITTEN_DIGITS[d]) + name;
    }
    return out;
  };
  const high = Math.floor(n / 1e4);
  const low = n % 1e4;
  if (high === 0) return below10k(low, true);
  return below10k(high, true) + '万' + (low === 0 ? '' : (low < 1000 ? '零' : '') + below10k(low, false));
}

type Token =
  | { kind: 'digit'; value: number; zero: boolean } // a single Chinese digit
  | { kind: 'literal'; value: number } // an Arabic number such as 300 or 1.2
  | { kind: 'small'; value: number }
  | { kind: 'big'; value: number }
  | { kind: 'point' };

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const arabic = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/.exec(s.slice(i));
    if (arabic) {
      if (tokens.at(-1)?.kind === 'literal' || tokens.at(-1)?.kind === 'digit') return null;
      tokens.push({ kind: 'literal', value: Number(arabic[1]!.replace(/,/g, '')) });
      i += arabic[1]!.length;
      continue;
    }
    if (c in DIGITS) tokens.push({ kind: 'digit', value: DIGITS[c]!, zero: DIGITS[c] === 0 });
    else if (c in SMALL_UNITS) tokens.push({ kind: 'small', value: SMALL_UNITS[c]! });
    else if (c in BIG_UNITS) tokens.push({ kind: 'big', value: BIG_UNITS[c]! });
    else if (c === '点') tokens.push({ kind: 'point' });
    else return null;
    i++;
  }
  return tokens;
}

/** Below 万: digits with 十/百/千, or one Arabic literal (`300` in `300万`). */
function parseSection(tokens: Token[]): number | null {
  if (tokens.length === 0) return null;
  if (tokens.length === 1 && tokens[0]!.kind === 'literal') return tokens[0]!.value;
  if (tokens.every((t) => t.kind === 'digit')) {
    // 二〇二四 is read digit by digit; a lone digit is itself. 三四 (three or four) is ambiguous.
    if (tokens.length === 1) return (tokens[0] as { value: number }).value;
    if (tokens.some((t) => t.kind === 'digit' && t.zero)) {
      return Number(tokens.map((t) => (t as { value: number }).value).join(''));
    }
    return null;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  let zeroSinceUnit = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'digit' || t.kind === 'literal') {
      if (t.kind === 'digit' && t.zero) {
        if (pending !== null) return null;
        zeroSinceUnit = true;
        continue;
      }
      if (pending !== null) return null; // two digits in a row: 三四百
      pending = t.value;
    } else if (t.kind === 'small') {
      if (t.value >= lastUnit) return null; // 百千: out of order
      if (pending === null) {
        if (t.value === 10 && k === 0) pending = 1; // 十五 = 15
        else return null;
      }
      total += pending * t.value;
      pending = null;
      lastUnit = t.value;
      zeroSinceUnit = false;
    } else return null;
  }
  if (pending !== null) {
    // 三百五 = 350, 一千二 = 1200 (colloquial elision); 一百零五 = 105; 十五 = 15.
    if (lastUnit === Infinity) total += pending;
    else if (lastUnit >= 100 && !zeroSinceUnit) total += (pending * lastUnit) / 10;
    else total += pending;
  }
  return total;
}

/** Whole numbers with 万 and 亿, splitting at the highest big unit present. */
function parseInteger(tokens: Token[]): number | null {
  if (tokens.length === 0) return null;
  for (const unit of [1e8, 1e4]) {
    let at = -1;
    for (let k = tokens.length - 1; k >= 0; k--) {
      const t = tokens[k]!;
      if (t.kind === 'big' && t.value === unit) { at = k; break; }
    }
    if (at < 0) continue;
    const left = parseInteger(tokens.slice(0, at));
    if (left === null) return null;
    let right = tokens.slice(at + 1);
    if (right.length === 0) return left * unit;
    let zeroLead = false;
    while (right[0]?.kind === 'digit' && right[0].zero) { right = right.slice(1); zeroLead = true; }
    if (right.length === 0) return left * unit;
    // 一万二 = 12000: a lone digit after the unit counts in the next place down.
    const lone = right[0]!;
    if (!zeroLead && right.length === 1 && lone.kind === 'digit') {
      return left * unit + (lone.value * unit) / 10;
    }
    const r = parseInteger(right);
    if (r === null || r >= unit) return null;
    return left * unit + r;
  }
  if (tokens.some((t) => t.kind === 'big')) return null;
  return parseSection(tokens);
}

/**
 * Parse one numeral: Arabic (`1,000`, `1.2`), full-width (`１２`), Chinese (`三千五百`, `两千`,
 * `零点五`) or mixed (`1.2万`, `3百万`). Returns `null` for anything empty, approximate (`十几`,
 * `300多`), out of order (`百三`) or otherwise unreadable — never a guess.
 */
export function parseNumber(input: string): number | null {
  let s = toHalfWidthDigits(input.trim()).replace(/\s+/g, '');
  if (s.startsWith('负') || s.startsWith('-') || s.startsWith('−')) {
    const v = parseNumber(s.slice(1));
    return v === null ? null : -v;
  }
  if (s === '' || APPROXIMATE.test(s)) return null;
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0) return null;
  const points = tokens.filter((t) => t.kind === 'point').length;
  if (points > 1) return null;
  if (points === 1) {
    // 一点二万: integer part, decimal digits, then only units that scale the whole.
    const p = tokens.findIndex((t) => t.kind === 'point');
    const intPart = parseInteger(tokens.slice(0, p));
    let k = p + 1;
    let frac = '';
    while (k < tokens.length && tokens[k]!.kind === 'digit') frac += String((tokens[k] as { value: number }).value), k++;
    if (intPart === null || frac === '') return null;
    let scale = 1;
    let lastBig = 0;
    for (; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.kind === 'small' && lastBig === 0) scale *= t.value;
      else if (t.kind === 'big') { scale *= t.value; lastBig = t.value; }
      else return null;
    }
    return roundFloat((intPart + Number(`0.${frac}`)) * scale);
  }
  const v = parseInteger(tokens);
  return v === null ? null : roundFloat(v);
}

/** 1.2 × 10000 is 11999.999…; round away binary noise, keeping real decimals. */
function roundFloat(v: number): number {
  return Number(v.toPrecision(12));
}

/** A number found inside text. */
export interface NumberToken {
  /** The characters as written, e.g. `三百万` or `1.2万`. */
  raw: string;
  /** Parsed value, or `null` when the token is ambiguous (`三四百`, `300多`). */
  value: number | null;
  /** Offsets into the scanned text (`end` is exclusive, and includes approximate suffixes like 多). */
  start: number;
  end: number;
  /** True when the writer marked it as approximate (多, 余, 几, 约, 左右 …). */
  approximate: boolean;
}

const NUM_CHARS = '0-9０-９.．零〇一二两三四五六七八九十百千万亿点';
const RUN = new RegExp(`(?:负|-|−)?[${NUM_CHARS}](?:[${NUM_CHARS}]|,(?=\\d{3}))*`, 'g');

/**
 * Find the numbers in a text, left to right. Chinese digits inside ordinary words (一站式, 统一)
 * are returned too — callers keep only numbers followed by a unit they understand. A 千 that
 * starts the unit 千瓦时 / 千瓦 is not part of the number (`300万千瓦时` is 300万 + 千瓦时).
 *
 * ```ts
 * scanNumbers('年耗电300万千瓦时，约两千吨').map(t => t.value) // [3000000, 2000]
 * scanNumbers('1e9吨').map(t => t.value)                  // [null] — scientific notation is not read
 * ```
 */
export function scanNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  let skipUntil = 0;
  for (const m of text.matchAll(RUN)) {
    let raw = m[0];
    const start = m.index!;
    if (start < skipUntil) continue; // the exponent of a number in scientific notation
    // Keep 千 for the unit 千瓦(时) and 千克; a trailing 点 or 、 is punctuation, not a decimal.
    while (/[千]$/.test(raw) && /^[瓦克米]/.test(text.slice(start + raw.length))) raw = raw.slice(0, -1);
    while (/[.．点]$/.test(raw)) raw = raw.slice(0, -1);
    if (raw === '' || /^(?:负|-|−)$/.test(raw)) continue;
    let end = start + raw.length;
    // 1e9 is one unreadable token, never the numbers 1 and 9 (nor 1 and -3 for 1e-3).
    const exponent = /^[eE][-+]?\d+/.exec(text.slice(end));
    if (exponent && /^\d+(?:\.\d+)?$/.test(raw)) {
      end += exponent[0].length;
      skipUntil = end;
      out.push({ raw: text.slice(start, end), value: null, start, end, approximate: false });
      continue;
    }
    const before = text.slice(Math.max(0, start - 1), start);
    const after = text.slice(end, end + 2);
    const approxAfter = /^(?:多|余|几|来|左右|上下)/.exec(after);
    const approximate = /[约近逾几]/.test(before) || /几/.test(raw) || approxAfter !== null;
    if (approxAfter) end += approxAfter[0].length;
    out.push({ raw, value: approximate ? null : parseNumber(raw), start, end, approximate });
  }
  return out;
}
