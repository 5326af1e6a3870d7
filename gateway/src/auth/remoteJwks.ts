import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWTVerifyGetKey } from 'jose';
import { JWKS_MAX_AGE_MS, JWKS_REFETCH_COOLDOWN_MS } from './authenticate.ts';
import { fetchProblem, JwksError, KeysUnavailable, parseJwks, type JwksOrigin } from './checkJwks.ts';
import type { JwksLogger } from './watchJwksFile.ts';

/** A failure of the key set's fetch, as jose reports it (or our check of the document): not a fault of the token. */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof JwksError || error instanceof TypeError) return true;
  const code = (error as { code?: unknown }).code;
  return code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || code === 'ERR_JOSE_GENERIC';
}

/** An issuer's keys published at a URL. */
export interface RemoteJwks {
  /** Resolves a token's key: fetched, cached for {@link JWKS_MAX_AGE_MS}, fetched again (at most every {@link JWKS_REFETCH_COOLDOWN_MS}) for a key ID not yet seen. */
  readonly getKey: JWTVerifyGetKey;
  /** Fetches the keys now, at start-up: a {@link JwksError} naming the variable if they cannot be fetched or used (`unreachable` when the URL did not answer). */
  load(): Promise<void>;
}

/**
 * The keys published at `url`, each fetched document checked by `checkJwks` before jose uses it.
 * The first must check out (`load` says why not); a later one that does not (a private key, no
 * key, not JSON) is refused with one error line naming the variable, and the keys fetched before
 * stay in use. A fetch that fails later (unreachable, not 200) is a {@link KeysUnavailable}, logged: the token
 * cannot be checked now, and is refused as an outage, not as a bad token.
 */
export function remoteJwks(url: URL, origin: JwksOrigin, logger?: JwksLogger): RemoteJwks {
  let lastGood: string | undefined;
  const checkedFetch: FetchImplementation = async (resource, init) => {
    const response = await fetch(resource, init);
    if (response.status !== 200) {
      if (lastGood === undefined) throw new JwksError(origin, `answered HTTP ${response.status}`, response.status >= 500 || response.status === 429);
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
  const remote = createRemoteJWKSet(url, { cooldownDuration: JWKS_REFETCH_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS, [customFetch]: checkedFetch });
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (!isFetchFailure(error)) throw error;
      const unavailable = new KeysUnavailable(origin, error);
      logger?.error({ variable: origin.variable }, unavailable.message);
      throw unavailable;
    }
  };
  return {
    getKey,
    async load() {
      try {
        await remote.reload();
      } catch (error) {
        if (error instanceof JwksError) throw error;
        // No connection (fetch's TypeError) or no answer in time: an outage, not the key set's fault.
        const unreachable = error instanceof TypeError || (error as { code?: unknown }).code === 'ERR_JWKS_TIMEOUT';
        throw new JwksError(origin, `could not be fetched (${fetchProblem(error)})`, unreachable);
      }
    },
  };
}
