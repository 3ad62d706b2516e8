/**
 * Time facts from a sentence: quarters (2025年第一季度, Q1 2025, 上季度), years (今年, 2025) and
 * dates (2025年3月, 2025-03-15), read in China time so "this quarter" is the one Jincheng is in.
 */
import { foldFullWidth } from '../text/normalize.ts';
import { chinaClock } from '../text/chinaTime.ts';

function quarterOf(d: Date): { y: number; q: number } {
  const c = chinaClock(d);
  return { y: c.getUTCFullYear(), q: Math.floor(c.getUTCMonth() / 3) + 1 };
}

const CN_Q: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const EN_Q: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

export function extractQuarters(text: string, now: Date): string[] {
  const out: string[] = [];
  const t = foldFullWidth(text);
  for (const m of t.matchAll(/(20\d{2})\s*年?\s*(?:第)?([一二三四1-4])\s*季度/g)) out.push(`${m[1]}-Q${CN_Q[m[2]!]}`);
  for (const m of t.matchAll(/(20\d{2})\s*[-\s]?\s*Q([1-4])\b/gi)) out.push(`${m[1]}-Q${m[2]}`);
  for (const m of t.matchAll(/\bQ([1-4])\s*[-\s,]?\s*(20\d{2})/gi)) out.push(`${m[2]}-Q${m[1]}`);
  for (const m of t.matchAll(/\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s*,?\s*(20\d{2})/gi)) out.push(`${m[2]}-Q${EN_Q[m[1]!.toLowerCase()]}`);
  const cur = quarterOf(now);
  if (/本季度|这个季度|这季度|当前季度|本季|this\s+quarter|current\s+quarter/i.test(t)) out.push(`${cur.y}-Q${cur.q}`);
  if (/上季度|上个季度|上一季度|last\s+quarter|previous\s+quarter/i.test(t)) {
    const y = cur.q === 1 ? cur.y - 1 : cur.y;
    out.push(`${y}-Q${cur.q === 1 ? 4 : cur.q - 1}`);
  }
  // A bare 第一季度 without a year: the current year.
  if (out.length === 0) for (const m of t.matchAll(/(?<!\d年?)第?([一二三四])季度/g)) out.push(`${cur.y}-Q${CN_Q[m[1]!]}`);
  return [...new Set(out)];
}

export function extractYears(text: string, now: Date): number[] {
  const out: number[] = [];
  const t = foldFullWidth(text);
  for (const m of t.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)) out.push(Number(m[1]));
  const y = quarterOf(now).y;
  if (/今年|本年度?|this\s+year/i.test(t)) out.push(y);
  if (/明年|next\s+year/i.test(t)) out.push(y + 1);
  if (/去年|last\s+year/i.test(t)) out.push(y - 1);
  return [...new Set(out)];
}

export function extractDates(text: string): string[] {
  const out: string[] = [];
  const t = foldFullWidth(text);
  const pad = (s: string) => s.padStart(2, '0');
  for (const m of t.matchAll(/(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/g)) {
    out.push(`${m[1]}-${pad(m[2]!)}-${m[3] ? pad(m[3]) : '15'}`);
  }
  for (const m of t.matchAll(/\b(20\d{2})-(\d{2})-(\d{2})\b/g)) out.push(`${m[1]}-${m[2]}-${m[3]}`);
  if (out.length === 0) for (const m of t.matchAll(/(20\d{2})\s*年(?!\s*\d)/g)) out.push(`${m[1]}-07-01`);
  return [...new Set(out)];
}
