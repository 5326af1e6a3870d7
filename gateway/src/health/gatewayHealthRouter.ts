import express from 'express';

/** One subgraph's state as the gateway's readiness check saw it. */
export interface SubgraphReadiness {
  status: 'ready' | 'unavailable';
  /** Why not: no answer at all, none in time, or the subgraph said it is not ready (its store is down). */
  reason?: 'unreachable' | 'timeout' | 'not-ready';
  /** The subgraph's own report on its store, when it gave one. */
  database?: 'up' | 'down';
}

/** The gateway's readiness: ready when every subgraph is. */
export interface GatewayReadiness {
  status: 'ready' | 'unavailable';
  subgraphs: Record<string, SubgraphReadiness>;
}

/** What the gateway's health endpoints check. */
export interface GatewayHealthOptions {
  /** Each subgraph's GraphQL URL, by name; its readiness is asked at `ready` beside it (`…/graphql` → `…/ready`). */
  subgraphUrls: () => Readonly<Record<string, string>>;
  /** How long each subgraph's `/ready` may take. @default 2000 */
  timeoutMs?: number;
}

/** Asks one subgraph's `/ready`. Never rejects. */
export async function subgraphReadiness(graphqlUrl: string, timeoutMs: number): Promise<SubgraphReadiness> {
  try {
    const response = await fetch(new URL('ready', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => ({}))) as { database?: unknown };
    const database = body.database === 'up' || body.database === 'down' ? body.database : undefined;
    return response.ok ? { status: 'ready', ...(database && { database }) } : { status: 'unavailable', reason: 'not-ready', ...(database && { database }) };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: 'unavailable', reason: timedOut ? 'timeout' : 'unreachable' };
  }
}

/**
 * The gateway's `GET /health` (alive: 200 while it serves HTTP) and `GET /ready` (200 when every
 * subgraph's own `/ready` says it and its store can answer, else 503; the JSON body gives each
 * subgraph's state). The gateway serves either way: a subgraph that is not ready only nulls its
 * parts of answers. Both need no token and name no address.
 */
export function gatewayHealthRouter(options: GatewayHealthOptions): express.Router {
  const router = express.Router();
  const timeoutMs = options.timeoutMs ?? 2000;
  router.get('/health', (_request, response) => {
    response.set('cache-control', 'no-store').json({ status: 'ok', service: 'gateway' });
  });
  router.get('/ready', async (_request, response) => {
    const entries = await Promise.all(Object.entries(options.subgraphUrls()).map(async ([name, url]) => [name, await subgraphReadiness(url, timeoutMs)] as const));
    const readiness: GatewayReadiness = {
      status: entries.every(([, state]) => state.status === 'ready') ? 'ready' : 'unavailable',
      subgraphs: Object.fromEntries(entries),
    };
    response
      .status(readiness.status === 'ready' ? 200 : 503)
      .set('cache-control', 'no-store')
      .json(readiness);
  });
  return router;
}
