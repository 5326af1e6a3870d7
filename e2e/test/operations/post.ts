import type { Federation, GraphQLResponse } from '@linju/testing';

/** A raw answer of the gateway, whatever its status. */
export interface Answer {
  readonly status: number;
  readonly body: GraphQLResponse<Record<string, any>>;
}

/** POSTs a GraphQL-over-HTTP body as a viewer: what an APQ client sends, hash and all. */
export async function post(federation: Federation, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await federation.token('viewer')}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** The APQ extension for a hash. */
export const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
