import { FIGURES, type FigureName } from '@linju/contract';
import { amount, type BriefingSection } from '../src/report/briefingText.ts';

/**
 * Seed 000's sections and parts as the report writes them (../shared/seeds/000_*.txt), each part with
 * the figures of SEED_000_FIGURES it says, read from the report's text and not from BRIEFING_SECTIONS:
 * what a briefing of its first half of 2021 must say where. Its 基层联治 has no figure for 开展环境整治
 * (二是), so the briefing's parts of it are 一是理顺协调机制 and 二是推进平安建设.
 */
export const SEED_000_SECTIONS: readonly { heading: string; parts: readonly { heading: string; figures: readonly FigureName[] }[] }[] = [
  {
    heading: '一、组织联建，构建党建共同体',
    parts: [
      { heading: '一是创新组织设置', figures: ['crossAppointments'] },
      { heading: '二是丰富活动载体', figures: ['jointSeminarSessions', 'studyExchangePersonTimes', 'trainingPersonTimes'] },
      { heading: '三是强化工作保障', figures: ['idleAssetsConverted', 'jointWarRooms', 'activityRoomAreaSqm', 'practiceBases'] },
    ],
  },
  {
    heading: '二、发展联动，打造产业示范带',
    parts: [
      { heading: '一是健全合作机制', figures: ['industryUnions', 'abandonedLandRevivedMu', 'processingBases'] },
      { heading: '二是加强政策扶持', figures: ['collectiveSubsidyWan'] },
      { heading: '三是引导群众参与', figures: ['expectedCollectiveIncomeWan', 'incomePerHouseholdYuan'] },
    ],
  },
  {
    heading: '三、服务联抓，织密便民服务网',
    parts: [
      { heading: '一是公共服务共享', figures: ['hospitalsDesignated', 'householdRegistrationMoves', 'pensionTransferPeople', 'housingFundLoanHouseholds', 'housingFundLoanAmountWan'] },
      { heading: '二是基层服务共抓', figures: ['volunteerTeams', 'policyTalks', 'patrols', 'problemsSolved'] },
      { heading: '三是基础设施短板共补', figures: ['roadsConnected', 'roadsConnectedKm'] },
    ],
  },
  {
    heading: '四、基层联治，探索共治新格局',
    parts: [
      { heading: '一是理顺协调机制', figures: ['governanceTeams'] },
      { heading: '二是推进平安建设', figures: ['securityActions'] },
    ],
  },
  {
    heading: '五、文明联创，共绘人文同心圆',
    parts: [
      { heading: '一是倡导文明新风', figures: ['villageCompacts', 'conventions', 'civilizationActivities'] },
      { heading: '二是深化群众交流', figures: ['festivalEvents'] },
      { heading: '三是打击非法活动', figures: ['illegalReligionActions'] },
    ],
  },
];

/**
 * Where each figure of seed 000 is said in a briefing's sections: `section / part` of every part whose
 * sentences hold its phrase (label, value, unit), for a test to compare with {@link SEED_000_SECTIONS}.
 */
export function wherePhrasesAre(sections: readonly BriefingSection[], values: Partial<Record<FigureName, number>>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const phrase = `${FIGURES[name as FigureName].label}${amount(value!, FIGURES[name as FigureName].unit)}`;
      return [name, sections.flatMap((section) => section.parts.filter((part) => part.sentences.join('').includes(phrase)).map((part) => `${section.heading} / ${part.heading}`))];
    }),
  );
}

/** Where {@link SEED_000_SECTIONS} says each figure of seed 000 is, as {@link wherePhrasesAre} gives it. */
export const SEED_000_PLACES: Record<string, string[]> = Object.fromEntries(SEED_000_SECTIONS.flatMap((section) => section.parts.flatMap((part) => part.figures.map((name) => [name, [`${section.heading} / ${part.heading}`]]))));
