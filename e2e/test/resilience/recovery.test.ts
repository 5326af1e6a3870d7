import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { expectErrorsNaming, expectOnlyPartsOf, H1_2021, JOINT_QUERY, type JointData } from './jointQuery.ts';

/**
 * Start and recover in any order: the gateway starts while Sichuan's subgraph is down and picks it
 * up when it comes; a store whose PostgreSQL stops answers DATABASE_UNAVAILABLE and recovers when
 * it is back; `/health` and `/ready` on every server say so. No proxy: the gateway meets real
 * refused connections.
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ downAtStart: ['sichuan'] });
});
afterAll(() => federation?.stop());

interface Probe {
  status: number;
  body: Record<string, any>;
}

/** GETs a health endpoint without any token. */
async function probe(graphqlUrl: string, endpoint: 'health' | 'ready'): Promise<Probe> {
  const response = await fetch(new URL(endpoint, graphqlUrl));
  const body = (await response.json()) as Record<string, any>;
  // Health endpoints reveal states, never addresses or error messages.
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|:\/\/|ECONN|postgres/i);
  return { status: response.status, body };
}

const gatewayReady = () => probe(federation.gatewayUrl, 'ready');

describe('the gateway starts without Sichuan and picks it up when it comes', () => {
  test('a write to Sichuan meanwhile is refused before it is sent: SUBGRAPH_UNAVAILABLE says it was not written', async () => {
    const write = await federation.query(
      `mutation Record($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`,
      { input: { kind: '政策宣讲', title: '子图停时的记录', heldOn: '2024-06-01', organizerId: 'sichuan:Organization:any', personTimes: 5 } },
      { as: 'sichuan-operator' },
    );
    expect(write.data?.['sichuanRecordActivity'] ?? null).toBeNull();
    const [error] = expectErrorsNaming(write, 'sichuan', 'SUBGRAPH_UNAVAILABLE');
    // Its connection was refused: nothing reached Sichuan, so sending it again cannot write it twice.
    expect(error!.extensions).toMatchObject({ writeOutcome: 'not-written' });
    expect(error!.message).toMatch(/^四川省的数据暂不可用，本次写入未送达，未写入，请稍后再试 \/ 四川省 \(Sichuan Province\) is unavailable: the gateway could not connect to its subgraph "sichuan"\. The write did not reach it, so nothing was written: send it again later$/);
  });

  test('serves the rest meanwhile, /ready is 503 naming Sichuan; once Sichuan starts, answers whole without a restart', async () => {
    const partial = await federation.query<JointData>(JOINT_QUERY, H1_2021);
    expectOnlyPartsOf('sichuan', partial.data);
    const errors = expectErrorsNaming(partial, 'sichuan', 'SUBGRAPH_UNAVAILABLE');
    expect(errors[0]!.message).toMatch(/could not connect to its subgraph "sichuan" after 2 attempts/);

    expect(await probe(federation.gatewayUrl, 'health')).toEqual({ status: 200, body: { status: 'ok', service: 'gateway', version: expect.any(String), commit: 'unknown' } });
    expect(await gatewayReady()).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        subgraphs: { sichuan: { status: 'unavailable', reason: 'unreachable' }, chongqing: { status: 'ready', database: 'up' }, joint: { status: 'ready', database: 'up' } },
      },
    });

    await federation.startSubgraph('sichuan');
    const whole = await federation.query<JointData>(JOINT_QUERY, H1_2021);
    expect(whole.errors).toBeUndefined();
    expectOnlyPartsOf(undefined, whole.data);
    expect(await gatewayReady()).toMatchObject({ status: 200, body: { status: 'ready' } });
  });
});

describe('health endpoints', () => {
  test('/health and /ready on all four servers: 200 with each one’s state, no token needed', async () => {
    for (const [name, subgraph] of Object.entries(federation.subgraphs)) {
      expect(await probe(subgraph.url, 'health'), name).toEqual({ status: 200, body: { status: 'ok', subgraph: name, version: expect.any(String), commit: 'unknown' } });
      expect(await probe(subgraph.url, 'ready'), name).toEqual({ status: 200, body: { status: 'ready', subgraph: name, database: 'up' } });
    }
    expect(await probe(federation.gatewayUrl, 'health')).toEqual({ status: 200, body: { status: 'ok', service: 'gateway', version: expect.any(String), commit: 'unknown' } });
    const ready = await gatewayReady();
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', subgraphs: Object.fromEntries(Object.keys(federation.subgraphs).map((name) => [name, { status: 'ready', database: 'up' }])) });
  });
});

describe('a store whose database stops', () => {
  const RECORD_ACTIVITY = `mutation Record($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`;

  test('answers DATABASE_UNAVAILABLE naming the store, is not ready, and answers again once PostgreSQL is back', async () => {
    const organizers = await federation.query<{ sichuan: { organizations: { edges: { node: { id: string } }[] } } }>(`{ sichuan { organizations(first: 1) { edges { node { id } } } } }`);
    const organizerId = organizers.data!.sichuan.organizations.edges[0]!.node.id;
    const sichuan = federation.subgraphs['sichuan']!;
    await sichuan.database.stopDatabase();
    try {
      const response = await federation.query<JointData>(JOINT_QUERY, H1_2021);
      expectOnlyPartsOf('sichuan', response.data);
      const errors = expectErrorsNaming(response, 'sichuan', 'DATABASE_UNAVAILABLE');
      for (const error of errors) {
        expect(error.extensions).toMatchObject({ store: 'sichuan' });
        expect(error.message).toMatch(/The sichuan store of 四川省 \(Sichuan Province\) is unavailable: its database cannot be reached/);
        expect(error.message).not.toMatch(/prisma|ECONNREFUSED|Can't reach/i);
      }
      const write = await federation.query(RECORD_ACTIVITY, { input: { kind: '政策宣讲', title: '库停时的记录', heldOn: '2024-06-01', organizerId, personTimes: 5 } }, { as: 'sichuan-operator' });
      expect(write.data?.['sichuanRecordActivity'] ?? null).toBeNull();
      expectErrorsNaming(write, 'sichuan', 'DATABASE_UNAVAILABLE');

      // Alive, not ready; the gateway says which subgraph and why.
      expect((await probe(sichuan.url, 'health')).status).toBe(200);
      expect(await probe(sichuan.url, 'ready')).toEqual({ status: 503, body: { status: 'unavailable', subgraph: 'sichuan', database: 'down' } });
      expect(await gatewayReady()).toMatchObject({ status: 503, body: { status: 'unavailable', subgraphs: { sichuan: { status: 'unavailable', reason: 'not-ready', database: 'down' }, chongqing: { status: 'ready' } } } });
    } finally {
      await sichuan.database.startDatabase();
    }
    const again = await federation.query<JointData>(JOINT_QUERY, H1_2021);
    expect(again.errors).toBeUndefined();
    expectOnlyPartsOf(undefined, again.data);
    expect((await probe(sichuan.url, 'ready')).status).toBe(200);
    expect((await gatewayReady()).status).toBe(200);
  });
});
