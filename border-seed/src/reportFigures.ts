import type { FigureName } from '@linju/contract';

/**
 * The figures of the Suining–Tongnan report (seed 000, first half of 2021), joint totals by figure
 * of the catalogue. They are the report's numbers — the specification the seed dataset must
 * reproduce through the gateway — not values read back from the system.
 */
export const SEED_000_FIGURES: Partial<Record<FigureName, number>> = {
  crossAppointments: 56,
  jointSeminarSessions: 41,
  studyExchangePersonTimes: 155,
  trainingPersonTimes: 372,
  idleAssetsConverted: 18,
  jointWarRooms: 15,
  activityRoomAreaSqm: 1650,
  practiceBases: 2,
  industryUnions: 2,
  abandonedLandRevivedMu: 600,
  processingBases: 5,
  collectiveSubsidyWan: 100,
  expectedCollectiveIncomeWan: 178,
  incomePerHouseholdYuan: 1500,
  hospitalsDesignated: 50,
  householdRegistrationMoves: 415,
  pensionTransferPeople: 1120,
  housingFundLoanHouseholds: 69,
  housingFundLoanAmountWan: 1546,
  volunteerTeams: 74,
  policyTalks: 309,
  patrols: 367,
  problemsSolved: 460,
  roadsConnected: 27,
  roadsConnectedKm: 23.75,
  governanceTeams: 64,
  securityActions: 290,
  villageCompacts: 28,
  conventions: 56,
  civilizationActivities: 570,
  festivalEvents: 32,
  illegalReligionActions: 5,
};

/** The alliances of seed 000, founded in its period, by kind (the joint office's figures). */
export const SEED_000_ALLIANCES = { townshipAlliances: 17, jointVillageOrganizations: 11, industryChainOrganizations: 2 };

/** Seed 001 (安居区, 2021-07-01…2023-06-30): the figures of the catalogue it reports, joint totals. */
export const SEED_001_FIGURES: Partial<Record<FigureName, number>> = {
  talentEvents: 10,
  talentsRecruited: 170,
  majorProjects: 30,
  majorProjectInvestmentWan: 12_000_000,
};
