import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { CALLER_HEADER, CALLER_STATEMENT_SECONDS, operationDigest, signCaller } from '@linju/access';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sharedFederation, type Federation } from '@linju/testing';
import { figurePartNames, overviewId } from '@linju/contract';

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

/** POSTs straight to a subgraph, bypassing the gateway. */
async function direct(name: string, body: { query: string; variables?: unknown }, headers: Record<string, string> = {}) {
  const response = await fetch(federation.subgraphs[name]!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const ENTITIES = {
  query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on SichuanOrganization { name } } }',
  variables: { r: [{ __typename: 'SichuanOrganization', id: 'sichuan:Organization:moxi' }] },
};

describe('a subgraph reached directly reveals nothing', () => {
  test.each(['sichuan', 'chongqing', 'joint'])('%s refuses _service, _entities and ordinary queries without the gateway’s statement', async (name) => {
    for (const body of [{ query: '{ _service { sdl } }' }, ENTITIES, { query: '{ __typename }' }]) {
      const { status, body: answer } = await direct(name, body);
      expect(status).toBe(401);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test("every refused direct call shows up in the owner's audit log", async () => {
    const pool = federation.subgraphs.sichuan!.pool;
    const probe = `Probe${Date.now()}`;
    await direct('sichuan', { query: `query ${probe} { _service { sdl } }`, operationName: probe } as never);
    // The refusal is answered first and recorded just after: wait for its entry.
    let rows: { subject: string; operation_name: string; outcome: string; error_codes: string[] }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = (await pool.query('SELECT subject, operation_name, outcome, error_codes FROM audit_log WHERE operation_name = $1', [probe])).rows;
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toEqual([{ subject: 'unverified', operation_name: probe, outcome: 'error', error_codes: ['UNAUTHENTICATED'] }]);
  });

  test('a statement captured from the gateway cannot be replayed, nor reused for another operation', async () => {
    const statement = await signCaller({ subject: 'x', role: 'sichuan-operator', region: '510000' }, { secret: federation.secrets.sichuan!, audience: 'sichuan', digest: operationDigest(ENTITIES.query, ENTITIES.variables) });
    const first = await direct('sichuan', ENTITIES, { [CALLER_HEADER]: statement });
    expect(first.status).toBe(200);
    const replay = await direct('sichuan', ENTITIES, { [CALLER_HEADER]: statement });
    expect(replay.status).toBe(401);
    const fresh = await signCaller({ subject: 'x', role: 'sichuan-operator', region: '510000' }, { secret: federation.secrets.sichuan!, audience: 'sichuan', digest: operationDigest(ENTITIES.query, ENTITIES.variables) });
    const other = await direct('sichuan', { query: '{ _service { sdl } }' }, { [CALLER_HEADER]: fresh });
    expect(other.status).toBe(401);
  });

  test('a statement for the joint total alone may come again (it reads nothing); one asking anything more of the joint store may not', async () => {
    // A side's part as the gateway sends it (`@requires`): every figure, and each ratio's weighted sum.
    const figures = Object.fromEntries(figurePartNames().map((name) => [name, 1]));
    const overview = { __typename: 'JointOverview', id: overviewId({ from: '2021-01-01', to: '2021-06-30' }), sichuan: figures, chongqing: figures };
    const alliance = { __typename: 'Alliance', id: 'joint:Alliance:b1' };
    const totalOf = (selection: string, representations: unknown[]) => ({
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on JointOverview { ${selection} } } }`,
      variables: { r: representations },
    });
    const twice = async (body: { query: string; variables: unknown }) => {
      const statement = await signCaller({ subject: 'x', role: 'viewer' }, { secret: federation.secrets.joint!, audience: 'joint', digest: operationDigest(body.query, body.variables) });
      const first = await direct('joint', body, { [CALLER_HEADER]: statement });
      const again = await direct('joint', body, { [CALLER_HEADER]: statement });
      return { first, again };
    };
    const total = await twice(totalOf('total { policyTalks incomePerHouseholdYuan }', [overview]));
    expect(total.first.status).toBe(200);
    expect(total.first.body.data).toEqual({ _entities: [{ total: { policyTalks: 2, incomePerHouseholdYuan: 1 } }] });
    expect(total.again).toEqual(total.first);
    // The alliance figures read the store; an Alliance's reference reads it too, whatever is selected of it.
    for (const body of [totalOf('total { policyTalks } alliances { total }', [overview]), totalOf('total { policyTalks }', [overview, alliance])]) {
      const { first, again } = await twice(body);
      expect(first.status).toBe(200);
      expect(again.status).toBe(401);
    }
  });

  test.each([
    ['no region', undefined],
    ['a region of the other side', '500152'],
  ])("a statement naming an operator with %s is refused by the owner", async (_what, region) => {
    const statement = await signCaller({ subject: 'x', role: 'sichuan-operator', region }, { secret: federation.secrets.sichuan!, audience: 'sichuan', digest: operationDigest(ENTITIES.query, ENTITIES.variables) });
    expect((await direct('sichuan', ENTITIES, { [CALLER_HEADER]: statement })).status).toBe(401);
  });

  test('a statement signed with the right secret but living longer than the gateway ever signs one, issued ahead of the clock, or without iat is refused and audited', async () => {
    const pool = federation.subgraphs.sichuan!.pool;
    const now = Math.floor(Date.now() / 1000);
    const YEARS = 10 * 365 * 86_400;
    const cases: [string, { iat?: number; exp: number }][] = [
      // As the gateway signs it: answered, so what refuses the others is their times alone.
      ['AsTheGateway', { iat: now, exp: now + CALLER_STATEMENT_SECONDS }],
      ['TenYears', { iat: now, exp: now + YEARS }],
      ['LongAgo', { iat: now - YEARS, exp: now + CALLER_STATEMENT_SECONDS }],
      ['AnHourAhead', { iat: now + 3600, exp: now + 3600 + CALLER_STATEMENT_SECONDS }],
      ['NoIat', { exp: now + CALLER_STATEMENT_SECONDS }],
    ];
    for (const [what, { iat, exp }] of cases) {
      const operationName = `Lifetime${what}${Date.now()}`;
      const query = `query ${operationName} { __typename }`;
      const statement = new SignJWT({ role: 'sichuan-operator', op: operationDigest(query, {}, operationName), region: '510000' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('linju-gateway')
        .setAudience('sichuan')
        .setSubject('x')
        .setExpirationTime(exp)
        .setJti(randomUUID());
      if (iat !== undefined) statement.setIssuedAt(iat);
      const { status, body } = await direct('sichuan', { query, variables: {}, operationName } as never, { [CALLER_HEADER]: await statement.sign(new TextEncoder().encode(federation.secrets.sichuan!)) });
      if (what === 'AsTheGateway') {
        expect({ what, status, body }).toEqual({ what, status: 200, body: { data: { __typename: 'Query' } } });
        continue;
      }
      expect({ what, status, code: body.errors?.[0]?.extensions?.code, data: body.data }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED', data: undefined });
      let rows: { subject: string; outcome: string; error_codes: string[] }[] = [];
      for (let i = 0; i < 50 && rows.length === 0; i++) {
        rows = (await pool.query('SELECT subject, outcome, error_codes FROM audit_log WHERE operation_name = $1', [operationName])).rows;
        if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect({ what, rows }).toEqual({ what, rows: [{ subject: 'unverified', outcome: 'error', error_codes: ['UNAUTHENTICATED'] }] });
    }
  });

  test('a malformed statement is refused in Linju’s words, reason malformed, no parser’s text', async () => {
    const notJson = `${Buffer.from('{alg:HS256}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`;
    for (const statement of [notJson, 'not-a-token', 'a.b.c.d']) {
      const { status, body } = await direct('sichuan', { query: '{ __typename }' }, { [CALLER_HEADER]: statement });
      expect({ statement, status, errors: body.errors }).toEqual({
        statement,
        status: 401,
        errors: [{
          message: '本服务拒绝了该请求：调用方声明格式不正确，不是网关签发的声明。各辖区的子服务只应答邻聚网关，请通过网关的 /graphql 发送请求 / Refused: the caller statement is malformed: it is no HS256 token as the gateway signs them. Subgraphs answer only the Linju gateway.',
          extensions: { code: 'UNAUTHENTICATED', reason: 'malformed' },
        }],
      });
    }
  });

  test("one subgraph's secret does not open another", async () => {
    const forged = await signCaller({ subject: 'x', role: 'chongqing-operator', region: '500000' }, { secret: federation.secrets.sichuan!, audience: 'chongqing', digest: operationDigest('{ __typename }', {}) });
    expect((await direct('chongqing', { query: '{ __typename }' }, { [CALLER_HEADER]: forged })).status).toBe(401);
  });
});

describe('an address no server answers, or a body it cannot read, is refused in Linju’s words', () => {
  const servers = () => ({ gateway: federation.gatewayUrl, ...Object.fromEntries(Object.entries(federation.subgraphs).map(([name, s]) => [name, s.url])) });
  const ENGLISH = /Cannot (GET|POST)|Unexpected token|Expected property name|JSON at position|<pre>/;

  test.each(['gateway', 'sichuan', 'chongqing', 'joint'])('%s: a path it has not is 404 NOT_FOUND in JSON, never Express’s page', async (name) => {
    const url = new URL(servers()[name as 'gateway']!);
    for (const [method, path] of [['GET', '/nope'], ['POST', '/'], ['GET', '/favicon.ico']] as const) {
      const response = await fetch(new URL(path, url), { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' && { body: '{}' }) });
      const text = await response.text();
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(text).not.toMatch(ENGLISH);
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(/^没有这个地址/), extensions: { code: 'NOT_FOUND' } }] });
    }
  });

  test('a browser that mistypes an address at the gateway gets a Chinese page linking the dashboard', async () => {
    const response = await fetch(new URL('/dashboard-typo', federation.gatewayUrl), { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(text).toContain('lang="zh-CN"');
    expect(text).toContain('href="/dashboard/"');
    expect(text).not.toMatch(ENGLISH);
  });

  test.each(['sichuan', 'chongqing', 'joint'])('%s reached directly: malformed JSON and an unreadable charset are refused in Linju’s words, not the parser’s', async (name) => {
    const url = federation.subgraphs[name]!.url;
    for (const [body, type] of [['{bad', 'application/json'], ['a'.repeat(20_000), 'application/json'], ['{}', 'application/json; charset=latin1']]) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': type! }, body });
      const text = await response.text();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(text).not.toMatch(ENGLISH);
      expect(JSON.parse(text).errors[0].message).toMatch(/^请求体/);
    }
  });
});
