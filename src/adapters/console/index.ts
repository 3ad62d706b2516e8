/**
 * The console chat: the whole assistant in a terminal, on the same Bot as Discord and Slack.
 *
 * `/command args` runs a command, plain text is a question (or the answer to a follow-up),
 * forms are asked one field at a time by the core, buttons become numbered choices. Files (exports) are saved
 * under data/exports. With stdin closed it finishes what it has and exits with status 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../../bot/app.ts';
import type { BotContext } from '../../bot/core/context.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { InboundEvent, PlatformCapabilities } from '../../bot/core/inbound.ts';
import { replyToPlainText, type Reply } from '../../bot/core/reply.ts';
import { PRODUCT_NAME } from '../../bot/core/words.ts';
import { REPO_ROOT } from '../../settings.ts';
import { LineReader } from './lineReader.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** User id for this console session, e.g. `console:liu`. */
  userId: string;
  /** Where exports are written (default data/exports; `npm start` passes exports/ beside the database in use). */
  exportDir?: string;
  /** Called each time the console waits for a line (lets a test drive it one exchange at a time). */
  onPrompt?: () => void;
}

/** What a terminal can show, for the core: no modals (forms become prompts), numbered choices for buttons. */
export const CONSOLE_CAPABILITIES: PlatformCapabilities = {
  surface: 'console',
  modals: false,
  buttons: true,
  messageEdit: false,
  textCommands: 'slash',
  maxMessageLength: Number.POSITIVE_INFINITY,
};

export function banner(userId: string): string {
  return [
    `${PRODUCT_NAME} — 控制台（console）`,
    `当前用户 You are: ${userId}`,
    '直接输入问题即可提问，如：年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗',
    '输入 /help 查看全部命令（Type /help for all commands, /lang en for English）；Ctrl+D 退出。',
  ].join('\n');
}

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  const lines = new LineReader(options.input);
  const reader = {
    next: () => {
      options.onPrompt?.();
      return lines.next();
    },
  };
  const write = (s: string) => options.output.write(s.endsWith('\n') ? s : s + '\n');
  const exportDir = options.exportDir ?? resolve(REPO_ROOT, 'data', 'exports');
  write(banner(options.userId));

  const context = (): BotContext => app.pipeline.context({ userId: options.userId, surface: 'console' });
  const run = (event: InboundEvent): Promise<Reply> => app.pipeline.handle(event, context(), CONSOLE_CAPABILITIES);

  /** The buttons of the last reply shown: a typed number presses one. */
  let choices: Reply['actions'] = [];

  /** Prints a reply: its text, files saved, messages sent to others, and its buttons as numbered choices. */
  const show = async (r: Reply): Promise<void> => {
    const ctx = context();
    const text = replyToPlainText(r);
    write(text);
    if (r.fieldErrors) {
      // Each field error once: the reply text usually says it already.
      for (const msg of Object.values(r.fieldErrors)) if (!text.includes(msg)) write(`  ✖ ${msg}`);
    }
    for (const a of r.attachments ?? []) {
      mkdirSync(exportDir, { recursive: true });
      const target = resolve(exportDir, a.filename);
      writeFileSync(target, a.data);
      write(tr(ctx.locale, `已保存文件：${target}`, `Saved file: ${target}`));
    }
    for (const dm of r.directMessages ?? []) {
      write(tr(ctx.locale, `→ 发给 ${dm.userId}：`, `→ to ${dm.userId}: `) + replyToPlainText(dm.reply).split('\n')[0]);
    }
    // Sent for real, on each recipient's own platform; what could not be delivered is said.
    const undelivered = await app.pipeline.deliver(r, ctx);
    if (undelivered) write(replyToPlainText(undelivered));
    choices = r.actions ?? [];
    if (choices.length > 0) {
      const list = choices.map((a, i) => `${i + 1}. ${a.label}`).join('   ');
      write(tr(ctx.locale, `请选择（输入序号或按钮文字，回车跳过）：${list}`, `Choose (number or label, or Enter to skip): ${list}`));
    }
  };

  /**
   * One typed line: a number (or the label itself) presses the matching button of the last reply; anything else —
   * including an empty line while a form waits (it keeps the bracketed value) — is a message.
   * Forms are asked step by step by the core (textForm.ts), not here.
   */
  const handleLine = async (raw: string): Promise<boolean> => {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') return false;
    const n = /^\d+$/.test(line) ? Number(line) : NaN;
    // The button's label typed out (确认导入, Add it) presses it as its number does.
    const pressed = choices?.[n - 1] ?? choices?.find((a) => a.label.trim().toLowerCase() === line.toLowerCase());
    if (pressed) {
      await show(await run({ kind: 'action', actionId: pressed.id }));
      return true;
    }
    if (!line && !app.pipeline.awaitingText(options.userId)) return true;
    await show(await run({ kind: 'message', text: line }));
    return true;
  };

  for (;;) {
    const line = await reader.next();
    if (line === null) break;
    if (!(await handleLine(line))) break;
  }
  write(tr(context().locale, '再见。', 'Bye.'));
}
