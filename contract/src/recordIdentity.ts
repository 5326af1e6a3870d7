/**
 * What makes two records of a kind one record as a clerk sees it (its identity): an activity's 类别,
 * 名称, 举办日期 and 主办组织. One rule for every path a record is written by (the dashboard's 登记, a
 * ledger import, the API): a write whose identity and values a live record of the side already has
 * is that record (the single write refused `ALREADY_RECORDED`/`same-record` naming it, an import's
 * row answered EXISTING with it), and one with its identity and other values is a correction of it,
 * refused (`ALREADY_RECORDED`/`same-identity`) until the record is withdrawn. The store enforces it
 * in the write's transaction (`sameRecord.ts` in jurisdiction-service); the ledger reads the same
 * fields to say a correction in the clerk's columns before anything is sent (`sameRecords.ts`).
 *
 * Fields are the write's input fields (camelCase); a text field (`title`, `name`, `unitName`) is
 * compared as names are (`comparedName`: full-width as half-width, spaces left out), the others
 * exactly. None for a kind whose records may be two alike (two service cases of a kind, day and
 * place; transport links) or whose store has a rule of its own (an organization's namesake, a
 * person's 公民身份号码, a taken post). `said` is how a refusal names what is the same (同名同日).
 */
export interface RecordIdentity {
  readonly fields: readonly string[];
  readonly said: string;
}

/** The identity of each contract type that has one (a ledger kind's `identity` is its type's). */
export const RECORD_IDENTITIES = {
  Activity: { fields: ['kind', 'title', 'heldOn', 'organizerId'], said: '同名同日' },
  CivilizationRecord: { fields: ['kind', 'title', 'recordedOn', 'regionId'], said: '同名同日' },
  Facility: { fields: ['kind', 'name', 'regionId'], said: '同名' },
  Project: { fields: ['kind', 'name', 'regionId'], said: '同名' },
  Team: { fields: ['kind', 'name', 'organizationId'], said: '同名' },
  TeamAction: { fields: ['teamId', 'kind', 'actedOn'], said: '同一队伍同日同类别' },
  Pairing: { fields: ['unitName', 'organizationId'], said: '同一包联单位与结对组织' },
  Grid: { fields: ['name', 'regionId'], said: '同名' },
} as const satisfies Readonly<Record<string, RecordIdentity>>;

/** The identity of a contract type (`Activity`), or none. */
export const recordIdentity = (type: string): RecordIdentity | undefined => (RECORD_IDENTITIES as Readonly<Record<string, RecordIdentity>>)[type];

/** The identity's fields compared as names (free text), the others being compared exactly. */
export const NAME_FIELDS: readonly string[] = ['title', 'name', 'unitName'];
