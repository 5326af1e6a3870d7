import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { READINESS_QUERY } from '../src/readinessProbe.ts';
import { serverObservability } from '../src/serverObservability.ts';

/**
 * The request line of the gateway's readiness round trip (`query LinjuReadiness { __typename }`,
 * several a second per subgraph replica behind a balancer) is logged at debug; every other request
 * at info as before, a failed probe as a failure. A real Express server runs the middleware, as
 * each subgraph does, with the body read after it.
 */

interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
}

const lines: LogLine[] = [];
const destination = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    callback();
  },
});

let server: ReturnType<ReturnType<typeof express>['listen']>;
let url: string;

beforeAll(async () => {
  const observability = serverObservability({ name: 'probe', kind: 'subgraph', logger: createLogger('probe', { level: 'debug', destination }) });
  const app = express();
  app.post('/graphql', observability.middleware, express.json(), (request, response) => {
    if (request.header('x-test-fail')) response.status(503).json({ errors: [{ message: 'down', extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
    else response.json({ data: { __typename: 'Query' } });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

async function levelOf(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string | undefined> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  await response.json();
  const requestId = response.headers.get('x-request-id')!;
  for (let i = 0; i < 100 && !lines.some((line) => line.requestId === requestId); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return lines.find((line) => line.msg === 'request' && line.requestId === requestId)?.level;
}

describe('the request line of a readiness probe', () => {
  test('the gateway\'s round trip answered: debug', async () => {
    // The document the gateway's /ready sends is this one (gatewayHealthRouter imports it from here).
    const healthRouter = readFileSync(new URL('../../gateway/src/health/gatewayHealthRouter.ts', import.meta.url), 'utf8');
    expect(healthRouter).toMatch(/import \{[^}]*\bREADINESS_QUERY\b[^}]*\} from '@linju\/observability'/);
    expect(await levelOf({ query: READINESS_QUERY, variables: {}, operationName: 'LinjuReadiness' })).toBe('debug');
  });

  test('any other request, even one named like the probe: info', async () => {
    expect(await levelOf({ query: '{ __typename }' })).toBe('info');
    expect(await levelOf({ query: 'query LinjuReadiness { __typename secret }', operationName: 'LinjuReadiness' })).toBe('info');
  });

  test('a probe that fails (its store down): as any failure', async () => {
    expect(await levelOf({ query: READINESS_QUERY, operationName: 'LinjuReadiness' }, { 'x-test-fail': '1' })).toBe('error');
  });
});
