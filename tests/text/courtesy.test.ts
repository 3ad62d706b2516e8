/**
 * Greetings that open a message and thanks that close it are read as nothing (src/text/courtesy.ts):
 * what is asked is what remains.
 */
import { describe, expect, it } from 'vitest';
import { withoutCourtesy } from '../../src/text/courtesy.ts';

describe('a message without its greetings and thanks', () => {
  it('drops a greeting that opens it and thanks that close it, in Chinese and English', () => {
    expect(withoutCourtesy('您好，专业镇的认定标准是什么？谢谢')).toBe('专业镇的认定标准是什么？');
    expect(withoutCourtesy('老师好！在吗？每季度外出招商要几次，辛苦了')).toBe('每季度外出招商要几次');
    expect(withoutCourtesy('Hi, when did the rules take effect? Thanks!')).toBe('when did the rules take effect?');
    expect(withoutCourtesy('Good morning. Who leads the task force? Thank you very much.')).toBe('Who leads the task force?');
  });

  it('keeps the question mark before the thanks, and the 、 that ends a clause path', () => {
    expect(withoutCourtesy('需要节能审查吗？谢谢')).toBe('需要节能审查吗？');
    expect(withoutCourtesy('晋市政办〔2024〕32号 一、，谢谢')).toBe('晋市政办〔2024〕32号 一、');
  });

  it('leaves greetings and thanks inside a message, and words that only start like one', () => {
    expect(withoutCourtesy('对举报人的感谢信怎么写')).toBe('对举报人的感谢信怎么写');
    expect(withoutCourtesy('his licence was revoked')).toBe('his licence was revoked');
    expect(withoutCourtesy('Heyuan county targets')).toBe('Heyuan county targets');
  });

  it('drops an acknowledgement that opens a message, but not words that only begin like one', () => {
    expect(withoutCourtesy('好的，那如果年用电600万千瓦时呢')).toBe('那如果年用电600万千瓦时呢');
    expect(withoutCourtesy('OK, what about the EIA?')).toBe('what about the EIA?');
    expect(withoutCourtesy('好的谢谢，那专业镇呢')).toBe('那专业镇呢');
    expect(withoutCourtesy('谢谢，那如果年用电600万千瓦时呢')).toBe('那如果年用电600万千瓦时呢');
    expect(withoutCourtesy('Thanks. And what about the EIA?')).toBe('And what about the EIA?');
    expect(withoutCourtesy('好几个人能一起投诉吗')).toBe('好几个人能一起投诉吗');
    expect(withoutCourtesy('谢谢你们的帮助')).toBe('谢谢你们的帮助');
    expect(withoutCourtesy('thanksgiving')).toBe('thanksgiving');
    expect(withoutCourtesy('了解政策去哪里')).toBe('了解政策去哪里');
  });

  it('is empty for a message that is nothing but courtesy: it asks nothing', () => {
    for (const m of ['谢谢', '好的谢谢', 'Hi!', 'ok, thanks', '收到，辛苦了']) expect(withoutCourtesy(m), m).toBe('');
  });
});
