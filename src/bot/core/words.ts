/**
 * The words the framework itself says — expired buttons and forms, unexpected failures — kept
 * in one place so every surface says them the same way (they had drifted: 已失效 vs 已过期).
 * Features word their own messages where they produce them.
 */
import type { Localized } from './i18n.ts';

export const WORDS = {
  buttonExpired: { zh: '这个按钮已过期，请重新发起命令。', en: 'This button has expired; please run the command again.' },
  formExpired: { zh: '这个表单已过期，请重新发起命令。', en: 'This form has expired; please run the command again.' },
  formOfSomeoneElse: { zh: '这是别人的表单。', en: 'This form belongs to someone else.' },
  failed: { zh: '处理时出错，已记录。请稍后重试或联系管理员。', en: 'Something went wrong; it has been logged. Please try again later.' },
  unsupported: { zh: '不支持这种操作。', en: 'This kind of interaction is not supported.' },
  uploadUnsupported: { zh: '暂不支持上传文件。', en: 'File uploads are not supported yet.' },
} satisfies Record<string, Localized>;
