/**
 * `npm start`: the whole federation on the embedded default. Starts every member's subgraph as
 * `federation.json` lists them (each creates, migrates and seeds its own embedded PostgreSQL under
 * .data/ on first start) and the development identity provider (which prints its sample accounts),
 * then the gateway, trusting that provider, then the documents server (ledger/src/server: imports,
 * exports and the briefing, which the gateway passes `/documents/` to; ledger/'s own packages are
 * installed first, once per lockfile), and prints the explorer's address. Ctrl-C (or SIGTERM)
 * stops every process, and each subgraph stops its PostgreSQL; the data stays for the next start.
 * A process that cannot start stops them all; one that dies once the federation is up is started
 * again (`restartLater`), the others running on: one side down never takes the other down.
 */
import type { ChildProcess } from 'node:child_process';
import { isAbsolute, join, relative } from 'node:path';
import { dataRoot } from '@linju/access';
import { isProduction } from '@linju/observability';
import { memberPackageFile, subgraphs } from '@linju/schema/subgraphs';
import { storesInUse } from '@linju/subgraph-runtime/storeLock';
import { ServiceProcess } from '@linju/testing/process';
import { DEFAULT_DOCUMENTS_PORT } from '../ledger/src/server/documentsConfig.ts';
import { installOwnPackage } from './installOwnPackage.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const children = new Map<string, ChildProcess>();
let stopping = false;
/** Once every process has said it is ready: from then on, one that dies is started again. */
let up = false;

/** Runs one workspace's entry point, prefixing its output, and resolves when it prints `ready`. */
function run(name: string, entry: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    // A process that cannot start says why in one fatal line (a configuration error names the variable).
    let fatal: string | undefined;
    const onLine = (line: string) => {
      console.log(`${name.padEnd(9)} | ${line}`);
      fatal = fatalMessage(line) ?? fatal;
      // Children log JSON lines; the URL ends at the closing quote of the message.
      const ready = /ready at (https?:\/\/[^\s"]+)/.exec(line);
      if (ready) resolve(ready[1]!);
    };
    const { child } = ServiceProcess.launch(name, entry, env, { onLine, keepOutput: false, exactEnv: true });
    children.set(name, child);
    const launched = Date.now();
    child.once('exit', (code, signal) => {
      children.delete(name);
      const why = `${name} exited (${signal ?? code})${fatal ? `: ${fatal}` : ''}`;
      if (stopping) {
        // Stopped with the others.
      } else if (up) {
        restartLater(name, why, Date.now() - launched, () => run(name, entry, env));
      } else {
        console.error(`${why}; stopping the federation`);
        void stopAll(1);
      }
      reject(new Error(`${name} exited before it was ready`));
    });
  });
}

/** How many times each process was started again in a row (reset once it has run a minute). */
const restarts = new Map<string, number>();

/**
 * A process that died while the federation was up, started again after a pause that doubles with
 * each quick death (1 s, 2 s, 4 s … at most 30 s): the others run on meanwhile, and the gateway
 * answers the parts of its side as unavailable until it is back.
 */
function restartLater(name: string, why: string, ranMs: number, again: () => Promise<string>): void {
  const count = ranMs > 60_000 ? 0 : (restarts.get(name) ?? 0);
  restarts.set(name, count + 1);
  const delay = Math.min(30, 2 ** count);
  console.error(`${why}; the others keep running: starting ${name} again in ${delay} s`);
  setTimeout(() => {
    if (stopping) return;
    again().then(
      () => console.log(`${name} is running again`),
      // Its own exit said what happens next.
      () => undefined,
    );
  }, delay * 1000);
}

/** The message of a child's fatal log line, if `line` is one. */
function fatalMessage(line: string): string | undefined {
  if (!line.startsWith('{"level":"fatal"')) return undefined;
  try {
    return (JSON.parse(line) as { msg?: string }).msg;
  } catch {
    return undefined;
  }
}

/** Sends SIGTERM to the named children (those still running) and waits until they have exited. */
async function terminate(names: (name: string) => boolean): Promise<void> {
  const targets = [...children].filter(([name, child]) => names(name) && child.exitCode === null && child.signalCode === null);
  const exits = targets.map(([, child]) => new Promise((resolve) => child.once('exit', resolve)));
  for (const [, child] of targets) child.kill('SIGTERM');
  await Promise.all(exits);
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  // The documents server first (its open imports and downloads still reach the gateway), then the
  // gateway, so the requests it is draining can still reach the subgraphs (and the identity
  // provider's keys); then each subgraph drains its own, closes its pool and stops its embedded PostgreSQL.
  await terminate((name) => name === 'documents');
  await terminate((name) => name === 'gateway');
  await terminate((name) => name !== 'gateway');
  process.exit(exitCode);
}

/**
 * The documents server to start, unless LINJU_DOCUMENTS_URL names one run elsewhere (then the
 * gateway is told of it as it is) or ledger/'s packages cannot be installed (then the federation
 * starts without it, and the dashboard's import, export and briefing say the service is down).
 */
function ownDocumentsServer(): { url: string; port: string } | undefined {
  if (process.env.LINJU_DOCUMENTS_URL?.trim()) return undefined;
  try {
    installOwnPackage(join(import.meta.dirname, '../ledger'), 'exceljs');
  } catch (error) {
    console.error(`${(error as Error).message}: starting without the documents server (import, export and the briefing from the dashboard)`);
    return undefined;
  }
  const port = process.env.LINJU_DOCUMENTS_PORT?.trim() || String(DEFAULT_DOCUMENTS_PORT);
  return { url: `http://127.0.0.1:${port}`, port };
}

// The stores another command runs (`npm run cluster`, another `npm start`) are left alone: one line, nothing started.
const inUse = storesInUse(dataRoot(), subgraphs.map((entry) => entry.name));
if (inUse) {
  console.error(inUse.message);
  process.exit(1);
}

// Once: a second signal (Ctrl-C reaches this process and its children alike) changes nothing.
const onSignal = () => {
  if (!stopping) void stopAll(0);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const started = Date.now();
  // The development identity provider, unless the environment names an issuer of its own (or asks for production, which refuses it).
  const ownIssuer = ['LINJU_OIDC_ISSUER', 'LINJU_JWKS_FILE', 'LINJU_JWKS_URL'].some((variable) => process.env[variable]?.trim());
  const identity = ownIssuer || isProduction(process.env) ? undefined : run('identity', 'identity/src/index.ts');
  // ledger/'s exceljs, docx, ECharts and resvg (the root's install leaves them out): a no-op once installed.
  const documents = ownDocumentsServer();
  const [issuer, ...subgraphUrls] = await Promise.all([identity, ...subgraphs.map((entry) => run(entry.name, memberPackageFile(entry, 'src/index.ts')))]);
  const gateway = await run('gateway', 'gateway/src/index.ts', {
    // Where each subgraph said it listens (SICHUAN_PORT … may have moved it), unless SICHUAN_URL … say otherwise.
    ...Object.fromEntries(subgraphs.map((entry, i) => [entry.urlVariable, subgraphUrls[i]!])),
    ...process.env,
    ...(issuer && { LINJU_OIDC_ISSUER: issuer }),
    ...(documents && { LINJU_DOCUMENTS_URL: documents.url }),
  });
  if (documents) await run('documents', 'ledger/src/server/index.ts', { ...process.env, LINJU_DOCUMENTS_PORT: documents.port, LINJU_GATEWAY_URL: gateway });
  up = true;
  const explorer = gateway.replace(/\/graphql$/, '/');
  console.log(`\nLinju is up in ${((Date.now() - started) / 1000).toFixed(1)} s.\n  Explorer (GraphiQL): ${explorer}\n  GraphQL endpoint:    ${gateway}\n  Dashboard (联合看板): ${explorer}dashboard/ (the gateway's 'Joint dashboard' line above opens it with a viewer token)\n${issuer ? `  Sign-in (登录):      ${issuer} (development accounts: the identity lines above)\n` : ''}${documents ? `  Documents (导入导出): ${explorer}documents/ (the dashboard's 台账导入, 导出 and 生成简报; served by the documents server at ${documents.url})\n` : ''}Ctrl-C stops everything; the data stays in ${shownDataDir()} for the next start.\n`);
} catch (error) {
  if (!stopping) {
    console.error((error as Error).message);
    await stopAll(1);
  }
}

/** Where the data stays, as the person typing `npm start` would write it: `.data/`, or LINJU_DATA_DIR's folder. */
function shownDataDir(): string {
  const inHere = relative(process.cwd(), dataRoot());
  return inHere && !inHere.startsWith('..') && !isAbsolute(inHere) ? `${inHere}/` : `${dataRoot()}/`;
}
