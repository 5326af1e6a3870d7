import { expect, test } from 'vitest';
import { signedInFetch } from '../src/signedInFetch.ts';

/** A session whose renewal hands out the next token of `tokens`. */
function sessionWith(tokens: (string | null)[]) {
  let index = 0;
  return {
    get accessToken() {
      return tokens[index] ?? null;
    },
    renewals: 0,
    async renewAfterRefusal() {
      this.renewals++;
      index++;
      return tokens[index] !== undefined && tokens[index] !== null;
    },
  };
}

/** A gateway that accepts only `accepted` and records the Authorization of every request. */
function gateway(accepted: string) {
  const seen: (string | null)[] = [];
  const send = async (_input: RequestInfo | URL, init?: RequestInit) => {
    const authorization = new Headers(init?.headers).get('authorization');
    seen.push(authorization);
    const refused = authorization !== null && authorization !== `Bearer ${accepted}`;
    return Response.json(refused ? { errors: [{ message: '令牌无效', extensions: { code: 'UNAUTHENTICATED' } }] } : { data: { ok: true } });
  };
  return { seen, send: send as typeof fetch };
}

const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

test('every request carries the signed-in person’s token', async () => {
  const { seen, send } = gateway('a');
  const answer = await signedInFetch(sessionWith(['a']), send)('http://gw/graphql', post);
  expect(await answer.json()).toEqual({ data: { ok: true } });
  expect(seen).toEqual(['Bearer a']);
});

test('a refused token is renewed once and the request sent again with the new one', async () => {
  const { seen, send } = gateway('b');
  const session = sessionWith(['a', 'b']);
  const answer = await signedInFetch(session, send)('http://gw/graphql', post);
  expect(await answer.json()).toEqual({ data: { ok: true } });
  expect(seen).toEqual(['Bearer a', 'Bearer b']);
  expect(session.renewals).toBe(1);
});

test('when renewal fails, the refusal is the answer', async () => {
  const { seen, send } = gateway('z');
  const answer = await signedInFetch(sessionWith(['a', null]), send)('http://gw/graphql', post);
  expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(seen).toEqual(['Bearer a']);
});

test('signed out, nothing is added; a request that names its own Authorization keeps it and is not retried', async () => {
  const { seen, send } = gateway('a');
  await signedInFetch(sessionWith([null]), send)('http://gw/graphql', post);
  const session = sessionWith(['a', 'b']);
  await signedInFetch(session, send)('http://gw/graphql', { ...post, headers: { ...post.headers, Authorization: 'Bearer pasted' } });
  expect(seen).toEqual([null, 'Bearer pasted']);
  expect(session.renewals).toBe(0);
});

/** A session as `SignInSession` keeps its word: a refused token renewed once, a renewed one refused again signs the tab out. */
function sessionRenewingOnce(tokens: [string, string]) {
  let held: string | null = tokens[0];
  let renewed = false;
  return {
    get accessToken() {
      return held;
    },
    signedOut: false,
    async renewAfterRefusal() {
      if (renewed) {
        [held, this.signedOut] = [null, true];
        return false;
      }
      [held, renewed] = [tokens[1], true];
      return true;
    },
  };
}

test('the renewed token refused as well: the refusal is the answer and the session has signed out then, not at the next request', async () => {
  const { seen, send } = gateway('z');
  const session = sessionRenewingOnce(['a', 'b']);
  const answer = await signedInFetch(session, send)('http://gw/graphql', post);
  expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(seen).toEqual(['Bearer a', 'Bearer b']);
  expect(session.signedOut).toBe(true);
  expect(session.accessToken).toBeNull();
});

test('a subgraph’s UNAUTHENTICATED (its refusal of the gateway’s statement) is no refusal of the token: nothing renewed, nobody signed out', async () => {
  const seen: (string | null)[] = [];
  const send = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers).get('authorization'));
    return Response.json({ data: { jurisdictions: [null] }, errors: [{ message: '调用方声明已过期', extensions: { code: 'UNAUTHENTICATED', subgraph: 'sichuan' } }] });
  }) as typeof fetch;
  const session = sessionRenewingOnce(['a', 'b']);
  const fetchSignedIn = signedInFetch(session, send);
  await fetchSignedIn('http://gw/graphql', post);
  await fetchSignedIn('http://gw/graphql', post);
  expect(seen).toEqual(['Bearer a', 'Bearer a']);
  expect(session.signedOut).toBe(false);
});

test('a request out while the scheduled renewal replaced its token, then refused with the new one too, is renewed and sent once more: answered, not a 401 beside a tab still signed in', async () => {
  const { seen, send } = gateway('c');
  // As `SignInSession` keeps its word: a refusal of a token already replaced asks for nothing (true, send
  // again), a refusal of the held one is renewed once.
  let held = 'a';
  const session = {
    get accessToken() {
      return held;
    },
    sentWith: [] as (string | null)[],
    async renewAfterRefusal(_refusal: unknown, sentWith: string | null) {
      this.sentWith.push(sentWith);
      if (sentWith !== held) return true;
      held = 'c';
      return true;
    },
  };
  const renewedWhileOut = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const answer = await send(input, init);
    if (held === 'a') held = 'b';
    return answer;
  }) as typeof fetch;
  const answer = await signedInFetch(session, renewedWhileOut)('http://gw/graphql', post);
  expect(await answer.json()).toEqual({ data: { ok: true } });
  expect(seen).toEqual(['Bearer a', 'Bearer b', 'Bearer c']);
  expect(session.sentWith).toEqual(['a', 'b']);
});

test('sent again at most twice: a session that keeps answering true gets the refusal after the third send, told of it', async () => {
  const { seen, send } = gateway('z');
  const session = sessionWith(['a', 'b', 'c', 'd', 'e']);
  const answer = await signedInFetch(session, send)('http://gw/graphql', post);
  expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(seen).toEqual(['Bearer a', 'Bearer b', 'Bearer c']);
  expect(session.renewals).toBe(3);
});
