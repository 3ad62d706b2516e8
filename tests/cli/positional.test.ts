/** Issue 15: a bare month is read as the month (console and CLI); a CLI reason needs no quotes. */
import { describe, expect, it } from 'vitest';
import { findCommandSpec } from '../../src/bot/core/commandSpec.ts';
import { parseCommandText } from '../../src/bot/core/commandText.ts';
import { parseArgv } from '../../src/cli/argv.ts';

const report = findCommandSpec('report')!;

describe('positional words by their shape', () => {
  it.each(['2025-03', '2025年3月', '3月', '上个月'])('reads /report submit %s as the month, not the unit', (month) => {
    const r = parseCommandText(report, `submit ${month}`);
    expect(r.ok && r.invocation.options).toEqual({ month });
  });

  it('still reads a unit and then a month in declared order', () => {
    const r = parseCommandText(report, 'show 城区 2025-03');
    expect(r.ok && r.invocation.options).toEqual({ unit: '城区', month: '2025-03' });
    const swapped = parseCommandText(report, 'show 2025-03 城区');
    expect(swapped.ok && swapped.invocation.options).toEqual({ unit: '城区', month: '2025-03' });
  });

  it('reads the CLI\'s bare month the same way', () => {
    const r = parseArgv(['report', 'show', '2025-03']);
    expect(r.ok && 'request' in r && r.request.invocation.options).toMatchObject({ month: '2025-03' });
  });

  it('takes an unquoted CLI reason with spaces up to the next flag', () => {
    const r = parseArgv(['report', 'amend', '--reason', '补录', '签约', '金额', '--set', 'events=2', '--month', '2025-03']);
    expect(r.ok && 'request' in r && r.request.invocation.options).toMatchObject({ reason: '补录 签约 金额', month: '2025-03' });
  });

  it('reads an option typed Discord-style (unit:城区, 月份：2025-03) like unit=城区, and keeps console:liu a value', () => {
    const r = parseCommandText(report, 'show unit:城区 月份：2025-03');
    expect(r.ok && r.invocation.options).toEqual({ unit: '城区', month: '2025-03' });
    const admin = findCommandSpec('admin')!;
    const bound = parseCommandText(admin, 'bind console:liu 城区');
    expect(bound.ok && bound.invocation.options).toEqual({ user: 'console:liu', unit: '城区' });
    const named = parseCommandText(admin, 'bind user:console:liu unit:城区');
    expect(named.ok && named.invocation.options).toEqual({ user: 'console:liu', unit: '城区' });
  });

  it('takes a typed reason with spaces up to the next named option, without quotes', () => {
    const admin = findCommandSpec('admin')!;
    const r = parseCommandText(admin, 'excuse unit=陵川县 reason=系统 维护 停报 month=2025-03');
    expect(r.ok && r.invocation.options).toEqual({ unit: '陵川县', reason: '系统 维护 停报', month: '2025-03' });
  });
});

describe('argument errors', () => {
  it('name what is wrong in Chinese first, then in English', () => {
    const cases: Array<[string[], string]> = [
      [['search', '--limit'], '--limit 后面缺少值 / --limit needs a value'],
      [['search', 'x', '--limit', '0'], '--limit 应为 1 到 100 的整数'],
      [['report'], '「report」需要子命令'],
      [['report', 'submit'], 'report submit 需要填报的值'],
      [['search', 'x', '--set', 'a=1'], '--set 只用于 report submit 和 report amend'],
    ];
    for (const [argv, says] of cases) {
      const r = parseArgv(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      expect(!r.ok && r.error, argv.join(' ')).toContain(says);
    }
  });
});
