/**
 * An article cited the way people cite regulations: by a shortened title (威海停车条例 for
 * 威海市停车管理和服务条例), with its number in figures or in Chinese (第40条 = 第四十条), and down to a
 * paragraph (第三十条第三款) or an item (第34条第3项). Real files in a temp folder, the real loader
 * and search.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresAsOrdinals, intToChineseNumeral, loadCorpus } from '../../src/corpus/index.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { tempDir } from '../helpers/run.ts';

/** Articles 第一条 … 第四十条 about `subject` (two documents of one text would be one document twice), each one sentence, 第三十条 with three paragraphs and 第三十四条 with items. */
function regulation(title: string, subject: string): string {
  const lines = [title, '2021年11月2日 某市人民代表大会常务委员会会议通过'];
  for (let n = 1; n <= 40; n++) {
    const a = `第${intToChineseNumeral(n)}条`;
    if (n === 30) lines.push(`${a} 管理责任人应当保持报警装置有效应答。`, '管理责任人接到被困报警后，应当立即赶赴现场。', '维护保养单位应当在三十分钟内到达现场。');
    else if (n === 34) lines.push(`${a} 管理责任人有下列行为之一的，责令限期改正：`, '（一）未保持应急通道畅通的；', '（二）未履行相关义务的；', '（三）未及时检查轿厢，导致乘客滞留的。');
    else lines.push(`${a} 本条规定第${n}项${subject}管理事项。`);
  }
  return `${lines.join('\n')}\n`;
}

const dir = tempDir();
writeFileSync(join(dir, 'parking.txt'), regulation('威海市停车管理和服务条例', '停车'));
writeFileSync(join(dir, 'patent.txt'), regulation('北京市专利保护和促进条例', '专利'));
writeFileSync(join(dir, 'approval.txt'), regulation('上海市外商投资企业审批条例', '审批'));
const search = createClauseSearch(loadCorpus({ dir, fresh: true }).clauses);
const ask = (q: string) => {
  const o = search.search(q, { limit: 5 });
  return { status: o.status, mode: o.mode, paths: o.hits.map((h) => h.path), titles: [...new Set(o.hits.map((h) => h.title))], message: o.message?.zh, suggestions: o.suggestions ?? [] };
};

describe('an article number in figures', () => {
  it('reads as the Chinese numeral the texts use', () => {
    expect(figuresAsOrdinals('第40条第3款第12项')).toBe('第四十条第三款第十二项');
    expect([1, 10, 19, 20, 35, 100, 105, 110].map(intToChineseNumeral)).toEqual(['一', '十', '十九', '二十', '三十五', '一百', '一百零五', '一百一十']);
  });

  it('finds the same article as the Chinese numeral, with the full title or a shortened one', () => {
    for (const title of ['威海市停车管理和服务条例', '威海停车条例']) {
      const figures = ask(`${title}第40条`);
      expect(figures, title).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第四十条'], titles: ['威海市停车管理和服务条例'] });
      expect(ask(`${title}第四十条`)).toEqual(figures);
    }
    expect(ask('北京专利条例第38条')).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第三十八条'], titles: ['北京市专利保护和促进条例'] });
    // A character alone may stand for a word of the title (外企: 外商投资企业), when most are typed in runs.
    expect(ask('上海外企审批条例第26条')).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第二十六条'], titles: ['上海市外商投资企业审批条例'] });
  });

  it('reads a shortened title only from runs of the title in order, not from any shared words', () => {
    // 停车专利条例 takes words from both titles: it shortens neither.
    expect(ask('停车专利条例第40条').mode).not.toBe('lookup');
  });
});

describe('a paragraph or an item of an article', () => {
  it('shows the article for 第X条第Y款 and quotes its Y-th paragraph', () => {
    for (const q of ['威海停车条例第三十条第三款', '威海停车条例第30条第3款']) {
      const o = ask(q);
      expect(o, q).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第三十条'] });
      expect(o.message).toContain('第三十条第三款：「维护保养单位应当在三十分钟内到达现场。」');
    }
  });

  it('says how many paragraphs the article has when it has fewer than asked', () => {
    const o = ask('威海停车条例第30条第5款');
    expect(o).toMatchObject({ status: 'ok', paths: ['第三十条'] });
    expect(o.message).toContain('只有 3 款，没有第5款');
  });

  it('goes to item （Y） for 第X条第Y项, in figures or Chinese', () => {
    for (const q of ['威海停车条例第34条第3项', '威海停车条例第三十四条第三项']) {
      expect(ask(q), q).toMatchObject({ status: 'ok', mode: 'lookup', paths: ['第三十四条（三）'] });
    }
  });

  it('offers the clauses around the place asked for after a miss, not the first ones of the document', () => {
    const o = ask('威海停车条例第三十条第五项');
    expect(o.status).toBe('no_match');
    expect(o.suggestions).toContain('第三十条');
    expect(ask('威海停车条例第99条').suggestions).toContain('第四十条');
  });
});
