import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger, RECOVERY_QUIET_MS } from '@linju/observability';
import { freePort, startFederation, type Federation } from '@linju/testing';
import { startDocumentsServer, type RunningDocumentsServer } from '../src/server/documentsServer.ts';
import { gatewayTransitions } from '../src/server/serviceRoutes.ts';

/**
 * The documents server as an operator checks it (docs/operations.md#health): `/health`, `/ready`
 * and `/metrics` like every server, `/documents/` (the address its log gives) answering; and the
 * gateway in front of it counting it as a member: its `/ready` says `degraded` (still 200) while
 * it is down, its log warns once, and each `/documents/` request has its line with the status.
 */

interface LogLine {
  name: string;
  level: string;
  msg: string;
  member?: string;
  reason?: string;
  method?: string;
  path?: string;
  status?: number;
  requestId?: string;
  errorCodes?: string[];
  gateway?: string;
}

const collect = () => {
  const lines: LogLine[] = [];
  return { lines, destination: { write: (text: string) => void lines.push(...text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine)) } };
};
const gatewayLog = collect();
const documentsLog = collect();
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

let federation: Federation;
let documents: RunningDocumentsServer | undefined;
let port: number;
let origin: string;
const startDocuments = async () => {
  documents = await startDocumentsServer({ port, gatewayUrl: federation.gatewayUrl, logger: createLogger('documents', { level: 'info', destination: documentsLog.destination }) });
};

beforeAll(async () => {
  port = await freePort();
  federation = await startFederation({ documentsUrl: `http://127.0.0.1:${port}`, logDestination: gatewayLog.destination });
  origin = new URL(federation.gatewayUrl).origin;
  await startDocuments();
});
afterAll(async () => {
  await documents?.stop();
  await federation?.stop();
});

const json = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the documents server answers as every server does', () => {
  test('/health with its build, /ready while its gateway answers, /metrics with linju_build_info and its requests; none of them logged', async () => {
    expect(await json(`${documents!.url}/health`)).toEqual({ status: 200, body: { status: 'ok', service: 'documents', version, commit: 'unknown' } });
    expect(await json(`${documents!.url}/ready`)).toEqual({ status: 200, body: { status: 'ready', service: 'documents', gateway: 'up' } });
    // A request through the gateway, counted by its route.
    expect((await fetch(`${origin}/documents/import/kinds`)).status).toBe(200);
    const metrics = await (await fetch(`${documents!.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^linju_build_info\\{version="${version.replace(/\./g, '\\.')}",commit="unknown"\\} 1$`, 'm'));
    expect(metrics).toMatch(/^linju_documents_requests_total\{route="GET \/documents\/import\/kinds",status="200"\} 1$/m);
    expect(documentsLog.lines.filter((line) => line.msg === 'request').map((line) => line.path)).toEqual(['/documents/import/kinds']);
  });

  test('/ready is 503 while its gateway does not answer: without it, it can do nothing', async () => {
    const alone = await startDocumentsServer({ port: 0, gatewayUrl: `http://127.0.0.1:${await freePort()}/graphql`, logger: createLogger('documents', { level: 'silent' }) });
    try {
      expect(await json(`${alone.url}/ready`)).toEqual({ status: 503, body: { status: 'unavailable', service: 'documents', gateway: 'down' } });
      expect((await json(`${alone.url}/health`)).status).toBe(200);
    } finally {
      await alone.stop();
    }
  });

  test('its log says once that its gateway stopped answering, and once that it answers again: not each /ready', async () => {
    const log = collect();
    const gatewayPort = await freePort();
    let clock = 0;
    const alone = await startDocumentsServer({ port: 0, gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`, logger: createLogger('documents', { level: 'info', destination: log.destination }), now: () => clock });
    const standIn = createServer((_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    const ready = async () => (await fetch(`${alone.url}/ready`)).status;
    const said = () => log.lines.filter((line) => line.gateway !== undefined).map(({ level, gateway, reason }) => [level, gateway, reason]);
    try {
      expect([await ready(), await ready(), ...(await Promise.all([ready(), ready()]))]).toEqual([503, 503, 503, 503]);
      expect(said()).toEqual([['warn', 'down', 'unreachable']]);
      await new Promise<void>((resolve) => standIn.listen(gatewayPort, '127.0.0.1', resolve));
      // Back, but not said within the quiet window after the last failed check.
      expect(await ready()).toBe(200);
      expect(said()).toEqual([['warn', 'down', 'unreachable']]);
      clock += RECOVERY_QUIET_MS;
      expect([await ready(), ...(await Promise.all([ready(), ready()]))]).toEqual([200, 200, 200]);
      expect(said()).toEqual([['warn', 'down', 'unreachable'], ['info', 'up', undefined]]);
      const closed = new Promise((resolve) => standIn.close(resolve));
      standIn.closeAllConnections();
      await closed;
      expect(await ready()).toBe(503);
      expect(said()).toEqual([['warn', 'down', 'unreachable'], ['info', 'up', undefined], ['warn', 'down', 'unreachable']]);
    } finally {
      if (standIn.listening) standIn.close();
      await alone.stop();
    }
  });

  test('behind a balancer where one gateway of two fails, alternating checks stay one warning until the quiet window passes without a failure', () => {
    const lines: [string, Record<string, unknown>][] = [];
    const logger = { warn: (fields: Record<string, unknown>) => void lines.push(['warn', fields]), info: (fields: Record<string, unknown>) => void lines.push(['info', fields]) };
    let clock = 1_000_000;
    const said = gatewayTransitions(logger as unknown as Parameters<typeof gatewayTransitions>[0], () => clock);
    for (let check = 0; check < 20; check++) {
      said(check % 2 === 0 ? 'unreachable' : undefined);
      clock += RECOVERY_QUIET_MS / 10;
    }
    expect(lines).toEqual([['warn', { gateway: 'down', reason: 'unreachable' }]]);
    // The last failure was check 18's: nothing within the window after it, one line once it has passed.
    clock = 1_000_000 + 18 * (RECOVERY_QUIET_MS / 10) + RECOVERY_QUIET_MS - 1;
    said(undefined);
    expect(lines).toHaveLength(1);
    clock += 1;
    said(undefined);
    said(undefined);
    expect(lines).toEqual([['warn', { gateway: 'down', reason: 'unreachable' }], ['info', { gateway: 'up', downSeconds: Math.round((18 * (RECOVERY_QUIET_MS / 10) + RECOVERY_QUIET_MS) / 1000) }]]);
  });

  test('/documents/, the address its log says it is ready at, says what it is', async () => {
    const index = await json(`${documents!.url}/documents/`);
    expect(index.status).toBe(200);
    expect(index.body).toMatchObject({ service: 'documents', routes: expect.arrayContaining(['GET /documents/export', 'POST /documents/import/preview']) });
  });

  test('the gateway passes a request on with its ID, and both log it with the status', async () => {
    const response = await fetch(`${origin}/documents/import/kinds`, { headers: { 'x-request-id': 'documents-health-1' } });
    expect(response.headers.get('x-request-id')).toBe('documents-health-1');
    expect(gatewayLog.lines.find((line) => line.name === 'gateway' && line.msg === 'request' && line.requestId === 'documents-health-1')).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/documents/import/kinds',
      status: 200,
      errorCodes: [],
    });
    expect(documentsLog.lines.find((line) => line.msg === 'request' && line.requestId === 'documents-health-1')).toMatchObject({ status: 200 });
  });
});

describe('the gateway counts the documents server among its members', () => {
  test('while it is up, /ready says it ready', async () => {
    expect(await json(new URL('ready', federation.gatewayUrl).href)).toMatchObject({ status: 200, body: { status: 'ready', documents: { status: 'ready' } } });
  });

  test('stopped: /ready degraded and still 200 (every GraphQL read works), one warning however often it is met, each request logged 503, and a documents series in /metrics', async () => {
    await documents!.stop();
    documents = undefined;
    try {
      expect(await json(new URL('ready', federation.gatewayUrl).href)).toMatchObject({ status: 200, body: { status: 'degraded', documents: { status: 'unavailable', reason: 'unreachable' } } });
      for (let i = 0; i < 3; i++) expect((await fetch(`${origin}/documents/import/kinds`)).status).toBe(503);
      expect((await federation.query(`{ sichuan { name } }`)).errors).toBeUndefined();
      const warnings = gatewayLog.lines.filter((line) => line.member === 'documents');
      expect(warnings).toEqual([expect.objectContaining({ level: 'warn', reason: 'unreachable', msg: expect.stringMatching(/^the documents server is unavailable/) })]);
      const passed = gatewayLog.lines.filter((line) => line.msg === 'request' && line.path === '/documents/import/kinds' && line.status === 503);
      expect(passed).toHaveLength(3);
      expect(passed[0]).toMatchObject({ level: 'warn', errorCodes: ['DOCUMENTS_UNAVAILABLE'] });
      const metrics = await (await fetch(new URL('metrics', federation.gatewayUrl))).text();
      expect(metrics).toMatch(/^linju_gateway_member_up\{member="documents"\} 0$/m);
      expect(metrics).toMatch(/^linju_gateway_documents_requests_total\{status="503"\} 3$/m);
    } finally {
      await startDocuments();
    }
  });
});
