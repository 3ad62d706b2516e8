/**
 * `help <command>` and `<command> --help` on the command line: the usage of that command as the
 * CLI takes it (flags, plain words for search/ask), from the command definitions, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../src/cli/argv.ts';
import { cliCommandHelp, cliHelp } from '../../src/cli/help.ts';

describe('asking about one command', () => {
  it('reads `help admin bind` and `admin bind --help` alike, as a question about that command', () => {
    for (const argv of [['help', 'admin', 'bind'], ['admin', 'bind', '--help']]) {
      const r = parseArgv(argv);
      expect(r.ok && 'help' in r && r.about).toEqual(['admin', 'bind']);
    }
    const plain = parseArgv(['help']);
    expect(plain.ok && 'help' in plain && plain.about).toBeUndefined();
  });

  it('gives the options as the flags the CLI takes, required ones without brackets, with a runnable example', () => {
    const text = cliCommandHelp(['admin', 'excuse'])!;
    expect(text).toContain('npx policy-desk admin excuse --unit <单位> --month <月份> [--reason <原因>]');
    expect(text).toContain('例如 Example: npx policy-desk admin excuse --unit 阳城县 --month 2025-03 --reason 疫情封控');
    // Only the subcommand asked about.
    expect(text).not.toContain('admin bind');
  });

  it('writes the text of search and ask as plain words, as the CLI reads them', () => {
    const text = cliCommandHelp(['ask'])!;
    expect(text).toContain('npx policy-desk ask <问题>');
    expect(text).toContain('例如 Example: npx policy-desk ask 这个项目需要节能审查吗');
    expect(text).not.toContain('--question');
  });

  it('lists the report fields for --set, and names grouped commands as `report missing`', () => {
    expect(cliCommandHelp(['report', 'submit'], ['outbound_trips', 'events'])).toContain('--set <字段 key>=<值 value>');
    expect(cliCommandHelp(['report', 'submit'], ['outbound_trips', 'events'])).toContain('outbound_trips, events');
    expect(cliCommandHelp(['report', 'missing'])).toContain('npx policy-desk report missing [--month <月份>]');
    expect(cliCommandHelp(['月报', '填报'])).toContain('npx policy-desk report submit');
  });

  it('shows an uploaded file as the path the CLI takes, with the flags only the CLI has', () => {
    const text = cliCommandHelp(['corpus', 'add'])!;
    expect(text).toContain('npx policy-desk corpus add <文件 file.pdf|.docx|.html|.txt> [--doc-no <文号>] [--title <标题>] [--issuer <发文机关>] [--date <日期>] [--replace] [--dry-run]');
    expect(text).toContain('例如 Example: npx policy-desk corpus add 办法.pdf');
    expect(cliCommandHelp(['report', 'export'])).toContain('[--out <文件>]');
  });

  it('every subcommand of a group when none is named; nothing for a name that is no command', () => {
    const text = cliCommandHelp(['remind'])!;
    expect(text).toContain('remind status');
    expect(text).toContain('remind send');
    expect(cliCommandHelp(['nosuch'])).toBeUndefined();
    expect(cliCommandHelp(['admin', 'frob'])).toBeUndefined();
    expect(cliCommandHelp([])).toBe(cliHelp());
  });
});

describe('options a command does not take', () => {
  const refused = (argv: string[]) => {
    const r = parseArgv(argv);
    return r.ok ? undefined : r.problem;
  };

  it('refuses them, naming the options it does take, instead of answering for another period', () => {
    expect(refused(['report', 'summary', '--quarter', '2026-Q3'])?.zh).toBe('「report summary」不接受 --quarter；可用的选项：--month');
    expect(refused(['remind', 'status', '--month', '2026-01'])?.en).toBe('"remind status" does not take --month (it takes no options)');
  });

  it('says which quarter a month falls in when the command counts quarters', () => {
    expect(refused(['report', 'compliance', '--month', '2026-08'])?.zh).toContain('2026-08 属于 2026-Q3，可用 --quarter 2026-Q3');
  });

  it('still takes the CLI’s own: --limit, a report’s --reason, an export’s --month / --quarter / --year', () => {
    for (const argv of [['search', '节能审查', '--limit', '2'], ['report', 'amend', '--set', 'events=1', '--reason', '补录'], ['report', 'submit', '--set', 'events=1', '--reason', '待定'], ['report', 'export', '--quarter', '2025-Q1'], ['report', 'export', '--year', '2025']]) {
      expect(refused(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('--limit', () => {
  it('takes plain digits, full-width ones too, and refuses hex and exponents', () => {
    const limit = (v: string) => {
      const r = parseArgv(['search', '节能审查', '--limit', v]);
      return r.ok && 'request' in r ? r.request.invocation.options.limit : r.ok ? undefined : 'refused';
    };
    expect(limit('7')).toBe(7);
    expect(limit('７')).toBe(7);
    expect(limit('0x10')).toBe('refused');
    expect(limit('1e1')).toBe('refused');
    expect(limit('0')).toBe('refused');
  });
});
