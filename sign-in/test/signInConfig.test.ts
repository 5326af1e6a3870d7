import { expect, test } from 'vitest';
import { parseSignInConfig } from '../src/signInConfig.ts';

const clients = { dashboard: 'linju-dashboard', explorer: 'linju-explorer' };

test('the gateway’s settings: issuer, each page’s client, scope', () => {
  expect(parseSignInConfig({ issuer: 'http://127.0.0.1:4010', clients, scope: 'openid profile' })).toEqual({ issuer: 'http://127.0.0.1:4010', clients, scope: 'openid profile' });
});

test('no issuer (or no answer): no identity provider, the pages keep pasted tokens', () => {
  expect(parseSignInConfig({ issuer: null }).issuer).toBeNull();
  expect(parseSignInConfig(null).issuer).toBeNull();
});

test('a scope without openid, clients that are not text: the defaults', () => {
  const parsed = parseSignInConfig({ issuer: 'https://idp.example.gov.cn/oidc', clients: { dashboard: 'd', explorer: 3, other: '' }, scope: 'profile' });
  expect(parsed).toEqual({ issuer: 'https://idp.example.gov.cn/oidc', clients: { dashboard: 'd' }, scope: 'openid profile' });
});

test('an issuer that is not a URL is an error, not a silent fallback', () => {
  expect(() => parseSignInConfig({ issuer: 'idp' })).toThrow(/issuer is not a URL/);
  expect(() => parseSignInConfig({ issuer: 42 })).toThrow(/issuer is not a URL/);
});
