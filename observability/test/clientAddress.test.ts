import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientAddress, trustedProxiesSetting } from '../src/clientAddress.ts';
import { createLogger } from '../src/logger.ts';
import { serverObservability } from '../src/serverObservability.ts';

/**
 * The request line names who sent the request (`client`): the socket's peer, or, from a balancer
 * the server trusts (LINJU_TRUSTED_PROXIES), the address its X-Forwarded-For adds, never what a
 * client wrote there itself. A real Express server runs the middleware, as the gateway does.
 */

const peer = (address: string, forwardedFor?: string | string[]) => ({ socket: { remoteAddress: address }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as never;

describe('clientAddress', () => {
  const balancer = new Set(['10.0.0.11']);

  test('from an untrusted peer: the peer, whatever its X-Forwarded-For says', () => {
    expect(clientAddress(peer('203.0.113.7', '198.51.100.1'), balancer)).toBe('203.0.113.7');
    expect(clientAddress(peer('::ffff:203.0.113.7'), balancer)).toBe('203.0.113.7');
    expect(clientAddress(peer('203.0.113.7', '198.51.100.1'), new Set())).toBe('203.0.113.7');
  });

  test('from a trusted balancer: the address it added, the last, never what the client wrote before it', () => {
    expect(clientAddress(peer('10.0.0.11', '198.51.100.1'), balancer)).toBe('198.51.100.1');
    expect(clientAddress(peer('::ffff:10.0.0.11', '6.6.6.6, 198.51.100.1'), balancer)).toBe('198.51.100.1');
    expect(clientAddress(peer('10.0.0.11', ['6.6.6.6', '198.51.100.1'] as never), balancer)).toBe('198.51.100.1');
    // The balancer's own address written by a client before it is no reason to read further left; a last entry that is no address leaves the peer.
    expect(clientAddress(peer('127.0.0.1', '6.6.6.6, 127.0.0.1'), new Set(['127.0.0.1']))).toBe('127.0.0.1');
    expect(clientAddress(peer('10.0.0.11', '198.51.100.1, not-an-ip'), balancer)).toBe('10.0.0.11');
    expect(clientAddress(peer('10.0.0.11'), balancer)).toBe('10.0.0.11');
  });

  test('LINJU_TRUSTED_PROXIES: addresses separated by commas or spaces; anything else refused naming the variable', () => {
    expect([...trustedProxiesSetting({})]).toEqual([]);
    expect([...trustedProxiesSetting({ LINJU_TRUSTED_PROXIES: ' 10.0.0.11, 10.0.0.12 ::1' })]).toEqual(['10.0.0.11', '10.0.0.12', '::1']);
    expect(() => trustedProxiesSetting({ LINJU_TRUSTED_PROXIES: '10.0.0.11,haproxy.local' })).toThrow(/^Invalid LINJU_TRUSTED_PROXIES="10.0.0.11,haproxy.local": expected IP addresses .* not "haproxy.local"$/);
  });
});

interface LogLine {
  msg: string;
  requestId?: string;
  client?: string;
}

describe('the request line', () => {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  const servers: ReturnType<ReturnType<typeof express>['listen']>[] = [];

  async function serve(trustedProxies?: ReadonlySet<string>): Promise<number> {
    const observability = serverObservability({ name: 'gateway', kind: 'gateway', logger: createLogger('gateway', { level: 'info', destination }), ...(trustedProxies && { trustedProxies }) });
    const app = express();
    // `x-test-hang-up`: the connection is gone before the answer, as when a balancer closes it (the line is then written on 'close').
    app.post('/graphql', observability.middleware, express.json(), (request, response) => void (request.header('x-test-hang-up') ? request.socket.destroy() : response.json({ data: { __typename: 'Query' } })));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return (server.address() as AddressInfo).port;
  }

  let trusting: number;
  let plain: number;
  beforeAll(async () => {
    trusting = await serve(new Set(['127.0.0.1']));
    plain = await serve();
  });
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

  /** The `client` of the request line of a POST from `from` (127.0.0.0/8 is all this host) with `forwardedFor`. */
  async function clientLogged(port: number, from: string, forwardedFor?: string): Promise<string | undefined> {
    const requestId = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ query: '{ __typename }' });
      request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) } }, (response) => {
        response.resume();
        response.on('end', () => resolve(String(response.headers['x-request-id'])));
      }).on('error', reject).end(body);
    });
    for (let i = 0; i < 100 && !lines.some((line) => line.requestId === requestId); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return lines.find((line) => line.msg === 'request' && line.requestId === requestId)?.client;
  }

  test('names the client of a request whose connection closed before its line was written', async () => {
    const requestId = `hang-up-${Date.now()}`;
    await new Promise<void>((resolve) => {
      request({ host: '127.0.0.1', port: trusting, path: '/graphql', method: 'POST', localAddress: '127.0.0.1', headers: { 'content-type': 'application/json', 'x-test-hang-up': '1', 'x-request-id': requestId, 'x-forwarded-for': '198.51.100.9' } })
        .on('error', () => resolve())
        .end('{}');
    });
    for (let i = 0; i < 100 && !lines.some((line) => line.requestId === requestId); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines.find((line) => line.msg === 'request' && line.requestId === requestId)?.client).toBe('198.51.100.9');
  });

  test('names the client HAProxy forwarded for, from the trusted balancer alone; otherwise the peer', async () => {
    expect(await clientLogged(trusting, '127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
    expect(await clientLogged(trusting, '127.0.0.2', '198.51.100.1')).toBe('127.0.0.2');
    expect(await clientLogged(trusting, '127.0.0.3')).toBe('127.0.0.3');
    expect(await clientLogged(plain, '127.0.0.1', '198.51.100.1')).toBe('127.0.0.1');
  });
});
