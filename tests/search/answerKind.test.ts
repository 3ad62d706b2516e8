/**
 * The answer line is of the kind the question asks for, or absent. A 多久 question is answered by a
 * period (not the date a rule takes effect), a question on a fee, a subsidy or a reward by a sum, one
 * on 百分之几 by a share; an amount the question states of its own case (投资五千万元以上的项目) is that
 * case, not what it gets. Where the clause has no span of the kind asked for, no span is named: the
 * clause is still listed. The fixtures are a made-up county measure, so nothing here names a word of a
 * real document.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/corpus/index.ts';
import { answerCueOf, answerTypeOf, answerUnitOf, findAnswer, hasAnswerShape } from '../../src/search/answer.ts';
import { createClauseSearch } from '../../src/search/index.ts';

const TITLE = '某县重点产业扶持办法';

describe('多久 asks for a period', () => {
  it('a date is no period: an effective date, a calendar year, a day of a month', () => {
    expect(hasAnswerShape('duration', '本办法自2024年3月1日起施行')).toBe(false);
    expect(hasAnswerShape('duration', '2022年以来，全县新开工项目46个')).toBe(false);
    expect(hasAnswerShape('duration', '每年3月底前报送上年度统计数据')).toBe(false);
    expect(hasAnswerShape('duration', '每月5日前报送')).toBe(false);
    expect(hasAnswerShape('duration', '二〇二四年三月一日起施行')).toBe(false);
  });

  it('a period is one, in minutes too', () => {
    expect(hasAnswerShape('duration', '应当在五个工作日内办结')).toBe(true);
    expect(hasAnswerShape('duration', '到达现场的时限，城区不超过六十分钟')).toBe(true);
    expect(hasAnswerShape('duration', '自受理之日起15日内作出决定')).toBe(true);
    expect(hasAnswerShape('duration', '连续经营满12个月的')).toBe(true);
    expect(hasAnswerShape('duration', '每三年进行一次安全评价')).toBe(true);
  });

  it('a number of days in words is a period without 内 or 后 after it; after a month it is a date', () => {
    expect(hasAnswerShape('duration', '施划方案应当公示，公示时间不得少于十五日', '天')).toBe(true);
    expect(hasAnswerShape('duration', '每年三月十五日开展宣传', '天')).toBe(false);
  });

  it('an effective-date clause names no span for 多久; a clause with both names the period', () => {
    expect(findAnswer('duration', '扶持资金申请多久能办完', '本办法自2024年3月1日起施行。', TITLE)).toBeNull();
    expect(findAnswer('duration', '扶持资金申请多久能办完', '县工信局应当自受理申请之日起十个工作日内办结。本办法自2024年3月1日起施行。', TITLE)).toBe('县工信局应当自受理申请之日起十个工作日内办结');
  });
});

describe('什么时候 asks for a time', () => {
  it('a time after an event (公示30日后, 期满三个月后) answers it, as a date does', () => {
    expect(hasAnswerShape('when', '工程完工且未拖欠农民工工资的，公示30日后，可以申请注销专用账户')).toBe(true);
    expect(hasAnswerShape('when', '公示期满三个月后，可以申请退还保证金')).toBe(true);
    expect(hasAnswerShape('when', '本办法自2024年3月1日起施行')).toBe(true);
    expect(hasAnswerShape('when', '应当公示，公示时间不得少于十五日')).toBe(false);
  });

  it('a time named relative to a year or a month (次年, 年末, 季度末) answers it', () => {
    expect(hasAnswerShape('when', '经审核批准后，次年一次性兑付奖励')).toBe(true);
    expect(hasAnswerShape('when', '项目单位应当于每季度末报送进度')).toBe(true);
    expect(hasAnswerShape('when', '项目单位应当按规定报送进度')).toBe(false);
  });
});

describe('多久…一次 asks how often, not how long', () => {
  const DUTIES =
    '企业负责人应当履行下列职责：每月至少组织研究一次生产经营工作；每季度至少组织一次全面检查；停工六个月以上的设备，重新使用前应当检验。';

  it('多久 with 一次 a few words later, 每隔多久 and “how often” ask for a frequency; 多久 alone, 一次性 and 隔多久 (the longest gap) for a period', () => {
    expect(answerTypeOf('负责人多久要开一次会研究经营工作')).toBe('frequency');
    expect(answerTypeOf('设备每隔多久检验')).toBe('frequency');
    expect(answerTypeOf('How often must the manager organise an inspection?')).toBe('frequency');
    expect(answerTypeOf('补贴多久能办完')).toBe('duration');
    expect(answerTypeOf('补贴多久能一次性拿到')).toBe('duration');
    expect(answerTypeOf('工程款最长能隔多久拨付')).toBe('duration');
  });

  it('the words between the cue’s parts are the subject, not the cue (多久要保养一次: 保养)', () => {
    expect(answerCueOf('设备多久要保养一次')).toBe('多久一次');
  });

  it('a frequency is 每 + a period + a count of times; a deadline in a year or a one-off payment is none', () => {
    expect(hasAnswerShape('frequency', '每三年进行一次安全评价')).toBe(true);
    expect(hasAnswerShape('frequency', '每年至少开展两次应急演练')).toBe(true);
    expect(hasAnswerShape('frequency', '每年3月底前报送上年度统计数据')).toBe(false);
    expect(hasAnswerShape('frequency', '一次性给予5万元奖励')).toBe(false);
  });

  it('names the frequency of the thing asked about, never a period that is a condition (停工六个月以上)', () => {
    expect(findAnswer('frequency', '负责人多久要开一次会研究经营工作？', DUTIES, TITLE)).toBe('每月至少组织研究一次生产经营工作');
    expect(findAnswer('frequency', '多久组织一次全面检查', DUTIES, TITLE)).toBe('每季度至少组织一次全面检查');
    expect(findAnswer('frequency', '多久要做一次检验', '设备应当在停工后检验。', TITLE)).toBeNull();
  });
});

describe('a list question naming what it lists is answered by that list', () => {
  it('an enumeration in the sentence naming it (申报材料，写明…等内容), not a 下列 list of something else', () => {
    const text =
      '企业申报应有书面的申报材料，写明企业名称、申报事项、投资规模等内容。受理机构行使下列职权：对申报事项进行核查；组织有关部门会商。';
    expect(findAnswer('list', '申报材料里要写些什么', text, TITLE)).toBe('企业申报应有书面的申报材料，写明企业名称、申报事项、投资规模等内容');
    expect(findAnswer('list', '受理机构有哪些职权', text, TITLE)).toContain('受理机构行使下列职权：');
  });
});

describe('哪些 asks for a list, even after a verb that ends in 到 or 去', () => {
  it('达到哪些条件 asks which conditions; 到哪里去办 still asks where', () => {
    expect(answerTypeOf('企业要达到哪些条件才能申请补贴')).toBe('list');
    expect(answerCueOf('企业要达到哪些条件才能申请补贴')).toBe('哪些');
    expect(answerTypeOf('补贴到哪里去申请')).toBe('who');
    expect(answerTypeOf('补贴去哪个窗口办')).toBe('who');
  });
});

describe('a value named before a yes/no question is what the question is about, not what it asks', () => {
  it('技改投了多少钱，要不要报 asks whether; 会被罚吗？罚多少？ still asks how much', () => {
    expect(answerTypeOf('技改投了多少钱，企业要不要报给统计局？')).toBeNull();
    expect(answerTypeOf('罚多少钱，能不能少交？')).toBeNull();
    expect(answerTypeOf('会被罚吗？罚多少？')).toBe('amount');
    expect(answerTypeOf('要不要报，多少天内报？')).toBe('duration');
  });
});

describe('什么情况下 asks for the list of cases, as 哪些情况 does', () => {
  it('is a list question, and the clause introducing the cases comes first', () => {
    for (const q of ['什么情况下可以动用储备粮', '什么情形下不予奖励', '哪种情况可以延期']) expect(answerTypeOf(q), q).toBe('list');
    const search = createClauseSearch(
      [
        ['第三十七条', '有关部门应当完善储备粮的动用预警机制，加强对需要动用储备粮情况的监测，适时提出动用储备粮的建议。'],
        ['第三十八条', '出现下列情况之一的，可以动用储备粮：'],
        ['第三十八条（一）', '本市粮食明显供不应求或者市场价格异常波动；'],
        ['第四十条', '有关部门根据批准的储备粮动用方案下达动用命令，由承储企业具体组织实施。'],
      ].map(([path, text]) => ({ docId: 'g', docNo: null, title: '某市储备粮管理办法', path: path!, heading: path!, text: text!, units: [] })),
    );
    expect(search.search('什么情况下可以动用储备粮').hits[0]?.path).toBe('第三十八条');
  });
});

describe('a count asked with its measure word', () => {
  it('is a figure in that measure (多少台: 五十台), or in one counting the same things (几条狗: 一只)', () => {
    const text = '每名专职管理人员管理的设备数量不得超过五十台。重点区域内，每户限养一只犬。';
    expect(findAnswer('amount', '一个管理人员最多管多少台设备', text, TITLE)).toBe('每名专职管理人员管理的设备数量不得超过五十台');
    expect(findAnswer('amount', '重点区域一户最多能养几条犬', text, TITLE)).toBe('每户限养一只犬');
  });

  it('an article number (第三十条) or a count in another measure is no answer', () => {
    expect(findAnswer('amount', '一户最多能养几条犬', '依照本规定第三十条处理。', TITLE)).toBeNull();
    expect(findAnswer('amount', '一户最多能养几条犬', '带动配套企业户数在3户以上。', TITLE)).toBeNull();
  });

  it('a discount is counted in 折 and a multiple in 倍 (or a percentage); 个 of 三个月 counts time, not things', () => {
    expect(findAnswer('amount', '学生门票打几折', '学生凭证购票享受五折优惠。', TITLE)).toBe('学生凭证购票享受五折优惠');
    expect(findAnswer('amount', '学生门票打几折', '对学生等特定对象实行门票减免。', TITLE)).toBeNull();
    expect(findAnswer('amount', '加班工资按几倍支付', '支付不低于工资的300%的工资报酬。', TITLE)).toBe('支付不低于工资的300%的工资报酬');
    expect(findAnswer('amount', '最多能设几个摊位', '连续三个月未经营的，注销备案。', TITLE)).toBeNull();
  });
});

describe('a penalty and a payer are read whole', () => {
  it('a penalty goes on to the fine in the same sentence (责令限期改正；逾期未改正的，处…罚款)', () => {
    const text = '服务单位有下列行为之一的，由主管部门责令限期改正；逾期未改正的，处一万元以上十万元以下罚款：';
    expect(findAnswer('consequence', '服务单位转包会怎么罚', text, TITLE)).toBe('由主管部门责令限期改正；逾期未改正的，处一万元以上十万元以下罚款');
  });

  it('but stops before a case of its own after ； (另一方…的，视为…), which is another rule, not more of this one', () => {
    const text = '经营者无正当理由不配合检测的，视为检测合格；服务单位未按时检测的，视为检测不合格。';
    expect(findAnswer('consequence', '经营者不配合检测会怎么样', text, TITLE)).toBe('视为检测合格');
  });

  it('an exception (…承担的除外) never answers who pays; the phrase naming who pays (由…支出) does', () => {
    const text = '设备重大修理费用，有专项维修资金的由专项维修资金支出，法律、法规明确由有关单位和个人承担的除外。';
    expect(findAnswer('who', '设备大修的钱谁出', text, TITLE)).toBe('有专项维修资金的由专项维修资金支出');
    expect(findAnswer('who', '设备大修的钱谁出', '设备重大修理费用，法律、法规明确由有关单位承担的除外。', TITLE)).toBeNull();
  });
});

describe('a sum asked for by its name (费, 补贴, 奖励 …) is a sum', () => {
  it('the name beside the cue asks for a sum: after it (多少登记费, 多少开办补贴) or before it (奖励多少, 补贴最高是多少)', () => {
    const sum = answerUnitOf('办登记要交多少钱');
    expect(sum).not.toBe('');
    for (const q of ['办登记要交多少登记费', '新开办的企业能领多少开办补贴', '能拿多少奖励', '项目奖励多少', '研发补贴最高是多少', '评上省级技术中心奖多少']) {
      expect(answerUnitOf(q), q).toBe(sum);
    }
  });

  it('the sum’s own unit typed after the cue asks for a sum whichever cue the question asks with (每亩多少万元 beside 标准是)', () => {
    const sum = answerUnitOf('办登记要交多少钱');
    for (const q of ['投资强度标准是每亩多少万元', '罚款最多几千元', '最低注册资本是多少']) expect(answerUnitOf(q), q).toBe(sum);
    // A multiple is counted in its own measure word, not read as a sum (几倍: 300%, 3倍).
    expect(answerUnitOf('周末加班工资按几倍支付')).toBe('');
  });

  it('a figure in another unit does not answer a question on a sum per unit', () => {
    expect(findAnswer('amount', '投资强度标准是每亩多少万元', '鼓励对存量建设用地进行二次开发利用。', TITLE)).toBeNull();
  });

  it('百分之几, a rate or a proportion asks for a share', () => {
    const share = answerUnitOf('安全投入要占营业收入的百分之几');
    expect(share).not.toBe('');
    expect(share).not.toBe(answerUnitOf('能拿多少奖励'));
    expect(answerUnitOf('奖励比例是多少')).toBe(share);
    expect(answerUnitOf('税率是多少')).toBe(share);
  });

  it('a count asked with its measure word, or a word that is no value’s name, asks for no unit', () => {
    expect(answerUnitOf('有多少家企业能拿补贴')).toBe('');
    expect(answerUnitOf('要交多少补充材料')).toBe('');
    expect(answerUnitOf('办一次要多少天')).not.toBe(answerUnitOf('能拿多少奖励'));
  });

  it('no sum, no span: a time limit or a frequency does not answer a question on a fee or a subsidy', () => {
    expect(findAnswer('amount', '办登记要交多少登记费', '其他不动产登记在五个工作日内办结。', TITLE)).toBeNull();
    expect(findAnswer('amount', '新开办的企业能领多少开办补贴', '申请人提交材料齐全的，应当当场办结；不能当场办结的，应当在一个工作日内办结。', TITLE)).toBeNull();
    expect(findAnswer('amount', '安全投入要占营业收入的百分之几', '使用危险化学品的单位应当每三年进行一次安全评价。', TITLE)).toBeNull();
    expect(findAnswer('amount', '并购重组能拿多少奖励', '对兼并本县以外企业并在本县纳税的企业，给予一次性奖励。', TITLE)).toBeNull();
  });

  it('a share answers 百分之几 and a sum question; a sum does not answer 百分之几', () => {
    const text = '企业应当按不低于营业收入1.5%的标准提取安全生产费用，最低不少于5万元。';
    expect(findAnswer('amount', '安全投入要占营业收入的百分之几', text, TITLE)).toBe('企业应当按不低于营业收入1.5%的标准提取安全生产费用');
    expect(findAnswer('amount', '安全投入要占营业收入的百分之几', '安全生产费用每年最低不少于5万元。', TITLE)).toBeNull();
  });
});

describe('the question’s own figure is its case, not the answer', () => {
  const text = '新上项目固定资产投资5000万元以上、亩均投资不低于100万元的，按实际投资额给予企业5%-20%奖励，分期拨付。';
  const plain = '新上项目固定资产投资5000万元以上、亩均投资不低于100万元，按实际投资额给予企业5%-20%奖励，分期拨付。';

  it('names the reward, not the threshold the question restates (五千万元以上, 五千万以上 said without 元)', () => {
    expect(findAnswer('amount', '投资五千万元以上的项目奖励多少', plain, TITLE)).toBe('按实际投资额给予企业5%-20%奖励');
    expect(findAnswer('amount', '投个五千万以上的项目，能拿多少奖励', plain, TITLE)).toBe('按实际投资额给予企业5%-20%奖励');
    expect(findAnswer('amount', '投资5000万以上的项目奖励多少', text, TITLE)).toBe('按实际投资额给予企业5%-20%奖励');
  });

  it('a phrase holding the figure and a value of its own still answers', () => {
    const tiers = '固定资产投资5000万元以上奖励100万元；投资1亿元以上奖励300万元。';
    expect(findAnswer('amount', '投资五千万元以上的项目奖励多少', tiers, TITLE)).toBe('固定资产投资5000万元以上奖励100万元');
  });
});

describe('in a search, an answer line of the kind asked for or none', () => {
  const clause = (path: string, text: string): Clause => ({ docId: 'reg', docNo: null, title: '某县不动产登记办法', path, heading: path, text, units: [] });
  const clauses = [
    clause('第三条', '县自然资源局负责本县不动产登记工作。'),
    clause('第十条', '不动产登记机构应当自受理登记申请之日起，在五个工作日内办结不动产登记手续。'),
    clause('第十一条', '查封登记、异议登记当场办结。'),
    clause('第十二条', '使用登记信息系统的单位应当每三年进行一次系统安全评估。'),
    clause('第二十条', '本办法自2024年3月1日起施行。原《某县房地产登记暂行办法》同时废止。'),
  ];
  const search = createClauseSearch(clauses);

  it('a question on a fee the texts never state gets no answer line of another kind', () => {
    for (const q of ['办不动产登记要交多少登记费', '不动产登记能领多少补贴', '登记费占房价的百分之几']) {
      for (const h of search.search(q, { limit: 5 }).hits) expect(h.answer, `${q} → ${h.path}`).toBeUndefined();
    }
  });

  it('多久 is answered with the period, never with the date the measure takes effect', () => {
    const hits = search.search('不动产登记要多久', { limit: 5 }).hits;
    expect(hits[0]?.path).toBe('第十条');
    expect(hits[0]?.answer).toContain('五个工作日内');
    for (const h of hits) expect(h.answer ?? '').not.toContain('施行');
  });

  it('an effective-date clause found first (it names the repealed 房地产登记 measure) gets no answer line for 多久', () => {
    // The "no match" decision may refuse this question (no clause states a period for 房地产登记); the
    // answer line is read here with a decision that answers every question.
    const answering = createClauseSearch(clauses, { matchDecision: () => true });
    const hits = answering.search('房地产登记要多久', { limit: 5 }).hits;
    expect(hits[0]?.path).toBe('第二十条');
    for (const h of hits) expect(h.answer ?? '').not.toContain('施行');
  });
});

describe('a measurement is an amount, and a yes/no question asks for none', () => {
  it('多远 / 多高 / 多深 ask for an amount, answered by a length, an area or a temperature in digits or words', () => {
    for (const q of ['门口多远以内不能设摊位', '围墙最低要多高', '管道要埋多深']) expect(answerTypeOf(q), q).toBe('amount');
    expect(hasAnswerShape('amount', '距离出入口三十米以内的区域')).toBe(true);
    expect(hasAnswerShape('amount', '起居室的温度不低于十八摄氏度')).toBe(true);
    expect(hasAnswerShape('amount', '室温不低于18℃')).toBe(true);
    expect(hasAnswerShape('amount', '占地面积不少于200平方米')).toBe(true);
  });

  it('几 in a question ending in 吗 counts nothing (几家小公司…能补吗: "a few small firms"); without 吗 it asks', () => {
    expect(answerTypeOf('几家小公司一起申请，中介的费用政府能补吗？')).toBeNull();
    expect(answerTypeOf('一户最多能养几条狗？')).toBe('amount');
  });

  it('an alternative question (A还是B) asks which holds, not the value a cue inside it names; 还是 before 要 or a negation is "still"', () => {
    expect(answerTypeOf('景点门票多少钱是政府说了算，还是景点自己定？')).toBeNull();
    expect(answerTypeOf('审批还是要等多少天')).toBe('duration');
  });

  it('what a clause deems to follow (视为…) is a consequence', () => {
    expect(hasAnswerShape('consequence', '用户无正当理由不在记录上签字的，视为当日检测合格')).toBe(true);
  });
});
