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
