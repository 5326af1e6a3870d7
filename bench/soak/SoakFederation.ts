import { mkdirSync, type WriteStream } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FEDERATION } from '@linju/contract';
import { portFree } from '../process/portFree.ts';
import { clusterRssMb, rssMb } from '../process/procfs.ts';
import { Service, sleep } from '../process/Service.ts';
import { stopServices, type StoppedServices } from '../process/stopServices.ts';
import type { ServerEntries } from '../process/serverEntries.ts';
import { subgraphEnv } from '../process/subgraphEnv.ts';

/** The federation's subgraphs as `federation.json` lists them: each jurisdiction, then the joint office. */
export const SUBGRAPHS: readonly { name: string; directory: string }[] = [
  ...FEDERATION.jurisdictions.map((j) => ({ name: j.key, directory: j.directory })),
  { name: 'joint', directory: FEDERATION.joint.directory },
];

export interface SoakFederationOptions {
  /** The repository root, where the entry points run. */
  root: string;
  /** The gateway's port; the subgraphs take the next ones, in `SUBGRAPHS`' order. */
  basePort: number;
  /** Where the clusters live (reused by the next run); undefined: a fresh temporary folder, removed by `dispose`. */
  dataDir: string | undefined;
  /** The processes' LOG_LEVEL. */
  logLevel: string;
  /** Where the processes' log lines go. */
  log: WriteStream;
  /** Each process's entry point and node's flags (see `serverEntries`). @default each from its source, no flags */
  servers?: ServerEntries;
}

/**
 * The whole federation as `npm start` runs it (each member's `src/index.ts` and the gateway's, each
 * its own process with its own embedded PostgreSQL), but on the soak's own ports and data folder,
 * so a subgraph can be killed and started again without disturbing anything else.
 */
export class SoakFederation {
  readonly gatewayUrl: string;

  private constructor(
    /** By name: every subgraph, and `gateway`. */
    readonly services: Readonly<Record<string, Service>>,
    readonly ports: Readonly<Record<string, number>>,
    readonly dataDir: string,
    readonly temporary: boolean,
  ) {
    this.gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  }

  /** Checks that every port is free and makes the data folder; nothing runs yet. */
  static async open(options: SoakFederationOptions): Promise<SoakFederation> {
    const ports: Record<string, number> = { gateway: options.basePort, ...Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [name, options.basePort + 1 + i])) };
    for (const [name, port] of Object.entries(ports)) {
      if (!(await portFree(port))) throw new Error(`Port ${port} (for ${name}) is taken: choose others with --base-port`);
    }
    const temporary = options.dataDir === undefined;
    const dataDir = options.dataDir ? resolve(options.dataDir) : await mkdtemp(join(tmpdir(), 'linju-soak-'));
    mkdirSync(dataDir, { recursive: true });
    // As root, PostgreSQL runs as another account, which must be able to reach the data folder.
    if (temporary) await chmod(dataDir, 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LINJU_DATA_DIR: dataDir,
      LOG_LEVEL: options.logLevel,
      PORT: String(ports.gateway),
      ...subgraphEnv(SUBGRAPHS.map((s) => s.name), ports),
    };
    const entries = { ...Object.fromEntries(SUBGRAPHS.map(({ name, directory }) => [name, join(directory, 'src', 'index.ts')])), gateway: 'gateway/src/index.ts' };
    const { entryOf, nodeArgs } = options.servers ?? { entryOf: (_name: string, source: string) => source, nodeArgs: [] };
    const services = Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, new Service(name, ports[name]!, entryOf(name, entry), options.root, env, options.log, '/health', nodeArgs)]));
    return new SoakFederation(services, ports, dataDir, temporary);
  }

  private get subgraphs(): Service[] {
    return SUBGRAPHS.map(({ name }) => this.services[name]!);
  }

  /** Starts the subgraphs side by side, then the gateway; resolves when each answers its health check. */
  async start(): Promise<void> {
    await Promise.all(this.subgraphs.map((s) => s.start()));
    await this.services.gateway!.start();
  }

  /** Waits (up to 30 s) until the gateway says every subgraph is ready. */
  async ready(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (await fetch(`http://127.0.0.1:${this.ports.gateway}/ready`).then((r) => r.ok, () => false)) return;
      await sleep(100);
    }
  }

  /** Resident memory in MB of this process, each service, and each service's PostgreSQL (summed over its processes). */
  memory(): Record<string, number | undefined> {
    const rss: Record<string, number | undefined> = { soak: rssMb(process.pid) };
    for (const [name, service] of Object.entries(this.services)) {
      rss[name] = service.pid === undefined ? undefined : rssMb(service.pid);
      const postmaster = service.postmaster(this.dataDir);
      if (postmaster !== undefined) rss[`${name}:postgres`] = Math.round(clusterRssMb(postmaster) * 10) / 10;
    }
    return rss;
  }

  /** Stops the gateway, then the subgraphs, then whatever of their clusters is left. */
  stop(): Promise<StoppedServices> {
    return stopServices([this.services.gateway!], this.subgraphs, this.dataDir);
  }

  /** Removes the data folder if it was a temporary one. */
  async dispose(): Promise<void> {
    if (this.temporary) await rm(this.dataDir, { recursive: true, force: true });
  }
}
