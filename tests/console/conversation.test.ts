/**
 * Issue 15, the conversation as a person types it in the console: "no" is no, a what-if keeps the
 * earlier facts, and replies carry no internal words (outcome codes, field keys) or mixed units.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runStart, tempDir } from '../helpers/run.ts';

describe('console conversation', () => {
  it('a bare 否 answers the yes/no question the bot asked (state secrets), and is read as no', () => {
    const r = runStart('年综合能源消费量2000吨标准煤，需要节能审查吗\n否\n', { POLICY_DESK_CONSOLE_USER: 'console:no' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('项目不涉及国家秘密，因此需要单独进行节能审查');
    expect(r.stdout).not.toContain('项目涉及国家秘密，属于');
  });

  it('a what-if after a verdict re-evaluates with the earlier facts and says which were kept', () => {
    const r = runStart('年综合能源消费量800吨标准煤，年用电300万千瓦时，需要节能审查吗\n那如果年用电600万千瓦时呢\n', { POLICY_DESK_CONSOLE_USER: 'console:whatif' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('不再单独进行节能审查');
    expect(r.stdout).toContain('沿用之前提供的信息：年综合能源消费量 800吨标准煤');
    expect(r.stdout).toContain('年电力消费量 600万千瓦时');
    expect(r.stdout).toContain('需要单独进行节能审查');
  });

  it('a targets question shows its verdict in Chinese words, not the outcome code', () => {
    const r = runStart('2025年的招商目标是多少\n', { POLICY_DESK_CONSOLE_USER: 'console:targets' });
    expect(r.stdout).toContain('年度招商目标');
    expect(r.stdout).not.toMatch(/listed|初步判断为/);
  });

  it('English replies use English units and an ASCII colon', () => {
    const r = runStart('/lang en\nannual energy consumption 800 tce, electricity 3 million kWh, does it need an energy review?\n', { POLICY_DESK_CONSOLE_USER: 'console:en' });
    expect(r.stdout).toContain('Energy review: ');
    expect(r.stdout).toContain('below 1,000 tce');
    expect(r.stdout).not.toMatch(/Energy review：|below 1000吨标准煤/);
  });

  describe('a pending follow-up does not capture everything', () => {
    const ASK = '我们的项目需要节能审查吗\n';
    const followUps = (out: string) => out.split('还需了解 1：项目年综合能源消费量').length - 1;

    it('says how to leave it, and 取消 / 算了 / cancel end it', () => {
      for (const word of ['取消', '算了', 'cancel']) {
        const r = runStart(`${ASK}${word}\n年综合能源消费量800吨标准煤\n`, { POLICY_DESK_CONSOLE_USER: `console:cancel-${word}` });
        expect(r.stdout).toContain('回复「取消」结束这次追问');
        expect(r.stdout).toContain('已结束这次追问');
        // After cancelling, a bare figure is no longer read as an answer to the energy review.
        expect(r.stdout.split('【节能审查：').length - 1).toBe(1);
        expect(followUps(r.stdout)).toBe(1);
      }
    });

    it('an empty line and 好的谢谢 do not bring the same follow-up back', () => {
      const r = runStart(`${ASK}\n\n好的谢谢\n`, { POLICY_DESK_CONSOLE_USER: 'console:thanks' });
      expect(followUps(r.stdout)).toBe(1);
      expect(r.stdout).not.toContain('没能从「好的谢谢」中读出');
      expect(r.stdout).toContain('追问仍然有效');
    });

    it('a /search is a search, and an unrelated question starts fresh as a clause search', () => {
      const r = runStart(`${ASK}/search 招商引资\n外资企业有什么支持\n`, { POLICY_DESK_CONSOLE_USER: 'console:fresh' });
      expect(r.stdout).toContain('【条文检索：招商引资');
      expect(r.stdout).toContain('【条文检索：外资企业有什么支持');
      expect(followUps(r.stdout)).toBe(1);
    });

    it('a question that only names a place or a time is a new question, not an answer', () => {
      const r = runStart('我们本季度招商任务完成了吗\n泽州县的专业镇有哪些\n', { POLICY_DESK_CONSOLE_USER: 'console:place' });
      expect(r.stdout).toContain('【条文检索：泽州县的专业镇有哪些');
      expect(r.stdout.split('【季度招商任务：').length - 1).toBe(1);
    });

    it('after a verdict nothing is awaited: the next question is answered as itself, and thanks is thanks', () => {
      const r = runStart('我们本季度招商任务完成了吗\n本季度外出招商2次，对接项目5个\n泽州县的专业镇有哪些\n谢谢\n', { POLICY_DESK_CONSOLE_USER: 'console:after' });
      expect(r.stdout).toContain('本季度招商任务已达标');
      expect(r.stdout).toContain('【条文检索：泽州县的专业镇有哪些');
      expect(r.stdout).not.toContain('沿用之前提供的信息');
      expect(r.stdout).toContain('不客气');
      expect(r.stdout).not.toContain('追问仍然有效');
    });

    it('reads a bare figure (300万) as the one figure asked for, typed or in the form', () => {
      const typed = runStart(`年综合能源消费量800吨标准煤，需要节能审查吗\n300万\n`, { POLICY_DESK_CONSOLE_USER: 'console:bare' });
      expect(typed.stdout).toContain('年电力消费量 300万千瓦时');
      expect(typed.stdout).toContain('不再单独进行节能审查');
      const form = runStart(`年综合能源消费量800吨标准煤，需要节能审查吗\n1\n300万\n\n`, { POLICY_DESK_CONSOLE_USER: 'console:bare-form' });
      expect(form.stdout).toContain('年电力消费量 300万千瓦时');
    });

    it('取消 with nothing under way says so instead of searching for it', () => {
      const r = runStart('取消\n', { POLICY_DESK_CONSOLE_USER: 'console:nothing' });
      expect(r.stdout).toContain('当前没有进行中的追问或填报，无需取消');
      expect(r.stdout).not.toContain('条文检索');
    });

    it('an answer that carries one of the pending facts still continues the follow-up', () => {
      const r = runStart(`${ASK}好的谢谢\n年综合能源消费量800吨标准煤，年用电300万千瓦时\n`, { POLICY_DESK_CONSOLE_USER: 'console:continue' });
      expect(r.stdout).toContain('不再单独进行节能审查');
    });
  });
});

describe('console exports', () => {
  it('are written beside the database in use, never into the install folder', () => {
    const dir = tempDir();
    const r = runStart('/export\n', { POLICY_DESK_DB: join(dir, 'x.db'), POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_CONSOLE_USER: 'console:zhang', POLICY_DESK_SEARCH_INDEX: 'off' });
    expect(r.stdout).toContain(join(dir, 'exports'));
    expect(readdirSync(join(dir, 'exports')).some((f) => f.endsWith('.xlsx'))).toBe(true);
  });
});

describe('English coordinator replies', () => {
  it('name units by their English names (bind, excuse, reminder schedule)', () => {
    const r = runStart('/lang en\n/admin bind user=console:zz unit=陵川县\n/admin excuse unit=阳城县 month=2026-11\n/remind status\n', {
      POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_CONSOLE_USER: 'console:zhang', POLICY_DESK_NOW: '2026-12-01T10:00:00+08:00', POLICY_DESK_SEARCH_INDEX: 'off',
    });
    expect(r.stdout).toContain('Bound console:zz as a reporter for Lingchuan.');
    expect(r.stdout).toContain('Excused Yangcheng for 2026-11.');
    expect(r.stdout).toMatch(/Not yet reported: Chengqu, Zezhou/);
  });

  it('title a unit\'s month by its English name, with an ASCII colon', () => {
    const r = runStart('/lang en\n/report show unit=城区 month=2026-10\n', {
      POLICY_DESK_COORDINATORS: 'console:zhang', POLICY_DESK_CONSOLE_USER: 'console:zhang', POLICY_DESK_NOW: '2026-12-01T10:00:00+08:00', POLICY_DESK_SEARCH_INDEX: 'off',
    });
    expect(r.stdout).toMatch(/Chengqu 2026-10: /);
    expect(r.stdout).not.toContain('城区 2026-10：');
  });
});
