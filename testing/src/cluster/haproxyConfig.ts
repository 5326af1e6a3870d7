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
 * Requests one client address may send the public frontend in 10 s before it is answered 429
 * (`RATE_LIMITED`) until its rate falls back under: 30 a second, far above what a person's pages
 * send (a dashboard's first screen is a dozen), well below what floods a gateway.
 */
export const PUBLIC_RATE_LIMIT = 300;

/**
 * The cluster's limit: on one machine every client is 127.0.0.1 (each browser, each test, each
 * tool), so one address stands for all of them; the mechanism is production's, the number ten times it.
 */
export const CLUSTER_RATE_LIMIT = 10 * PUBLIC_RATE_LIMIT;

/** The public frontend's answer to a client over {@link PUBLIC_RATE_LIMIT}: JSON, as every refusal, the Chinese half first. */
export const RATE_LIMITED_BODY = '{"errors":[{"message":"请求过于频繁，请稍候几秒再试 / Too many requests from this address; try again in a few seconds","extensions":{"code":"RATE_LIMITED"}}]}';

/** A server behind a tier: its name in HAProxy and its address (`10.0.0.21:4000`). */
interface Server {
  label: string;
  address: string;
}

/** What differs between the cluster's tiers and production's: the frontend's bind and extra lines, the backends' server defaults. */
interface TierShape {
  name: string;
  bind: string;
  servers: readonly Server[];
  /** Lines between `bind` and the choice of backend (the public frontend's log, limits and refusals). */
  frontend?: readonly string[];
  /** A `default-server` line for both backends (TLS checks), if any. */
  serverDefaults?: string;
}

/**
 * `global` and `defaults`: the timeouts, retries and check pace every one of Linju's balancers
 * shares. `http` for the gateways (and the cluster's plain-HTTP subgraph tiers), `tcp` for a
 * member's balancer, which passes the gateway's TLS through.
 */
function head(mode: 'http' | 'tcp', global: readonly string[], logs: boolean): string[] {
  return [
    'global',
    '  maxconn 4096',
    ...global,
    '',
    'defaults',
    `  mode ${mode}`,
    ...(logs ? ['  log global', `  option ${mode}log`] : []),
    '  timeout connect 2s',
    // Longer than any request may take: a write's transaction has 30 s.
    '  timeout client 65s',
    '  timeout server 65s',
    ...(mode === 'http' ? ['  timeout http-request 10s', '  timeout http-keep-alive 10s'] : []),
    '  timeout check 5s',
    '  retries 3',
    '  option redispatch 1',
    ...(mode === 'http' ? ['  http-reuse never'] : []),
    `  default-server inter ${CHECK_INTERVAL_MS} fastinter ${CHECK_INTERVAL_MS / 2} downinter ${CHECK_INTERVAL_MS} fall 3 rise 2`,
  ];
}

/**
 * One tier: a frontend and two backends over the same servers. `<tier>-ready` checks `GET /ready`
 * (a subgraph whose store answers; a gateway all of whose subgraphs do) and takes every request
 * while one of its servers passes. Should none pass, `<tier>-alive` (checked on `GET /health`)
 * takes them: when a member's store is down, every gateway is unready, and turning them all away
 * would make a partial answer (the other members' parts, the failed side named) no answer at all.
 */
function tier(shape: TierShape): string[] {
  const lines = ['', `frontend ${shape.name}`, `  bind ${shape.bind}`, ...(shape.frontend ?? []), `  use_backend ${shape.name}-ready if { nbsrv(${shape.name}-ready) gt 0 }`, `  default_backend ${shape.name}-alive`];
  for (const [backend, path] of [['ready', '/ready'], ['alive', '/health']] as const) {
    lines.push('', `backend ${shape.name}-${backend}`, '  balance roundrobin', `  option httpchk GET ${path}`, '  http-check expect status 200');
    if (shape.serverDefaults) lines.push(`  default-server ${shape.serverDefaults}`);
    for (const server of shape.servers) lines.push(`  server ${server.label} ${server.address}${shape.serverDefaults ? '' : ' check'}`);
  }
  return lines;
}

/**
 * The public frontend's own lines: its access log carries the client's address, which the gateways
 * see too (`option forwardfor`: X-Forwarded-For, which they believe from the balancer's address
 * alone, LINJU_TRUSTED_PROXIES); each client address is held to `rateLimit` requests in 10 s (a
 * stick table per address, 429 beyond), but those of `rateExempt` (an office whose clerks all reach
 * the gateways through one NAT address; none unless given: `acl … src --` matches nothing); and in
 * production `/health`, `/ready` and `/metrics` stay inside.
 */
function publicFrontend(rateLimit: number, internalPathsRefused: boolean, rateExempt: readonly string[] = []): string[] {
  return [
    ...(internalPathsRefused
      ? [
          "  # /health, /ready and /metrics stay inside: HAProxy's checks and the monitoring reach each gateway at its own address.",
          '  http-request deny deny_status 404 if { path,url_dec,lower -m reg ^/+(health|ready|metrics)(/|$) }',
        ]
      : []),
    '  option forwardfor',
    `  # At most ${rateLimit} requests in 10 s from one client address, then 429 until its rate falls back under.`,
    '  stick-table type ip size 100k expire 30s store http_req_rate(10s)',
    '  # Not counted: the addresses after "--" (an office behind one NAT address: src -- 203.0.113.7 198.51.100.0/24).',
    `  acl rate_exempt src --${rateExempt.map((address) => ` ${address}`).join('')}`,
    '  http-request track-sc0 src unless rate_exempt',
    `  http-request return status 429 content-type "application/json; charset=utf-8" hdr retry-after 10 string '${RATE_LIMITED_BODY}' if { sc_http_req_rate(0) gt ${rateLimit} }`,
  ];
}

/**
 * HAProxy's configuration for the cluster (`npm run cluster`): one frontend per tier, each with two
 * backends over the same replicas (see `tier`); the gateways' frontend as production's public one
 * (see `publicFrontend`, without the refusal of the internal paths, which the cluster's tests and
 * the person at the terminal read through it), its access log on HAProxy's standard output, where
 * the command shows it. The other tiers log nothing: every gateway request would be logged twice.
 *
 * A connection a replica refuses (killed, restarting) is retried on another (`retries`,
 * `option redispatch`); a request a replica took and then lost is not (a write may have
 * committed): its client gets 502 and sends it again with its idempotency key. Connections to
 * replicas are never reused for another request (`http-reuse never`), so a request never goes
 * out on a connection to a replica that has died since.
 */
export function haproxyConfig(tiers: readonly BalancedTier[], statsPort: number, rateLimit = CLUSTER_RATE_LIMIT): string {
  const lines = [
    ...head('http', ['  log stdout format raw local0'], false),
    '',
    'frontend stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '  stats refresh 5s',
  ];
  for (const { name, port, servers } of tiers) {
    const logged = name === 'gateway' ? ['  log global', '  option httplog', ...publicFrontend(rateLimit, false)] : [];
    lines.push(...tier({ name, bind: `127.0.0.1:${port}`, servers: servers.map(({ label, port: at }) => ({ label, address: `127.0.0.1:${at}` })), frontend: logged }));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The joint office's HAProxy in front of the gateways (docs/deployment.md, "HAProxy"): the cluster's
 * gateway tier with HTTPS for the clients on :443, the access log to the host's syslog, and the
 * internal paths refused; `rateExempt`, addresses or networks the rate limit does not count. The
 * guide shows this very text (none exempt); deploy/test/productionGuide.test.ts checks that it does
 * and runs it.
 */
export function publicBalancerConfig(options: { certificate: string; gateways: readonly Server[]; rateLimit?: number; rateExempt?: readonly string[] }): string {
  const lines = [
    ...head('http', ['  log /dev/log local0'], true),
    ...tier({ name: 'gateway', bind: `:443 ssl crt ${options.certificate}`, servers: options.gateways, frontend: publicFrontend(options.rateLimit ?? PUBLIC_RATE_LIMIT, true, options.rateExempt) }),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A member's HAProxy in front of its replicas (docs/deployment.md, "A member's balancer"): the
 * cluster's subgraph tier in `mode tcp`, the gateway's TLS passed through, each replica checked
 * over TLS with the balancer's client certificate; a replica marked down has its connections
 * closed, so the gateway reconnects to the others. The guide shows this very text.
 */
export function memberBalancerConfig(options: { name: string; bind: string; replicas: readonly Server[]; caFile: string; certificate: string }): string {
  const lines = [
    ...head('tcp', ['  log /dev/log local0', '  stats socket /run/haproxy/admin.sock mode 660 level admin'], true),
    ...tier({
      name: options.name,
      bind: options.bind,
      servers: options.replicas,
      serverDefaults: `check check-ssl verify required ca-file ${options.caFile} crt ${options.certificate} on-marked-down shutdown-sessions`,
    }),
  ];
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
