import { createHash, randomBytes } from 'node:crypto';
import { startIdentityProvider, type RunningIdentityProvider } from '../../src/identityProvider.ts';
import { createSigningKey } from '../../src/signingKeys.ts';

/** The gateway whose pages the test provider signs in (nothing listens there: the tests stop at the provider). */
export const TEST_GATEWAY = 'http://127.0.0.1:4999/';

/** The real development identity provider on a free port, with keys of its own. */
export async function startTestProvider(): Promise<RunningIdentityProvider> {
  const keys = { signing: [await createSigningKey()], cookies: [randomBytes(32).toString('base64url')] };
  return startIdentityProvider({ port: 0, host: '127.0.0.1', gatewayUrl: TEST_GATEWAY, keys });
}

/** The explorer's authorization request to `issuer`, as its sign-in sends it; `over` replaces any parameter. */
export function authorizationUrl(issuer: string, over: Record<string, string> = {}): URL {
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'linju-explorer',
    redirect_uri: TEST_GATEWAY,
    scope: 'openid profile',
    state: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
    ...over,
  }).toString();
  return url;
}

/** A sign-in begun as the explorer begins it: the form's address and the cookie that goes with it. */
export async function beginSignIn(issuer: string): Promise<{ action: string; cookie: string }> {
  const response = await fetch(authorizationUrl(issuer), { redirect: 'manual' });
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const form = await fetch(new URL(response.headers.get('location')!, issuer), { headers: { cookie } });
  const action = /<form method="post" action="([^"]+)"/.exec(await form.text())![1]!;
  return { action: new URL(action, issuer).href, cookie };
}
