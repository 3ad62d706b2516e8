/**
 * Section numbering of Chinese policy documents: recognising a heading's number and style.
 *
 * Plan style nests `一、` → `（一）` → `1.` → `（1）`; regulation style uses `第一章` → `第一条`.
 * This module only recognises the syntax of one line; whether a candidate really is a heading
 * (sequence, context) is decided by the repair pass, which sees the neighbouring lines.
 */

export type HeadingStyle = 'chapter' | 'article' | 'cn' | 'pcn' | 'arabic' | 'parabic';

/** Nesting depth of each style inside its family (plan or regulation). */
export const STYLE_DEPTH: Readonly<Record<HeadingStyle, number>> = {
  chapter: 0,
  article: 1,
  cn: 0,
  pcn: 1,
  arabic: 2,
  parabic: 3,
};

export interface HeadingCandidate {
  style: HeadingStyle;
  /** The number as an integer (一 → 1, 十二 → 12). */
  num: number;
  /** The number label as written in a citation: `一、`, `（一）`, `9`, `（1）`, `第五条`. */
  label: string;
  /** The text after the number (may be empty for a heading-only line). */
  rest: string;
}

/** Every character of a Chinese numeral, digits and units. */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Converts a Chinese numeral (`十二`, `二十`, `一百零五`, `一千零一十`, `一万二千`) to an integer;
 * returns `null` when the string is not one. A unit with no digit before it counts once
 * (`十二` = 12, `一千零十` = 1010).
 */
export function chineseNumeralToInt(s: string): number | null {
  if (!s || !new RegExp(`^[${CN_NUMERAL_CHARS}]+$`).test(s)) return null;
  let total = 0; // the part before 万
  let section = 0; // the part after the last 万
  let digit = 0;
  let hasDigit = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch]!;
      hasDigit = digit !== 0;
      continue;
    }
    if (ch === '万') {
      total += (section + digit || 1) * 10000;
      section = 0;
    } else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      section += (hasDigit ? digit : 1) * unit;
    }
    digit = 0;
    hasDigit = false;
  }
  return total + section + digit;
}

/** The characters of a Chinese numeral in a `第…章/条` ordinal: up to the ten thousands (`第一千零一十条`). */
export const ORDINAL_NUMERAL_CHARS = '一二三四五六七八九十百千万零〇';
export const CN_NUM = `[${ORDINAL_NUMERAL_CHARS}]+`;

/**
 * `第…章 / 节 / 条 / 款` numbered in Chinese numerals written with figures instead (第十二条 → 第12条),
 * so a citation typed either way compares equal: staff type 第12条 as often as 第十二条.
 */
export function ordinalsAsFigures(s: string): string {
  return s.replace(new RegExp(`第(${CN_NUM})([章节条款])`, 'gu'), (whole, num: string, unit: string) => {
    const n = chineseNumeralToInt(num);
    return n === null ? whole : `第${n}${unit}`;
  });
}

const ORDINAL_DIGITS = '零一二三四五六七八九';

/** A whole number below 10,000 as an ordinal's Chinese numeral: 40 → 四十, 12 → 十二, 105 → 一百零五. */
export function intToChineseNumeral(n: number): string {
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += ORDINAL_DIGITS[d]! + units[i]!;
  });
  // 十二, not 一十二, when ten is the highest place (as the texts number articles).
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

/**
 * The inverse of {@link ordinalsAsFigures}: `第40条` → `第四十条`, as the texts number their
 * chapters and articles, so words searched for match the texts' own headings and citations.
 */
export function figuresAsOrdinals(s: string): string {
  return s.replace(/第\s*(\d{1,4})\s*([章节条款项])/gu, (whole, num: string, unit: string) => {
    const n = Number(num);
    return n === 0 ? whole : `第${intToChineseNumeral(n)}${unit}`;
  });
}

/**
 * Recognises the number at the start of a (space-repaired) line. Returns `null` for lines that
 * only look numbered: `1.5亿元` (a decimal), `1:1`, `6·18`, `20家`.
 */
export function matchHeading(line: string): HeadingCandidate | null {
  let m: RegExpMatchArray | null;
  if ((m = line.match(new RegExp(`^第(${CN_NUM})章\\s*([^，。；：]{0,30})$`)))) {
    const num = chineseNumeralToInt(m[1]!);
    return num === null ? null : { style: 'chapter', num, label: `第${m[1]}章`, rest: m[2]!.trim() };
  }
  if ((m = line.match(new RegExp(`^第(${CN_NUM})条(?:\\s+|(?=[^，、。；]))(.*)$`)))) {
    const num = chineseNumeralToInt(m[1]!);
    return num === null ? null : { style: 'article', num, label: `第${m[1]}条`, rest: m[2]!.trim() };
  }
  if ((m = line.match(/^([一二三四五六七八九十]+)、(.*)$/))) {
    const num = chineseNumeralToInt(m[1]!);
    return num === null ? null : { style: 'cn', num, label: `${m[1]}、`, rest: m[2]!.trim() };
  }
  if ((m = line.match(/^[（(]\s*([一二三四五六七八九十]+)\s*[）)](.*)$/))) {
    const num = chineseNumeralToInt(m[1]!);
    return num === null ? null : { style: 'pcn', num, label: `（${m[1]}）`, rest: m[2]!.trim() };
  }
  // `1.` / `1．` / `1、` followed by text that does not start with a digit (so `1.5亿元` is not a heading).
  if ((m = line.match(/^(\d{1,2})\s*[.．、](?![\d.．])\s*(\S.*)$/))) {
    const rest = m[2]!;
    if (/^[%％\d]/.test(rest)) return null;
    return { style: 'arabic', num: Number(m[1]), label: m[1]!, rest: rest.trim() };
  }
  if ((m = line.match(/^[（(]\s*(\d{1,2})\s*[）)](.+)$/))) {
    return { style: 'parabic', num: Number(m[1]), label: `（${Number(m[1])}）`, rest: m[2]!.trim() };
  }
  return null;
}
