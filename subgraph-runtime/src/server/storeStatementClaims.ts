import type pg from 'pg';
import type { AggregateCache } from '../cache/AggregateCache.ts';
import { queryPrepared } from '../database/queryPrepared.ts';

/** How long past its expiry a claimed statement ID is kept: the replicas' clocks may differ by this much. */
export const CLAIM_KEPT_PAST_EXPIRY_S = 60;

/** How often a replica deletes expired claims, at most (in its next claim's statement). */
const PRUNE_EVERY_MS = 10_000;

/** The claim statement (see `storeStatementClaims`), with the expired claims' deletion or without. */
const claimStatement = (prune: boolean) =>
  `WITH ${prune ? `pruned AS (DELETE FROM _linju_caller_statement WHERE expires_at < now() - make_interval(secs => ${CLAIM_KEPT_PAST_EXPIRY_S})), ` : ''}` +
  'claimed AS (INSERT INTO _linju_caller_statement (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT (jti) DO NOTHING RETURNING 1) ' +
  'SELECT EXISTS (SELECT 1 FROM claimed) AS fresh, (SELECT version FROM _linju_store_version) AS version';
const CLAIM = claimStatement(false);
const CLAIM_AND_PRUNE = claimStatement(true);

/**
 * The store's side of the caller-statement check, shared by every replica of a subgraph (migration
 * 0007_replicas): `claim(jti, exp)` records a statement's ID under the table's primary key and
 * says whether it is the first to (false: it was accepted before, by this replica or another:
 * a replay). The same statement reads the store's version and hands it to the aggregate cache
 * (see `AggregateCache.observeVersion`), so a write committed through any replica empties this
 * one's cache before the request reads anything; now and then it also deletes the claims past
 * their expiry. One statement per request for all three.
 *
 * `exp` is the statement's expiry (seconds since the epoch), already checked by the verifier: a
 * statement past it is refused before it is claimed, so its row may go once every replica's clock
 * agrees it has expired (`CLAIM_KEPT_PAST_EXPIRY_S` later).
 */
export function storeStatementClaims(pool: Pick<pg.Pool, 'query'>, cache: AggregateCache): (jti: string, exp: number) => Promise<boolean> {
  let lastPruned = 0;
  return async (jti, exp) => {
    const prune = Date.now() - lastPruned >= PRUNE_EVERY_MS;
    if (prune) lastPruned = Date.now();
    const { rows } = await queryPrepared<{ fresh: boolean; version: string }>(pool, { text: prune ? CLAIM_AND_PRUNE : CLAIM, values: [jti, exp] });
    const row = rows[0]!;
    // The version is read in the statement's snapshot, taken before the request reads anything.
    cache.observeVersion(Number(row.version));
    return row.fresh;
  };
}
