/** Field names of `JurisdictionFigures` the dashboard shows (the `HeadlineFigures` fragment). */
export type FigureField =
  | 'crossAppointments' | 'jointSeminarSessions' | 'studyExchangePersonTimes' | 'trainingPersonTimes'
  | 'idleAssetsConverted' | 'jointWarRooms' | 'activityRoomAreaSqm' | 'practiceBases'
  | 'industryUnions' | 'abandonedLandRevivedMu' | 'processingBases' | 'collectiveSubsidyWan' | 'expectedCollectiveIncomeWan' | 'incomePerHouseholdYuan'
  | 'hospitalsDesignated' | 'householdRegistrationMoves' | 'pensionTransferPeople' | 'housingFundLoanHouseholds' | 'housingFundLoanAmountWan'
  | 'volunteerTeams' | 'policyTalks' | 'patrols' | 'problemsSolved' | 'roadsConnected' | 'roadsConnectedKm' | 'governanceTeams' | 'securityActions'
  | 'villageCompacts' | 'conventions' | 'civilizationActivities' | 'festivalEvents' | 'illegalReligionActions';

export type JurisdictionFigures = Record<FigureField, number | null>;

/** One headline figure: a field of each side's figures, its label and unit as the reports print them. */
export interface HeadlineFigure {
  readonly field: FigureField;
  readonly label: string;
  readonly unit: string;
}

/** A group of figures, in the order of the Suining–Tongnan report (seed 000). */
export interface FigureGroup {
  readonly title: string;
  readonly figures: readonly HeadlineFigure[];
}

const figure = (field: FigureField, label: string, unit: string): HeadlineFigure => ({ field, label, unit });

/** Every figure of the seed table that each side reports, grouped as the report groups them. */
export const FIGURE_GROUPS: readonly FigureGroup[] = [
  {
    title: '组织联建',
    figures: [figure('crossAppointments', '交叉任职村党组织委员', '人')],
  },
  {
    title: '活动交流',
    figures: [
      figure('jointSeminarSessions', '联合座谈交流', '场'),
      figure('studyExchangePersonTimes', '互派学习', '人次'),
      figure('trainingPersonTimes', '培训基层干部', '人次'),
    ],
  },
  {
    title: '阵地共建',
    figures: [
      figure('idleAssetsConverted', '改建闲置资产', '个'),
      figure('jointWarRooms', '联合作战室', '个'),
      figure('activityRoomAreaSqm', '党员活动室面积', '平方米'),
      figure('practiceBases', '实践基地', '个'),
    ],
  },
  {
    title: '产业共兴',
    figures: [
      figure('industryUnions', '产业联合社', '个'),
      figure('abandonedLandRevivedMu', '盘活撂荒地', '亩'),
      figure('processingBases', '初加工基地', '个'),
      figure('collectiveSubsidyWan', '集体经济定额补助', '万元'),
      figure('expectedCollectiveIncomeWan', '预计集体收入', '万元'),
      figure('incomePerHouseholdYuan', '户均增收', '元'),
    ],
  },
  {
    title: '川渝通办',
    figures: [
      figure('hospitalsDesignated', '新增异地就医定点医院', '家'),
      figure('householdRegistrationMoves', '户口迁移', '笔'),
      figure('pensionTransferPeople', '养老保险关系转移', '人'),
      figure('housingFundLoanHouseholds', '公积金互认互贷', '户'),
      figure('housingFundLoanAmountWan', '公积金互认互贷金额', '万元'),
    ],
  },
  {
    title: '治理共抓',
    figures: [
      figure('volunteerTeams', '志愿服务队伍', '个'),
      figure('policyTalks', '政策宣传', '次'),
      figure('patrols', '日常巡逻', '次'),
      figure('problemsSolved', '解决难题', '个'),
      figure('roadsConnected', '打通断头路', '条'),
      figure('roadsConnectedKm', '断头路里程', '公里'),
      figure('governanceTeams', '社会治理工作队', '个'),
      figure('securityActions', '联合治安行动', '次'),
    ],
  },
  {
    title: '文明共创',
    figures: [
      figure('villageCompacts', '“一约四会”', '个'),
      figure('conventions', '制度公约', '个'),
      figure('civilizationActivities', '精神文明建设活动', '次'),
      figure('festivalEvents', '节庆文体活动', '次'),
      figure('illegalReligionActions', '打击非法宗教活动', '次'),
    ],
  },
];
