/**
 * Rendering Replies as DingTalk robot markdown: within the size budget, the verbatim clause with
 * its 文号 and path, tables as lists (robot markdown has none), buttons as dtmd links in a
 * one-to-one chat and as a hint in a group. Replies come from the real bot where possible.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TEXT_BYTES, MAX_TITLE_CHARS, renderReply, toRobotMessage, toStandardCardData } from '../../src/adapters/dingtalk/render.ts';
import { actionLink, actionText, parseActionText } from '../../src/adapters/dingtalk/actionText.ts';
import { createApp, type App } from '../../src/bot/app.ts';
import type { BotContext } from '../../src/bot/core/context.ts';
import type { Block, Reply } from '../../src/bot/core/reply.ts';
import { readSettings } from '../../src/settings.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
let app: App;
const ctx = (locale: 'zh-CN' | 'en' = 'zh-CN'): BotContext => ({ user: { id: 'dingtalk:corp:staff1' }, locale, now: new Date('2025-04-01T01:00:00Z'), surface: 'console' });

function expectWithinLimits(parts: ReturnType<typeof renderReply>, budget = DEFAULT_MAX_TEXT_BYTES) {
  expect(parts.length).toBeGreaterThan(0);
  for (const p of parts) {
    expect(bytes(p.text)).toBeLessThanOrEqual(budget);
    expect([...p.title.replace(/（\d+\/\d+）$/, '')].length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    // The observed 15,000-byte cap of a robot message's msgParam.
    expect(bytes(toRobotMessage(p).msgParam)).toBeLessThanOrEqual(15_000);
  }
}

/** The text of all parts with markdown quote markers removed, for finding verbatim clauses. */
const plain = (parts: ReturnType<typeof renderReply>) =>
  parts
    .map((p) => p.text)
    .join('')
    .replace(/^> /gm, '')
    .replace(/\n/g, '');

beforeAll(async () => {
  app = await createApp({ settings: readSettings({}), scope: 'policy' });
});

describe('real replies', () => {
  it.each(['环评', '节能审查', '土地', '招商引资奖励', 'energy review'])('search "%s" renders within limits with 文号, path and the verbatim clause', async (q) => {
    const reply = await app.bot.runText('search', q, ctx());
    const parts = renderReply(reply, 'zh-CN');
    expectWithinLimits(parts);
    for (const b of reply.blocks.filter((x): x is Extract<Block, { type: 'citation' }> => x.type === 'citation')) {
      const text = parts.map((p) => p.text).join('\n');
      expect(text).toContain(b.path);
      if (b.docNo) expect(text).toContain(b.docNo);
      expect(plain(parts)).toContain(b.quote.replace(/\n/g, ''));
    }
  });

  it('help, the longest fixed reply, renders within limits in both languages', async () => {
    for (const L of ['zh-CN', 'en'] as const) expectWithinLimits(renderReply(await app.bot.runText('help', '', ctx(L)), L));
  });

  it('a rule verdict keeps its cited clause verbatim', async () => {
    const reply = await app.bot.converse('年综合能源消费量800吨标准煤，年电力消费量300万千瓦时，需要节能审查吗', ctx());
    const parts = renderReply(reply, 'zh-CN');
    expectWithinLimits(parts);
    const citations = reply.blocks.filter((x): x is Extract<Block, { type: 'citation' }> => x.type === 'citation');
    expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) expect(plain(parts)).toContain(c.quote.replace(/\n/g, ''));
  });
});

describe('size', () => {
  const longClause = '第一条　' + '招商引资项目应当依法依规办理用地、环评、能评等手续，'.repeat(400);
  const reply: Reply = {
    blocks: [
      { type: 'text', text: '检索结果', style: 'title' },
      { type: 'citation', docNo: '晋市政办〔2024〕32号', title: '晋城市招商引资若干措施', path: '二、（五）9', quote: longClause },
      { type: 'text', text: '以上为原文。' },
    ],
    actions: [{ id: 'search:more:1', label: '更多' }],
    ephemeral: true,
  };

  it('splits a long reply into numbered parts within the budget, the clause unaltered and the buttons last', () => {
    const parts = renderReply(reply, 'zh-CN', { maxTextBytes: 2000 });
    expect(parts.length).toBeGreaterThan(5);
    expectWithinLimits(parts, 2000);
    expect(plain(parts)).toContain(longClause);
    expect(parts[0]!.title).toBe(`检索结果（1/${parts.length}）`);
    expect(parts.at(-1)!.text).toContain('dtmd://');
    expect(parts.slice(0, -1).some((p) => p.text.includes('dtmd://'))).toBe(false);
  });

  it('keeps the default budget under DingTalk’s message cap', () => {
    expectWithinLimits(renderReply(reply, 'zh-CN'));
  });
});

describe('markdown subset', () => {
  it('renders a table as one list line per row (robot markdown has no tables)', () => {
    const [m] = renderReply({ blocks: [{ type: 'table', title: '未报单位', columns: ['单位', '联系人', '状态'], rows: [['城区', '张三', '未报'], ['高平市', '李四', '逾期']] }], ephemeral: true }, 'zh-CN');
    expect(m!.text).toBe('**未报单位**\n- **城区**，联系人：张三，状态：未报\n- **高平市**，联系人：李四，状态：逾期');
    expect(m!.text).not.toContain('|');
  });

  it('marks errors and warnings and keeps line breaks visible', () => {
    const [m] = renderReply({ blocks: [{ type: 'text', text: '招商活动次数必须是整数\n你填的是 3.5', style: 'error' }, { type: 'text', text: '比上月增加 300%', style: 'warning' }], ephemeral: true }, 'zh-CN');
    expect(m!.text).toBe('✖ **招商活动次数必须是整数  \n你填的是 3.5**\n\n⚠️ 比上月增加 300%');
  });

  it('in a group replaces buttons with a hint to use the one-to-one chat (dtmd text would not reach the robot)', () => {
    const r: Reply = { blocks: [{ type: 'text', text: '请确认' }], actions: [{ id: 'report:confirm:1', label: '确认' }, { id: 'report:edit:1', label: '修改' }], ephemeral: false };
    const [group] = renderReply(r, 'zh-CN', { conversation: 'group' });
    expect(group!.text).not.toContain('dtmd://');
    expect(group!.text).toContain('确认、修改');
    expect(group!.text).toContain('单聊');
  });

  it('puts the board into a StandardCard without buttons', () => {
    const data = JSON.parse(toStandardCardData({ blocks: [{ type: 'text', text: '月报进度', style: 'title' }], actions: [{ id: 'x:1', label: 'X' }], ephemeral: false }, 'zh-CN'));
    expect(data.header.title.text).toBe('月报进度');
    expect(JSON.stringify(data.contents)).not.toContain('dtmd://');
  });
});

describe('buttons as dtmd links', () => {
  it('round-trip: the text a press sends carries the action id back', () => {
    for (const a of [
      { id: 'report:confirm:42', label: '确认' },
      { id: 'report:pick:none:3:2025-03', label: '本月无招商活动' },
      { id: 'report:edit:7', label: 'Edit [draft]' },
    ]) {
      const link = actionLink(a);
      const content = decodeURIComponent(/content=([^)]+)\)$/.exec(link)![1]!);
      expect(content).toBe(actionText(a));
      expect(parseActionText(content)).toBe(a.id);
    }
  });

  it('ordinary text is not mistaken for a press', () => {
    for (const t of ['确认', '月报 填报', '/report submit', '依据〔2024〕32号文件', '晋市政办〔2024〕32号', '请查晋市政办〔2024〕']) expect(parseActionText(t)).toBeUndefined();
  });
});
