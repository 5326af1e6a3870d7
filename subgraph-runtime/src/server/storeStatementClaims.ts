import type pg from 'pg';
import type { AggregateCache } from '../cache/AggregateCache.ts';
import { batchWhileBusy } from '../database/batchWhileBusy.ts';
import { queryPrepared } from '../database/queryPrepared.ts';

/** How long past its expiry a claimed statement ID is kept: the replicas' clocks may differ by this much. */
export const CLAIM_KEPT_PAST_EXPIRY_S = 60;

/** How often a replica deletes expired claims, at most (in its next claim's statement). */
const PRUNE_EVERY_MS = 10_000;

/** Claims sent in one statement at most. */
const MAX_CLAIMS = 64;

/**
 * The claim statement (see `storeStatementClaims`), with the expired claims' deletion or without:
 * the IDs of `$1` (with the expiries of `$2`, seconds since the epoch) that no replica claimed
 * before, and the store's version. One text for any number of claims, so it is prepared once.
 */
const claimStatement = (prune: boolean) =>
  `WITH ${prune ? `pruned AS (DELETE FROM _linju_caller_statement WHERE expires_at < now() - make_interval(secs => ${CLAIM_KEPT_PAST_EXPIRY_S})), ` : ''}` +
  // In the IDs' order: two replicas' batches holding the same IDs (a replay racing its original)
  // take their keys in one order, so neither waits on the other (no deadlock).
  'claimed AS (INSERT INTO _linju_caller_statement (jti, expires_at) SELECT jti, to_timestamp(exp) FROM unnest($1::text[], $2::float8[]) AS claim (jti, exp) ORDER BY jti ' +
  'ON CONFLICT (jti) DO NOTHING RETURNING jti) ' +
  'SELECT ARRAY(SELECT jti FROM claimed) AS fresh, (SELECT version FROM _linju_store_version) AS version';
const CLAIM = claimStatement(false);
const CLAIM_AND_PRUNE = claimStatement(true);

/**
 * The store's side of the caller-statement check, shared by every replica of a subgraph (migration
 * 0007_replicas): `claim(jti, exp)` records a statement's ID under the table's primary key and
 * says whether it is the first to (false: it was accepted before, by this replica or another:
 * a replay). The same statement reads the store's version and hands it to the aggregate cache
 * (see `AggregateCache.observeVersion`), so a write committed through any replica empties this
 * one's cache before the request reads anything; now and then it also deletes the claims past
 * their expiry.
 *
 * Claims that arrive while one statement is under way are sent together in the next
 * (`batchWhileBusy`, as the audit log's entries are): each request still waits for its own claim, made before
 * it reads anything, and a busy replica sends fewer statements than it has requests. The same ID
 * twice in one statement is claimed by the first asker only; the other is a replay. Should the
 * statement fail (the store is down), every claim in it fails, and the claims queued meanwhile go
 * in the next.
 *
 * `exp` is the statement's expiry (seconds since the epoch), already checked by the verifier: a
 * statement past it is refused before it is claimed, so its row may go once every replica's clock
 * agrees it has expired (`CLAIM_KEPT_PAST_EXPIRY_S` later).
 */
export function storeStatementClaims(pool: Pick<pg.Pool, 'query'>, cache: AggregateCache): (jti: string, exp: number) => Promise<boolean> {
  let lastPruned = 0;
  const claim = batchWhileBusy<{ jti: string; exp: number }, boolean>(MAX_CLAIMS, async (batch) => {
    const prune = Date.now() - lastPruned >= PRUNE_EVERY_MS;
    if (prune) lastPruned = Date.now();
    const { rows } = await queryPrepared<{ fresh: string[]; version: string }>(pool, {
      text: prune ? CLAIM_AND_PRUNE : CLAIM,
      values: [batch.map((p) => p.item.jti), batch.map((p) => p.item.exp)],
    });
    const row = rows[0]!;
    // The version is read in the statement's snapshot, taken before these requests read anything.
    cache.observeVersion(Number(row.version));
    const fresh = new Set(row.fresh);
    // Deleted as it is answered: a second asker of the same ID in this batch is a replay.
    for (const pending of batch) pending.answer(fresh.delete(pending.item.jti));
  });
  return (jti, exp) => claim({ jti, exp });
}
