/**
 * Issue 15, commands as a person mistypes them in the console: an unknown command suggests the
 * closest one, /lang takes a language's name as well as its tag, and a command's usage is shown
 * where a person needs it.
 */
import { describe, expect, it } from 'vitest';
import { runStart } from '../helpers/run.ts';

describe('console commands', () => {
  it('suggests the closest command for a mistyped one, and only when one is close', () => {
    const r = runStart('/reprot\n/hlep\n/remidn send\n/xyzzy\n', { POLICY_DESK_CONSOLE_USER: 'console:typo' });
    expect(r.stdout).toContain('没有「reprot」这个命令，是不是要用 /report（月报）？');
    expect(r.stdout).toContain('是不是要用 /help（帮助）？');
    expect(r.stdout).toContain('是不是要用 /remind（提醒）？');
    expect(r.stdout).toMatch(/没有「xyzzy」这个命令，输入 \/help 查看全部命令/);
  });

  it('a command name typed alone without its slash runs that command, not a clause search for the word', () => {
    const r = runStart('帮助\nhelp\n缺报\n', { POLICY_DESK_CONSOLE_USER: 'console:bare' });
    expect(r.stdout.match(/使用说明 \/ Help】/g)).toHaveLength(2);
    expect(r.stdout).not.toContain('【条文检索：帮助');
    // 缺报 is the coordinators' command: a colleague is told so, not shown clauses.
    expect(r.stdout).toContain('「缺报」仅限市投资促进中心协调员使用，当前身份 console:bare 不是协调员。');
  });

  it('a greeting or thanks alone gets a greeting back and how to ask, not an error or a clause search', () => {
    const r = runStart('您好\n谢谢\nThanks!\n', { POLICY_DESK_CONSOLE_USER: 'console:greet' });
    expect(r.stdout).toContain('您好！直接输入问题即可');
    expect(r.stdout.match(/不客气！有问题直接输入即可/g)).toHaveLength(2);
    expect(r.stdout).not.toContain('✖');
    expect(r.stdout).not.toContain('【条文检索');
  });

  it('/lang takes zh, 中文, English and the tags', () => {
    const r = runStart('/lang English\n/lang 中文\n/lang en-US\n/lang zh\n/lang klingon\n', { POLICY_DESK_CONSOLE_USER: 'console:lang' });
    expect(r.stdout.match(/Language set to English\./g)).toHaveLength(2);
    expect(r.stdout.match(/界面语言已设为中文。/g)).toHaveLength(2);
    expect(r.stdout).toContain('不认识这种语言');
  });

  it('/help <command> shows its arguments with an example, from commands.json', () => {
    const r = runStart('/help admin\n/help 月报\n', { POLICY_DESK_CONSOLE_USER: 'console:help' });
    expect(r.stdout).toContain('用法：/admin reopen unit=<单位> month=<月份> [reason=<原因>]');
    expect(r.stdout).toContain('例如：/admin excuse unit=阳城县 month=2025-03 reason=疫情封控');
    expect(r.stdout).toContain('用法：/report history [unit=<单位>]');
  });
});
