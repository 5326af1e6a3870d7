/**
 * Soak: `npm run soak -- --seconds 60 --rate 50 --kill sichuan`
 *
 * Runs the whole federation as `npm start` does (the same four entry points, each its own process,
 * embedded PostgreSQL), but on its own ports (4400–4403 by default) and its own data folder (a
 * fresh temporary one by default), so it never disturbs a federation you are running and can kill
 * one of its subgraphs: `npm start` stops everything when one of its processes dies. Then, for the
 * time asked, it sends a mixed load at a fixed rate, open loop (requests are sent on schedule
 * whether or not earlier ones have answered): 90 % reads (the joint overview, alliances with their
 * members from both sides, each side's lists), 10 % writes (`sichuanRecordActivity`,
 * `chongqingRecordActivity`, each with its own idempotency key). Midway it kills one subgraph with
 * SIGKILL and starts it again on the same port and data folder.
 *
 * It reports errors by kind (code and subgraph), latency percentiles per operation, the memory (RSS)
 * of every process over time, and finally checks that every write the gateway acknowledged is in
 * its store, once; then it sends again, with the same keys, the writes that were not acknowledged,
 * and checks that each record now exists exactly once. It stops every process it started and checks
 * that none is left. The report goes to stdout and to `bench/results/soak-<timestamp>.json`; the
 * processes' own log lines to `bench/results/soak-<timestamp>.log`.
 *
 * Exit 0: no acknowledged write lost, no duplicate, no unexplained error, a clean stop. Exit 1
 * otherwise. An error is explained when it names the killed subgraph (`extensions.subgraph`) and
 * its request overlapped the outage: from the kill until the subgraph is ready again, plus a grace
 * period (`--grace-seconds`).
 *
 * Options (all optional):
 *   --seconds N         how long the load runs (default 60)
 *   --rate N            requests per second (default 50)
 *   --kill NAME|none    the subgraph to kill midway: sichuan, chongqing, joint or none (default sichuan)
 *   --kill-at N         seconds into the load when it is killed (default 40 % of --seconds)
 *   --down-seconds N    how long it stays down before it is started again (default 3)
 *   --grace-seconds N   how long after its restart its errors are still explained (default 5)
 *   --write-share F     the share of writes, 0–1 (default 0.1)
 *   --max-in-flight N   requests waiting for an answer at most; one due beyond that is not sent but
 *                       counted as shed (default 64), so an overloaded machine shows as a lower
 *                       achieved rate, not as requests queued until they time out
 *   --base-port N       the gateway's port; the subgraphs take the next three (default 4400)
 *   --data-dir PATH     keep the clusters there (reused by the next run) instead of a temporary folder
 *   --sample-seconds N  how often memory is sampled (default 5)
 *   --log-level LEVEL   the processes' LOG_LEVEL, written to the .log file (default warn)
 * Tokens are minted with the development key the soak's own gateway generates in its data folder;
 * LINJU_TOKEN_VIEWER, LINJU_TOKEN_SICHUAN_OPERATOR and LINJU_TOKEN_CHONGQING_OPERATOR override them.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOrCreateDevKeys, mintDevToken } from '../gateway/src/auth/devKeys.ts';
import { portFree } from './process/portFree.ts';
import { alive, childrenOf, rssMb } from './process/procfs.ts';
import { Service, sleep } from './process/Service.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const root = new URL('..', import.meta.url).pathname;
const SUBGRAPHS = ['sichuan', 'chongqing', 'joint'] as const;
type SubgraphName = (typeof SUBGRAPHS)[number];
type ServiceName = SubgraphName | 'gateway';
type Side = 'sichuan' | 'chongqing';
const ENTRIES: Record<ServiceName, string> = {
  sichuan: 'subgraph-sichuan/src/index.ts',
  chongqing: 'subgraph-chongqing/src/index.ts',
  joint: 'subgraph-shared/src/index.ts',
  gateway: 'gateway/src/index.ts',
};

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  seconds: number;
  rate: number;
  kill: SubgraphName | undefined;
  killAt: number;
  downSeconds: number;
  graceSeconds: number;
  writeShare: number;
  maxInFlight: number;
  basePort: number;
  dataDir: string | undefined;
  sampleSeconds: number;
  logLevel: string;
}

class UsageError extends Error {}

function parseOptions(argv: readonly string[]): Options {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument ${JSON.stringify(arg)}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    given.set(match[1]!, value);
  }
  const known = ['seconds', 'rate', 'kill', 'kill-at', 'down-seconds', 'grace-seconds', 'write-share', 'max-in-flight', 'base-port', 'data-dir', 'sample-seconds', 'log-level'];
  for (const name of given.keys()) if (!known.includes(name)) throw new UsageError(`Unknown option --${name}`);
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const text = given.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(text)}`);
    return value;
  };
  const seconds = number('seconds', 60, 5, 24 * 3600);
  const killText = given.get('kill') ?? 'sichuan';
  if (killText !== 'none' && !(SUBGRAPHS as readonly string[]).includes(killText)) throw new UsageError(`--kill must be one of ${SUBGRAPHS.join(', ')} or none`);
  return {
    seconds,
    rate: number('rate', 50, 0.1, 2000),
    kill: killText === 'none' ? undefined : (killText as SubgraphName),
    killAt: number('kill-at', Math.round(seconds * 0.4), 0, seconds),
    downSeconds: number('down-seconds', 3, 0, 3600),
    graceSeconds: number('grace-seconds', 5, 0, 600),
    writeShare: number('write-share', 0.1, 0, 1),
    maxInFlight: number('max-in-flight', 64, 1, 10_000),
    basePort: number('base-port', 4400, 1024, 65532),
    dataDir: given.get('data-dir'),
    sampleSeconds: number('sample-seconds', 5, 0.5, 3600),
    logLevel: given.get('log-level') ?? 'warn',
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

// ---------------------------------------------------------------------------------------------
// Operations

type Kind = 'overview' | 'alliances' | 'list:sichuan' | 'list:chongqing' | 'write:sichuan' | 'write:chongqing';

const OVERVIEW = `query SoakOverview { overview(period: { from: "2021-01-01", to: "2021-06-30" }) {
  alliances { townshipAlliances jointVillageOrganizations }
  sichuan { crossAppointments jointSeminarSessions } chongqing { crossAppointments jointSeminarSessions } total { crossAppointments jointSeminarSessions } } }`;
const ALLIANCES = `query SoakAlliances { alliances(first: 3) { totalCount edges { node { id name kind
  members { jurisdiction { key } organization { __typename id name } } } } } }`;
const LIST = (side: Side) => `query SoakList { ${side} { organizations(first: 20) { totalCount edges { node { id name kind level } } } } }`;
const RECORD = (side: Side) =>
  `mutation SoakRecord($input: ActivityInput!, $key: String) { ${side}RecordActivity(input: $input, idempotencyKey: $key) { id title } }`;
const WRITTEN = (side: Side) => `query SoakWritten($search: String!, $after: String) {
  ${side} { activities(filter: { search: $search }, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id title } } } } }`;

/** What a request may carry as an error: the GraphQL error's code and the subgraph it names. */
interface SeenError {
  code: string;
  subgraph: string;
  message: string;
}

interface Outcome {
  kind: Kind;
  start: number;
  end: number;
  ms: number;
  /** Data and no error. */
  ok: boolean;
  /** Data and errors: a partial answer. */
  partial: boolean;
  errors: SeenError[];
}

interface Write {
  side: Side;
  key: string;
  title: string;
  /** The ID the gateway acknowledged (data, no error). */
  id?: string;
  error?: string;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLBody;
  } catch {
    throw new Error(`HTTP ${response.status} with a body that is not JSON`);
  }
}

function seenErrors(body: GraphQLBody): SeenError[] {
  return (body.errors ?? []).map((error) => ({
    code: String(error.extensions?.code ?? 'NO_CODE'),
    subgraph: String(error.extensions?.subgraph ?? error.extensions?.serviceName ?? '-'),
    message: error.message.slice(0, 300),
  }));
}

function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 10) / 10);

// ---------------------------------------------------------------------------------------------
// The run

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error('Usage: npm run soak -- [--seconds 60] [--rate 50] [--kill sichuan|chongqing|joint|none] [--kill-at S] [--down-seconds 3] [--grace-seconds 5] [--write-share 0.1] [--max-in-flight 64] [--base-port 4400] [--data-dir PATH] [--sample-seconds 5] [--log-level warn]');
    return error.message ? 2 : 0;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const resultFile = join(resultsDir, `soak-${stamp}.json`);
  const logFile = join(resultsDir, `soak-${stamp}.log`);
  const log = createWriteStream(logFile, { mode: 0o600 });

  const ports: Record<ServiceName, number> = { gateway: options.basePort, sichuan: options.basePort + 1, chongqing: options.basePort + 2, joint: options.basePort + 3 };
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portFree(port))) {
      console.error(`Port ${port} (for ${name}) is taken: choose others with --base-port`);
      return 2;
    }
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
    ...Object.fromEntries(SUBGRAPHS.flatMap((name) => [[`${name.toUpperCase()}_PORT`, String(ports[name])], [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]])),
  };
  const services = Object.fromEntries((Object.keys(ENTRIES) as ServiceName[]).map((name) => [name, new Service(name, ports[name], ENTRIES[name], root, env, log)])) as Record<ServiceName, Service>;
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;

  let interrupted = false;
  const stopEverything = async (): Promise<{ exits: Record<string, unknown>; left: number[] }> => {
    const postmasters = SUBGRAPHS.map((name) => services[name].postmaster(dataDir)).filter((pid): pid is number => pid !== undefined);
    const backends = postmasters.flatMap(childrenOf);
    const exits: Record<string, unknown> = {};
    // The gateway first, so what it is draining can still reach the subgraphs.
    exits.gateway = await services.gateway.stop('SIGTERM');
    await Promise.all(SUBGRAPHS.map(async (name) => (exits[name] = await services[name].stop('SIGTERM'))));
    // Anything of the clusters still alive (an orphan of the kill, should the restart have failed) is stopped too.
    for (let i = 0; i < 100 && [...postmasters, ...backends].some(alive); i++) await sleep(100);
    const left = [...postmasters, ...backends].filter(alive);
    for (const pid of left) process.kill(pid, 'SIGINT');
    return { exits, left };
  };
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.error('Interrupted: stopping the soak federation');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const phases: Record<string, number> = {};
  let since = Date.now();
  try {
    console.log(`Soak: ${options.seconds} s at ${options.rate} req/s, ${Math.round(options.writeShare * 100)} % writes, kill ${options.kill ?? 'nothing'}${options.kill ? ` at ${options.killAt} s for ${options.downSeconds} s` : ''}`);
    console.log(`Federation on 127.0.0.1:${ports.gateway}–${ports.joint}, data in ${dataDir}${temporary ? ' (temporary)' : ''}; process logs in ${logFile}`);
    await Promise.all(SUBGRAPHS.map((name) => services[name].start()));
    await services.gateway.start();
    phases.startMs = Date.now() - since;
    console.log(`Up in ${(phases.startMs / 1000).toFixed(1)} s`);
    if (interrupted) throw new Error('interrupted');

    const devKeysFile = join(dataDir, 'gateway', 'dev-keys.json');
    const keys = existsSync(devKeysFile) ? await loadOrCreateDevKeys(devKeysFile) : undefined;
    const token = async (variable: string, role: 'viewer' | 'sichuan-operator' | 'chongqing-operator') => {
      const configured = process.env[variable]?.trim();
      if (configured) return configured;
      if (!keys) throw new Error(`No development key in ${devKeysFile}: set ${variable}`);
      return mintDevToken(keys, role, `soak-${role}`, '2h');
    };
    const tokens = {
      viewer: await token('LINJU_TOKEN_VIEWER', 'viewer'),
      sichuan: await token('LINJU_TOKEN_SICHUAN_OPERATOR', 'sichuan-operator'),
      chongqing: await token('LINJU_TOKEN_CHONGQING_OPERATOR', 'chongqing-operator'),
    };
    // The organizers of the writes: a live town committee of each side.
    const towns = await post(gatewayUrl, tokens.viewer, `{ sichuan { organizations(first: 100) { edges { node { id level kind dissolvedOn } } } }
      chongqing { organizations(first: 100) { edges { node { id level kind dissolvedOn } } } } }`);
    if (towns.errors?.length || !towns.data) throw new Error(`Cannot read the seed organizations: ${JSON.stringify(towns.errors)}`);
    const organizer = {} as Record<Side, string>;
    for (const side of ['sichuan', 'chongqing'] as const) {
      const edges = (towns.data[side] as { organizations: { edges: { node: { id: string; level: string; kind: string; dissolvedOn: string | null } }[] } }).organizations.edges;
      const town = edges.map((e) => e.node).find((o) => o.level === '乡镇' && o.kind === '党委' && !o.dissolvedOn);
      if (!town) throw new Error(`The ${side} seed has no live town committee`);
      organizer[side] = town.id;
    }

    // --- Load ---------------------------------------------------------------------------------
    const tag = `soak-${stamp.slice(0, 19)}-${randomUUID().slice(0, 6)}`;
    const outcomes: Outcome[] = [];
    const writes: Write[] = [];
    const memory: { t: number; rssMb: Record<string, number | undefined> }[] = [];
    let skipped = 0;
    let inFlight = 0;
    const readShare = 1 - options.writeShare;
    const reads: Kind[] = ['overview', 'alliances', 'list:sichuan', 'list:chongqing'];
    const pick = (): Kind => {
      const r = Math.random();
      if (r < readShare) return reads[Math.min(reads.length - 1, Math.floor((r / readShare) * reads.length))]!;
      return Math.random() < 0.5 ? 'write:sichuan' : 'write:chongqing';
    };
    const fire = async (kind: Kind) => {
      inFlight++;
      const start = Date.now();
      const t = performance.now();
      let write: Write | undefined;
      let body: GraphQLBody | undefined;
      let transport: string | undefined;
      try {
        if (kind.startsWith('write:')) {
          const side = kind.slice(6) as Side;
          write = { side, key: `${tag}-${writes.length}`, title: `压测写入-${tag}-${writes.length}` };
          writes.push(write);
          body = await post(gatewayUrl, tokens[side], RECORD(side), { key: write.key, input: { kind: '座谈交流', title: write.title, heldOn: '2024-04-01', organizerId: organizer[side], sessions: 1 } });
          const id = (body.data?.[`${side}RecordActivity`] as { id?: string } | undefined)?.id;
          if (id && !body.errors?.length) write.id = id;
          else write.error = body.errors?.[0]?.message ?? 'no data';
        } else {
          const query = kind === 'overview' ? OVERVIEW : kind === 'alliances' ? ALLIANCES : LIST(kind.slice(5) as Side);
          body = await post(gatewayUrl, tokens.viewer, query);
        }
      } catch (error) {
        transport = (error as Error).message;
        if (write) write.error = `transport: ${transport}`;
      } finally {
        inFlight--;
      }
      const errors = transport ? [{ code: 'TRANSPORT', subgraph: 'gateway', message: transport }] : seenErrors(body!);
      const hasData = !!body?.data && Object.values(body.data).some((value) => value !== null);
      outcomes.push({ kind, start, end: Date.now(), ms: performance.now() - t, ok: hasData && errors.length === 0, partial: hasData && errors.length > 0, errors });
    };

    const sampleMemory = () => {
      const rss: Record<string, number | undefined> = { soak: rssMb(process.pid) };
      for (const name of Object.keys(services) as ServiceName[]) {
        const service = services[name];
        rss[name] = service.pid === undefined ? undefined : rssMb(service.pid);
        const postmaster = service.postmaster(dataDir);
        // PostgreSQL's processes share its buffers: their summed RSS counts shared pages more than once.
        if (postmaster !== undefined) rss[`${name}:postgres`] = Math.round([postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + (rssMb(pid) ?? 0), 0) * 10) / 10;
      }
      memory.push({ t: Math.round((Date.now() - loadStart) / 100) / 10, rssMb: rss });
    };

    const outage: { killedAt?: number; readyAt?: number; pidBefore?: number; pidAfter?: number; postmasterOrphaned?: boolean } = {};
    const killer = async () => {
      if (!options.kill) return;
      await sleep(options.killAt * 1000);
      if (interrupted) return;
      const victim = services[options.kill];
      outage.pidBefore = victim.pid;
      const postmaster = victim.postmaster(dataDir);
      outage.killedAt = Date.now();
      console.log(`  t=${((outage.killedAt - loadStart) / 1000).toFixed(1)} s: kill -9 ${options.kill} (pid ${outage.pidBefore})`);
      await victim.stop('SIGKILL');
      // Its PostgreSQL runs in its own process group: it lives on, orphaned, until the restart stops it.
      outage.postmasterOrphaned = postmaster !== undefined && alive(postmaster);
      await sleep(options.downSeconds * 1000);
      if (interrupted) return;
      await victim.start();
      outage.readyAt = Date.now();
      outage.pidAfter = victim.pid;
      console.log(`  t=${((outage.readyAt - loadStart) / 1000).toFixed(1)} s: ${options.kill} ready again (pid ${outage.pidAfter}), down ${outage.readyAt - outage.killedAt} ms`);
    };

    console.log(`Load: tag ${tag}`);
    const loadStart = Date.now();
    since = loadStart;
    sampleMemory();
    const sampler = setInterval(sampleMemory, options.sampleSeconds * 1000);
    const killing = killer();
    const pending: Promise<void>[] = [];
    let progress = loadStart;
    for (let i = 0; !interrupted; i++) {
      const due = loadStart + (i * 1000) / options.rate;
      if (due >= loadStart + options.seconds * 1000) break;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (inFlight >= options.maxInFlight) skipped++;
      else pending.push(fire(pick()));
      if (Date.now() - progress >= 10_000) {
        progress = Date.now();
        const failed = outcomes.filter((o) => !o.ok).length;
        console.log(`  t=${((progress - loadStart) / 1000).toFixed(0)} s: ${outcomes.length} answered (${failed} with errors), ${inFlight} in flight`);
      }
    }
    await Promise.all(pending);
    await killing;
    clearInterval(sampler);
    sampleMemory();
    phases.loadMs = Date.now() - loadStart;
    if (interrupted) throw new Error('interrupted');

    // --- Checks ---------------------------------------------------------------------------------
    since = Date.now();
    // Every subgraph back before the stores are read.
    for (let i = 0; i < 300; i++) {
      const ready = await fetch(`http://127.0.0.1:${ports.gateway}/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      await sleep(100);
    }
    const stored = async (): Promise<Map<string, string[]>> => {
      const found = new Map<string, string[]>();
      for (const side of ['sichuan', 'chongqing'] as const) {
        let after: string | null = null;
        for (let page = 0; page < Math.ceil(writes.length / 100) + 5; page++) {
          const body = await post(gatewayUrl, tokens.viewer, WRITTEN(side), { search: tag, after });
          if (body.errors?.length || !body.data) throw new Error(`Cannot list ${side}'s written records: ${JSON.stringify(body.errors)}`);
          const activities = (body.data[side] as { activities: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; title: string } }[] } }).activities;
          for (const { node } of activities.edges) found.set(node.title, [...(found.get(node.title) ?? []), node.id]);
          if (!activities.pageInfo.hasNextPage) break;
          after = activities.pageInfo.endCursor;
        }
      }
      return found;
    };
    const acknowledged = writes.filter((w) => w.id);
    const unacknowledged = writes.filter((w) => !w.id);
    const afterLoad = await stored();
    const lost = acknowledged.filter((w) => !afterLoad.get(w.title)?.includes(w.id!));
    const committedUnacknowledged = unacknowledged.filter((w) => afterLoad.has(w.title)).length;
    // The writes that were not acknowledged, sent again with their own keys: each must now exist once.
    for (const w of unacknowledged) {
      try {
        const body = await post(gatewayUrl, tokens[w.side], RECORD(w.side), { key: w.key, input: { kind: '座谈交流', title: w.title, heldOn: '2024-04-01', organizerId: organizer[w.side], sessions: 1 } });
        const id = (body.data?.[`${w.side}RecordActivity`] as { id?: string } | undefined)?.id;
        if (id && !body.errors?.length) w.id = id;
        else w.error = body.errors?.[0]?.message ?? 'no data';
      } catch (error) {
        w.error = `transport: ${(error as Error).message}`;
      }
    }
    const afterRetry = await stored();
    const duplicates = [...afterRetry].filter(([, ids]) => ids.length > 1).map(([title, ids]) => ({ title, ids }));
    const stillMissing = writes.filter((w) => !w.id || !afterRetry.get(w.title)?.includes(w.id)).map((w) => ({ title: w.title, error: w.error }));
    phases.checkMs = Date.now() - since;

    // --- Stop -----------------------------------------------------------------------------------
    since = Date.now();
    const stopped = await stopEverything();
    phases.stopMs = Date.now() - since;
    const cleanStop = Object.values(stopped.exits).every((exit) => (exit as { code?: number } | undefined)?.code === 0) && stopped.left.length === 0;

    // --- Report ---------------------------------------------------------------------------------
    const graceMs = options.graceSeconds * 1000;
    const explained = (o: Outcome, e: SeenError) =>
      options.kill !== undefined &&
      e.subgraph === options.kill &&
      outage.killedAt !== undefined &&
      o.end >= outage.killedAt &&
      o.start <= (outage.readyAt ?? Infinity) + graceMs;
    const errorKinds = new Map<string, { code: string; subgraph: string; count: number; explained: number; unexplained: number; example: string }>();
    for (const o of outcomes) {
      for (const e of o.errors) {
        const key = `${e.code} @ ${e.subgraph}`;
        const entry = errorKinds.get(key) ?? { code: e.code, subgraph: e.subgraph, count: 0, explained: 0, unexplained: 0, example: e.message };
        entry.count++;
        if (explained(o, e)) entry.explained++;
        else entry.unexplained++;
        errorKinds.set(key, entry);
      }
    }
    const unexplained = [...errorKinds.values()].reduce((sum, e) => sum + e.unexplained, 0);
    const inOutage = (o: Outcome) => outage.killedAt !== undefined && o.end >= outage.killedAt && o.start <= (outage.readyAt ?? Infinity);
    const kinds: Kind[] = ['overview', 'alliances', 'list:sichuan', 'list:chongqing', 'write:sichuan', 'write:chongqing'];
    const operations = Object.fromEntries(
      kinds.map((kind) => {
        const mine = outcomes.filter((o) => o.kind === kind);
        const ok = mine.filter((o) => o.ok).map((o) => o.ms).sort((a, b) => a - b);
        const during = mine.filter(inOutage);
        return [
          kind,
          {
            requests: mine.length,
            ok: ok.length,
            partial: mine.filter((o) => o.partial).length,
            failed: mine.filter((o) => !o.ok && !o.partial).length,
            latencyMs: { p50: round(percentile(ok, 50)), p95: round(percentile(ok, 95)), p99: round(percentile(ok, 99)), max: round(ok.at(-1)) },
            duringOutage: { requests: during.length, ok: during.filter((o) => o.ok).length, partial: during.filter((o) => o.partial).length },
          },
        ];
      }),
    );
    const firstRecovery = outage.readyAt === undefined || !options.kill
      ? undefined
      : outcomes
          .filter((o) => o.ok && o.start >= outage.killedAt! && (o.kind === `write:${options.kill}` || o.kind === `list:${options.kill}` || (options.kill === 'joint' && (o.kind === 'overview' || o.kind === 'alliances'))))
          .sort((a, b) => a.end - b.end)[0];
    const passed = lost.length === 0 && duplicates.length === 0 && stillMissing.length === 0 && unexplained === 0 && cleanStop && !interrupted;
    const report = {
      passed,
      options,
      tag,
      dataDir,
      phasesMs: phases,
      load: { answered: outcomes.length, shed: skipped, achievedRate: Math.round((outcomes.length / (phases.loadMs! / 1000)) * 10) / 10 },
      outage: options.kill
        ? {
            subgraph: options.kill,
            killedAtS: outage.killedAt === undefined ? undefined : (outage.killedAt - loadStart) / 1000,
            readyAgainAtS: outage.readyAt === undefined ? undefined : (outage.readyAt - loadStart) / 1000,
            downMs: outage.readyAt && outage.killedAt ? outage.readyAt - outage.killedAt : undefined,
            firstSuccessAfterRestartMs: firstRecovery && outage.readyAt ? Math.max(0, firstRecovery.end - outage.readyAt) : undefined,
            postgresOrphanedByKill: outage.postmasterOrphaned,
            pids: { before: outage.pidBefore, after: outage.pidAfter },
          }
        : undefined,
      operations,
      errors: [...errorKinds.values()].sort((a, b) => b.count - a.count),
      unexplainedErrors: unexplained,
      writes: {
        sent: writes.length,
        acknowledged: acknowledged.length,
        notAcknowledged: unacknowledged.length,
        notAcknowledgedButCommitted: committedUnacknowledged,
        lostAcknowledged: lost.map((w) => ({ title: w.title, id: w.id })),
        retriedWithSameKey: unacknowledged.length,
        stillMissingAfterRetry: stillMissing,
        duplicates,
      },
      memory,
      stop: { ...stopped, clean: cleanStop },
    };
    writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
    printSummary(report, resultFile);
    return passed ? 0 : 1;
  } catch (error) {
    console.error(`Soak failed: ${(error as Error).message}`);
    await stopEverything();
    return 2;
  } finally {
    await new Promise((done) => log.end(done));
    if (temporary) await rm(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Summary

function printSummary(report: Record<string, any>, file: string): void {
  const lines: string[] = [''];
  lines.push(
    `Soak ${report.passed ? 'PASSED' : 'FAILED'}: ${report.load.answered} requests answered in ${(report.phasesMs.loadMs / 1000).toFixed(1)} s ` +
      `(${report.load.achievedRate} req/s of ${report.options.rate} asked; ${report.load.shed} shed at ${report.options.maxInFlight} in flight)`,
  );
  if (report.outage) {
    const o = report.outage;
    lines.push(
      `Outage: ${o.subgraph} killed (SIGKILL) at ${o.killedAtS?.toFixed(1)} s, ready again at ${o.readyAgainAtS?.toFixed(1)} s (down ${o.downMs} ms); ` +
        `first success through it ${o.firstSuccessAfterRestartMs ?? '?'} ms after its restart; its PostgreSQL ${o.postgresOrphanedByKill ? 'was orphaned and stopped by the restart' : 'died with it'}`,
    );
  }
  lines.push('', 'operation         requests     ok  partial  failed   p50 ms   p95 ms   p99 ms   during outage ok/partial/all');
  for (const [kind, s] of Object.entries(report.operations as Record<string, any>)) {
    const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1)).padStart(8);
    lines.push(
      `${kind.padEnd(16)} ${String(s.requests).padStart(9)} ${String(s.ok).padStart(6)} ${String(s.partial).padStart(8)} ${String(s.failed).padStart(7)} ${ms(s.latencyMs.p50)} ${ms(s.latencyMs.p95)} ${ms(s.latencyMs.p99)}   ${s.duringOutage.ok}/${s.duringOutage.partial}/${s.duringOutage.requests}`,
    );
  }
  lines.push('', `Errors by kind (code @ subgraph): ${report.errors.length === 0 ? 'none' : ''}`);
  for (const e of report.errors) lines.push(`  ${`${e.code} @ ${e.subgraph}`.padEnd(36)} ${String(e.count).padStart(6)}  explained ${e.explained}, unexplained ${e.unexplained}   e.g. "${e.example.slice(0, 110)}"`);
  const w = report.writes;
  lines.push(
    '',
    `Writes: ${w.sent} sent, ${w.acknowledged} acknowledged, ${w.lostAcknowledged.length} acknowledged lost; ${w.notAcknowledged} not acknowledged ` +
      `(${w.notAcknowledgedButCommitted} of them committed anyway), sent again with the same keys: ${w.stillMissingAfterRetry.length} still missing, ${w.duplicates.length} duplicates`,
  );
  const names = [...new Set((report.memory as { rssMb: Record<string, number> }[]).flatMap((m) => Object.keys(m.rssMb)))];
  lines.push('', `Memory (RSS, MB; PostgreSQL summed over its processes):`, `   t s  ${names.map((n) => n.padStart(Math.max(9, n.length))).join(' ')}`);
  for (const m of report.memory as { t: number; rssMb: Record<string, number | undefined> }[]) {
    lines.push(`${m.t.toFixed(1).padStart(6)}  ${names.map((n) => (m.rssMb[n] === undefined ? '-' : m.rssMb[n]!.toFixed(1)).padStart(Math.max(9, n.length))).join(' ')}`);
  }
  const exits = Object.entries(report.stop.exits as Record<string, { code: number | null; signal: string | null } | undefined>)
    .map(([name, exit]) => `${name} ${exit ? (exit.signal ?? `exit ${exit.code}`) : 'not running'}`)
    .join(', ');
  lines.push('', `Stop: ${exits}; ${report.stop.left.length} PostgreSQL processes left${report.stop.clean ? '' : ' (NOT CLEAN)'}`);
  lines.push(`Unexplained errors: ${report.unexplainedErrors}. Report: ${file}`);
  console.log(lines.join('\n'));
}

process.exitCode = await main();
