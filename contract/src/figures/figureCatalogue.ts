import { VOCABULARY } from '../vocabulary.ts';
import { FIGURE_SOURCES, type FigureSource, type SourceName } from './figureSources.ts';

/**
 * The categories of the figures, by which the dashboard groups its cards. The briefing's sections
 * follow the report's own (seed 000) instead: BRIEFING_SECTIONS (briefingSections.ts).
 */
export const FIGURE_CATEGORIES = ['组织联建', '活动交流', '阵地共建', '产业共兴', '川渝通办', '治理共抓', '文明共创'] as const;
export type FigureCategory = (typeof FIGURE_CATEGORIES)[number];

/** English names of the categories, for docs and English descriptions. */
export const FIGURE_CATEGORIES_EN: Record<FigureCategory, string> = {
  组织联建: 'Joint organizations',
  活动交流: 'Joint activities',
  阵地共建: 'Shared facilities',
  产业共兴: 'Shared industry',
  川渝通办: 'Cross-border services',
  治理共抓: 'Joint governance',
  文明共创: 'Shared civility',
};

type Sources = typeof FIGURE_SOURCES;
type KindOf<S extends SourceName> = Sources[S] extends { kind: { vocabulary: infer V extends keyof typeof VOCABULARY } } ? (typeof VOCABULARY)[V][number] : never;
type ColumnOf<S extends SourceName> = keyof Sources[S]['columns'] & string;
type FlagOf<S extends SourceName> = Sources[S] extends { flags: infer F } ? keyof F & string : never;

/** Which records of the source a figure counts: those of one kind, those flagged, or (posts) those held across the border. */
export type FigureFilter<S extends SourceName> =
  | { readonly kind: KindOf<S> }
  | { readonly flag: FlagOf<S> }
  | (S extends 'post' ? { readonly heldAcrossBorder: true } : never);

/**
 * What a figure is of the records it selects: their number, the sum of a column, or the mean of a
 * column weighted by another figure of the same records (a ratio: never summed across sides).
 */
export type FigureMeasure<S extends SourceName> =
  | 'count'
  | { readonly sum: ColumnOf<S> }
  | { readonly weightedMean: ColumnOf<S>; readonly weightedBy: string };

export interface FigureDefinition<S extends SourceName = SourceName> {
  /** As the reports print it. */
  readonly label: string;
  readonly labelEn: string;
  readonly unit: string;
  readonly unitEn: string;
  readonly category: FigureCategory;
  readonly source: S;
  readonly filter: FigureFilter<S>;
  readonly measure: FigureMeasure<S>;
}

/**
 * One entry of the catalogue, typed by its source: a kind or column its source does not have fails
 * typecheck, and (for an entry built at run time) throws.
 */
export const defineFigure = <S extends SourceName>(definition: FigureDefinition<S> & { source: S; filter: FigureFilter<NoInfer<S>>; measure: FigureMeasure<NoInfer<S>> }) => {
  const source = FIGURE_SOURCES[definition.source] as FigureSource;
  const filter = definition.filter as { kind?: string; flag?: string };
  const measure = definition.measure as { sum?: string; weightedMean?: string };
  const kinds: readonly string[] = source.kind ? VOCABULARY[source.kind.vocabulary] : [];
  if (filter.kind !== undefined && !kinds.includes(filter.kind)) throw new Error(`Figure “${definition.label}”: ${filter.kind} is not a kind of ${source.labelEn} (${kinds.join(', ')})`);
  if (filter.flag !== undefined && !(filter.flag in (source.flags ?? {}))) throw new Error(`Figure “${definition.label}”: ${source.labelEn} have no flag ${filter.flag}`);
  const column = measure.sum ?? measure.weightedMean;
  if (column !== undefined && !(column in source.columns)) throw new Error(`Figure “${definition.label}”: ${source.labelEn} have no column ${column}`);
  if (!(FIGURE_CATEGORIES as readonly string[]).includes(definition.category)) throw new Error(`Figure “${definition.label}”: no category ${definition.category}`);
  return definition;
};

/**
 * Every figure each jurisdiction reports, once. The `JurisdictionFigures` SDL and its descriptions,
 * each side's SQL, the joint total (`@requires` and its arithmetic), the dashboard's labels and the
 * seed check are all derived from this list. A new figure is one entry here, and its name in the
 * part of BRIEFING_SECTIONS (briefingSections.ts) the briefing says it in; `npm run schema:compose`
 * then regenerates the SDL files. See docs/maintaining-a-subgraph.md#a-new-figure.
 */
export const FIGURES = {
  crossAppointments: defineFigure({
    label: '交叉任职村党组织委员', labelEn: 'Cross-appointed village committee members', unit: '人', unitEn: 'people',
    category: '组织联建', source: 'post', filter: { heldAcrossBorder: true }, measure: 'count',
  }),
  talentEvents: defineFigure({
    label: '引才活动', labelEn: 'Talent recruitment events', unit: '场', unitEn: 'events',
    category: '组织联建', source: 'activity', filter: { kind: '引才活动' }, measure: 'count',
  }),
  talentsRecruited: defineFigure({
    label: '引进人才', labelEn: 'Talents recruited', unit: '人', unitEn: 'people',
    category: '组织联建', source: 'activity', filter: { kind: '引才活动' }, measure: { sum: 'talents_recruited' },
  }),
  jointSeminarSessions: defineFigure({
    label: '联合座谈交流', labelEn: 'Joint seminars', unit: '场次', unitEn: 'sessions',
    category: '活动交流', source: 'activity', filter: { kind: '座谈交流' }, measure: { sum: 'sessions' },
  }),
  studyExchangePersonTimes: defineFigure({
    label: '互派学习', labelEn: 'Study exchanges', unit: '人次', unitEn: 'person-times',
    category: '活动交流', source: 'activity', filter: { kind: '互派学习' }, measure: { sum: 'person_times' },
  }),
  trainingPersonTimes: defineFigure({
    label: '培训基层干部', labelEn: 'Cadre training', unit: '人次', unitEn: 'person-times',
    category: '活动交流', source: 'activity', filter: { kind: '培训' }, measure: { sum: 'person_times' },
  }),
  idleAssetsConverted: defineFigure({
    label: '改建闲置资产', labelEn: 'Idle assets converted', unit: '个', unitEn: 'assets',
    category: '阵地共建', source: 'facility', filter: { flag: 'converted_from_idle' }, measure: 'count',
  }),
  jointWarRooms: defineFigure({
    label: '联合作战室', labelEn: 'Joint war rooms', unit: '个', unitEn: 'rooms',
    category: '阵地共建', source: 'facility', filter: { kind: '联合作战室' }, measure: 'count',
  }),
  activityRoomAreaSqm: defineFigure({
    label: '党员活动室面积', labelEn: 'Party activity-room area', unit: '平方米', unitEn: 'm²',
    category: '阵地共建', source: 'facility', filter: { kind: '党员活动室' }, measure: { sum: 'area_sqm' },
  }),
  practiceBases: defineFigure({
    label: '实践基地', labelEn: 'Practice bases', unit: '个', unitEn: 'bases',
    category: '阵地共建', source: 'facility', filter: { kind: '实践基地' }, measure: 'count',
  }),
  industryUnions: defineFigure({
    label: '产业联合社', labelEn: 'Joint industry unions', unit: '个', unitEn: 'unions',
    category: '产业共兴', source: 'project', filter: { kind: '产业联合社' }, measure: 'count',
  }),
  abandonedLandRevivedMu: defineFigure({
    label: '盘活撂荒地', labelEn: 'Abandoned land revived', unit: '亩', unitEn: 'mu',
    category: '产业共兴', source: 'project', filter: { kind: '撂荒地复垦' }, measure: { sum: 'land_mu' },
  }),
  processingBases: defineFigure({
    label: '初加工基地', labelEn: 'Processing bases', unit: '个', unitEn: 'bases',
    category: '产业共兴', source: 'project', filter: { kind: '初加工基地' }, measure: 'count',
  }),
  collectiveSubsidyWan: defineFigure({
    label: '集体经济定额补助', labelEn: 'Collective-economy subsidy', unit: '万元', unitEn: '10k yuan',
    category: '产业共兴', source: 'project', filter: { kind: '集体经济项目' }, measure: { sum: 'subsidy_wan' },
  }),
  expectedCollectiveIncomeWan: defineFigure({
    label: '预计集体收入', labelEn: 'Expected collective income', unit: '万元', unitEn: '10k yuan',
    category: '产业共兴', source: 'project', filter: { kind: '集体经济项目' }, measure: { sum: 'expected_income_wan' },
  }),
  householdsBenefiting: defineFigure({
    label: '受益农户', labelEn: 'Households benefiting from collective-economy projects', unit: '户', unitEn: 'households',
    category: '产业共兴', source: 'project', filter: { kind: '集体经济项目' }, measure: { sum: 'households_benefiting' },
  }),
  incomePerHouseholdYuan: defineFigure({
    label: '户均增收', labelEn: 'Income increase per household', unit: '元', unitEn: 'yuan',
    category: '产业共兴', source: 'project', filter: { kind: '集体经济项目' },
    measure: { weightedMean: 'income_per_household_yuan', weightedBy: 'householdsBenefiting' },
  }),
  majorProjects: defineFigure({
    label: '重大项目', labelEn: 'Major projects', unit: '个', unitEn: 'projects',
    category: '产业共兴', source: 'project', filter: { kind: '重大项目' }, measure: 'count',
  }),
  majorProjectInvestmentWan: defineFigure({
    label: '重大项目总投资', labelEn: "Major projects' investment", unit: '万元', unitEn: '10k yuan',
    category: '产业共兴', source: 'project', filter: { kind: '重大项目' }, measure: { sum: 'investment_wan' },
  }),
  hospitalsDesignated: defineFigure({
    label: '新增跨省异地就医定点医院', labelEn: 'Hospitals newly designated for cross-province settlement', unit: '家', unitEn: 'hospitals',
    category: '川渝通办', source: 'facility', filter: { kind: '异地就医定点医院' }, measure: 'count',
  }),
  householdRegistrationMoves: defineFigure({
    label: '川渝户口迁移', labelEn: 'Household-registration moves', unit: '笔', unitEn: 'cases',
    category: '川渝通办', source: 'serviceCase', filter: { kind: '户口迁移' }, measure: 'count',
  }),
  pensionTransferPeople: defineFigure({
    label: '养老保险关系转移', labelEn: 'Pension transfers', unit: '人', unitEn: 'people',
    category: '川渝通办', source: 'serviceCase', filter: { kind: '养老保险转移' }, measure: { sum: 'people' },
  }),
  housingFundLoanHouseholds: defineFigure({
    label: '公积金互认互贷', labelEn: 'Housing-fund loans', unit: '户', unitEn: 'households',
    category: '川渝通办', source: 'serviceCase', filter: { kind: '公积金互认互贷' }, measure: { sum: 'households' },
  }),
  housingFundLoanAmountWan: defineFigure({
    label: '公积金互认互贷金额', labelEn: 'Housing-fund loan amount', unit: '万元', unitEn: '10k yuan',
    category: '川渝通办', source: 'serviceCase', filter: { kind: '公积金互认互贷' }, measure: { sum: 'amount_wan' },
  }),
  volunteerTeams: defineFigure({
    label: '志愿服务队伍', labelEn: 'Volunteer teams', unit: '个', unitEn: 'teams',
    category: '治理共抓', source: 'team', filter: { kind: '志愿服务队' }, measure: 'count',
  }),
  policyTalks: defineFigure({
    label: '政策宣传', labelEn: 'Policy talks', unit: '次', unitEn: 'talks',
    category: '治理共抓', source: 'teamAction', filter: { kind: '政策宣讲' }, measure: { sum: 'occurrences' },
  }),
  patrols: defineFigure({
    label: '日常巡逻', labelEn: 'Patrols', unit: '次', unitEn: 'patrols',
    category: '治理共抓', source: 'teamAction', filter: { kind: '日常巡逻' }, measure: { sum: 'occurrences' },
  }),
  problemsSolved: defineFigure({
    label: '解决难题', labelEn: 'Problems solved', unit: '个', unitEn: 'problems',
    category: '治理共抓', source: 'teamAction', filter: { kind: '解决难题' }, measure: { sum: 'occurrences' },
  }),
  roadsConnected: defineFigure({
    label: '打通断头路', labelEn: 'Dead-end roads connected', unit: '条', unitEn: 'roads',
    category: '治理共抓', source: 'transportLink', filter: { kind: '断头路' }, measure: 'count',
  }),
  roadsConnectedKm: defineFigure({
    label: '打通断头路里程', labelEn: 'Dead-end roads connected, length', unit: '公里', unitEn: 'km',
    category: '治理共抓', source: 'transportLink', filter: { kind: '断头路' }, measure: { sum: 'length_km' },
  }),
  governanceTeams: defineFigure({
    label: '社会治理工作队', labelEn: 'Joint governance teams', unit: '个', unitEn: 'teams',
    category: '治理共抓', source: 'team', filter: { kind: '社会治理工作队' }, measure: 'count',
  }),
  securityActions: defineFigure({
    label: '联合治安行动', labelEn: 'Joint security actions', unit: '次', unitEn: 'actions',
    category: '治理共抓', source: 'teamAction', filter: { kind: '联合治安行动' }, measure: { sum: 'occurrences' },
  }),
  villageCompacts: defineFigure({
    label: '“一约四会”', labelEn: 'Village compacts and councils (一约四会)', unit: '个', unitEn: 'compacts',
    category: '文明共创', source: 'civilizationRecord', filter: { kind: '一约四会' }, measure: 'count',
  }),
  conventions: defineFigure({
    label: '制度公约', labelEn: 'Conventions', unit: '个', unitEn: 'conventions',
    category: '文明共创', source: 'civilizationRecord', filter: { kind: '公约' }, measure: 'count',
  }),
  civilizationActivities: defineFigure({
    label: '精神文明建设活动', labelEn: 'Civilization activities', unit: '次', unitEn: 'activities',
    category: '文明共创', source: 'civilizationRecord', filter: { kind: '文明实践活动' }, measure: { sum: 'occurrences' },
  }),
  festivalEvents: defineFigure({
    label: '节庆文体活动', labelEn: 'Festival events', unit: '次', unitEn: 'events',
    category: '文明共创', source: 'civilizationRecord', filter: { kind: '节庆文体活动' }, measure: { sum: 'occurrences' },
  }),
  illegalReligionActions: defineFigure({
    label: '打击非法宗教活动', labelEn: 'Actions against illegal religious activity', unit: '次', unitEn: 'actions',
    category: '文明共创', source: 'civilizationRecord', filter: { kind: '打击非法宗教活动' }, measure: { sum: 'occurrences' },
  }),
} as const;

export type FigureName = keyof typeof FIGURES;

/** The figures in catalogue order. */
export const FIGURE_NAMES = Object.keys(FIGURES) as FigureName[];

/** A side's figures, or the joint total: every figure by name; a ratio is null when it has no weight. */
export type FigureValues = Record<FigureName, number | null>;

/**
 * The field beside a ratio that carries its weighted sum (`incomePerHouseholdYuanWeightedSum`):
 * `weightedSumOf` in figureRules.ts. Only ratios have one (which figures are ratios is known when the
 * catalogue is read, `weightOf`, not by type).
 */
export type WeightedSumName = `${FigureName}WeightedSum`;

/**
 * A side's figures as the joint total is made from them, and the joint total: every figure, and each
 * ratio's weighted sum (value × weight over its records, unrounded: to the cent the stores keep), from
 * which the joint mean is recomputed and rounded once (`combineFigures`, which refuses a part
 * without one).
 */
export type FigureParts = FigureValues & Partial<Record<WeightedSumName, number>>;
