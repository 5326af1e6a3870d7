import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabaseIfMissing, EmbeddedCluster, freePort } from '@linju/subgraph-runtime';
import { subgraphs } from '@linju/schema/subgraphs';
import { ServiceProcess } from '../ServiceProcess.ts';
import { busyPorts, startBalancer } from './balancer.ts';
import { startReaper } from './reaper.ts';

export { startBalancer } from './balancer.ts';
import { haproxyConfig, haproxyServerStates, type BalancedTier } from './haproxyConfig.ts';

/** How to run the cluster. */
export interface ClusterOptions {
  /** Replicas of each subgraph. */
  replicas: number;
  /** Gateways. @default `replicas` */
  gateways?: number;
  /** `LINJU_DATA_DIR`: each store's embedded PostgreSQL (`<dir>/<name>`) and the generated secrets and keys. */
  dataDir: string;
  /** Where the balancer takes the federation's requests. @default 4000 */
  port?: number;
  /** Where the balancer takes each subgraph's requests, by name. @default each member's port in federation.json */
  subgraphPorts?: Readonly<Record<string, number>>;
  /** HAProxy's statistics page (`/stats`, `/stats;csv`). @default a free port */
  statsPort?: number;
  /** Start the development identity provider, and have the gateways trust it (as `npm start` does). @default false */
  identity?: boolean;
  /** `false` for a throwaway cluster (fsync off). @default true */
  durable?: boolean;
  /** Each line a process prints, with its label. */
  onLine?: (label: string, line: string) => void;
  /** A replica that exits on its own is started again after this long. @default 1000 */
  restartDelayMs?: number;
  /** Added to every replica's environment. */
  env?: Readonly<Record<string, string>>;
}

/** One replica: a subgraph's or a gateway, on a port of its own that it keeps across restarts. */
export interface Replica {
  /** `sichuan-1`, `gateway-2` … */
  label: string;
  /** `gateway`, or the subgraph's name. */
  tier: string;
  port: number;
  /** Its GraphQL URL, bypassing the balancer. */
  url: string;
  /** The process now running it (a new one after each restart). */
  process: ServiceProcess;
  /** How many times it was started again after exiting on its own. */
  restarts: number;
}

export interface Cluster {
  /** The federation's GraphQL URL, through the balancer. */
  url: string;
  /** Each subgraph's URL through the balancer, by name. */
  subgraphUrls: Record<string, string>;
  replicas: Replica[];
  /** The identity provider's issuer URL, when one was started. */
  issuer?: string;
  statsPort: number;
  /** The replica of this label. */
  replica(label: string): Replica;
  /** The process ID of a store's PostgreSQL (by the subgraph's name), while it runs. */
  storePid(name: string): number | undefined;
  /** Each replica's state in HAProxy's `-ready` backend of its tier (`UP`, `DOWN` …), by label. */
  states(): Promise<Record<string, string>>;
  /** HAProxy first, then the gateways, the subgraphs, and each store's PostgreSQL. */
  stop(): Promise<void>;
}

/** The HAProxy binary, or undefined when it is not installed. */
export function haproxyBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

/**
 * The federation as several replicas of each tier behind HAProxy, on the embedded default: each
 * store's PostgreSQL started once, here (every replica of its subgraph connects to it through
 * `<NAME>_DATABASE_URL`, none starts its own); `replicas` processes of each subgraph; `gateways`
 * gateways, each reaching the subgraphs through the balancer's per-subgraph frontend; the balancer
 * in front of the gateways. The first replica of each tier starts alone (it migrates and seeds the
 * store, or makes the gateway's development keys), the others after it. A replica that exits on
 * its own (a crash, `kill -9`) is started again on the same port, as a process manager would.
 * Should this process be killed, a reaper started first stops what it started (see reaper.ts).
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const haproxy = haproxyBinary();
  if (!haproxy) throw new Error('HAProxy is not installed: apt-get install haproxy (Debian’s package)');
  const gatewayCount = options.gateways ?? options.replicas;
  // Each child process watches this one's exit (see ServiceProcess): a dozen of them is no leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 64));
  const clusterDir = join(options.dataDir, 'cluster');
  mkdirSync(clusterDir, { recursive: true });
  const say = options.onLine ?? (() => {});
  // Before anything it is to stop is started.
  const reaper = startReaper();
  const stores: EmbeddedCluster[] = [];
  const storesByName = new Map<string, EmbeddedCluster>();
  const replicas: Replica[] = [];
  let balancer: ChildProcess | undefined;
  let stopping = false;

  const stop = async () => {
    stopping = true;
    if (balancer && balancer.exitCode === null) {
      const exited = new Promise((resolve) => balancer!.once('exit', resolve));
      balancer.kill('SIGTERM');
      await exited;
    }
    await Promise.all(replicas.filter((r) => r.tier === 'gateway' || r.tier === 'identity').map((r) => r.process.stop()));
    await Promise.all(replicas.filter((r) => r.tier !== 'gateway' && r.tier !== 'identity').map((r) => r.process.stop()));
    await Promise.all(stores.map((store) => store.stop()));
    // Nothing left for it to stop: it ends.
    reaper.close();
  };

  /**
   * A store's PostgreSQL that exits on its own (killed, crashed) is started again on its port, as its
   * replicas are: meanwhile they answer DATABASE_UNAVAILABLE, then reconnect. One that cannot be
   * started again is named, with what to do.
   */
  const restartStore = async (name: string, store: EmbeddedCluster, exit: string) => {
    if (stopping) return;
    const label = `${name}-store`;
    say(label, `the ${name} store's PostgreSQL exited (${exit}); starting it again (its replicas answer DATABASE_UNAVAILABLE meanwhile)`);
    await new Promise((resolve) => setTimeout(resolve, options.restartDelayMs ?? 1000));
    if (stopping) return;
    try {
      await store.start();
      if (stopping) return void (await store.stop());
      say(label, `the ${name} store is up again`);
    } catch (error) {
      say(label, `the ${name} store is DOWN and could not be started again (${(error as Error).message.split('\n')[0]}): stop the cluster (Ctrl-C) and run npm run cluster again`);
    }
  };

  /** Starts a replica's process and keeps it running: one that exits on its own starts again. */
  const launch = async (replica: Omit<Replica, 'process' | 'restarts' | 'url'>, entry: string, env: Record<string, string>): Promise<Replica> => {
    const startProcess = () =>
      ServiceProcess.start(replica.label, entry, { ...env, ...options.env }, 300_000, { keepOutput: false, onLine: (line) => say(replica.label, line) });
    const stage = replica.tier === 'gateway' || replica.tier === 'identity' ? 'gateways' : 'subgraphs';
    const guarded = async () => {
      const started = await startProcess();
      reaper.guard(stage, started.pid);
      return started;
    };
    const running: Replica = { ...replica, process: await guarded(), url: '', restarts: 0 };
    running.url = running.process.url;
    const supervise = (child: ServiceProcess) =>
      void child.exited.then(async (exit) => {
        if (stopping) return;
        say(running.label, `exited (${exit.signal ?? exit.code}); starting it again`);
        await new Promise((resolve) => setTimeout(resolve, options.restartDelayMs ?? 1000));
        while (!stopping) {
          try {
            running.process = await guarded();
            // Stopped while it started: it goes too.
            if (stopping) return void (await running.process.stop());
            running.restarts++;
            supervise(running.process);
            return;
          } catch (error) {
            say(running.label, `could not start again: ${(error as Error).message.split('\n')[0]}`);
            await new Promise((resolve) => setTimeout(resolve, 2000));
          }
        }
      });
    supervise(running.process);
    replicas.push(running);
    return running;
  };

  const subgraphPorts = Object.fromEntries(subgraphs.map(({ name, defaultPort }) => [name, options.subgraphPorts?.[name] ?? defaultPort]));
  const publicPort = options.port ?? 4000;
  // What each of HAProxy's frontends is for, by port: a port another process holds stops the start before anything is started.
  const frontends = new Map<number, string>([[publicPort, "the gateways' frontend"], ...subgraphs.map(({ name }) => [subgraphPorts[name]!, `${name}'s frontend`] as [number, string])]);
  const busy = await busyPorts(frontends);
  if (busy.length > 0) {
    reaper.close();
    throw new Error(busy.join('\n'));
  }

  try {
    // Each store's PostgreSQL, once: the replicas are its clients.
    const storeUrls = Object.fromEntries(
      await Promise.all(
        subgraphs.map(async ({ name }) => {
          const store: EmbeddedCluster = new EmbeddedCluster({
            dataDir: join(options.dataDir, name),
            durable: options.durable,
            onExit: (exit) => void restartStore(name, store, exit),
            onLaunch: (pid) => reaper.guard('stores', pid),
          });
          await store.start();
          stores.push(store);
          storesByName.set(name, store);
          await createDatabaseIfMissing(store.url('postgres'));
          return [name, store.url('linju')] as const;
        }),
      ),
    );
    const statsPort = options.statsPort ?? (await freePort());
    const base = { LINJU_DATA_DIR: options.dataDir };

    const freePorts = (count: number) => Promise.all(Array.from({ length: count }, () => freePort()));
    const startTier = async (tier: string, ports: readonly number[], start: (label: string, port: number) => Promise<Replica>) => {
      // The first alone: it migrates and seeds the store (or makes the development keys) that the others find.
      await start(`${tier}-1`, ports[0]!);
      await Promise.all(ports.slice(1).map((port, i) => start(`${tier}-${i + 2}`, port)));
    };

    let issuer: string | undefined;
    if (options.identity) {
      // Its pages send the browser back to the gateways through the balancer.
      const identity = await launch({ label: 'identity', tier: 'identity', port: 0 }, 'identity/src/index.ts', { ...base, LINJU_IDP_GATEWAY_URL: `http://127.0.0.1:${options.port ?? 4000}` });
      issuer = identity.url;
    }
    await Promise.all(
      subgraphs.map(({ name, directory }) =>
        freePorts(options.replicas).then((ports) => startTier(name, ports, (label, port) =>
          launch({ label, tier: name, port }, join(directory, 'src/index.ts'), { ...base, [`${name.toUpperCase()}_PORT`]: String(port), [`${name.toUpperCase()}_DATABASE_URL`]: storeUrls[name]! }),
        )),
      ),
    );
    const subgraphUrls = Object.fromEntries(subgraphs.map(({ name }) => [name, `http://127.0.0.1:${subgraphPorts[name]}/graphql`]));
    const subgraphTiers: BalancedTier[] = subgraphs.map(({ name }) => ({
      name,
      port: subgraphPorts[name]!,
      servers: replicas.filter((r) => r.tier === name).map(({ label, port }) => ({ label, port })),
    }));
    // The subgraphs' frontends first: the gateways reach the subgraphs through them from their first request.
    const gatewayPorts = await freePorts(gatewayCount);
    const gatewayTier: BalancedTier = { name: 'gateway', port: publicPort, servers: gatewayPorts.map((port, i) => ({ label: `gateway-${i + 1}`, port })) };
    const configFile = join(clusterDir, 'haproxy.cfg');
    writeFileSync(configFile, haproxyConfig([gatewayTier, ...subgraphTiers], statsPort));
    const check = spawnSync(haproxy, ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`HAProxy refused ${configFile}:\n${check.stderr}${check.stdout}`);
    // Every frontend bound, or its reason for exiting (a port taken since the check above) at once.
    const started = await startBalancer(haproxy, configFile, statsPort, frontends, (line) => say('haproxy', line), (pid) => reaper.guard('balancer', pid));
    balancer = started.child;
    // Should it exit while the gateways start, the start fails with its reason rather than waiting for replicas it cannot see.
    const balancerExited = started.failure.then((reason) => {
      if (!stopping) say('haproxy', reason);
      throw new Error(reason);
    });
    balancerExited.catch(() => {});
    const gatewayEnv = {
      ...base,
      LINJU_GATEWAY_REPLICAS: String(gatewayCount),
      // HAProxy, on this machine: its X-Forwarded-For names each request's client in the gateways' log.
      LINJU_TRUSTED_PROXIES: '127.0.0.1',
      ...Object.fromEntries(subgraphs.map(({ name, urlVariable }) => [urlVariable, subgraphUrls[name]!])),
      ...(issuer && { LINJU_OIDC_ISSUER: issuer }),
    };
    await Promise.race([balancerExited, startTier('gateway', gatewayPorts, (label, port) => launch({ label, tier: 'gateway', port }, 'gateway/src/index.ts', { ...gatewayEnv, PORT: String(port) }))]);
    const cluster: Cluster = {
      url: `http://127.0.0.1:${publicPort}/graphql`,
      subgraphUrls,
      replicas,
      ...(issuer && { issuer }),
      statsPort,
      storePid: (name) => storesByName.get(name)?.pid,
      replica(label) {
        const found = replicas.find((r) => r.label === label);
        if (!found) throw new Error(`No replica ${label}`);
        return found;
      },
      async states() {
        const states = await haproxyServerStates(statsPort);
        return Object.fromEntries([...states].filter(([key]) => key.split('/')[0]!.endsWith('-ready')).map(([key, state]) => [key.split('/')[1]!, state]));
      },
      stop,
    };
    // Ready when the balancer has seen every replica pass its check.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (balancer.exitCode !== null || balancer.signalCode !== null) await balancerExited;
      const states = await cluster.states().catch(() => ({}) as Record<string, string>);
      const labels = replicas.filter((r) => r.tier !== 'identity').map((r) => r.label);
      if (labels.every((label) => states[label] === 'UP')) break;
      if (Date.now() > deadline) throw new Error(`HAProxy does not see every replica up: ${JSON.stringify(states)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}
