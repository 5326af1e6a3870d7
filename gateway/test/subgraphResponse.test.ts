import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSubgraphFetcher } from '../src/resilience/subgraphFetcher.ts';

// A subgraph's answers, read by the gateway's own client and by fetch itself, say the same thing.
let server: Server;
let base: string;
const fetcher = createSubgraphFetcher({ timeoutMs: 2000 });

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/json') {
      response.writeHead(200, [['Content-Type', 'application/json; charset=utf-8'], ['X-Part', 'a'], ['x-part', 'b']]);
      response.end(JSON.stringify({ data: { 名称: '示例' } }));
    } else if (request.url === '/refused') {
      response.writeHead(401, 'Unauthorized', { 'content-type': 'application/json' });
      response.end('{"errors":[{"message":"Refused"}]}');
    } else if (request.url === '/empty') {
      response.writeHead(204);
      response.end();
    } else {
      response.writeHead(500, 'Internal Server Error', { 'content-type': 'text/plain' });
      response.end('不是 JSON');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  fetcher.close();
  await new Promise((done) => server.close(done));
});

test.each(['/json', '/refused', '/empty', '/broken'])('%s reads as fetch reads it', async (path) => {
  const mine = await fetcher.fetch(`${base}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  const theirs = await fetch(`${base}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect({ status: mine.status, ok: mine.ok, statusText: mine.statusText, url: mine.url }).toEqual({ status: theirs.status, ok: theirs.ok, statusText: theirs.statusText, url: theirs.url });
  for (const name of ['content-type', 'Content-Type', 'x-part', 'absent']) expect(mine.headers.get(name)).toBe(theirs.headers.get(name));
  const copy = mine.clone();
  expect(await mine.text()).toBe(await theirs.clone().text());
  if (path === '/json' || path === '/refused') expect(await copy.json()).toEqual(await theirs.json());
  else if (path === '/broken') await expect(copy.json()).rejects.toThrow(SyntaxError);
  // A body is read once, as fetch's is.
  await expect(mine.text()).rejects.toThrow(TypeError);
});
