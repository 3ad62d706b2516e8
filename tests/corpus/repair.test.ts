/**
 * Character normalization, extraction repair and the false-heading guards, on small texts.
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeCjkPunctuation, normalizeChars } from '../../src/text/normalize.ts';
import {
  findClause,
  loadCorpus,
  normalizeClausePath,
  normalizeDocNo,
  parseClauses,
  readHeader,
  removeCjkSpaces,
  repairBody,
  repairRosterLine,
  splitUnits,
} from '../../src/corpus/index.ts';

const doc = { docId: 'test', docNo: null, title: '测试' };
const parse = (body: string) => parseClauses(repairBody(body), doc);

describe('normalizeChars', () => {
  it('maps Kangxi radical look-alikes to the unified ideographs (⼯ → 工)', () => {
    expect(normalizeChars('⼯作⽅案')).toBe('工作方案');
    expect(normalizeChars('⼀⼆三')).toBe('一二三');
  });

  it('maps CJK Radicals Supplement look-alikes from its table (⻓ → 长, ⻔ → 门)', () => {
    expect(normalizeChars('⻓治市⻔户⻄部⻅⾯')).toBe('长治市门户西部见面');
  });

  it('makes full-width letters and digits half-width but keeps Chinese punctuation full-width', () => {
    expect(normalizeChars('２０２４年ＲＣＥＰ，（一）：；')).toBe('2024年RCEP，（一）：；');
  });

  it('turns ideographic and no-break spaces into spaces and strips control characters except \\n and \\t', () => {
    expect(normalizeChars('组\u3000长\u00a0a\u0007b\r\nc\td\u200be')).toBe('组 长 ab\nc\tde');
  });
});

describe('canonicalizeCjkPunctuation', () => {
  it('makes half-width punctuation next to Chinese full-width', () => {
    expect(canonicalizeCjkPunctuation('(一)突出招商重点,围绕行业;要求:')).toBe('（一）突出招商重点，围绕行业；要求：');
    expect(canonicalizeCjkPunctuation('县(市、区)')).toBe('县（市、区）');
  });

  it('leaves ratios, times, decimals and English alone', () => {
    expect(canonicalizeCjkPunctuation('专业镇1:1配套')).toBe('专业镇1:1配套');
    expect(canonicalizeCjkPunctuation('f(a, b); x.y')).toBe('f(a, b); x.y');
    expect(canonicalizeCjkPunctuation('投资537.8亿元')).toBe('投资537.8亿元');
  });

  it('turns a stray half-width full stop between Chinese characters into 。', () => {
    expect(canonicalizeCjkPunctuation('两个外资项目.这些项目')).toBe('两个外资项目。这些项目');
  });
});

describe('removeCjkSpaces', () => {
  it('removes spaces inside Chinese words and between digits and Chinese', () => {
    expect(removeCjkSpaces('工 作 方 案')).toBe('工作方案');
    expect(removeCjkSpaces('晋市政办〔2024〕32 号')).toBe('晋市政办〔2024〕32号');
    expect(removeCjkSpaces('2024 年 11 月 4 日')).toBe('2024年11月4日');
    expect(removeCjkSpaces('不满 1000 吨标准煤')).toBe('不满1000吨标准煤');
    expect(removeCjkSpaces('“政府 + 链主 + 园区”')).toBe('“政府+链主+园区”');
  });

  it('keeps the space between two Latin words or numbers', () => {
    expect(removeCjkSpaces('Policy  Desk 2 0')).toBe('Policy Desk 2 0');
    expect(removeCjkSpaces('对标 RCEP、CPTPP、DEPA 等规则')).toBe('对标RCEP、CPTPP、DEPA等规则');
  });
});

describe('repairRosterLine', () => {
  it('keeps one member per entry as role：name title', () => {
    expect(repairRosterLine('组 长：\t范永星\t区委副书记、区长')).toBe('组长：范永星 区委副书记、区长');
    expect(repairRosterLine('\t曹 谦\t区政府办公室副主任')).toBe('曹谦 区政府办公室副主任');
    expect(repairRosterLine('成 员：魏 鑫 市委组织部副部长')).toBe('成员：魏鑫 市委组织部副部长');
    expect(repairRosterLine('李 晋 市工信局副局长')).toBe('李晋 市工信局副局长');
    expect(repairRosterLine('马冬杏 区商务局副局长')).toBe('马冬杏 区商务局副局长');
  });

  it('does not take spaced-out words or sentences for roster entries', () => {
    expect(repairRosterLine('工 作 方 案')).toBeNull();
    expect(repairRosterLine('市商务局 负责，各县配合。')).toBeNull();
    expect(repairRosterLine('山西省人民政府办公厅 关于印发山西省进一步加大招商引资力度')).toBeNull();
  });
});

describe('line joining', () => {
  it('joins a sentence broken across lines, blank lines and a leading-space page-break fragment', () => {
    const lines = repairBody('一、总体目标\n\n2024 年，招引 3 个项\n\n目落户，至少引进 1 家龙头企业〔责任单位：市工信局，各\n 县（市、区）人民政府〕\n\n二、工作要求\n\n按月报送。');
    expect(lines.map((l) => l.text)).toEqual([
      '一、总体目标',
      '2024年，招引3个项目落户，至少引进1家龙头企业〔责任单位：市工信局，各县（市、区）人民政府〕',
      '二、工作要求',
      '按月报送。',
    ]);
  });

  it('does not join across a finished sentence', () => {
    const lines = repairBody('第一段结束。\n第二段开始，\n继续。');
    expect(lines.map((l) => l.text)).toEqual(['第一段结束。', '第二段开始，继续。']);
  });

  it('drops the 抄送/印发 footer and 供稿 credits', () => {
    const lines = repairBody('一、总体目标\n\n完成任务。\n\n供稿：市商务局\n\n抄送：市委各部门。\n\n晋城市人民政府办公室 2024 年 11 月 4日印发');
    expect(lines.map((l) => l.text)).toEqual(['一、总体目标', '完成任务。']);
  });

  it('removes markdown bold markers', () => {
    expect(repairBody('**一、总体目标**\n\n完成**任务**。').map((l) => l.text)).toEqual(['一、总体目标', '完成任务。']);
  });
});

describe('false-heading guards', () => {
  it('reads 1.5亿元 at the start of a line as a continued sentence, not heading 1.', () => {
    const clauses = parse('一、总体目标\n\n到2025年，力争到位投资\n\n1.5亿元以上，引进企业3家。\n\n二、工作要求\n\n按月报送。');
    expect(clauses.map((c) => c.path)).toEqual(['一、', '二、']);
    expect(clauses[0]!.text).toBe('到2025年，力争到位投资1.5亿元以上，引进企业3家。');
  });

  it('skips the 附件：1. … 2. … list instead of reading it as headings', () => {
    const clauses = parse('一、工作要求\n\n按月报送。\n\n附件：1.领导小组名单\n\n2.任务分工表\n\n附件1\n\n领导小组名单\n\n组 长：张 三 副市长');
    expect(clauses.map((c) => c.path)).toEqual(['一、', '附件1']);
    expect(clauses[1]!.text).toBe('组长：张三 副市长');
  });

  it('keeps 1:1 and 6·18 at a line start inside the sentence', () => {
    const clauses = parse('一、政策落实\n\n按照专业镇建设资金管理办法，为省级专业镇按\n\n1:1配套扶持资金，鼓励企业利用“双11”\n\n6·18等节点促消费。');
    expect(clauses).toHaveLength(1);
    expect(clauses[0]!.text).toBe('按照专业镇建设资金管理办法，为省级专业镇按1:1配套扶持资金，鼓励企业利用“双11”6·18等节点促消费。');
  });

  it('reads a number that continues a broken sentence as text, even when it is next in sequence', () => {
    const clauses = parse('二、重点任务\n\n1.开展招商。重点行业包括以下\n\n2.类：家居和陶瓷。\n\n2.组织参展。积极参展。');
    expect(clauses.map((c) => c.path)).toEqual(['二、1', '二、2']);
    expect(clauses[0]!.text).toBe('开展招商。重点行业包括以下2.类：家居和陶瓷。');
  });

  it('reads an out-of-sequence number as text', () => {
    const clauses = parse('二、重点任务\n\n1.开展招商。按要求完成。\n\n5.组织参展。积极参展。');
    expect(clauses.map((c) => c.path)).toEqual(['二、1']);
  });
});

describe('clause tree', () => {
  it('makes a heading’s intro text before its children a clause of its own', () => {
    const clauses = parse('为推动发展，制定本方案。\n\n一、重点任务\n\n总的要求是加快推进。\n\n（一）招商\n\n1.外出招商。每季度不少于1次。\n\n（1）小分队。组建小分队。');
    expect(clauses.map((c) => [c.path, c.text])).toEqual([
      ['序言', '为推动发展，制定本方案。'],
      ['一、', '总的要求是加快推进。'],
      ['一、（一）1', '外出招商。每季度不少于1次。'],
      ['一、（一）1（1）', '小分队。组建小分队。'],
    ]);
    expect(clauses[3]!.heading).toBe('一、重点任务 > （一）招商 > 1.外出招商 > （1）小分队');
  });

  it('splits units on ，and 、 but not inside parentheses', () => {
    expect(splitUnits('市投资促进中心，各县（市、区）人民政府、各开发区管委会')).toEqual([
      '市投资促进中心', '各县（市、区）人民政府', '各开发区管委会',
    ]);
  });
});

describe('document numbers and clause paths', () => {
  it('normalises 文号 bracket and spacing variants to 〔〕', () => {
    for (const v of ['晋市政办〔2024〕32 号', '晋市政办[2024]32号', '晋市政办(2024)32号', '晋市政办【2024】32号', '晋市政办（2024）32号']) {
      expect(normalizeDocNo(v)).toBe('晋市政办〔2024〕32号');
    }
  });

  it('finds a clause whatever the path punctuation', () => {
    const { clauses } = loadCorpus();
    for (const p of ['二（五）9', '二、(五)9', '二、（五）9.', '二、（五）9']) {
      expect(findClause(clauses, '晋市政办[2024]32号', p)?.path).toBe('二、（五）9');
    }
    expect(findClause(clauses, '城政办发〔2024〕36号', '附件二')?.path).toBe('附件 二、');
    expect(findClause(clauses, '晋市政办〔2024〕32号', '二、（五）11')).toBeUndefined();
    expect(normalizeClausePath('二、(五)9.')).toBe(normalizeClausePath('二（五）9'));
  });

  it('reads an article cited in figures as the same article in Chinese numerals', () => {
    expect(normalizeClausePath('第12条')).toBe(normalizeClausePath('第十二条'));
    expect(normalizeClausePath('第三章 第二十八条（三）')).toBe(normalizeClausePath('第3章第28条(三)'));
    expect(normalizeClausePath('第8条')).not.toBe(normalizeClausePath('第二十八条'));
  });

  it('reads a 【2024】 文号 and a Chinese-numeral date from a header', () => {
    const h = readHeader('某某县人民政府文件\n\n某政发【2023】7 号\n\n某某县人民政府\n关于印发某某县招商办法的通知\n\n各乡镇：\n现印发给你们。\n\n某某县人民政府\n二〇二三年五月八日\n\n某某县招商办法\n\n一、总则\n\n为了招商。');
    expect(h).toMatchObject({ docNo: '某政发〔2023〕7号', title: '某某县招商办法', issuer: '某某县人民政府', date: '2023-05-08' });
  });

  it('reads a title printed above its 文号 (a rule: 晋城市…办法, then （晋市测〔2025〕9号）)', () => {
    expect(readHeader('晋城市测试办法\n晋市测〔2025〕9号\n第一条 为了测试，制定本办法。')).toMatchObject({ docNo: '晋市测〔2025〕9号', title: '晋城市测试办法' });
    expect(readHeader('晋城市\n测试管理办法\n\n（晋市测〔2025〕9号）\n\n第一条 为了测试。')).toMatchObject({ title: '晋城市测试管理办法' });
    // A masthead is no title.
    expect(readHeader('某某县人民政府文件\n某政发〔2023〕7号\n第一条 为了招商。').title).toBeNull();
  });
});
