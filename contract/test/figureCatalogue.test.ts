import { parse, Kind, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, test } from 'vitest';
import { combineFigures, defineFigure, definitionText, FIGURE_CATEGORIES, FIGURE_NAMES, FIGURE_SOURCES, FIGURES, figureFromRecords, figureOf, figurePartNames, figurePartsFromRecords, figuresSdl, isAdditive, isStanding, kindsSumming, ratioOf, TALENT_ACTIVITY_KINDS, talentActivityKinds, VOCABULARY, weightOf, type FigureDefinition, type FigureParts } from '../src/index.ts';

const figures = (values: Partial<FigureParts>): FigureParts => Object.fromEntries(figurePartNames().map((f) => [f, (values as Record<string, number | null>)[f] ?? 0])) as FigureParts;

describe('the figure catalogue', () => {
  test('every figure names a category of the report, a kind of its source’s vocabulary and a column its source has', () => {
    for (const name of FIGURE_NAMES) {
      const figure = figureOf(name);
      expect(FIGURE_CATEGORIES).toContain(figure.category);
      const source = FIGURE_SOURCES[figure.source];
      const filter = figure.filter as { kind?: string; flag?: string };
      if (filter.kind) expect(VOCABULARY[(source as { kind: { vocabulary: keyof typeof VOCABULARY } }).kind.vocabulary]).toContain(filter.kind);
      expect(figure.label).not.toMatch(/（|\(/);
      expect(figure.unit.length).toBeGreaterThan(0);
    }
  });

  test('a kind outside its source’s vocabulary, or a column its source lacks, fails typecheck and throws', () => {
    const patrols = { label: '联合巡逻', labelEn: 'Joint patrols', unit: '次', unitEn: 'patrols', category: '治理共抓', source: 'teamAction' } as const;
    expect(defineFigure({ ...patrols, filter: { kind: '日常巡逻' }, measure: { sum: 'occurrences' } }).source).toBe('teamAction');
    // @ts-expect-error: a misspelled kind (巡罗) is not a team action kind of the vocabulary
    expect(() => defineFigure({ ...patrols, filter: { kind: '日常巡罗' }, measure: 'count' })).toThrow(/日常巡罗 is not a kind of team actions/);
    // @ts-expect-error: team actions have no length column
    expect(() => defineFigure({ ...patrols, filter: { kind: '日常巡逻' }, measure: { sum: 'length_km' } })).toThrow(/no column length_km/);
  });

  test('a source’s standing kinds are kinds of its vocabulary; figures of things set up are standing, of events not', () => {
    for (const source of Object.values(FIGURE_SOURCES) as { kind?: { vocabulary: keyof typeof VOCABULARY }; standing?: true | { kinds: readonly string[] } }[]) {
      if (typeof source.standing === 'object') for (const kind of source.standing.kinds) expect(VOCABULARY[source.kind!.vocabulary]).toContain(kind);
    }
    const standing = FIGURE_NAMES.filter(isStanding);
    expect(standing).toEqual(expect.arrayContaining(['crossAppointments', 'activityRoomAreaSqm', 'volunteerTeams', 'roadsConnected', 'villageCompacts', 'conventions']));
    for (const name of ['jointSeminarSessions', 'patrols', 'securityActions', 'civilizationActivities', 'festivalEvents', 'incomePerHouseholdYuan'] as const) expect(standing).not.toContain(name);
  });

  test('every category of the report has figures', () => {
    for (const category of FIGURE_CATEGORIES) expect(FIGURE_NAMES.filter((n) => FIGURES[n].category === category).length).toBeGreaterThan(0);
  });

  test('labels are unique, so a card and a chart can never disagree on what a name means', () => {
    expect(new Set(FIGURE_NAMES.map((n) => FIGURES[n].label)).size).toBe(FIGURE_NAMES.length);
  });

  test('the SDL has one described field per figure, typed by its measure, and the list of values', () => {
    const type = parse(figuresSdl()).definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'JurisdictionFigures')!;
    const fields = new Map(type.fields!.map((f) => [f.name.value, f]));
    // Each ratio is followed by its weighted sum, which the joint total recomputes its mean from.
    expect([...fields.keys()]).toEqual([...FIGURE_NAMES.flatMap((name) => (name === 'incomePerHouseholdYuan' ? [name, 'incomePerHouseholdYuanWeightedSum'] : [name])), 'values']);
    expect(fields.get('crossAppointments')!.description!.value).toBe('交叉任职村党组织委员（人）/ Cross-appointed village committee members (people)');
    expect(fields.get('activityRoomAreaSqm')!.type.kind).toBe(Kind.NON_NULL_TYPE);
    expect(fields.get('incomePerHouseholdYuan')!.type.kind).toBe(Kind.NAMED_TYPE);
    expect(fields.get('incomePerHouseholdYuanWeightedSum')!.type.kind).toBe(Kind.NON_NULL_TYPE);
    expect(fields.get('incomePerHouseholdYuanWeightedSum')!.description!.value).toMatch(/^户均增收的加权和（各条记录的户均增收×受益农户之和，元×户，未舍入；合计的户均增收由各方的加权和与受益农户重算，只舍入一次）/);
  });

  test('a ratio is not additive and is weighted by a figure of the same records', () => {
    expect(isAdditive('incomePerHouseholdYuan')).toBe(false);
    expect(weightOf('incomePerHouseholdYuan')).toBe('householdsBenefiting');
    expect(FIGURE_NAMES.filter((n) => !isAdditive(n))).toEqual(['incomePerHouseholdYuan']);
    expect(definitionText('incomePerHouseholdYuan')).toContain('加权平均');
    expect(definitionText('jointSeminarSessions')).toBe('类型为“座谈交流”的活动记录的场次之和');
    expect(definitionText('crossAppointments')).toBe('由另一方人员担任的职务记录的条数');
  });
});

describe('the joint total is derived from the sides’ parts', () => {
  test('counts and sums add up; per-household income is weighted by households', () => {
    const total = combineFigures([
      figures({ crossAppointments: 29, roadsConnectedKm: 12.4, householdsBenefiting: 100, incomePerHouseholdYuan: 1000, incomePerHouseholdYuanWeightedSum: 100_000 }),
      figures({ crossAppointments: 27, roadsConnectedKm: 11.35, householdsBenefiting: 300, incomePerHouseholdYuan: 2000, incomePerHouseholdYuanWeightedSum: 600_000 }),
    ])!;
    expect(total.crossAppointments).toBe(56);
    expect(total.roadsConnectedKm).toBe(23.75);
    expect(total.householdsBenefiting).toBe(400);
    expect(total.incomePerHouseholdYuan).toBe(1750);
    expect(total.incomePerHouseholdYuanWeightedSum).toBe(700_000);
  });

  test('a ratio’s joint mean is recomputed from the sides’ weighted sums and rounded once, not from their rounded means', () => {
    // The QA case: Sichuan 121 households at 1500 and 100 at 3000 (mean 2178.733…, said 2178.73),
    // Chongqing 123 at 1500. From the records: 666000 / 344 = 1936.0465…, i.e. 1936.05; from the
    // rounded mean, 2178.73 × 221 + 1500 × 123 = 665999.33, / 344 = 1936.04.
    const sichuan = figures({ householdsBenefiting: 221, incomePerHouseholdYuan: 2178.73, incomePerHouseholdYuanWeightedSum: 481_500 });
    const chongqing = figures({ householdsBenefiting: 123, incomePerHouseholdYuan: 1500, incomePerHouseholdYuanWeightedSum: 184_500 });
    expect(combineFigures([sichuan, chongqing])!.incomePerHouseholdYuan).toBe(1936.05);
    // The same parts the other way round, and beside a third side without such records, give the same mean.
    expect(combineFigures([chongqing, sichuan])!.incomePerHouseholdYuan).toBe(1936.05);
    const none = figures({ incomePerHouseholdYuan: null });
    expect(combineFigures([sichuan, none, chongqing])!.incomePerHouseholdYuan).toBe(1936.05);
  });

  test('a mean of exactly half a cent is rounded up, as its records say, not down by a float’s error', () => {
    // 2.01 yuan over 2 households is 1.005: 1.01 (2.01 / 2 in floating point is 1.00499…).
    expect(ratioOf(2.01, 2)).toBe(1.01);
    expect(ratioOf(0.29, 2)).toBe(0.15);
    const total = combineFigures([
      figures({ householdsBenefiting: 1, incomePerHouseholdYuan: 1, incomePerHouseholdYuanWeightedSum: 1 }),
      figures({ householdsBenefiting: 1, incomePerHouseholdYuan: 1.01, incomePerHouseholdYuanWeightedSum: 1.01 }),
    ])!;
    expect(total.incomePerHouseholdYuan).toBe(1.01);
  });

  test('a side’s part without a ratio’s weighted sum gives no total recomputed from its rounded mean', () => {
    const { incomePerHouseholdYuanWeightedSum: _, ...withoutSum } = figures({ householdsBenefiting: 221, incomePerHouseholdYuan: 2178.73 });
    expect(() => combineFigures([withoutSum as FigureParts, figures({})])).toThrow(/incomePerHouseholdYuanWeightedSum/);
  });

  test('a ratio with no weight on any side is null, not zero', () => {
    expect(combineFigures([figures({ incomePerHouseholdYuan: null }), figures({ incomePerHouseholdYuan: null })])!.incomePerHouseholdYuan).toBeNull();
  });

  test('no total is claimed while a side’s part is missing', () => {
    expect(combineFigures([figures({ crossAppointments: 1 }), null])).toBeNull();
  });
});

describe('figures from record objects follow the same rules as the SQL', () => {
  const always = () => true;
  test('a count by kind, a sum of a column, a flag, a cross-border holder and a weighted mean', () => {
    const activities = [
      { kind: '座谈交流', heldOn: new Date(), sessions: 2 },
      { kind: '座谈交流', heldOn: new Date(), sessions: 3 },
      { kind: '培训', heldOn: new Date(), sessions: 9 },
    ];
    expect(figureFromRecords('jointSeminarSessions', activities, 'sichuan', always)).toBe(5);
    expect(figureFromRecords('idleAssetsConverted', [{ openedOn: new Date(), convertedFromIdle: true }, { openedOn: new Date(), convertedFromIdle: false }], 'sichuan', always)).toBe(1);
    expect(figureFromRecords('crossAppointments', [{ startedOn: new Date(), holderId: 'chongqing:Person:1' }, { startedOn: new Date(), holderId: 'sichuan:Person:2' }], 'sichuan', always)).toBe(1);
    const projects = [
      { kind: '集体经济项目', startedOn: new Date(), householdsBenefiting: 100, incomePerHouseholdYuan: 1000 },
      { kind: '集体经济项目', startedOn: new Date(), householdsBenefiting: 300, incomePerHouseholdYuan: 2000 },
    ];
    expect(figureFromRecords('incomePerHouseholdYuan', projects, 'sichuan', always)).toBe(1750);
    expect(figureFromRecords('incomePerHouseholdYuan', [], 'sichuan', always)).toBeNull();
  });

  test('a side’s part carries each ratio’s weighted sum, from which the joint mean is recomputed', () => {
    const sichuan = [
      { kind: '集体经济项目', startedOn: new Date(), householdsBenefiting: 121, incomePerHouseholdYuan: 1500 },
      { kind: '集体经济项目', startedOn: new Date(), householdsBenefiting: 100, incomePerHouseholdYuan: 3000 },
    ];
    const chongqing = [{ kind: '集体经济项目', startedOn: new Date(), householdsBenefiting: 123, incomePerHouseholdYuan: 1500 }];
    const part = (records: Record<string, unknown>[], side: string) => figurePartsFromRecords((source) => (source === 'project' ? records : []), side, always);
    expect(part(sichuan, 'sichuan')).toMatchObject({ householdsBenefiting: 221, incomePerHouseholdYuan: 2178.73, incomePerHouseholdYuanWeightedSum: 481_500 });
    expect(combineFigures([part(sichuan, 'sichuan'), part(chongqing, 'chongqing')])!.incomePerHouseholdYuan).toBe(1936.05);
  });
});

describe('the kinds a column counts under', () => {
  test('引进人才 counts for 引才活动 only, which writes then require of it', () => {
    expect(TALENT_ACTIVITY_KINDS).toEqual(['引才活动']);
  });

  test('a column some figure sums whatever the kind, or none sums, has no such kinds', () => {
    // 人次 is summed for 互派学习 and for 培训 (two kinds); a service case's people for every kind it has.
    expect(kindsSumming('activity', 'person_times')).toEqual(expect.arrayContaining(['互派学习']));
    expect(kindsSumming('activity', 'title')).toBeUndefined();
  });

  test('should a figure sum 引进人才 whatever the kind, or none sum it, every activity kind takes it (none refused)', () => {
    const catalogue = FIGURE_NAMES.map(figureOf);
    // The catalogue's own 引进人才, counted on every activity rather than on 引才活动 only. Its types allow
    // no such figure today (an activity figure names a kind: activities have no flags), so it is made by hand.
    const onEveryKind: FigureDefinition = { ...figureOf('talentsRecruited'), label: '引进人才（全部活动）', filter: {} as FigureDefinition['filter'] };
    expect(talentActivityKinds(catalogue)).toEqual(TALENT_ACTIVITY_KINDS);
    expect(talentActivityKinds([...catalogue, onEveryKind])).toEqual(VOCABULARY.activityKind);
    expect(talentActivityKinds(catalogue.filter((figure) => figure !== figureOf('talentsRecruited')))).toEqual(VOCABULARY.activityKind);
    expect(VOCABULARY.activityKind.length).toBeGreaterThan(TALENT_ACTIVITY_KINDS.length);
  });
});

