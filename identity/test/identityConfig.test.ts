import { describe, expect, test } from 'vitest';
import { readIdentityConfig } from '../src/identityConfig.ts';
import { gatewayOriginsOf } from '../src/identityProvider.ts';
import { html, signInPage } from '../src/signInPages.ts';

describe('readIdentityConfig', () => {
  test('defaults: port 4010, the gateway of npm start, keys under the data folder', () => {
    expect(readIdentityConfig({ LINJU_DATA_DIR: '/tmp/linju-x' })).toEqual({ port: 4010, gatewayUrl: 'http://127.0.0.1:4000/', keysFile: '/tmp/linju-x/identity/keys.json' });
    expect(readIdentityConfig({ LINJU_DATA_DIR: '/tmp/linju-x', PORT: '4100' }).gatewayUrl).toBe('http://127.0.0.1:4100/');
    expect(readIdentityConfig({ LINJU_DATA_DIR: '/tmp/linju-x', LINJU_IDP_PORT: '0', LINJU_IDP_GATEWAY_URL: 'http://localhost:5000' })).toMatchObject({ port: 0, gatewayUrl: 'http://localhost:5000/' });
  });

  test.each([
    ['LINJU_ENV', 'production', /^The development identity provider refuses to run in production/],
    ['NODE_ENV', 'production', /^The development identity provider refuses to run in production/],
    ['LINJU_IDP_PORT', '70000', /^Invalid LINJU_IDP_PORT="70000"/],
    ['LINJU_IDP_PORT', 'idp', /^Invalid LINJU_IDP_PORT="idp"/],
    ['LINJU_IDP_GATEWAY_URL', 'gateway', /^Invalid LINJU_IDP_GATEWAY_URL="gateway"/],
    ['LINJU_IDP_GATEWAY_URL', 'ftp://127.0.0.1:4000', /^Invalid LINJU_IDP_GATEWAY_URL=/],
  ])('refuses %s=%s in one line', (variable, value, message) => {
    expect(() => readIdentityConfig({ [variable]: value })).toThrow(message);
  });
});

describe('the pages', () => {
  test('are registered at the gateway\'s origin and its loopback twin', () => {
    expect(gatewayOriginsOf('http://127.0.0.1:4000/graphql')).toEqual(['http://127.0.0.1:4000', 'http://localhost:4000']);
    expect(gatewayOriginsOf('https://linju.example.gov.cn/')).toEqual(['https://linju.example.gov.cn']);
  });

  test('the sign-in form escapes what the person typed', () => {
    const page = signInPage({ action: '/interaction/x/login', cancel: '/interaction/x/abort', clientName: '联合看板', account: '"><script>alert(1)</script>', failed: true });
    expect(page).not.toContain('<script>');
    expect(page).toContain(`value="${html('"><script>alert(1)</script>')}"`);
    expect(page).toContain('账号或密码错误');
  });
});
