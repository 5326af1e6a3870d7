import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JWKS_REFETCH_COOLDOWN_MS } from '@linju/gateway/authenticate';
import { DEV_ACCOUNTS } from '@linju/identity/devAccounts';
import { identityKeysFile, rotateSigningKey, type IdentityKeys } from '@linju/identity/signingKeys';
import { ServiceProcess, signInThroughProvider, startFederation, type Federation } from '@linju/testing';
import { dataOf } from '../writes/writeSupport.ts';

/**
 * Sign-in through an identity provider (OpenID Connect): the development provider runs as its own
 * process, as `npm start` runs it, and the gateway trusts it through its discovery document and
 * JWKS. The 磨溪镇 clerk signs in as a browser would (authorization code with PKCE, the Chinese
 * form posted), and the gateway takes the access token as that person: the write is Sichuan's to
 * audit, under the clerk's account, name and region.
 */

let federation: Federation;
const clerk = DEV_ACCOUNTS.find((account) => account.id === 'moxi-clerk')!;
const MOXI = '510904101';

beforeAll(async () => {
  federation = await startFederation({ identityProvider: true });
});
afterAll(() => federation?.stop());

const identity = () => federation.identity!;
const dashboardPage = () => `${identity().gatewayOrigin}/dashboard/`;
const signInClerk = (password = clerk.password) =>
  signInThroughProvider({ issuer: identity().issuer, clientId: 'linju-dashboard', redirectUri: dashboardPage(), account: clerk.id, password });

async function signedIn(): Promise<{ accessToken: string; idToken: string; refreshToken?: string; tokenEndpoint: string }> {
  const outcome = await signInClerk();
  if (!outcome.signedIn) throw new Error(`sign-in failed (${outcome.status}): ${outcome.page.slice(0, 300)}`);
  return outcome;
}

const bearer = (token: string) => ({ as: { authorization: `Bearer ${token}` } });
const WHO = '{ overview { alliances { total } } }';

describe('the pages are told where to sign in', () => {
  test('GET /auth/config.json names the issuer, the clients, the scope, and where a token names its holder', async () => {
    const response = await fetch(new URL('/auth/config.json', federation.gatewayUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      issuer: identity().issuer,
      clients: { dashboard: 'linju-dashboard', explorer: 'linju-explorer' },
      scope: 'openid profile',
      claims: { role: 'role', region: 'region', name: 'name' },
      roles: ['sichuan-operator', 'chongqing-operator', 'joint-operator', 'viewer'],
    });
  });

  test('the explorer may call the provider (its token endpoint), and nothing else beside its own origin', async () => {
    const policy = (await fetch(new URL('/', federation.gatewayUrl))).headers.get('content-security-policy');
    expect(policy).toContain(`connect-src 'self' ${new URL(identity().issuer).origin}`);
    expect(policy).toContain("script-src 'self';");
  });
});

describe('the 磨溪镇 clerk signs in with the authorization code and PKCE', () => {
  let accessToken: string;
  let idToken: string;

  beforeAll(async () => {
    ({ accessToken, idToken } = await signedIn());
  });

  test('the access token is a JWT for the gateway naming the person, the role and the region; the ID token names the person for the page', () => {
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(decodeJwt(accessToken)).toMatchObject({ iss: identity().issuer, aud: 'linju', sub: 'moxi-clerk', role: 'sichuan-operator', region: MOXI, name: '张敏', client_id: 'linju-dashboard' });
    expect(decodeJwt(idToken)).toMatchObject({ iss: identity().issuer, aud: 'linju-dashboard', sub: 'moxi-clerk', name: '张敏' });
  });

  test('the gateway takes the token as the clerk: a write of 磨溪镇 succeeds, and Sichuan\'s audit log records it under the clerk\'s account, name and region', async () => {
    const places = dataOf<any>(await federation.query(`query { sichuan { regions(first: 100) { edges { node { id code } } } } }`, {}, { as: 'sichuan-operator' }));
    const moxi = places.sichuan.regions.edges.map((edge: any) => edge.node).find((region: any) => region.code === MOXI);
    const organizations = dataOf<any>(
      await federation.query(`query ($regionId: ID!) { sichuan { organizations(first: 50, filter: { regionId: $regionId }) { edges { node { id level dissolvedOn } } } } }`, { regionId: moxi.id }, { as: 'sichuan-operator' }),
    );
    const town = organizations.sichuan.organizations.edges.map((edge: any) => edge.node).find((org: any) => org.level === '乡镇' && !org.dissolvedOn);
    const title = `磨溪镇组织生活会 ${randomUUID().slice(0, 8)}`;

    const written = await federation.query<any>(
      `mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id title organizer { id } } }`,
      { input: { kind: '座谈交流', title, heldOn: '2024-06-01', organizerId: town.id, sessions: 1 }, key: randomUUID() },
      bearer(accessToken),
    );
    expect(dataOf<any>(written).sichuanRecordActivity).toMatchObject({ title, organizer: { id: town.id } });

    const log = dataOf<any>(await federation.query(`{ sichuan { auditLog(first: 20) { edges { node { subject name role region kind outcome ids } } } } }`, {}, { as: 'sichuan-operator' }));
    const entries = log.sichuan.auditLog.edges.map((edge: any) => edge.node);
    expect(entries.find((entry: any) => entry.kind === 'WRITE' && entry.ids.includes(written.data!.sichuanRecordActivity.id))).toMatchObject({
      subject: 'moxi-clerk',
      name: '张敏',
      role: 'sichuan-operator',
      region: MOXI,
      outcome: 'OK',
    });
  });

  test('the refresh token renews the access token; it is rotated, so a spent one is refused', async () => {
    const { refreshToken, tokenEndpoint } = await signedIn();
    expect(refreshToken).toBeTruthy();
    const renew = (token: string) =>
      fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: identity().gatewayOrigin },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: 'linju-dashboard' }),
      });
    const renewed = await renew(refreshToken!);
    // The page calls the token endpoint from the gateway's origin: CORS allows it.
    expect(renewed.headers.get('access-control-allow-origin')).toBe(identity().gatewayOrigin);
    const body = (await renewed.json()) as { access_token: string; refresh_token: string };
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token).not.toBe(refreshToken);
    expect((await federation.query(WHO, {}, bearer(body.access_token))).errors).toBeUndefined();
    const again = await renew(refreshToken!);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
  });

  test('the explorer signs in at its own address too', async () => {
    const outcome = await signInThroughProvider({ issuer: identity().issuer, clientId: 'linju-explorer', redirectUri: `${identity().gatewayOrigin}/`, account: 'viewer', password: DEV_ACCOUNTS.find((a) => a.id === 'viewer')!.password });
    expect(outcome.signedIn).toBe(true);
    expect((await federation.query(WHO, {}, bearer((outcome as { accessToken: string }).accessToken))).errors).toBeUndefined();
  });
});

describe('a wrong password', () => {
  test('shows the form again with a Chinese error, and gives no code', async () => {
    const outcome = await signInClerk('not-the-password');
    expect(outcome.signedIn).toBe(false);
    if (outcome.signedIn) return;
    expect(outcome.status).toBe(200);
    expect(outcome.page).toContain('<p class="error" id="sign-in-error" role="alert">账号或密码错误，请重新输入。</p>');
    expect(outcome.page).toContain('<label for="password">密码</label>');
    expect(outcome.page).toContain('value="moxi-clerk"');
    expect(outcome.redirects.some((url) => url.startsWith(dashboardPage()))).toBe(false);
  });
});

describe('a form too large (something pasted into 账号 by mistake)', () => {
  test('shows the form again saying so in Chinese, not the protocol’s bare invalid_request, and gives no code', async () => {
    const outcome = await signInThroughProvider({ issuer: identity().issuer, clientId: 'linju-dashboard', redirectUri: dashboardPage(), account: '磨'.repeat(2000), password: clerk.password });
    expect(outcome.signedIn).toBe(false);
    if (outcome.signedIn) return;
    expect(outcome.status).toBe(413);
    expect(outcome.page).toContain('<p class="error" id="sign-in-error" role="alert">账号或密码过长，请检查后重新输入（可能误粘贴了其他内容）。</p>');
    expect(outcome.page).toContain('<label for="password">密码</label>');
    expect(outcome.page).not.toContain('invalid_request');
    expect(outcome.redirects.some((url) => url.startsWith(dashboardPage()))).toBe(false);
  });
});

describe('tokens the gateway refuses', () => {
  /** A token signed with the provider's own current key, with the claims given. */
  async function signedByProvider(claims: { iss?: string; aud?: string; exp?: number; role?: string }): Promise<string> {
    const keys = JSON.parse(readFileSync(identityKeysFile(identity().dataDir), 'utf8')) as IdentityKeys;
    const key = keys.signing[0]!;
    return new SignJWT({ role: claims.role ?? 'viewer', name: '测试' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid!, typ: 'at+jwt' })
      .setIssuer(claims.iss ?? identity().issuer)
      .setAudience(claims.aud ?? 'linju')
      .setSubject('viewer')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '5m')
      .sign(await importJWK(key as JWK, 'ES256'));
  }

  test('the provider\'s key with the right claims is accepted (the control for those below)', async () => {
    expect((await federation.query(WHO, {}, bearer(await signedByProvider({})))).errors).toBeUndefined();
  });

  test.each([
    ['expired', () => signedByProvider({ exp: Math.floor(Date.now() / 1000) - 120 })],
    ['for another audience', () => signedByProvider({ aud: 'other-app' })],
    ['naming another issuer', () => signedByProvider({ iss: 'https://id.elsewhere.example' })],
    ['with a role Linju does not know', () => signedByProvider({ role: 'admin' })],
    ['an ID token (its audience is the page, not the gateway)', async () => (await signedIn()).idToken],
    [
      'signed with an HMAC secret (only asymmetric signatures are accepted)',
      async () => new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(identity().issuer).setAudience('linju').setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode('s'.repeat(32))),
    ],
  ])('a token %s: UNAUTHENTICATED, and no subgraph is called', async (_what, make) => {
    const token = await make();
    federation.resetCalls();
    const response = await federation.query(WHO, {}, bearer(token));
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(federation.subgraphCalls).toEqual([]);
  });
});

describe('key rotation', () => {
  test('a token signed by a new key the provider publishes is accepted without restarting the gateway; tokens of the previous key still are', async () => {
    const before = await signedIn();
    expect((await federation.query(WHO, {}, bearer(before.accessToken))).errors).toBeUndefined();
    const fetchedAt = Date.now();

    const kid = await rotateSigningKey(identityKeysFile(identity().dataDir));
    await identity().restart();
    const after = await signedIn();
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(kid);
    expect(decodeProtectedHeader(after.accessToken).kid).not.toBe(decodeProtectedHeader(before.accessToken).kid);

    // The gateway fetches the JWKS again for a key it does not know, at most once per cooldown.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fetchedAt + JWKS_REFETCH_COOLDOWN_MS + 250 - Date.now())));
    expect((await federation.query(WHO, {}, bearer(after.accessToken))).errors).toBeUndefined();
    expect((await federation.query(WHO, {}, bearer(before.accessToken))).errors).toBeUndefined();
  });
});

describe('production', () => {
  const secrets = { SICHUAN_GATEWAY_SECRET: 's'.repeat(40), CHONGQING_GATEWAY_SECRET: 'c'.repeat(40), JOINT_GATEWAY_SECRET: 'j'.repeat(40) };

  async function exitOf(label: string, entry: string, env: Record<string, string>): Promise<string[]> {
    const error = await ServiceProcess.start(label, entry, env, 30_000).then(
      async (service) => {
        await service.stop();
        return undefined;
      },
      (thrown: Error) => thrown,
    );
    expect(error?.message).toMatch(new RegExp(`^${label} exited \\(1\\) before it was ready`));
    return error!.message.split('\n').slice(1);
  }

  test('the gateway refuses the development identity provider, in one line naming LINJU_OIDC_ISSUER', async () => {
    const lines = await exitOf('gateway', 'gateway/src/index.ts', { ...secrets, LINJU_ENV: 'production', LINJU_OIDC_ISSUER: identity().issuer, PORT: '0' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'fatal', variable: 'LINJU_OIDC_ISSUER', msg: expect.stringContaining('https URL in production') });
  });

  test('the development identity provider refuses to start, in one line saying why', async () => {
    const lines = await exitOf('identity', 'identity/src/index.ts', { NODE_ENV: 'production', LINJU_IDP_PORT: '0' });
    expect(lines).toEqual([expect.stringMatching(/^The development identity provider refuses to run in production .*LINJU_OIDC_ISSUER/)]);
  });

  test('an issuer whose provider does not answer does not stop the gateway (a restart during its outage would take the public figures down too): one error line naming LINJU_OIDC_ISSUER', async () => {
    const gateway = await ServiceProcess.start('gateway', 'gateway/src/index.ts', { LINJU_OIDC_ISSUER: 'http://127.0.0.1:9', PORT: '0', LINJU_DATA_DIR: identity().dataDir }, 30_000);
    try {
      const said = gateway.output.filter((line) => line.includes('LINJU_OIDC_ISSUER')).map((line) => JSON.parse(line) as { level: string; msg: string });
      expect(said).toEqual([expect.objectContaining({ level: 'error', msg: expect.stringMatching(/could not be fetched .*; the gateway starts without it: its tokens are refused as IDENTITY_PROVIDER_UNAVAILABLE \(503\) until it answers/) })]);
    } finally {
      await gateway.stop();
    }
  });
});
