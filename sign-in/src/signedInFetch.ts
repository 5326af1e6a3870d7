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
 * session.
 */
export function signedInFetch(session: Pick<SignInSession, 'accessToken' | 'renewAfterRefusal'>, send: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  const withToken = (input: RequestInfo | URL, init: RequestInit | undefined, token: string | null) => {
    const headers = new Headers(init?.headers);
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return send(input, { ...init, headers });
  };
  return async (input, init) => {
    const token = session.accessToken;
    const response = await withToken(input, init, token);
    if (!token || new Headers(init?.headers).has('authorization')) return response;
    const refusal = await tokenRefusal(response);
    if (!refusal || !(await session.renewAfterRefusal(refusal, token))) return response;
    const renewed = session.accessToken;
    const again = await withToken(input, init, renewed);
    const refusedAgain = await tokenRefusal(again);
    // The session's second refusal since its renewal: it signs out, saying why.
    if (refusedAgain) await session.renewAfterRefusal(refusedAgain, renewed);
    return again;
  };
}
