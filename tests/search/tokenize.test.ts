import { describe, expect, it } from 'vitest';
import { foldText, queryTerms, tokenize, tokenizeWithInfo } from '../../src/search/tokenize.ts';
import { normalizeChars } from '../../src/text/normalize.ts';

describe('tokenize', () => {
  it('cuts a Chinese run into overlapping character bigrams', () => {
    expect(tokenize('节能审查')).toEqual(['节能', '能审', '审查']);
  });

  it('drops question words that the segmenter isolates as whole words', () => {
    expect(tokenize('请问节能审查需要什么材料')).toEqual(['节能', '能审', '审查', '材料']);
  });

  it('keeps content words that merely contain a stopword character', () => {
    expect(tokenize('有限公司')).toContain('有限');
    expect(tokenize('目的地')).toContain('目的');
  });

  it('lets a dropped stopword end the run, so no junk bigram spans it', () => {
    const terms = tokenize('需要节能');
    expect(terms).toEqual(['节能']);
    expect(terms).not.toContain('要节');
  });

  it('keeps a one-character run as a unigram', () => {
    expect(tokenize('镇')).toEqual(['镇']);
  });

  it('lowercases Latin words and keeps numbers, decimals included', () => {
    expect(tokenize('RCEP 1000 吨，0.5亿元')).toEqual(['rcep', '1000', '吨', '0.5', '亿元']);
  });

  it('drops English function words', () => {
    expect(tokenize('Does this project need an energy review?')).toEqual(['project', 'energy', 'review']);
  });

  it('reads full-width digits and radical look-alikes as the plain characters', () => {
    expect(tokenize('１０００')).toEqual(['1000']);
    expect(tokenize('⼯作')).toEqual(['工作']);
  });

  it('does not let a single space inside a Chinese word (PDF table damage) split it', () => {
    expect(tokenize('组 长')).toEqual(['组长']);
  });

  it('ends a run at punctuation, tabs and line breaks', () => {
    expect(tokenize('组长：范永星\t区长')).not.toContain('长范');
    expect(tokenize('范永星\t区长')).not.toContain('星区');
  });

  it('is the same function at index and query time: a sentence typed as a query yields only terms the clause has', () => {
    const clause = '对年综合能源消费量不满1000吨标准煤且年电力消费量不满500万千瓦时的项目不再单独进行节能审查。';
    const indexed = new Set(tokenize(clause));
    for (const q of ['年综合能源消费量不满1000吨标准煤', '不再单独进行节能审查', '500万千瓦时的项目']) {
      for (const t of queryTerms(q)) expect(indexed.has(t), `${q} → ${t}`).toBe(true);
    }
  });

  it('marks bigrams that straddle two words of a question', () => {
    const info = tokenizeWithInfo('领导小组组长');
    expect(info.find((t) => t.term === '领导')?.crossWord).toBe(false);
    expect(info.find((t) => t.term === '导小')?.crossWord).toBe(true);
  });

  it('returns a query as a set of terms in first-seen order', () => {
    expect(queryTerms('专业镇专业镇')).toEqual(['专业', '业镇', '镇专']);
  });
});

describe('tokenize and tokenizeWithInfo', () => {
  it('produce the same terms, with or without word boundaries, over the whole corpus', async () => {
    const { loadCorpus } = await import('../../src/corpus/index.ts');
    for (const c of loadCorpus().clauses) {
      const terms = tokenize(c.text);
      expect(tokenizeWithInfo(c.text, true).map((t) => t.term)).toEqual(terms);
      expect(tokenizeWithInfo(c.text, false).map((t) => t.term)).toEqual(terms);
    }
  });
});

describe('foldText', () => {
  it('returns every character exactly as normalizing then lowercasing it would, including the text it leaves untouched', () => {
    // foldText skips the seven passes for a text with nothing to fold; the skip must never change a result.
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (foldText(ch) !== normalizeChars(ch).toLowerCase()) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('folds a mixed text and returns an already folded one unchanged', () => {
    expect(foldText('⼯作⽅案 ＡＢ２０２４　Energy')).toBe('工作方案 ab2024 energy');
    expect(foldText('第七条 节能审查意见')).toBe('第七条 节能审查意见');
  });
});
