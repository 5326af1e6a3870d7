import type { GatewayRefusal, SignInSession } from './SignInSession.ts';

/** The gateway's refusal of the caller's token (`UNAUTHENTICATED`) in a GraphQL answer, or null. */
async function tokenRefusal(response: Response): Promise<GatewayRefusal | null> {
  try {
    const body = (await response.clone().json()) as { errors?: { message?: unknown; extensions?: { code?: unknown; reason?: unknown; subgraph?: unknown } }[] };
    // The gateway's own: a subgraph's (labelled with its `subgraph`) refused the gateway's statement of
    // who asks, which no new token mends (as the dashboard reads it: `isTokenRefusal`).
    const refusal = body.errors?.find((error) => error.extensions?.code === 'UNAUTHENTICATED' && !error.extensions.subgraph);
    if (!refusal) return null;
    const { message } = refusal;
    const reason = refusal.extensions?.reason;
    return { ...(typeof reason === 'string' && { reason }), ...(typeof message === 'string' && { message }) };
  } catch {
    return null;
  }
}

/**
 * A `fetch` for GraphQL requests that carries the signed-in person's access token
 * (`Authorization: Bearer …`) unless the request names its own. When the gateway refuses the
 * token, the session renews it once and the request is sent again; if it cannot (or the refusal is
 * of the account, which a new token would not change), the answer is the refusal, and the session
 * has signed out, saying why. The renewed token refused as well, that answer is given and the session
 * has signed out too (`renewAfterRefusal` after its one renewal: 网关未接受当前登录，已退出。请重新登录。),
 * not at the next request: whoever sent it (GraphiQL, the explorer's region lookup) need not tell the
 * session. A request whose token the scheduled renewal replaced while it was out is sent again with
 * the new one, which is no refusal of it: that one refused, it is renewed and sent once more.
 */
export function signedInFetch(session: Pick<SignInSession, 'accessToken' | 'renewAfterRefusal'>, send: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  const withToken = (input: RequestInfo | URL, init: RequestInit | undefined, token: string | null) => {
    const headers = new Headers(init?.headers);
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return send(input, { ...init, headers });
  };
  return async (input, init) => {
    let sentWith = session.accessToken;
    let response = await withToken(input, init, sentWith);
    if (!sentWith || new Headers(init?.headers).has('authorization')) return response;
    // Sent again at most twice: a token replaced while the request was out (the scheduled renewal)
    // is no refusal, so the session's one renewal after a refusal may still be due for the next.
    for (let resent = 0; ; resent++) {
      const refusal = await tokenRefusal(response);
      // After the last, a refusal is told all the same: the session's second refusal since its renewal signs out, saying why.
      if (!refusal || !(await session.renewAfterRefusal(refusal, sentWith)) || resent === 2) return response;
      sentWith = session.accessToken;
      response = await withToken(input, init, sentWith);
    }
  };
}
