import type { SignInSession } from './SignInSession.ts';

/** Whether a GraphQL answer refuses the caller's token (the gateway's `UNAUTHENTICATED`). */
async function refusesToken(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return !!body.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED');
  } catch {
    return false;
  }
}

/**
 * A `fetch` for GraphQL requests that carries the signed-in person's access token
 * (`Authorization: Bearer …`) unless the request names its own. When the gateway refuses the
 * token, the session renews it once and the request is sent again; if it cannot, the answer is
 * the refusal, and the session has signed out, saying why.
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
    if (!token || new Headers(init?.headers).has('authorization') || !(await refusesToken(response))) return response;
    return (await session.renewAfterRefusal()) ? withToken(input, init, session.accessToken) : response;
  };
}
