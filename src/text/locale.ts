/**
 * The two languages of the interface and the one shape of a bilingual text. Simplified Chinese
 * first, English second; every layer that words something for people uses these two types.
 */
export type Locale = 'zh-CN' | 'en';

/** A text in both languages, kept together so a message and its translation cannot drift apart. */
export interface Localized {
  zh: string;
  en: string;
}
