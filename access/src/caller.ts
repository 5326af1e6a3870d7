import { JURISDICTIONS } from '@linju/contract';

/** A store owner's operators (`sichuan-operator`, `joint-operator`), a `viewer`, or `anonymous` (no token): public aggregate figures only. */
export type Role = `${string}-operator` | 'viewer' | 'anonymous';

/** The roles a token may carry: each member jurisdiction's operators, the joint office's, and viewers. */
export const ROLES: readonly Exclude<Role, 'anonymous'>[] = [...JURISDICTIONS.map((j) => `${j.key}-operator` as const), 'joint-operator', 'viewer'];

/** Who is calling, as the gateway vouches for it to each subgraph. */
export interface Caller {
  /** The token's subject (a person or a dashboard's service account); `anonymous` without a token. */
  subject: string;
  role: Role;
}

export const ANONYMOUS: Caller = { subject: 'anonymous', role: 'anonymous' };

/** The operator role of a store's owner: `sichuan` → `sichuan-operator`, `joint` → `joint-operator`. */
export function operatorRole(home: string): Role {
  return `${home}-operator`;
}

export function isRole(value: unknown): value is Role {
  return value === 'anonymous' || (ROLES as readonly unknown[]).includes(value);
}
