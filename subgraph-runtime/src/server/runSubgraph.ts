import { gatewaySecret, gatewaySecretVariable, previousGatewaySecret, previousGatewaySecretVariable } from '@linju/access';
import { ConfigError, createLogger, exitOnConfigError, startTracing, stopOnSignals, type Logger } from '@linju/observability';
import { checkEmbeddedReach } from '../database/EmbeddedCluster.ts';
import { readSubgraphConfig } from './readSubgraphConfig.ts';
import type { RunningSubgraph, SubgraphOptions } from './startSubgraph.ts';

/**
 * Entry point of a subgraph process: reads its configuration from the environment once (see
 * `readSubgraphConfig` and docs/configuration.md), starts, says where it listens, and on
 * SIGINT/SIGTERM drains in-flight requests (up to Apollo's drain grace period, 10 s), then closes
 * the pool and stops embedded PostgreSQL (when it runs one), and exits 0.
 *
 * Whatever the operator must fix (a malformed or missing variable, a database that cannot be
 * reached or belongs to another member, a data folder embedded PostgreSQL cannot reach) ends the
 * process with exit code 1 and one line naming the variable, before the store is touched where it
 * can be; anything else is a defect and keeps its stack.
 */
export async function runSubgraph(name: string, start: (options: SubgraphOptions) => Promise<RunningSubgraph>): Promise<void> {
  let logger: Logger | undefined;
  try {
    logger = createLogger(name);
    const config = readSubgraphConfig(name);
    const tracing = await startTracing(name);
    // As root, before the data folder or the secrets in it are made: a folder PostgreSQL's account
    // cannot reach is refused now, not after it has been handed to that account.
    if (!config.databaseUrl) checkEmbeddedReach(config.dataDir, { dataDir: 'LINJU_DATA_DIR', databaseUrl: config.databaseUrlVariable });
    const secrets = readGatewaySecrets(name);
    const signals = stopOnSignals({ logger, tracing, stopping: stoppingWhat(!config.databaseUrl) });
    const running = await start({ ...config, gatewaySecret: secrets, logger });
    logger.info({ url: running.url, traceExporters: tracing.exporters }, `subgraph ready at ${running.url}`);
    // The server first (no new connections; requests under way finish), then the pool, then PostgreSQL.
    await signals.ready(() => running.stop());
  } catch (error) {
    exitOnConfigError(error, logger);
  }
}

/** What a subgraph says it does on SIGTERM: an external store (`<NAME>_DATABASE_URL`) is only disconnected from. */
function stoppingWhat(embedded: boolean): string {
  return `draining in-flight requests, then closing the pool${embedded ? ' and stopping the embedded PostgreSQL' : ''}`;
}

/**
 * The secrets whose caller statements it accepts: `<NAME>_GATEWAY_SECRET` (or the embedded
 * default's generated one under `LINJU_DATA_DIR`), then `<NAME>_GATEWAY_SECRET_PREVIOUS` during a
 * rollover; a refusal names whichever variable it is.
 */
function readGatewaySecrets(name: string): string[] {
  const variable = gatewaySecretVariable(name);
  let current: string;
  try {
    current = gatewaySecret(name);
  } catch (error) {
    throw new ConfigError(process.env[variable]?.trim() ? variable : 'LINJU_DATA_DIR', (error as Error).message);
  }
  try {
    const previous = previousGatewaySecret(name);
    return previous ? [current, previous] : [current];
  } catch (error) {
    throw new ConfigError(previousGatewaySecretVariable(name), (error as Error).message);
  }
}
