import type pg from 'pg';
import type { Logger } from '@linju/observability';
import { connectionRefusal, isCertificateRefusal, reasonOf } from './connectionRefusal.ts';
import { databaseAddress, withoutPassword } from './databaseAddress.ts';

/**
 * A subgraph's readiness check of its store: one trivial statement through the very pool the
 * resolvers use, so it fails exactly when they would (PostgreSQL down, unreachable, refusing).
 */
export async function databaseReady(pool: Pick<pg.Pool, 'query'>): Promise<void> {
  await pool.query('SELECT 1');
}

/** Where the readiness check tells why the store is not ready. */
export interface DatabaseReadinessOptions {
  logger: Logger;
  /** The store's URL (`<KEY>_DATABASE_URL`), for its address and to keep its password out; none for the embedded cluster. */
  url?: string;
}

/**
 * {@link databaseReady}, telling the log why the store is not ready, once per change of reason (a
 * warning: the driver's reason, password taken out, and a certificate the subgraph refused said as
 * that), and once when it answers again: `/ready` says only `database: down`, and a pool's lost
 * idle connection says nothing of why the next one cannot be made.
 */
export function databaseReadiness(pool: Pick<pg.Pool, 'query'>, options: DatabaseReadinessOptions): () => Promise<void> {
  const address = options.url ? databaseAddress(options.url) : 'the embedded cluster';
  let failing: string | undefined;
  return async () => {
    try {
      await databaseReady(pool);
    } catch (error) {
      const driver = reasonOf(error);
      const reason = options.url ? withoutPassword(driver, options.url) : driver;
      if (reason !== failing) {
        failing = reason;
        const why = isCertificateRefusal(error) ? connectionRefusal(address, reason, error) : `the database ${address} does not answer: ${reason}`;
        options.logger.warn({ reason: 'database', database: address }, `not ready: ${why}`);
      }
      throw error;
    }
    if (failing === undefined) return;
    failing = undefined;
    options.logger.info({ reason: 'database', database: address }, `ready again: the database ${address} answers`);
  };
}
