import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWTVerifyGetKey } from 'jose';
import { JWKS_MAX_AGE_MS, JWKS_REFETCH_COOLDOWN_MS } from './authenticate.ts';
import { JwksError, parseJwks, type JwksOrigin } from './checkJwks.ts';
import type { JwksLogger } from './watchJwksFile.ts';

/** An issuer's keys published at a URL. */
export interface RemoteJwks {
  /** Resolves a token's key: fetched, cached for {@link JWKS_MAX_AGE_MS}, fetched again (at most every {@link JWKS_REFETCH_COOLDOWN_MS}) for a key ID not yet seen. */
  readonly getKey: JWTVerifyGetKey;
  /** Fetches the keys now, at start-up: a {@link JwksError} naming the variable if they cannot be fetched or used. */
  load(): Promise<void>;
}

/**
 * The keys published at `url`, each fetched document checked by `checkJwks` before jose uses it.
 * The first must check out (`load` says why not); a later one that does not (a private key, no
 * key, not JSON) is refused with one error line naming the variable, and the keys fetched before
 * stay in use. A fetch that fails (unreachable, not 200) is jose's to report: the token is refused.
 */
export function remoteJwks(url: URL, origin: JwksOrigin, logger?: JwksLogger): RemoteJwks {
  let lastGood: string | undefined;
  const checkedFetch: FetchImplementation = async (resource, init) => {
    const response = await fetch(resource, init);
    if (response.status !== 200) {
      if (lastGood === undefined) throw new JwksError(origin, `answered HTTP ${response.status}`);
      return response;
    }
    try {
      lastGood = JSON.stringify(parseJwks(await response.text(), origin));
    } catch (error) {
      if (lastGood === undefined) throw error;
      logger?.error({ variable: origin.variable }, `${(error as Error).message}; the keys fetched before stay in use`);
    }
    return new Response(lastGood, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const getKey = createRemoteJWKSet(url, { cooldownDuration: JWKS_REFETCH_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS, [customFetch]: checkedFetch });
  return {
    getKey,
    async load() {
      try {
        await getKey.reload();
      } catch (error) {
        if (error instanceof JwksError) throw error;
        const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
        throw new JwksError(origin, `could not be fetched (${(error as Error).message}${cause ? `: ${cause.code ?? cause.message}` : ''})`);
      }
    },
  };
}
