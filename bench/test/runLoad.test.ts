import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runLoad } from '../measure/runLoad.ts';
import type { ScenarioRequest } from '../scenarios.ts';

/**
 * The mix's latencies by kind of request: each answer's time goes to the request it answers. A
 * server that holds one kind for 100 ms and answers the other at once shows whether they do: a
 * time credited to the request before or after would put the held one's 100 ms on the quick one.
 */
const HELD_MS = 100;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
      if (body.includes('held')) setTimeout(answer, HELD_MS);
      else answer();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

test('each kind of request of a scenario gets its own answers’ times', async () => {
  const request = (label: string): ScenarioRequest => ({ label, query: `{ ${label} }`, variables: {}, role: 'viewer' });
  const result = await runLoad({ url, requests: [request('quick'), request('held')], tokens: { viewer: 't', 'sichuan-operator': 't', 'chongqing-operator': 't' }, connections: 2, seconds: 2, tag: 'test' });
  const { quick, held } = result.byLabel!;
  expect(quick!.count + held!.count).toBe(result.requests);
  expect(Math.abs(quick!.count - held!.count)).toBeLessThanOrEqual(2);
  expect(held!.p50).toBeGreaterThanOrEqual(HELD_MS);
  expect(quick!.p95).toBeLessThan(held!.p50!);
});
