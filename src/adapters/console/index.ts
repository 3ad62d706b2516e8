/**
 * The console chat: the whole assistant in a terminal, on the same Bot as Discord and Slack.
 *
 * `/command args` runs a command, plain text is a question (or the answer to a follow-up),
 * forms become one prompt per field, buttons become numbered choices. Files (exports) are saved
 * under data/exports. With stdin closed it finishes what it has and exits with status 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../../bot/app.ts';
import type { BotContext } from '../../bot/core/context.ts';
import type { FormRequest } from '../../bot/core/form.ts';
import { tr } from '../../bot/core/i18n.ts';
import type { InboundEvent, PlatformCapabilities } from '../../bot/core/inbound.ts';
import { replyToPlainText, type Reply } from '../../bot/core/reply.ts';
import { REPO_ROOT } from '../../settings.ts';
import { LineReader } from './lineReader.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** User id for this console session, e.g. `console:liu`. */
  userId: string;
  /** Where exports are written (default data/exports). */
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
    'Policy Desk 政策助手 — 控制台（console）',
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

  /** Shows a reply; follows its form and buttons until the exchange is finished. Returns false at end of input. */
  const show = async (first: Reply): Promise<boolean> => {
    let r: Reply | undefined = first;
    while (r) {
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
      if (r.form) {
        const values = await fillForm(r.form, ctx);
        if (!values) return false;
        r = await run({ kind: 'formSubmit', formId: r.form.id, values });
        continue;
      }
      if (r.actions && r.actions.length > 0) {
        const choices = r.actions.map((a, i) => `${i + 1}. ${a.label}`).join('   ');
        write(tr(ctx.locale, `请选择（输入序号，回车跳过）：${choices}`, `Choose (number, or Enter to skip): ${choices}`));
        const line = await reader.next();
        if (line === null) return false;
        const n = Number(line.trim());
        const action = Number.isInteger(n) ? r.actions[n - 1] : undefined;
        if (!action) {
          if (line.trim() !== '') return handleLine(line);
          return true;
        }
        r = await run({ kind: 'action', actionId: action.id });
        continue;
      }
      r = undefined;
    }
    return true;
  };

  const fillForm = async (form: FormRequest, ctx: BotContext): Promise<Record<string, string> | null> => {
    write(`— ${form.title} —`);
    write(tr(ctx.locale, '（逐项输入，回车保留括号内的值）', '(one value per line; Enter keeps the value in brackets)'));
    const values: Record<string, string> = {};
    for (const f of form.fields) {
      const hint = [f.unit, f.required ? '' : tr(ctx.locale, '选填', 'optional')].filter(Boolean).join('，');
      const initial = f.initial !== undefined && f.initial !== '' ? ` [${f.initial}]` : '';
      write(`${f.label}${hint ? `（${hint}）` : ''}${initial}：`);
      const line = await reader.next();
      if (line === null) return null;
      values[f.key] = line.trim() === '' && f.initial !== undefined ? f.initial : line.trim();
    }
    return values;
  };

  const handleLine = async (raw: string): Promise<boolean> => {
    const line = raw.trim();
    if (!line) return true;
    if (line === '/quit' || line === '/exit') return false;
    return show(await run({ kind: 'message', text: line }));
  };

  for (;;) {
    const line = await reader.next();
    if (line === null) break;
    if (!(await handleLine(line))) break;
  }
  write(tr(context().locale, '再见。', 'Bye.'));
}
