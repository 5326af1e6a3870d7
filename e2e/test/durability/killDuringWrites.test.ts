import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@linju/subgraph-runtime';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { alive, clusterProcesses, connectToCluster, postmasterOf, survivors } from '@linju/testing';
import { ServiceProcess } from '@linju/testing';
import { runRepoCommand } from '../repoCommand.ts';

/**
 * Durability and shutdown, with Sichuan's subgraph as a real process of its own (started as
 * `npm start` starts it, on a durable embedded cluster) behind the in-process gateway:
 * - `kill -9` during a burst of writes loses no write the gateway acknowledged;
 * - SIGTERM lets the requests under way finish, then stops the pool and PostgreSQL, and exits 0;
 * - the gateway, as a process too, drains its requests on SIGTERM and exits 0.
 */

const SECRET = randomBytes(32).toString('base64url');
/** The gateway's timeout for Sichuan: longer than any lock a test holds (its default is 5 s). */
const HELD_TIMEOUT_MS = 15_000;
const RECORD = `mutation Record($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id title } }`;
const LIST = `query Written($search: String!, $after: String) {
  sichuan { activities(filter: { search: $search }, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title } } } }
}`;

let root: string;
let port: number;
let sichuan: ServiceProcess | undefined;
let federation: Federation;
let operator: string;
let organizerId: string;

const sichuanDir = () => join(root, 'sichuan');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startSichuan(): Promise<ServiceProcess> {
  sichuan = await ServiceProcess.start('sichuan', 'subgraph-sichuan/src/index.ts', {
    SICHUAN_PORT: String(port),
    LINJU_DATA_DIR: root,
    SICHUAN_GATEWAY_SECRET: SECRET,
  });
  return sichuan;
}

async function until(what: string, test: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** One write of the burst: its idempotency key, its unique title, and what the gateway answered. */
interface Attempt {
  key: string;
  title: string;
  /** The ID the gateway acknowledged (data, no error). */
  id?: string;
  error?: string;
}

type RecordResponse = GraphQLResponse<{ sichuanRecordActivity: { id: string; title: string } }>;

async function send(url: string, attempt: Attempt): Promise<RecordResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
    body: JSON.stringify({
      query: RECORD,
      variables: { key: attempt.key, input: { kind: '座谈交流', title: attempt.title, heldOn: '2024-04-01', organizerId, sessions: 1 } },
    }),
  });
  return (await response.json()) as RecordResponse;
}

/** Sends the write once and records whether the gateway acknowledged it. */
async function record(attempt: Attempt, url = federation.gatewayUrl): Promise<void> {
  try {
    const response = await send(url, attempt);
    const id = response.data?.sichuanRecordActivity?.id;
    if (id && !response.errors?.length) {
      attempt.id = id;
      attempt.error = undefined;
    } else attempt.error = `${response.errors?.[0]?.extensions?.code ?? '?'}: ${response.errors?.[0]?.message ?? 'no data'}`;
  } catch (error) {
    attempt.error = `transport: ${(error as Error).message}`;
  }
}

function attempts(label: string, count: number): Attempt[] {
  const run = `${label}-${randomUUID().slice(0, 8)}`;
  return Array.from({ length: count }, (_, i) => ({ key: `durability-${run}-${i}`, title: `耐久写入-${run}-${i}` }));
}

interface WrittenPage {
  sichuan: { activities: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; title: string } }[] } };
}

/** What Sichuan's store holds for a run, through the gateway: title → IDs. */
async function storedThroughGateway(search: string): Promise<Map<string, string[]>> {
  const stored = new Map<string, string[]>();
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const response: GraphQLResponse<WrittenPage> = await federation.query<WrittenPage>(LIST, { search, after });
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo } = response.data!.sichuan.activities;
    for (const { node } of edges) stored.set(node.title, [...(stored.get(node.title) ?? []), node.id]);
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return stored;
}

/** The same, read from the store's own table. */
async function storedInTable(search: string): Promise<Map<string, string[]>> {
  const client = await connectToCluster(sichuanDir());
  try {
    const { rows } = await client.query<{ id: string; title: string }>('SELECT id, title FROM activity WHERE title LIKE $1', [`%${search}%`]);
    const stored = new Map<string, string[]>();
    for (const row of rows) stored.set(row.title, [...(stored.get(row.title) ?? []), row.id]);
    return stored;
  } finally {
    await client.end();
  }
}

/** Waits until `writes` all wait for the lock `held` holds; fails at once, with the answer, if one was answered instead. */
async function untilWaiting(held: { waiting(): Promise<number> }, writes: readonly Attempt[]): Promise<void> {
  await until('the writes to wait for the lock', async () => {
    const answered = writes.find((a) => a.id || a.error);
    if (answered) throw new Error(`${answered.title} was answered before the lock was released: ${answered.error ?? answered.id}`);
    return (await held.waiting()) >= writes.length;
  });
}

/** Holds a lock that makes every new activity wait: Sichuan's writes stay in flight, inside the subgraph, until `release`. */
async function holdWrites(): Promise<{ waiting(): Promise<number>; release(): Promise<void> }> {
  const client: pg.Client = await connectToCluster(sichuanDir());
  await client.query('BEGIN');
  // Blocks INSERT (ROW EXCLUSIVE), not reads.
  await client.query('LOCK TABLE activity IN SHARE ROW EXCLUSIVE MODE');
  let released = false;
  return {
    async waiting() {
      // Inside a transaction the activity view is a snapshot taken at its first read: take a fresh one.
      await client.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      return rows[0]!.n;
    },
    /** Lets the writes go on; safe to call twice. */
    async release() {
      if (released) return;
      released = true;
      await client.query('COMMIT');
      await client.end();
    },
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-durability-'));
  // As root, PostgreSQL runs as another account, which must be able to reach the data folder.
  await chmod(root, 0o755);
  port = await freePort();
  // Sichuan's process first, then the in-process rest: started together, the system could give an
  // in-process subgraph (listening on port 0) or a cluster the port Sichuan was told to take before it
  // bound it. The gateway only needs Sichuan's URL.
  await startSichuan();
  federation = await startFederation({
    external: { sichuan: { url: `http://127.0.0.1:${port}/graphql`, secret: SECRET } },
    // Slack for the writes the shutdown tests hold in flight on a busy machine.
    subgraphTimeoutsMs: { sichuan: HELD_TIMEOUT_MS },
    log: () => {},
  });
  operator = await federation.token('sichuan-operator');
  const towns = await federation.query<{ sichuan: { organizations: { edges: { node: { id: string; level: string; kind: string; dissolvedOn: string | null } }[] } } }>(
    `{ sichuan { organizations(first: 100) { edges { node { id level kind dissolvedOn } } } } }`,
  );
  expect(towns.errors).toBeUndefined();
  organizerId = towns.data!.sichuan.organizations.edges.map((e) => e.node).find((o) => o.level === '乡镇' && o.kind === '党委' && !o.dissolvedOn)!.id;
});

afterAll(async () => {
  await federation?.stop();
  const pids = root ? clusterProcesses(sichuanDir()) : [];
  await sichuan?.stop();
  // A test that failed after a kill -9 may have left the orphaned postmaster: stop it as a restart would.
  const left = () => (root ? survivors(sichuanDir(), pids) : []);
  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    for (const pid of left()) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone in the meantime.
      }
    }
    await until('the cluster to stop', () => left().length === 0).catch(() => {});
  }
  if (root) await rm(root, { recursive: true, force: true });
});

describe('durability: kill -9 of a subgraph during a burst of writes', () => {
  it('loses no acknowledged write, and retries with the same keys write each record exactly once', async () => {
    const burst = attempts('burst', 200);
    // One outage at a time, even if the burst reaches the second kill before the first restart is over.
    let outages = Promise.resolve();
    const downtimes: number[] = [];
    /**
     * Midway, the subgraph is killed with SIGKILL and started again on the same folder and port.
     * The first time only its Node process dies (PostgreSQL lives on, orphaned, and the restart
     * stops it); the second time its PostgreSQL dies with it, as in a crash of the whole host
     * process tree, and the restart replays PostgreSQL's WAL.
     */
    const killAt = new Map([
      [50, 'subgraph'],
      [125, 'subgraph and PostgreSQL'],
    ]);
    const killAndRestart = async (what: string) => {
      const killed = sichuan!;
      const cluster = what === 'subgraph' ? [] : clusterProcesses(sichuanDir());
      const since = Date.now();
      killed.signal('SIGKILL');
      for (const pid of cluster) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // A backend that ended meanwhile.
        }
      }
      await killed.exited;
      await until('the killed cluster to be gone', () => cluster.every((pid) => !alive(pid)));
      await startSichuan();
      downtimes.push(Date.now() - since);
    };
    let next = 0;
    const worker = async () => {
      while (next < burst.length) {
        const i = next++;
        const kill = killAt.get(i);
        if (kill) outages = outages.then(() => killAndRestart(kill));
        await record(burst[i]!);
        // While the subgraph is down its writes fail at once: pace them, so the burst outlives the outage.
        if (burst[i]!.error) await sleep(250);
      }
    };
    // A few writes in flight at a time.
    await Promise.all(Array.from({ length: 4 }, worker));
    await outages;
    expect(downtimes).toHaveLength(2);
    // The restarts left one postmaster on the folder: the orphan of the first kill was stopped.
    expect(survivors(sichuanDir(), [])).toEqual([postmasterOf(sichuanDir())]);

    const acknowledged = burst.filter((a) => a.id);
    const refused = burst.filter((a) => !a.id);
    // The kills happened during the burst: some writes failed, many before and after went through.
    expect(refused.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(40);
    // Failures are the outage's: the gateway could not reach Sichuan, never a wrong answer.
    for (const a of refused) expect(a.error, a.error).not.toMatch(/^(BAD_USER_INPUT|CONFLICT|IDEMPOTENCY_KEY_REUSED|FORBIDDEN|UNAUTHENTICATED)/);

    const run = burst[0]!.title.replace(/-0$/, '');
    for (const stored of [await storedThroughGateway(run), await storedInTable(run)]) {
      for (const a of acknowledged) expect(stored.get(a.title), `acknowledged ${a.title}`).toEqual([a.id]);
    }

    // Every write that was not acknowledged is sent again with its own key: it succeeds now, and a
    // write that had committed before its answer was lost is answered from its first result.
    for (const a of refused) await record(a);
    expect(burst.filter((a) => !a.id).map((a) => a.error)).toEqual([]);
    const stored = await storedInTable(run);
    expect(stored.size).toBe(burst.length);
    for (const a of burst) expect(stored.get(a.title), a.title).toEqual([a.id]);
    // And an acknowledged write replayed with its key after both restarts is answered, not written again.
    const replayed = acknowledged.slice(0, 5).map((a) => ({ ...a, id: undefined }));
    for (const a of replayed) await record(a);
    expect(replayed.map((a) => a.id)).toEqual(acknowledged.slice(0, 5).map((a) => a.id));
    expect((await storedInTable(run)).size).toBe(burst.length);
    console.log(
      `burst: ${acknowledged.length} acknowledged, ${refused.length} refused during outages of ${downtimes.map((ms) => `${ms} ms`).join(' and ')}; all present after restart`,
    );
  });
});

describe('the audit chain after the kills', () => {
  it('is intact: npm run audit:verify recomputes it in the store the running subgraph serves, and leaves that store running', async () => {
    if (!sichuan?.running) await startSichuan();
    const postmaster = postmasterOf(sichuanDir());
    expect(postmaster).toBeDefined();
    const verified = await runRepoCommand(['scripts/verify-audit.ts', 'sichuan', '--stretch', '50'], { LINJU_DATA_DIR: root });
    expect(verified.code, verified.stderr).toBe(0);
    expect(postmasterOf(sichuanDir())).toBe(postmaster);
    const client = await connectToCluster(sichuanDir());
    const [last] = (await client.query<{ seq: string; hash: string }>('SELECT a.seq::text AS seq, a.hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1')).rows;
    await client.end();
    expect(Number(last!.seq)).toBeGreaterThan(200);
    expect(verified.stdout).toContain(`sichuan: the chain of ${last!.seq} entries is intact (${Math.ceil(Number(last!.seq) / 50)} stretches); head ${last!.hash}`);
    expect(sichuan!.running).toBe(true);
    expect((await federation.query('{ sichuan { dataAsOf } }')).errors).toBeUndefined();
  });
});

describe('shutdown: SIGTERM drains the requests under way', () => {
  it('a subgraph finishes its in-flight writes, then stops its pool and PostgreSQL, and exits 0', async () => {
    if (!sichuan?.running) await startSichuan();
    const writes = attempts('sigterm-subgraph', 4);
    const held = await holdWrites();
    const answers = writes.map((a) => record(a));
    const stopping = sichuan!;
    let processes: number[];
    try {
      // All four are inside the subgraph, each waiting in PostgreSQL for the lock.
      await untilWaiting(held, writes);
      processes = clusterProcesses(sichuanDir());
      expect(processes.length).toBeGreaterThan(1);
      stopping.signal('SIGTERM');
      await sleep(500);
      // Still up: it waits for its requests rather than cutting them off.
      expect(stopping.running).toBe(true);
    } finally {
      await held.release();
    }
    await Promise.all(answers);
    expect(writes.map((a) => a.error ?? 'acknowledged')).toEqual(writes.map(() => 'acknowledged'));
    expect(await stopping.exited).toEqual({ code: 0, signal: null });
    expect(stopping.output.join('\n')).toMatch(/SIGTERM: draining in-flight requests[\s\S]*stopped in \d+ ms/);
    // No process of that cluster is left, and it shut down cleanly (no stale postmaster.pid).
    expect(survivors(sichuanDir(), processes)).toEqual([]);
    expect(postmasterOf(sichuanDir())).toBeUndefined();
    expect(existsSync(join(sichuanDir(), 'pg', 'postmaster.pid'))).toBe(false);

    await startSichuan();
    const stored = await storedInTable(writes[0]!.title.replace(/-0$/, ''));
    for (const a of writes) expect(stored.get(a.title)).toEqual([a.id]);
  });

  it('the gateway finishes its in-flight requests, then exits 0', async () => {
    if (!sichuan?.running) await startSichuan();
    // The gateway as `npm start` runs it, over the same subgraphs, accepting the test's tokens.
    await mkdir(join(root, 'gateway'), { recursive: true });
    await writeFile(join(root, 'gateway', 'dev-keys.json'), JSON.stringify(federation.devKeys), { mode: 0o600 });
    const gateway = await ServiceProcess.start('gateway', 'gateway/src/index.ts', {
      PORT: '0',
      LINJU_DATA_DIR: root,
      SICHUAN_URL: sichuan!.url,
      CHONGQING_URL: federation.subgraphs.chongqing!.url,
      JOINT_URL: federation.subgraphs.joint!.url,
      SICHUAN_GATEWAY_SECRET: SECRET,
      CHONGQING_GATEWAY_SECRET: federation.secrets.chongqing!,
      JOINT_GATEWAY_SECRET: federation.secrets.joint!,
      SICHUAN_TIMEOUT_MS: String(HELD_TIMEOUT_MS),
    });
    try {
      const writes = attempts('sigterm-gateway', 3);
      const held = await holdWrites();
      const answers = writes.map((a) => record(a, gateway.url));
      try {
        await untilWaiting(held, writes);
        gateway.signal('SIGTERM');
        await sleep(500);
        expect(gateway.running).toBe(true);
      } finally {
        await held.release();
      }
      await Promise.all(answers);
      expect(writes.map((a) => a.error ?? 'acknowledged')).toEqual(writes.map(() => 'acknowledged'));
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      expect(gateway.output.join('\n')).toMatch(/SIGTERM: stopping the gateway[\s\S]*stopped in \d+ ms/);
    } finally {
      await gateway.stop();
    }
  });
});
