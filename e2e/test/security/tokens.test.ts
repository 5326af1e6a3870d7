import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDevKeys, DEV_AUDIENCE, DEV_ISSUER } from '@linju/gateway/devKeys';
import { sharedFederation, type Federation } from '@linju/testing';

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

const QUERY = '{ overview { alliances { total } } }';

async function token(claims: { role?: string; iss?: string; aud?: string; exp?: string | number }, key = federation.devKeys.privateJwk) {
  return new SignJWT({ role: claims.role ?? 'viewer' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid! })
    .setIssuer(claims.iss ?? DEV_ISSUER)
    .setAudience(claims.aud ?? DEV_AUDIENCE)
    .setSubject('attacker')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '5m')
    .sign(await importJWK(key, 'ES256'));
}

describe('tokens at the gateway', () => {
  test('a valid token is accepted', async () => {
    const response = await federation.query(QUERY, {}, { as: { authorization: `Bearer ${await token({})}` } });
    expect(response.errors).toBeUndefined();
  });

  test.each([
    ['forged (signed by another key)', async () => token({}, (await createDevKeys()).privateJwk)],
    ['expired', () => token({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['from another issuer', () => token({ iss: 'someone-else' })],
    ['for another audience', () => token({ aud: 'other-app' })],
    ['with an unknown role', () => token({ role: 'superuser' })],
    ['not a JWT at all', async () => 'not-a-token'],
  ])('a token %s is refused with UNAUTHENTICATED and reaches no subgraph', async (_what, make) => {
    federation.resetCalls();
    const response = await federation.query(QUERY, {}, { as: { authorization: `Bearer ${await make()}` } });
    expect(response.data ?? undefined).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('an Authorization header that is not a bearer token is refused', async () => {
    const response = await federation.query(QUERY, {}, { as: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
