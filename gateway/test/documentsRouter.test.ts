import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { createLogger } from '@linju/observability';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { documentsRouter } from '../src/documentsRouter.ts';

/**
 * The gateway's `request` line for `/documents/` (an export of personal data) names who asked, as
 * its `/graphql` line does: the client HAProxy forwarded for, believed from the trusted balancer
 * alone (LINJU_TRUSTED_PROXIES), otherwise the socket's peer.
 */

interface LogLine {
  msg: string;
  requestId?: string;
  client?: string;
  path?: string;
  status?: number;
  durationMs?: number;
}

const lines: LogLine[] = [];
/** Who waits for a line, called with each line written. */
const waiting = new Set<(line: LogLine) => void>();
const destination = new Writable({
  write(chunk, _encoding, callback) {
    for (const text of String(chunk).split('\n').filter(Boolean)) {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      for (const wait of waiting) wait(line);
    }
    callback();
  },
});

/** The first line, written already or to come, that `matches` (the test's own timeout bounds the wait, no clock of its own). */
function lineWhere(matches: (line: LogLine) => boolean): Promise<LogLine> {
  const written = lines.find(matches);
  if (written) return Promise.resolve(written);
  return new Promise((resolve) => {
    const wait = (line: LogLine) => {
      if (!matches(line)) return;
      waiting.delete(wait);
      resolve(line);
    };
    waiting.add(wait);
  });
}
const servers: Server[] = [];
const listen = async (server: Server) => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

let port: number;
beforeAll(async () => {
  // The documents server: a download.
  const documentsPort = await listen(createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n')));
  const app = express();
  app.use('/documents', documentsRouter(`http://127.0.0.1:${documentsPort}`, { logger: createLogger('gateway', { level: 'info', destination }), trustedProxies: new Set(['127.0.0.1']) }));
  port = await listen(createServer(app));
});
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** The request line of a download from `from` (127.0.0.0/8 is all this host) with `forwardedFor`. */
async function lineOf(from: string, forwardedFor?: string): Promise<LogLine> {
  const requestId = await new Promise<string>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/documents/export?list=people', localAddress: from, headers: { ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.headers['x-request-id'])));
    }).on('error', reject).end();
  });
  return lineWhere((line) => line.msg === 'request' && line.requestId === requestId);
}

describe("the gateway's /documents/ request line", () => {
  test('names the client HAProxy forwarded for, from the trusted balancer alone; otherwise the peer; never the query string', async () => {
    expect(await lineOf('127.0.0.1', '198.51.100.1')).toMatchObject({ client: '198.51.100.1', path: '/documents/export', status: 200, durationMs: expect.any(Number) });
    expect((await lineOf('127.0.0.2', '198.51.100.1'))?.client).toBe('127.0.0.2');
    expect((await lineOf('127.0.0.3'))?.client).toBe('127.0.0.3');
  });
});
