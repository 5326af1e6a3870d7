import { JOINT_HOME } from './contractTypeDefs.ts';
import { JURISDICTIONS } from './jurisdictions.ts';
import { MAX_ORGANIZATIONS } from './writeLimits.ts';

/**
 * An argument of a write that may name a record of another store: the owner of the write cannot
 * check it (a store cannot read another's rows), so the gateway, the one client every write passes
 * through, reads at the record's home whether it exists before it sends the write
 * (gateway `checkReferencesPlugin`). An ID of the write's own store is checked by its owner, in
 * its transaction, and is not read here.
 */
export interface StoreReference {
  /** The argument's path: `organizationId`, `input.memberIds` (a list: each ID is checked). */
  path: string;
  /** The type of record it names (`Organization`, `Person`, `Region`, `Alliance`): which list of its home is read. */
  type: 'Organization' | 'Person' | 'Region' | 'Alliance';
  /** The argument in words, as the refusal names it to a clerk: 成员组织. */
  words: string;
  /**
   * The argument whose date the referenced organization must not have been dissolved before (the
   * day it joins or signs), as the sides refuse a dissolved organization of their own (`dissolved`).
   */
  on?: string;
  /** The most IDs the list may hold: a longer one is not read, its owner refuses it (`too-large`). */
  most?: number;
}

/** The references of one write, and what a refusal says was not done: 联盟未创建. */
export interface WriteReferences {
  references: readonly StoreReference[];
  unwritten: string;
}

/** The joint office's writes naming the sides' organizations (the joint store keeps only their IDs). */
const JOINT_WRITES: Readonly<Record<string, WriteReferences>> = {
  createAlliance: { references: [{ path: 'input.memberIds', type: 'Organization', words: '成员组织', on: 'input.foundedOn', most: MAX_ORGANIZATIONS }], unwritten: '联盟未创建' },
  addAllianceMember: { references: [{ path: 'organizationId', type: 'Organization', words: '加入的党组织', on: 'joinedOn' }], unwritten: '成员未加入' },
  signAgreement: { references: [{ path: 'input.signatoryIds', type: 'Organization', words: '签署方党组织', on: 'input.signedOn', most: MAX_ORGANIZATIONS }], unwritten: '协议未签署' },
};

/** The joint office's alliance a side's record belongs to (`allianceId` of the `Record…` writes and of a post). */
const ALLIANCE: StoreReference = { path: 'input.allianceId', type: 'Alliance', words: '所属联盟' };

/**
 * A side's writes (`MUTATIONS` names, the side's key before them) naming another store's record: a
 * post's holder and a link's far end may be of the other side; an alliance is the joint office's.
 */
const SIDE_WRITES: Readonly<Record<string, WriteReferences>> = {
  AppointToPost: { references: [{ path: 'input.holderId', type: 'Person', words: '任职人' }, ALLIANCE], unwritten: '任职未登记' },
  RecordTransportLink: { references: [{ path: 'input.toRegionId', type: 'Region', words: '终点区划' }, ALLIANCE], unwritten: '未登记' },
  ...Object.fromEntries(
    ['RecordActivity', 'RecordServiceCase', 'RecordFacility', 'RecordProject', 'RecordTeam', 'RecordCivilizationRecord'].map((name) => [name, { references: [ALLIANCE], unwritten: '未登记' }]),
  ),
};

/** The writes naming another store's records, by mutation field (`createAlliance`, `sichuanAppointToPost`), with the store that owns the write. */
export const CROSS_STORE_WRITES: ReadonlyMap<string, WriteReferences & { home: string }> = new Map([
  ...Object.entries(JOINT_WRITES).map(([field, write]) => [field, { ...write, home: JOINT_HOME.key }] as const),
  ...JURISDICTIONS.flatMap((side) => Object.entries(SIDE_WRITES).map(([name, write]) => [`${side.key}${name}`, { ...write, home: side.key }] as const)),
]);
