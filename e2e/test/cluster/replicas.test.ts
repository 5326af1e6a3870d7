import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANONYMOUS, CALLER_HEADER, gatewaySecret, operationDigest, signCaller } from '@linju/access';
import { loadOrCreateDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { connectToCluster, freePort } from '@linju/testing';
import { haproxyBinary, startCluster, type Cluster } from '@linju/testing/cluster';

/**
 * `npm run test:cluster`: the federation as `npm run cluster -- --replicas 2` runs it (two replicas
 * of each subgraph over one store each, two gateways, HAProxy in front of both tiers), driven
 * through the balancer while one replica of each tier is killed (SIGKILL) and started again:
 * - no write the balancer acknowledged is lost, none is written twice;
 * - read-your-writes through any replica: the next read after an acknowledged write shows it,
 *   the overview's aggregates included (each subgraph replica caches them);
 * - a caller statement one replica accepted is refused by the other (and by itself).
 */

const haproxy = haproxyBinary();
const skip = !haproxy && !process.env.CI;
if (skip) console.warn('test/cluster skipped: HAProxy is not installed (apt-get install haproxy); CI installs it and runs it');

const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
const OVERVIEW = `query Overview($period: PeriodInput) { overview(period: $period) { sichuan { jointSeminarSessions } total { jointSeminarSessions } alliances { total } } }`;
const RECORD = `mutation Record($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`;
const COUNT = `query Count($search: String!) { sichuan { activities(filter: { search: $search }, first: 1) { totalCount } } }`;

interface Answer<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let dataDir: string;
let cluster: Cluster;
let operator: string;
let viewer: string;
let organizerId: string;
const run = randomUUID().slice(0, 8);

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as Omit<Answer<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Sends a query until one answer is whole (a 502 or a part missing while a replica dies is not an answer yet). */
async function read<T>(url: string, query: string, variables: Record<string, unknown>, token = viewer): Promise<T> {
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const answer = await post<T>(url, query, variables, token);
      if (answer.status === 200 && answer.data && !answer.errors?.length) return answer.data;
      last = `${answer.status} ${JSON.stringify(answer.errors ?? answer)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no whole answer from ${url}: ${last}`);
}

const seminars = async (url: string) => (await read<{ overview: { sichuan: { jointSeminarSessions: number } } }>(url, OVERVIEW, { period: PERIOD })).overview.sichuan.jointSeminarSessions;
const written = async (url: string, search: string) => (await read<{ sichuan: { activities: { totalCount: number } } }>(url, COUNT, { search }, operator)).sichuan.activities.totalCount;

/** One write, sent (with its idempotency key) until the balancer acknowledges it; how many attempts it took. */
async function write(url: string, key: string, title: string): Promise<number> {
  for (let attempt = 1; attempt <= 60; attempt++) {
    try {
      const answer = await post<{ sichuanRecordActivity: { id: string } }>(url, RECORD, { key, input: { kind: '座谈交流', title, heldOn: '2024-05-01', organizerId, sessions: 1 } }, operator);
      if (answer.status === 200 && answer.data?.sichuanRecordActivity?.id && !answer.errors?.length) return attempt;
    } catch {
      // The connection went with a gateway: not acknowledged, so sent again with the same key.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${title} was never acknowledged`);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(skip)('replicas behind HAProxy', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'linju-cluster-'));
    // Embedded PostgreSQL runs as another account when this is root: it must reach its folder.
    await chmod(dataDir, 0o755);
    const [port, sichuan, chongqing, joint] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    cluster = await startCluster({ replicas: 2, dataDir, port, subgraphPorts: { sichuan, chongqing, joint }, durable: false, restartDelayMs: 200 });
    const keys = await loadOrCreateDevKeys(join(dataDir, 'gateway', 'dev-keys.json'));
    operator = await mintDevToken(keys, 'sichuan-operator', 'cluster-clerk', '1h');
    viewer = await mintDevToken(keys, 'viewer', 'cluster-viewer', '1h');
    const organizations = await read<{ sichuan: { organizations: { edges: { node: { id: string } }[] } } }>(cluster.url, `{ sichuan { organizations(first: 1) { edges { node { id } } } } }`, {}, operator);
    organizerId = organizations.sichuan.organizations.edges[0]!.node.id;
  }, 600_000);

  afterAll(async () => {
    await cluster?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('a caller statement is accepted once across the replicas of a subgraph: the other refuses it as a replay', async () => {
    const secret = gatewaySecret('sichuan', { LINJU_DATA_DIR: dataDir });
    const query = 'query Probe { __typename }';
    const statement = () => signCaller(ANONYMOUS, { secret, audience: 'sichuan', digest: operationDigest(query, {}, 'Probe') });
    const send = async (url: string, header: string) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: header }, body: JSON.stringify({ query, variables: {}, operationName: 'Probe' }) });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { reason?: string } }[] } };
    };
    const [one, two] = [cluster.replica('sichuan-1').url, cluster.replica('sichuan-2').url];
    const header = await statement();
    expect(await send(one, header)).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await send(two, header)).toMatchObject({ status: 401, body: { errors: [{ extensions: { reason: 'replay' } }] } });
    expect(await send(one, header)).toMatchObject({ status: 401, body: { errors: [{ extensions: { reason: 'replay' } }] } });
    // At the same instant to both: exactly one accepts it.
    for (let i = 0; i < 5; i++) {
      const fresh = await statement();
      const answers = await Promise.all([send(one, fresh), send(two, fresh)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    }
  });

  test('read-your-writes through any replica: the overview read through the other gateway (and either subgraph replica) shows each write at once', async () => {
    const gateways = [cluster.replica('gateway-1').url, cluster.replica('gateway-2').url];
    // Both subgraph replicas hold the overview in their aggregate caches (the balancer alternates between them).
    let expected = await seminars(cluster.url);
    for (let i = 0; i < 4; i++) expect(await seminars(gateways[i % 2]!)).toBe(expected);
    for (let i = 0; i < 6; i++) {
      await write(gateways[i % 2]!, `ryw-${run}-${i}`, `读己之写-${run}-${i}`);
      expected++;
      // The other gateway, then the balancer twice (each subgraph replica in turn): none may answer from before the write.
      expect(await seminars(gateways[(i + 1) % 2]!), `after write ${i}, through the other gateway`).toBe(expected);
      expect(await seminars(cluster.url), `after write ${i}, through the balancer`).toBe(expected);
      expect(await seminars(cluster.url), `after write ${i}, through the balancer again`).toBe(expected);
    }
  }, 300_000);

  test('writes and reads through the balancer while one replica of each tier is killed and started again: nothing acknowledged is lost or stale', async () => {
    const search = `杀进程-${run}`;
    let acknowledged = 0;
    let stopWriting = false;
    const stale: string[] = [];
    const base = await seminars(cluster.url);
    const writer = (async () => {
      for (let i = 0; !stopWriting || i < 10; i++) {
        await write(cluster.url, `kill-${run}-${i}`, `${search}-${i}`);
        acknowledged++;
        // The very next reads, through whichever gateway and subgraph replica the balancer picks.
        const [count, figure] = [await written(cluster.url, search), await seminars(cluster.url)];
        if (count !== acknowledged) stale.push(`after ${acknowledged} acknowledged writes, the list counted ${count}`);
        if (figure !== base + acknowledged) stale.push(`after ${acknowledged} acknowledged writes, the overview said ${figure - base}`);
      }
    })();
    const kill = async (labels: string[]) => {
      const before = labels.map((label) => cluster.replica(label).restarts);
      for (const label of labels) cluster.replica(label).process.signal('SIGKILL');
      await until(`${labels.join(', ')} to be started again and up in HAProxy`, async () => {
        const states = await cluster.states();
        return labels.every((label, i) => cluster.replica(label).restarts > before[i]! && states[label] === 'UP');
      });
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await kill(['sichuan-1', 'gateway-1']);
      await kill(['chongqing-2', 'joint-1', 'gateway-2']);
      await kill(['sichuan-2']);
    } finally {
      stopWriting = true;
      await writer;
    }
    expect(stale).toEqual([]);
    // Every acknowledged write is in the store, once.
    const client = await connectToCluster(join(dataDir, 'sichuan'));
    try {
      const { rows } = await client.query<{ title: string; n: number }>('SELECT title, count(*)::int AS n FROM activity WHERE title LIKE $1 GROUP BY title', [`${search}-%`]);
      expect(rows.length).toBe(acknowledged);
      expect(rows.every((row) => row.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
    expect(acknowledged).toBeGreaterThanOrEqual(10);
  }, 900_000);

  test('one chain of audit entries across the replicas: every entry follows the one before it', async () => {
    const client = await connectToCluster(join(dataDir, 'sichuan'));
    try {
      const { rows } = await client.query<{ broken: number; entries: number }>(
        `SELECT count(*) FILTER (WHERE broken)::int AS broken, count(*)::int AS entries FROM (
           SELECT prev_hash <> coalesce(lag(hash) OVER w, repeat('0', 64)) OR seq <> coalesce(lag(seq) OVER w, 0) + 1 OR hash <> audit_log_hash(a) AS broken
             FROM audit_log a WINDOW w AS (ORDER BY seq)) entries`,
      );
      expect(rows[0]!.entries).toBeGreaterThan(20);
      expect(rows[0]!.broken).toBe(0);
    } finally {
      await client.end();
    }
  });
});
