/** CLI usage, generated from the command definitions so it lists exactly what exists. */
import { commandSpecs, findCommandSpecByAlias, optionsOf, type OptionSpec } from '../bot/core/commandSpec.ts';
import { sampleValue } from '../bot/core/commandHelp.ts';
import { FREE_TEXT, POSITIONAL, REPORT_ALIASES } from './argv.ts';

export function cliHelp(): string {
  const lines = [
    '用法 Usage: npx policy-desk <命令 command> … [--json]',
    '',
  ];
  for (const c of commandSpecs) {
    if (c.name === 'lang') continue;
    const group = REPORT_ALIASES.has(c.name) ? `report ${c.name}` : c.name;
    if (c.subcommands) {
      for (const s of c.subcommands) lines.push(`  ${`${group} ${s.name}`.padEnd(22)} ${s.description['zh-CN']} — ${s.description.en}`);
    } else {
      lines.push(`  ${group.padEnd(22)} ${c.description['zh-CN']} — ${c.description.en}`);
    }
  }
  lines.push(
    '',
    '选项 Options: --json  --as <user id>  --db <file>  --limit N  --unit <单位>  --month YYYY-MM  --quarter YYYY-Qn',
    '              --set key=value (repeat)  --reason <text>  --confirm  --out <file>  --format xlsx|csv',
    '              corpus add <file.pdf|.docx|.html|.txt> [--doc-no …] [--title …] [--issuer …] [--date YYYY-MM-DD] [--replace] [--dry-run]',
    'search / ask without text read one query per stdin line and print one JSON object per line.',
    'help <命令> [子命令] 或 <命令> --help：一个命令的参数和示例 — help <command> [sub] or <command> --help: one command\'s options and an example.',
    '',
    '身份 Identity: --as 是服务器操作员对身份的声明，程序不核实；审计日志同时记录 --as 和操作系统用户。',
    '  --as is the operator\'s own statement of identity on the server, not verified; the audit log records',
    '  it beside the OS user. Acting as a chat user (discord:… slack:… dingtalk:…) needs --allow-platform-identity.',
    '',
    '运维 Operations: doctor  检查设置、配置、数据库、语料、节假日表和平台凭据 — checks everything, says how to fix',
    '  report backup <file>   在线备份并校验（不能写到正在使用的数据库）— verified online backup',
    '  report restore <file>  校验备份后恢复，当前数据库另存 — checks the backup, keeps the current database aside (stop the bot first)',
  );
  return lines.join('\n');
}


/** Flags only the command line has, by command (`corpus.add`) : [flag, 中文, English]. */
const CLI_FLAGS: Record<string, Array<[string, string, string]>> = {
  'corpus.add': [
    ['--replace', '替换文号或内容相同的已有文件', 'replace the document with the same 文号 or the same text'],
    ['--dry-run', '只预览条文结构，不存入', 'show the outline only, store nothing'],
  ],
  export: [['--out <文件>', '导出文件的路径（默认：当前文件夹，自动命名）', 'where to write the file (default: this folder, named for you)']],
};

/**
 * Usage of one command on the command line — `help report submit`, `admin bind --help` — from its
 * definition: each option as the `--flag` the CLI takes, whether it is required, its meaning in
 * both languages, and an example. Returns `undefined` for a name that is no command.
 */
export function cliCommandHelp(words: readonly string[], reportFields: readonly string[] = []): string | undefined {
  const [first, second] = words;
  if (!first) return cliHelp();
  const grouped = first === 'report' && second !== undefined && REPORT_ALIASES.has(second);
  const spec = findCommandSpecByAlias(grouped ? second! : first);
  if (!spec || spec.name === 'lang') return undefined;
  const group = REPORT_ALIASES.has(spec.name) ? `report ${spec.name}` : spec.name;
  const subs = spec.subcommands?.map((s) => s.name) ?? [undefined];
  const asked = !grouped && second !== undefined ? spec.subcommands?.find((s) => s.name === second || s.nameZh === second) : undefined;
  if (!grouped && second !== undefined && spec.subcommands && !asked) return undefined;
  const lines = [`${group}（${spec.nameZh}）— ${spec.description['zh-CN']} — ${spec.description.en}`];
  for (const sub of asked ? [asked.name] : subs) {
    const s = sub ? spec.subcommands!.find((x) => x.name === sub)! : undefined;
    // Chat-only options (an uploaded file) have no flag; the CLI names files itself.
    const options = optionsOf(spec, sub).filter((o) => o.type !== 'attachment');
    const values = spec.name === 'report' && (sub === 'submit' || sub === 'amend');
    // Search and ask take their text, and backup its file, as plain words after the command.
    const positional = new Set([FREE_TEXT[spec.name], ...(POSITIONAL[`${group.split(' ')[0]}.${sub}`] ?? [])]);
    const flag = (o: OptionSpec) => (positional.has(o.name) ? `<${o.nameZh}>` : `--${o.name} <${o.nameZh}>`);
    // An uploaded file (corpus add) is a path on the command line.
    const file = optionsOf(spec, sub).some((o) => o.type === 'attachment');
    const extra = CLI_FLAGS[sub ? `${spec.name}.${sub}` : spec.name] ?? [];
    const flags = [...(file ? ['<文件 file.pdf|.docx|.html|.txt>'] : []), ...options.map((o) => (o.required ? flag(o) : `[${flag(o)}]`)), ...extra.map(([f]) => `[${f}]`)];
    if (values) flags.push('--set <字段 key>=<值 value> …');
    lines.push('', `用法 Usage: npx policy-desk ${[group, sub, ...flags].filter(Boolean).join(' ')} [--json]${s ? `\n  ${s.description['zh-CN']} — ${s.description.en}` : ''}`);
    for (const o of options) {
      lines.push(`  ${padWide(positional.has(o.name) ? `<${o.nameZh}>` : `--${o.name}`, 12)} ${o.nameZh}，${o.required ? '必填 required' : '可选 optional'}：${o.description['zh-CN']} — ${o.description.en}`);
    }
    for (const [f, zh, en] of extra) lines.push(`  ${padWide(f, 12)} 可选 optional：${zh} — ${en}`);
    if (values) {
      lines.push(`  ${padWide('--set', 12)} 每个字段一次 once per field${reportFields.length ? `：${reportFields.join(', ')}` : '（config/report-definition.json）'}`);
    }
    const example = (s ? s.example : spec.example) ?? options.filter((o) => o.required).map((o) => `${o.name}=${sampleValue(o)}`).join(' ');
    // The definitions write examples as chat options (month=2025-03); the CLI takes them as flags,
    // and the words of a positional option bare.
    const asFlags = example.replace(/(^|\s)([a-z][a-z0-9_-]*)=/g, (m, space: string, name: string) => (positional.has(name) ? space : `${space}--${name} `));
    lines.push(`例如 Example: npx policy-desk ${[group, sub, file ? '办法.pdf' : '', asFlags, values ? '--set outbound_trips=2' : ''].filter(Boolean).join(' ')}`);
  }
  return lines.join('\n');
}

/** Pads to `width` terminal columns, a Chinese character taking two. */
function padWide(text: string, width: number): string {
  const columns = [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - columns));
}
