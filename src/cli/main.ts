/**
 * `npx policy-desk <command> … [--json]` — the one-shot surface over the same Bot the chat
 * adapters use. Exit status 0 on success; non-zero with a one-line reason on stderr otherwise.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp, type App } from '../bot/app.ts';
import type { BotContext } from '../bot/core/context.ts';
import { replyToPlainText, type Reply } from '../bot/core/reply.ts';
import { loadDotEnv, readSettings } from '../settings.ts';
import { parseArgv, type CliRequest } from './argv.ts';
import { cliHelp } from './help.ts';

/** Commands that need neither the reports database nor a user identity. */
const POLICY_COMMANDS = new Set(['search', 'ask', 'help']);

function firstLine(r: Reply): string {
  const text = replyToPlainText(r).replace(/^✖ /, '');
  return text.split('\n').find((l) => l.trim()) ?? 'failed';
}

function print(r: Reply, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(r.data ?? { text: replyToPlainText(r) }) + '\n');
  else process.stdout.write(replyToPlainText(r) + '\n');
}

/** Files a reply carries (exports) are written next to where the user asked, or to --out. */
function saveAttachments(r: Reply, out: string | undefined): void {
  for (const [i, a] of (r.attachments ?? []).entries()) {
    const target = out && i === 0 ? resolve(out) : resolve(a.filename);
    writeFileSync(target, a.data);
    process.stderr.write(`wrote ${target}\n`);
  }
}

async function runBatch(app: App, req: CliRequest, ctx: BotContext): Promise<number> {
  const option = req.invocation.command === 'search' ? 'query' : 'question';
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) {
    const inv = { ...req.invocation, options: { ...req.invocation.options, [option]: line } };
    const r = await app.bot.run(inv, ctx);
    const data = (r.data ?? {}) as Record<string, unknown>;
    process.stdout.write(JSON.stringify(r.isError ? { ...data, error: firstLine(r) } : data) + '\n');
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  if (argv[0] === 'corpus') {
    // Loaded only here: the document extractors are not needed by any other command.
    const { runCorpusCli } = await import('./corpus.ts');
    const locale = process.env.POLICY_DESK_LOCALE === 'en' ? 'en' : 'zh-CN';
    return runCorpusCli(argv.slice(1), locale);
  }
  const parsed = parseArgv(argv);
  if (!parsed.ok) {
    process.stderr.write(`policy-desk: ${parsed.error}\n`);
    return 2;
  }
  if ('help' in parsed) {
    process.stdout.write(cliHelp() + '\n');
    return 0;
  }
  const req = parsed.request;
  let settings;
  try {
    settings = readSettings(req.db ? { ...process.env, POLICY_DESK_DB: req.db } : process.env);
  } catch (err) {
    process.stderr.write(`policy-desk: ${(err as Error).message}\n`);
    return 2;
  }
  const scope = POLICY_COMMANDS.has(req.invocation.command) ? 'policy' : 'all';
  let app: App;
  try {
    app = await createApp({ settings, scope });
  } catch (err) {
    // A broken config file (holidays, roster, report definition) or database: one line, no stack.
    process.stderr.write(`policy-desk: ${(err as Error).message}\n`);
    return 2;
  }
  // Every command says what is wrong with the corpus (skipped files, bad metadata), naming the file.
  for (const w of app.corpusWarnings) process.stderr.write(`policy-desk: ⚠ ${w}\n`);
  try {
    const ctx: BotContext = {
      user: { id: req.as ?? `console:${userInfo().username}` },
      locale: settings.defaultLocale,
      now: app.now(),
      surface: 'cli',
    };
    if (req.batch) return await runBatch(app, req, ctx);
    const r = await app.bot.run(req.invocation, ctx);
    if (r.isError) {
      if (req.json && r.data !== undefined) process.stdout.write(JSON.stringify(r.data) + '\n');
      process.stderr.write(`policy-desk: ${firstLine(r)}\n`);
      return 1;
    }
    saveAttachments(r, req.invocation.extra?.out);
    print(r, req.json);
    return 0;
  } finally {
    app.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
