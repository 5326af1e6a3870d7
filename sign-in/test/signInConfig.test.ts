import { expect, test } from 'vitest';
import { parseSignInConfig } from '../src/signInConfig.ts';

const clients = { dashboard: 'linju-dashboard', explorer: 'linju-explorer' };
const defaults = { names: { role: 'role', region: 'region', name: 'name' } };

test('the gateway’s settings: issuer, each page’s client, scope', () => {
  expect(parseSignInConfig({ issuer: 'http://127.0.0.1:4010', clients, scope: 'openid profile' })).toEqual({ issuer: 'http://127.0.0.1:4010', clients, scope: 'openid profile', claims: defaults });
});

test('no issuer (or no answer): no identity provider, the pages keep pasted tokens', () => {
  expect(parseSignInConfig({ issuer: null }).issuer).toBeNull();
  expect(parseSignInConfig(null).issuer).toBeNull();
});

test('a scope without openid, clients that are not text: the defaults', () => {
  const parsed = parseSignInConfig({ issuer: 'https://idp.example.gov.cn/oidc', clients: { dashboard: 'd', explorer: 3, other: '' }, scope: 'profile' });
  expect(parsed).toEqual({ issuer: 'https://idp.example.gov.cn/oidc', clients: { dashboard: 'd' }, scope: 'openid profile', claims: defaults });
});

test('an issuer that is not a URL is an error, not a silent fallback', () => {
  expect(() => parseSignInConfig({ issuer: 'idp' })).toThrow(/issuer is not a URL/);
  expect(() => parseSignInConfig({ issuer: 42 })).toThrow(/issuer is not a URL/);
});

test('where a token names its holder, and Linju’s roles, with or without an issuer: the defaults for what is not a claim name', () => {
  const roles = ['sichuan-operator', 'viewer'];
  expect(parseSignInConfig({ issuer: null, claims: { role: 'linju.role', region: 'linju.region', name: 'linju.name' }, roles }).claims)
    .toEqual({ names: { role: 'linju.role', region: 'linju.region', name: 'linju.name' }, roles });
  expect(parseSignInConfig({ issuer: 'http://127.0.0.1:4010', clients, claims: { role: 'realm_access.roles', region: 'a b', name: 3 }, roles: ['viewer', 7] }).claims)
    .toEqual({ names: { role: 'realm_access.roles', region: 'region', name: 'name' } });
  expect(parseSignInConfig(null).claims).toEqual(defaults);
});
