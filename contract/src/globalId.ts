import { jurisdictionByKey, type JurisdictionInfo } from './jurisdictions.ts';

/** The home (`sichuan`, `chongqing`, `joint`), type and local key that a global ID names. */
export interface GlobalId {
  home: string;
  type: string;
  key: string;
}

/** Global IDs read `<home>:<Type>:<key>`, e.g. `sichuan:Organization:moxi-town`, so any reference can be sent home. */
export function parseGlobalId(id: string): GlobalId | undefined {
  const match = /^([a-z][a-z0-9-]*):([A-Z][A-Za-z]*):(.+)$/.exec(id);
  return match ? { home: match[1]!, type: match[2]!, key: match[3]! } : undefined;
}

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
