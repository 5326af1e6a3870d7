import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from '@linju/schema/supergraphFile';
import { readGatewayConfig } from '../src/config.ts';

// The committed supergraph may not exist yet in a fresh checkout; point at a file that does.
const env = { SUPERGRAPH_PATH: fileURLToPath(new URL('../package.json', import.meta.url)) };

describe('readGatewayConfig', () => {
  it('defaults to 127.0.0.1:4000 and the supergraph\'s own subgraph URLs', () => {
    expect(readGatewayConfig(env)).toMatchObject({ port: 4000, host: '127.0.0.1', subgraphUrls: {} });
  });

  it('defaults to the committed supergraph, or names SUPERGRAPH_PATH while there is none', () => {
    if (existsSync(supergraphPath)) expect(readGatewayConfig({}).supergraphPath).toBe(supergraphPath);
    else expect(() => readGatewayConfig({})).toThrow('SUPERGRAPH_PATH');
  });

  it('takes each subgraph\'s URL from its own variable', () => {
    const config = readGatewayConfig({ ...env, CHONGQING_URL: 'http://cq.internal:8080/graphql', PORT: '0', HOST: '0.0.0.0' });
    expect(config.subgraphUrls['chongqing']).toBe('http://cq.internal:8080/graphql');
    expect(config.subgraphUrls).toEqual({ chongqing: 'http://cq.internal:8080/graphql' });
    expect(config.port).toBe(0);
    expect(config.host).toBe('0.0.0.0');
  });

  it('in production refuses a plain http member URL to another host, as the one line the gateway exits with', () => {
    const production = { ...env, LINJU_ENV: 'production', SICHUAN_GATEWAY_SECRET: 's'.repeat(40), CHONGQING_GATEWAY_SECRET: 'c'.repeat(40), JOINT_GATEWAY_SECRET: 'j'.repeat(40), LINJU_JWKS_URL: 'https://id.example.gov.cn/jwks.json', LINJU_JWT_ISSUER: 'https://id.example.gov.cn', LINJU_JWT_AUDIENCE: 'linju' };
    expect(() => readGatewayConfig({ ...production, SICHUAN_URL: 'http://127.0.1.11:4801/graphql' })).toThrow(
      'Invalid SICHUAN_URL="http://127.0.1.11:4801/graphql": expected an https URL in production (https://127.0.1.11:4801/graphql): a member on another host serves HTTPS to the gateway (docs/separate-hosts.md); plain http only to 127.0.0.1, localhost or [::1]',
    );
    expect(() => readGatewayConfig({ ...production, JOINT_URL: 'http://10.0.0.31:4003/graphql' })).toThrow(/^Invalid JOINT_URL=/);
    // This host, https anywhere, and plain http outside production are taken.
    expect(readGatewayConfig({ ...production, SICHUAN_URL: 'http://127.0.0.1:4001/graphql', CHONGQING_URL: 'http://localhost:4002/graphql', JOINT_URL: 'http://[::1]:4003/graphql' }).subgraphUrls).toEqual({ sichuan: 'http://127.0.0.1:4001/graphql', chongqing: 'http://localhost:4002/graphql', joint: 'http://[::1]:4003/graphql' });
    expect(readGatewayConfig({ ...production, SICHUAN_URL: 'https://10.0.1.11:4001/graphql' }).subgraphUrls).toEqual({ sichuan: 'https://10.0.1.11:4001/graphql' });
    expect(readGatewayConfig({ ...env, SICHUAN_URL: 'http://10.0.1.11:4001/graphql' }).subgraphUrls).toEqual({ sichuan: 'http://10.0.1.11:4001/graphql' });
  });

  it('in production refuses a plain http LINJU_DOCUMENTS_URL to another host by the same rule: an export of personal data would cross the network in clear', () => {
    const production = { ...env, LINJU_ENV: 'production', SICHUAN_GATEWAY_SECRET: 's'.repeat(40), CHONGQING_GATEWAY_SECRET: 'c'.repeat(40), JOINT_GATEWAY_SECRET: 'j'.repeat(40), LINJU_JWKS_URL: 'https://id.example.gov.cn/jwks.json', LINJU_JWT_ISSUER: 'https://id.example.gov.cn', LINJU_JWT_AUDIENCE: 'linju' };
    expect(() => readGatewayConfig({ ...production, LINJU_DOCUMENTS_URL: 'http://10.0.0.21:4020' })).toThrow(
      "Invalid LINJU_DOCUMENTS_URL=\"http://10.0.0.21:4020\": expected the documents server's own URL beside this gateway: it serves plain HTTP on 127.0.0.1 only and runs on each gateway's host (http://127.0.0.1:4020, docs/deployment.md), so an address of another host would send exports across the network in clear; plain http only to 127.0.0.1, localhost or [::1]",
    );
    expect(readGatewayConfig({ ...production, LINJU_DOCUMENTS_URL: 'http://127.0.0.1:4020' }).documentsUrl).toBe('http://127.0.0.1:4020/');
    expect(readGatewayConfig({ ...production, LINJU_DOCUMENTS_URL: 'https://documents.internal:4020' }).documentsUrl).toBe('https://documents.internal:4020/');
    expect(readGatewayConfig({ ...env, LINJU_DOCUMENTS_URL: 'http://10.0.0.21:4020' }).documentsUrl).toBe('http://10.0.0.21:4020/');
  });

  it('believes X-Forwarded-For from the balancers LINJU_TRUSTED_PROXIES names, none unless told', () => {
    expect(readGatewayConfig(env).trustedProxies).toEqual(new Set());
    expect(readGatewayConfig({ ...env, LINJU_TRUSTED_PROXIES: '10.0.0.11, 10.0.0.12' }).trustedProxies).toEqual(new Set(['10.0.0.11', '10.0.0.12']));
    expect(() => readGatewayConfig({ ...env, LINJU_TRUSTED_PROXIES: 'haproxy' })).toThrow(/^Invalid LINJU_TRUSTED_PROXIES="haproxy"/);
  });

  it('waits 5000 ms for each subgraph and retries a read once, unless told otherwise', () => {
    expect(readGatewayConfig(env)).toMatchObject({ subgraphTimeoutsMs: { sichuan: 5000, chongqing: 5000, joint: 5000 }, subgraphRetries: 1 });
    const config = readGatewayConfig({ ...env, CHONGQING_TIMEOUT_MS: '1500', LINJU_SUBGRAPH_RETRIES: '0' });
    expect(config.subgraphTimeoutsMs).toEqual({ sichuan: 5000, chongqing: 1500, joint: 5000 });
    expect(config.subgraphRetries).toBe(0);
  });

  it('answers public reads from its response cache for 5000 ms unless told otherwise; 0 turns it off', () => {
    expect(readGatewayConfig(env).responseCacheTtlMs).toBe(5000);
    expect(readGatewayConfig({ ...env, LINJU_RESPONSE_CACHE_TTL_MS: '0' }).responseCacheTtlMs).toBe(0);
    expect(readGatewayConfig({ ...env, LINJU_RESPONSE_CACHE_TTL_MS: '1500' }).responseCacheTtlMs).toBe(1500);
  });

  it('as one of several replicas, keeps no response cache, and refuses one it is asked for (it would answer from before another replica\'s write)', () => {
    expect(readGatewayConfig(env)).toMatchObject({ replicas: 1, responseCacheTtlMs: 5000 });
    expect(readGatewayConfig({ ...env, LINJU_GATEWAY_REPLICAS: '2' })).toMatchObject({ replicas: 2, responseCacheTtlMs: 0 });
    expect(readGatewayConfig({ ...env, LINJU_GATEWAY_REPLICAS: '2', LINJU_RESPONSE_CACHE_TTL_MS: '0' }).responseCacheTtlMs).toBe(0);
    expect(() => readGatewayConfig({ ...env, LINJU_GATEWAY_REPLICAS: '2', LINJU_RESPONSE_CACHE_TTL_MS: '1500' })).toThrow(/LINJU_RESPONSE_CACHE_TTL_MS=1500 with LINJU_GATEWAY_REPLICAS=2/);
  });

  it('accepts LINJU_MAX_LIST_SIZE up to the subgraphs\' own page size, 100, and refuses more', () => {
    expect(readGatewayConfig({ ...env, LINJU_MAX_LIST_SIZE: '100' }).limits.maxListSize).toBe(100);
    expect(readGatewayConfig({ ...env, LINJU_MAX_LIST_SIZE: '50' }).limits.maxListSize).toBe(50);
    expect(() => readGatewayConfig({ ...env, LINJU_MAX_LIST_SIZE: '500' })).toThrow('Invalid LINJU_MAX_LIST_SIZE="500": expected at most 100, the largest page a subgraph answers');
  });

  it('shows each URL variable its own kind of URL when it refuses one', () => {
    expect(() => readGatewayConfig({ ...env, LINJU_DOCUMENTS_URL: 'notaurl' })).toThrow('Invalid LINJU_DOCUMENTS_URL="notaurl": expected an absolute http(s) URL such as http://127.0.0.1:4020 (the documents server)');
    expect(() => readGatewayConfig({ ...env, CHONGQING_URL: 'notaurl' })).toThrow("expected an absolute http(s) URL such as http://127.0.0.1:4002/graphql (the chongqing subgraph's GraphQL endpoint)");
  });

  it('passes /documents/ to the documents server only when LINJU_DOCUMENTS_URL names one', () => {
    expect(readGatewayConfig(env).documentsUrl).toBeUndefined();
    expect(readGatewayConfig({ ...env, LINJU_DOCUMENTS_URL: 'http://127.0.0.1:4020' }).documentsUrl).toBe('http://127.0.0.1:4020/');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['SICHUAN_URL', 'not a url'],
    ['JOINT_URL', 'ftp://127.0.0.1/graphql'],
    ['SUPERGRAPH_PATH', '/nonexistent/supergraph.graphql'],
    ['SICHUAN_TIMEOUT_MS', 'soon'],
    ['JOINT_TIMEOUT_MS', '0'],
    ['LINJU_SUBGRAPH_RETRIES', '4'],
    ['LINJU_SUBGRAPH_RETRIES', '-1'],
    ['LINJU_RESPONSE_CACHE_TTL_MS', '-1'],
    ['LINJU_RESPONSE_CACHE_TTL_MS', '5s'],
    ['LINJU_RESPONSE_CACHE_TTL_MS', '1.5'],
    ['LINJU_GATEWAY_REPLICAS', '0'],
    ['LINJU_GATEWAY_REPLICAS', 'two'],
    ['LINJU_DOCUMENTS_URL', '127.0.0.1:4020'],
  ])('fails naming %s when it is %j', (variable, value) => {
    expect(() => readGatewayConfig({ ...env, [variable]: value })).toThrow(variable);
  });
});

describe('the token issuer\'s keys (docs/security-and-audit.md#production-mode)', () => {
  const production = { ...env, LINJU_ENV: 'production', SICHUAN_GATEWAY_SECRET: 's'.repeat(40), CHONGQING_GATEWAY_SECRET: 'c'.repeat(40), JOINT_GATEWAY_SECRET: 'j'.repeat(40) };
  const jwksUrl = 'https://id.example.gov.cn/.well-known/jwks.json';

  it('in production without an issuer, names everything a JWKS needs at once', () => {
    expect(() => readGatewayConfig(production)).toThrow(/LINJU_OIDC_ISSUER is not set: .*\(LINJU_JWKS_FILE or LINJU_JWKS_URL\) with LINJU_JWT_ISSUER and LINJU_JWT_AUDIENCE/);
  });

  it('a JWKS without issuer and audience names both; with one, the other', () => {
    expect(() => readGatewayConfig({ ...production, LINJU_JWKS_URL: jwksUrl })).toThrow('LINJU_JWT_ISSUER and LINJU_JWT_AUDIENCE are not set: LINJU_JWKS_URL needs LINJU_JWT_ISSUER and LINJU_JWT_AUDIENCE');
    expect(() => readGatewayConfig({ ...production, LINJU_JWKS_URL: jwksUrl, LINJU_JWT_ISSUER: 'https://id.example.gov.cn' })).toThrow(/^LINJU_JWT_AUDIENCE is not set/);
    expect(readGatewayConfig({ ...production, LINJU_JWKS_URL: jwksUrl, LINJU_JWT_ISSUER: 'https://id.example.gov.cn', LINJU_JWT_AUDIENCE: 'linju' }).tokens).toMatchObject({ issuer: 'https://id.example.gov.cn', audience: 'linju' });
  });

  it('a JWKS file that does not exist is reported before the issuer and audience it also lacks', () => {
    expect(() => readGatewayConfig({ ...production, LINJU_JWKS_FILE: '/nonexistent/jwks.json' })).toThrow('Invalid LINJU_JWKS_FILE="/nonexistent/jwks.json": expected an existing JWKS file');
  });

  it('refuses LINJU_JWKS_FILE and LINJU_JWKS_URL together, as alternatives, whatever the URL', () => {
    const file = fileURLToPath(new URL('../package.json', import.meta.url));
    const both = { LINJU_JWKS_FILE: file, LINJU_JWT_ISSUER: 'https://id.example.gov.cn', LINJU_JWT_AUDIENCE: 'linju' };
    expect(() => readGatewayConfig({ ...production, ...both, LINJU_JWKS_URL: 'http://id.example.gov.cn/jwks.json' })).toThrow('LINJU_JWKS_FILE and LINJU_JWKS_URL are both set: they are alternatives');
    expect(() => readGatewayConfig({ ...env, ...both, LINJU_JWKS_URL: jwksUrl })).toThrow('LINJU_JWKS_FILE and LINJU_JWKS_URL are both set');
  });
});
