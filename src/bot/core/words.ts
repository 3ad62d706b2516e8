/**
 * The words the framework itself says — expired buttons and forms, unexpected failures — kept
 * in one place so every surface says them the same way (they had drifted: 已失效 vs 已过期).
 * Features word their own messages where they produce them.
 */
import type { Localized } from './i18n.ts';

/**
 * The product's one name, as every surface shows it (console banner, help title, the Slack app and
 * its modals, DingTalk card titles): English then Chinese, as in the README's title.
 */
export const PRODUCT_NAME = 'Policy Desk 政策助手';

export const WORDS = {
  buttonExpired: { zh: '这个按钮已过期，请重新发起命令。', en: 'This button has expired; please run the command again.' },
  formExpired: { zh: '这个表单已过期，请重新发起命令。', en: 'This form has expired; please run the command again.' },
  formOfSomeoneElse: { zh: '这是别人的表单。', en: 'This form belongs to someone else.' },
  failed: { zh: '处理时出错，已记录。请稍后重试或联系管理员。', en: 'Something went wrong; it has been logged. Please try again later.' },
  unsupported: { zh: '不支持这种操作。', en: 'This kind of interaction is not supported.' },
  uploadUnsupported: { zh: '暂不支持上传文件。', en: 'File uploads are not supported yet.' },
} satisfies Record<string, Localized>;

/**
 * Replies that end a pending conversation (a follow-up question). Matched on the whole message,
 * after trimming punctuation, so 取消 ends it but 取消了审批的项目需要环评吗 is still a question.
 */
export const CANCEL_REPLIES = ['取消', '算了', '不用了', '结束', '退出', 'cancel', 'stop', 'never mind', 'nevermind', 'quit'] as const;

/** The cancel word a reply suggests. */
export const CANCEL_HINT: Localized = { zh: '取消', en: 'cancel' };

/** True when the whole message asks to end the pending conversation. */
export function isCancel(text: string): boolean {
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/[\s。.!！~～,，、]+$/u, '').replace(/^[\s]+/u, '');
  return (CANCEL_REPLIES as readonly string[]).includes(t) || /^(取消|算了)(吧|了|吧谢谢|谢谢)?$/u.test(t);
}
