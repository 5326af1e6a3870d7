import { hasHiddenCharacter, isUnstorable } from '@linju/contract';
import type { JWTPayload } from 'jose';

/**
 * Which claims of a token carry Linju's role, the operator's region and the person's display
 * name: a claim name, or a dotted path into nested claims (`linju.role` reads
 * `{"linju": {"role": …}}`), so an office's identity provider need not be changed to name them
 * Linju's way. From `LINJU_CLAIM_ROLE`, `LINJU_CLAIM_REGION`, `LINJU_CLAIM_NAME`.
 */
export interface ClaimNames {
  readonly role: string;
  readonly region: string;
  readonly name: string;
}

/** The names the development identity provider and the dev key pair use. */
export const DEFAULT_CLAIM_NAMES: ClaimNames = { role: 'role', region: 'region', name: 'name' };

/** The claim `name` of a token: a top-level claim of that exact name first (names may hold dots, e.g. URIs), else the dotted path. */
export function claimAt(payload: JWTPayload, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

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
