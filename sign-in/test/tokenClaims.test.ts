import { expect, test } from 'vitest';
import { DEVELOPMENT_KEY_ISSUER, linjuRoleOf, tokenClaims, type ClaimReading } from '../src/tokenClaims.ts';

const jwt = (payload: unknown) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

test('reads the Linju claims of a JWT, Chinese names decoded as UTF-8', () => {
  expect(tokenClaims(jwt({ sub: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: '510904101', exp: 1_800_000_000, aud: 'linju' })))
    .toEqual({ sub: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: '510904101', exp: 1_800_000_000 });
});

test('claims of the wrong type are left out; what is no JWT gives null', () => {
  expect(tokenClaims(jwt({ name: 7, role: ['viewer'], region: '', exp: '1800000000' }))).toEqual({});
  for (const token of ['', 'abc', 'a.!!!.c', jwt('text'), jwt([1]), jwt(null), 'a.e30']) expect(tokenClaims(token), token).toEqual(token === 'a.e30' ? {} : null);
});

// What /auth/config.json says with LINJU_CLAIM_ROLE=linju.role, LINJU_CLAIM_REGION=linju.region, LINJU_CLAIM_NAME=linju.name.
const roles = ['sichuan-operator', 'chongqing-operator', 'joint-operator', 'viewer'];
const nested: ClaimReading = { names: { role: 'linju.role', region: 'linju.region', name: 'linju.name' }, roles };

test('the role, region and name are read where the gateway reads them (LINJU_CLAIM_*), not at the top level', () => {
  const token = jwt({ sub: 'moxi-clerk', iss: 'http://127.0.0.1:4010', linju: { role: 'sichuan-operator', region: '510904101', name: '张敏' }, role: 'viewer', exp: 1_800_000_000 });
  expect(tokenClaims(token, nested)).toEqual({ sub: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: '510904101', exp: 1_800_000_000 });
  // The development key's tokens name their claims Linju's way whatever the office provider's are.
  expect(tokenClaims(jwt({ iss: DEVELOPMENT_KEY_ISSUER, role: 'viewer', name: '李四' }), nested)).toEqual({ role: 'viewer', name: '李四' });
});

test('a role given as a list (Keycloak, Entra ID) is its one Linju role; none or two give no role; a region given as a number is its digits', () => {
  const keycloak: ClaimReading = { names: { role: 'realm_access.roles', region: 'region', name: 'name' }, roles };
  const holder = (claims: object) => tokenClaims(jwt(claims), keycloak);
  expect(holder({ realm_access: { roles: ['offline_access', 'sichuan-operator', 'uma_authorization'] }, region: 510904101 })).toEqual({ role: 'sichuan-operator', region: '510904101' });
  expect(holder({ realm_access: { roles: ['offline_access', 'uma_authorization'] } })).toEqual({});
  expect(holder({ realm_access: { roles: ['viewer', 'joint-operator'] } })).toEqual({});
  expect(holder({ realm_access: { roles: 'admin' } })).toEqual({});
});

test('linjuRoleOf: the one Linju role, else why not', () => {
  expect(linjuRoleOf(['a', 'viewer', 'viewer'], roles)).toEqual({ role: 'viewer' });
  expect(linjuRoleOf('joint-operator', roles)).toEqual({ role: 'joint-operator' });
  expect(linjuRoleOf(['viewer', 'joint-operator'], roles)).toMatchObject({ refused: 'ambiguous-role' });
  for (const claim of [undefined, null, [], ['offline_access'], 'admin', 7, { role: 'viewer' }]) expect(linjuRoleOf(claim, roles), JSON.stringify(claim)).toMatchObject({ refused: 'no-role' });
});
