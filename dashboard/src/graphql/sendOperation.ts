import type { RegisteredDocument } from '../../vite/registeredOperations.ts';
import { figuresByName } from './figureValues.ts';
import { rateLimitedErrors } from './rateLimit.ts';

/** A GraphQL error as the gateway sends it. */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; subgraph?: string; jurisdiction?: string; [key: string]: unknown };
}

/** A GraphQL answer: data (possibly partial) and errors. */
export interface GraphQLAnswer<TData> {
  data: TData | null;
  errors: GraphQLError[];
  /**
   * Whether the operation was executed: the answer has a `data` entry, even `null`, or an error
   * located in it (a `path`: a store down, a figure refused; the gateway leaves `data` out when
   * every root field failed). An answer refused before execution has neither (the GraphQL
   * specification's request errors): the gateway's refusal of the token (`UNAUTHENTICATED`), an
   * operation it does not know, a request it could not read. An executed answer is one the gateway
   * gave after verifying the token it was sent with.
   */
  executed?: boolean;
}

/** The gateway's GraphQL endpoint, relative to the page (`/dashboard/` → `/graphql`), so a proxy prefix keeps working. */
const ENDPOINT = new URL('../graphql', document.baseURI).toString();

async function post(body: Record<string, unknown>, token: string | null, endpoint: string, send: typeof fetch): Promise<GraphQLAnswer<unknown>> {
  const response = await send(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  let json: { data?: unknown; errors?: GraphQLError[] } | null;
  try {
    json = (await response.json()) as typeof json;
  } catch {
    // A proxy's 429 may have a body of its own (HTML, text): still a rate limit, not an unreachable gateway.
    if (response.status !== 429) throw new Error(`网关返回了无法识别的应答（HTTP ${response.status}）`);
    json = null;
  }
  let errors = Array.isArray(json?.errors) ? json.errors : [];
  if (response.status === 429) errors = rateLimitedErrors(errors, response.headers.get('retry-after'));
  const executed = json !== null && typeof json === 'object' && ('data' in json || errors.some((error) => Array.isArray(error?.path)));
  return { data: json?.data ?? null, errors, executed };
}

/**
 * Sends a registered operation as an automatic persisted query: its hash alone first (what a
 * registered-only gateway expects), and the document with it only if this gateway has not seen the
 * hash yet (PERSISTED_QUERY_NOT_FOUND). The page never sends any other document.
 *
 * @param endpoint the gateway's GraphQL endpoint; the explorer, served at `/`, names its own
 * @param send what sends the request: the explorer's sends it as GraphiQL's go (the signed-in
 *   person's token added, a refusal of it met by the session: `signedInFetch`)
 */
export async function sendOperation<TData>(
  operation: RegisteredDocument,
  variables: Record<string, unknown>,
  token: string | null,
  endpoint: string = ENDPOINT,
  send: typeof fetch = (input, init) => fetch(input, init),
): Promise<GraphQLAnswer<TData>> {
  const body = { operationName: operation.name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.hash } } };
  let answer = await post(body, token, endpoint, send);
  if (answer.errors.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) answer = await post({ ...body, query: operation.document }, token, endpoint, send);
  return { ...answer, data: figuresByName(answer.data) } as GraphQLAnswer<TData>;
}
