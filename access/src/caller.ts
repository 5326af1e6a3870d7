import { JURISDICTIONS, jurisdictionByKey } from '@linju/contract';

/** A store owner's operators (`sichuan-operator`, `joint-operator`), a `viewer`, or `anonymous` (no token): public aggregate figures only. */
export type Role = `${string}-operator` | 'viewer' | 'anonymous';

/** The roles a token may carry: each member jurisdiction's operators, the joint office's, and viewers. */
export const ROLES: readonly Exclude<Role, 'anonymous'>[] = [...JURISDICTIONS.map((j) => `${j.key}-operator` as const), 'joint-operator', 'viewer'];

/** Who is calling, as the gateway vouches for it to each subgraph. */
export interface Caller {
  /** The token's subject (a person's account, or a service account); `anonymous` without a token. */
  subject: string;
  role: Role;
  /** The person's display name (e.g. 王磊), when the token carries one. */
  name?: string;
  /**
   * A jurisdiction operator's administrative region: a GB/T 2260 code of that side (province
   * `510000`, city `510900`, district or county `510904`, town `510904101`). The operator may write
   * only records within that region's subtree; the side's province code keeps the whole side.
   * Absent for the joint office's operators, viewers and anonymous callers.
   */
  region?: string;
}

export const ANONYMOUS: Caller = { subject: 'anonymous', role: 'anonymous' };

/** The operator role of a store's owner: `sichuan` → `sichuan-operator`, `joint` → `joint-operator`. */
export function operatorRole(home: string): Role {
  return `${home}-operator`;
}

export function isRole(value: unknown): value is Role {
  return value === 'anonymous' || (ROLES as readonly unknown[]).includes(value);
}

/** A region code's form: 6 digits (province, city, district or county), 9 (town) or 12 (village). */
export const REGION_CODE = /^\d{6}(?:\d{3}(?:\d{3})?)?$/;

/** The jurisdiction whose operators a role names (`sichuan-operator` → Sichuan); none for the joint office, viewers and anonymous. */
export function operatorJurisdiction(role: Role) {
  const key = /^(.+)-operator$/.exec(role)?.[1];
  return key ? jurisdictionByKey(key) : undefined;
}

/**
 * Why a token's region does not fit its role, or null when it does: a jurisdiction operator must
 * name a region code of that side (its first two digits are the side's province's); for other roles
 * a region means nothing and is dropped (`callerOf`). Whether the region exists is the owner's to
 * say, in its own store.
 */
export function callerRegionProblem(role: Role, region: unknown): string | null {
  const side = operatorJurisdiction(role);
  if (!side) return null;
  if (typeof region !== 'string' || !REGION_CODE.test(region)) return `role ${role} needs a region: a GB/T 2260 code of ${side.nameEn} (6, 9 or 12 digits)`;
  if (region.slice(0, 2) !== side.code.slice(0, 2)) return `region ${region} is not a region of ${side.nameEn} (${side.code})`;
  return null;
}

/** The caller a verified statement names: the region kept for a jurisdiction's operators only, the name when it is text. */
export function callerOf(fields: { subject: string; role: Role; name?: unknown; region?: unknown }): Caller {
  const caller: Caller = { subject: fields.subject, role: fields.role };
  if (typeof fields.name === 'string' && fields.name.trim()) caller.name = fields.name.trim();
  if (operatorJurisdiction(fields.role) && typeof fields.region === 'string') caller.region = fields.region;
  return caller;
}
