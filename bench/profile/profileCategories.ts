/**
 * Where a CPU sample's time goes, by what the code on its stack is for. A sample is charged to the
 * innermost frame of its stack that belongs to a category (the code running, or the nearest code
 * that called it: Node's own internals are their caller's), except that an *owning* category
 * anywhere on the stack takes everything it calls: a `pg` query made by the audit append is the
 * audit's, the graphql visitor run by the access rules is theirs, but a wrapper that merely calls
 * on (a tracing context around the rest of the request) is charged only for its own work. An
 * Express middleware calls the next one from its own frame: ownership stops at the HTTP server's
 * frames (the router), so the middleware that checks registered operations does not own the rest
 * of the request. Within one frame, the first category of the list that matches wins.
 */
export interface ProfileCategory {
  name: string;
  /** Whether a frame (its script URL and function name) belongs to it. */
  matches(url: string, functionName: string): boolean;
  /** Takes the time of everything it calls (see above). */
  owns: boolean;
}

const inUrl =
  (...parts: string[]) =>
  (url: string) =>
    parts.some((part) => url.includes(part));

const category = (name: string, test: (url: string, functionName: string) => boolean, owns = false): ProfileCategory => ({ name, matches: test, owns });
const owning = (name: string, test: (url: string, functionName: string) => boolean) => category(name, test, true);

/** Samples V8 takes outside JavaScript: waiting, collecting garbage, native work it cannot attribute. */
export const IDLE = '(idle)';
export const GC = 'garbage collection';
export const NATIVE = 'native, unattributed ((program))';
export const OTHER = 'other JavaScript';
const HTTP_SERVER_NAME = 'HTTP server (node:http, Express)';

/** Functions that do little but call JSON.parse or JSON.stringify (Apollo Server's answer, undici's `response.json()`). */
const JSON_FUNCTIONS = new Set(['prettyJSONStringify', 'parseJSONFromBytes']);

export const PROFILE_CATEGORIES: readonly ProfileCategory[] = [
  category(GC, (_url, name) => name === '(garbage collector)'),
  owning('audit append', inUrl('/subgraph-runtime/src/audit/', '/bench/monolith/monolithAudit')),
  owning('caller statement (sign, verify, claim)', inUrl('/access/src/callerToken', '/storeStatementClaims', '/bench/hive/callerStatementPlugin')),
  owning('access rules', inUrl('/access/src/')),
  owning('bearer token check', inUrl('/gateway/src/auth/', '/bench/auth/')),
  category('logging', inUrl('/node_modules/pino', '/observability/src/logger', '/sonic-boom/')),
  category('metrics', inUrl('/node_modules/prom-client/', '/observability/src/metrics')),
  category('tracing hooks', inUrl('/node_modules/@opentelemetry/', '/observability/src/tracing')),
  category('request observation', inUrl('/observability/src/')),
  owning('response cache', inUrl('/gateway/src/cache/')),
  owning('request limits (depth, cost, body)', inUrl('/gateway/src/limits/')),
  owning('registered operations', inUrl('/gateway/src/operations/')),
  category('SQL through Prisma', inUrl('/@prisma/', '/.prisma/', '/prisma-client/')),
  category('SQL through pg', inUrl('/node_modules/pg/', '/node_modules/pg-protocol/', '/node_modules/pg-pool/', '/node_modules/pg-types/')),
  owning('query planning', inUrl('/@apollo/query-planner/', '/@apollo/federation-internals/', '/@graphql-hive/router-query-planner', '/@graphql-tools/federation/')),
  category('building and merging subgraph fetches', inUrl('/@apollo/gateway/', '/gateway/src/SubgraphDataSource', '/@graphql-tools/delegate/', '/@graphql-tools/stitch/', '/@graphql-mesh/fusion-runtime/')),
  category('GraphQL parsing', inUrl('/graphql/language/')),
  owning('GraphQL validation', inUrl('/graphql/validation/')),
  category('HTTP client (fetch)', inUrl('undici', '/@whatwg-node/', '/gateway/src/resilience/')),
  // JSON.parse and JSON.stringify are builtins with no frame of their own: their time is their callers'.
  category('JSON', (url, name) => JSON_FUNCTIONS.has(name) || (url === '' && (name === 'parse' || name === 'stringify')) || url.includes('/body-parser/lib/types/json') || url.includes('/safe-stable-stringify/') || url.includes('/fast-json-stable-stringify/')),
  category('GraphQL execution', inUrl('/graphql/execution/', '/graphql/type/', '/graphql/utilities/', '/graphql/jsutils/', '/@graphql-tools/executor/')),
  category('resolvers (records, figures, loaders)', inUrl('/jurisdiction-service/src/', '/subgraph-shared/src/', '/subgraph-sichuan/src/', '/subgraph-chongqing/src/', '/subgraph-runtime/src/', '/contract/src/', '/dataloader/', '/bench/monolith/')),
  category('Apollo Server, subgraph schema', inUrl('/@apollo/server/', '/@apollo/subgraph/', '/@apollo/utils', '/@graphql-hive/gateway', '/graphql-yoga/', '/@envelop/')),
  category(HTTP_SERVER_NAME, inUrl('node:_http', 'node:http', '/express/', '/body-parser/', '/router/', '/raw-body/', '/on-finished/', '/finalhandler/', '/gateway/src/server', '/@as-integrations/')),
  category('crypto and TLS', inUrl('node:crypto', 'node:internal/crypto', 'node:_tls', 'node:tls', '/jose/')),
  // Node's dispatchers (events, timers, the microtask queue) are not here: their time is their caller's.
  category('sockets and streams', inUrl('node:net', 'node:internal/stream', 'node:stream', 'node:internal/streams')),
];

const OWNING = PROFILE_CATEGORIES.filter((c) => c.owns);
const HTTP_SERVER = PROFILE_CATEGORIES.find((c) => c.name === HTTP_SERVER_NAME)!;

/** The category of a sample whose stack is `frames`, innermost (the running function) first; IDLE and NATIVE for V8's own pseudo-frames. */
export function categoryOf(frames: readonly { url: string; functionName: string }[]): string {
  if (frames.some((f) => f.functionName === '(idle)')) return IDLE;
  const server = frames.findIndex((f) => HTTP_SERVER.matches(f.url, f.functionName));
  const owners = server < 0 ? frames : frames.slice(0, server);
  for (const candidate of OWNING) if (owners.some((f) => candidate.matches(f.url, f.functionName))) return candidate.name;
  for (const frame of frames) {
    const found = PROFILE_CATEGORIES.find((c) => c.matches(frame.url, frame.functionName));
    if (found) return found.name;
  }
  if (frames.some((f) => f.functionName === '(program)')) return NATIVE;
  return OTHER;
}
