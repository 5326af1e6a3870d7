// The benchmark compares Linju with a monolith over the same data (`npm run bench`); the comparison
// means something only if both answer the same. Here, at a tiny scale: the generator's rows satisfy
// every constraint of the stores (they load), the monolith answers each read scenario exactly as the
// federation does, a write shows in the next overview of both (the aggregate caches let go), and
// both refuse a second write of a live record (ALREADY_RECORDED).
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSubgraph, type RunningSubgraph } from '@linju/subgraph-runtime';
import { datasetSize, jointLoads, jurisdictionLoads, STORE_TABLES, type Store } from '../../../bench/data/benchDataset.ts';
import { DEFINITIONS, openMonolith, STORES } from '../../../bench/data/benchStores.ts';
import { loadStore } from '../../../bench/data/loadStore.ts';
import { MONOLITH_PATHS } from '../../../bench/monolith/monolithPaths.ts';
import { startMonolith } from '../../../bench/monolith/startMonolith.ts';
import { activities, crossAppointments, drilldown, overview, recordActivity, type ScenarioRequest } from '../../../bench/scenarios.ts';
import { createAuthenticator } from '@linju/gateway/authenticate';
import { createDevKeys, DEV_AUDIENCE, DEV_ISSUER, mintDevToken } from '@linju/gateway/devKeys';
import { startGateway } from '@linju/gateway';

const size = datasetSize(0.002);
const loadsOf = (store: Store) => (store === 'joint' ? jointLoads(size, 1) : jurisdictionLoads(store, size, 1));
const emptyOf = (store: Store) => STORE_TABLES[store === 'joint' ? 'joint' : 'jurisdiction'];

let dataDir: string;
const stops: (() => Promise<void>)[] = [];
const urls = { linju: '', monolith: '', 'monolith-audited': '' };
const auditCounts: Record<'linju' | 'monolith', () => Promise<Record<Store, number>>> = {} as never;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'linju-bench-test-'));
  // As root, PostgreSQL runs as another account, which must be able to reach the folder.
  await chmod(dataDir, 0o755);
  const secrets = Object.fromEntries(STORES.map((store) => [store, randomBytes(32).toString('base64url')]));
  const subgraphs: Record<string, RunningSubgraph> = {};
  for (const store of STORES) {
    subgraphs[store] = await startSubgraph(DEFINITIONS[store] as never, { dataDir: join(dataDir, store), durable: false, seed: false, gatewaySecret: secrets[store]! });
    stops.unshift(() => subgraphs[store]!.stop());
    await loadStore(subgraphs[store]!.pool, loadsOf(store), emptyOf(store));
  }
  const devKeys = await createDevKeys();
  const authenticate = createAuthenticator({ keys: devKeys.jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
  const supergraphSdl = await readFile(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
  const gateway = await startGateway({
    supergraphSdl,
    subgraphUrls: Object.fromEntries(STORES.map((store) => [store, subgraphs[store]!.url])),
    subgraphSecrets: secrets,
    authenticate,
  });
  stops.unshift(() => gateway.stop());
  const store = await openMonolith(join(dataDir, 'monolith'));
  stops.push(() => store.close());
  for (const name of STORES) await loadStore(store.pools[name], loadsOf(name), emptyOf(name));
  const monolith = await startMonolith({ supergraphSdl, pools: store.pools, statements: store.statements, authenticate, port: 0 });
  stops.unshift(() => monolith.stop());
  urls.linju = gateway.url;
  urls.monolith = monolith.url;
  urls['monolith-audited'] = monolith.url.replace(MONOLITH_PATHS.plain, MONOLITH_PATHS.audited);
  const countsOf = (query: (store: Store) => Promise<{ rows: { n: number }[] }>) => async () =>
    Object.fromEntries(await Promise.all(STORES.map(async (name) => [name, (await query(name)).rows[0]!.n]))) as Record<Store, number>;
  const COUNT = 'SELECT count(*)::int AS n FROM audit_log';
  auditCounts.linju = countsOf((name) => subgraphs[name]!.pool.query(COUNT));
  auditCounts.monolith = countsOf((name) => store.pools[name].query(COUNT));
  for (const role of ['viewer', 'sichuan-operator', 'chongqing-operator'] as const) tokens[role] = await mintDevToken(devKeys, role);
}, 120_000);

afterAll(async () => {
  for (const stop of stops) await stop().catch(() => undefined);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function ask(system: keyof typeof urls, request: ScenarioRequest, variables = request.variables): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(urls[system], {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[request.role]}` },
    body: JSON.stringify({ query: request.query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

test.each([overview, drilldown, activities(10), crossAppointments(5)])('the monolith answers $label exactly as the federation does', async (request) => {
  const federated = await ask('linju', request);
  expect(federated.errors).toBeUndefined();
  // Not an empty answer that would match anything: the tiny dataset has rows for every scenario.
  expect(JSON.stringify(federated.data)).not.toMatch(/"(edges|members|agreements)":\[\]/);
  expect(await ask('monolith', request)).toEqual(federated);
});

test('the monolith answers a list by its records’ IDs (filter.ids) exactly as the federation does', async () => {
  const list = (filter: string) => `query${filter ? ' ($ids: [ID!])' : ''} { chongqing { activities(filter: { ${filter} }, first: 10) { totalCount edges { node { id title organizer { name } } } pageInfo { hasNextPage } } } }`;
  type Page = { chongqing: { activities: { totalCount: number; edges: { node: { id: string } }[] } } };
  const ids = ((await ask('linju', { label: 'activities', query: list(''), variables: {}, role: 'viewer' })).data as Page).chongqing.activities.edges.map(({ node }) => node.id);
  const request: ScenarioRequest = { label: 'activities by ID', query: list('ids: $ids'), variables: { ids: [ids[3], ids[0], 'sichuan:Activity:b1', 'chongqing:Activity:none'] }, role: 'viewer' };
  const federated = await ask('linju', request);
  expect(federated.errors).toBeUndefined();
  expect((federated.data as Page).chongqing.activities.totalCount).toBe(2);
  expect(await ask('monolith', request)).toEqual(federated);
});

test('a write shows in the next overview of both systems (their aggregate caches let go)', async () => {
  const year2025 = { period: { from: '2025-01-01', to: '2025-12-31' } };
  const sessions = async (system: 'linju' | 'monolith') =>
    ((await ask(system, overview, year2025)).data!.overview as { sichuan: { jointSeminarSessions: number } }).sichuan.jointSeminarSessions;
  for (const system of ['linju', 'monolith'] as const) {
    const before = await sessions(system);
    const write = recordActivity('sichuan');
    const input = { ...(write.variables.input as Record<string, unknown>), title: `压测写入-test-${system}` };
    expect((await ask(system, write, { input, key: `bench-test-${system}` })).errors).toBeUndefined();
    expect(await sessions(system)).toBe(before + 1);
  }
});

test('both systems refuse ALREADY_RECORDED a write of a live activity’s identity (the same check per write)', async () => {
  for (const system of ['linju', 'monolith'] as const) {
    const write = recordActivity('chongqing');
    const input = { ...(write.variables.input as Record<string, unknown>), title: `压测写入-test-twice-${system}` };
    const first = await ask(system, write, { input, key: `bench-twice-${system}-1` });
    expect(first.errors).toBeUndefined();
    // Another key: not a retry, a second write of the same record.
    const again = await ask(system, write, { input, key: `bench-twice-${system}-2` });
    expect(again.data?.chongqingRecordActivity ?? null).toBeNull();
    const { code, rule, id } = (again.errors as { extensions?: Record<string, unknown> }[] | undefined)?.[0]?.extensions ?? {};
    expect({ system, code, rule, id }).toEqual({ system, code: 'ALREADY_RECORDED', rule: 'same-record', id: (first.data!.chongqingRecordActivity as { id: string }).id });
  }
});

test.each([overview, drilldown, activities(10), crossAppointments(5)])('the audited monolith answers $label as the federation does, with an entry in every store the federation audits', async (request) => {
  const linjuBefore = await auditCounts.linju();
  const federated = await ask('linju', request);
  const linjuAdded = diff(await auditCounts.linju(), linjuBefore);
  const monolithBefore = await auditCounts.monolith();
  expect(await ask('monolith-audited', request)).toEqual(federated);
  // The federation appends one entry per subgraph call (a plan may call a side twice); a monolith,
  // one per request in each store it touched: the same stores, at most as many entries.
  const touched = (added: Record<Store, number>) => Object.fromEntries(STORES.map((name) => [name, Math.min(added[name], 1)]));
  expect(Object.values(linjuAdded).some((n) => n > 0)).toBe(true);
  expect(diff(await auditCounts.monolith(), monolithBefore)).toEqual(touched(linjuAdded));
  // The plain path appends nothing: the lower bound without an audit log.
  const plainBefore = await auditCounts.monolith();
  await ask('monolith', request);
  expect(await auditCounts.monolith()).toEqual(plainBefore);
});

function diff(after: Record<Store, number>, before: Record<Store, number>): Record<Store, number> {
  return Object.fromEntries(STORES.map((name) => [name, after[name] - before[name]])) as Record<Store, number>;
}
