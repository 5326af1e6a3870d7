import { readFileSync } from 'node:fs';
import type { GatewayConfig } from '../config.ts';
import { createAuthenticator, type Authenticate } from './authenticate.ts';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys, type DevKeys } from './devKeys.ts';

/** The authenticator the configuration asks for, and the dev keys when it is the embedded default. */
export async function authenticatorFor(tokens: GatewayConfig['tokens']): Promise<{ authenticate: Authenticate; devKeys?: DevKeys }> {
  if ('devKeysFile' in tokens) {
    const devKeys = await loadOrCreateDevKeys(tokens.devKeysFile);
    return { authenticate: createAuthenticator({ keys: devKeys.jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }), devKeys };
  }
  const keys = 'jwksFile' in tokens ? JSON.parse(readFileSync(tokens.jwksFile, 'utf8')) : tokens.jwksUrl;
  return { authenticate: createAuthenticator({ keys, issuer: tokens.issuer, audience: tokens.audience }) };
}
