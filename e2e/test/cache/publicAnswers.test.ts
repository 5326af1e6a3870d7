import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';

/**
 * The gateway's response cache through the real federation: public answers from memory, nothing
 * else; writes and errors keep it honest. The TTL is long here so that a hit never depends on timing.
 */
/** A period the test's writes fall in (after every seed organizer's founding). */
const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
const OVERVIEW = `query Overview($period: PeriodInput) {
  overview(period: $period) {
    alliances { townshipAlliances total }
    sichuan { jointSeminarSessions crossAppointments }
    chongqing { jointSeminarSessions crossAppointments }
    total { jointSeminarSessions crossAppointments }
  }
}`;
const ALLIANCES_WITH_MEMBERS = `query Alliances { alliances(first: 2) { edges { node { name members { organization { ... on Organization { name } } } } } } }`;
const RECORD_ACTIVITY = `mutation Record($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id sessions } }`;

interface Overview {
  overview: { sichuan: { jointSeminarSessions: number }; total: { jointSeminarSessions: number } } & Record<string, unknown>;
}

const gatewayLines: Array<Record<string, unknown>> = [];
/** Every process's error-level lines. */
const errorLines: Array<Record<string, unknown>> = [];
const logs = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record['name'] === 'gateway' && record['msg'] === 'request') gatewayLines.push(record);
      if (record['level'] === 'error' || record['level'] === 50) errorLines.push(record);
    }
    callback();
  },
});

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation({ responseCacheTtlMs: 60_000, logDestination: logs });
});
afterAll(() => federation?.stop());

async function overview(as: 'viewer' | 'anonymous' = 'viewer') {
  return federation.query<Overview>(OVERVIEW, { period: PERIOD }, { as });
}

/**
 * Empties the cache the way production does: a write through the gateway. With no sessions, a
 * training of nobody, which changes no figure of the overview; else that many joint seminars.
 */
async function write(sessions?: number) {
  const organizer = await federation.query<{ sichuan: { organizations: { edges: { node: { id: string } }[] } } }>(`{ sichuan { organizations(first: 1) { edges { node { id } } } } }`);
  const organizerId = organizer.data!.sichuan.organizations.edges[0]!.node.id;
  const written = await federation.query(RECORD_ACTIVITY, { input: { kind: sessions ? '座谈交流' : '培训', title: `缓存测试${Date.now()}`, heldOn: '2024-05-01', organizerId, sessions: sessions ?? 1 } }, { as: 'sichuan-operator' });
  expect(written.errors).toBeUndefined();
}

describe('the gateway’s response cache', () => {
  test('the same public overview twice: the second answer is equal and asks no subgraph, for any caller; its log line says cache: hit', async () => {
    await write(); // starts from an empty cache whatever ran before
    const first = await overview();
    expect(first.errors).toBeUndefined();
    federation.resetCalls();
    gatewayLines.length = 0;
    expect(await overview()).toEqual(first);
    // Public figures are the same for everyone: the viewer's answer serves an anonymous caller.
    expect(await overview('anonymous')).toEqual(first);
    expect(federation.subgraphCalls).toEqual([]);
    await expect.poll(() => gatewayLines.length).toBe(2);
    for (const line of gatewayLines) {
      expect(line).toMatchObject({ operationName: 'Overview', cache: 'hit', outcome: 'success' });
      expect(line['subgraphs']).toBeUndefined();
    }
  });

  test('variables nested 10 000 levels deep are refused 400 BAD_REQUEST, nothing logged as an error (the cache key overflowed the stack: a 500, its stack logged)', async () => {
    const nested = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    for (const as of ['viewer', 'anonymous'] as const) {
      errorLines.length = 0;
      const response = await fetch(federation.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(as === 'viewer' && { authorization: `Bearer ${await federation.token('viewer')}` }) },
        body: `{"query": ${JSON.stringify(OVERVIEW)}, "variables": {"period": ${JSON.stringify(PERIOD)}, "padding": ${nested}}}`,
      });
      const text = await response.text();
      expect(response.status, text).toBe(400);
      expect(JSON.parse(text).errors[0].extensions.code, text).toBe('BAD_REQUEST');
      expect(errorLines).toEqual([]);
    }
  });

  test('a query with anything but public fields (alliances and their members) is never cached', async () => {
    for (let i = 0; i < 2; i++) {
      federation.resetCalls();
      const response = await federation.query(ALLIANCES_WITH_MEMBERS);
      expect(response.errors).toBeUndefined();
      expect(federation.subgraphCalls).toContain('joint');
    }
  });

  test('a mutation through the gateway empties it: the next overview asks the subgraphs and shows the write', async () => {
    const before = (await overview()).data!.overview;
    await overview(); // cached
    await write(3);
    federation.resetCalls();
    const after = await overview();
    expect(after.errors).toBeUndefined();
    expect(federation.subgraphCalls).toContain('sichuan');
    expect(after.data!.overview.sichuan.jointSeminarSessions).toBe(before.sichuan.jointSeminarSessions + 3);
    expect(after.data!.overview.total.jointSeminarSessions).toBe(before.total.jointSeminarSessions + 3);
  });

  test('a mutation by someone who may not write (a viewer, refused by the owner) leaves it as it was', async () => {
    await overview(); // cached, or computed and kept now
    const refused = await federation.query(RECORD_ACTIVITY, { input: { kind: '培训', title: '越权写入', heldOn: '2024-05-01', organizerId: 'sichuan:Organization:none', sessions: 1 } }, { as: 'viewer' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    federation.resetCalls();
    expect((await overview()).errors).toBeUndefined();
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('an answer with an error (a side down) is not cached: the outage shows on every request, and the recovery at once', async () => {
    await write();
    await federation.stopSubgraph('sichuan');
    try {
      for (let i = 0; i < 2; i++) {
        federation.resetCalls();
        const response = await overview();
        expect(response.errors?.length).toBeGreaterThan(0);
        expect(federation.subgraphCalls.length).toBeGreaterThan(0);
      }
    } finally {
      await federation.startSubgraph('sichuan');
    }
    federation.resetCalls();
    const whole = await overview();
    expect(whole.errors).toBeUndefined();
    expect(federation.subgraphCalls).toContain('sichuan');
  });
});

describe('TTL 0', () => {
  let off: Federation;
  beforeAll(async () => {
    off = await startFederation({ responseCacheTtlMs: 0 });
  });
  afterAll(() => off?.stop());

  test('turns it off: every overview asks the subgraphs', async () => {
    for (let i = 0; i < 2; i++) {
      off.resetCalls();
      expect((await off.query(OVERVIEW, { period: PERIOD })).errors).toBeUndefined();
      expect(new Set(off.subgraphCalls)).toEqual(new Set(['joint', 'sichuan', 'chongqing']));
    }
  });
});
