import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticatorFor } from '../src/auth/authenticatorFor.ts';
import { DEFAULT_CLAIM_NAMES } from '../src/auth/claims.ts';
import { es256Key, lineRecorder } from './support/jwksProbes.ts';

/**
 * LINJU_OIDC_ISSUER whose provider is away when the gateway starts (a restart during its outage), at
 * its discovery document or at its keys: the gateway starts, its tokens are refused as an outage (IDENTITY_PROVIDER_UNAVAILABLE, 503), and
 * once the provider answers, without a restart, they are accepted. A provider that answers wrongly
 * still stops the start-up.
 */

let port: number;
let issuer: string;
let publicJwk: JWK;
let privateJwk: JWK;
let provider: Server;
/** What the provider does: away (every connection dropped), its keys away (HTTP 503, or their connection dropped), or up. */
let state: 'away' | 'keys503' | 'keysDropped' | 'up' = 'away';
/** The issuer its discovery document names. */
let named: string;

/**
 * The office's provider: its discovery document (naming `named` as the issuer) and its keys. It
 * listens from the start, so no port is given up and taken again; while away it drops each
 * connection unanswered.
 */
beforeAll(async () => {
  ({ publicJwk, privateJwk } = await es256Key('office-1'));
  provider = createServer((request, response) => {
    const discovery = request.url?.endsWith('/.well-known/openid-configuration');
    if (state === 'away' || (!discovery && state === 'keysDropped')) return void request.socket.destroy();
    if (!discovery && state === 'keys503') return void response.writeHead(503, { connection: 'close' }).end();
    const body = discovery ? { issuer: named, jwks_uri: `http://127.0.0.1:${port}/realms/linju/certs` } : { keys: [publicJwk] };
    response.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  port = (provider.address() as AddressInfo).port;
  issuer = `http://127.0.0.1:${port}/realms/linju`;
});
afterAll(() => new Promise((resolve) => provider.close(resolve)));
beforeEach(() => {
  state = 'away';
  named = issuer;
});

const token = async () =>
  `Bearer ${await new SignJWT({ role: 'viewer', name: '孙丽' }).setProtectedHeader({ alg: 'ES256', kid: 'office-1' }).setIssuer(issuer).setAudience('linju').setSubject('viewer').setIssuedAt().setExpirationTime('5m').sign(await importJWK(privateJwk, 'ES256'))}`;

const tokens = () => ({ oidc: { issuer, audience: 'linju', claims: DEFAULT_CLAIM_NAMES } });

describe('an identity provider away at start', () => {
  it('does not stop the gateway; its tokens wait as an outage, and are accepted once it answers, without a restart', async () => {
    const logger = lineRecorder();
    const auth = await authenticatorFor(tokens(), { production: false, logger, retryMs: 50 });
    try {
      expect(logger.lines).toEqual([expect.stringMatching(/^error LINJU_OIDC_ISSUER=".*" cannot be used: its discovery document .* could not be fetched \(fetch failed: UND_ERR_SOCKET\); the gateway starts without it: its tokens are refused as IDENTITY_PROVIDER_UNAVAILABLE \(503\) until it answers/)]);
      expect(auth.signInOrigins).toEqual([`http://127.0.0.1:${port}`]);
      await expect(auth.authenticate(await token())).rejects.toMatchObject({ extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', http: { status: 503 } } });
      // Anonymous requests (the public figures) are not held up.
      await expect(auth.authenticate(undefined)).resolves.toMatchObject({ role: 'anonymous' });

      state = 'up';
      await vi.waitFor(() => expect(logger.lines.at(-1)).toMatch(/answers now: its tokens are accepted$/), { timeout: 10_000, interval: 50 });
      await expect(auth.authenticate(await token())).resolves.toMatchObject({ role: 'viewer', subject: 'viewer' });
    } finally {
      auth.close();
    }
  });

  it.each([
    ['keys503', 'answered HTTP 503'],
    ['keysDropped', 'could not be fetched \\(fetch failed'],
  ] as const)('a provider whose discovery document answers but whose keys do not (%s) does not stop the gateway either; its tokens are accepted once the keys answer', async (away, said) => {
    state = away;
    const logger = lineRecorder();
    const auth = await authenticatorFor(tokens(), { production: false, logger, retryMs: 50 });
    try {
      expect(logger.lines).toEqual([expect.stringMatching(new RegExp(`^error LINJU_OIDC_ISSUER's jwks_uri ".*/certs" ${said}.*; the gateway starts without it: its tokens are refused as IDENTITY_PROVIDER_UNAVAILABLE \\(503\\) until it answers`))]);
      await expect(auth.authenticate(await token())).rejects.toMatchObject({ extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', http: { status: 503 } } });

      state = 'up';
      await vi.waitFor(() => expect(logger.lines.at(-1)).toMatch(/answers now: its tokens are accepted$/), { timeout: 10_000, interval: 50 });
      await expect(auth.authenticate(await token())).resolves.toMatchObject({ role: 'viewer', subject: 'viewer' });
    } finally {
      auth.close();
    }
  });

  it('a provider that answers with another issuer’s document still stops the start-up, naming LINJU_OIDC_ISSUER', async () => {
    state = 'up';
    named = 'https://elsewhere.example.org';
    await expect(authenticatorFor(tokens(), { production: false, logger: lineRecorder(), retryMs: 50 })).rejects.toMatchObject({ variable: 'LINJU_OIDC_ISSUER', message: expect.stringContaining('its discovery document names the issuer "https://elsewhere.example.org"') });
  });
});
