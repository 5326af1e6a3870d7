import { hasHiddenCharacter, isUnstorable } from '@linju/contract';

// Where the role, region and name are, and how a role claim (text or list) gives a Linju role: one
// reader, shared with the pages and the documents server.
export { claimAt, DEFAULT_CLAIM_NAMES, linjuRoleOf, regionOf, type ClaimNames } from '@linju/sign-in/tokenClaims';

/**
 * The longest subject and display name a token may carry: every request's audit entries record
 * both. A subject may be as long as OpenID Connect allows (255 ASCII characters).
 */
export const IDENTITY_CLAIM_MAX_LENGTH = { sub: 255, name: 200 } as const;

/**
 * What is wrong with a token's subject or display name, if anything: text no store can hold (a NUL
 * made every audit append of the caller's requests fail), characters that hide or fake text (a
 * newline or a direction override would forge lines of the audit log), or more than `maxLength`
 * characters ({@link IDENTITY_CLAIM_MAX_LENGTH}). Absent is fine here (the subject is required apart).
 */
export function identityClaimProblem(claim: string, value: unknown, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return `its ${claim} claim is not text`;
  if (isUnstorable(value) || hasHiddenCharacter(value)) return `its ${claim} claim holds control or invisible characters`;
  if ([...value].length > maxLength) return `its ${claim} claim is longer than ${maxLength} characters`;
  return undefined;
}
