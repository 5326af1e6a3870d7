import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegisteredOperations, operationHash, type RegisteredOperation } from '@linju/schema/operations';
import { ConfigError } from '@linju/observability';
import { readGatewayConfig } from '@linju/gateway/config';
import { startFederation, type Federation } from '@linju/testing';
import { persisted, post } from './post.ts';

let federation: Federation;
let overview: RegisteredOperation;
let variables: Record<string, unknown>;
beforeAll(async () => {
  // The committed manifest, as in production.
  federation = await startFederation({ registeredOperations: { only: true } });
  overview = (await loadRegisteredOperations()).find(({ name }) => name === 'JointOverview2021H1')!;
  variables = JSON.parse(await readFile(new URL('../../../gateway/examples/3-joint-overview-2021-h1.variables.json', import.meta.url), 'utf8')) as Record<string, unknown>;
});
afterAll(() => federation?.stop());

const unknownQuery = '{ overview(period: { from: "2021-01-01", to: "2021-06-30" }) { total { crossAppointments } } }';

describe('registered-only mode (LINJU_REGISTERED_OPERATIONS_ONLY=true)', () => {
  it('refuses an unknown document before any subgraph is called', async () => {
    federation.resetCalls();
    const answer = await post(federation, { query: unknownQuery });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'OPERATION_NOT_REGISTERED' } })]);
    expect(federation.subgraphCalls).toEqual([]);
  });

  it('refuses an unknown hash, even with its document (APQ cannot register it)', async () => {
    federation.resetCalls();
    const hashOnly = await post(federation, { extensions: persisted(operationHash(unknownQuery)) });
    expect(hashOnly.body.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_REGISTERED');
    const both = await post(federation, { query: unknownQuery, extensions: persisted(operationHash(unknownQuery)) });
    expect(both.body.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_REGISTERED');
    const again = await post(federation, { extensions: persisted(operationHash(unknownQuery)) });
    expect(again.body.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_REGISTERED');
    expect(federation.subgraphCalls).toEqual([]);
  });

  it('refuses a registered document changed by one character', async () => {
    const answer = await post(federation, { query: `${overview.document} `, variables });
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_REGISTERED');
  });

  it('runs a registered operation by its hash alone', async () => {
    const answer = await post(federation, { extensions: persisted(overview.hash), variables, operationName: 'JointOverview2021H1' });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.['overview']?.total?.crossAppointments).toEqual(expect.any(Number));
    expect(answer.body.data?.['overview']?.period).toEqual({ from: '2021-01-01', to: '2021-06-30' });
  });

  it("answers the explorer's own requests: its check of a typed token, after verifying the token and without a subgraph, and its list of jurisdictions", async () => {
    const registered = await loadRegisteredOperations();
    const check = registered.find(({ name }) => name === 'ExplorerTokenCheck');
    const jurisdictions = registered.find(({ name }) => name === 'ExplorerJurisdictions');
    expect(check?.source).toBe('explorer/operations/ExplorerTokenCheck.graphql');
    expect(jurisdictions?.source).toBe('explorer/operations/ExplorerJurisdictions.graphql');
    // As the explorer sends them: the registered text, the typed Authorization as it is.
    const send = async (operation: RegisteredOperation, authorization?: string) => {
      const response = await fetch(federation.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify({ query: operation.document, operationName: operation.name }),
      });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
    };
    federation.resetCalls();
    const accepted = await send(check!, `Bearer ${await federation.token('joint-operator')}`);
    expect(accepted).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    // A token written by hand to name the joint office is still refused: the check checks.
    const claims = { sub: 'joint-office', name: '黄涛', role: 'joint-operator', exp: Math.floor(Date.now() / 1000) + 600 };
    const forged = ['{"alg":"ES256","typ":"JWT"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
    const refused = await send(check!, `Bearer ${forged}`);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(federation.subgraphCalls).toEqual([]);
    const sides = await send(jurisdictions!);
    expect(sides.body.errors).toBeUndefined();
    expect(sides.body.data).toEqual({ jurisdictions: expect.arrayContaining([expect.objectContaining({ key: 'sichuan', code: '510000' }), expect.objectContaining({ key: 'chongqing' })]) });
  });

  it('runs a registered operation sent as its document, with or without its hash', async () => {
    const plain = await post(federation, { query: overview.document, variables });
    expect(plain.body.errors).toBeUndefined();
    const withHash = await post(federation, { query: overview.document, variables, extensions: persisted(overview.hash) });
    expect(withHash.body.data).toEqual(plain.body.data);
  });
});

describe('LINJU_REGISTERED_OPERATIONS_ONLY', () => {
  it('is off by default, on with true or 1, and refuses anything else naming the variable', () => {
    expect(readGatewayConfig({}).registeredOperationsOnly).toBe(false);
    expect(readGatewayConfig({ LINJU_REGISTERED_OPERATIONS_ONLY: 'true' }).registeredOperationsOnly).toBe(true);
    expect(readGatewayConfig({ LINJU_REGISTERED_OPERATIONS_ONLY: '1' }).registeredOperationsOnly).toBe(true);
    expect(() => readGatewayConfig({ LINJU_REGISTERED_OPERATIONS_ONLY: 'yes' })).toThrow(ConfigError);
    expect(() => readGatewayConfig({ LINJU_REGISTERED_OPERATIONS_ONLY: 'yes' })).toThrow(/LINJU_REGISTERED_OPERATIONS_ONLY/);
  });
});
