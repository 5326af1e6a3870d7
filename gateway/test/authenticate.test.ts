import { createLocalJWKSet, importJWK, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createAuthenticator, TOKEN_REFUSALS, VERIFIED_TOKEN_KEPT_MS, VERIFIED_TOKENS_KEPT, type TokenRefusal } from '../src/auth/authenticate.ts';
import { es256Key } from './support/jwksProbes.ts';

/**
 * The bearer check remembers the tokens it verified: a client's next request with the same token
 * costs no signature, until the token expires or VERIFIED_TOKEN_KEPT_MS has passed, and only while
 * its issuer still publishes the key; a refused token is checked again every time. The signatures
 * checked are counted where WebCrypto checks them.
 */

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'linju';
let privateJwk: JWK;
let published: JWTVerifyGetKey;
/** The issuer's key set as the gateway sees it: what the file or URL publishes now. */
const keys: JWTVerifyGetKey = (header, token) => published(header, token);
let signaturesChecked: MockInstance<(typeof globalThis.crypto.subtle)['verify']>;
beforeAll(async () => {
  const pair = await es256Key('k1');
  privateJwk = pair.privateJwk;
  published = createLocalJWKSet({ keys: [pair.publicJwk] });
});
beforeEach(() => {
  signaturesChecked = vi.spyOn(globalThis.crypto.subtle, 'verify');
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
const lookups = () => signaturesChecked.mock.calls.length;

async function token(claims: Record<string, unknown>, expiresAt: number, subject = 'clerk-1'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(await importJWK(privateJwk, 'ES256'));
}

const authenticator = () => createAuthenticator({ keys, issuer: ISSUER, audience: AUDIENCE });
const inAnHour = () => Date.now() + 3_600_000;

describe('createAuthenticator remembers verified tokens', () => {
  it('checks a token once and answers the same caller after', async () => {
    const authenticate = authenticator();
    const bearer = `Bearer ${await token({ role: 'viewer', name: '张三' }, inAnHour())}`;
    const first = await authenticate(bearer);
    for (let i = 0; i < 5; i++) expect(await authenticate(bearer)).toEqual(first);
    expect(first).toMatchObject({ subject: 'clerk-1', role: 'viewer', name: '张三' });
    expect(lookups()).toBe(1);
  });

  it('checks again after VERIFIED_TOKEN_KEPT_MS, and refuses a remembered token once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const authenticate = authenticator();
    const longLived = `Bearer ${await token({ role: 'viewer' }, inAnHour())}`;
    const shortLived = `Bearer ${await token({ role: 'viewer' }, Date.now() + 10_000, 'clerk-2')}`;
    await authenticate(longLived);
    await authenticate(shortLived);
    expect(lookups()).toBe(2);
    vi.setSystemTime(Date.now() + 11_000);
    await expect(authenticate(shortLived)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await authenticate(longLived);
    expect(lookups()).toBe(3);
    vi.setSystemTime(Date.now() + VERIFIED_TOKEN_KEPT_MS);
    await authenticate(longLived);
    expect(lookups()).toBe(4);
  });

  it('checks a refused token every time, and tells the tokens of two people apart', async () => {
    const authenticate = authenticator();
    const good = await token({ role: 'viewer' }, inAnHour());
    const [head, payload] = good.split('.');
    const forged = `${head}.${payload}.${'A'.repeat(86)}`;
    for (let i = 0; i < 3; i++) await expect(authenticate(`Bearer ${forged}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(lookups()).toBe(3);
    const other = await authenticate(`Bearer ${await token({ role: 'joint-operator' }, inAnHour(), 'office-1')}`);
    expect(other).toMatchObject({ subject: 'office-1', role: 'joint-operator' });
    expect(await authenticate(`Bearer ${good}`)).toMatchObject({ subject: 'clerk-1', role: 'viewer' });
  });

  it('refuses a remembered token at once when its key is no longer published', async () => {
    const authenticate = authenticator();
    const before = published;
    const bearer = `Bearer ${await token({ role: 'viewer' }, inAnHour())}`;
    await authenticate(bearer);
    await authenticate(bearer);
    expect(lookups()).toBe(1);
    try {
      published = createLocalJWKSet({ keys: [(await es256Key('k2')).publicJwk] });
      await expect(authenticate(bearer)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      published = before;
    }
    // The key set of before put back: the token is checked once more (its entry went with the refusal), then remembered.
    await authenticate(bearer);
    await authenticate(bearer);
    expect(lookups()).toBe(2);
  });

  it(`keeps at most ${VERIFIED_TOKENS_KEPT} tokens, forgetting the oldest`, async () => {
    const authenticate = authenticator();
    const expiresAt = inAnHour();
    const first = `Bearer ${await token({ role: 'viewer' }, expiresAt, 'person-0')}`;
    await authenticate(first);
    let last = '';
    for (let i = 1; i <= VERIFIED_TOKENS_KEPT; i++) await authenticate((last = `Bearer ${await token({ role: 'viewer' }, expiresAt, `person-${i}`)}`));
    expect(lookups()).toBe(VERIFIED_TOKENS_KEPT + 1);
    await authenticate(last);
    expect(lookups()).toBe(VERIFIED_TOKENS_KEPT + 1);
    await authenticate(first);
    expect(lookups()).toBe(VERIFIED_TOKENS_KEPT + 2);
  });
});

describe('createAuthenticator refuses tokens whose claims no caller may carry', () => {
  const signed = async (build: (jwt: SignJWT) => SignJWT) =>
    `Bearer ${await build(new SignJWT({ role: 'sichuan-operator', region: '510000' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE)).sign(await importJWK(privateJwk, 'ES256'))}`;
  const refusal = (bearer: string) => authenticator()(bearer).then(() => 'accepted', (error: { message: string; extensions?: { code?: string } }) => `${error.extensions?.code}: ${error.message}`);

  it('takes a token with a subject, an expiry and a plain name, and a subject as long as OpenID Connect allows', async () => {
    expect(await refusal(await signed((jwt) => jwt.setSubject('clerk-1').setIssuedAt().setExpirationTime('5m')))).toBe('accepted');
    expect(await refusal(await signed((jwt) => jwt.setSubject('x'.repeat(255)).setIssuedAt().setExpirationTime('5m')))).toBe('accepted');
  });

  it.each([
    ['no expiry: it would never stop working', (jwt: SignJWT) => jwt.setSubject('clerk-1').setIssuedAt(), /its "exp" claim is missing/],
    ['issued a year from now', (jwt: SignJWT) => jwt.setSubject('clerk-1').setIssuedAt(Math.floor(Date.now() / 1000) + 365 * 86_400).setExpirationTime('5m'), /issued in the future/],
    ['a NUL in the subject (no audit entry could record it)', (jwt: SignJWT) => jwt.setSubject('clerk\u00001').setIssuedAt().setExpirationTime('5m'), /sub claim holds control or invisible characters/],
    ['a subject of 256 characters (OpenID Connect allows 255)', (jwt: SignJWT) => jwt.setSubject('x'.repeat(256)).setIssuedAt().setExpirationTime('5m'), /sub claim is longer than 255 characters/],
  ])('refuses %s', async (_, build, says) => {
    expect(await refusal(await signed(build))).toMatch(new RegExp(`^UNAUTHENTICATED: .*${says.source}`));
  });

  it.each([
    ['a newline (a forged line in the audit log)', '张敏\nrole=joint-operator'],
    ['a right-to-left override', '张\u202e敏'],
    ['5000 characters', '敏'.repeat(5000)],
    ['a NUL', '张\u0000敏'],
  ])('refuses a display name with %s', async (_, name) => {
    const bearer = `Bearer ${await new SignJWT({ role: 'viewer', name }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('clerk-1').setIssuedAt().setExpirationTime('5m').sign(await importJWK(privateJwk, 'ES256'))}`;
    expect(await refusal(bearer)).toMatch(/^UNAUTHENTICATED: 令牌中的账号或姓名含有不允许的字符或过长，请联系管理员 \/ The token was refused: its name claim (holds control or invisible characters|is longer than 200 characters)$/);
  });
});

describe('createAuthenticator says in Chinese why a token was refused, and what to do', () => {
  const refusalOf = (bearer: string) =>
    authenticator()(bearer).then(
      () => ({ reason: 'accepted', chinese: '' }),
      (error: { message: string; extensions?: { code?: string; reason?: string } }) => {
        expect(error.extensions?.code).toBe('UNAUTHENTICATED');
        return { reason: error.extensions?.reason, chinese: error.message.split(' / ')[0] };
      },
    );
  const sign = async (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('clerk-1').setIssuedAt().setExpirationTime('5m')).sign(await importJWK(privateJwk, 'ES256'));

  it.each<[string, () => Promise<string>, TokenRefusal, RegExp]>([
    // A newcomer pastes the token the terminal printed without "Bearer", or with its quotes.
    ['a token pasted without "Bearer"', async () => sign({ role: 'viewer' }), 'not-bearer', /Bearer <令牌>/],
    ['a token pasted in quotes', async () => `Bearer "${await sign({ role: 'viewer' })}"`, 'not-a-jwt', /完整的访问令牌/],
    ['the placeholder of the hint', async () => 'Bearer <令牌>', 'not-a-jwt', /完整的访问令牌/],
    ['an expired token', async () => `Bearer ${await sign({ role: 'viewer' }, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`, 'expired', /登录已过期/],
    ['a token with a forged signature', async () => `Bearer ${(await sign({ role: 'viewer' })).slice(0, -4)}AAAA`, 'invalid', /令牌无法验证/],
    ['another issuer’s token', async () => `Bearer ${await sign({ role: 'viewer' }, (jwt) => jwt.setIssuer('https://elsewhere.example.test'))}`, 'untrusted-issuer', /不是本系统信任的/],
    // Staff signed in at the office's provider whose account was given no Linju role: signing in again cannot help.
    ['an account without a Linju role', async () => `Bearer ${await sign({ name: '钱明' })}`, 'no-role', /尚未开通邻聚的权限.*重新登录也无法.*联系/],
    ['a town clerk without a region', async () => `Bearer ${await sign({ role: 'sichuan-operator' })}`, 'bad-region', /区划设置有误/],
  ])('%s', async (_, bearer, reason, says) => {
    const refused = await refusalOf(await bearer());
    expect(refused.reason).toBe(reason);
    expect(refused.chinese).toBe(TOKEN_REFUSALS[reason]);
    expect(refused.chinese).toMatch(says);
  });

  // The English half is ours too: jose's own messages ('"exp" claim timestamp check failed',
  // 'signature verification failed', 'unexpected "aud" claim value') are a library's text.
  it.each<[string, () => Promise<string>, string]>([
    ['an expired token', async () => `Bearer ${await sign({ role: 'viewer' }, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`, 'The token was refused: it has expired'],
    ['a token with a forged signature', async () => `Bearer ${(await sign({ role: 'viewer' })).slice(0, -4)}AAAA`, 'The token was refused: its signature does not verify with a trusted key, or it is signed with an algorithm not accepted'],
    ['a token not valid yet', async () => `Bearer ${await sign({ role: 'viewer' }, (jwt) => jwt.setNotBefore(Math.floor(Date.now() / 1000) + 3600))}`, 'The token was refused: its "nbf" claim says it is not valid yet'],
    ['a token for another audience', async () => `Bearer ${await sign({ role: 'viewer' }, (jwt) => jwt.setAudience('another-app'))}`, 'The token was refused: its "aud" claim is not the one expected'],
    ['an account without a Linju role', async () => `Bearer ${await sign({ name: '钱明' })}`, 'The token names no Linju role'],
    ['a role Linju does not have', async () => `Bearer ${await sign({ role: 'admin' })}`, 'The token\'s role "admin" is not a Linju role'],
  ])('%s is refused in English words of our own, not jose’s', async (_, bearer, english) => {
    const message = await authenticator()(await bearer()).then(() => '', (error: Error) => error.message);
    expect(message.split(' / ')[1]).toBe(english);
  });
});

describe('createAuthenticator takes the role an office provider gives as a list, and a region given as a number', () => {
  const sign = async (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('moxi-clerk').setIssuedAt().setExpirationTime('5m').sign(await importJWK(privateJwk, 'ES256'));
  // Keycloak's realm roles, read at LINJU_CLAIM_ROLE=realm_access.roles.
  const keycloak = () => createAuthenticator({ keys, issuer: ISSUER, audience: AUDIENCE, claims: { role: 'realm_access.roles', region: 'region', name: 'name' } });
  const refusalOf = (bearer: string) =>
    keycloak()(bearer).then(
      () => ({ reason: 'accepted', chinese: '', english: '' }),
      (error: { message: string; extensions?: { reason?: string } }) => ({ reason: error.extensions?.reason, chinese: error.message.split(' / ')[0], english: error.message.split(' / ')[1] }),
    );

  it('the one Linju role among the provider’s own is the role', async () => {
    const bearer = `Bearer ${await sign({ realm_access: { roles: ['offline_access', 'sichuan-operator', 'uma_authorization', 'default-roles-office'] }, region: '510904101', name: '张敏' })}`;
    expect(await keycloak()(bearer)).toEqual({ subject: 'moxi-clerk', role: 'sichuan-operator', region: '510904101', name: '张敏' });
  });

  it('a list without a Linju role is no-role; one with two is ambiguous-role, said in Chinese without the roles’ IDs', async () => {
    expect(await refusalOf(`Bearer ${await sign({ realm_access: { roles: ['offline_access', 'uma_authorization'] } })}`)).toMatchObject({ reason: 'no-role', chinese: TOKEN_REFUSALS['no-role'] });
    const two = await refusalOf(`Bearer ${await sign({ realm_access: { roles: ['offline_access', 'viewer', 'sichuan-operator', 'viewer'] }, region: '510904101' })}`);
    expect(two).toEqual({ reason: 'ambiguous-role', chinese: TOKEN_REFUSALS['ambiguous-role'], english: "The token's role claim holds 2 Linju roles (viewer, sichuan-operator); an account may have one" });
    expect(two.chinese).toMatch(/多个角色.*联系.*管理员/);
    expect(two.chinese).not.toMatch(/operator|viewer/);
  });

  it('a region code given as a number is its digits; a number that is no code is still bad-region', async () => {
    expect(await keycloak()(`Bearer ${await sign({ realm_access: { roles: ['sichuan-operator'] }, region: 510904101 })}`)).toMatchObject({ role: 'sichuan-operator', region: '510904101' });
    for (const region of [5109041.5, -510904, 51090]) {
      expect((await refusalOf(`Bearer ${await sign({ realm_access: { roles: ['sichuan-operator'] }, region })}`)).reason, String(region)).toBe('bad-region');
    }
  });
});
