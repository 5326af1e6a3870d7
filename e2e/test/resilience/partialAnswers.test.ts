import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { expectErrorsNaming, expectOnlyPartsOf, H1_2021, JOINT_QUERY, type JointData } from './jointQuery.ts';

/**
 * One side down, slow or failing: the joint answer keeps everything the other stores can give,
 * with errors naming the side that could not. Faults are injected by a proxy in front of each
 * subgraph, which also counts what reached it (retries).
 */
const SICHUAN_TIMEOUT_MS = 600;
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ proxied: true, subgraphTimeoutsMs: { sichuan: SICHUAN_TIMEOUT_MS }, retryBackoffMs: 20 });
  // The first answer after start also plans the query and warms each store; on a loaded two-core
  // machine that can take longer than Sichuan's short timeout, which the tests below are about.
  await federation.query(JOINT_QUERY, H1_2021);
});
afterAll(() => federation?.stop());

const BOTH_NAMES = `query BothNames { sichuan { name } chongqing { name } }`;
const RECORD_ACTIVITY = `mutation Record($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id title } }`;

async function sichuanOrganizer(): Promise<string> {
  const response = await federation.query<{ sichuan: { organizations: { edges: { node: { id: string } }[] } } }>(`{ sichuan { organizations(first: 1) { edges { node { id } } } } }`);
  return response.data!.sichuan.organizations.edges[0]!.node.id;
}

describe('a joint answer when one side fails', () => {
  test('all up: the joint query is complete, without errors', async () => {
    const response = await federation.query<JointData>(JOINT_QUERY, H1_2021);
    expect(response.errors).toBeUndefined();
    expectOnlyPartsOf(undefined, response.data);
  });

  test('Sichuan down: the rest answers, Sichuan’s parts are null with SUBGRAPH_UNAVAILABLE; back up, the next answer is whole', async () => {
    await federation.stopSubgraph('sichuan');
    try {
      const response = await federation.query<JointData>(JOINT_QUERY, H1_2021);
      expectOnlyPartsOf('sichuan', response.data);
      const errors = expectErrorsNaming(response, 'sichuan', 'SUBGRAPH_UNAVAILABLE');
      expect(errors[0]!.message).toMatch(/四川省 \(Sichuan Province\) is unavailable/);
    } finally {
      await federation.startSubgraph('sichuan');
    }
    // The gateway was not restarted: it reconnects by itself. The restarted subgraph's first answers
    // (a new pool, cold statements) may take longer than Sichuan's short timeout on a loaded machine:
    // a SUBGRAPH_TIMEOUT is waited out, a few times at most; SUBGRAPH_UNAVAILABLE (not reconnected) is not.
    let again = await federation.query<JointData>(JOINT_QUERY, H1_2021);
    for (let tries = 1; tries < 5 && again.errors?.every((error) => error.extensions?.code === 'SUBGRAPH_TIMEOUT'); tries++) {
      again = await federation.query<JointData>(JOINT_QUERY, H1_2021);
    }
    expect(again.errors).toBeUndefined();
    expectOnlyPartsOf(undefined, again.data);
  });

  test('Sichuan slow: SUBGRAPH_TIMEOUT after its timeout, Chongqing’s and the joint office’s data present, no retry', async () => {
    const proxy = federation.proxies['sichuan']!;
    proxy.inject({ delayMs: 5000 });
    proxy.resetCounts();
    try {
      const started = Date.now();
      const response = await federation.query<JointData>(JOINT_QUERY, H1_2021);
      const elapsed = Date.now() - started;
      expectOnlyPartsOf('sichuan', response.data);
      const errors = expectErrorsNaming(response, 'sichuan', 'SUBGRAPH_TIMEOUT');
      expect(errors[0]!.extensions).toMatchObject({ timeoutMs: SICHUAN_TIMEOUT_MS });
      expect(errors[0]!.message).toContain(`${SICHUAN_TIMEOUT_MS} ms`);
      // Each of Sichuan's fetches is cut at its timeout (the error above: the proxy would answer
      // after 5 s). No upper bound on the time: a loaded machine only adds to it.
      expect(elapsed).toBeGreaterThanOrEqual(SICHUAN_TIMEOUT_MS);
      // A timeout is never retried: the subgraph may still be working on it.
      proxy.resetCounts();
      await federation.query(BOTH_NAMES);
      expect(proxy.count('query')).toBe(1);
    } finally {
      proxy.clear();
    }
  });

  test('a subgraph’s own errors keep their code and name the subgraph', async () => {
    const response = await federation.query<{ sichuan: { people: { edges: { node: { name: string; phone: string | null } }[] } } }>(
      `{ sichuan { people(first: 1) { edges { node { name phone } } } } chongqing { name } }`,
    );
    expect(response.data?.sichuan.people.edges[0]!.node).toMatchObject({ name: expect.any(String), phone: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', subgraph: 'sichuan', jurisdiction: '四川省' });
  });
});

describe('retries: reads once, bounded; mutations never', () => {
  test('a read that meets a 503 or a dropped connection is retried once, with a fresh caller statement, and answers whole', async () => {
    const proxy = federation.proxies['sichuan']!;
    // The last one reaches Sichuan, whose answer is lost on the way back: Sichuan has seen that
    // statement, and would refuse it again as a replay.
    for (const fault of [{ status: 503 }, { reset: true as const }, { status: 502, afterForwarding: true }]) {
      proxy.resetCounts();
      proxy.inject(fault, { operation: 'query', times: 1 });
      const response = await federation.query<{ sichuan: { name: string }; chongqing: { name: string } }>(BOTH_NAMES);
      // Sichuan refuses a replayed statement: a whole answer means the retry was signed afresh.
      expect(response.errors, JSON.stringify(fault)).toBeUndefined();
      expect(response.data).toEqual({ sichuan: { name: '四川省' }, chongqing: { name: '重庆市' } });
      expect(proxy.requests.map((r) => r.fault ?? null)).toEqual([fault, null]);
    }
  });

  test('a read that keeps failing is tried twice, then answered SUBGRAPH_UNAVAILABLE with the status', async () => {
    const proxy = federation.proxies['sichuan']!;
    proxy.resetCounts();
    proxy.inject({ status: 503 });
    try {
      const response = await federation.query<{ sichuan: null; chongqing: { name: string } }>(BOTH_NAMES);
      expect(response.data).toEqual({ sichuan: null, chongqing: { name: '重庆市' } });
      const [error] = expectErrorsNaming(response, 'sichuan', 'SUBGRAPH_UNAVAILABLE');
      expect(error!.extensions).toMatchObject({ status: 503 });
      expect(proxy.count('query')).toBe(2);
    } finally {
      proxy.clear();
    }
  });

  test('a mutation that meets a 503 or a dropped connection is not retried; its client resends it with its idempotency key', async () => {
    const proxy = federation.proxies['sichuan']!;
    const organizerId = await sichuanOrganizer();
    for (const fault of [{ status: 503 }, { reset: true as const }]) {
      const variables = { input: { kind: '政策宣讲', title: `韧性测试${randomUUID().slice(0, 8)}`, heldOn: '2024-06-01', organizerId, personTimes: 12 }, key: `resilience-${randomUUID()}` };
      proxy.resetCounts();
      proxy.inject(fault, { operation: 'mutation', times: 1 });
      const failed = await federation.query(RECORD_ACTIVITY, variables, { as: 'sichuan-operator' });
      expect(failed.data?.['sichuanRecordActivity'] ?? null).toBeNull();
      const [error] = expectErrorsNaming(failed, 'sichuan', 'SUBGRAPH_UNAVAILABLE');
      // The proxy answered (or dropped) it after the gateway sent it: for all the gateway knows, Sichuan may have written it.
      expect(error!.extensions).toMatchObject({ writeOutcome: 'unknown' });
      expect(error!.message).toMatch(/^四川省的数据暂不可用，本次写入结果不明.*请用原幂等键.* \/ .*Whether the write was made is unknown/);
      expect(proxy.count('mutation'), `${JSON.stringify(fault)}: one attempt only`).toBe(1);
      const resent = await federation.query<{ sichuanRecordActivity: { id: string; title: string } }>(RECORD_ACTIVITY, variables, { as: 'sichuan-operator' });
      expect(resent.errors).toBeUndefined();
      expect(resent.data?.sichuanRecordActivity.title).toBe(variables.input.title);
      expect(proxy.count('mutation')).toBe(2);
    }
  });

  test('a write Sichuan is too slow to answer: SUBGRAPH_TIMEOUT says its outcome is unknown, it is made afterwards, and the resend with the same key answers that record', async () => {
    const proxy = federation.proxies['sichuan']!;
    const organizerId = await sichuanOrganizer();
    const title = `超时写入${randomUUID().slice(0, 8)}`;
    const variables = { input: { kind: '政策宣讲', title, heldOn: '2024-06-01', organizerId, personTimes: 7 }, key: `resilience-${randomUUID()}` };
    // As a subgraph stopped (kill -STOP) past its timeout: the request waits, and is acted on once it goes on.
    proxy.inject({ heldMs: SICHUAN_TIMEOUT_MS + 1500 }, { operation: 'mutation', times: 1 });
    const failed = await federation.query(RECORD_ACTIVITY, variables, { as: 'sichuan-operator' });
    expect(failed.data?.['sichuanRecordActivity'] ?? null).toBeNull();
    const [error] = expectErrorsNaming(failed, 'sichuan', 'SUBGRAPH_TIMEOUT');
    expect(error!.extensions).toMatchObject({ timeoutMs: SICHUAN_TIMEOUT_MS, writeOutcome: 'unknown' });
    expect(error!.message).toMatch(/^四川省未能及时答复，本次写入结果不明（可能已写入，或稍后写入），请稍后再试；重新提交请用原幂等键，未带幂等键的请先核对记录，确认未写入后再录入 \/ /);
    expect(error!.message).toContain('Whether the write was made is unknown: it may have been, or may still be. Send it again with the same idempotency key');
    expect(error!.message).not.toMatch(/部分为空|parts of this answer are null/);

    // The write is made after the client was answered, as the message warned.
    const BY_TITLE = `query ByTitle($search: String) { sichuan { activities(filter: { search: $search }, first: 5) { edges { node { id title } } } } }`;
    type Found = { sichuan: { activities: { edges: { node: { id: string; title: string } }[] } } };
    let found: { id: string; title: string }[] = [];
    for (let polls = 0; polls < 100 && found.length === 0; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const read = await federation.query<Found>(BY_TITLE, { search: title }, { as: 'sichuan-operator' });
      found = read.data?.sichuan.activities.edges.map((edge) => edge.node) ?? [];
    }
    expect(found.map((node) => node.title)).toEqual([title]);
    // Resent as told, with the same key: the record written, once.
    const resent = await federation.query<{ sichuanRecordActivity: { id: string; title: string } }>(RECORD_ACTIVITY, variables, { as: 'sichuan-operator' });
    expect(resent.errors).toBeUndefined();
    expect(resent.data?.sichuanRecordActivity.id).toBe(found[0]!.id);
    const after = await federation.query<Found>(BY_TITLE, { search: title }, { as: 'sichuan-operator' });
    expect(after.data?.sichuan.activities.edges).toHaveLength(1);
  });
});
