import pg from 'pg';
import { ConfigError, type Logger } from '@linju/observability';
import { connectionRefusal, reasonOf } from './connectionRefusal.ts';
import { databaseAddress, withoutPassword } from './databaseAddress.ts';
import { isDatabaseUnavailable } from './databaseUnavailable.ts';

/** How a subgraph waits for its database at start-up. */
export interface WaitForDatabaseOptions {
  /** The variable the URL came from, named when the wait ends in failure (e.g. SICHUAN_DATABASE_URL). */
  variable: string;
  /** Connection attempts in all, at least 1. */
  attempts: number;
  /** The wait after the first failed attempt; it doubles after each, up to `maxDelayMs`. @default 500 */
  firstDelayMs?: number;
  /** @default 10000 */
  maxDelayMs?: number;
  /** Where each failed attempt is logged (warn). */
  logger: Logger;
  /** Who connects, for a certificate refused: `npm run migrate`. @default the subgraph */
  client?: string;
}

/** How long one attempt may take to connect: an address that drops packets must not hang the start. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects once to the database at `url` and runs `SELECT 1`, retrying while the server is
 * unreachable, starting or refusing connections (as `isDatabaseUnavailable` says), with a doubling
 * wait, each failed attempt logged. A refusal that waiting cannot fix (a wrong password, a database
 * that does not exist, a certificate refused either way) ends the wait at once.
 * @throws {ConfigError} one line naming `variable` and the address (user, host, port, database;
 *   never the password), and the driver's reason
 */
export async function waitForDatabase(url: string, options: WaitForDatabaseOptions): Promise<void> {
  const address = databaseAddress(url);
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  let delayMs = options.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // A connection that fails after connecting emits 'error' too: the rejected promise reports it.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1) options.logger.info({ database: address, attempt }, `database ${address} reachable at attempt ${attempt}`);
      return;
    } catch (error) {
      const reason = withoutPassword(reasonOf(error), url);
      if (!isDatabaseUnavailable(error)) {
        throw new ConfigError(options.variable, `${options.variable}: ${connectionRefusal(address, reason, error, options.client)}`);
      }
      if (attempt >= options.attempts) {
        throw new ConfigError(options.variable, `${options.variable}: cannot reach the database ${address} after ${attempt} attempts: ${reason}`);
      }
      options.logger.warn(
        { database: address, attempt, attempts: options.attempts, retryInMs: delayMs, reason },
        `database ${address} not reachable (attempt ${attempt} of ${options.attempts}: ${reason}); next attempt in ${delayMs / 1000} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
