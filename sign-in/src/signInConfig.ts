import { DEFAULT_CLAIM_NAMES, isClaimName, type ClaimNames, type ClaimReading } from './tokenClaims.ts';

/** The pages that sign in, each a client of the identity provider. */
export type SigningPage = 'dashboard' | 'explorer';

/**
 * What the gateway says about sign-in (`GET /auth/config.json`, same origin as the pages): the
 * issuer it trusts, each page's client ID and the scope to ask for. `issuer: null`: no identity
 * provider is configured, and the pages take a token from the address or a paste, as before.
 */
export interface SignInConfig {
  readonly issuer: string | null;
  readonly clients: Readonly<Record<string, string>>;
  readonly scope: string;
  /** How to read a token as the gateway does: its claim names (`LINJU_CLAIM_*`) and Linju's roles; the defaults from a gateway that does not say. */
  readonly claims: ClaimReading;
}

const DEFAULT_SCOPE = 'openid profile';

/** The claim names and roles of the gateway's answer; a name that is not one, or no answer, gives the default. */
function claimReadingOf(value: { claims?: unknown; roles?: unknown }): ClaimReading {
  const given = value.claims && typeof value.claims === 'object' ? (value.claims as Record<string, unknown>) : {};
  const name = (claim: keyof ClaimNames) => {
    const text = given[claim];
    return typeof text === 'string' && isClaimName(text) ? text : DEFAULT_CLAIM_NAMES[claim];
  };
  const roles = Array.isArray(value.roles) && value.roles.every((role) => typeof role === 'string') ? (value.roles as string[]) : undefined;
  return { names: { role: name('role'), region: name('region'), name: name('name') }, ...(roles && { roles }) };
}

/** Reads the gateway's answer; anything malformed counts as "no identity provider", with the reason. */
export function parseSignInConfig(json: unknown): SignInConfig {
  const value = (json ?? {}) as { issuer?: unknown; clients?: unknown; scope?: unknown; claims?: unknown; roles?: unknown };
  const claims = claimReadingOf(value);
  if (value.issuer === null || value.issuer === undefined) return { issuer: null, clients: {}, scope: DEFAULT_SCOPE, claims };
  if (typeof value.issuer !== 'string' || !URL.canParse(value.issuer)) throw new Error('auth/config.json: issuer is not a URL');
  const clients = value.clients && typeof value.clients === 'object' ? (value.clients as Record<string, unknown>) : {};
  const valid = Object.fromEntries(Object.entries(clients).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const scope = typeof value.scope === 'string' && value.scope.split(' ').includes('openid') ? value.scope : DEFAULT_SCOPE;
  return { issuer: value.issuer, clients: valid, scope, claims };
}

/**
 * Asks the gateway. A gateway without the endpoint (older, or a 404) means no identity provider;
 * an unreachable gateway is an error the page shows like any other.
 */
export async function loadSignInConfig(url: URL): Promise<SignInConfig> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (response.status === 404) return parseSignInConfig(null);
  if (!response.ok) throw new Error(`auth/config.json: HTTP ${response.status}`);
  return parseSignInConfig(await response.json());
}
