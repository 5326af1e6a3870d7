/** A GraphQL answer as the gateway sends it. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** What an answer carries as an error: the GraphQL error's code and the subgraph it names. */
export interface SeenError {
  code: string;
  subgraph: string;
  message: string;
}

/** Posts one request (with a bearer token if given); throws on a transport error, a timeout (30 s) or a body that is not JSON. */
export async function postGraphQL(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLBody;
  } catch {
    throw new Error(`HTTP ${response.status} with a body that is not JSON`);
  }
}

/** The errors of an answer, by code and subgraph. */
export function seenErrors(body: GraphQLBody): SeenError[] {
  return (body.errors ?? []).map((error) => ({
    code: String(error.extensions?.code ?? 'NO_CODE'),
    subgraph: String(error.extensions?.subgraph ?? error.extensions?.serviceName ?? '-'),
    message: error.message.slice(0, 300),
  }));
}
