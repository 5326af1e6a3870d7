import { JOINT_HOME } from '@linju/contract';
import { parseGlobalId } from '@linju/contract';
import { jurisdictionByKey } from '@linju/contract';

/**
 * The `RecordReference` type of an ID's home (`sichuan:…` → `SichuanRecordReference`,
 * `joint:…` → `JointRecordReference`): its `__typename` makes the gateway ask that home whether
 * the record exists. Undefined for an ID of no known home.
 */
export function recordReferenceTypename(id: string): string | undefined {
  const home = parseGlobalId(id)?.home;
  if (home === JOINT_HOME.key) return `${JOINT_HOME.typePrefix}RecordReference`;
  const jurisdiction = home === undefined ? undefined : jurisdictionByKey(home);
  return jurisdiction && `${jurisdiction.typePrefix}RecordReference`;
}
