/**
 * `npm run cluster -- --replicas 2`: the federation as replicas behind HAProxy, on the embedded
 * default (docs/deployment.md, "Replicas behind a load balancer"). Each store's PostgreSQL starts
 * once, here, under .data/ (LINJU_DATA_DIR), the same stores `npm start` uses (one at a time: each store's
 * folder is held by the process running its PostgreSQL, `store.lock`, and the second command refuses); then the given number of replicas of each subgraph, as many gateways (or `--gateways n`),
 * the development identity provider, and HAProxy (Debian's package) in front of the gateways on
 * port 4000 (`--port`, else `PORT`) and of each subgraph's replicas on `<KEY>_PORT`, else its port
 * of federation.json (as under `npm start`: scripts/clusterCommand.ts), with health checks on
 * `/ready`. A replica that dies is started again. Ctrl-C (or SIGTERM) stops HAProxy, the gateways,
 * the subgraphs, then PostgreSQL; the data stays.
 */
import { dataRoot } from '@linju/access';
import { subgraphs } from '@linju/schema/subgraphs';
import { storesInUse } from '@linju/subgraph-runtime/storeLock';
import { startCluster, type Cluster } from '@linju/testing/cluster';
import { CLUSTER_USAGE, clusterCommand, ClusterUsageError, throughBalancer } from './clusterCommand.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const command = (() => {
  try {
    return clusterCommand(process.argv.slice(2), process.env, subgraphs);
  } catch (error) {
    if (!(error instanceof ClusterUsageError)) throw error;
    console.error(`${error.message}\n${CLUSTER_USAGE}`);
    process.exit(2);
  }
})();
if (command === 'help') {
  console.log(CLUSTER_USAGE);
  process.exit(0);
}
const { replicas, gateways, port, subgraphPorts } = command;
// The stores another command runs (`npm start`, another cluster) are left alone: one line, nothing started.
const inUse = storesInUse(dataRoot(), subgraphs.map((entry) => entry.name));
if (inUse) {
  console.error(inUse.message);
  process.exit(1);
}

let cluster: Cluster | undefined;
let stopping = false;
const onSignal = () => {
  if (stopping) return;
  stopping = true;
  console.log('stopping: HAProxy, the gateways, the subgraphs, then PostgreSQL');
  void (cluster?.stop() ?? Promise.resolve()).then(() => process.exit(0));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const started = Date.now();
try {
  cluster = await startCluster({
    replicas,
    gateways,
    port,
    subgraphPorts,
    dataDir: dataRoot(),
    identity: true,
    onLine: (label, line) => console.log(`${label.padEnd(13)} | ${label.startsWith('gateway') ? throughBalancer(line, port) : line}`),
  });
  if (stopping) await new Promise(() => {});
  const explorer = cluster.url.replace(/\/graphql$/, '/');
  console.log(
    `\nLinju is up as a cluster in ${((Date.now() - started) / 1000).toFixed(1)} s: ${replicas} replica${replicas === 1 ? '' : 's'} of each subgraph, ${gateways} gateway${gateways === 1 ? '' : 's'}, behind HAProxy.\n` +
      `  GraphQL endpoint:    ${cluster.url}\n  Explorer (GraphiQL): ${explorer}\n  Dashboard (联合看板): ${explorer}dashboard/ (the gateways' 'Joint dashboard' lines above open it with a viewer token)\n` +
      `  Each subgraph:       ${Object.entries(cluster.subgraphUrls).map(([name, url]) => `${name} ${url}`).join(', ')}\n` +
      `  HAProxy statistics:  http://127.0.0.1:${cluster.statsPort}/stats\n` +
      `${cluster.issuer ? `  Sign-in (登录):      ${cluster.issuer}\n` : ''}Ctrl-C stops everything; the data stays in ${dataRoot()} for the next start.\n`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
