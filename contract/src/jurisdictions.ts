import { FEDERATION, type JurisdictionInfo } from './federationMembers.ts';

export type { JurisdictionInfo } from './federationMembers.ts';

/**
 * The jurisdictions that take part, from the federation's membership file (`federation.json`).
 * The joint office uses this list to send each reference home; a jurisdiction joining the
 * federation is added there and brings its own subgraph (`npm run jurisdiction:add`).
 */
export const JURISDICTIONS: readonly JurisdictionInfo[] = FEDERATION.jurisdictions.map(({ key, code, typePrefix, name, nameEn }) => ({ key, code, typePrefix, name, nameEn }));

export function jurisdictionByKey(key: string): JurisdictionInfo | undefined {
  return JURISDICTIONS.find((j) => j.key === key);
}

export function jurisdictionByCode(code: string): JurisdictionInfo | undefined {
  return JURISDICTIONS.find((j) => j.code === code);
}
