/**
 * `npx policy-desk <command> … [--json]` — the one-shot surface over the same Bot the chat
 * adapters use. Exit status 0 on success; non-zero with a one-line reason on stderr otherwise.
 * With `--json` every outcome, a failure included, is one JSON object on stdout (and nothing else:
 * warnings go to stderr), so a script can always parse what it gets. Every failure is
 * `{ "error": "<中文 / English>", "message": { "zh", "en" } }`; a refusal the bot worded keeps
 * its data beside them, its machine-readable reason as `code` (`bad_month`, `forbidden`, …).
 */
// First: configures zod before any schema is built.
import './oneShot.ts';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { writeFileChecked } from '../files.ts';
import { configureLogger, flushLogs, logger } from '../log.ts';
import { createApp, type App } from '../bot/app.ts';
import type { BotContext } from '../bot/core/context.ts';
import { tr } from '../bot/core/i18n.ts';
import { reply, replyToPlainText, type Reply } from '../bot/core/reply.ts';
import { loadDotEnv, readSettings } from '../settings.ts';
import { bi, missingFreeText, parseArgv, type CliRequest } from './argv.ts';
import { localizedSchema, type Localized } from '../text/locale.ts';
import { cliCommandHelp, cliHelp } from './help.ts';
import { CLI_STYLE, forCli } from './surface.ts';

/** Commands that need neither the reports database nor a user identity. */
const POLICY_COMMANDS = new Set(['search', 'ask', 'help']);

function firstLine(r: Reply): string {
  const text = replyToPlainText(r).replace(/^✖ /, '');
  return text.split('\n').find((l) => l.trim()) ?? 'failed';
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The `--json` object of a failure: `error` both languages on one line, `message` each. `data`
 * (what a bot refusal carries: `fieldErrors`, `units`, a search's `hits`…) is kept beside them;
 * its own `error`, a reason code, moves to `code`.
 */
function failureJson(problem: Localized, data?: unknown): Record<string, unknown> {
  const message = { zh: oneLine(problem.zh), en: oneLine(problem.en) };
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { ...d, ...(typeof d.error === 'string' ? { code: d.error } : {}), error: bi(message.zh, message.en), message };
}

/**
 * What a thrown error says in both languages. Ours carry it (`problem`: a path, the database;
 * `reason`: a start-up error); settings and config files word theirs in English, framed by
 * `context`. A message in Chinese only gets an English line that says so rather than none.
 */
function errorProblem(err: unknown, context: Localized): Localized {
  const e = err as { problem?: unknown; reason?: unknown; message?: unknown };
  for (const carried of [e?.problem, e?.reason]) {
    const p = localizedSchema.safeParse(carried);
    if (p.success) return p.data;
  }
  const text = oneLine(typeof e?.message === 'string' ? e.message : String(err));
  if (/\p{Script=Han}/u.test(text)) return { zh: `${context.zh}：${text}`, en: `${context.en} (the reason is given in Chinese only, in message.zh)` };
  return { zh: `${context.zh}：${text}`, en: `${context.en}: ${text}` };
}

/** The bot's failure in both languages: a reply keeps both (`problem`); the one line it shows otherwise. */
function replyProblem(r: Reply): Localized {
  if (r.problem) return r.problem;
  const line = firstLine(r);
  return /\p{Script=Han}/u.test(line) ? { zh: line, en: 'The command failed (the reason is given in Chinese only, in message.zh)' } : { zh: `失败：${line}`, en: line };
}

/** A failure the bot did not word: one line on stderr and, with `--json`, an object on stdout. */
function fail(json: boolean, problem: Localized, code: number): number {
  if (json) process.stdout.write(JSON.stringify(failureJson(problem)) + '\n');
  process.stderr.write(`policy-desk: ${oneLine(bi(problem.zh, problem.en))}\n`);
  return code;
}

function print(r: Reply, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(r.data ?? { text: replyToPlainText(r) }) + '\n');
  else process.stdout.write(replyToPlainText(r) + '\n');
}

/** Files a reply carries (exports) are written next to where the user asked, or to --out. */
function saveAttachments(r: Reply, out: string | undefined): void {
  for (const [i, a] of (r.attachments ?? []).entries()) {
    const target = writeFileChecked(out && i === 0 ? resolve(out) : resolve(a.filename), a.data, '导出文件');
    process.stderr.write(`policy-desk: ${bi(`已写入 ${target}`, `wrote ${target}`)}\n`);
  }
}

/**
 * Runs one command. `report backup <file>` is the operator's: the file goes where the operator
 * says (the bot's handler, shared with chat, writes only into the backup folder).
 */
async function runCliCommand(app: App, inv: CliRequest['invocation'], ctx: BotContext): Promise<Reply> {
  const file = String(inv.options.file ?? '').trim();
  if (inv.command === 'report' && inv.subcommand === 'backup' && file && app.store) {
    const r = await app.store.backup(ctx.user.id, resolve(file));
    if (!r.ok) return reply.error(ctx.locale, r.problem, { error: r.code });
    const text = tr(ctx.locale, `已备份到 ${r.file}（${r.pages} 页）。`, `Backed up to ${r.file} (${r.pages} pages).`);
    return { ...reply.text(text, { style: 'success' }), data: { ok: true, file: r.file, pages: r.pages } };
  }
  return app.bot.run(inv, ctx);
}

/**
 * Batch mode: one JSON object per stdin line, a failed line included (with `error`). Exit status 1
 * when any line failed, so a script sees it without reading every object; 2 when stdin held no
 * query at all (`search --json` with nothing piped in asks for nothing).
 */
async function runBatch(app: App, req: CliRequest, ctx: BotContext): Promise<number> {
  const command = req.invocation.command;
  const option = command === 'search' ? 'query' : 'question';
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  let lines = 0;
  let failures = 0;
  for await (const line of rl) {
    lines++;
    if (line.trim() === '') {
      // Worded here, in both languages: the bot would say it in one.
      failures++;
      process.stdout.write(JSON.stringify(failureJson(missingFreeText(command))) + '\n');
      continue;
    }
    const inv = { ...req.invocation, options: { ...req.invocation.options, [option]: line } };
    const r = await app.bot.run(inv, ctx);
    if (r.isError) failures++;
    process.stdout.write(JSON.stringify(r.isError ? failureJson(replyProblem(r), r.data) : (r.data ?? {})) + '\n');
  }
  if (lines === 0) {
    return fail(
      true,
      {
        zh: `没有要${command === 'search' ? '检索' : '回答'}的内容：请在命令后写上，或从标准输入每行给一个`,
        en: `Nothing to ${command === 'search' ? 'search for' : 'answer'}: give it after the command, or one per line on stdin`,
      },
      2,
    );
  }
  return failures > 0 ? 1 : 0;
}

/** The report's field keys, for `help report submit` (none when the definition cannot be read: doctor says why). */
async function reportFieldKeys(): Promise<string[]> {
  try {
    const { loadDefinition } = await import('../reports/definition.ts');
    return loadDefinition().fields.map((f) => f.key);
  } catch {
    return [];
  }
}

/**
 * A reader that stops reading (`… | head`) closes the pipe: what is left to print has no reader, so
 * the command ends quietly, as Unix tools do, instead of failing with a stack trace.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  loadDotEnv();
  if (argv[0] === 'corpus') {
    // Loaded only here: the document extractors are not needed by any other command.
    const { runCorpusCli } = await import('./corpus.ts');
    const locale = process.env.POLICY_DESK_LOCALE === 'en' ? 'en' : 'zh-CN';
    return runCorpusCli(argv.slice(1), locale);
  }
  const parsed = parseArgv(argv);
  if (!parsed.ok) return fail(argv.includes('--json'), parsed.problem, 2);
  if ('help' in parsed) {
    const text = parsed.about ? cliCommandHelp(parsed.about, parsed.about[0] === 'report' ? await reportFieldKeys() : []) : cliHelp();
    if (text === undefined) {
      const asked = parsed.about!.join(' ');
      return fail(parsed.json, { zh: `没有「${asked}」这个命令，运行 npx policy-desk help 查看全部命令。`, en: `There is no command "${asked}". Run npx policy-desk help for the list.` }, 2);
    }
    // With --json, the usage text as a string: stdout carries only JSON.
    process.stdout.write((parsed.json ? JSON.stringify({ help: text }) : text) + '\n');
    return 0;
  }
  const req = parsed.request;
  if (req.invocation.command === 'doctor') {
    const { runDoctor } = await import('../ops/doctor.ts');
    return await runDoctor({ env: req.db ? { ...process.env, POLICY_DESK_DB: req.db } : process.env, out: process.stdout, json: req.json });
  }
  let settings;
  try {
    settings = readSettings(req.db ? { ...process.env, POLICY_DESK_DB: req.db } : process.env);
  } catch (err) {
    return fail(req.json, errorProblem(err, { zh: '设置有误', en: 'A setting is wrong' }), 2);
  }
  // One-shot calls log to stderr (stdout may be JSON), quietly unless LOG_LEVEL asks for more.
  configureLogger({ level: settings.logLevel ?? 'warn', destination: process.stderr });
  const osUser = `os:${userInfo().username}`;
  const inv = req.invocation;
  if (req.as !== undefined) {
    // Loaded here: a search or ask without --as never loads the reports module (or SQLite).
    const { isPlatformId, userIdProblem } = await import('../reports/index.ts');
    // --as is the operator's statement, taken on trust: it must at least be a well-formed id, and
    // speaking as a chat platform's user must be deliberate.
    const problem = userIdProblem(req.as);
    if (problem) return fail(req.json, { zh: `--as：${problem.zh}`, en: `--as: ${problem.en}` }, 2);
    if (isPlatformId(req.as) && !req.allowPlatformIdentity) {
      return fail(
        req.json,
        {
          zh: `--as ${req.as} 是聊天平台用户；操作员代其操作须加 --allow-platform-identity（审计日志会记录操作系统用户 ${osUser}）。`,
          en: 'Acting as a chat platform user needs --allow-platform-identity.',
        },
        2,
      );
    }
  }
  if (inv.command === 'report' && inv.subcommand === 'restore') return restore(await import('../reports/index.ts'), settings, String(inv.options.file ?? ''), req, osUser);
  const scope = POLICY_COMMANDS.has(inv.command) ? 'policy' : 'all';
  let app: App;
  try {
    app = await createApp({ settings, scope, osUser });
  } catch (err) {
    // A broken config file (holidays, roster, report definition) or database: one line, no stack.
    return fail(req.json, errorProblem(err, { zh: '无法启动', en: 'Cannot start' }), 2);
  }
  // Every command says what is wrong with the corpus (skipped files, bad metadata), naming the file.
  for (const w of await app.corpusWarnings) process.stderr.write(`policy-desk: ⚠ ${w}\n`);
  try {
    const ctx: BotContext = {
      user: { id: req.as ?? `console:${userInfo().username}` },
      locale: settings.defaultLocale,
      now: app.now(),
      surface: 'cli',
      style: CLI_STYLE,
    };
    if (req.batch) return await runBatch(app, req, ctx);
    // process.hrtime, not performance.now(): the global `performance` loads ~10 modules on first use.
    const started = process.hrtime.bigint();
    // Commands named as typed here (npx policy-desk …); no buttons to press.
    const r = forCli(await runCliCommand(app, req.invocation, ctx), app.bot.commands.map((c) => c.name));
    const event = {
      event: 'command',
      command: [inv.command, inv.subcommand].filter(Boolean).join(' '),
      user: ctx.user.id,
      os_user: osUser,
      unit: inv.options.unit !== undefined ? String(inv.options.unit) : undefined,
      ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
      surface: 'cli',
    };
    if (r.isError) {
      logger.info({ ...event, outcome: 'error' });
      if (req.json) process.stdout.write(JSON.stringify(failureJson(replyProblem(r), r.data)) + '\n');
      process.stderr.write(`policy-desk: ${firstLine(r)}\n`);
      return 1;
    }
    try {
      saveAttachments(r, req.invocation.extra?.out);
    } catch (err) {
      logger.info({ ...event, outcome: 'error' });
      return fail(req.json, errorProblem(err, { zh: '无法保存导出文件', en: 'Cannot save the export' }), 1);
    }
    logger.info({ ...event, outcome: 'ok' });
    print(r, req.json);
    return 0;
  } finally {
    app.close();
    flushLogs();
  }
}

/**
 * `report restore <file>`: the operator's command, run with the bot stopped. Only a configured
 * coordinator may restore; the backup is checked and the current database kept aside.
 */
function restore(reports: typeof import('../reports/index.ts'), settings: ReturnType<typeof readSettings>, file: string, req: CliRequest, osUser: string): number {
  const actor = req.as ?? `console:${userInfo().username}`;
  if (!settings.coordinators.includes(actor)) {
    return fail(req.json, { zh: `恢复数据库仅限协调员（POLICY_DESK_COORDINATORS），当前身份 ${actor} 不是（以协调员身份运行请加 --as <协调员标识>）。`, en: `Only coordinators (POLICY_DESK_COORDINATORS) may restore the database; ${actor} is not one (run it as a coordinator with --as <coordinator id>).` }, 1);
  }
  if (!file.trim()) return fail(req.json, { zh: 'report restore 需要备份文件：report restore <文件>', en: 'report restore needs the backup file: report restore <file>' }, 2);
  try {
    const r = reports.restoreDatabase(settings.dbPath, file);
    if (!r.ok) return fail(req.json, r.problem, 1);
    logger.warn({ event: 'restore', user: actor, os_user: osUser, db: r.restored, kept_aside: r.keptAside, outcome: 'ok' });
    const from = resolve(file);
    if (req.json) process.stdout.write(JSON.stringify({ ok: true, file: from, restored: r.restored, ...(r.keptAside ? { keptAside: r.keptAside } : {}) }) + '\n');
    else process.stdout.write(`已从 ${from} 恢复到 ${r.restored}${r.keptAside ? `；原数据库已另存为 ${r.keptAside}` : ''}。\n`);
    return 0;
  } catch (err) {
    return fail(req.json, errorProblem(err, { zh: '恢复失败', en: 'Restore failed' }), 1);
  }
}

// Not a top-level await: the compiled CLI is a CommonJS bundle (scripts/build.mjs).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
