import { resolve } from 'node:path';
import { dataRoot, gatewaySecret } from '@linju/access';
import { createLogger } from '@linju/observability';
import { stopOnSignals } from '@linju/observability';
import { startTracing } from '@linju/observability';
import { FEDERATION } from '@linju/contract';
import { isProduction } from '@linju/observability';
import type { RunningSubgraph, SubgraphOptions } from './startSubgraph.ts';
import { readAggregateCacheTtl } from '../cache/AggregateCache.ts';

/**
 * Entry point of a subgraph process: reads its configuration from the environment once, starts,
 * says where it listens, and on SIGINT/SIGTERM drains in-flight requests (up to Apollo's drain
 * grace period, 10 s), then closes the pool and stops embedded PostgreSQL, and exits 0.
 *
 * Variables (NAME is the subgraph's name in capitals, e.g. SICHUAN):
 * - `NAME_PORT`: port to listen on (default: its port in the membership file, `federation.json`);
 * - `NAME_DATABASE_URL`: an external PostgreSQL; unset means embedded;
 * - `LINJU_DATA_DIR`: where embedded clusters live (default `.data` at the repository root);
 * - `NAME_GATEWAY_SECRET`: the secret shared with the gateway (embedded default: generated there);
 * - `LINJU_ENV`: `production` (or `NODE_ENV=production`) masks internal errors, turns introspection,
 *   suggestions and stack traces off, and requires `NAME_GATEWAY_SECRET` instead of generating one;
 * - `LOG_LEVEL` (default info) for its JSON log lines, and the standard `OTEL_*` variables for its
 *   traces (exported only when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_TRACES_EXPORTER` is set).
 */
export async function runSubgraph(name: string, start: (options: SubgraphOptions) => Promise<RunningSubgraph>): Promise<void> {
  const prefix = name.toUpperCase();
  const member = name === 'joint' ? FEDERATION.joint : FEDERATION.jurisdictions.find((j) => j.key === name);
  if (!member) throw new Error(`${name} is not a member of the federation (${FEDERATION.file})`);
  const defaultPort = member.port;
  const portText = process.env[`${prefix}_PORT`] ?? String(defaultPort);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${prefix}_PORT must be a port number, got "${portText}"`);
  const aggregateCacheTtlMs = readAggregateCacheTtl();
  const logger = createLogger(name);
  const tracing = await startTracing(name);
  const production = isProduction();
  // A generated secret is the embedded default's: in production it must come from configuration.
  if (production && !process.env[`${prefix}_GATEWAY_SECRET`]?.trim()) {
    throw new Error(`${prefix}_GATEWAY_SECRET must be set in production (LINJU_ENV=production or NODE_ENV=production)`);
  }
  const signals = stopOnSignals({ logger, tracing, stopping: 'draining in-flight requests, then closing the pool and stopping PostgreSQL' });
  const running = await start({
    gatewaySecret: gatewaySecret(name),
    production,
    port,
    host: process.env.LINJU_HOST ?? '127.0.0.1',
    databaseUrl: process.env[`${prefix}_DATABASE_URL`] || undefined,
    dataDir: resolve(dataRoot(), name),
    logger,
    aggregateCacheTtlMs,
  });
  logger.info({ url: running.url, traceExporters: tracing.exporters }, `subgraph ready at ${running.url}`);
  // The server first (no new connections; requests under way finish), then the pool, then PostgreSQL.
  await signals.ready(() => running.stop());
}
