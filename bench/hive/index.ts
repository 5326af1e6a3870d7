/**
 * The Hive Gateway baseline's process (started by `npm run bench`): `@graphql-hive/gateway` serving
 * the committed supergraph in front of the same subgraphs as Linju's gateway (`SICHUAN_URL`,
 * `CHONGQING_URL`, `JOINT_URL`), on `HIVE_PORT`, with the same authentication and the same signed
 * caller statements (see `callerStatementPlugin.ts`). It reports nowhere: no registry token, no
 * usage reporting, no landing page or GraphiQL (which would load a CDN).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { gatewaySecret } from '@linju/access';
import { contractDeclarations } from '@linju/schema/subgraphs';
import { devKeyAuthenticator } from '../auth/devKeyAuthenticator.ts';
import { callerStatementPlugin, type SignedSubgraph } from './callerStatementPlugin.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
// Nothing in this process may report to a registry, whatever the environment says.
for (const variable of ['HIVE_REGISTRY_TOKEN', 'HIVE_CDN_KEY', 'APOLLO_KEY', 'APOLLO_GRAPH_REF']) delete process.env[variable];

const root = resolve(import.meta.dirname, '..', '..');
const port = Number(process.env.HIVE_PORT ?? 4505);
let supergraph = readFileSync(process.env.LINJU_SUPERGRAPH ?? join(root, 'schema', 'supergraph.graphql'), 'utf8');
const subgraphs: SignedSubgraph[] = [];
// The supergraph names each subgraph's default URL; the bench's own ports replace them. The
// contract declarations are called by no plan: no URL, no secret.
supergraph = supergraph.replace(/@join__graph\(name: "([a-z]+)", url: "([^"]+)"\)/g, (all, name: string, url: string) => {
  if (name === contractDeclarations.name) return all;
  const target = process.env[`${name.toUpperCase()}_URL`] ?? url;
  subgraphs.push({ name, url: target, secret: gatewaySecret(name) });
  return `@join__graph(name: "${name}", url: "${target}")`;
});
const authenticate = await devKeyAuthenticator();
const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  landingPage: false,
  graphiql: false,
  healthCheckEndpoint: '/health',
  // Hive merges identical in-flight subgraph queries by default, keyed on the body alone: requests of
  // different callers would share one caller statement (one caller's rights, one audit entry). Linju's
  // gateway sends each client request's fetches on their own, so Hive must too for a fair comparison.
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  plugins: () => [callerStatementPlugin(authenticate, subgraphs)],
});
const server = createServer(gateway);
await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
console.log(`hive gateway ready at http://127.0.0.1:${port}/graphql`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await gateway.dispose();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
