import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningIdentityProvider } from '../src/identityProvider.ts';
import { authorizationUrl, startTestProvider, TEST_GATEWAY } from './support/testProvider.ts';

/**
 * What a person's browser is shown when the real development identity provider cannot go on:
 * Chinese words to act on and the protocol's error code, never the library's English description.
 */

let provider: RunningIdentityProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(() => provider?.stop());

/** As a browser opens it: HTML preferred. */
async function open(url: URL | string, init: RequestInit = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url, { redirect: 'manual', ...init, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...(init.headers as Record<string, string>) } });
  const page = await response.text();
  // What the person reads: the page's text, without its markup.
  return { status: response.status, type: response.headers.get('content-type'), text: page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() };
}

/** English words of the library's descriptions (client is invalid, redirect_uri did not match…, could not find logout details, Not Found). */
const LIBRARY_TEXT = /\b(is invalid|did not match|registered|could not|has expired|request body|Not Found|logout details|grant request)\b/i;

describe('the identity provider’s error pages', () => {
  test.each([
    ['a page that is not a client of the provider', { client_id: 'someone-else' }, 'invalid_client', '发起登录的页面未在统一身份认证登记'],
    ['a return address not registered for the page', { redirect_uri: 'https://elsewhere.example/' }, 'invalid_redirect_uri', '登录后返回的页面地址未在统一身份认证登记'],
  ])('%s: said in Chinese, with the code and nothing of the library’s description', async (_what, over, code, words) => {
    const page = await open(authorizationUrl(provider.issuer, over));
    expect(page.status).toBe(400);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain('无法完成登录');
    expect(page.text).toContain(words);
    expect(page.text).toContain(`错误代码 ${code}`);
    expect(page.text).not.toMatch(LIBRARY_TEXT);
  });

  test('a sign-in resumed after it expired', async () => {
    const page = await open(new URL('/auth/no-such-sign-in', provider.issuer));
    expect(page.status).toBe(400);
    expect(page.text).toContain('登录请求无效或已过期。请回到原页面，重新点击“登录”。');
    expect(page.text).not.toMatch(LIBRARY_TEXT);
  });

  test.each([
    ['a sign-out confirmed twice (its form spent)', '/session/end/confirm', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout=yes' }],
    ['a sign-out naming an ID token that is none', '/session/end?id_token_hint=abc', {}],
  ])('%s: a sign-out’s page, not a sign-in’s, saying the page that asked is signed out already', async (_what, path, init) => {
    const page = await open(new URL(path, provider.issuer), init);
    expect(page.status).toBe(400);
    expect(page.text).toContain('无法完成退出');
    expect(page.text).toContain('刚才的页面已退出登录');
    expect(page.text).not.toContain('无法完成登录');
    expect(page.text).toContain('错误代码 invalid_request');
    expect(page.text).not.toMatch(LIBRARY_TEXT);
  });

  test('its own address, as npm start prints it (登录): where a sign-in begins, the gateway\'s pages linked', async () => {
    const response = await fetch(provider.issuer, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('登录从邻聚的页面开始');
    expect(body).toContain(`<a href="${new URL('/dashboard/', TEST_GATEWAY).href}">联合看板</a>`);
    expect(body).toContain(`<a href="${new URL('/', TEST_GATEWAY).href}">查询工具</a>`);
  });

  test('an address the provider does not serve: a page in Chinese, 404', async () => {
    const page = await open(new URL('/login', provider.issuer));
    expect(page.status).toBe(404);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain('这个地址不是统一身份认证的页面');
    expect(page.text).not.toMatch(LIBRARY_TEXT);
    // A client asking for JSON gets the protocol's answer as before (the discovery document still answers).
    expect((await fetch(new URL('/.well-known/openid-configuration', provider.issuer))).status).toBe(200);
  });
});
