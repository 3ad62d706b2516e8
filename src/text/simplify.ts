/**
 * Traditional → simplified Chinese, shared by search (queries) and the rule module (questions),
 * so a colleague typing 節能審查 is understood everywhere.
 *
 * OpenCC's dictionaries take a few milliseconds to load, so they are loaded on the first text
 * that actually contains a traditional character (checked against a precomputed set).
 */
import { createRequire } from 'node:module';
import { TRADITIONAL_CHARS } from './traditional-chars.ts';

const TRADITIONAL = new Set(TRADITIONAL_CHARS);
let converter: ((s: string) => string) | undefined;

/** True when OpenCC would change at least one character of `s`. */
export function hasTraditionalChars(s: string): boolean {
  for (const ch of s) if (TRADITIONAL.has(ch)) return true;
  return false;
}

/** Traditional (Taiwan, Hong Kong or generic) → simplified; returns `s` itself when nothing changes. */
export function toSimplified(s: string): string {
  if (!hasTraditionalChars(s)) return s;
  if (!converter) {
    const require = createRequire(import.meta.url);
    const OpenCC = require('opencc-js/t2cn') as { Converter: (o: { from: string; to: string }) => (s: string) => string };
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    converter = (x) => hk(tw(x));
  }
  return converter(s);
}
