/**
 * `npm run cluster -- --replicas 2`: the federation as replicas behind HAProxy, on the embedded
 * default (docs/deployment.md, "Replicas behind a load balancer"). Each store's PostgreSQL starts
 * once, here, under .data/ (LINJU_DATA_DIR), the same stores `npm start` uses (never run both at
 * once); then the given number of replicas of each subgraph, as many gateways (or `--gateways n`),
 * the development identity provider, and HAProxy (Debian's package) in front of the gateways on
 * port 4000 (`--port`) and of each subgraph's replicas on its port of federation.json, with health
 * checks on `/ready`. A replica that dies is started again. Ctrl-C (or SIGTERM) stops HAProxy,
 * the gateways, the subgraphs, then PostgreSQL; the data stays.
 */
import { parseArgs } from 'node:util';
import { dataRoot } from '@linju/access';
import { startCluster, type Cluster } from '@linju/testing/cluster';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const usage = 'Usage: npm run cluster -- [--replicas 2] [--gateways <n>] [--port 4000]';

function count(value: string | undefined, fallback: number, option: string, most = 16): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > most) {
    console.error(`--${option} must be a whole number from 1 to ${most}, not ${JSON.stringify(value)}\n${usage}`);
    process.exit(2);
  }
  return number;
}

const { values } = parseArgs({
  options: { replicas: { type: 'string' }, gateways: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
  strict: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const replicas = count(values.replicas, 2, 'replicas');
const gateways = count(values.gateways, replicas, 'gateways');
const port = count(values.port, 4000, 'port', 65535);

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
    dataDir: dataRoot(),
    identity: true,
    onLine: (label, line) => console.log(`${label.padEnd(11)} | ${line}`),
  });
  if (stopping) await new Promise(() => {});
  const explorer = cluster.url.replace(/\/graphql$/, '/');
  console.log(
    `\nLinju is up as a cluster in ${((Date.now() - started) / 1000).toFixed(1)} s: ${replicas} replica${replicas === 1 ? '' : 's'} of each subgraph, ${gateways} gateway${gateways === 1 ? '' : 's'}, behind HAProxy.\n` +
      `  GraphQL endpoint:    ${cluster.url}\n  Explorer (GraphiQL): ${explorer}\n  Dashboard (联合看板): ${explorer}dashboard/\n` +
      `  Each subgraph:       ${Object.entries(cluster.subgraphUrls).map(([name, url]) => `${name} ${url}`).join(', ')}\n` +
      `  HAProxy statistics:  http://127.0.0.1:${cluster.statsPort}/stats\n` +
      `${cluster.issuer ? `  Sign-in (登录):      ${cluster.issuer}\n` : ''}Ctrl-C stops everything; the data stays in ${dataRoot()} for the next start.\n`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
