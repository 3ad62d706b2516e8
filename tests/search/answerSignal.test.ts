/**
 * The answer-type signal: a question asking for one kind of answer (a period, a sum, a consequence,
 * an authority, a list) prefers, among the clauses on its subject, the one that states that kind of
 * answer about the subject. The kinds and their shapes are data (src/search/answertypes.json); the
 * fixtures are a small made-up regulation, so nothing here names a word of a real document.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { ANSWER_TYPES, answerTypeOf, answerUnitOf, findAnswer, hasAnswerShape, hasAnswerShapeNear } from '../../src/search/answer.ts';
import answerTypes from '../../src/search/answertypes.json' with { type: 'json' };
import { ANSWER_SHAPE_ORDER_BOOST, answerSignal } from '../../src/search/answerSignal.ts';
import { createClauseSearch } from '../../src/search/index.ts';
import { leadInOf } from '../../src/search/leadIn.ts';

const clause = (path: string, text: string): Clause => ({ docId: 'stalls', docNo: null, title: '某市摊点经营管理办法', path, heading: path, text, units: [] });

/** A made-up regulation: one subject (备案), stated as a duty, a period, a penalty and an authority. */
const STALLS: Clause[] = [
  clause('第十条', '摊点经营者应当办理备案，备案信息应当真实、完整。'),
  clause('第十一条', '摊点经营者应当自取得场地之日起15个工作日内办理备案。'),
  clause('第十二条', '摊点经营者未办理备案的，由城市管理部门责令改正，处500元以上2000元以下的罚款。'),
  clause('第十三条', '备案由摊点所在地的街道办事处受理。'),
  clause('第十四条', '有下列情形之一的，注销备案，并责令停止经营：'),
  clause('第十四条（一）', '摊点经营者连续三个月未经营的；'),
  clause('第十四条（二）', '摊点经营者转让摊位的。'),
  clause('第十五条', '摊点经营者连续经营满12个月的，可以申请延长经营期限；申请材料应当在届满前提交。'),
  clause('第十六条', '摊点经营者办理备案应当提交下列材料：'),
  clause('第十六条（一）', '摊点经营者的身份证明和住所证明；'),
  clause('第十六条（二）', '摊点场地的使用证明。'),
];

describe('the kind of answer a question asks for', () => {
  it('is read from the cues of the table, the first type in its order winning', () => {
    expect(answerTypeOf('不办备案会怎么样')).toBe('consequence');
    expect(answerTypeOf('不办备案有什么后果')).toBe('consequence');
    expect(answerTypeOf('不办备案罚多少钱')).toBe('amount');
    expect(answerTypeOf('备案找谁办')).toBe('who');
    expect(answerTypeOf('去哪里备案')).toBe('who');
    expect(answerTypeOf('备案要交什么材料')).toBe('list');
    expect(answerTypeOf('拿到场地几天内要备案')).toBe('duration');
    expect(answerTypeOf('备案')).toBeNull();
    // 受到什么 asks for a consequence only when a penalty or restriction is meant.
    expect(answerTypeOf('摊点受到什么处罚')).toBe('consequence');
    expect(answerTypeOf('摊点经营者的权益受到什么保护')).toBeNull();
  });

  it('reads a word naming a kind of value (期限, 金额) as the cue only when nothing else asks and the question is no yes/no one', () => {
    expect(answerTypeOf('确定罚款金额时应当考虑哪些因素')).toBe('list');
    expect(answerTypeOf('检测花的时间算不算在备案期限里')).toBeNull();
    expect(answerTypeOf('备案期限')).toBe('duration');
    expect(answerTypeOf('罚款金额')).toBe('amount');
    expect(answerTypeOf('备案期限是多久')).toBe('duration');
  });

  it('does not read 几 as asking for a number where it counts nothing: 好几个人, 这几种', () => {
    expect(answerTypeOf('好几个摊主能一起备案吗')).toBeNull();
    expect(answerTypeOf('这几种摊点都要备案吗')).toBeNull();
    expect(answerTypeOf('备案要几天')).toBe('duration');
  });

  it('is read from an English question through the same cues', () => {
    expect(answerTypeOf('What happens if a stall is not registered?')).toBe('consequence');
    expect(answerTypeOf('Where do I register a stall?')).toBe('who');
    expect(answerTypeOf('What documents are needed to register a stall?')).toBe('list');
    // The conditions or the cases a rule names are a list, as 什么条件 and 什么情况下 are.
    expect(answerTypeOf('What conditions must a whistleblower meet to be rewarded?')).toBe('list');
    expect(answerTypeOf('Under what circumstances can the reserve be released?')).toBe('list');
    // "where" asks only as the question's first word.
    expect(answerTypeOf('Can a stall be run where there is no fixed site?')).toBeNull();
  });

  it('has cues and span shapes for every type the table orders', () => {
    const types = (answerTypes as { types: Record<string, { cues: string[]; spans: string[] }> }).types;
    expect([...ANSWER_TYPES].sort()).toEqual(Object.keys(types).sort());
    for (const t of ANSWER_TYPES) {
      expect(types[t]!.cues.length).toBeGreaterThan(0);
      expect(types[t]!.spans.length).toBeGreaterThan(0);
    }
  });

  it('recognises a penalty, a rate in words and an authority as spans', () => {
    expect(hasAnswerShape('consequence', '由登记机关责令改正，处1500元以下的罚款')).toBe(true);
    expect(hasAnswerShape('consequence', '载入经营异常名录，并向社会公示')).toBe(true);
    expect(hasAnswerShape('consequence', '经营者应当办理备案')).toBe(false);
    expect(hasAnswerShape('consequence', '构成犯罪的，依法追究刑事责任')).toBe(true);
    expect(hasAnswerShape('consequence', '由牵头部门承担协调责任')).toBe(false);
    expect(hasAnswerShape('amount', '按照每日利率万分之五计付逾期利息')).toBe(true);
    expect(hasAnswerShape('duration', '应当在十五日内作出决定')).toBe(true);
    expect(hasAnswerShape('who', '由县级以上地方人民政府劳动行政部门责令限期改正')).toBe(true);
    expect(hasAnswerShape('who', '经营者应当办理备案')).toBe(false);
    // Who pays (由谁掏钱) is stated by the body that pays out or bears the cost.
    expect(hasAnswerShape('who', '储备粮的贷款利息实行据实补贴，由国务院财政部门拨付')).toBe(true);
    expect(hasAnswerShape('who', '检测费用由申请人负担')).toBe(true);
    expect(hasAnswerShape('who', '财政补贴应当及时、足额拨付')).toBe(false);
    // When: a deadline counted back from an event (期满三十日前), or the event after which it falls.
    expect(hasAnswerShape('when', '中方投资者应当在期满三十日前向原审批机关提出申请')).toBe(true);
    expect(hasAnswerShape('when', '在保证事项完成或者保证事由消失后，应当按照规定的时限清退返还')).toBe(true);
    expect(hasAnswerShape('when', '保证金应当按照规定的程序清退返还')).toBe(false);
    expect(hasAnswerShape('list', '申请人应当提交登记申请书、身份证明和经营场所证明')).toBe(true);
    expect(hasAnswerShape('list', '提交虚假材料骗取注册登记的')).toBe(false);
  });

  it('归谁 asks who owns something: a clause stating ownership answers it, one naming a department does not', () => {
    expect(answerUnitOf('专利没约定的话归谁')).toBe('归谁');
    expect(hasAnswerShape('who', '未约定的，专利权归项目承担单位所有', '归谁')).toBe(true);
    expect(hasAnswerShape('who', '项目主管部门应当与项目承担单位就以下事项进行约定', '归谁')).toBe(false);
    expect(hasAnswerShape('who', '项目主管部门应当与项目承担单位就以下事项进行约定')).toBe(true);
  });

  it('归哪个部门管 asks for the authority in charge: the clause making a department responsible, not one naming a party', () => {
    expect(answerUnitOf('专利上的事归哪个部门管')).toBe('管');
    expect(answerUnitOf('不给休年假找谁管')).toBe('管');
    expect(hasAnswerShape('who', '市专利管理部门负责本行政区域内的专利工作', '管')).toBe(true);
    expect(hasAnswerShape('who', '市规划资源部门是本市不动产登记的主管部门', '管')).toBe(true);
    expect(hasAnswerShape('who', '由县级以上地方人民政府劳动行政部门依据职权责令限期改正', '管')).toBe(true);
    expect(hasAnswerShape('who', '项目主管部门应当与项目承担单位就以下事项进行约定', '管')).toBe(false);
    // 谁是管理责任人 asks who the 管理责任人 is, not who is in charge.
    expect(answerUnitOf('电梯谁是管理责任人')).toBe('');
    // Asked in English the same way: which department supervises, who is in charge of.
    expect(answerUnitOf('Which department supervises elevator safety?')).toBe('管');
    expect(answerUnitOf('Who is in charge of patents here?')).toBe('管');
    expect(answerUnitOf('Which department should I contact?')).toBe('');
  });

  it('a body supervising "X" as the texts say it (部门对…实施监督管理) answers who is in charge, asked in Chinese or English', () => {
    expect(hasAnswerShape('who', '县级以上人民政府环境保护行政主管部门对本行政区域内建设项目环境保护工作实施监督管理', '管')).toBe(true);
    expect(hasAnswerShape('who', '应急管理部门对居民住宅区消防安全管理工作进行监督检查', '管')).toBe(true);
    // 对 naming what a body does something about is no supervision of it.
    expect(hasAnswerShape('who', '环境保护行政主管部门对建设项目环境影响评价文件作出审批决定', '管')).toBe(false);
    // Words naming the kind of body may stand between "which" and the rest of the cue.
    expect(answerUnitOf('Which government department supervises the environmental protection of construction projects?')).toBe('管');
    expect(answerUnitOf('Which government body supervises fire safety in residential communities?')).toBe('管');
    expect(answerTypeOf('Which local tax office handles refunds?')).toBe('who');
  });

  it('由谁任命 asks who appoints: a clause naming the appointing body answers it, one making a body responsible does not', () => {
    expect(answerUnitOf('管委会的主任由谁任命')).toBe('任命');
    expect(hasAnswerShape('who', '管理委员会主任由设区的市人民政府任命', '任命')).toBe(true);
    expect(hasAnswerShape('who', '县级以上人民政府应当支持经济开发区健全财政职能，由财政部门负责监督', '任命')).toBe(false);
  });

  it('哪些犬种 / 哪些类型 asks for kinds listed: a clause introducing a list answers it, one only naming the thing does not', () => {
    const kinds = answerUnitOf('哪些犬种被列入禁养名录');
    expect(kinds).not.toBe('');
    expect(answerUnitOf('企业可以申请哪些类型的补贴')).toBe(kinds);
    expect(hasAnswerShape('list', '禁养的大型犬包括藏獒、高加索犬、比特犬等', kinds)).toBe(true);
    expect(hasAnswerShape('list', '禁止饲养、繁殖、经营烈性犬和列入禁养名录的大型犬', kinds)).toBe(false);
    // A list question not asking for kinds has no unit: which conditions apply.
    expect(answerUnitOf('养犬应当具备哪些条件')).toBe('');
  });

  it('要考什么证 / 还得办什么证 asks for a certificate to obtain or show: a clause naming one answers it, one requiring training only does not', () => {
    const certificate = answerUnitOf('安全管理人员要考什么证才能上岗');
    expect(certificate).not.toBe('');
    expect(answerUnitOf('排污还得去办什么证')).toBe(certificate);
    expect(hasAnswerShape('list', '持环境保护行政主管部门批准的验收文件申领排污许可证', certificate)).toBe(true);
    expect(hasAnswerShape('list', '安全生产管理人员应当取得相应的安全生产知识和管理能力考核合格证明', certificate)).toBe(true);
    expect(hasAnswerShape('list', '未经安全生产教育和培训合格的从业人员，不得上岗作业', certificate)).toBe(false);
  });

  it('找哪个部门申报 / 去哪里办 asks for the body one applies to: a clause naming one receiving or handling applications answers it', () => {
    const applying = answerUnitOf('申请人才奖励要找哪个部门申报');
    expect(applying).not.toBe('');
    for (const q of ['工作许可去哪里办', '补贴能找哪个部门申请', '分公司要去哪里办手续']) expect(answerUnitOf(q), q).toBe(applying);
    expect(hasAnswerShape('who', '企业应当向所在地人力资源社会保障部门提出申请', applying)).toBe(true);
    expect(hasAnswerShape('who', '核准、备案手续，由核准机关、备案机关统一使用在线审批监管平台办理', applying)).toBe(true);
    expect(hasAnswerShape('who', '市、县人民政府及其有关部门应当建立人才培养激励保障机制', applying)).toBe(false);
    // Who does it (由谁来办) is no question of where to apply: any body doing it answers.
    expect(answerUnitOf('补偿安置由谁来办')).not.toBe(applying);
    // Where something is held (在哪里举办) is no application either: 举办 is not 办.
    expect(answerUnitOf('博览会在哪里举办')).not.toBe(applying);
  });

  it('找谁批 / 哪个部门审批 asks for the body one applies to for the approval, as 找哪个部门申报 does', () => {
    const applying = answerUnitOf('申请人才奖励要找哪个部门申报');
    for (const q of ['能不能不按八小时算工时？找谁批', '项目归哪个部门批', '决算要交给哪个部门审批']) expect(answerUnitOf(q), q).toBe(applying);
    expect(hasAnswerShape('who', '经与职工协商可以向人力资源社会保障行政管理部门申请实行不定时工作制', applying)).toBe(true);
    expect(hasAnswerShape('who', '在采暖期内，供热企业应当按照有关标准和规范的规定供热', applying)).toBe(false);
  });

  it('哪些材料 / 准备什么 asks for papers to hand in: a clause naming some answers it, one listing conditions does not', () => {
    for (const q of ['办理不动产登记需要准备哪些材料', '申请资格需要准备哪些申请材料', '开银行账户需要准备什么', '去登记时得带什么', '代领要带哪些证件']) {
      expect(answerUnitOf(q), q).toBe(answerUnitOf('要交哪些材料'));
    }
    const papers = answerUnitOf('要交哪些材料');
    expect(papers).not.toBe('');
    expect(hasAnswerShape('list', '投诉应当提供下列材料：', papers)).toBe(true);
    expect(hasAnswerShape('list', '申请人应当提交登记申请书、身份证明和经营场所证明。', papers)).toBe(true);
    expect(hasAnswerShape('list', '委托他人代领的，受托人须同时持有举报人授权委托书、举报人和受托人的有效身份证明。', papers)).toBe(true);
    expect(hasAnswerShape('list', '申请代储资格的企业应当具备下列条件：', papers)).toBe(false);
    // A list question about anything else asks for any list, as before.
    expect(answerUnitOf('代储企业应当具备哪些条件')).toBe('');
  });

  it('在哪里能查到 / 在哪个网站公布 asks where something is published: a website, a gazette or a platform answers it', () => {
    const published = answerUnitOf('招标公告在哪个网站上发布');
    expect(published).not.toBe('');
    for (const q of ['储备库的名单在哪里能查到', '开发区名单在什么平台公布', '名单在哪里公布']) expect(answerUnitOf(q), q).toBe(published);
    expect(hasAnswerShape('who', '招标公告应当在省公共资源交易平台上公开发布', published)).toBe(true);
    expect(hasAnswerShape('who', '省人民政府发展改革部门负责公布开发区名单', published)).toBe(false);
    // Who publishes it, or where to go to do something, is no question of where it is published.
    expect(answerUnitOf('开发区名单由谁公布')).not.toBe(published);
    expect(answerUnitOf('工作许可去哪里办')).not.toBe(published);
  });

  it('reads what is lost or deducted as a consequence, not only a penalty (会怎么样 of a subsidy or an application)', () => {
    expect(hasAnswerShape('consequence', '投资额没有达到投资规模的，在企业绩效支持奖励中抵扣固定资产投资奖励支持')).toBe(true);
    expect(hasAnswerShape('consequence', '逾期不补正的，视为放弃申请')).toBe(true);
    expect(hasAnswerShape('consequence', '弄虚作假的，取消其享受扶持政策的资格，追回已拨付的资金')).toBe(true);
    expect(hasAnswerShape('consequence', '企业应当按季度报送项目进展情况')).toBe(false);
    expect(hasAnswerShape('consequence', '对符合条件的企业给予一次性奖励')).toBe(false);
  });
});

describe('a span next to the subject', () => {
  it('counts only in the phrase that also holds a word of the question', () => {
    const text = '连续经营满12个月的，可以申请延长；前款材料应当提交';
    expect(hasAnswerShapeNear('duration', text, ['经营'])).toBe(true);
    expect(hasAnswerShapeNear('duration', text, ['材料'])).toBe(false);
    expect(hasAnswerShapeNear('duration', text, [])).toBe(false);
  });

  it('counts in the phrase after a case ending in 的, which that phrase states the value for', () => {
    const text = '以专利权入股的，不低于股份或者股权收益的20%。转让专利的，按约定办理';
    expect(hasAnswerShapeNear('amount', text, ['入股'])).toBe(true);
    // 转让 is a case with no value after it; the full stop ends 入股's reach.
    expect(hasAnswerShapeNear('amount', text, ['转让'])).toBe(false);
    expect(hasAnswerShapeNear('amount', '专利权入股，另行约定；收益的20%归单位', ['入股'])).toBe(false);
  });
});

describe('a period in the unit the question names', () => {
  it('is read from a cue ending in a unit: 几天 and 多少天 ask for days, 几个月 for months, 多久 for any period', () => {
    expect(answerUnitOf('拿到场地几天内要备案')).toBe('天');
    expect(answerUnitOf('备案一般多少天能办好')).toBe('天');
    expect(answerUnitOf('连续几个月没经营要注销')).toBe('月');
    expect(answerUnitOf('经营满几年可以延长')).toBe('年');
    expect(answerUnitOf('备案要多久')).toBe('');
    expect(answerUnitOf('备案找谁')).toBe('');
  });

  it('holds only a span in that unit: 15个工作日内 and 十日内 are days, 12个月 and 2年 are not', () => {
    expect(hasAnswerShape('duration', '自取得场地之日起15个工作日内办理备案', '天')).toBe(true);
    expect(hasAnswerShape('duration', '应当在十日内作出决定', '天')).toBe(true);
    expect(hasAnswerShape('duration', '连续经营满12个月的，可以申请延长', '天')).toBe(false);
    expect(hasAnswerShape('duration', '连续经营满12个月的，可以申请延长', '月')).toBe(true);
    expect(hasAnswerShapeNear('duration', '备案满2年的，可以延长', ['备案'], '天')).toBe(false);
    expect(hasAnswerShapeNear('duration', '备案满2年的，可以延长', ['备案'], '')).toBe(true);
  });

  it('is the span the reply names, when the clause states one in that unit', () => {
    const text = '备案有效期2年，期满前应当申请延续；登记机关应当自受理申请之日起10个工作日内作出决定。';
    expect(findAnswer('duration', '申请延续几天能有结果', text)).toBe('登记机关应当自受理申请之日起10个工作日内作出决定');
    expect(findAnswer('duration', '备案有效期几年', text)).toBe('备案有效期2年');
    // A clause with no span in the unit asked still offers the period it states.
    expect(findAnswer('duration', '备案有效期几天', '备案有效期2年，期满前应当申请延续')).toBe('备案有效期2年');
  });

  it('ranks the clause stating a period in the unit asked above one stating another unit about the same subject', () => {
    const clauses = [
      clause('第二十条', '摊位租赁合同期满3年的，可以续签。'),
      clause('第二十一条', '摊位租赁合同期满15日内应当清场。'),
    ];
    const search = createClauseSearch(clauses, { matchDecision: () => true });
    expect(search.search('摊位租赁合同期满几天', { limit: 2 }).hits.map((h) => h.path)).toEqual(['第二十一条', '第二十条']);
    expect(search.search('摊位租赁合同期满几年', { limit: 2 }).hits.map((h) => h.path)).toEqual(['第二十条', '第二十一条']);
    const days = answerSignal('摊位租赁合同期满几天', clauses)!;
    expect(days.boost(0, ['租赁合同'])).toBe(1);
    expect(days.boost(1, ['租赁合同'])).toBeGreaterThan(1);
  });
});

describe('the order once the question is accepted', () => {
  it('puts the clause stating the asked-for period first, where on the evidence alone a clause without one led', () => {
    const clauses = [
      clause('第十条', '摊点经营者申请夜市摊位的，街道办事处应当审核申请材料；申请材料不齐全的，应当一次性告知。'),
      clause('第十一条', '街道办事处应当自受理夜市摊位申请之日起10个工作日内作出决定。'),
      clause('第十二条', '摊点经营者应当保持摊位整洁。'),
    ];
    let decisions = 0;
    const search = createClauseSearch(clauses, { matchDecision: () => ++decisions > 0 });
    const hits = search.search('夜市摊位申请街道办事处多少天审核完').hits;
    // 第十二条 (摊位 only) may follow them, far behind.
    expect(hits.map((h) => h.path).slice(0, 2)).toEqual(['第十一条', '第十条']);
    expect(hits[0]!.answer).toContain('10个工作日内');
    // The decision was asked once, before the order changed (ANSWER_SHAPE_ORDER_BOOST).
    expect(decisions).toBe(1);
    expect(ANSWER_SHAPE_ORDER_BOOST).toBeGreaterThan(1);
  });
});

describe('an approximate figure', () => {
  it('is a figure too: 80余家, 300多万元', () => {
    expect(hasAnswerShape('amount', '市招商部门拜访对接80余家企业')).toBe(true);
    expect(hasAnswerShape('amount', '累计投入300多万元')).toBe(true);
    expect(findAnswer('amount', '北京驻点招商拜访对接了多少家企业', '在驻点招商上，市招商部门拜访对接80余家企业，挖掘意向投资企业20家。')).toBe('市招商部门拜访对接80余家企业');
  });
});

describe('a sum the question asks for in money', () => {
  it('is read from 多少钱 and 罚多少 (one unit); a bare 多少 names no unit', () => {
    expect(answerUnitOf('举报奖金一般给多少钱')).not.toBe('');
    expect(answerUnitOf('占道经营罚多少')).toBe(answerUnitOf('举报奖金一般给多少钱'));
    expect(answerUnitOf('全市有多少个摊点')).toBe('');
  });

  it('is a sum, a share or a multiple, never a count of people or things', () => {
    const money = answerUnitOf('举报奖金一般给多少钱');
    expect(hasAnswerShape('amount', '按罚没款的2%给予奖励', money)).toBe(true);
    expect(hasAnswerShape('amount', '处2000元以上1万元以下的罚款', money)).toBe(true);
    expect(hasAnswerShape('amount', '两人以上联名举报同一违法行为的', money)).toBe(false);
  });

  it('is no answer at all when the clause states only a count: the reply names no span then', () => {
    const text = '两人以上联名举报同一违法行为的，按同一举报奖励，奖金由举报人协商分配。';
    expect(findAnswer('amount', '举报奖金有多少钱', text)).toBeNull();
    expect(findAnswer('amount', '举报奖金有多少钱', `${text}奖励标准为罚没款的2%。`)).toBe('奖励标准为罚没款的2%');
    // A bare 多少 asks for any amount: the count still answers 几个人联名.
    expect(findAnswer('amount', '多少人联名举报算一个', text)).toBe('两人以上联名举报同一违法行为的');
  });
});

describe('the authority a 谁 / 哪个部门 question asks for', () => {
  it('is named by 主管部门 as well as by 负责 and 由…处理', () => {
    const text = '国务院办公厅是全国政府信息公开工作的主管部门，负责推进、指导、协调、监督全国的政府信息公开工作。';
    expect(findAnswer('who', '全国管政府信息公开的是哪个部门', text)).toBe('国务院办公厅是全国政府信息公开工作的主管部门');
  });
});

describe('the span of a 谁 / 设在哪里 question', () => {
  const text = '组长：张鹏飞 副市长\n工作专班办公室设在市商务局，负责专班日常工作，办公室主任由市商务局局长郭瑞林兼任。';

  it('is the phrase holding the word asked about, right before the cue (组长 in 专班组长是谁)', () => {
    expect(findAnswer('who', '专班组长是谁', text)).toBe('组长：张鹏飞 副市长');
  });

  it('is where the office sits for 设在哪里, never for 谁', () => {
    expect(findAnswer('who', '工作专班办公室设在哪里', text)).toBe('工作专班办公室设在市商务局');
    expect(findAnswer('who', '工作专班办公室设在哪个部门', text)).toBe('工作专班办公室设在市商务局');
    expect(findAnswer('who', '专班办公室谁负责', text)).not.toBe('工作专班办公室设在市商务局');
  });
});

describe('the date a period starts from', () => {
  it('is what 从哪天开始算 asks, though 期限 asks for a period: the longest cue wins', () => {
    expect(answerTypeOf('验收合格后付款期限从哪天开始算')).toBe('when');
    expect(answerTypeOf('付款期限是多久')).toBe('duration');
    const text = '约定以验收合格作为支付条件的，付款期限应当自检验或者验收合格之日起算。';
    expect(findAnswer('when', '验收合格后付款期限从哪天开始算', text)).toBe('付款期限应当自检验或者验收合格之日起算');
  });
});

describe('a date stated as the day of an event', () => {
  it('answers 哪天 as a calendar date would: 签发日期为…成立日期, 以提交之日为收到申请之日', () => {
    const text = '申请人申请市场主体设立登记，登记机关依法予以登记的，签发营业执照。营业执照签发日期为市场主体的成立日期。';
    expect(findAnswer('when', '公司从哪天开始算正式成立', text)).toBe('营业执照签发日期为市场主体的成立日期');
    expect(hasAnswerShape('when', '申请人当面提交政府信息公开申请的，以提交之日为收到申请之日')).toBe(true);
    // A date mentioned without what it is the day of is no answer.
    expect(hasAnswerShape('when', '登记机关应当在营业执照上载明签发日期')).toBe(false);
  });
});

describe('the span of a 哪些 question whose clause has no list of its own', () => {
  it('is the phrase of the clause that enumerates (甲、乙等), the one about what is asked', () => {
    const text = '加强产学研合作。推动企业与太原理工大学、中南大学等省内外高校和科研机构加强产学研合作，支持建设重点实验室、新型研发机构等研发平台。';
    expect(findAnswer('list', '产学研合作推动企业与哪些高校合作', text)).toBe('推动企业与太原理工大学、中南大学等省内外高校和科研机构加强产学研合作');
    const perks = '市商务部门做好跨国公司地区总部的引进、认定和服务等工作。跨国公司在沪总部可以享受资金资助、人才引进、贸易物流等便利化政策。';
    expect(findAnswer('list', '跨国公司地区总部能享受哪些便利', perks)).toBe('跨国公司在沪总部可以享受资金资助、人才引进、贸易物流等便利化政策');
  });

  it('earns the clause no ranking preference: most clauses list something', () => {
    expect(hasAnswerShape('list', '推动企业与太原理工大学、中南大学等省内外高校合作')).toBe(false);
  });
});

describe('the span of a 哪些 question whose clause has neither a list nor an enumeration', () => {
  it('is the phrase naming what the question asks which of (哪些统计工作 → …项目跟进统计工作)', () => {
    const text = '各开发区要明确责任单位和责任人，狠抓工作落实。市投资促进中心要统筹做好平台搭建和项目跟进统计工作，各县（市、区）及时梳理上报活动开展情况。';
    expect(findAnswer('list', '投促中心要做好哪些统计工作', text)).toBe('市投资促进中心要统筹做好平台搭建和项目跟进统计工作');
    // No phrase names it: no answer line rather than a guess.
    expect(findAnswer('list', '投促中心要做好哪些宣传工作', text)).toBeNull();
  });
});

describe('the span among figures of several years', () => {
  it('is the one whose sentence names the year asked (2025年…到位投资80亿元以上)', () => {
    const text = '2024年，力争招引15个项目集中落户，到位投资20亿元以上。2025年，力争招引30个项目集中落户，到位投资80亿元以上。';
    expect(findAnswer('amount', '2025年到位投资目标是多少', text)).toBe('到位投资80亿元以上');
    expect(findAnswer('amount', '2024年到位投资目标是多少', text)).toBe('到位投资20亿元以上');
  });

  it('reads the words of the phrase\'s sentence as well, at half their weight', () => {
    const text = '用人单位不安排职工休年休假又不支付未休年休假工资报酬的，由县级以上地方人民政府劳动行政部门依据职权责令限期改正。县级以上地方人民政府劳动行政部门应当依法监督检查。';
    expect(findAnswer('who', '单位不安排休年假也不给钱找谁管', text)).toBe('由县级以上地方人民政府劳动行政部门依据职权责令限期改正');
  });
});

describe('the span of a figure asked in English', () => {
  it('is the figure beside the translations its clause matched', () => {
    const text = '每年组织开展各类精准招商活动不少于3场，每季度外出招商次数不少于1次。';
    expect(findAnswer('amount', 'How many outbound trips per quarter are required?', text, '', ['外出', '招商', '季度'])).toBe('每季度外出招商次数不少于1次');
    // Without them every phrase shares nothing with an English question: the first figure.
    expect(findAnswer('amount', 'How many outbound trips per quarter are required?', text)).toBe('每年组织开展各类精准招商活动不少于3场');
  });
});

describe('the span of a question that names its document', () => {
  it('is chosen on the question\'s other words: the title\'s words match the citations a closing clause lists', () => {
    const text = '本条例自2011年11月1日起施行。1987年8月5日国务院发布的《城乡个体工商户管理暂行条例》同时废止。';
    expect(findAnswer('when', '个体工商户条例什么时候施行的', text, '个体工商户条例')).toBe('本条例自2011年11月1日起施行');
    // Without the title, the citation shares more of the question's words; what still keeps it from
    // the span is that it names 暂行 in the place of the 施行 the other phrase states (answerSpan.test.ts,
    // sibling words), a rule that reads no title.
    expect(findAnswer('when', '个体工商户条例什么时候施行的', text)).toBe('本条例自2011年11月1日起施行');
    expect(findAnswer('when', '个体工商户条例什么时候施行', '1987年8月5日国务院发布的《城乡个体工商户管理条例》同时废止。本条例自2011年11月1日起实施。')).toBe('1987年8月5日国务院发布的《城乡个体工商户管理条例》同时废止');
  });
});

describe('a tier the question names its figure in', () => {
  const TIERS = '举报奖励标准\n一级 | 100万元以上 | 按罚没款的2%奖励\n二级 | 10万元以上不满100万元 | 按罚没款的3%奖励\n三级 | 不满10万元 | 按罚没款的5%奖励';

  it('is the row whose range holds the figure, boundaries as the law counts them', () => {
    expect(findAnswer('amount', '罚没款50万元举报奖励多少钱', TIERS)).toBe('二级 | 10万元以上不满100万元 | 按罚没款的3%奖励');
    expect(findAnswer('amount', '罚没款5万元举报奖励多少钱', TIERS)).toBe('三级 | 不满10万元 | 按罚没款的5%奖励');
    expect(findAnswer('amount', '罚没款100万元举报奖励多少钱', TIERS)).toBe('一级 | 100万元以上 | 按罚没款的2%奖励');
    expect(findAnswer('amount', '罚没款10万元举报奖励多少钱', TIERS)).toBe('二级 | 10万元以上不满100万元 | 按罚没款的3%奖励');
  });

  it('reads the range one comma before the sum in running text', () => {
    const text = '罚没款不满10万元的，按罚没款的5%给予奖励；罚没款10万元以上的，按罚没款的3%给予奖励。';
    expect(findAnswer('amount', '罚没款20万元奖励多少钱', text)).toBe('按罚没款的3%给予奖励');
    expect(findAnswer('amount', '罚没款2万元奖励多少钱', text)).toBe('按罚没款的5%给予奖励');
  });

  it('leaves the choice alone when the figure is about something else (no tier holds it)', () => {
    const text = '未按规定备案的，处2万元以上5万元以下的罚款；情节严重的，处5万元以上10万元以下的罚款。';
    expect(findAnswer('amount', '注册资本100万元的公司没备案罚多少', text)).toBe('处2万元以上5万元以下的罚款');
  });
});

describe('the lead-in of an item', () => {
  it('is the sentence that introduces the items, for an item only', () => {
    expect(leadInOf(STALLS, 5)).toBe('有下列情形之一的，注销备案，并责令停止经营：');
    expect(leadInOf(STALLS, 6)).toBe('有下列情形之一的，注销备案，并责令停止经营：');
    expect(leadInOf(STALLS, 4)).toBe('');
    expect(leadInOf(STALLS, 1)).toBe('');
  });

  it('gives an item the consequence its lead-in states, but never makes an item a list', () => {
    const consequence = answerSignal('连续三个月没经营会怎么样', STALLS)!;
    expect(consequence.states(5)).toBe(true);
    expect(consequence.boost(5, ['经营'])).toBeGreaterThan(1);
    const list = answerSignal('哪些情形要注销', STALLS)!;
    expect(list.states(5)).toBe(false);
  });
});

describe('ranking with the answer-type signal', () => {
  const search = createClauseSearch(STALLS);

  it('puts the clause stating the penalty first for 会怎么样', () => {
    expect(search.search('摊点经营者不办理备案会怎么样', { limit: 3 }).hits[0]?.path).toBe('第十二条');
  });

  it('puts the clause stating the period first for 几天内', () => {
    expect(search.search('摊点经营者几天内要办理备案', { limit: 3 }).hits[0]?.path).toBe('第十一条');
  });

  it('puts the clause naming the authority first for 找谁', () => {
    expect(search.search('摊点备案找谁受理', { limit: 3 }).hits[0]?.path).toBe('第十三条');
  });

  it('puts the list before its items for 哪些, even when an item matches more of the words', () => {
    const hits = search.search('摊点经营者办理备案要交哪些身份证明', { limit: 5 }).hits.map((h) => h.path);
    expect(hits).toContain('第十六条（一）');
    expect(hits[0]).toBe('第十六条');
  });

  it('finds the list of an item for 哪些 wherever the list itself ranks, so the number of hits asked for changes nothing', () => {
    // Eleven clauses name both words of the question; the list's lead-in names one. The list used to
    // be found only when it happened to be among the first ten clauses read (a bug: 10 hits missed it, 11 put it first).
    const many = Array.from({ length: 11 }, (_, i) => clause(`第${i + 20}条`, `摊点经营者遗失身份证明的，应当在${i + 2}日内向街道办事处报告，并说明遗失的时间、地点和经过，街道办事处予以登记。`));
    const lists = createClauseSearch(
      [...many, clause('第四十条', '摊点经营者办理备案应当提交下列材料：'), clause('第四十条（一）', '摊点经营者的身份证明；'), clause('第四十条（二）', '摊点场地的使用证明。')],
      { matchDecision: () => true },
    );
    for (const limit of [1, 3, 10, 11, 20]) expect(lists.search('摊点经营者要交哪些身份证明', { limit }).hits[0]?.path).toBe('第四十条');
  });

  it('gives nothing to a clause whose period is about something else', () => {
    const signal = answerSignal('摊点经营者几天内要办理备案', STALLS)!;
    expect(signal.boost(1, ['办理备案'])).toBeGreaterThan(1);
    // 第十五条 states 12个月 about 经营 and 延长, not about 办理备案.
    expect(signal.boost(7, ['办理备案'])).toBe(1);
  });

  it('never retrieves a clause on its own: a question on a subject no clause has gets no match', () => {
    expect(search.search('占道停车罚多少钱').status).toBe('no_match');
    expect(search.search('营业执照过期会怎么样').status).toBe('no_match');
  });
});

describe('a count asked with its measure word', () => {
  it('is stated only by a figure in that measure: 连续三个月, 15个工作日 or 500元 say nothing of 几个摊位', () => {
    const signal = answerSignal('一个经营者最多能备案几个摊位', STALLS)!;
    expect(signal.type).toBe('amount');
    for (let id = 0; id < STALLS.length; id++) expect(signal.states(id), STALLS[id]!.path).toBe(false);
    const counted = [...STALLS, clause('第十七条', '每名摊点经营者限备案一个摊位。')];
    expect(answerSignal('一个经营者最多能备案几个摊位', counted)!.states(counted.length - 1)).toBe(true);
    // Without a measure word the question asks for any figure of its kind.
    expect(answerSignal('备案后最多能经营多少', STALLS)!.states(1)).toBe(true);
  });

  it('counts 几个人 in the measure of the noun after 个 too: 不得少于两人 states it', () => {
    const inspections = [clause('第二十条', '行政执法人员不得少于两人，并应当出示执法证件。'), clause('第二十一条', '行政执法应当依法进行，对同一企业的检查不超过两次。')];
    const signal = answerSignal('执法的人来厂里检查，最少得来几个人？', inspections)!;
    expect(signal.states(0)).toBe(true);
    expect(signal.states(1)).toBe(false);
  });

  it('counts a noun naming people (多少游客, 几名职工) in people: 最大承载量5000人 states it, 二千元 and 三日 do not', () => {
    const sites = [
      clause('第二十三条', '旅游景区的最大承载量为每日5000人次。'),
      clause('第三十条', '超过旅游容量接待旅游者的，可处二千元以上二万元以下的罚款。'),
      clause('第三十一条', '经营者应当在三日内报告。'),
    ];
    const signal = answerSignal('景区每天最多能接待多少游客？', sites)!;
    expect(signal.type).toBe('amount');
    expect(sites.map((_, id) => signal.states(id))).toEqual([true, false, false]);
    // A noun ending so that is no person (多少天完工: 天 is a measure of its own) is read as before.
    expect(answerSignal('多少天能完工', sites)!.states(2)).toBe(true);
  });

  it('reads a unit of measure the same way, past a magnitude: 多少万吨 is stated by 500万吨, not by 20%至30% or 5年', () => {
    const grain = [
      clause('第十六条', '储备粮实行均衡轮换制度，每年轮换的数量一般为储存总量的20%至30%。'),
      clause('第十七条', '储备粮的储存年限一般不超过5年。'),
      clause('第十八条', '本市储备粮的储存规模为50万吨。'),
      clause('第十九条', '冬季卧室的温度不低于十八摄氏度。'),
    ];
    const signal = answerSignal('储备粮的储存规模是多少万吨', grain)!;
    expect([0, 1, 3].map((id) => signal.states(id))).toEqual([false, false, false]);
    expect(signal.states(2)).toBe(true);
    // The same measure counted in another magnitude, and a temperature asked as 多少度.
    expect(answerSignal('储备粮最多储存几百吨', grain)!.states(2)).toBe(true);
    expect(answerSignal('卧室最低有多少度', grain)!.states(3)).toBe(true);
    expect(answerSignal('卧室最低有多少度', grain)!.states(0)).toBe(false);
  });
});
