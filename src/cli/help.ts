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
  );
  return lines.join('\n');
}
