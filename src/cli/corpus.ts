/**
 * `npx policy-desk corpus add|check|list` — managing the policy documents from the server.
 *
 * ```sh
 * npx policy-desk corpus add 办法.pdf [--doc-no 晋市政办〔2025〕7号] [--title …] [--replace] [--dry-run] [--json]
 * npx policy-desk corpus check [--json]
 * npx policy-desk corpus list [--json]
 * ```
 *
 * The operator at the server is trusted with the folder, so no `--as` is needed (chat requires a
 * coordinator). `add` prints the outline and stores the text unless `--dry-run`; a document whose
 * 文号 is already in the corpus is refused unless `--replace`. Warnings go to stderr, naming the file.
 * The extractors (PDF, Word, HTML) are loaded only here, so other commands start without them.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { corpusReport, prepareDocument, storeDocument } from '../corpus/ingest.ts';
import { checkReply, listReply, outlineData, outlineReply } from '../bot/features/corpus/outline.ts';
import { replyToPlainText, type Locale } from '../bot/core/reply.ts';
import { bi } from './argv.ts';

const USAGE = '用法 usage: policy-desk corpus add <file.pdf|.docx|.html|.txt> [--doc-no …] [--title …] [--replace] [--dry-run] [--json] | corpus check [--json] | corpus list [--json]';

interface CorpusArgs {
  sub: string;
  file?: string;
  docNo?: string;
  title?: string;
  replace: boolean;
  dryRun: boolean;
  json: boolean;
}

function parse(argv: string[]): CorpusArgs | string {
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
    else if (name === 'doc-no' || name === 'title') {
      const v = inline ?? argv[++i];
      if (v === undefined) return bi(`--${name} 后面缺少值`, `--${name} needs a value`);
      if (name === 'doc-no') args.docNo = v;
      else args.title = v;
    } else return bi(`不认识的选项 --${name}`, `unknown option --${name}`);
  }
  args.sub = positional.shift() ?? '';
  if (!['add', 'check', 'list'].includes(args.sub)) return args.sub ? bi(`不认识的 corpus 子命令「${args.sub}」`, `unknown corpus subcommand "${args.sub}"`) : USAGE;
  if (args.sub === 'add') {
    args.file = positional.shift();
    if (!args.file) return bi('corpus add 需要一个文件', 'corpus add needs a file') + '\n' + USAGE;
  }
  if (positional.length > 0) return bi(`多余的参数「${positional[0]}」`, `unexpected argument "${positional[0]}"`);
  return args;
}

const err = (s: string) => process.stderr.write(s + '\n');
const out = (s: string) => process.stdout.write(s + '\n');

export async function runCorpusCli(argv: string[], locale: Locale): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    err(`policy-desk: ${args}`);
    return 2;
  }
  if (args.sub === 'list' || args.sub === 'check') {
    const report = corpusReport();
    for (const w of report.warnings) err(`policy-desk: ⚠ ${w}`);
    const r = args.sub === 'list' ? listReply(report, locale) : checkReply(report, locale);
    out(args.json ? JSON.stringify(r.data) : replyToPlainText(r));
    return 0;
  }

  const path = resolve(args.file!);
  let data: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    data = readFileSync(path);
  } catch {
    err(`policy-desk: file not found: ${args.file}`);
    return 2;
  }
  // The corpus as it is, so its own problems are said too (the new file's are in the outline).
  for (const w of corpusReport().warnings) err(`policy-desk: ⚠ ${w}`);
  const prepared = await prepareDocument({ filename: basename(path), data, docNo: args.docNo, title: args.title });
  if (!prepared.ok) {
    for (const w of prepared.warnings ?? []) err(`policy-desk: ⚠ ${w}`);
    if (args.json) out(JSON.stringify({ stored: false, error: prepared.error.en }));
    err(`policy-desk: ${locale === 'en' ? prepared.error.en : prepared.error.zh}`);
    return 1;
  }
  const p = prepared.preview;
  for (const w of p.warnings) err(`policy-desk: ⚠ ${w}`);
  const outline = outlineReply(p, locale);
  // Warnings already went to stderr; stdout keeps the outline.
  outline.blocks = outline.blocks.filter((b) => !(b.type === 'text' && b.style === 'warning' && p.warnings.includes(b.text)));
  if (!args.json) out(replyToPlainText(outline));
  if (args.dryRun) {
    if (args.json) out(JSON.stringify({ ...outlineData(p), stored: false }));
    else out(locale === 'en' ? '(dry run: nothing stored)' : '（试运行：未保存）');
    return 0;
  }
  const stored = storeDocument(p, { replace: args.replace });
  if (!stored.ok) {
    if (args.json) out(JSON.stringify({ ...outlineData(p), stored: false, error: stored.error.en }));
    err(`policy-desk: ${locale === 'en' ? stored.error.en : stored.error.zh}`);
    return 1;
  }
  if (args.json) out(JSON.stringify({ ...outlineData(p), file: stored.file, stored: true, removed: stored.removed }));
  else {
    const removed = stored.removed.length > 0 ? `（已替换 ${stored.removed.join('、')} / replaced ${stored.removed.join(', ')}）` : '';
    out(`已保存 stored: ${stored.file}${removed}`);
  }
  return 0;
}
