import { JOINT_HOME } from './contractTypeDefs.ts';
import { userInputError } from './errors.ts';
import { fieldMessage } from './fieldLabels.ts';
import { homeName } from './homeOwner.ts';
import { jurisdictionByKey, type JurisdictionInfo } from './jurisdictions.ts';
import { quotedEn, quotedZh } from './text.ts';

/** The home (`sichuan`, `chongqing`, `joint`), type and local key that a global ID names. */
export interface GlobalId {
  home: string;
  type: string;
  key: string;
}

/** The longest global ID: far above any real one (the seed's longest is ~55 characters, a written record's ~60). */
export const MAX_GLOBAL_ID_LENGTH = 200;

/**
 * The grammar of a global ID, `<home>:<Type>:<key>`. The key is lower-case ASCII letters and digits
 * in hyphen-separated runs, as the seed builds them (`moxi-town-01`) and as writes do (a UUID): no
 * zero-width, direction, space, path or look-alike character can make one ID render as another.
 */
const GLOBAL_ID = /^([a-z][a-z0-9-]*):([A-Z][A-Za-z]*):([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Global IDs read `<home>:<Type>:<key>`, e.g. `sichuan:Organization:moxi-town`, so any reference can be sent home; anything else is undefined. */
export function parseGlobalId(id: unknown): GlobalId | undefined {
  // An entity representation is JSON a caller wrote: its `id` may be anything.
  const match = typeof id === 'string' && id.length <= MAX_GLOBAL_ID_LENGTH ? GLOBAL_ID.exec(id) : null;
  return match ? { home: match[1]!, type: match[2]!, key: match[3]! } : undefined;
}

/** What an ID argument must name: a record of this type and, when given, of this home. */
export interface IdExpectation {
  type: string;
  home?: string;
}

/**
 * An ID a client sends to filter or look up by (`filter.regionId`, `allianceId`, `alliance(id)` …),
 * checked before it reaches SQL: null or absent is no filter; anything else must be a global ID
 * (BAD_USER_INPUT `malformed-id` naming the field) and, when `expected` says so, one of that type
 * (`wrong-type`: an organization's ID is no region to filter by) and home (`wrong-jurisdiction`).
 */
export function checkIdArgument(value: unknown, field: string, expected?: IdExpectation): string | null {
  if (value === null || value === undefined) return null;
  const parsed = parseGlobalId(value);
  if (!parsed) {
    const [zh, en] = typeof value === 'string' ? [quotedZh(value), `${quotedEn(value)} is`] : [`（${typeof value}）`, 'is'];
    const example = expected ? ` such as ${expected.home ?? 'sichuan'}:${expected.type}:…` : '';
    throw userInputError(fieldMessage(field, `${zh}不是邻聚 ID`, `${en} not a Linju ID (<home>:<Type>:<key>, the key in a-z, 0-9 and hyphens)${example}`), field, 'malformed-id');
  }
  if (expected && parsed.type !== expected.type) {
    throw userInputError(fieldMessage(field, '：所填 ID 所指记录的类型不对', `${value as string} names a record of type ${parsed.type}, not ${expected.type}`), field, 'wrong-type');
  }
  if (expected?.home && parsed.home !== expected.home) {
    throw userInputError(fieldMessage(field, `：所填 ID 属于${homeName(parsed.home)}，须为${homeName(expected.home)}的记录`, `${value as string} belongs to ${parsed.home}, not ${expected.home}`), field, 'wrong-jurisdiction');
  }
  return value as string;
}

/** The joint office's alliances, as ID arguments name them (`allianceId`, `alliance(id)`). */
export const ALLIANCE_ID: IdExpectation = { type: 'Alliance', home: JOINT_HOME.key };

/** Regions, as `filter.regionId` names them (of either side: a joint query sends one filter to both). */
export const REGION_ID: IdExpectation = { type: 'Region' };

export function formatGlobalId(home: string, type: string, key: string): string {
  return `${home}:${type}:${key}`;
}

/** The jurisdiction that owns a record, or undefined when the ID is not a jurisdiction's. */
export function homeJurisdiction(id: string): JurisdictionInfo | undefined {
  const parsed = parseGlobalId(id);
  return parsed && jurisdictionByKey(parsed.home);
}

/**
 * The concrete GraphQL type of a jurisdiction record, e.g. `sichuan:Person:x` → `SichuanPerson`:
 * the `__typename` that makes the gateway fetch the record from its home subgraph.
 */
export function typenameOf(id: string): string | undefined {
  const parsed = parseGlobalId(id);
  const jurisdiction = parsed && jurisdictionByKey(parsed.home);
  return jurisdiction && `${jurisdiction.typePrefix}${parsed.type}`;
}
