/**
 * The figures of DOMAIN.md's seed-000 table (Suining–Tongnan, first half of 2021), by the field
 * that reports each in `JurisdictionFigures`. These are the report's numbers — the specification
 * the seed dataset must reproduce through the gateway — not values read back from the system.
 */
export const H1_2021 = { from: '2021-01-01', to: '2021-06-30' };

export const SEED_000_TOTALS: Record<string, number> = {
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

export const SEED_000_ALLIANCES = { townshipAlliances: 17, jointVillageOrganizations: 11, industryChainOrganizations: 2 };
