import { JURISDICTIONS, type JurisdictionInfo } from '@linju/contract';
import { oneOf, optionalGlobalId } from '@linju/subgraph-runtime';

/** Cleaners of input fields that several writes share; each throws BAD_USER_INPUT naming the field. */

/**
 * The joint office's alliance a record is made under. It lives in another store, so only its form
 * is checked here (a `joint:Alliance:…` ID); whether it exists is the reconciliation's business.
 */
export function allianceIdOf(input: Record<string, unknown>): string | null {
  return optionalGlobalId(input.allianceId, 'allianceId', 'joint', 'Alliance');
}

/** Homes a reference of "either side" may name (post holders, far ends of transport links). */
export const ANY_SIDE: readonly string[] = JURISDICTIONS.map((j) => j.key);

/** This side's home, for references that must stay on this side. */
export const own = (side: JurisdictionInfo) => side.key;

/** An optional kind: left out or blank means none; anything else must be in the vocabulary. */
export function optionalOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | null {
  return value === null || value === undefined || (typeof value === 'string' && !value.trim()) ? null : oneOf(value, field, allowed);
}
