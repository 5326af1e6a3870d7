// Browser-safe (no imports): the dashboard's form and the ledger's templates follow the writes' own bounds.

/**
 * Upper bounds of the figures a clerk records: far above anything in the seed reports (the largest
 * single project is 535 亿元 = 5 350 000 万元), low enough to catch a figure typed in the wrong
 * unit or with extra zeros.
 */
export const MAX = {
  sessions: 1_000,
  personTimes: 1_000_000,
  people: 1_000_000,
  households: 1_000_000,
  talents: 100_000,
  occurrences: 100_000,
  wishes: 100_000,
  amountWan: 100_000_000,
  incomePerHouseholdYuan: 1_000_000,
  areaSqm: 1_000_000,
  landMu: 10_000_000,
  lengthKm: 10_000,
} as const;

/**
 * What an omitted count is stored as where it is not 0 (an omitted count or amount is 0): an
 * activity held is at least one session, a civilization record is recorded once (as the tables'
 * column defaults say). The ledger's templates say these, and its row keys follow them (a blank
 * cell and its default are one row).
 */
export const DEFAULT = {
  sessions: 1,
  occurrences: 1,
} as const;

/** The least a count may be where it is more than 0: an activity held is at least one session. */
export const MIN = {
  sessions: 1,
} as const;

/** Most organizations one alliance or agreement lists (`memberIds`, `signatoryIds`): more is a mistake, not a partnership. */
export const MAX_ORGANIZATIONS = 200;

/** Longest texts, in characters. */
export const LENGTH = {
  name: 100,
  personName: 50,
  title: 200,
  postTitle: 50,
  brand: 50,
  /** Why a record is withdrawn (撤销原因). */
  reason: 200,
} as const;
