import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TypedTokenChecks, type TokenCheck } from '../src/typedTokenChecks.ts';

/**
 * The explorer's checks of a token typed into Headers, asked of a server over HTTP that answers as
 * the gateway does (`ExplorerTokenCheck`: data once the token is verified, `UNAUTHENTICATED`
 * otherwise), or not at all, or late: what is asked again, what is said again, and which answer wins.
 */

/** How the server answers the next checks: `down` closes the connection unanswered; `hold` waits for `release`. */
let behaviour: 'accept' | 'refuse' | 'down' | 'hold' = 'accept';
let release: () => void = () => undefined;
let asked = 0;
let server: Server;
let endpoint: string;

function answer(response: ServerResponse, accepted: boolean): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(accepted ? { data: { __typename: 'Query' } } : { errors: [{ message: '令牌无法验证 / token cannot be verified', extensions: { code: 'UNAUTHENTICATED' } }] }));
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    asked++;
    request.resume();
    if (behaviour === 'down') return void request.socket.destroy();
    if (behaviour === 'hold') {
      release = () => answer(response, true);
      return;
    }
    answer(response, behaviour === 'accept');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = (authorization: string) => fetch(endpoint, { method: 'POST', headers: { authorization }, body: '{}' });
/** A token naming anyone, expiring `seconds` from now (the checks read its exp, never trust it). */
let written = 0;
const tokenExpiringIn = (seconds: number) =>
  `Bearer ${['{"alg":"ES256"}', JSON.stringify({ sub: 'joint-office', name: '黄涛', jti: String(++written), exp: Math.floor(Date.now() / 1000) + seconds })].map((part) => Buffer.from(part).toString('base64url')).join('.')}.c2ln`;
/** A token of `seconds`, checked from a value typed now, the server answering as `how` says. */
function typedNow(seconds: number, how: typeof behaviour): { checks: TypedTokenChecks; token: string } {
  const checks = new TypedTokenChecks(ask, 300);
  const token = tokenExpiringIn(seconds);
  behaviour = how;
  checks.check(token);
  return { checks, token };
}

/** Resolves once the check of `authorization` is of `kind`. */
function until(checks: TypedTokenChecks, authorization: string, kind: TokenCheck['kind'], within = 5_000): Promise<TokenCheck> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still ${checks.get(authorization)?.kind}, not ${kind}`)), within);
    const look = () => {
      const check = checks.get(authorization);
      if (check?.kind !== kind) return;
      clearTimeout(timer);
      stop();
      resolve(check);
    };
    const stop = checks.onChange(look);
    look();
  });
}

test('a check without a verdict (the gateway down) is asked again while the value is typed, and becomes the verdict', async () => {
  const { checks, token } = typedNow(600, 'down');
  await until(checks, token, 'unchecked');
  behaviour = 'accept';
  // Nobody types anything: the retry asks by itself.
  await until(checks, token, 'accepted', 3_000);
  // A value no longer typed is not asked again.
  const other = tokenExpiringIn(600);
  behaviour = 'down';
  checks.check(other);
  await until(checks, other, 'unchecked');
  checks.check(token);
  const before = asked;
  await new Promise((resolve) => setTimeout(resolve, 900));
  expect(asked).toBe(before);
  expect(checks.get(other)?.kind).toBe('unchecked');
});

test('an accepted token is said again at its exp, so the bar draws it again past its expiry (（已过期）)', async () => {
  const { checks, token } = typedNow(2, 'accept');
  const accepted = await until(checks, token, 'accepted');
  const changed = new Promise<number>((resolve) => checks.onChange(() => resolve(Date.now())));
  const at = await Promise.race([changed, new Promise<number>((resolve) => setTimeout(() => resolve(0), 4_000))]);
  const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;
  expect(at).toBeGreaterThanOrEqual(exp * 1000);
  // A new value of the same verdict: a useSyncExternalStore snapshot that changed.
  expect(checks.get(token)).not.toBe(accepted);
  expect(checks.get(token)?.kind).toBe('accepted');
});

test('a probe’s late acceptance does not overwrite a refusal GraphiQL’s own answer brought since', async () => {
  const { checks, token } = typedNow(600, 'hold');
  await until(checks, token, 'checking');
  await new Promise((resolve) => setTimeout(resolve, 100));
  // GraphiQL's request with the token is refused meanwhile (revoked, say).
  await checks.observe(token, new Response(JSON.stringify({ errors: [{ message: '令牌已被吊销 / revoked', extensions: { code: 'UNAUTHENTICATED' } }] }), { status: 200, headers: { 'content-type': 'application/json' } }));
  expect(checks.get(token)).toEqual({ kind: 'refused', reason: '令牌已被吊销' });
  release();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(checks.get(token)).toEqual({ kind: 'refused', reason: '令牌已被吊销' });
});
