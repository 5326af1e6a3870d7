import { ConfigError } from '@linju/observability';
import { fetchProblem } from './checkJwks.ts';

/** What the gateway reads from an OpenID Connect provider's discovery document. */
export interface DiscoveredIssuer {
  readonly issuer: string;
  /** Where its signing keys are published (fetched again when a token names a key not yet seen). */
  readonly jwksUri: URL;
  /** The origins the pages call from the browser (token and revocation endpoints): the pages' Content-Security-Policy allows them. */
  readonly browserOrigins: readonly string[];
}

/** An issuer that cannot be used: a configuration error whose one line names `LINJU_OIDC_ISSUER`. */
export class IssuerDiscoveryError extends ConfigError {
  /**
   * @param unreachable the provider did not answer (no connection, a timeout, HTTP 5xx or 429): an
   *   outage to wait out, where any other problem is the configuration's (`issuerKeys` tells them apart)
   */
  constructor(
    issuer: string,
    problem: string,
    readonly unreachable = false,
  ) {
    super('LINJU_OIDC_ISSUER', `LINJU_OIDC_ISSUER=${JSON.stringify(issuer)} cannot be used: ${problem}`);
  }
}

/** `<issuer>/.well-known/openid-configuration`, as OpenID Connect Discovery 1.0 (§4) builds it. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
}

function url(document: Record<string, unknown>, field: string, issuer: string, production: boolean): URL | undefined {
  const value = document[field];
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(String(value));
  } catch {
    throw new IssuerDiscoveryError(issuer, `its discovery document's ${field} is not a URL`);
  }
  if (production && parsed.protocol !== 'https:') throw new IssuerDiscoveryError(issuer, `its discovery document's ${field} is not https`);
  return parsed;
}

/**
 * Checks a discovery document: it must name the same issuer (OpenID Connect Discovery §4.3, so a
 * document served elsewhere cannot impersonate it) and publish a JWKS; in production its URLs must
 * be https and it must not be Linju's development identity provider.
 */
export function checkDiscovery(issuer: string, document: unknown, production: boolean): DiscoveredIssuer {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new IssuerDiscoveryError(issuer, 'its discovery document is not a JSON object');
  const fields = document as Record<string, unknown>;
  if (fields.issuer !== issuer) throw new IssuerDiscoveryError(issuer, `its discovery document names the issuer ${JSON.stringify(fields.issuer)}`);
  if (production && fields.linju_development_provider === true) throw new IssuerDiscoveryError(issuer, 'it is the development identity provider, refused in production');
  const jwksUri = url(fields, 'jwks_uri', issuer, production);
  if (!jwksUri) throw new IssuerDiscoveryError(issuer, 'its discovery document has no jwks_uri');
  const browserOrigins = ['token_endpoint', 'revocation_endpoint'].flatMap((field) => url(fields, field, issuer, production)?.origin ?? []);
  return { issuer, jwksUri, browserOrigins: [...new Set([new URL(issuer).origin, ...browserOrigins])] };
}

/** Fetches and checks the issuer's discovery document, at start-up. */
export async function discoverIssuer(issuer: string, production: boolean, timeoutMs = 10_000): Promise<DiscoveredIssuer> {
  let response: Response;
  try {
    response = await fetch(discoveryUrl(issuer), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new IssuerDiscoveryError(issuer, `its discovery document ${discoveryUrl(issuer).href} could not be fetched (${fetchProblem(error)})`, true);
  }
  if (!response.ok) throw new IssuerDiscoveryError(issuer, `its discovery document ${discoveryUrl(issuer).href} answered HTTP ${response.status}`, response.status >= 500 || response.status === 429);
  let document: unknown;
  try {
    document = await response.json();
  } catch {
    throw new IssuerDiscoveryError(issuer, 'its discovery document is not JSON');
  }
  return checkDiscovery(issuer, document, production);
}
