// `npm run cluster`'s command line and environment (scripts/cluster.ts): where HAProxy's frontends
// listen, by the convention `npm start` follows (docs/configuration.md): the gateway's on `--port`,
// else `PORT`, else 4000; each member's on `<KEY>_PORT`, else its port in federation.json.
import { parseArgs } from 'node:util';

export const CLUSTER_USAGE = [
  'Usage: npm run cluster -- [--replicas 2] [--gateways <n>] [--port 4000]',
  "  HAProxy's frontends: the gateways' on --port (else PORT, else 4000); each member's on <KEY>_PORT",
  '  (SICHUAN_PORT=4301 …, else its port in federation.json); the identity provider listens on LINJU_IDP_PORT (4010).',
].join('\n');

/** What `npm run cluster` was asked for. */
export interface ClusterCommand {
  replicas: number;
  gateways: number;
  /** The gateways' frontend. */
  port: number;
  /** Each member's frontend, by name. */
  subgraphPorts: Record<string, number>;
}

/** A command line or variable the command cannot use: one line, then the usage. */
export class ClusterUsageError extends Error {}

function whole(value: string, least: number, most: number, what: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < least || number > most) throw new ClusterUsageError(`${what} must be a whole number from ${least} to ${most}, not ${JSON.stringify(value)}`);
  return number;
}

/** Reads the command line and the ports' variables; 'help' for `--help`. Throws ClusterUsageError. */
export function clusterCommand(argv: string[], env: NodeJS.ProcessEnv, members: readonly { name: string; defaultPort: number }[]): ClusterCommand | 'help' {
  let values: { replicas?: string; gateways?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { replicas: { type: 'string' }, gateways: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    throw new ClusterUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const replicas = values.replicas === undefined ? 2 : whole(values.replicas, 1, 16, '--replicas');
  const gateways = values.gateways === undefined ? replicas : whole(values.gateways, 1, 16, '--gateways');
  const portOf = (flag: string | undefined, variable: string, fallback: number): [string, number] => {
    if (flag !== undefined) return [`--port ${flag}`, whole(flag, 1, 65535, '--port')];
    const set = env[variable]?.trim();
    return set ? [`${variable}=${set}`, whole(set, 1, 65535, variable)] : [`${variable} (default)`, fallback];
  };
  const gateway = portOf(values.port, 'PORT', 4000);
  const memberPorts = members.map(({ name, defaultPort }) => [name, portOf(undefined, `${name.toUpperCase()}_PORT`, defaultPort)] as const);
  const taken = new Map<number, string>();
  for (const [source, port] of [gateway, ...memberPorts.map(([, entry]) => entry)]) {
    const other = taken.get(port);
    if (other) throw new ClusterUsageError(`${other} and ${source}: two of HAProxy's frontends cannot share port ${port}`);
    taken.set(port, source);
  }
  return { replicas, gateways, port: gateway[1], subgraphPorts: Object.fromEntries(memberPorts.map(([name, [, port]]) => [name, port])) };
}

/**
 * A gateway replica's line as the person at the terminal should read it: its `Joint dashboard …
 * #token=` link names the replica's own port, which the balancer hides; through the balancer
 * (`publicPort`) it opens the same dashboard with the same token. Any other line is unchanged.
 */
export function throughBalancer(line: string, publicPort: number): string {
  return line.replace(/^(Joint dashboard[^:]*: )https?:\/\/[^/]+\//, `$1http://127.0.0.1:${publicPort}/`);
}
