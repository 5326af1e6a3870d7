import { describe, expect, expectTypeOf, test } from 'vitest';
import { FIGURE_NAMES, FIGURES, isStanding } from '@linju/contract';
import { SEED_000_FIGURES } from '@linju/border-seed';
import { briefingComparisons, briefingSections, introSentence, subjectLines, uncomparedPeriods, type Comparison } from '../src/report/briefingText.ts';
import { periodOf, sentencesOf } from './periodFigures.ts';
import { SEED_000_PLACES, SEED_000_SECTIONS, wherePhrasesAre } from './seedSections.ts';

const SICHUAN = { key: 'sichuan', code: '510000', name: '四川省' };
const TWO_SIDES = [SICHUAN, { key: 'chongqing', code: '500000', name: '重庆市' }];
/** A period of Sichuan alone whose figures are all 0 but those given. */
const onlySome = (figures: Partial<Record<(typeof FIGURE_NAMES)[number], number>>) => periodOf(0, [{ ...SICHUAN, figures }]);
const earlier = (value: number | null, figures: Partial<Record<(typeof FIGURE_NAMES)[number], number>> = {}) => ({ ...periodOf(value, [{ ...SICHUAN, figures }]), period: { from: '2020-07-01', to: '2020-12-31' } });
const yearAgo = (value: number | null) => ({ ...periodOf(value), period: { from: '2020-01-01', to: '2020-06-30' } });

describe('the sections and their parts, as seed 000 has them', () => {
  test('seed 000’s first half of 2021: its sections and parts in its order and words, each figure under its own part and no other', () => {
    const sections = briefingSections(onlySome(SEED_000_FIGURES), []);
    expect(sections.map((section) => section.heading)).toEqual(SEED_000_SECTIONS.map((section) => section.heading));
    expect(sections.map((section) => section.parts.map((part) => part.heading))).toEqual(SEED_000_SECTIONS.map((section) => section.parts.map((part) => part.heading)));
    expect(wherePhrasesAre(sections, SEED_000_FIGURES)).toEqual(SEED_000_PLACES);
    // 志愿服务队伍 (治理共抓 in the catalogue) is said where the report says it, under 服务联抓, not 基层联治.
    expect(sections[2]!.parts[1]!.sentences[0]).toBe(`四川省：新增志愿服务队伍${SEED_000_FIGURES.volunteerTeams}个、政策宣传${SEED_000_FIGURES.policyTalks}次、日常巡逻${SEED_000_FIGURES.patrols}次、解决难题${SEED_000_FIGURES.problemsSolved}个。`);
    expect(introSentence(onlySome(SEED_000_FIGURES))).toContain('在组织联建、发展联动、服务联抓、基层联治、文明联创等方面开展工作');
  });

  test('a period with figures in some parts only: the others and sections without any left out, those said numbered as printed', () => {
    const some = onlySome({ patrols: 5, governanceTeams: 2, securityActions: 3 });
    const sections = briefingSections(some, []);
    expect(sections.map((section) => [section.heading, section.parts.map((part) => part.heading)])).toEqual([
      // A section's only part has no 一是, which would promise a 二是.
      ['一、服务联抓，织密便民服务网', ['基层服务共抓']],
      // 开展环境整治 (二是 in the report) has no figure: 推进平安建设 is the second part said.
      ['二、基层联治，探索共治新格局', ['一是理顺协调机制', '二是推进平安建设']],
    ]);
    expect(sections[0]!.parts[0]!.sentences).toEqual(['四川省：日常巡逻5次。']);
    expect(sentencesOf(sections).join('')).not.toMatch(/均为0|未上报/);
    expect(introSentence(some)).toBe('2021年上半年，四川毗邻镇村持续推进“邻聚党建”，在服务联抓、基层联治等方面开展工作。现将有关情况简报如下。');
  });

  test('a period without any record has no section (its opening says so); nor does one of which nothing is reported', () => {
    expect(briefingSections(periodOf(0), [])).toEqual([]);
    expect(briefingSections(periodOf(null), [])).toEqual([]);
  });

  test('a part whose figures are 0 but were not in a period compared with says so, and their fall; not reported, that', () => {
    const now = onlySome({ crossAppointments: 3 });
    const before: Comparison = { name: '上期', figures: earlier(0, { crossAppointments: 3, jointSeminarSessions: 41 }) };
    const sections = briefingSections(now, [before]);
    expect(sections.map((section) => section.parts.map((part) => part.heading))).toEqual([['一是创新组织设置', '二是丰富活动载体']]);
    expect(sections[0]!.parts[1]!.sentences).toEqual(['四川省本期此类指标均为0。', '与上期（2020年下半年）相比，联合座谈交流减少41场次（下降100%）。']);
    const notReported = { ...now, total: { ...now.total, jointSeminarSessions: null, studyExchangePersonTimes: null, trainingPersonTimes: null } };
    expect(briefingSections(notReported, [before])[0]!.parts[1]!.sentences).toEqual(['四川省本期未上报此类数据。']);
  });

  test('things set up that stand (posts, facilities, teams, 一约四会) are said as newly set up in each period, never as a fall; events as before', () => {
    // Chongqing's 2021年下半年 as QA printed it: 交叉任职村党组织委员减少27人（下降100%） while all 60 were in post.
    const now = onlySome({ crossAppointments: 0, jointSeminarSessions: 2, volunteerTeams: 0, patrols: 0, villageCompacts: 0, civilizationActivities: 0 });
    const before: Comparison = { name: '上期', figures: earlier(0, { crossAppointments: 27, jointSeminarSessions: 20, activityRoomAreaSqm: 790, hospitalsDesignated: 24, volunteerTeams: 36, patrols: 177, villageCompacts: 13, civilizationActivities: 270 }) };
    const twoBefore: Comparison = { name: '上年同期', figures: { ...yearAgo(0), total: { ...yearAgo(0).total, crossAppointments: 56 } } };
    const sentences = sentencesOf(briefingSections(now, [before, twoBefore])).join('');
    expect(sentences).toContain('新增交叉任职村党组织委员0人（上期新增27人，上年同期新增56人）。');
    expect(sentences).toContain('新增党员活动室面积0平方米（上期新增790平方米）');
    // A label that says 新增 already is not given it twice.
    expect(sentences).toContain('新增跨省异地就医定点医院0家（上期新增24家）');
    expect(sentences).toContain('新增志愿服务队伍0个（上期新增36个）');
    expect(sentences).toContain('新增“一约四会”0个（上期新增13个）');
    for (const name of ['crossAppointments', 'activityRoomAreaSqm', 'hospitalsDesignated', 'volunteerTeams', 'villageCompacts'] as const) {
      expect(isStanding(name)).toBe(true);
      expect(sentences).not.toMatch(new RegExp(`${FIGURES[name].label}(减少|增加|持平|（(下降|增长))`));
    }
    // Events keep their comparison: activities, team actions, civilization activities.
    expect(sentences).toContain('与上期（2020年下半年）相比，联合座谈交流减少18场次（下降90%）。');
    expect(sentences).toContain('日常巡逻减少177次（下降100%）');
    expect(sentences).toContain('精神文明建设活动减少270次（下降100%）');
    // A part of standing things alone with none set up now says what was newly set up before, once.
    const keep = briefingSections(now, [before]).flatMap((section) => section.parts).find((part) => part.heading.endsWith('强化工作保障'))!;
    expect(keep.sentences).toEqual(['四川省：新增党员活动室面积0平方米（上期新增790平方米）。']);
  });

  test('a figure and what was newly set up before read in one unit, as the dashboard’s card does (shownUnit): 682.1亿元（上期新增0亿元）', () => {
    // 2021年下半年 of Sichuan as QA printed it: 重大项目总投资 682.1 亿元（上期新增 0 万元）.
    const now = onlySome({ majorProjectInvestmentWan: 6_821_000 });
    const sentences = (before: number, yearBefore?: number) =>
      sentencesOf(briefingSections(now, [
        { name: '上期', figures: earlier(0, { majorProjectInvestmentWan: before }) },
        ...(yearBefore === undefined ? [] : [{ name: '上年同期' as const, figures: { ...yearAgo(0), total: { ...yearAgo(0).total, majorProjectInvestmentWan: yearBefore } } }]),
      ])).join('');
    expect(sentences(0)).toContain('新增重大项目总投资682.1亿元（上期新增0亿元）');
    expect(sentences(0)).not.toMatch(/万元/);
    expect(sentences(500, 1_496_000)).toContain('新增重大项目总投资682.1亿元（上期新增0.05亿元，上年同期新增149.6亿元）');
    // Below 1 亿元 all of them, 万元 all of them.
    const small = sentencesOf(briefingSections(onlySome({ majorProjectInvestmentWan: 1546 }), [{ name: '上期', figures: earlier(0, { majorProjectInvestmentWan: 0 }) }])).join('');
    expect(small).toContain('新增重大项目总投资1546万元（上期新增0万元）');
  });

  test('a standing figure is said once in its part, after 新增 as the dashboard says it, with what was newly set up before in brackets', () => {
    // 2021年第二季度 as QA printed it: 两地合计：交叉任职村党组织委员24人 … 新增交叉任职村党组织委员24人（上期新增32人）, the
    // same figure twice, once without 新增, so a reader took 24 for the number in post.
    const quarter = { ...periodOf(0, [{ ...SICHUAN, figures: { crossAppointments: 12, jointSeminarSessions: 10 } }, { ...TWO_SIDES[1]!, figures: { crossAppointments: 12, jointSeminarSessions: 12 } }]), total: { ...periodOf(0).total, crossAppointments: 24, jointSeminarSessions: 22 } };
    const before: Comparison = { name: '上期', figures: earlier(0, { crossAppointments: 32, jointSeminarSessions: 19 }) };
    const parts = briefingSections(quarter, [before])[0]!.parts;
    expect(parts[0]!.sentences).toEqual(['四川、重庆两地合计：新增交叉任职村党组织委员24人（上期新增32人）。', '其中，四川方面新增交叉任职村党组织委员12人；重庆方面新增交叉任职村党组织委员12人。']);
    expect(parts[1]!.sentences).toEqual(['四川、重庆两地合计：联合座谈交流22场次。', '其中，四川方面联合座谈交流10场次；重庆方面联合座谈交流12场次。', '与上期（2020年下半年）相比，联合座谈交流增加3场次（增长15.8%）。']);
    // No standing figure anywhere without 新增 before it.
    const all = sentencesOf(briefingSections(quarter, [before])).join('');
    expect(all).not.toMatch(/(?<!新增)交叉任职村党组织委员\d/);
    // One side's briefing (重庆市, QA's cqb.pdf): 新增跨省异地就医定点医院12家 said once, not again in a sentence of its own.
    const chongqing = periodOf(0, [{ ...TWO_SIDES[1]!, figures: { hospitalsDesignated: 12, householdRegistrationMoves: 103 } }]);
    const service = briefingSections(chongqing, [{ name: '上期', figures: { ...earlier(0), total: { ...earlier(0).total, hospitalsDesignated: 12, householdRegistrationMoves: 102 } } }])[0]!.parts[0]!;
    expect(service.sentences).toEqual(['重庆市：新增跨省异地就医定点医院12家（上期新增12家）、川渝户口迁移103笔。', '与上期（2020年下半年）相比，川渝户口迁移增加1笔（增长1%）。']);
  });

  test('of one figure, 0 is said of that figure, not 此类指标均为0 (said of several): a part of one figure, or a total that says one; of a standing one 无新增 with its name', () => {
    const two = periodOf(0, [{ ...SICHUAN, figures: { illegalReligionActions: 2, governanceTeams: 14 } }, TWO_SIDES[1]!]);
    const parts = briefingSections(two, []).flatMap((section) => section.parts);
    expect(parts.find((part) => part.heading.endsWith('打击非法活动'))!.sentences.at(-1)).toBe('其中，四川方面打击非法宗教活动2次；重庆方面打击非法宗教活动为0。');
    expect(parts.find((part) => part.heading.endsWith('理顺协调机制'))!.sentences.at(-1)).toBe('其中，四川方面新增社会治理工作队14个；重庆方面无新增社会治理工作队。');
    // A part of several figures of which the total says one: a side without it says that one is 0
    // (QA's 2026年10月1日至12月7日: 两地合计：联合座谈交流3场次。其中，四川方面此类指标均为0).
    const three = periodOf(0, [SICHUAN, { ...TWO_SIDES[1]!, figures: { jointSeminarSessions: 3 } }]);
    const activities = briefingSections({ ...three, total: { ...three.total, jointSeminarSessions: 3 } }, [])[0]!.parts[0]!;
    expect(activities.sentences).toEqual(['四川、重庆两地合计：联合座谈交流3场次。', '其中，四川方面联合座谈交流为0；重庆方面联合座谈交流3场次。']);
    // The period's own sentence of a part of one figure, said for its fall.
    const fell = briefingSections(onlySome({ governanceTeams: 1 }), [{ name: '上期', figures: earlier(0, { securityActions: 42 }) }]).flatMap((section) => section.parts);
    expect(fell.find((part) => part.heading.endsWith('推进平安建设'))!.sentences[0]).toBe('四川省本期联合治安行动为0。');
  });

  test('of two sides, a side without any of the part says so in its part: 0, or not reported', () => {
    const two = periodOf(0, [{ ...SICHUAN, figures: { jointSeminarSessions: 5, trainingPersonTimes: 7 } }, TWO_SIDES[1]!]);
    expect(briefingSections(two, [])[0]!.parts[0]!.sentences.at(-1)).toBe('其中，四川方面联合座谈交流5场次、培训基层干部7人次；重庆方面此类指标均为0。');
    const unreported = periodOf(null, [{ ...SICHUAN, figures: { jointSeminarSessions: 5 } }, TWO_SIDES[1]!]);
    expect(briefingSections(unreported, []).find((section) => section.heading.endsWith('组织联建，构建党建共同体'))!.parts.find((part) => part.heading.endsWith('丰富活动载体'))!.sentences.at(-1)).toBe('其中，四川方面联合座谈交流5场次；重庆方面未上报此类数据。');
  });

  test('of two sides, a ratio’s joint value is said as the weighted mean it is, not as part of the 合计', () => {
    // It read 四川、重庆两地合计：…户均增收1500元, a mean said as a total (the dashboard: 加权平均).
    const two = periodOf(0, [{ ...SICHUAN, figures: { householdsBenefiting: 300, incomePerHouseholdYuan: 1500 } }, TWO_SIDES[1]!]);
    const part = briefingSections(two, []).flatMap((section) => section.parts).find((p) => p.heading.endsWith('引导群众参与'))!;
    expect(part.sentences[0]).toBe('四川、重庆两地合计：新增受益农户300户；两地加权平均户均增收1500元。');
    const meanOnly = periodOf(0, [{ ...SICHUAN, figures: { incomePerHouseholdYuan: 1500 } }, TWO_SIDES[1]!]);
    expect(sentencesOf(briefingSections(meanOnly, []))[0]).toBe('四川、重庆两地加权平均户均增收1500元。');
    // One side's own figure is its own mean: said as before.
    expect(sentencesOf(briefingSections(onlySome({ incomePerHouseholdYuan: 1500 }), []))[0]).toBe('四川省：户均增收1500元。');
  });

  test('a reported figure is said with its catalogue label and unit', () => {
    const sentences = sentencesOf(briefingSections(periodOf(7), [])).join('');
    for (const name of FIGURE_NAMES) expect(sentences).toContain(`${FIGURES[name].label}7${FIGURES[name].unit}`);
  });
});

describe('the opening paragraph', () => {
  test('a period with records says the work went on in every section, and claims no more than that', () => {
    expect(introSentence(periodOf(7))).toBe('2021年上半年，四川毗邻镇村持续推进“邻聚党建”，在组织联建、发展联动、服务联抓、基层联治、文明联创等方面开展工作。现将有关情况简报如下。');
    // A quarter of 3 场次 was said to have 取得新进展 (QA, 2026-12-07): the figures that follow say how much.
    expect(introSentence(onlySome({ jointSeminarSessions: 3 }))).toBe('2021年上半年，四川毗邻镇村持续推进“邻聚党建”，在组织联建方面开展工作。现将有关情况简报如下。');
  });

  test('a period without any record says so, and claims no progress', () => {
    const two = periodOf(0, TWO_SIDES);
    const sentence = introSentence(two);
    // Said plainly (it read 各项指标均为0或未上报 over a table of 0s, which is no longer printed), as a briefing
    // says it: 本期, not the dashboard's 本时间段 (QA, 2026-12-07).
    expect(sentence).toBe('2021年上半年，四川、重庆两地“邻聚党建”本期无记录，不作进展描述，不附指标表。');
    expect(introSentence(periodOf(null))).toBe('2021年上半年，四川未上报“邻聚党建”数据，本期不作进展描述，不附指标表。');
    expect(introSentence(periodOf(null, TWO_SIDES))).toBe('2021年上半年，四川、重庆两地均未上报“邻聚党建”数据，本期不作进展描述，不附指标表。');
  });

  test('names only the sections with a figure above 0 (组织联建 also for an alliance founded), never one whose parts say 0', () => {
    const one = onlySome({ governanceTeams: 17 });
    expect(introSentence(one)).toBe('2021年上半年，四川毗邻镇村持续推进“邻聚党建”，在基层联治方面开展工作。现将有关情况简报如下。');
    const founded = { ...one, alliances: { ...one.alliances, townshipAlliances: 1 } } as typeof one;
    expect(introSentence(founded)).toContain('在组织联建、基层联治等方面开展工作');
    // A section said only for a fall to 0 (its 丰富活动载体: 此类指标均为0, 联合座谈交流减少41场次) is not named in the opening.
    const compared = briefingSections(one, [{ name: '上期', figures: earlier(0, { jointSeminarSessions: 41 }) }]);
    expect(compared.map((section) => section.heading)).toEqual(['一、组织联建，构建党建共同体', '二、基层联治，探索共治新格局']);
    expect(sentencesOf(compared.slice(0, 1))).toContain('四川省本期此类指标均为0。');
    expect(introSentence(one)).not.toContain('组织联建');
  });

  test('a period whose only record is an agreement signed is not called empty (its joint office part says the agreement)', () => {
    const agreed = { ...periodOf(0), agreements: { agreements: 1, signatories: 2, cooperationItems: 4, categories: 3 } };
    expect(introSentence(agreed)).toMatch(/在组织联建方面开展工作/);
    const sections = briefingSections(agreed, []);
    expect(sections.map((section) => [section.heading, section.parts.map((part) => part.heading)])).toEqual([['一、组织联建，构建党建共同体', ['创新组织设置']]]);
    expect(sentencesOf(sections).join('')).toContain('签订框架协议1份（签署镇村2个、合作事项4项、合作类别3类）');
  });
});

describe('the subject', () => {
  test.each([
    ['2021年上半年', '遂潼毗邻地区', ['2021年上半年遂潼毗邻地区', '“邻聚党建”工作情况']],
    ['2021年3月', '遂潼毗邻地区', ['2021年3月遂潼毗邻地区', '“邻聚党建”工作情况']],
    ['2021年下半年', '四川省', ['2021年下半年四川省', '“邻聚党建”工作情况']],
    ['2021年3月15日至2021年5月20日', '遂潼毗邻地区', ['2021年3月15日至2021年5月20日', '遂潼毗邻地区“邻聚党建”工作情况']],
  ])('%s%s is broken between its parts, never inside a word', (period, scope, lines) => {
    expect(subjectLines(period, scope)).toEqual(lines);
  });

  test('a short subject stays on one line', () => {
    expect(subjectLines('2021年', '四川省')).toEqual(['2021年四川省“邻聚党建”工作情况']);
  });
});

describe('the joint office’s sentence', () => {
  test('the agreements signed, what they cover in brackets', () => {
    const period = { ...periodOf(0), alliances: { townshipAlliances: 17, jointVillageOrganizations: 11, industryChainOrganizations: 2, talentAlliances: 0, byKind: [] }, agreements: { agreements: 1, signatories: 2, cooperationItems: 4, categories: 3 } } as unknown as Parameters<typeof briefingSections>[0];
    expect(briefingSections(period, [])[0]!.parts[0]!.sentences[0]).toBe('联合办公室登记：建立毗邻乡镇党建联建17个、毗邻村联村党组织11个、产业链联合党组织2个；签订框架协议1份（签署镇村2个、合作事项4项、合作类别3类）。');
  });
});

describe('the periods compared with', () => {
  test('a period with records is compared with the previous one and a year before, each when it has records', () => {
    expect(briefingComparisons(periodOf(3), earlier(5), yearAgo(7), '上期').map((c) => c.name)).toEqual(['上期', '上年同期']);
    expect(briefingComparisons(periodOf(3), earlier(0), yearAgo(7), '上期').map((c) => c.name)).toEqual(['上年同期']);
    // A year's previous period is the year before: named once, as such.
    expect(briefingComparisons(periodOf(3), yearAgo(7), undefined, '上年同期').map((c) => c.name)).toEqual(['上年同期']);
    // A period longer than a year has no 上年同期: its period before is 上期 still, as its caller names it.
    expect(briefingComparisons(periodOf(3), earlier(5), undefined, '上期').map((c) => c.name)).toEqual(['上期']);
    expect(uncomparedPeriods(periodOf(3), earlier(0), undefined, '上期').map((c) => c.name)).toEqual(['上期']);
    // The caller always names it (writeBriefing knows whether it is the year before): a default guessed
    // from yearAgo called it 上年同期 whenever yearAgo was absent, for a period longer than a year too.
    expectTypeOf(briefingComparisons).parameter(3).toEqualTypeOf<Comparison['name']>();
    expectTypeOf(uncomparedPeriods).parameter(3).toEqualTypeOf<Comparison['name']>();
  });

  test('a period read to compare with and left out for having no record is named, for the note of provenance to say so', () => {
    expect(uncomparedPeriods(periodOf(3), earlier(5), yearAgo(0), '上期')).toEqual([{ name: '上年同期', period: { from: '2020-01-01', to: '2020-06-30' } }]);
    expect(uncomparedPeriods(periodOf(3), earlier(0), yearAgo(7), '上期')).toEqual([{ name: '上期', period: { from: '2020-07-01', to: '2020-12-31' } }]);
    expect(uncomparedPeriods(periodOf(3), earlier(5), yearAgo(7), '上期')).toEqual([]);
    // Without records of its own, the period is compared with nothing, and its note says that instead.
    expect(uncomparedPeriods(periodOf(0), earlier(0), yearAgo(0), '上期')).toEqual([]);
  });

  test('a period without any record is compared with nothing: its sections claim no fall (减少17个（下降100%）) after an opening that claims no progress', () => {
    expect(briefingComparisons(periodOf(0), earlier(5), yearAgo(17), '上期')).toEqual([]);
    expect(briefingComparisons(periodOf(null), yearAgo(17), undefined, '上年同期')).toEqual([]);
    const sentences = sentencesOf(briefingSections(periodOf(0), briefingComparisons(periodOf(0), earlier(5), yearAgo(17), '上期'))).join('');
    expect(sentences).not.toMatch(/减少|下降/);
  });
});
