/** A jurisdiction of the federation: one side of the border, owner of its own store and subgraph. */
export interface JurisdictionInfo {
  /** Key used in global IDs and subgraph names, e.g. `sichuan`. */
  key: string;
  /** GB/T 2260 code of the province-level division, e.g. `510000`. */
  code: string;
  /** Prefix of the GraphQL types this side owns, e.g. `Sichuan` → `SichuanOrganization`. */
  typePrefix: string;
  name: string;
  nameEn: string;
}

/**
 * The jurisdictions that take part. The joint office uses this list to send each reference
 * home; a jurisdiction joining the federation is added here and brings its own subgraph.
 */
export const JURISDICTIONS: readonly JurisdictionInfo[] = [
  { key: 'sichuan', code: '510000', typePrefix: 'Sichuan', name: '四川省', nameEn: 'Sichuan Province' },
  { key: 'chongqing', code: '500000', typePrefix: 'Chongqing', name: '重庆市', nameEn: 'Chongqing Municipality' },
];

export function jurisdictionByKey(key: string): JurisdictionInfo | undefined {
  return JURISDICTIONS.find((j) => j.key === key);
}

export function jurisdictionByCode(code: string): JurisdictionInfo | undefined {
  return JURISDICTIONS.find((j) => j.code === code);
}
