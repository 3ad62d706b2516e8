/**
 * The user-id forms design.md defines, one per surface. Checked in the domain (binding a
 * reporter, the CLI's `--as`), so every surface refuses `foo:bar` the same way.
 */
import type { Localized } from '../text/locale.ts';

export const USER_ID_FORMS: Record<string, { pattern: RegExp; example: string }> = {
  console: { pattern: /^console:[^\s:]+$/, example: 'console:liu' },
  discord: { pattern: /^discord:\d{1,20}$/, example: 'discord:1234' },
  slack: { pattern: /^slack:[A-Z0-9]+:[A-Z0-9]+$/, example: 'slack:T1:U2' },
  dingtalk: { pattern: /^dingtalk:[^\s:]+:[^\s:]+$/, example: 'dingtalk:ding123:0455' },
};

/** Surfaces whose ids name a person on a chat platform (not the server's own console). */
export const PLATFORM_PREFIXES = ['discord', 'slack', 'dingtalk'] as const;

/** The id's problem, in both locales, or null when it is one of the known forms. */
export function userIdProblem(id: string): Localized | null {
  const prefix = id.split(':')[0] ?? '';
  const form = USER_ID_FORMS[prefix];
  if (form?.pattern.test(id)) return null;
  const examples = Object.values(USER_ID_FORMS).map((f) => f.example);
  if (!form) {
    return {
      zh: `不认识的用户标识前缀「${prefix}」（${id}）；可用：${Object.keys(USER_ID_FORMS).join('、')}，如 ${examples.join('、')}`,
      en: `Unknown user id prefix "${prefix}" (${id}); use one of ${Object.keys(USER_ID_FORMS).join(', ')}, e.g. ${examples.join(', ')}`,
    };
  }
  return { zh: `用户标识应形如 ${form.example}，收到「${id}」`, en: `A ${prefix} user id looks like ${form.example}; got "${id}"` };
}

/** Whether the id belongs to a chat platform person rather than the console. */
export function isPlatformId(id: string): boolean {
  return (PLATFORM_PREFIXES as readonly string[]).includes(id.split(':')[0] ?? '');
}
