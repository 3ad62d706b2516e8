/**
 * The two languages of the interface and the one shape of a bilingual text. Simplified Chinese
 * first, English second; every layer that words something for people uses these two types.
 */
import * as z from 'zod';

export type Locale = 'zh-CN' | 'en';

/**
 * A text in both languages, kept together so a message and its translation cannot drift apart.
 * The schema is the one definition: JSON contracts (`--json` output) extend it, and the type is
 * derived from it.
 */
export const localizedSchema = z.object({ zh: z.string(), en: z.string() });
export type Localized = z.infer<typeof localizedSchema>;
