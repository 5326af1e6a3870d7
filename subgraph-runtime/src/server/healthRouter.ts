import express from 'express';
import { healthBody } from '@linju/observability';

/** What a server's health endpoints report on. */
export interface HealthOptions {
  /** The server's name, reported as `subgraph`. */
  name: string;
  /** Resolves when the server can answer (a subgraph: its store accepts a statement); rejects otherwise. */
  ready?: () => Promise<void>;
  /** How long the readiness check may take before it counts as failed. @default 1000 */
  readyTimeoutMs?: number;
}

/** Resolves to whether `check` succeeded within `ms`; never rejects, and leaves no timer behind. */
export async function passesWithin(check: () => Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health`: alive, 200 for as long as the process serves HTTP, with the build's version and commit. `GET /ready`: ready to serve,
 * 200 when the store answers a trivial statement within the timeout, else 503. Both are JSON,
 * need no token and say nothing an outsider could use: states, never addresses or error messages.
 */
export function healthRouter(options: HealthOptions): express.Router {
  const router = express.Router();
  const timeout = options.readyTimeoutMs ?? 1000;
  router.get('/health', (_request, response) => {
    response.set('cache-control', 'no-store').json(healthBody({ subgraph: options.name }));
  });
  router.get('/ready', async (_request, response) => {
    const up = options.ready ? await passesWithin(options.ready, timeout) : true;
    response
      .status(up ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: up ? 'ready' : 'unavailable', subgraph: options.name, database: up ? 'up' : 'down' });
  });
  return router;
}
