/** One tier behind the balancer: the gateways, or one subgraph's replicas. */
export interface BalancedTier {
  /** `gateway`, `sichuan` …: names its frontend and backends. */
  name: string;
  /** Where the balancer listens for this tier (127.0.0.1). */
  port: number;
  /** Each replica's label and port (127.0.0.1). */
  servers: readonly { label: string; port: number }[];
}

/** How often HAProxy asks each replica, in milliseconds; three failures in a row mark it down, two successes up. */
export const CHECK_INTERVAL_MS = 1000;

/**
 * HAProxy's configuration for the cluster (`npm run cluster`): one frontend per tier, each with two
 * backends over the same replicas. `<tier>-ready` checks `GET /ready` (a subgraph whose store
 * answers; a gateway all of whose subgraphs do) and takes every request while one of its replicas
 * passes. Should none pass, `<tier>-alive` (checked on `GET /health`) takes them: when a member's
 * store is down, every gateway is unready, and turning them all away would make a partial answer
 * (the other members' parts, the failed side named) no answer at all.
 *
 * A connection a replica refuses (killed, restarting) is retried on another (`retries`,
 * `option redispatch`); a request a replica took and then lost is not (a write may have
 * committed): its client gets 502 and sends it again with its idempotency key. Connections to
 * replicas are never reused for another request (`http-reuse never`), so a request never goes
 * out on a connection to a replica that has died since.
 */
export function haproxyConfig(tiers: readonly BalancedTier[], statsPort: number): string {
  const lines = [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    // Longer than any request may take: a write's transaction has 30 s.
    '  timeout client 65s',
    '  timeout server 65s',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 10s',
    '  timeout check 5s',
    '  retries 3',
    '  option redispatch 1',
    '  http-reuse never',
    `  default-server inter ${CHECK_INTERVAL_MS} fastinter ${CHECK_INTERVAL_MS / 2} downinter ${CHECK_INTERVAL_MS} fall 3 rise 2`,
    '',
    'frontend stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '  stats refresh 5s',
  ];
  for (const tier of tiers) {
    lines.push(
      '',
      `frontend ${tier.name}`,
      `  bind 127.0.0.1:${tier.port}`,
      `  use_backend ${tier.name}-ready if { nbsrv(${tier.name}-ready) gt 0 }`,
      `  default_backend ${tier.name}-alive`,
    );
    for (const [backend, path] of [['ready', '/ready'], ['alive', '/health']] as const) {
      lines.push('', `backend ${tier.name}-${backend}`, '  balance roundrobin', `  option httpchk GET ${path}`, '  http-check expect status 200');
      for (const server of tier.servers) lines.push(`  server ${server.label} 127.0.0.1:${server.port} check`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One server's state as HAProxy's statistics say it (`UP`, `DOWN`, `UP 1/2` …), by backend and label. */
export async function haproxyServerStates(statsPort: number): Promise<Map<string, string>> {
  const response = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`);
  const [header, ...rows] = (await response.text()).trim().split('\n');
  const columns = header!.replace(/^# /, '').split(',');
  const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) => columns.indexOf(name));
  const states = new Map<string, string>();
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[server!] === 'FRONTEND' || cells[server!] === 'BACKEND') continue;
    states.set(`${cells[proxy!]}/${cells[server!]}`, cells[status!]!);
  }
  return states;
}
