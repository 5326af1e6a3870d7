import { resolve } from 'node:path';
import { dataRoot, gatewaySecret } from '../auth/gatewaySecret.ts';
import { isProduction } from './runMode.ts';
import type { RunningSubgraph, SubgraphOptions } from './startSubgraph.ts';

/**
 * Entry point of a subgraph process: reads its configuration from the environment once, starts,
 * says where it listens, and on SIGINT/SIGTERM stops the server, the pool and embedded PostgreSQL.
 *
 * Variables (NAME is the subgraph's name in capitals, e.g. SICHUAN):
 * - `NAME_PORT`: port to listen on (default: the subgraph's own, 4001–4003);
 * - `NAME_DATABASE_URL`: an external PostgreSQL; unset means embedded;
 * - `LINJU_DATA_DIR`: where embedded clusters live (default `.data` at the repository root);
 * - `NAME_GATEWAY_SECRET`: the secret shared with the gateway (embedded default: generated there);
 * - `LINJU_ENV`: `production` (or `NODE_ENV=production`) masks internal errors, turns introspection,
 *   suggestions and stack traces off, and requires `NAME_GATEWAY_SECRET` instead of generating one.
 */
export async function runSubgraph(
  name: string,
  defaultPort: number,
  start: (options: SubgraphOptions) => Promise<RunningSubgraph>,
): Promise<void> {
  const prefix = name.toUpperCase();
  const portText = process.env[`${prefix}_PORT`] ?? String(defaultPort);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${prefix}_PORT must be a port number, got "${portText}"`);
  const production = isProduction();
  // A generated secret is the embedded default's: in production it must come from configuration.
  if (production && !process.env[`${prefix}_GATEWAY_SECRET`]?.trim()) {
    throw new Error(`${prefix}_GATEWAY_SECRET must be set in production (LINJU_ENV=production or NODE_ENV=production)`);
  }
  const running = await start({
    gatewaySecret: gatewaySecret(name),
    production,
    port,
    host: process.env.LINJU_HOST ?? '127.0.0.1',
    databaseUrl: process.env[`${prefix}_DATABASE_URL`] || undefined,
    dataDir: resolve(dataRoot(), name),
  });
  console.log(`[${name}] subgraph ready at ${running.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[${name}] ${signal}: stopping`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
