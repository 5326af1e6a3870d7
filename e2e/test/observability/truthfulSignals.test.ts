import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';

/**
 * Signals that say what happened: a request is counted and logged by the answer that finally left
 * (one answered DATABASE_UNAVAILABLE while the store is down is an error, not a success), and a
 * gateway and a subgraph that hold different secrets both say so, and the gateway is not ready.
 */

interface LogLine {
  name: string;
  level: string;
  msg: string;
  reason?: string;
  outcome?: string;
  errorCodes?: string[];
}
const collector = () => {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  return { lines, stream };
};

const subgraphLogs = collector();
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation({ logDestination: subgraphLogs.stream });
});
afterAll(() => federation?.stop());

/** The value of one series of a Prometheus text exposition, 0 when absent. */
async function counter(url: string, series: RegExp): Promise<number> {
  const text = await (await fetch(new URL('metrics', url))).text();
  return text
    .split('\n')
    .filter((line) => series.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('while a store is down', () => {
  test('its answers are counted and logged as errors, not successes', async () => {
    const sichuan = federation.subgraphs['sichuan']!;
    const success = /^linju_subgraph_requests_total\{.*outcome="success"/;
    const before = await counter(sichuan.url, success);
    await sichuan.database.stopDatabase();
    try {
      // A public field the subgraph answers without its store: only the audit entry it cannot append fails.
      const answer = await federation.query(`{ sichuan { name } }`);
      expect(answer.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      // A second one while it lasts: still one warning.
      await federation.query(`{ sichuan { name } }`);
      expect(await counter(sichuan.url, success)).toBe(before);
      expect(await counter(sichuan.url, /^linju_subgraph_request_errors_total\{code="DATABASE_UNAVAILABLE"/)).toBeGreaterThan(0);
      const logged = subgraphLogs.lines.filter((line) => line.name === 'sichuan' && line.msg === 'request').at(-1);
      expect(logged).toMatchObject({ outcome: 'error', errorCodes: ['DATABASE_UNAVAILABLE'] });
      expect(subgraphLogs.lines.filter((line) => line.name === 'sichuan' && line.level === 'warn' && /cannot be reached/.test(line.msg))).toHaveLength(1);
    } finally {
      await sichuan.database.startDatabase();
    }
    expect((await federation.query(`{ sichuan { name } }`)).errors).toBeUndefined();
    expect(subgraphLogs.lines.some((line) => line.name === 'sichuan' && /answers again/.test(line.msg))).toBe(true);
  });
});

describe('a gateway holding another secret than a subgraph', () => {
  const gatewayLogs = collector();
  let mismatched: Federation;
  beforeAll(async () => {
    // A second gateway over the same subgraphs, with a wrong secret for sichuan only.
    const external = Object.fromEntries(
      Object.entries(federation.subgraphs).map(([name, subgraph]) => [name, { url: subgraph.url, secret: name === 'sichuan' ? randomBytes(32).toString('base64url') : federation.secrets[name]! }]),
    );
    mismatched = await startFederation({ external, logDestination: gatewayLogs.stream });
  });
  afterAll(() => mismatched?.stop());

  test('is not ready, and says why', async () => {
    const response = await fetch(new URL('ready', mismatched.gatewayUrl));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { subgraphs: Record<string, { status: string; reason?: string }> };
    expect(body.subgraphs['sichuan']).toMatchObject({ status: 'unavailable', reason: 'secret-mismatch' });
    expect(body.subgraphs['chongqing']).toMatchObject({ status: 'ready' });
    // The federation whose secrets agree is ready: the round trip is what tells them apart.
    expect((await fetch(new URL('ready', federation.gatewayUrl))).status).toBe(200);
  });

  test('answers the client with the subgraph unavailable for that reason, and both sides log it as such', async () => {
    const answer = await mismatched.query(`{ sichuan { name } chongqing { name } }`);
    expect(answer.data).toMatchObject({ sichuan: null, chongqing: { name: '重庆市' } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch' });
    expect(answer.errors?.[0]?.message).toContain('SICHUAN_GATEWAY_SECRET');
    // The Chinese half names the side as a clerk knows it, not the subgraph's key.
    expect(answer.errors?.[0]?.message).toMatch(/^四川省的数据暂不可用：[^/]*密钥不一致[^/]* \/ The sichuan subgraph is unavailable/);
    expect(gatewayLogs.lines.some((line) => line.name === 'gateway' && line.reason === 'secret-mismatch' && line.msg.includes('SICHUAN_GATEWAY_SECRET'))).toBe(true);
    expect(subgraphLogs.lines.some((line) => line.name === 'sichuan' && line.reason === 'signature' && line.msg.includes('SICHUAN_GATEWAY_SECRET'))).toBe(true);
  });

  test('a write that subgraph refused before doing anything is said not written (writeOutcome), and is not', async () => {
    const activities = async () => ((await federation.query(`{ sichuan { activities(first: 1) { totalCount } } }`)).data as { sichuan: { activities: { totalCount: number } } }).sichuan.activities.totalCount;
    const before = await activities();
    const input = { kind: '政策宣讲', title: '密钥不一致时的写入', heldOn: '2024-01-01', organizerId: 'sichuan:Organization:moxi-town' };
    const answer = await mismatched.query(`mutation ($i: ActivityInput!) { sichuanRecordActivity(input: $i) { id } }`, { i: input }, { as: 'sichuan-operator' });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch', subgraph: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' });
    expect(answer.errors?.[0]?.path).toEqual(['sichuanRecordActivity']);
    expect(answer.errors?.[0]?.message).toMatch(/^四川省的数据暂不可用：[^/]*密钥不一致[^/]*子图在执行前拒绝了本次写入，未写入[^/]* \/ The sichuan subgraph is unavailable: .* nothing was written/);
    expect(await activities()).toBe(before);
  });
});
