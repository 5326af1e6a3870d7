import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { ANONYMOUS } from '@linju/access';
import { supergraphPath } from '@linju/schema/supergraphFile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/server.ts';

/**
 * A real gateway over the committed supergraph whose subgraphs answer nowhere: every request here is
 * refused before a subgraph is called, and what it logs is kept.
 */
async function gatewayOver(only: boolean): Promise<{ gateway: RunningGateway; logged: string[] }> {
  const logged: string[] = [];
  const nowhere = 'http://127.0.0.1:9/graphql';
  const gateway = await startGateway({
    supergraphSdl: await readFile(supergraphPath, 'utf8'),
    subgraphUrls: { sichuan: nowhere, chongqing: nowhere, joint: nowhere },
    subgraphSecrets: { sichuan: 's'.repeat(40), chongqing: 'c'.repeat(40), joint: 'j'.repeat(40) },
    authenticate: async () => ANONYMOUS,
    log: (message) => void logged.push(message),
    registeredOperations: { only },
  });
  return { gateway, logged };
}

type Answer = { status: number; errors: Array<{ message: string; extensions: Record<string, unknown> }> };

async function send(url: string, body: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...init });
  return { status: response.status, errors: ((await response.json()) as { errors: Answer['errors'] }).errors };
}
const post = (url: string, body: unknown) => send(url, JSON.stringify(body));

/** A POST with `headers` and no body at all: neither content-length nor transfer-encoding (as `curl -X POST` sends it; fetch always sends one). */
function bodilessPost(url: string, headers: Record<string, string>): Promise<Answer> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, body] = text.split('\r\n\r\n', 2) as [string, string];
      resolve({ status: Number(head.split(' ')[1]), errors: (JSON.parse(body) as { errors: Answer['errors'] }).errors });
    });
    const lines = Object.entries({ host: `${hostname}:${port}`, connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}`);
    socket.write(`POST ${pathname} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** `中文 / English`, as every refusal of Linju's is. */
const BILINGUAL = /^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Za-z]/;

const MALFORMED_EXTENSIONS: ReadonlyArray<readonly [string, unknown, RegExp]> = [
  ['another version', { version: 2, sha256Hash: 'x' }, /version 须为 1（收到“2”）/],
  ['a string', 'x', /须为 JSON 对象/],
  ['an empty object', {}, /version 须为 1（未填）/],
  ['a numeric hash', { version: 1, sha256Hash: 5 }, /64 位小写十六进制数字（收到“5”）/],
  ['a hash that is no SHA-256', { version: 1, sha256Hash: 'x' }, /64 位小写十六进制数字（收到“x”）/],
  ['no hash', { version: 1 }, /64 位小写十六进制数字（未填）/],
];

describe.each([false, true])('malformed requests, registered-only %s', (only) => {
  let gateway: RunningGateway;
  let logged: string[];
  beforeAll(async () => ({ gateway, logged } = await gatewayOver(only)));
  afterAll(() => gateway?.stop());

  it.each(MALFORMED_EXTENSIONS)('extensions.persistedQuery as %s is BAD_REQUEST in both languages, with or without a query, and nothing is logged', async (_name, persistedQuery, words) => {
    for (const body of [{ query: '{ __typename }', extensions: { persistedQuery } }, { extensions: { persistedQuery } }]) {
      const { status, errors } = await post(gateway.url, body);
      expect(status).toBe(400);
      expect(errors).toEqual([{ message: expect.stringMatching(words), extensions: { code: 'BAD_REQUEST' } }]);
      expect(errors[0]!.message).toMatch(BILINGUAL);
    }
    // As a GET sends it, the extension in the URL.
    const get = new URL(gateway.url);
    get.searchParams.set('query', '{ __typename }');
    get.searchParams.set('extensions', JSON.stringify({ persistedQuery }));
    const response = await fetch(get, { headers: { 'apollo-require-preflight': 'true' } });
    expect([response.status, ((await response.json()) as Answer).errors[0]?.extensions['code']]).toEqual([400, 'BAD_REQUEST']);
    expect(logged).toEqual([]);
  });

  it('a body of {} has no query, as {"query": null}; an empty body is empty', async () => {
    const noQuery = await post(gateway.url, { query: null });
    expect(await send(gateway.url, '{}')).toEqual(noQuery);
    if (!only) expect(noQuery.errors[0]!.message).toMatch(/^请求中没有查询：.* \/ The request has no query: /);
    const empty = await send(gateway.url, '');
    if (!only) expect(empty.errors[0]!.message).toMatch(/^请求体为空：/);
    // No body at all, though its content-type says JSON: refused as empty, not as of another content type (415).
    expect(await bodilessPost(gateway.url, { 'content-type': 'application/json' })).toEqual(empty);
  });
});

describe('automatic persisted queries', () => {
  let gateway: RunningGateway;
  beforeAll(async () => ({ gateway } = await gatewayOver(false)));
  afterAll(() => gateway?.stop());

  it('a well-formed hash the gateway has not seen keeps the APQ protocol\'s words, which clients read (Apollo Kotlin by the message alone)', async () => {
    const { status, errors } = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(status).toBe(200);
    expect(errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
  });
});

describe('a date written in the document reads as the same date sent as a variable', () => {
  let gateway: RunningGateway;
  beforeAll(async () => ({ gateway } = await gatewayOver(false)));
  afterAll(() => gateway?.stop());

  const activity = (heldOn: string) => `{ kind: "座谈", title: "t", heldOn: ${heldOn}, organizerId: "sichuan:Organization:moxi-town" }`;
  const cases = [
    {
      name: "a period's start",
      literal: (date: string) => `{ overview(period: { from: ${JSON.stringify(date)} }) { total { crossAppointments } } }`,
      variable: (date: string) => ({ query: 'query ($p: PeriodInput) { overview(period: $p) { total { crossAppointments } } }', variables: { p: { from: date } } }),
      field: 'period.from',
      sent: 'variables.p.from',
      label: '起始日期',
    },
    {
      name: "a write's date",
      literal: (date: string) => `mutation { sichuanRecordActivity(input: ${activity(JSON.stringify(date))}) { id } }`,
      variable: (date: string) => ({ query: 'mutation ($i: ActivityInput!) { sichuanRecordActivity(input: $i) { id } }', variables: { i: { kind: '座谈', title: 't', heldOn: date, organizerId: 'sichuan:Organization:moxi-town' } } }),
      field: 'input.heldOn',
      sent: 'variables.i.heldOn',
      label: '举办日期',
    },
  ];
  const dates = ['2021-02-29', '2021/02/28', '1700-01-01', '3000-01-01'];

  it.each(cases)('$name', async ({ literal, variable, field, sent, label }) => {
    for (const date of dates) {
      const written = await post(gateway.url, { query: literal(date) });
      const asVariable = await post(gateway.url, variable(date));
      expect(written.status).toBe(400);
      expect(asVariable.status).toBe(200);
      const [byDocument] = written.errors;
      const [byVariable] = asVariable.errors;
      expect(byVariable!.message.startsWith(label)).toBe(true);
      // The same words, field and rule; the English half names where it was sent.
      expect(byDocument).toEqual({ message: byVariable!.message.replace(sent, field), extensions: { ...byVariable!.extensions, field } });
    }
  });

  it('a literal of another kind than a string is no date either, as in the variables', async () => {
    const written = await post(gateway.url, { query: '{ overview(period: { from: 5 }) { total { crossAppointments } } }' });
    const asVariable = await post(gateway.url, { query: 'query ($p: PeriodInput) { overview(period: $p) { total { crossAppointments } } }', variables: { p: { from: 5 } } });
    expect(written.status).toBe(400);
    expect(written.errors).toEqual([{ message: asVariable.errors[0]!.message.replace('variables.p.from', 'period.from'), extensions: { code: 'BAD_USER_INPUT', field: 'period.from', rule: 'malformed' } }]);
  });
});
