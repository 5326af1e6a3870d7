/**
 * `npm run bench -- [--duration 10] [--warmup 3] [--connections 10] [--scenarios overview,drilldown,…] [--systems linju,hive,monolith] [--profile DIR]`
 *
 * Runs Linju (its gateway and three subgraphs, each as production runs it unless `--bundles no`) and two baselines
 * on the data `npm run bench:data` loaded under `.data/bench/`: Hive Gateway serving the same
 * supergraph in front of the same subgraphs, and a monolith (one Apollo Server, one database,
 * direct SQL). Ports 4500–4505 (`--base-port`): gateway, sichuan, chongqing, joint, monolith, hive.
 *
 * First it checks that each baseline answers each read exactly as Linju does, and counts the SQL
 * statements of single requests (pages of 10 and 100 rows). Then, per scenario (see
 * `scenarios.ts`) and per system in turn, it loads the system with autocannon (closed loop, a
 * warm-up excluded), measuring throughput, latency percentiles, statements per request per store
 * and the front process's peak RSS; at the end it recomputes each store's audit chain. The report
 * goes to `bench/results/bench-<timestamp>.json` and `.md` (the processes' logs to `.log`); every
 * process it started is stopped at the end. `--profile DIR` makes every server write a V8 CPU
 * profile there when it stops; `--statement-times yes` has every cluster time its statements by kind
 * (the claim, the audit entry, reads) in the server, per measured run (`measure/statementTimes.ts`).
 */
import { fileURLToPath } from 'node:url';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadOrCreateDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { BENCH_DATA_DIR } from './data/benchStores.ts';
import { PeakRss } from './measure/PeakRss.ts';
import { ClusterStatements, preloadStatementStatistics, type StatementTimes } from './measure/statementTimes.ts';
import { WINDOWS_FILE } from './profile/profileReport.ts';
import { monotonicUs, type ProfileWindow } from './profile/profileWindows.ts';
import { cpuByProcess, cpuSpent } from './profile/processCpu.ts';
import { medianRun, roundOrder } from './measure/rounds.ts';
import { runLoad } from './measure/runLoad.ts';
import { readStoreMetrics, statementsPerRequest, storeProfiles } from './measure/storeMetrics.ts';
import { parseFlags, usageError } from './parseFlags.ts';
import { portFree } from './process/portFree.ts';
import { Service } from './process/Service.ts';
import { stopServices } from './process/stopServices.ts';
import { subgraphEnv } from './process/subgraphEnv.ts';
import { serverEntries } from './process/serverEntries.ts';
import { MONOLITH_PATHS } from './monolith/monolithPaths.ts';
import { formatReport, type BenchReport, type ScenarioRun, type SystemName } from './report/formatReport.ts';
import { activities, crossAppointments, drilldown, grassrootsOrganizers, overview, SCENARIOS, type ScenarioRequest, type TokenRole, type WriteSpread } from './scenarios.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';
// Like for like (issue 17): the monolith has no response cache, so Linju's gateway runs without its
// own unless the environment asks for it (LINJU_RESPONSE_CACHE_TTL_MS=5000, its default elsewhere;
// a blank value, which the gateway would read as unset, counts as not asking).
// Every process the bench starts inherits this environment.
if (!process.env.LINJU_RESPONSE_CACHE_TTL_MS?.trim()) process.env.LINJU_RESPONSE_CACHE_TTL_MS = '0';

const root = fileURLToPath(new URL('..', import.meta.url));
const SYSTEMS: SystemName[] = ['linju', 'hive', 'monolith', 'monolith-audited'];
const SUBGRAPHS = ['sichuan', 'chongqing', 'joint'] as const;
const USAGE =
  'npm run bench -- [--scale N] [--duration 10] [--warmup 3] [--connections 10] [--scenarios a,b] [--systems linju,hive,monolith,monolith-audited] [--rounds 3] [--base-port 4500] [--log-level warn] [--profile DIR] [--bundles yes|no] [--statement-times no|yes]';

const flags = parseFlags(
  process.argv.slice(2),
  { scale: '', duration: '10', warmup: '3', connections: '10', rounds: '3', scenarios: SCENARIOS.map((s) => s.name).join(','), systems: SYSTEMS.join(','), 'base-port': '4500', 'log-level': 'warn', profile: '', bundles: '', 'statement-times': 'no' },
  USAGE,
);
const seconds = Number(flags.duration);
const warmupSeconds = Number(flags.warmup);
const connections = Number(flags.connections);
const basePort = Number(flags['base-port']);
const rounds = Number(flags.rounds);
const scenarios = SCENARIOS.filter((s) => flags.scenarios.split(',').includes(s.name));
const systems = SYSTEMS.filter((s) => flags.systems.split(',').includes(s));
if (!['yes', 'no'].includes(flags['statement-times'])) usageError('--statement-times is yes or no', USAGE);
const timeStatements = flags['statement-times'] === 'yes';
if (!(seconds >= 1 && warmupSeconds >= 0 && connections >= 1 && Number.isInteger(rounds) && rounds >= 1 && basePort >= 1024 && basePort <= 65530) || scenarios.length === 0 || !systems.includes('linju')) {
  usageError('Bad options (Linju must be among the systems).', USAGE);
}

const datasetFile = join(BENCH_DATA_DIR, 'dataset.json');
if (!existsSync(datasetFile)) {
  console.error(`No benchmark data in ${BENCH_DATA_DIR}: run npm run bench:data -- --scale ${flags.scale || 1} first`);
  process.exit(2);
}
const dataset = JSON.parse(readFileSync(datasetFile, 'utf8')) as { scale: number; seed: number; size: Record<string, number>; federationOnly?: boolean; loadMs: { federation: number; monolith: number } };
if (dataset.federationOnly && systems.some((system) => system === 'monolith' || system === 'monolith-audited')) {
  console.error(`The data in ${BENCH_DATA_DIR} has no monolith (loaded with --federation-only yes): run with --systems linju,hive`);
  process.exit(2);
}
// The mix's writes spread over the dataset's days and grassroots organizers, by its seed (writeSpread.ts).
const spread: WriteSpread = { seed: dataset.seed, organizers: grassrootsOrganizers(dataset.size) };
if (flags.scale && Number(flags.scale) !== dataset.scale) {
  console.error(`The data in ${BENCH_DATA_DIR} is at scale ${dataset.scale}, not ${flags.scale}: run npm run bench:data -- --scale ${flags.scale} first`);
  process.exit(2);
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const log = createWriteStream(join(resultsDir, `bench-${stamp}.log`), { mode: 0o600 });

const ports = { gateway: basePort, sichuan: basePort + 1, chongqing: basePort + 2, joint: basePort + 3, monolith: basePort + 4, hive: basePort + 5 };
for (const [name, port] of Object.entries(ports)) {
  if (!(await portFree(port))) {
    console.error(`Port ${port} (for ${name}) is taken: choose others with --base-port`);
    process.exit(2);
  }
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  LINJU_DATA_DIR: BENCH_DATA_DIR,
  LOG_LEVEL: flags['log-level'],
  PORT: String(ports.gateway),
  MONOLITH_PORT: String(ports.monolith),
  HIVE_PORT: String(ports.hive),
  ...subgraphEnv(SUBGRAPHS, ports),
};
// --profile: every server writes a V8 CPU profile (.cpuprofile, for Chrome's DevTools) there when it stops.
if (flags.profile) {
  flags.profile = resolve(flags.profile);
  mkdirSync(flags.profile, { recursive: true });
}
// --bundles yes (the default, but with --profile): every system runs as production runs a server, each process its bundle under
// node with the production flags (Linju's four built as `npm run build`'s last step builds them, the
// monolith's and Hive's the same way under bench/dist/); --bundles no: from source through tsx, as `npm start` runs them.
// --profile charges samples by the sources' paths (profile/profileCategories.ts), which a bundle's frames do not carry.
flags.bundles ||= flags.profile ? 'no' : 'yes';
if (!['yes', 'no'].includes(flags.bundles)) usageError('--bundles is yes or no', USAGE);
if (flags.profile && flags.bundles === 'yes') usageError("--profile reads the sources' paths: run it with --bundles no", USAGE);
const BENCH_SOURCES = { hive: 'bench/hive/index.ts', monolith: 'bench/monolith/index.ts' };
const { entryOf, nodeArgs: productionArgs } = await serverEntries(
  flags.bundles === 'yes',
  Object.entries(BENCH_SOURCES).map(([name, entry]) => ({ name, entry, bundle: `bench/dist/${name}/index.mjs` })),
);
const nodeArgs = [...productionArgs, ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${flags.profile}`] : [])];
const service = (name: keyof typeof ports, entry: string) => new Service(name, ports[name], entryOf(name, entry), root, env, log, '/health', nodeArgs);
const services = {
  sichuan: service('sichuan', 'subgraph-sichuan/src/index.ts'),
  chongqing: service('chongqing', 'subgraph-chongqing/src/index.ts'),
  joint: service('joint', 'subgraph-shared/src/index.ts'),
  gateway: service('gateway', 'gateway/src/index.ts'),
  hive: service('hive', BENCH_SOURCES.hive),
  monolith: service('monolith', BENCH_SOURCES.monolith),
};
const base = (port: number) => `http://127.0.0.1:${port}`;
/** Each system's endpoint, its front process, and where its stores' statements are counted. */
const SYSTEM: Record<SystemName, { url: string; front: Service; statements: Record<string, string> }> = {
  linju: { url: `${base(ports.gateway)}/graphql`, front: services.gateway, statements: { sichuan: base(ports.sichuan), chongqing: base(ports.chongqing), joint: base(ports.joint) } },
  hive: { url: `${base(ports.hive)}/graphql`, front: services.hive, statements: { sichuan: base(ports.sichuan), chongqing: base(ports.chongqing), joint: base(ports.joint) } },
  monolith: { url: `${base(ports.monolith)}${MONOLITH_PATHS.plain}`, front: services.monolith, statements: { sichuan: base(ports.monolith), chongqing: base(ports.monolith), joint: base(ports.monolith) } },
  // The same process, at its audited path: one entry per store touched per request (bench/monolith/monolithAudit.ts).
  'monolith-audited': { url: `${base(ports.monolith)}${MONOLITH_PATHS.audited}`, front: services.monolith, statements: { sichuan: base(ports.monolith), chongqing: base(ports.monolith), joint: base(ports.monolith) } },
};

/** --profile: each measured run's clock window and processes, so `npm run bench:profile` can charge their samples to it. */
const profileWindows: ProfileWindow[] = [];
const processesOf = (system: SystemName): Record<string, number> => {
  const names = system === 'monolith' || system === 'monolith-audited' ? [SYSTEM[system].front] : [SYSTEM[system].front, ...SUBGRAPHS.map((name) => services[name])];
  return Object.fromEntries(names.flatMap((s) => (s.pid === undefined ? [] : [[s.name, s.pid]])));
};
/** The PostgreSQL clusters a system's requests run on: their postmasters, by store. */
const clustersOf = (system: SystemName): Record<string, number> => {
  const owners = system === 'monolith' || system === 'monolith-audited' ? [services.monolith] : SUBGRAPHS.map((name) => services[name]);
  return Object.fromEntries(owners.flatMap((s) => {
    const postmaster = s.postmaster(BENCH_DATA_DIR);
    return postmaster === undefined ? [] : [[s.name, postmaster]];
  }));
};
const recordWindow = (window: ProfileWindow) => {
  profileWindows.push(window);
  writeFileSync(join(flags.profile, WINDOWS_FILE), `${JSON.stringify({ command: process.argv.slice(2), windows: profileWindows }, null, 2)}\n`);
};

/** --statement-times: the clusters a system's requests run on, by name (a store's, or the monolith's one). */
const timedClustersOf = (system: SystemName): string[] => (system === 'monolith' || system === 'monolith-audited' ? ['monolith'] : [...SUBGRAPHS]);
const statementClusters = new Map<string, ClusterStatements>();
const undoPreload = preloadStatementStatistics(BENCH_DATA_DIR, [...new Set(systems.flatMap(timedClustersOf))], timeStatements);

const stopEverything = () =>
  stopServices(
    [services.gateway, services.hive, services.monolith],
    SUBGRAPHS.map((name) => services[name]),
    BENCH_DATA_DIR,
  );
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error('Interrupted: stopping the benchmark processes');
    void stopEverything().finally(() => {
      undoPreload();
      process.exit(130);
    });
  });
}

/** Statement counts and times divided by the requests answered. */
function perRequest(times: StatementTimes, requests: number): StatementTimes {
  const per = Math.max(requests, 1);
  return Object.fromEntries(Object.entries(times).map(([kind, { calls, ms }]) => [kind, { calls: calls / per, ms: ms / per }])) as StatementTimes;
}

async function post(url: string, token: string, request: ScenarioRequest): Promise<{ data?: unknown; errors?: { message: string }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
    signal: AbortSignal.timeout(60_000),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
}

const command = process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench';
const loadBefore = loadavg();
console.log(`Bench: scale ${dataset.scale}, ${scenarios.map((s) => s.name).join(', ')} × ${systems.join(', ')}; ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s each`);
console.log(`  load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
let exitCode = 0;
try {
  const keys = await loadOrCreateDevKeys(join(BENCH_DATA_DIR, 'gateway', 'dev-keys.json'));
  const started = Date.now();
  await Promise.all(SUBGRAPHS.map((name) => services[name].start()));
  await Promise.all([...new Set(systems.map((system) => SYSTEM[system].front))].map((front) => front.start()));
  console.log(`  up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const cluster of timeStatements ? new Set(systems.flatMap(timedClustersOf)) : []) statementClusters.set(cluster, await ClusterStatements.open(BENCH_DATA_DIR, cluster));
  const tokens: Record<TokenRole, string> = {
    viewer: await mintDevToken(keys, 'viewer', 'bench-viewer', '2h'),
    'sichuan-operator': await mintDevToken(keys, 'sichuan-operator', 'bench-sichuan', '2h'),
    'chongqing-operator': await mintDevToken(keys, 'chongqing-operator', 'bench-chongqing', '2h'),
  };
  const overall = new PeakRss(() => Object.fromEntries(Object.values(services).map((s) => [s.name, s.pid])), 500).start();

  // Same answers: each read once per system (this also warms every cache up).
  const reads = [overview, drilldown, activities(10), crossAppointments(5)];
  const sameAnswers: BenchReport['sameAnswers'] = {};
  const linjuAnswers = new Map<string, unknown>();
  for (const request of reads) {
    const answer = await post(SYSTEM.linju.url, tokens[request.role], request);
    if (answer.errors?.length) throw new Error(`Linju answered ${request.label} with errors: ${JSON.stringify(answer.errors).slice(0, 500)}`);
    linjuAnswers.set(request.label, answer.data);
  }
  for (const system of systems.filter((s) => s !== 'linju')) {
    sameAnswers[system] = {};
    for (const request of reads) {
      const answer = await post(SYSTEM[system].url, tokens[request.role], request);
      sameAnswers[system][request.label] = answer.errors?.length
        ? `errors: ${answer.errors[0]!.message.slice(0, 120)}`
        : isDeepStrictEqual(answer.data, linjuAnswers.get(request.label)) || 'different data';
    }
  }
  console.log(`  same answers as Linju: ${JSON.stringify(sameAnswers)}`);

  // Statements of single requests: pages of 10 and 100 rows cost the same number.
  const probes: [string, ScenarioRequest][] = [
    // A year no request asked for yet: its figures are computed (one statement per side), not cached.
    ['overview of 2023, first asked', { ...overview, variables: { period: { from: '2023-01-01', to: '2023-12-31' } } }],
    ['overview of 2023, asked again (cached figures)', { ...overview, variables: { period: { from: '2023-01-01', to: '2023-12-31' } } }],
    ['drilldown', drilldown],
    ['activities first 10', activities(10)],
    ['activities first 100', activities(100)],
    ['crossAppointments first 5', crossAppointments(5)],
    ['crossAppointments first 100', crossAppointments(100)],
  ];
  const statementProbes: BenchReport['statementProbes'] = {};
  for (const [label, request] of probes) {
    statementProbes[label] = {} as Record<SystemName, Record<string, number>>;
    for (const system of systems) {
      const before = await readStoreMetrics(SYSTEM[system].statements);
      await post(SYSTEM[system].url, tokens[request.role], request);
      statementProbes[label][system] = statementsPerRequest(before, await readStoreMetrics(SYSTEM[system].statements), 1);
    }
  }

  const results: BenchReport['scenarios'] = [];
  for (const scenario of scenarios) {
    const measured: Partial<Record<SystemName, (ScenarioRun & { load1: number })[]>> = {};
    for (let round = 0; round < rounds; round++) {
      for (const system of roundOrder(systems, round)) {
        if (interrupted) throw new Error('interrupted');
        const target = SYSTEM[system];
        const tag = `bench-${stamp}-${scenario.name}-${system}-${round}`;
        if (warmupSeconds > 0) await runLoad({ url: target.url, requests: scenario.requests, tokens, connections, seconds: warmupSeconds, tag: `${tag}-warmup`, spread });
        const before = await readStoreMetrics(target.statements);
        const rss = new PeakRss(() => ({ [system]: target.front.pid })).start();
        // Read only when profiling: finding a cluster's backends scans /proc.
        const processes = flags.profile ? processesOf(system) : {};
        const clusters = flags.profile ? clustersOf(system) : {};
        const cpuBefore = flags.profile ? cpuByProcess(processes, clusters) : {};
        const timed = timedClustersOf(system).flatMap((name) => (statementClusters.has(name) ? [[name, statementClusters.get(name)!] as const] : []));
        await Promise.all(timed.map(([, cluster]) => cluster.reset()));
        const fromUs = monotonicUs();
        const result = await runLoad({ url: target.url, requests: scenario.requests, tokens, connections, seconds, tag, spread });
        if (flags.profile) {
          const toUs = monotonicUs();
          recordWindow({ scenario: scenario.name, system, round, fromUs, toUs, requests: result.requests, processes, cpuMs: cpuSpent(cpuBefore, cpuByProcess(processes, clusters)) });
        }
        const statementTimes = timed.length ? Object.fromEntries(await Promise.all(timed.map(async ([name, cluster]) => [name, perRequest(await cluster.read(), result.requests)] as const))) : undefined;
        const peak = rss.stop()[system];
        const after = await readStoreMetrics(target.statements);
        (measured[system] ??= []).push({
          ...result,
          statementsPerRequest: statementsPerRequest(before, after, result.requests),
          ...(system !== 'monolith' && system !== 'monolith-audited' && { stores: storeProfiles(before, after) }),
          ...(statementTimes && { statementTimes }),
          peakRssMb: peak,
          load1: loadavg()[0]!,
        });
        console.log(
          `  ${scenario.name.padEnd(18)} ${system.padEnd(16)}${rounds > 1 ? ` round ${round + 1}` : ''} ${String(result.throughput).padStart(7)} req/s  p50 ${result.latencyMs.p50} p95 ${result.latencyMs.p95} p99 ${result.latencyMs.p99} ms` +
            `  errors ${result.failed + result.graphqlErrors}${result.firstError ? ` (${result.firstError.slice(0, 80)})` : ''}  load ${loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
    const runs = Object.fromEntries(Object.entries(measured).map(([system, list]) => [system, medianRun(list!)])) as Partial<Record<SystemName, ScenarioRun>>;
    results.push({ name: scenario.name, description: scenario.description, runs });
  }

  // The audit chains after the load (group commit appended most read entries): still verifiable,
  // through the API as an operator would, a stretch at a time until `next` is null.
  const auditChains: BenchReport['auditChains'] = {};
  for (const [store, role] of [['sichuan', 'sichuan-operator'], ['chongqing', 'chongqing-operator'], ['joint', 'joint-operator']] as const) {
    const field = 'auditChain(from: $from) { entries verified brokenAt next }';
    const query = `query ($from: String) { ${store === 'joint' ? field : `${store} { ${field} }`} }`;
    const token = await mintDevToken(keys, role, `bench-${role}`, '10m');
    let from: string | null = '1';
    for (let stretches = 1; from !== null; stretches++) {
      const answer = await post(SYSTEM.linju.url, token, { label: 'auditChain', query, variables: { from }, role: 'viewer' });
      type Stretch = { entries: number; verified: boolean; brokenAt: string | null; next: string | null };
      const data = answer.data as ({ auditChain?: Stretch } & Record<string, { auditChain?: Stretch }>) | undefined;
      const stretch = store === 'joint' ? data?.auditChain : data?.[store]?.auditChain;
      auditChains[store] = stretch ? { entries: stretch.entries, verified: stretch.verified, brokenAt: stretch.brokenAt, stretches } : { entries: 0, verified: false, brokenAt: answer.errors?.[0]?.message ?? 'no answer', stretches };
      from = stretch?.verified ? stretch.next : null;
    }
  }
  console.log(`  audit chains after the run: ${JSON.stringify(auditChains)}`);

  const cpu = cpus();
  const report: BenchReport = {
    command,
    startedAt: new Date(started).toISOString(),
    machine: { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore, loadAfter: loadavg() },
    dataset: { scale: dataset.scale, seed: dataset.seed, loadMs: dataset.loadMs, size: dataset.size },
    options: { seconds, warmupSeconds, connections, rounds, responseCacheTtlMs: Number(process.env.LINJU_RESPONSE_CACHE_TTL_MS), aggregateCacheTtlMs: process.env.LINJU_AGGREGATE_CACHE_TTL_MS?.trim() || null },
    sameAnswers,
    statementProbes,
    scenarios: results,
    auditChains,
    peakRssMb: overall.stop(),
  };
  const markdown = formatReport(report);
  writeFileSync(join(resultsDir, `bench-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, `bench-${stamp}.md`), markdown);
  console.log(`\n${markdown}\nReport: bench/results/bench-${stamp}.json and .md`);
} catch (error) {
  console.error(`Bench failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  for (const cluster of statementClusters.values()) await cluster.close().catch(() => undefined);
  await stopEverything();
  undoPreload();
  await new Promise((done) => log.end(done));
}
process.exit(exitCode);
