/**
 * `npx policy-desk corpus add|check|list` — managing the policy documents from the server.
 *
 * ```sh
 * npx policy-desk corpus add 办法.pdf [--doc-no 晋市政办〔2025〕7号] [--title …] [--issuer …] [--date YYYY-MM-DD] [--replace] [--dry-run] [--json]
 * npx policy-desk corpus check [--json]
 * npx policy-desk corpus list [--json]
 * ```
 *
 * The operator at the server is trusted with the folder, so no `--as` is needed (chat requires a
 * coordinator). `add` prints the outline and stores the text unless `--dry-run`; a document whose
 * 文号 or whose text is already in the corpus is refused unless `--replace`, and the outline, the
 * messages and `replaces` in `--json` say which file it replaces. `--title`, `--doc-no`, `--issuer`
 * and `--date` are recorded in `metadata.json` for what the text lacks. Warnings go to stderr,
 * naming the file. The extractors (PDF, Word, HTML) are loaded only here, so other commands start
 * without them.
 *
 * With `--json` every outcome prints one object on stdout. A failure of `add` keeps the fields
 * scripts read (`stored: false`) beside `error` ("中文 / English") and `message: { zh, en }`, as every
 * command does. `--db` and `--as`, which every command takes, are accepted and change nothing here.
 *
 * Exit status: 0 done; 1 refused or failed (and `corpus check` when it found any warning, so a
 * coordinator's script or cron job notices without parsing the report; `corpus list` stays 0, it
 * only lists); 2 bad arguments or a file that cannot be read.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { basename, resolve } from 'node:path';
import { corpusReport, prepareDocument, storeDocument, storeRefusal } from '../corpus/ingest.ts';
import { checkReply, listReply, outlineData, outlineReply } from '../bot/features/corpus/outline.ts';
import { replyToPlainText, type Locale } from '../bot/core/reply.ts';
import { bi } from './argv.ts';
import type { Localized } from '../text/locale.ts';

const USAGE_LINE = 'policy-desk corpus add <file.pdf|.docx|.html|.txt> [--doc-no …] [--title …] [--issuer …] [--date YYYY-MM-DD] [--replace] [--dry-run] [--json] | corpus check [--json] | corpus list [--json]';
const USAGE: Localized = { zh: `用法：${USAGE_LINE}`, en: `usage: ${USAGE_LINE}` };
const withUsage = (p: Localized): Localized => ({ zh: `${p.zh}。${USAGE.zh}`, en: `${p.en}. ${USAGE.en}` });

interface CorpusArgs {
  sub: string;
  file?: string;
  docNo?: string;
  title?: string;
  issuer?: string;
  date?: string;
  replace: boolean;
  dryRun: boolean;
  json: boolean;
}

function parse(argv: string[]): CorpusArgs | Localized {
  const args: CorpusArgs = { sub: '', replace: false, dryRun: false, json: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const [, name, inline] = m;
    if (name === 'json') args.json = true;
    else if (name === 'replace') args.replace = true;
    else if (name === 'dry-run') args.dryRun = true;
    else if (name === 'db' || name === 'as') {
      // Global options every command takes; the corpus folder needs neither (no database, no identity).
      if ((inline ?? argv[++i]) === undefined) return { zh: `--${name} 后面缺少值`, en: `--${name} needs a value` };
    } else if (name === 'doc-no' || name === 'title' || name === 'issuer' || name === 'date') {
      const v = inline ?? argv[++i];
      if (v === undefined) return { zh: `--${name} 后面缺少值`, en: `--${name} needs a value` };
      if (name === 'doc-no') args.docNo = v;
      else if (name === 'title') args.title = v;
      else if (name === 'issuer') args.issuer = v;
      else args.date = v;
    } else return { zh: `不认识的选项 --${name}`, en: `unknown option --${name}` };
  }
  args.sub = positional.shift() ?? '';
  if (!['add', 'check', 'list'].includes(args.sub)) return args.sub ? withUsage({ zh: `不认识的 corpus 子命令「${args.sub}」`, en: `unknown corpus subcommand "${args.sub}"` }) : USAGE;
  if (args.sub === 'add') {
    args.file = positional.shift();
    if (!args.file) return withUsage({ zh: 'corpus add 需要一个文件', en: 'corpus add needs a file' });
  }
  if (positional.length > 0) return { zh: `多余的参数「${positional[0]}」`, en: `unexpected argument "${positional[0]}"` };
  return args;
}

/** Why `path` cannot be read as a document, or undefined when it can. */
function unreadable(path: string, given: string): Localized | undefined {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { zh: `找不到文件：${given}`, en: `file not found: ${given}` };
    if (code === 'EACCES' || code === 'EPERM') return { zh: `没有权限读取：${given}`, en: `no permission to read ${given}` };
    return { zh: `无法读取 ${given}（${code ?? String(err)}）`, en: `cannot read ${given} (${code ?? String(err)})` };
  }
  if (stat.isDirectory()) return { zh: `${given} 是文件夹，不是文件；请给出其中的一个文件`, en: `${given} is a folder, not a file; give one of the files in it` };
  if (!stat.isFile()) return { zh: `${given} 不是普通文件`, en: `${given} is not a regular file` };
  return undefined;
}

const err = (s: string) => process.stderr.write(s + '\n');
const out = (s: string) => process.stdout.write(s + '\n');

/**
 * A failure: one line on stderr, both languages; with --json also `{ stored: false, error, message }`
 * on stdout, `error` both languages on one line as every other command's failure.
 */
function failure(json: boolean, problem: Localized, code: number, extra: Record<string, unknown> = {}, adding = true): number {
  // `stored: false` is what a script reads of `corpus add`; list and check store nothing.
  if (json) out(JSON.stringify({ ...extra, ...(adding ? { stored: false } : {}), error: bi(problem.zh, problem.en), message: problem }));
  err(`policy-desk: ${bi(problem.zh, problem.en)}`);
  return code;
}

/** `（已替换 …）` after the stored file's name: the files it took the place of, the one overwritten in place named as such. */
function replacedNote(file: string, replaced: readonly string[]): string {
  if (replaced.length === 0) return '';
  const zh = replaced.map((f) => (f === file ? `原有的 ${f}` : f)).join('、');
  const en = replaced.map((f) => (f === file ? `the stored ${f}` : f)).join(', ');
  return `（已替换 ${zh} / replaced ${en}）`;
}

export async function runCorpusCli(argv: string[], locale: Locale): Promise<number> {
  const json = argv.includes('--json');
  if (argv.includes('--help')) {
    const { cliCommandHelp } = await import('./help.ts');
    const text = cliCommandHelp(['corpus', ...argv.filter((a) => !a.startsWith('--')).slice(0, 1)]) ?? cliCommandHelp(['corpus'])!;
    out(json ? JSON.stringify({ help: text }) : text);
    return 0;
  }
  const args = parse(argv);
  if ('zh' in args) return failure(json, args, 2, {}, argv.find((a) => !a.startsWith('--')) === 'add');
  if (args.sub === 'list' || args.sub === 'check') {
    const report = corpusReport();
    for (const w of report.warnings) err(`policy-desk: ⚠ ${w}`);
    const r = args.sub === 'list' ? listReply(report, locale) : checkReply(report, locale);
    out(args.json ? JSON.stringify(r.data) : replyToPlainText(r));
    // A check that found problems fails, so a script running it (cron, CI, before a restart) notices.
    return args.sub === 'check' && report.warnings.length > 0 ? 1 : 0;
  }

  const path = resolve(args.file!);
  const problem = unreadable(path, args.file!);
  if (problem) return failure(args.json, problem, 2);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return failure(args.json, { zh: `无法读取 ${args.file}（${code}）`, en: `cannot read ${args.file} (${code})` }, 2);
  }
  // The corpus as it is, so its own problems are said too (the new file's are in the outline).
  for (const w of corpusReport().warnings) err(`policy-desk: ⚠ ${w}`);
  const prepared = await prepareDocument(
    { filename: basename(path), data, docNo: args.docNo, title: args.title, issuer: args.issuer, date: args.date },
    { onConflict: args.replace ? 'replace' : 'refuse' },
  );
  if (!prepared.ok) {
    for (const w of prepared.warnings ?? []) err(`policy-desk: ⚠ ${w}`);
    return failure(args.json, prepared.error, 1);
  }
  const p = prepared.preview;
  for (const w of p.warnings) err(`policy-desk: ⚠ ${w}`);
  const outline = outlineReply(p, locale);
  // Warnings already went to stderr; stdout keeps the outline.
  outline.blocks = outline.blocks.filter((b) => !(b.type === 'text' && b.style === 'warning' && p.warnings.includes(b.text)));
  if (!args.json) out(replyToPlainText(outline));
  if (args.dryRun) {
    // Said ahead: the same command without --dry-run would refuse this file.
    const refusal = storeRefusal(p, { replace: args.replace });
    if (args.json) out(JSON.stringify({ ...outlineData(p), sameText: p.sameText, stored: false, wouldStore: !refusal, ...(refusal ? { refusal } : {}) }));
    else if (refusal) out(locale === 'en' ? `(dry run: nothing stored; without --dry-run it would be refused: ${refusal.en})` : `（试运行：未保存；去掉 --dry-run 时将被拒绝：${refusal.zh}）`);
    else if (p.replaces.length > 0) out(locale === 'en' ? `(dry run: nothing stored; without --dry-run it would replace ${p.replaces.join(', ')})` : `（试运行：未保存；去掉 --dry-run 时将替换 ${p.replaces.join('、')}）`);
    else out(locale === 'en' ? '(dry run: nothing stored)' : '（试运行：未保存）');
    return 0;
  }
  const stored = storeDocument(p, { replace: args.replace });
  if (!stored.ok) return failure(args.json, stored.error, 1, { ...outlineData(p), sameText: p.sameText });
  // `replaces` as done: the corpus is looked at again when storing.
  if (args.json) out(JSON.stringify({ ...outlineData(p), sameText: p.sameText, file: stored.file, stored: true, replaces: stored.replaced, removed: stored.removed }));
  else out(`已保存 stored: ${stored.file}${replacedNote(stored.file, stored.replaced)}`);
  return 0;
}
