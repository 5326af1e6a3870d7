import type { JWTVerifyGetKey } from 'jose';
import { JwksError, KeysUnavailable, type JwksOrigin } from './checkJwks.ts';
import { discoverIssuer, IssuerDiscoveryError } from './discoverIssuer.ts';
import { remoteJwks } from './remoteJwks.ts';
import type { JwksLogger } from './watchJwksFile.ts';

/** How often an identity provider that did not answer at start is asked again. */
export const ISSUER_RETRY_MS = 30_000;

/** An OpenID Connect issuer's keys, and the origins its sign-in pages call. */
export interface IssuerKeys {
  readonly issuer: string;
  readonly keys: JWTVerifyGetKey;
  /** The issuer's origin and its endpoints' (the pages' Content-Security-Policy): the issuer's alone until it is discovered. */
  readonly browserOrigins: readonly string[];
  /** Stops asking again (the gateway stops). */
  close(): void;
}

/**
 * The issuer's discovery document and keys, fetched now. A provider that does not answer, at its
 * discovery document or at its JWKS (no connection, a timeout, HTTP 5xx or 429), does not stop the
 * start-up, or a restart during its outage would take the public figures down with sign-in: the
 * gateway starts, says so in one error line, and asks again (discovery and keys) every
 * {@link ISSUER_RETRY_MS} (and when a token arrives, at most as often); meanwhile a token of the
 * issuer is refused as an outage (`KeysUnavailable`: IDENTITY_PROVIDER_UNAVAILABLE, 503, no
 * sign-out). Anything else (another issuer named, no JWKS, a key set that cannot be used) is the
 * configuration's and stops the start-up, as before.
 */
export async function issuerKeys(issuer: string, production: boolean, logger: JwksLogger, retryMs = ISSUER_RETRY_MS): Promise<IssuerKeys> {
  const origin: JwksOrigin = { variable: 'LINJU_OIDC_ISSUER', name: `LINJU_OIDC_ISSUER ${JSON.stringify(issuer)}` };
  const discover = async () => {
    const discovered = await discoverIssuer(issuer, production);
    const remote = remoteJwks(discovered.jwksUri, { variable: 'LINJU_OIDC_ISSUER', name: `LINJU_OIDC_ISSUER's jwks_uri ${JSON.stringify(discovered.jwksUri.href)}` }, logger);
    await remote.load();
    return { keys: remote.getKey, browserOrigins: discovered.browserOrigins };
  };
  try {
    return { issuer, ...(await discover()), close() {} };
  } catch (error) {
    if (!((error instanceof IssuerDiscoveryError || error instanceof JwksError) && error.unreachable)) throw error;
    logger.error({ variable: 'LINJU_OIDC_ISSUER' }, `${error.message}; the gateway starts without it: its tokens are refused as IDENTITY_PROVIDER_UNAVAILABLE (503) until it answers, asked again every ${retryMs / 1000} s; public figures answer meanwhile`);
  }
  const ownOrigin = new URL(issuer).origin;
  let found: JWTVerifyGetKey | undefined;
  let lastTry = Date.now();
  let trying: Promise<void> | undefined;
  const attempt = () =>
    (trying ??= discover()
      .then(({ keys, browserOrigins }) => {
        found = keys;
        clearInterval(timer);
        const elsewhere = browserOrigins.filter((other) => other !== ownOrigin);
        logger.info({ variable: 'LINJU_OIDC_ISSUER' }, `LINJU_OIDC_ISSUER ${JSON.stringify(issuer)} answers now: its tokens are accepted`);
        if (elsewhere.length) logger.warn({ variable: 'LINJU_OIDC_ISSUER' }, `LINJU_OIDC_ISSUER ${JSON.stringify(issuer)} serves sign-in from ${elsewhere.join(', ')} too: restart the gateway so that the pages may reach it`);
      })
      .catch((error: unknown) => {
        // Still away, or now misconfigured: either way said, and asked again.
        logger.error({ variable: 'LINJU_OIDC_ISSUER' }, `${(error as Error).message}; asked again in ${retryMs / 1000} s`);
      })
      .finally(() => {
        lastTry = Date.now();
        trying = undefined;
      }));
  const timer = setInterval(() => void attempt(), retryMs);
  timer.unref();
  const keys: JWTVerifyGetKey = async (header, token) => {
    if (!found && Date.now() - lastTry >= retryMs) await attempt();
    if (!found) throw new KeysUnavailable(origin, new Error('the identity provider has not answered since the gateway started'));
    return found(header, token);
  };
  return { issuer, keys, browserOrigins: [ownOrigin], close: () => clearInterval(timer) };
}
