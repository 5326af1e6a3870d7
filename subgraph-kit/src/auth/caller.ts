/** The roles of Linju's callers (issue: trust and access). */
export const ROLES = ['sichuan-operator', 'chongqing-operator', 'joint-operator', 'viewer'] as const;

/** A signed-in role, or `anonymous` (no token): public aggregate figures only. */
export type Role = (typeof ROLES)[number] | 'anonymous';

/** Who is calling, as the gateway vouches for it to each subgraph. */
export interface Caller {
  /** The token's subject (a person or a dashboard's service account); `anonymous` without a token. */
  subject: string;
  role: Role;
}

export const ANONYMOUS: Caller = { subject: 'anonymous', role: 'anonymous' };

/** The operator role of a store's owner: `sichuan` → `sichuan-operator`, `joint` → `joint-operator`. */
export function operatorRole(home: string): Role {
  return `${home}-operator` as Role;
}

export function isRole(value: unknown): value is Role {
  return value === 'anonymous' || (ROLES as readonly unknown[]).includes(value);
}
