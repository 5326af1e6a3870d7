/**
 * What a Linju access token says about its holder, read the one way the gateway (which verifies
 * the token), the pages (which show who is signed in) and the documents server (which fills an
 * operator's template) all read it. Browser-safe: no Node API, no DOM.
 */

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

/** The variable that names each claim (read by the gateway, the documents server and the ledger's commands). */
export const CLAIM_NAME_VARIABLES: Readonly<Record<keyof ClaimNames, string>> = { role: 'LINJU_CLAIM_ROLE', region: 'LINJU_CLAIM_REGION', name: 'LINJU_CLAIM_NAME' };

/** Whether `value` can name a claim: a name, or a dotted path such as `linju.role` (no spaces, no empty step). */
export function isClaimName(value: string): boolean {
  return value !== '' && !/\s/.test(value) && !value.startsWith('.') && !value.endsWith('.') && !value.includes('..');
}

/** The claim `name` of a token: a top-level claim of that exact name first (names may hold dots, e.g. URIs), else the dotted path. */
export function claimAt(payload: object, name: string): unknown {
  if (Object.hasOwn(payload, name)) return (payload as Record<string, unknown>)[name];
  let value: unknown = payload;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The Linju role a role claim gives: a text naming one of `roles`, or a list (Keycloak's
 * `realm_access.roles`, Entra ID's `roles`) holding exactly one of them beside any others
 * (`offline_access`, `uma_authorization`, …). None is `no-role`; two different ones are
 * `ambiguous-role` (which one the person acts as is the administrator's to settle, not Linju's).
 */
export type RoleReading =
  | { readonly role: string }
  | { readonly refused: 'no-role' | 'ambiguous-role'; readonly detail: string };

export function linjuRoleOf(claim: unknown, roles: readonly string[]): RoleReading {
  if (claim === undefined || claim === null) return { refused: 'no-role', detail: 'The token names no Linju role' };
  if (Array.isArray(claim)) {
    const found = [...new Set(claim.filter((role): role is string => typeof role === 'string' && roles.includes(role)))];
    if (found.length === 1) return { role: found[0]! };
    if (found.length > 1) return { refused: 'ambiguous-role', detail: `The token's role claim holds ${found.length} Linju roles (${found.join(', ')}); an account may have one` };
    return { refused: 'no-role', detail: `The token's role claim (a list of ${claim.length}) holds no Linju role` };
  }
  if (typeof claim === 'string' && roles.includes(claim)) return { role: claim };
  return { refused: 'no-role', detail: `The token's role ${JSON.stringify(claim)} is not a Linju role` };
}

/**
 * A region claim as text: a GB/T 2260 code given as a number (some providers keep attributes as
 * numbers) is its digits, which is unambiguous since no code starts with 0 (provinces are 11–82);
 * text stays as it is, and anything else is returned for the caller to refuse.
 */
export function regionOf(claim: unknown): unknown {
  return typeof claim === 'number' && Number.isSafeInteger(claim) && claim > 0 ? String(claim) : claim;
}

/**
 * The issuer (`iss`) of the tokens the gateway's development key pair signs (`npm start` prints
 * them; tests mint them). They name their claims Linju's way ({@link DEFAULT_CLAIM_NAMES}) whatever
 * `LINJU_CLAIM_*` say, which are the office's identity provider's names.
 */
export const DEVELOPMENT_KEY_ISSUER = 'linju-dev';

/**
 * How to read a token: where its claims are (`names`, the office provider's; the development key's
 * tokens are read by the defaults), and Linju's roles (which of a list of roles is the holder's).
 * Without `roles`, a role given as text is taken as it is (the gateway refuses a wrong one) and a
 * list gives no role.
 */
export interface ClaimReading {
  readonly names: ClaimNames;
  readonly roles?: readonly string[];
}

/** The defaults: claims named `role`, `region`, `name`. */
export const DEFAULT_CLAIM_READING: ClaimReading = { names: DEFAULT_CLAIM_NAMES };

/** What a Linju access token says about its holder (the gateway checks the token; this only reads it). */
export interface TokenClaims {
  /** The account, e.g. `moxi-clerk`. */
  readonly sub?: string;
  /** The display name, e.g. 张敏. */
  readonly name?: string;
  /** `viewer`, `joint-operator` or `<jurisdiction key>-operator`. */
  readonly role?: string;
  /** A jurisdiction operator's region: a GB/T 2260 code. */
  readonly region?: string;
  /** Expiry, in seconds since the epoch. */
  readonly exp?: number;
}

/** The payload of a JWT, read without checking it (UTF-8: names are Chinese); null when it is no JWT. */
export function tokenClaims(token: string, reading: ClaimReading = DEFAULT_CLAIM_READING): TokenClaims | null {
  let payload: unknown;
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const { sub, exp, iss } = payload as Record<string, unknown>;
  const { roles } = reading;
  const names = iss === DEVELOPMENT_KEY_ISSUER ? DEFAULT_CLAIM_NAMES : reading.names;
  const roleClaim = claimAt(payload, names.role);
  const linju = roles && linjuRoleOf(roleClaim, roles);
  const role = linju ? ('role' in linju ? linju.role : undefined) : roleClaim;
  const name = claimAt(payload, names.name);
  const region = regionOf(claimAt(payload, names.region));
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    ...(text(sub) && { sub: text(sub) }),
    ...(text(name) && { name: text(name) }),
    ...(text(role) && { role: text(role) }),
    ...(text(region) && { region: text(region) }),
    ...(typeof exp === 'number' && { exp }),
  };
}
