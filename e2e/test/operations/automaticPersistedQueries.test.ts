import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationHash } from '@linju/schema/operations';
import { sharedFederation, type Federation } from '@linju/testing';
import { persisted, post } from './post.ts';

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

describe('automatic persisted queries (normal mode)', () => {
  it('asks for the document once, then answers by hash alone', async () => {
    // Not registered anywhere: in normal mode APQ accepts any valid document.
    const query = 'query ApqRoundTrip { overview(period: { from: "2021-01-01", to: "2021-06-30" }) { total { crossAppointments } } }';
    const extensions = persisted(operationHash(query));

    federation.resetCalls();
    const first = await post(federation, { extensions });
    expect(first.body.errors).toEqual([expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) })]);
    expect(federation.subgraphCalls).toEqual([]);

    const registered = await post(federation, { query, extensions });
    expect(registered.body.errors).toBeUndefined();
    const crossAppointments = registered.body.data?.['overview']?.total?.crossAppointments;
    expect(crossAppointments).toEqual(expect.any(Number));

    const byHash = await post(federation, { extensions });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it('refuses a document whose hash does not match', async () => {
    const answer = await post(federation, { query: '{ __typename }', extensions: persisted(operationHash('{ somethingElse }')) });
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(answer.body.errors?.[0]?.message).toMatch(/^查询文本与随附的哈希.* \/ The query does not match the hash sent with it/);
  });
});
