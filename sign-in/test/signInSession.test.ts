import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { SignInSession } from '../src/SignInSession.ts';

/**
 * A page's session taking up the tokens its tab holds, with the gateway's /auth/config.json as an
 * office provider's gateway serves it (LINJU_CLAIM_ROLE=realm_access.roles, LINJU_CLAIM_REGION=
 * linju.region, LINJU_CLAIM_NAME=linju.name): the signed-in person is read where the gateway reads
 * them, and a refusal of the account (two Linju roles) signs the tab out at once, saying why.
 * No browser: the window, fetch and the tab's sessionStorage are stood in for.
 */

const ISSUER = 'https://id.example.gov.cn/realms/linju';
const config = {
  issuer: ISSUER,
  clients: { dashboard: 'linju-dashboard', explorer: 'linju-explorer' },
  scope: 'openid profile',
  claims: { role: 'realm_access.roles', region: 'linju.region', name: 'linju.name' },
  roles: ['sichuan-operator', 'chongqing-operator', 'joint-operator', 'viewer'],
};
const jwt = (payload: object) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

/** The tab's sessionStorage. */
function tabStorage(entries: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** A dashboard tab that holds `accessToken` from an earlier sign-in (a reload). */
function holding(accessToken: string): Storage {
  return tabStorage({ 'linju.signIn.linju-dashboard.tokens': JSON.stringify({ accessToken, expiresAt: Date.now() + 3_600_000 }) });
}

beforeEach(() => {
  vi.stubGlobal('window', { location: { href: 'https://linju.example.gov.cn/dashboard/' }, history: { state: null, replaceState() {} }, addEventListener() {} });
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(config), { headers: { 'content-type': 'application/json' } }));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

test('the signed-in person is read at the claims /auth/config.json names, the one Linju role of a list as the role', async () => {
  const token = jwt({ iss: ISSUER, sub: 'moxi-clerk', realm_access: { roles: ['offline_access', 'sichuan-operator'] }, linju: { region: '510904101', name: '张敏' }, exp: 2_000_000_000 });
  const session = await SignInSession.start('dashboard', new URL('https://linju.example.gov.cn/auth/config.json'), holding(token));
  expect(session.state).toEqual({ kind: 'signed-in', accessToken: token, claims: { sub: 'moxi-clerk', role: 'sichuan-operator', region: '510904101', name: '张敏', exp: 2_000_000_000 } });
  expect(session.claimsOf(token)?.name).toBe('张敏');
  await session.signOut().catch(() => undefined);
});

test('an account the gateway refuses for two Linju roles (ambiguous-role) is signed out at once with the gateway’s Chinese, not renewed', async () => {
  const token = jwt({ iss: ISSUER, sub: 'moxi-clerk', realm_access: { roles: ['viewer', 'sichuan-operator'] }, exp: 2_000_000_000 });
  const session = await SignInSession.start('dashboard', new URL('https://linju.example.gov.cn/auth/config.json'), holding(token));
  expect(session.state.kind).toBe('signed-in');
  const renewed = await session.renewAfterRefusal({ reason: 'ambiguous-role', message: '您的账号在统一身份认证中同时开通了邻聚的多个角色，无法确定以哪个身份操作，重新登录也是如此；请联系本单位组织部门的管理员只保留其中一个 / The token\'s role claim holds 2 Linju roles' }, token);
  expect(renewed).toBe(false);
  expect(session.state).toEqual({ kind: 'signed-out', notice: '已退出登录：您的账号在统一身份认证中同时开通了邻聚的多个角色，无法确定以哪个身份操作，重新登录也是如此；请联系本单位组织部门的管理员只保留其中一个。' });
});

/**
 * An issuer that renews with the refresh token, slowly (the page's other requests are refused
 * meanwhile), handing out `renewed`: counts its token requests.
 */
function renewingIssuer(renewed: string) {
  const issuer = { tokenRequests: 0 };
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    const json = (body: object) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (url.endsWith('/auth/config.json')) return json(config);
    if (url.endsWith('/.well-known/openid-configuration')) return json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token` });
    if (url === `${ISSUER}/token`) {
      issuer.tokenRequests++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return json({ access_token: renewed, token_type: 'Bearer', expires_in: 900, refresh_token: `refresh-${issuer.tokenRequests + 1}` });
    }
    return new Response('not found', { status: 404 });
  });
  return issuer;
}

test('requests refused together share one renewal, and a refusal of a token since replaced is no second refusal: the tab stays signed in', async () => {
  const lapsed = jwt({ iss: ISSUER, sub: 'moxi-clerk', realm_access: { roles: ['sichuan-operator'] }, exp: 2_000_000_000 });
  const renewed = jwt({ iss: ISSUER, sub: 'moxi-clerk', realm_access: { roles: ['sichuan-operator'] }, exp: 2_000_000_001 });
  const issuer = renewingIssuer(renewed);
  const storage = tabStorage({ 'linju.signIn.linju-dashboard.tokens': JSON.stringify({ accessToken: lapsed, refreshToken: 'refresh-1', expiresAt: Date.now() + 3_600_000 }) });
  const session = await SignInSession.start('dashboard', new URL('https://linju.example.gov.cn/auth/config.json'), storage);
  // Three panels' requests, all sent with the lapsed token, refused at once.
  const answers = await Promise.all([1, 2, 3].map(() => session.renewAfterRefusal({}, lapsed)));
  expect(answers).toEqual([true, true, true]);
  expect(issuer.tokenRequests).toBe(1);
  // A fourth answered late, still of the lapsed token: send it again with the renewed one.
  expect(await session.renewAfterRefusal({}, lapsed)).toBe(true);
  expect(session.state).toMatchObject({ kind: 'signed-in', accessToken: renewed });
  // The renewed token refused too: that is the second refusal, and the tab signs out.
  expect(await session.renewAfterRefusal({}, renewed)).toBe(false);
  expect(session.state).toEqual({ kind: 'signed-out', notice: '网关未接受当前登录，已退出。请重新登录。' });
});
