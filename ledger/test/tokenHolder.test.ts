import { afterEach, expect, test, vi } from 'vitest';
import { readDocumentsConfig } from '../src/server/documentsConfig.ts';
import { sideOfToken } from '../src/sideOfToken.ts';
import { tokenHolder } from '../src/tokenHolder.ts';

/**
 * The documents server and the ledger's commands read an operator's token (its side for an import,
 * its region for the template's drop-downs) where the gateway reads it: at LINJU_CLAIM_ROLE,
 * LINJU_CLAIM_REGION and LINJU_CLAIM_NAME, a role given as a list holding one Linju role.
 */
const jwt = (payload: object) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;
const office = { LINJU_CLAIM_ROLE: 'linju.role', LINJU_CLAIM_REGION: 'linju.region', LINJU_CLAIM_NAME: 'linju.name' };
const clerk = jwt({ sub: 'moxi-clerk', iss: 'https://id.example.gov.cn', linju: { role: 'sichuan-operator', region: '510904101', name: '张敏' } });

afterEach(() => {
  vi.unstubAllEnvs();
});

test('an operator’s role, region and name at the claims the environment names', () => {
  expect(tokenHolder(clerk, office)).toEqual({ sub: 'moxi-clerk', role: 'sichuan-operator', region: '510904101', name: '张敏' });
  expect(tokenHolder(clerk, {})).toEqual({ sub: 'moxi-clerk' });
  const keycloak = jwt({ realm_access: { roles: ['offline_access', 'chongqing-operator'] }, region: 500151 });
  expect(tokenHolder(keycloak, { LINJU_CLAIM_ROLE: 'realm_access.roles' })).toEqual({ role: 'chongqing-operator', region: '500151' });
});

test('the side an import writes to, read from the token by LINJU_CLAIM_ROLE', () => {
  expect(sideOfToken(clerk)).toBeUndefined();
  for (const [variable, value] of Object.entries(office)) vi.stubEnv(variable, value);
  expect(sideOfToken(clerk)).toBe('sichuan');
});

test('a LINJU_CLAIM_* that names no claim stops the documents server at start, naming it', () => {
  expect(() => readDocumentsConfig({ LINJU_CLAIM_REGION: 'linju..region' })).toThrow(/^Invalid LINJU_CLAIM_REGION="linju\.\.region": expected a claim name/);
  expect(readDocumentsConfig(office).port).toBe(4020);
});
