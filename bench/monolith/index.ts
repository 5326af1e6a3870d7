/**
 * The monolith baseline's process (started by `npm run bench`): `MONOLITH_PORT`, the supergraph at
 * `LINJU_SUPERGRAPH` (default the committed one), the cluster and development key under
 * `LINJU_DATA_DIR`. Stops on SIGTERM/SIGINT: the server, the pools, then PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataRoot } from '@linju/access';
import { devKeyAuthenticator } from '../auth/devKeyAuthenticator.ts';
import { openMonolith } from '../data/benchStores.ts';
import { startMonolith } from './startMonolith.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

const root = resolve(import.meta.dirname, '..', '..');
const port = Number(process.env.MONOLITH_PORT ?? 4504);
const store = await openMonolith(join(dataRoot(), 'monolith'));
const authenticate = await devKeyAuthenticator();
const monolith = await startMonolith({
  supergraphSdl: readFileSync(process.env.LINJU_SUPERGRAPH ?? join(root, 'schema', 'supergraph.graphql'), 'utf8'),
  pools: store.pools,
  statements: store.statements,
  authenticate,
  port,
});
console.log(`monolith ready at ${monolith.url}`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await monolith.stop();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
