/** CLI usage, generated from the command definitions so it lists exactly what exists. */
import { commandSpecs } from '../bot/core/commandSpec.ts';

export function cliHelp(): string {
  const lines = [
    '用法 Usage: npx policy-desk <命令 command> … [--json]',
    '',
  ];
  for (const c of commandSpecs) {
    if (c.name === 'lang') continue;
    const group = ['missing', 'summary', 'compliance', 'export'].includes(c.name) ? `report ${c.name}` : c.name;
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
    '              corpus add <file.pdf|.docx|.html|.txt> [--doc-no …] [--title …] [--replace] [--dry-run]',
    'search / ask without text read one query per stdin line and print one JSON object per line.',
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
