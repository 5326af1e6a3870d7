import type { GatewayConfig } from '../config.ts';
import { createAuthenticator, type Authenticate, type AuthenticationOptions } from './authenticate.ts';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys, type DevKeys } from './devKeys.ts';
import { issuerKeys } from './issuerKeys.ts';
import { remoteJwks } from './remoteJwks.ts';
import { watchJwksFile, type JwksLogger } from './watchJwksFile.ts';

/** The authenticator the configuration asks for. */
export interface ConfiguredAuthentication {
  authenticate: Authenticate;
  /** The dev key pair, when the embedded default trusts it (development only). */
  devKeys?: DevKeys;
  /** Origins of the identity provider the pages call from the browser (for their Content-Security-Policy). */
  signInOrigins: readonly string[];
  /** Stops watching `LINJU_JWKS_FILE`, or asking again an issuer that did not answer at start (when the gateway stops). */
  close(): void;
}

/** How the gateway runs: production's rules for an issuer, and where lines about its keys go. */
export interface AuthenticatorSettings {
  production: boolean;
  logger: JwksLogger;
  /** How often an identity provider away at start is asked again (tests shorten it). */
  retryMs?: number;
}

/**
 * The authenticator the configuration asks for. Keys are read and checked now, so a wrong issuer or
 * an unusable JWKS stops the start-up with one line naming the variable (a ConfigError:
 * IssuerDiscoveryError or JwksError): the OpenID Connect issuer's discovery document and JWKS, the
 * JWKS at `LINJU_JWKS_URL`, or the file `LINJU_JWKS_FILE`, which is then watched for changes. An
 * issuer whose provider does not answer at all (its discovery document or its JWKS) is asked again
 * while the gateway runs (`issuerKeys`); a `LINJU_JWKS_URL` that does not answer stops the start-up.
 */
export async function authenticatorFor(tokens: GatewayConfig['tokens'], { production, logger, retryMs }: AuthenticatorSettings): Promise<ConfiguredAuthentication> {
  if ('jwksFile' in tokens) {
    const file = await watchJwksFile(tokens.jwksFile, logger);
    return { authenticate: createAuthenticator({ keys: file.getKey, issuer: tokens.issuer, audience: tokens.audience, claims: tokens.claims }), signInOrigins: [], close: file.close };
  }
  if ('jwksUrl' in tokens) {
    const remote = remoteJwks(tokens.jwksUrl, { variable: 'LINJU_JWKS_URL', name: `LINJU_JWKS_URL ${JSON.stringify(tokens.jwksUrl.href)}` }, logger);
    await remote.load();
    return { authenticate: createAuthenticator({ keys: remote.getKey, issuer: tokens.issuer, audience: tokens.audience, claims: tokens.claims }), signInOrigins: [], close() {} };
  }
  const issuers: AuthenticationOptions[] = [];
  let signInOrigins: readonly string[] = [];
  let close = () => {};
  if (tokens.oidc) {
    // A provider away at start does not stop it (issuerKeys): its tokens wait as an outage.
    const found = await issuerKeys(tokens.oidc.issuer, production, logger, retryMs);
    issuers.push({ keys: found.keys, issuer: found.issuer, audience: tokens.oidc.audience, claims: tokens.oidc.claims });
    signInOrigins = found.browserOrigins;
    close = found.close;
  }
  const devKeys = 'devKeysFile' in tokens ? await loadOrCreateDevKeys(tokens.devKeysFile) : undefined;
  if (devKeys) issuers.push({ keys: devKeys.jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
  return { authenticate: createAuthenticator(issuers), ...(devKeys && { devKeys }), signInOrigins, close };
}
