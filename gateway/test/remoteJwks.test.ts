import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthenticator, JWKS_MAX_AGE_MS, JWKS_REFETCH_COOLDOWN_MS } from '../src/auth/authenticate.ts';
import type { JwksOrigin } from '../src/auth/checkJwks.ts';
import { remoteJwks } from '../src/auth/remoteJwks.ts';
import { es256Key, lineRecorder, verifies } from './support/jwksProbes.ts';

/**
 * LINJU_JWKS_URL against a real HTTP server: every document fetched is checked before jose uses
 * it. The first must check out (the gateway does not start otherwise); a later one that does not is
 * logged and the keys fetched before stay.
 */

let server: Server;
let url: URL;
/** What the server answers next: a status and a body. */
let answer: { status: number; body: string };
let a: JWK;
let b: JWK;
let privateB: JWK;

beforeAll(async () => {
  a = (await es256Key('key-a')).publicJwk;
  ({ publicJwk: b, privateJwk: privateB } = await es256Key('key-b'));
  server = createServer((_, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => vi.useRealTimers());

const origin = (): JwksOrigin => ({ variable: 'LINJU_JWKS_URL', name: `LINJU_JWKS_URL "${url.href}"` });
const serve = (keys: unknown, status = 200) => (answer = { status, body: typeof keys === 'string' ? keys : JSON.stringify(keys) });



describe('remoteJwks', () => {
  it.each<[string, () => void, RegExp]>([
    ['a private key', () => serve({ keys: [privateB] }), /holds a private key \(kid "key-b"\): publish public keys only$/],
    ['no key', () => serve({ keys: [] }), /holds no key/],
    ['not JSON', () => serve('<html>sign in</html>'), /is not JSON/],
    ['an HTTP error', () => serve({ error: 'not found' }, 404), /answered HTTP 404$/],
  ])('at start, a JWKS URL serving %s stops the gateway, naming LINJU_JWKS_URL', async (_, prepare, says) => {
    prepare();
    const keys = remoteJwks(url, origin(), lineRecorder());
    await expect(keys.load()).rejects.toMatchObject({ name: 'ConfigError', variable: 'LINJU_JWKS_URL', message: expect.stringMatching(says) });
    await expect(keys.load()).rejects.toThrow(/^LINJU_JWKS_URL "http:\/\/127\.0\.0\.1:\d+\/jwks\.json" /);
  });

  it('at start, an unreachable JWKS URL stops the gateway, naming LINJU_JWKS_URL', async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const keys = remoteJwks(new URL(`http://127.0.0.1:${port}/jwks.json`), { variable: 'LINJU_JWKS_URL', name: `LINJU_JWKS_URL "http://127.0.0.1:${port}/jwks.json"` });
    await expect(keys.load()).rejects.toMatchObject({ variable: 'LINJU_JWKS_URL', message: expect.stringMatching(/could not be fetched \(fetch failed: ECONNREFUSED\)$/) });
  });

  it('once running, a document that does not check out is logged in one line and the keys fetched before stay; a good one replaces them', async () => {
    serve({ keys: [a] });
    const logger = lineRecorder();
    const keys = remoteJwks(url, origin(), logger);
    await keys.load();
    expect([await verifies(keys.getKey, 'key-a'), await verifies(keys.getKey, 'key-b')]).toEqual([true, false]);

    serve({ keys: [a, privateB] });
    await keys.load();
    expect(logger.lines).toEqual([expect.stringMatching(/^error LINJU_JWKS_URL ".*" holds a private key \(kid "key-b"\): publish public keys only; the keys fetched before stay in use$/)]);
    expect([await verifies(keys.getKey, 'key-a'), await verifies(keys.getKey, 'key-b')]).toEqual([true, false]);

    // Rotated: key-a gone, key-b published. (A token's unknown kid fetches again after the cooldown; load fetches now.)
    serve({ keys: [b] });
    await keys.load();
    expect([await verifies(keys.getKey, 'key-a'), await verifies(keys.getKey, 'key-b')]).toEqual([false, true]);
    expect(logger.lines).toHaveLength(1);
  });

  it('a token naming a key not yet seen fetches again after the cooldown; a key removed stops verifying once the cache expires', async () => {
    serve({ keys: [a] });
    const keys = remoteJwks(url, origin(), lineRecorder());
    await keys.load();
    vi.useFakeTimers({ toFake: ['Date'] });
    serve({ keys: [b] });
    // Within the cooldown an unknown kid does not fetch: key-b is not yet known, key-a still is.
    expect([await verifies(keys.getKey, 'key-b'), await verifies(keys.getKey, 'key-a')]).toEqual([false, true]);
    vi.setSystemTime(Date.now() + JWKS_REFETCH_COOLDOWN_MS + 1);
    expect(await verifies(keys.getKey, 'key-b')).toBe(true);
    // The fetch for key-b already dropped key-a. Published again, it is trusted until the cache expires …
    serve({ keys: [a, b] });
    vi.setSystemTime(Date.now() + JWKS_REFETCH_COOLDOWN_MS + 1);
    expect(await verifies(keys.getKey, 'key-a')).toBe(true);
    serve({ keys: [b] });
    vi.setSystemTime(Date.now() + JWKS_MAX_AGE_MS - 1_000);
    expect(await verifies(keys.getKey, 'key-a')).toBe(true);
    // … and no longer once it has.
    vi.setSystemTime(Date.now() + 2_000);
    expect([await verifies(keys.getKey, 'key-a'), await verifies(keys.getKey, 'key-b')]).toEqual([false, true]);
  });

  it('keys that cannot be fetched when a token needs them: the token is refused as an outage to retry (503), not as a bad one, and the gateway logs why', async () => {
    const { publicJwk, privateJwk } = await es256Key('key-c');
    serve({ keys: [publicJwk] });
    const logger = lineRecorder();
    const keys = remoteJwks(url, origin(), logger);
    await keys.load();
    const authenticate = createAuthenticator({ issuer: 'https://idp.example.test', audience: 'linju', keys: keys.getKey });
    const token = await new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'ES256', kid: 'key-c' }).setIssuer('https://idp.example.test').setAudience('linju')
      .setSubject('clerk-1').setIssuedAt().setExpirationTime('1h').sign(await importJWK(privateJwk, 'ES256'));
    // The provider fails once the keys fetched at start have expired from the cache.
    vi.useFakeTimers({ toFake: ['Date'] });
    serve({ error: 'bad gateway' }, 502);
    vi.setSystemTime(Date.now() + JWKS_MAX_AGE_MS + 1_000);
    await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({
      message: expect.stringMatching(/^暂时无法核验登录.*（无需重新登录） \/ The token could not be checked/),
      extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', http: { status: 503 } },
    });
    expect(logger.lines).toEqual([expect.stringMatching(/^error LINJU_JWKS_URL ".*" could not be fetched \(Expected 200 OK .*\); tokens of its issuer cannot be verified until it answers$/)]);
    // Back: the same token is taken, no new sign-in needed.
    serve({ keys: [publicJwk] });
    await expect(authenticate(`Bearer ${token}`)).resolves.toMatchObject({ role: 'viewer', subject: 'clerk-1' });
  });
});
