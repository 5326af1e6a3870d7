import { FIGURE_NAMES, type FigureName } from './figureCatalogue.ts';

/** A part of a briefing's section, as seed 000 writes them after 一是, 二是, 三是. */
export interface BriefingPartDefinition {
  /** The seed report's words: 创新组织设置. */
  readonly heading: string;
  /** The figures said in this part, in the order said. */
  readonly figures: readonly FigureName[];
  /** The joint office's alliances founded and agreements signed are said here (seed 000: 建立毗邻乡镇党建联建17个… under 创新组织设置). */
  readonly jointOffice?: true;
}

/** A section of the briefing: its lead, the seed report's heading, and its parts. */
export interface BriefingSectionDefinition {
  /** 组织联建，构建党建共同体: the text before the comma names the section in the briefing's opening. */
  readonly lead: string;
  readonly parts: readonly BriefingPartDefinition[];
}

/**
 * The sections of a briefing (简报) and their parts, in the order and words of the report it imitates
 * (seed 000), each part holding figures of the catalogue by name. The briefing's text follows this,
 * not the catalogue's categories, which group the dashboard's cards: the report says 志愿服务队伍 and
 * 断头路 (治理共抓 in the catalogue) under 服务联抓, and 活动交流 and 阵地共建 as parts of 组织联建.
 * Every figure is in exactly one part ({@link checkBriefingSections}, at load): a new figure names
 * its part here. A part without figures (开展环境整治: no figure counts it yet) is the report's too.
 */
export const BRIEFING_SECTIONS = [
  {
    lead: '组织联建，构建党建共同体',
    parts: [
      { heading: '创新组织设置', jointOffice: true, figures: ['crossAppointments', 'talentEvents', 'talentsRecruited'] },
      { heading: '丰富活动载体', figures: ['jointSeminarSessions', 'studyExchangePersonTimes', 'trainingPersonTimes'] },
      { heading: '强化工作保障', figures: ['idleAssetsConverted', 'jointWarRooms', 'activityRoomAreaSqm', 'practiceBases'] },
    ],
  },
  {
    lead: '发展联动，打造产业示范带',
    parts: [
      { heading: '健全合作机制', figures: ['industryUnions', 'abandonedLandRevivedMu', 'processingBases', 'majorProjects', 'majorProjectInvestmentWan'] },
      { heading: '加强政策扶持', figures: ['collectiveSubsidyWan'] },
      { heading: '引导群众参与', figures: ['expectedCollectiveIncomeWan', 'householdsBenefiting', 'incomePerHouseholdYuan'] },
    ],
  },
  {
    lead: '服务联抓，织密便民服务网',
    parts: [
      { heading: '公共服务共享', figures: ['hospitalsDesignated', 'householdRegistrationMoves', 'pensionTransferPeople', 'housingFundLoanHouseholds', 'housingFundLoanAmountWan'] },
      { heading: '基层服务共抓', figures: ['volunteerTeams', 'policyTalks', 'patrols', 'problemsSolved'] },
      { heading: '基础设施短板共补', figures: ['roadsConnected', 'roadsConnectedKm'] },
    ],
  },
  {
    lead: '基层联治，探索共治新格局',
    parts: [
      { heading: '理顺协调机制', figures: ['governanceTeams'] },
      { heading: '开展环境整治', figures: [] },
      { heading: '推进平安建设', figures: ['securityActions'] },
    ],
  },
  {
    lead: '文明联创，共绘人文同心圆',
    parts: [
      { heading: '倡导文明新风', figures: ['villageCompacts', 'conventions', 'civilizationActivities'] },
      { heading: '深化群众交流', figures: ['festivalEvents'] },
      { heading: '打击非法活动', figures: ['illegalReligionActions'] },
    ],
  },
] as const satisfies readonly BriefingSectionDefinition[];

type PlacedFigure = (typeof BRIEFING_SECTIONS)[number]['parts'][number]['figures'][number];
/** A figure of the catalogue in no part fails typecheck here, naming it (and throws at load, below). */
const everyFigurePlaced: [Exclude<FigureName, PlacedFigure>] extends [never] ? true : { unplaced: Exclude<FigureName, PlacedFigure> } = true;
void everyFigurePlaced;

/**
 * Refuses sections in which a figure of the catalogue is in no part or in two, or a part names a
 * figure the catalogue does not have: each would leave a figure unsaid, said twice, or break the
 * briefing. Run at load on {@link BRIEFING_SECTIONS}, and by the briefing on the catalogue as it is
 * then (a figure added at run time must have its part too).
 */
export function checkBriefingSections(sections: readonly BriefingSectionDefinition[] = BRIEFING_SECTIONS, names: readonly string[] = FIGURE_NAMES): void {
  const placed = new Map<string, string[]>();
  for (const section of sections) {
    for (const part of section.parts) {
      for (const name of part.figures) placed.set(name, [...(placed.get(name) ?? []), `${section.lead.split('，')[0]}/${part.heading}`]);
    }
  }
  const problems = [
    ...names.filter((name) => !placed.has(name)).map((name) => `figure ${name} is in no part (name it in one part's figures)`),
    ...[...placed].filter(([, parts]) => parts.length > 1).map(([name, parts]) => `figure ${name} is in ${parts.length} parts (${parts.join(', ')})`),
    ...[...placed.keys()].filter((name) => !names.includes(name)).map((name) => `${placed.get(name)!.join(', ')} names ${name}, which is not a figure of the catalogue`),
  ];
  if (problems.length) throw new Error(`BRIEFING_SECTIONS: ${problems.join('; ')}`);
}

checkBriefingSections();

/**
 * Every figure in the briefing's order, section by section and part by part: its 附表 and 统计口径 list
 * follow its text, so a reader going from a sentence to its row finds the rows in the order said.
 */
export const briefingFigureNames = (): FigureName[] => (BRIEFING_SECTIONS as readonly BriefingSectionDefinition[]).flatMap((section) => section.parts.flatMap((part) => [...part.figures]));
