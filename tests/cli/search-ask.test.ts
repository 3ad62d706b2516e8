/**
 * The CLI contract for search and ask (design.md § Contracts): JSON shapes, stdin batch mode,
 * exit status and one-line reasons for bad input.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run.ts';

describe('policy-desk search', () => {
  it('returns the energy-review clause with docNo, path, verbatim text, score and units as JSON', () => {
    const r = runCli(['search', '节能审查', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const hit = out.hits[0];
    expect(hit).toMatchObject({ docNo: '晋市政办〔2024〕32号', path: '二、（五）9' });
    expect(hit.text).toContain('不再单独进行节能审查');
    expect(typeof hit.score).toBe('number');
    expect(hit.units).toContain('市审批服务管理局');
  });

  it('honours --limit', () => {
    const out = JSON.parse(runCli(['search', '招商', '--limit', '2', '--json']).stdout);
    expect(out.hits.length).toBeLessThanOrEqual(2);
    expect(out.hits.length).toBeGreaterThan(0);
  });

  it('prints readable Chinese with the citation first when --json is absent', () => {
    const r = runCli(['search', '城区专业镇领导小组组长是谁']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('城政办发〔2024〕36号');
    expect(r.stdout).toContain('范永星');
  });

  it('reads one query per stdin line and prints one JSON object per line', () => {
    const r = runCli(['search'], { input: '环评\nrooftop solar\n' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].hits[0].text).toContain('环评');
    expect(lines[1].hits[0].text).toContain('屋顶光伏');
  });

  it('refuses an empty query with a non-zero exit and a one-line reason', () => {
    const r = runCli(['search', '   ']);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bad --limit', () => {
    const r = runCli(['search', '环评', '--limit', 'abc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--limit');
  });

  it('names an unknown command', () => {
    const r = runCli(['frobnicate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('frobnicate');
  });
});

describe('policy-desk ask', () => {
  it('answers a rule question with the design.md rule shape', () => {
    const r = runCli(['ask', '年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ kind: 'rule', rule: 'energy-review', outcome: 'exempt', missing: [] });
    expect(out.citations[0]).toMatchObject({ docNo: '晋市政办〔2024〕32号', path: '二、（五）9' });
    expect(out.explanation).toContain('800');
  });

  it('lists the missing electricity figure when only energy use is given', () => {
    const out = JSON.parse(runCli(['ask', '年综合能源消费量800吨标准煤的项目需要节能审查吗', '--json']).stdout);
    expect(out.outcome).toBe('undetermined');
    expect(out.missing[0]).toMatch(/electric/);
  });

  it('sends a question that is not about a rule to clause search', () => {
    const out = JSON.parse(runCli(['ask', '市商务局负责哪些任务', '--json']).stdout);
    expect(out.kind).toBe('search');
    expect(out.hits.length).toBeGreaterThan(0);
    expect(out.hits.every((h: { units: string[] }) => h.units.some((u) => u.includes('商务局')))).toBe(true);
  });

  it('answers questions from stdin, one JSON object per line', () => {
    const r = runCli(['ask', '--json'], { input: 'does this project need an energy review\n专业镇认定标准\n' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ kind: 'rule', rule: 'energy-review', outcome: 'undetermined' });
  });
});

describe('--json: every outcome is JSON on stdout, failures too', () => {
  const parse = (r: { stdout: string }) => JSON.parse(r.stdout) as { error: string; message: { zh: string; en: string } };

  it('an empty search or question: one object naming what is missing in both languages, exit 2', () => {
    for (const [command, zh, en] of [
      ['search', '缺少「关键词」（query）', 'Missing "query"'],
      ['ask', '缺少「问题」（question）', 'Missing "question"'],
    ] as const) {
      const r = runCli([command, '', '--json']);
      expect(r.status, command).toBe(2);
      const out = parse(r);
      expect(out.message.zh).toContain(zh);
      expect(out.message.en).toContain(en);
      expect(out.error).toBe(`${out.message.zh} / ${out.message.en}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('no query at all (nothing on stdin) and a bad --limit', () => {
    const none = runCli(['search', '--json'], { input: '' });
    expect(none.status).toBe(2);
    expect(parse(none).message.en).toContain('Nothing to search for');
    const limit = runCli(['search', '环评', '--limit', 'abc', '--json']);
    expect(limit.status).toBe(2);
    expect(parse(limit).message).toEqual({ zh: '--limit 应为 1 到 100 的整数，收到「abc」', en: '--limit must be a whole number from 1 to 100, got "abc"' });
  });

  it('a blank line in batch mode is a failed line (one object for it), and the exit status says a line failed', () => {
    const r = runCli(['search'], { input: '环评\n\n' });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].hits.length).toBeGreaterThan(0);
    expect(lines[1].message.zh).toContain('缺少「关键词」');
  });
});

describe('one-shot replies', () => {
  it('ask: a rule answer that needs more facts says to ask again, not to reply', () => {
    const r = runCli(['ask', '年综合能源消费量800吨标准煤的项目需要节能审查吗']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('请把缺少的信息写进问题再问一次');
    expect(r.stdout).not.toContain('直接回复');
    expect(r.stdout).not.toContain('[补充信息]');
  });

  it('search: the header shows at most the searched part of a long query, cut with …', () => {
    const r = runCli(['search', '节能审查'.repeat(1500)]);
    expect(r.status).toBe(0);
    const header = r.stdout.split('\n')[0]!;
    expect(header.length).toBeLessThan(260);
    expect(header).toContain(`${'节能审查'.repeat(50)}…`);
  });
});
