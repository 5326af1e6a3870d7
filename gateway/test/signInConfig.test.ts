import { fileURLToPath } from 'node:url';
import { ROLES } from '@linju/access';
import { describe, expect, it } from 'vitest';
import { claimAt } from '../src/auth/claims.ts';
import { checkDiscovery, discoveryUrl } from '../src/auth/discoverIssuer.ts';
import { readGatewayConfig } from '../src/config.ts';

// The committed supergraph may not exist yet in a fresh checkout; point at a file that does.
const env = { SUPERGRAPH_PATH: fileURLToPath(new URL('../package.json', import.meta.url)) };
const production = {
  ...env,
  LINJU_ENV: 'production',
  SICHUAN_GATEWAY_SECRET: 's'.repeat(40),
  CHONGQING_GATEWAY_SECRET: 'c'.repeat(40),
  JOINT_GATEWAY_SECRET: 'j'.repeat(40),
};
const office = 'https://id.example.gov.cn/realms/linju';

describe('LINJU_OIDC_ISSUER and the sign-in the pages are told about', () => {
  it('without an issuer, the dev key pair only, and no sign-in', () => {
    const config = readGatewayConfig(env);
    expect(config.tokens).toEqual({ devKeysFile: expect.stringMatching(/gateway\/dev-keys\.json$/) });
    expect(config.signIn).toEqual({ issuer: null, claims: { role: 'role', region: 'region', name: 'name' }, roles: ROLES });
  });

  it('in development, an issuer is trusted beside the dev key pair, with the default audience, claims, clients and scope', () => {
    const config = readGatewayConfig({ ...env, LINJU_OIDC_ISSUER: 'http://127.0.0.1:4010' });
    expect(config.tokens).toEqual({
      devKeysFile: expect.stringMatching(/dev-keys\.json$/),
      oidc: { issuer: 'http://127.0.0.1:4010', audience: 'linju', claims: { role: 'role', region: 'region', name: 'name' } },
    });
    expect(config.signIn).toEqual({ issuer: 'http://127.0.0.1:4010', clients: { dashboard: 'linju-dashboard', explorer: 'linju-explorer' }, scope: 'openid profile', claims: { role: 'role', region: 'region', name: 'name' }, roles: ROLES });
  });

  it('in production, the office\'s issuer alone, with the clients, scope, audience and claim paths it configures', () => {
    const config = readGatewayConfig({
      ...production,
      LINJU_OIDC_ISSUER: office,
      LINJU_JWT_AUDIENCE: 'linju-gateway',
      LINJU_CLAIM_ROLE: 'linju.role',
      LINJU_CLAIM_REGION: 'linju.region',
      LINJU_CLAIM_NAME: 'preferred_username',
      LINJU_OIDC_CLIENT_DASHBOARD: 'dashboard-7f3a',
      LINJU_OIDC_CLIENT_EXPLORER: 'explorer-19c2',
      LINJU_OIDC_SCOPE: 'openid  profile linju',
    });
    expect(config.tokens).toEqual({ oidc: { issuer: office, audience: 'linju-gateway', claims: { role: 'linju.role', region: 'linju.region', name: 'preferred_username' } } });
    // The pages read a token by the same claim paths (and pick the Linju role of a list by the same roles).
    expect(config.signIn).toEqual({ issuer: office, clients: { dashboard: 'dashboard-7f3a', explorer: 'explorer-19c2' }, scope: 'openid profile linju', claims: { role: 'linju.role', region: 'linju.region', name: 'preferred_username' }, roles: ROLES });
    expect(ROLES).toEqual(expect.arrayContaining(['sichuan-operator', 'chongqing-operator', 'joint-operator', 'viewer']));
  });

  it('in production, the development provider (plain http on this machine) is refused, naming LINJU_OIDC_ISSUER', () => {
    expect(() => readGatewayConfig({ ...production, LINJU_OIDC_ISSUER: 'http://127.0.0.1:4010' })).toThrow(/^Invalid LINJU_OIDC_ISSUER="http:\/\/127\.0\.0\.1:4010": expected an https URL in production/);
  });

  it('in production, with no issuer and no JWKS, the dev key pair is refused, naming LINJU_OIDC_ISSUER', () => {
    expect(() => readGatewayConfig(production)).toThrow(/^LINJU_OIDC_ISSUER is not set: production .* the development key is refused$/);
  });

  it('the JWKS options keep working, with the claim names', () => {
    const config = readGatewayConfig({ ...env, LINJU_JWKS_URL: `${office}/jwks`, LINJU_JWT_ISSUER: office, LINJU_JWT_AUDIENCE: 'linju', LINJU_CLAIM_ROLE: 'realm_access.linju_role' });
    expect(config.tokens).toEqual({ jwksUrl: new URL(`${office}/jwks`), issuer: office, audience: 'linju', claims: { role: 'realm_access.linju_role', region: 'region', name: 'name' } });
    // No sign-in, but a pasted token is read by the claim names all the same.
    expect(config.signIn).toEqual({ issuer: null, claims: { role: 'realm_access.linju_role', region: 'region', name: 'name' }, roles: ROLES });
  });

  it.each([
    ['LINJU_OIDC_ISSUER', 'not a url'],
    ['LINJU_OIDC_ISSUER', 'ftp://id.example.gov.cn'],
    ['LINJU_OIDC_ISSUER', `${office}?tenant=1`],
    ['LINJU_CLAIM_ROLE', 'linju role'],
    ['LINJU_CLAIM_REGION', 'linju.'],
    ['LINJU_CLAIM_NAME', 'a..b'],
  ])('fails naming %s when it is %j', (variable, value) => {
    expect(() => readGatewayConfig({ ...env, LINJU_OIDC_ISSUER: office, [variable]: value })).toThrow(new RegExp(`^Invalid ${variable}=`));
  });

  it.each([
    ['LINJU_OIDC_CLIENT_DASHBOARD', 'my dashboard'],
    ['LINJU_OIDC_CLIENT_EXPLORER', '探索'],
    ['LINJU_OIDC_SCOPE', 'profile email'],
  ])('fails naming %s when it is %j', (variable, value) => {
    expect(() => readGatewayConfig({ ...env, LINJU_OIDC_ISSUER: office, [variable]: value })).toThrow(new RegExp(`^Invalid ${variable}=`));
  });

  it('an issuer and a JWKS together are refused: they are alternatives', () => {
    expect(() => readGatewayConfig({ ...env, LINJU_OIDC_ISSUER: office, LINJU_JWKS_URL: `${office}/jwks`, LINJU_JWT_ISSUER: office, LINJU_JWT_AUDIENCE: 'linju' })).toThrow(
      /^LINJU_OIDC_ISSUER and LINJU_JWKS_URL are both set/,
    );
  });
});

describe('claims by name or dotted path', () => {
  const payload = { role: 'viewer', 'https://linju.example/role': 'joint-operator', linju: { role: 'sichuan-operator', region: '510904' }, list: ['a'] };

  it('reads a top-level claim, a claim whose name holds dots, and a nested one', () => {
    expect(claimAt(payload, 'role')).toBe('viewer');
    expect(claimAt(payload, 'https://linju.example/role')).toBe('joint-operator');
    expect(claimAt(payload, 'linju.role')).toBe('sichuan-operator');
    expect(claimAt(payload, 'linju.region')).toBe('510904');
  });

  it('a missing path, or one through a value that is not an object, is undefined; inherited properties are not claims', () => {
    expect(claimAt(payload, 'linju.name')).toBeUndefined();
    expect(claimAt(payload, 'role.length')).toBeUndefined();
    expect(claimAt(payload, 'constructor')).toBeUndefined();
    expect(claimAt(payload, 'linju.toString')).toBeUndefined();
  });
});

describe('the issuer\'s discovery document', () => {
  const issuer = 'https://id.example.gov.cn';
  const document = { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: 'https://token.example.gov.cn/token', authorization_endpoint: `${issuer}/auth` };

  it('is found at <issuer>/.well-known/openid-configuration, with or without a trailing slash', () => {
    expect(discoveryUrl('https://id.example.gov.cn/realms/linju').href).toBe('https://id.example.gov.cn/realms/linju/.well-known/openid-configuration');
    expect(discoveryUrl('https://id.example.gov.cn/').href).toBe('https://id.example.gov.cn/.well-known/openid-configuration');
  });

  it('gives the JWKS and the origins the pages call', () => {
    expect(checkDiscovery(issuer, document, true)).toEqual({ issuer, jwksUri: new URL(`${issuer}/jwks`), browserOrigins: [issuer, 'https://token.example.gov.cn'] });
  });

  it.each([
    ['another issuer', { ...document, issuer: 'https://evil.example' }, /names the issuer "https:\/\/evil\.example"/],
    ['no jwks_uri', { ...document, jwks_uri: undefined }, /has no jwks_uri/],
    ['a jwks_uri over http', { ...document, jwks_uri: 'http://id.example.gov.cn/jwks' }, /jwks_uri is not https/],
    ['the development provider', { ...document, linju_development_provider: true }, /development identity provider, refused in production/],
    ['not an object', ['issuer'], /not a JSON object/],
  ])('with %s is refused in production, naming LINJU_OIDC_ISSUER', (_what, body, problem) => {
    expect(() => checkDiscovery(issuer, body, true)).toThrow(problem);
    expect(() => checkDiscovery(issuer, body, true)).toThrow(/^LINJU_OIDC_ISSUER=/);
  });

  it('in development, the development provider over http is fine', () => {
    expect(checkDiscovery('http://127.0.0.1:4010', { issuer: 'http://127.0.0.1:4010', jwks_uri: 'http://127.0.0.1:4010/jwks', linju_development_provider: true }, false).jwksUri.href).toBe('http://127.0.0.1:4010/jwks');
  });
});
