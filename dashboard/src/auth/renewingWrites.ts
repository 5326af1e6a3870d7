import type { SignInSession } from '@linju/sign-in';
import { tokenRefusalOf } from '../graphql/errorText.ts';
import type { GraphQLAnswer } from '../graphql/sendOperation.ts';
import type { SendOperation } from '../record/recordOperations.ts';
import type { RegisteredDocument } from '../../vite/registeredOperations.ts';

/** Sends a registered operation with the token given (the page's `sendOperation`). */
type SendWithToken = <TData>(operation: RegisteredDocument, variables: Record<string, unknown>, token: string | null) => Promise<GraphQLAnswer<TData>>;

/**
 * The 登记活动 panel's `send` and `renew`: each write goes with the token the page holds as it is sent
 * (`currentToken`), and an answer refusing it is renewed as a refusal of that token
 * (`renewAfterRefusal`'s `sentWith`), not of the one held when the answer came. A write sent with one
 * token and answered after the figures' refusal renewed it is sent again with the new one, the tab
 * still signed in (before, it was read as the renewed token refused, and the clerk was signed out).
 */
export function renewingWrites(
  sendWithToken: SendWithToken,
  currentToken: () => string | null,
  session: Pick<SignInSession, 'accessToken' | 'renewAfterRefusal'>,
): { send: SendOperation; renew: (answer: GraphQLAnswer<unknown>) => Promise<boolean> } {
  const sentWith = new WeakMap<GraphQLAnswer<unknown>, string | null>();
  const send: SendOperation = async (operation, variables) => {
    const token = currentToken();
    const answer = await sendWithToken<never>(operation, variables, token);
    sentWith.set(answer, token);
    return answer;
  };
  // A pasted token is not renewed: without a session's token nothing is.
  const renew = async (answer: GraphQLAnswer<unknown>) => {
    const refusal = tokenRefusalOf(answer.errors);
    return !!refusal && !!session.accessToken && sentWith.has(answer) && (await session.renewAfterRefusal(refusal, sentWith.get(answer) ?? null));
  };
  return { send, renew };
}
