/**
 * Localisation. Simplified Chinese first, English second: every user-facing string is written
 * as a pair at the place it is used, and `tr` picks one. Keeping the pair together means a
 * message and its translation cannot drift apart in separate catalogues.
 */
import type { Locale, Localized } from '../../text/locale.ts';

export type { Localized } from '../../text/locale.ts';

export function tr(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

/** A label and its colon in the reader's language: `说明：` / `Explanation: ` (no full-width colon in English). */
export function labelled(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? `${en}: ` : `${zh}：`;
}

/** Joins a list the way the reader's language does: 、 in Chinese, a comma in English. */
export function listOf(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'en' ? ', ' : '、');
}

export function pick(locale: Locale, text: Localized): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Names people type for a language (`/lang zh`, `/lang 中文`, `/lang English`), beyond the tags themselves. */
const LANGUAGE_NAMES: Record<string, Locale> = {
  zh: 'zh-CN', cn: 'zh-CN', chinese: 'zh-CN', 中文: 'zh-CN', 汉语: 'zh-CN', 简体中文: 'zh-CN', 简体: 'zh-CN', 普通话: 'zh-CN',
  en: 'en', english: 'en', 英文: 'en', 英语: 'en',
};

/** A language a person named, as a tag (`zh-CN`, `zh_cn`, `en-US`) or a name in either language; undefined if unknown. */
export function readLocaleName(raw: string): Locale | undefined {
  const w = raw.normalize('NFKC').trim().toLowerCase();
  if (LANGUAGE_NAMES[w]) return LANGUAGE_NAMES[w];
  if (/^zh([-_](cn|hans|hans[-_]cn))?$/.test(w)) return 'zh-CN';
  if (/^en([-_][a-z]{2})?$/.test(w)) return 'en';
  return undefined;
}

/** Normalises a platform locale string (`zh-CN`, `zh_CN`, `en-US`, `en-GB`, `zh-TW`) to ours. */
export function toLocale(raw: string | undefined | null, fallback: Locale = 'zh-CN'): Locale {
  if (!raw) return fallback;
  const l = raw.toLowerCase().replace('_', '-');
  if (l.startsWith('en')) return 'en';
  if (l.startsWith('zh')) return 'zh-CN';
  return fallback;
}
