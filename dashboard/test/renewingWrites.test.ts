import type { RegisteredDocument } from '../vite/registeredOperations.ts';
import { expect, test } from 'vitest';
import { renewingWrites } from '../src/auth/renewingWrites.ts';
import type { GraphQLAnswer } from '../src/graphql/sendOperation.ts';

/**
 * The 登记活动 panel's writes and their renewal: a refusal is of the token the write went with. A
 * session as `SignInSession` keeps its word, already renewed once after a refusal (the figures'): a
 * refusal of a token since replaced asks for nothing (send again), of the one held signs the tab out.
 */
function renewedSession(held: string) {
  return {
    accessToken: held as string | null,
    told: [] as (string | null)[],
    async renewAfterRefusal(_refusal: unknown, sentWith: string | null) {
      this.told.push(sentWith);
      if (sentWith !== this.accessToken) return true;
      this.accessToken = null;
      return false;
    },
  };
}

const refused: GraphQLAnswer<unknown> = { data: null, errors: [{ message: '令牌已过期', extensions: { code: 'UNAUTHENTICATED' } }] } as GraphQLAnswer<unknown>;
const operation = { name: 'DashboardRecordSichuanActivity' } as RegisteredDocument;

test('a write sent with T0, answered after the figures’ refusal renewed T0 to T1, is renewed as a refusal of T0: sent again, the clerk still signed in', async () => {
  const session = renewedSession('T0');
  const sentWith: (string | null)[] = [];
  const { send, renew } = renewingWrites(async <TData>(_operation: RegisteredDocument, _variables: Record<string, unknown>, token: string | null) => {
    sentWith.push(token);
    // While the write is out, the figures' refusal renews the session's token.
    session.accessToken = 'T1';
    return { ...refused } as GraphQLAnswer<TData>;
  }, () => session.accessToken, session);
  const answer = await send(operation, {});
  expect(await renew(answer)).toBe(true);
  expect(session.told).toEqual(['T0']);
  expect(session.accessToken).toBe('T1');
  expect(sentWith).toEqual(['T0']);
});

test('a write refused with the token held is that token refused; with a pasted token (no session token), nothing is renewed', async () => {
  const session = renewedSession('T1');
  const { send, renew } = renewingWrites(async <TData>() => ({ ...refused }) as GraphQLAnswer<TData>, () => session.accessToken ?? 'pasted', session);
  expect(await renew(await send(operation, {}))).toBe(false);
  expect(session.told).toEqual(['T1']);
  expect(await renew(await send(operation, {}))).toBe(false);
  expect(session.told).toEqual(['T1']);
});
