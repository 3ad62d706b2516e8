/**
 * Pins the parse of each of the five corpus documents: metadata, clause counts, paths with their
 * exact texts, responsible units, and that every clause is verbatim repaired source text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR, findClause, loadCorpus, repairSource, type Clause } from '../../src/corpus/index.ts';

const corpus = loadCorpus();
const BRIEFING = 'taiyuan-jinzhong-development-zones-briefing';

function clause(doc: string | null, path: string): Clause {
  const c =
    doc !== null && !doc.includes('〔')
      ? corpus.clauses.find((x) => x.docId === doc && x.path === path)
      : findClause(corpus.clauses, doc, path);
  if (!c) throw new Error(`no clause ${doc} ${path}`);
  return c;
}

const paths = (docId: string) => corpus.clauses.filter((c) => c.docId === docId).map((c) => c.path);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('the corpus as a whole', () => {
  it('loads all five documents without warnings', () => {
    expect(corpus.warnings).toEqual([]);
    expect(corpus.documents.map((d) => d.docId)).toEqual([
      'chengqu-2024-36-specialty-towns',
      'jincheng-2024-32-consumer-goods-investment',
      'jincheng-2025-4-transformation-demo-zone',
      'shanxi-2024-31-consumer-goods-investment',
      BRIEFING,
    ]);
  });

  it('has unique paths within each document', () => {
    for (const d of corpus.documents) {
      const p = paths(d.docId);
      expect(new Set(p).size, d.docId).toBe(p.length);
    }
  });

  it('quotes every clause text verbatim (modulo whitespace) from the repaired source', () => {
    for (const d of corpus.documents) {
      const source = squash(repairSource(readFileSync(join(DEFAULT_CORPUS_DIR, d.file), 'utf8')));
      for (const c of corpus.clauses.filter((x) => x.docId === d.docId)) {
        expect(source.includes(squash(c.text)), `${d.docId} ${c.path}`).toBe(true);
      }
    }
  });

  it('keeps no extraction damage in clause texts: no spaces inside Chinese, no markdown, no radicals', () => {
    for (const c of corpus.clauses) {
      // Roster lines keep exactly one space between a name and a title; nothing else is spaced.
      const prose = c.text.split('\n').filter((l) => !/^(?:[^：\s]+：)?[\u4e00-\u9fff]{2,3} [^\s]+$/.test(l));
      for (const l of prose) expect(l, `${c.docId} ${c.path}`).not.toMatch(/[\u4e00-\u9fff，。、；：][ \t]+[\u4e00-\u9fff0-9]|[0-9][ \t]+[\u4e00-\u9fff]/);
      expect(c.text).not.toContain('**');
      expect(c.text).not.toMatch(/[\u2E80-\u2FDF]/);
    }
  });

  it('never turns the covering notice or the 抄送/印发 footer into a clause', () => {
    for (const c of corpus.clauses) {
      expect(c.text).not.toMatch(/现印发给你们|抄送|印发$|此件公开发布|供稿/);
    }
  });
});

describe('晋市政办〔2024〕32号 (Jincheng consumer-goods plan)', () => {
  const docId = 'jincheng-2024-32-consumer-goods-investment';
  const doc = () => corpus.documents.find((d) => d.docId === docId)!;

  it('reads docNo, title, issuer and date from the header', () => {
    expect(doc()).toMatchObject({
      docNo: '晋市政办〔2024〕32号',
      title: '晋城市进一步加大招商引资力度推动消费品工业集聚发展工作方案',
      issuer: '晋城市人民政府办公室',
      date: '2024-11-04',
    });
  });

  it('has 13 clauses, from 序言 to 三、', () => {
    expect(paths(docId)).toEqual([
      '序言', '一、', '二、（一）1', '二、（一）2', '二、（二）3', '二、（二）4', '二、（三）5',
      '二、（四）6', '二、（四）7', '二、（五）8', '二、（五）9', '二、（五）10', '三、',
    ]);
  });

  it('pins exact texts', () => {
    expect(clause(docId, '序言').text).toBe(
      '为进一步加大招商引资力度，推动我市消费品工业集聚发展，依托重点消费品行业，开展上下游精准招商，积极创建消费品特色园区，持续做大消费品产业规模，助力消费品工业高质量发展和制造业振兴升级，制定本工作方案。',
    );
    expect(clause(docId, '二、（二）4').text).toBe(
      '提升配套服务能力。根据消费品园区公共服务共性需求，采用市场化方式，建设电商服务平台、检验检测平台以及市场拓展平台，进一步提升消费品特色园区配套服务能力和水平。',
    );
    expect(clause(docId, '二、（三）5').text).toBe(
      '争取上级政策支持。鼓励消费品特色园区企业积极对接国内头部直播电商平台，开展直播带货活动，扩大名优产品的市场销量，指导新获评国家级、省级电子商务示范的基地和企业争取省级资金奖励；支持落地企业产品申报消费品领域“山西精品”。',
    );
  });

  it('keeps the energy-review and EIA exemptions in 二、（五）9 with digits joined to their units', () => {
    const c = clause('晋市政办〔2024〕32号', '二、（五）9');
    expect(c.text).toContain('对年综合能源消费量不满1000吨标准煤且年电力消费量不满500万千瓦时的项目和涉及国家秘密的项目不再单独进行节能审查');
    expect(c.text).toContain('对未列入《建设项目环境影响评价分类管理名录》的项目无需办理环评手续');
    expect(c.heading).toBe('二、重点任务 > （五）创优市场环境 > 9.简化审批流程');
    expect(c.units).toEqual(['市审批服务管理局', '市生态环境局', '市能源局', '各开发区管委会']);
  });

  it('keeps the quarterly quota in 二、（四）6, the targets in 一、 and the reporting duty in 三、', () => {
    expect(clause('晋市政办〔2024〕32号', '二、（四）6').text).toContain('每季度外出招商次数不少于1次，对接项目不少于3个');
    const goal = clause('晋市政办〔2024〕32号', '一、').text;
    expect(goal).toContain('2024年，招引3个消费品产业项目落户，至少引进1家龙头企业，到位投资2亿元以上');
    expect(goal).toContain('2025年，力争招引5个消费品项目集中落户，引进头部企业、龙头骨干企业2家以上，到位投资8亿元以上');
    expect(clause('晋市政办〔2024〕32号', '三、').text).toContain(
      '各县（市、区）、各开发区及时梳理上报活动开展和项目对接情况至市投资促进中心',
    );
  });

  it('parses 〔责任单位：…〕 notes into units, without splitting 各县（市、区）', () => {
    expect(clause(docId, '二、（一）2').units).toEqual(['市投资促进中心', '各县（市、区）人民政府', '各开发区管委会']);
    expect(clause(docId, '二、（二）3').units).toEqual(['市工信局', '市商务局', '各县（市、区）人民政府', '各开发区管委会']);
    expect(clause(docId, '二、（五）8').units).toEqual(['市工信局', '市商务局']);
    expect(clause(docId, '二、（五）9').text).not.toContain('责任单位');
  });

  it('keeps 6·18 and 双11 inside the text rather than reading them as headings', () => {
    expect(clause(docId, '二、（五）8').text).toContain('“网上年货节”“6·18”“双11”等促消费节点');
  });
});

describe('晋市政办〔2025〕4号 (transformation demo zone)', () => {
  const docId = 'jincheng-2025-4-transformation-demo-zone';

  it('reads docNo, title (spaced 工 作 方 案 repaired), issuer and date', () => {
    expect(corpus.documents.find((d) => d.docId === docId)).toMatchObject({
      docNo: '晋市政办〔2025〕4号',
      title: '晋城市推动省级转型综改示范区建设工作方案',
      issuer: '晋城市人民政府办公室',
      date: '2025-02-23',
    });
  });

  it('has 21 clauses: 序言, 一、, seventeen measures, 三、 and the task-force annex', () => {
    const p = paths(docId);
    expect(p).toHaveLength(21);
    expect(p.slice(0, 3)).toEqual(['序言', '一、', '二、（一）1']);
    expect(p.slice(-4)).toEqual(['二、（六）16', '二、（六）17', '三、', '附件']);
  });

  it('pins exact texts', () => {
    expect(clause(docId, '二、（三）7').text).toBe(
      '支持使用绿电资源。推动示范区建设屋顶光伏发电项目，稳步推动“光伏+工业”的分布式光伏发电，稳妥推进多能互补的供热模式。鼓励支持重点产业、重点企业使用绿电资源，支持打造绿电产业园区，积极开展绿电招商，创造多种应用场景，带头做好绿电资源就地转化工作。',
    );
    expect(clause(docId, '二、（二）4').text).toBe(
      '赋予更广泛发展空间。支持示范区开展人事制度改革，加强优秀干部选拔交流机制建设，按照相关规定组织实施内部竞聘，进一步激发示范区干部干事热情。支持建立创新容错机制，对改革创新、先行先试未取得预期效果但符合决策程序、勤勉尽责、未谋取私利的单位和个人，应当免除责任。支持搭建线上统计系统，将示范区统计纳入全市统计范围，统计数据与示范区相关管理部门共享。',
    );
    expect(clause(docId, '一、').text).toContain('聚焦光机电产值“3年500亿、5年1000亿”目标');
    expect(clause('晋市政办〔2025〕4号', '二、（六）17').text).toContain(
      '示范区内未列入《建设项目环境影响评价分类管理名录》的项目，无需办理环评手续',
    );
  });

  it('parses （责任单位：…） notes into units', () => {
    expect(clause(docId, '二、（二）4').units).toEqual(['市委组织部', '市委编办', '市人社局', '市商务局', '市统计局', '开发区管委会']);
    expect(clause(docId, '二、（五）13').units).toEqual([
      '市商务局', '市投资促进中心', '市财政局', '市外事办', '晋城海关', '国家外汇管理局晋城市分局', '开发区管委会',
    ]);
    expect(clause(docId, '二、（三）7').units).toEqual(['市能源局', '市发展改革委', '市工信局', '开发区管委会']);
  });

  it('keeps the task-force annex as one entry per person', () => {
    const annex = clause(docId, '附件');
    expect(annex.heading).toBe('附件 > 晋城市省级转型综改示范区建设工作专班');
    const lines = annex.text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '组长：张鹏飞 副市长',
      '常务副组长：史小林 晋城经济技术开发区管委会主任',
      '副组长：刘鹏鹏 市政府副秘书长',
      '郭瑞林 市商务局局长',
      '成员：魏鑫 市委组织部副部长',
    ]);
    expect(lines).toContain('李晋 市工信局副局长');
    expect(annex.text).toContain('工作专班办公室设在市商务局，负责专班日常工作，办公室主任由市商务局局长郭瑞林兼任。');
  });
});

describe('城政办发〔2024〕36号 (Chengqu specialty towns)', () => {
  const docId = 'chengqu-2024-36-specialty-towns';

  it('reads the plan’s own title (全力), not the notice’s, from a markdown-bold header', () => {
    expect(corpus.documents.find((d) => d.docId === docId)).toMatchObject({
      docNo: '城政办发〔2024〕36号',
      title: '晋城市城区全力推进专业镇高质量发展实施方案',
      issuer: '晋城市城区人民政府办公室',
      date: '2024-12-09',
    });
  });

  it('has 27 clauses including three annex sections', () => {
    const p = paths(docId);
    expect(p).toHaveLength(27);
    expect(p.slice(0, 4)).toEqual(['序言', '一、（一）', '一、（二）', '二、（一）']);
    expect(p.slice(-3)).toEqual(['附件 一、', '附件 二、', '附件 三、']);
  });

  it('pins exact texts, with half-width (三) read as （三）', () => {
    expect(clause(docId, '三、（三）').text).toBe('市场需求较大。专业镇主导产品在国内同行业中具有比较优势，有较高市场占有率。');
    expect(clause(docId, '二、（一）').text).toBe(
      '坚持政府引导。专业镇创建要坚持政府引导，围绕特色产业，整合集聚要素资源，完善公共服务体系，营造良好的制度环境。',
    );
    expect(clause(docId, '附件 一、').text).toBe(
      '贯彻落实省委省政府、市委市政府关于推进专业镇高质量发展的决策部署，统筹协调全区专业镇发展规划、目标要求、政策制定、工作部署等工作，协调解决重大问题，推进专业镇高质量发展。',
    );
  });

  it('keeps the recognition thresholds in 三、（四） and 三、（五）', () => {
    expect(clause('城政办发〔2024〕36号', '三、（四）').text).toContain(
      '原则上区级制造业类专业镇年产值达到2亿元以上，特优农业类、轻工类专业镇年产值达到0.5亿元以上',
    );
    expect(clause('城政办发〔2024〕36号', '三、（五）').text).toContain('户数在3户以上');
  });

  it('reads a following 责任单位： line into units', () => {
    expect(clause(docId, '四、（一）').units).toEqual([
      '区工信局', '区农业农村局', '区文旅局', '区商务局', '区民营经济发展局', '区行政审批局', '各镇（街道）',
    ]);
    expect(clause(docId, '四、（五）').units.slice(0, 2)).toEqual(['区行政审批局', '区投资促进中心']);
    expect(clause(docId, '四、（一）').text).not.toContain('责任单位');
  });

  it('keeps the leading-group member list one person per line, so 组长 范永星 is findable', () => {
    const members = clause('城政办发〔2024〕36号', '附件 二、');
    expect(members.heading).toBe('附件 > 晋城市城区专业镇发展领导小组主要职责及组成人员名单 > 二、组成人员');
    const lines = members.text.split('\n');
    expect(lines[0]).toBe('组长：范永星 区委副书记、区长');
    expect(lines[1]).toBe('副组长：郭晓晨 区委常委、副区长');
    expect(lines).toContain('曹谦 区政府办公室副主任');
    expect(lines).toContain('马冬杏 区商务局副局长');
    expect(lines.at(-1)).toBe('刘超 开发区街道办事处三级主任科员');
    expect(lines).toHaveLength(34);
  });
});

describe('晋政办发〔2024〕31号 (Shanxi provincial plan)', () => {
  const docId = 'shanxi-2024-31-consumer-goods-investment';

  it('reads docNo, title, issuer and date', () => {
    expect(corpus.documents.find((d) => d.docId === docId)).toMatchObject({
      docNo: '晋政办发〔2024〕31号',
      title: '山西省进一步加大招商引资力度推动消费品工业集聚发展工作方案',
      issuer: '山西省人民政府办公厅',
      date: '2024-06-07',
    });
  });

  it('has 10 clauses', () => {
    expect(paths(docId)).toEqual([
      '序言', '一、', '二、（一）', '二、（二）', '二、（三）', '二、（四）', '二、（五）', '三、（一）', '三、（二）', '三、（三）',
    ]);
  });

  it('joins the 一、 targets across the blank line that splits 30 from 个', () => {
    const t = clause('晋政办发〔2024〕31号', '一、').text;
    expect(t).toContain('2025年，力争招引30个消费品项目集中落户，引进头部企业、龙头骨干企业3家以上，到位投资80亿元以上，重点行业营业收入力争突破400亿元。');
    expect(t).toContain('2024年，力争招引15个消费品产业项目集中落户');
  });

  it('pins exact texts, with half-width commas made full-width', () => {
    expect(clause(docId, '序言').text).toBe(
      '为贯彻落实省委、省政府工作部署要求，深入贯彻落实《关于推动消费品工业高质量发展的实施意见》，聚焦我省重点发展消费品工业行业，实施上下游精准招商，打造消费品特色园区，不断提升我省消费品工业整体竞争力，制定本工作方案。',
    );
    expect(clause(docId, '三、（二）').text).toBe(
      '夯实主体责任。各市、山西转型综改示范区、各开发区要履行好重点消费品行业招商主体责任，大力招引一批优质消费品工业项目落地，形成一批消费品工业集聚发展引领示范成果。省投资促进局要统筹做好平台搭建和项目跟进统计工作，按月梳理上报活动开展和项目对接推进情况。',
    );
    expect(clause(docId, '二、（三）').text).toContain('支持和鼓励市、县（市、区）、开发区（园区）制定综合性优惠政策包');
    expect(clause(docId, '二、（五）').text).toContain('“承诺制+标准地+全代办”“一枚印章管审批”“7×24小时不打烊”');
  });

  it('has no responsibility notes, so units are empty', () => {
    expect(corpus.clauses.filter((c) => c.docId === docId).every((c) => c.units.length === 0)).toBe(true);
  });
});

describe('the Taiyuan / Jinzhong briefing (no 文号, two-column layout)', () => {
  it('takes its title from corpus/metadata.json and has docNo null', () => {
    expect(corpus.documents.find((d) => d.docId === BRIEFING)).toMatchObject({
      docNo: null,
      title: '太原市、晋中市开发区招商引资工作情况简报',
    });
  });

  it('has 17 clauses in parts named by its part titles and bracket labels; stray labels are dropped', () => {
    expect(paths(BRIEFING)).toEqual([
      '太原市开发区', '太原市开发区 一、', '太原市开发区 二、', '太原市开发区 三、',
      '【工作推进情况及亮点】 一、', '【工作推进情况及亮点】 二、', '【工作推进情况及亮点】 三、', '【工作推进情况及亮点】 四、',
      '【工作推进情况及亮点】 五、', '【工作推进情况及亮点】 六、', '【工作推进情况及亮点】 七、', '【工作推进情况及亮点】 八、',
      '晋中市开发区', '【下一步工作计划】', '【下一步工作计划】 （一）', '【下一步工作计划】 （二）', '【下一步工作计划】 （三）',
    ]);
  });

  it('re-joins headings broken by the narrow column', () => {
    expect(clause(BRIEFING, '太原市开发区 一、').heading).toBe('太原市开发区 > 一、强化政策扶持和企业服务，不断提营商环境');
    expect(clause(BRIEFING, '太原市开发区 三、').heading).toBe('太原市开发区 > 三、加强区域合作，不断扩大招商渠道');
    expect(clause(BRIEFING, '【下一步工作计划】 （二）').heading).toBe('【下一步工作计划】 > （二）挖掘长板提升招引项目质量');
  });

  it('pins exact texts', () => {
    expect(clause(BRIEFING, '【下一步工作计划】').text).toBe(
      '四季度，围绕招商引资、产业项目、争先进位等重点工作全面发力、聚势突破，力保开发区全年目标任务圆满完成。',
    );
    expect(clause(BRIEFING, '【工作推进情况及亮点】 一、').text).toBe(
      '6月30日，晋中市召开了全市开发区工作推进会，市政府与各开发区签定目标责任书，压实了各开发区工作主体责任，并对全市开发区工作进行了再安排再部署。9月1日，分管副市长召集各开发区主要负责人召开了专题工作会议，对开发区重点工作进行了安排，要求各开发区提振信心，鼓足干劲，确保完成全年重点工作。起草出台了《2023年开发区工作要点》。',
    );
    expect(clause(BRIEFING, '太原市开发区').text).toMatch(/^今年以来太原市强化党政“一把手”对招商引资的引领示范作用，.*为现代化太原建设奠定坚实基础。$/);
  });

  it('keeps 1:1, 1-9月 and decimals inside sentences, and fixes the stray half-width full stop', () => {
    expect(clause(BRIEFING, '太原市开发区 一、').text).toContain('为太原市省级专业镇1:1配套扶持资金；');
    expect(clause(BRIEFING, '太原市开发区 二、').text).toContain('1-9月，引进产业链链上企业项目37个，计划投资额537.8亿元，投资额占比65.8%。');
    expect(clause(BRIEFING, '【工作推进情况及亮点】 四、').text).toContain('两个外资项目。这些项目为开发区发展提供了有力支撑。');
    expect(clause(BRIEFING, '太原市开发区 二、').text).toContain('创新“政府+链主+园区”招商');
  });
});
