import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticatorFor } from '../src/auth/authenticatorFor.ts';
import { DEFAULT_CLAIM_NAMES } from '../src/auth/claims.ts';
import { es256Key, lineRecorder } from './support/jwksProbes.ts';

/**
 * LINJU_OIDC_ISSUER whose provider is away when the gateway starts (a restart during its outage):
 * the gateway starts, its tokens are refused as an outage (IDENTITY_PROVIDER_UNAVAILABLE, 503), and
 * once the provider answers, without a restart, they are accepted. A provider that answers wrongly
 * still stops the start-up.
 */

let port: number;
let issuer: string;
let publicJwk: JWK;
let privateJwk: JWK;
let provider: Server | undefined;

beforeAll(async () => {
  ({ publicJwk, privateJwk } = await es256Key('office-1'));
  // A port that was just free: nothing listens there until the provider starts.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  issuer = `http://127.0.0.1:${port}/realms/linju`;
});
afterAll(() => provider && new Promise((resolve) => provider!.close(resolve)));

/** The office's provider: its discovery document (naming `named` as the issuer) and its keys. */
async function startProvider(named = issuer): Promise<void> {
  provider = createServer((request, response) => {
    const body = request.url?.endsWith('/.well-known/openid-configuration') ? { issuer: named, jwks_uri: `http://127.0.0.1:${port}/realms/linju/certs` } : { keys: [publicJwk] };
    response.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => provider!.listen(port, '127.0.0.1', resolve));
}

const token = async () =>
  `Bearer ${await new SignJWT({ role: 'viewer', name: '孙丽' }).setProtectedHeader({ alg: 'ES256', kid: 'office-1' }).setIssuer(issuer).setAudience('linju').setSubject('viewer').setIssuedAt().setExpirationTime('5m').sign(await importJWK(privateJwk, 'ES256'))}`;

const tokens = () => ({ oidc: { issuer, audience: 'linju', claims: DEFAULT_CLAIM_NAMES } });

describe('an identity provider away at start', () => {
  it('does not stop the gateway; its tokens wait as an outage, and are accepted once it answers, without a restart', async () => {
    const logger = lineRecorder();
    const auth = await authenticatorFor(tokens(), { production: false, logger, retryMs: 50 });
    try {
      expect(logger.lines).toEqual([expect.stringMatching(/^error LINJU_OIDC_ISSUER=".*" cannot be used: its discovery document .* could not be fetched .*; the gateway starts without it: its tokens are refused as IDENTITY_PROVIDER_UNAVAILABLE \(503\) until it answers/)]);
      expect(auth.signInOrigins).toEqual([`http://127.0.0.1:${port}`]);
      await expect(auth.authenticate(await token())).rejects.toMatchObject({ extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', http: { status: 503 } } });
      // Anonymous requests (the public figures) are not held up.
      await expect(auth.authenticate(undefined)).resolves.toMatchObject({ role: 'anonymous' });

      await startProvider();
      await vi.waitFor(() => expect(logger.lines.at(-1)).toMatch(/answers now: its tokens are accepted$/), { timeout: 10_000, interval: 50 });
      await expect(auth.authenticate(await token())).resolves.toMatchObject({ role: 'viewer', subject: 'viewer' });
    } finally {
      auth.close();
      await new Promise((resolve) => provider!.close(resolve));
      provider = undefined;
    }
  });

  it('a provider that answers with another issuer’s document still stops the start-up, naming LINJU_OIDC_ISSUER', async () => {
    await startProvider('https://elsewhere.example.org');
    try {
      await expect(authenticatorFor(tokens(), { production: false, logger: lineRecorder(), retryMs: 50 })).rejects.toMatchObject({ variable: 'LINJU_OIDC_ISSUER', message: expect.stringContaining('its discovery document names the issuer "https://elsewhere.example.org"') });
    } finally {
      await new Promise((resolve) => provider!.close(resolve));
      provider = undefined;
    }
  });
});
