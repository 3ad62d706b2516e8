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

export function pick(locale: Locale, text: Localized): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Normalises a platform locale string (`zh-CN`, `zh_CN`, `en-US`, `en-GB`, `zh-TW`) to ours. */
export function toLocale(raw: string | undefined | null, fallback: Locale = 'zh-CN'): Locale {
  if (!raw) return fallback;
  const l = raw.toLowerCase().replace('_', '-');
  if (l.startsWith('en')) return 'en';
  if (l.startsWith('zh')) return 'zh-CN';
  return fallback;
}
