import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runLoad } from '../measure/runLoad.ts';
import { recordActivity, type ScenarioRequest } from '../scenarios.ts';
import { WRITE_YEAR } from '../measure/writeSpread.ts';

/**
 * The mix's latencies by kind of request: each answer's time goes to the request it answers. A
 * server that holds one kind for 100 ms and answers the other at once shows whether they do: a
 * time credited to the request before or after would put the held one's 100 ms on the quick one.
 */
const HELD_MS = 100;
let server: Server;
let url: string;
/** The bodies of the writes the server was sent. */
const writes: { input: { title: string; heldOn: string; organizerId: string }; key: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const write = body.includes('BenchRecordActivity');
      if (write) writes.push((JSON.parse(body) as { variables: (typeof writes)[number] }).variables);
      const answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
      if (body.includes('held') && !write) setTimeout(answer, HELD_MS);
      else answer();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

test('each kind of request of a scenario gets its own answers’ times', async () => {
  const request = (label: string): ScenarioRequest => ({ label, query: `{ ${label} }`, variables: {}, role: 'viewer' });
  const result = await runLoad({ url, requests: [request('quick'), request('held')], tokens: { viewer: 't', 'sichuan-operator': 't', 'chongqing-operator': 't' }, connections: 2, seconds: 2, tag: 'test', spread: { seed: 1, organizers: 1 } });
  const { quick, held } = result.byLabel!;
  expect(quick!.count + held!.count).toBe(result.requests);
  expect(Math.abs(quick!.count - held!.count)).toBeLessThanOrEqual(2);
  expect(held!.p50).toBeGreaterThanOrEqual(HELD_MS);
  expect(quick!.p95).toBeLessThan(held!.p50!);
});

test('the writes spread over days and organizers, each with its own title and key, and repeat with the seed', async () => {
  const tokens = { viewer: 't', 'sichuan-operator': 't', 'chongqing-operator': 't' };
  const sent = async (seed: number) => {
    writes.length = 0;
    await runLoad({ url, requests: [recordActivity('sichuan')], tokens, connections: 1, seconds: 1, tag: 'spread', spread: { seed, organizers: 400 } });
    return writes.splice(0).sort((a, b) => Number(a.key.split('-').at(-1)) - Number(b.key.split('-').at(-1)));
  };
  // The n-th write's place depends on the seed and n alone: the first 300 are the same in every run.
  const first = (await sent(7)).slice(0, 300);
  expect(first.length).toBe(300);
  expect(new Set(first.map((w) => w.input.title)).size).toBe(first.length);
  expect(new Set(first.map((w) => w.key)).size).toBe(first.length);
  // Each write's identity check reads the live records of its organizer and day: few, not every earlier write's.
  const onOne = new Map<string, number>();
  for (const { input } of first) onOne.set(`${input.organizerId} ${input.heldOn}`, (onOne.get(`${input.organizerId} ${input.heldOn}`) ?? 0) + 1);
  expect(Math.max(...onOne.values())).toBeLessThanOrEqual(2);
  expect(new Set(first.map((w) => w.input.heldOn)).size).toBeGreaterThan(150);
  expect(new Set(first.map((w) => w.input.organizerId)).size).toBeGreaterThan(150);
  // A year no read asks about, and the side's grassroots organizations b1…b400.
  expect(first.every((w) => w.input.heldOn.startsWith(`${WRITE_YEAR}-`) && /^sichuan:Organization:b([1-9]\d?|[1-3]\d\d|400)$/.test(w.input.organizerId))).toBe(true);
  const again = await sent(7);
  const common = Math.min(first.length, again.length);
  expect(again.slice(0, common).map((w) => w.input.heldOn + w.input.organizerId)).toEqual(first.slice(0, common).map((w) => w.input.heldOn + w.input.organizerId));
  const other = await sent(8);
  expect(other.slice(0, common).map((w) => w.input.heldOn)).not.toEqual(first.slice(0, common).map((w) => w.input.heldOn));
});
