import { join } from 'node:path';
import { dataRoot } from '@linju/access';
import { createAuthenticator, type Authenticate } from '@linju/gateway/authenticate';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys } from '@linju/gateway/devKeys';

/**
 * Checks bearer tokens as the bench's Linju gateway does: against the development key pair it keeps
 * under the data folder (`LINJU_DATA_DIR/gateway/dev-keys.json`), so a baseline accepts the very
 * tokens the bench mints for Linju.
 */
export async function devKeyAuthenticator(): Promise<Authenticate> {
  const keys = await loadOrCreateDevKeys(join(dataRoot(), 'gateway', 'dev-keys.json'));
  return createAuthenticator({ keys: keys.jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
}
