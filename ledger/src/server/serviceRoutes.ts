import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMetricsRegistry, healthBody, LATENCY_BUCKETS, type Logger, RECOVERY_QUIET_MS, sendMetrics, transitions } from '@linju/observability';
import { Counter, Histogram } from 'prom-client';
import { sendJson } from './respond.ts';

/** How long the documents server's `/ready` waits for its gateway's `/health`. */
export const GATEWAY_CHECK_TIMEOUT_MS = 1000;

/** The words of `GET /documents/`: what this server is, for whoever opens the address its log gives. */
const INDEX_WORDS = '文档服务：台账导入、导出和简报，请在联合看板中使用。 / The documents server: ledger import, export and the briefing, used from the joint dashboard.';

/** What the documents server answers besides its documents, and what it counts of them. */
export interface ServiceRoutes {
  /** Answers `/health`, `/ready`, `/metrics` and `/documents/` itself; false for any other request. */
  answer(request: IncomingMessage, response: ServerResponse, path: string): boolean;
  /** Counts an answered documents request: `route` is the route's `METHOD /path` (or `other`). */
  observe(route: string, status: number, seconds: number): void;
}

/**
 * `GET /health` (alive, with the build's version and commit, as every Linju server), `GET /ready`
 * (200 when its gateway answers `/health` within a second, any status below 500: without the
 * gateway it can do nothing; else 503 `"gateway":"down"`), `GET /metrics` (Prometheus: Node's process metrics,
 * `linju_build_info`, and `linju_documents_requests_total{route,status}` /
 * `linju_documents_request_duration_seconds{route}`), and `GET /documents/`, which says what it is.
 * No token, and nothing named but states: never the gateway's address. The log says the changes
 * (see {@link gatewayTransitions}), not each check.
 */
export function serviceRoutes(gatewayUrl: string, routes: readonly string[], logger: Logger, now: () => number = Date.now): ServiceRoutes {
  const registry = createMetricsRegistry();
  const requests = new Counter({ name: 'linju_documents_requests_total', help: 'Requests the documents server answered, by route and status', labelNames: ['route', 'status'], registers: [registry] });
  const duration = new Histogram({ name: 'linju_documents_request_duration_seconds', help: 'Time to answer a documents request (a download streamed whole), in seconds', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const gatewayHealth = new URL('health', gatewayUrl).href;
  const said = gatewayTransitions(logger, now);
  const gatewayUp = async (): Promise<boolean> => {
    let reason: GatewayDownReason | undefined;
    try {
      const answer = await fetch(gatewayHealth, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(GATEWAY_CHECK_TIMEOUT_MS) });
      await answer.arrayBuffer().catch(() => undefined);
      // Any answer but a proxy's 5xx: the gateway is there (a balancer in front may refuse /health itself).
      if (answer.status >= 500) reason = 'error-status';
    } catch (error) {
      reason = error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'unreachable';
    }
    said(reason);
    return reason === undefined;
  };
  const answers: Readonly<Record<string, (response: ServerResponse) => void | Promise<void>>> = {
    '/health': (response) => sendJson(response, 200, healthBody({ service: 'documents' })),
    '/ready': async (response) => {
      const up = await gatewayUp();
      sendJson(response, up ? 200 : 503, { status: up ? 'ready' : 'unavailable', service: 'documents', gateway: up ? 'up' : 'down' });
    },
    '/metrics': (response) => sendMetrics(registry, response),
    '/documents/': (response) => sendJson(response, 200, { service: 'documents', message: INDEX_WORDS, dashboard: '/dashboard/', routes }),
  };
  return {
    answer(request, response, path) {
      const answer = request.method === 'GET' || request.method === 'HEAD' ? answers[path === '/documents' ? '/documents/' : path] : undefined;
      if (!answer) return false;
      Promise.resolve(answer(response)).catch(() => {
        if (!response.headersSent) sendJson(response, 500, { code: 'INTERNAL_SERVER_ERROR', message: '内部错误，请稍后重试。 / Internal server error.' });
        else response.destroy();
      });
      return true;
    },
    observe(route, status, seconds) {
      requests.inc({ route, status: String(status) });
      duration.observe({ route }, seconds);
    },
  };
}

/** Why the documents server's check found its gateway down: no connection or answer, none within {@link GATEWAY_CHECK_TIMEOUT_MS}, or a 5xx. */
export type GatewayDownReason = 'unreachable' | 'timeout' | 'error-status';

/**
 * The log of the gateway's state as the documents server's `/ready` checks meet it: one warning
 * when the gateway stops answering (the first check that finds it down, at a start too), one line
 * when it answers again after observability's {@link RECOVERY_QUIET_MS} without a failed check (the
 * gateway's own rule for its members, `transitions`), never one per check: behind a balancer where
 * one gateway of two fails, the checks that alternate stay one warning. Concurrent checks say a
 * change once. Called with each check's outcome: undefined when the gateway answered, else why
 * not; `now` is the clock in milliseconds (tests pass one they move).
 */
export function gatewayTransitions(logger: Logger, now: () => number = Date.now): (down: GatewayDownReason | undefined) => void {
  const gateway = transitions<GatewayDownReason>({ now });
  return (down) => {
    if (down !== undefined) {
      const change = gateway.down(down);
      // The outage's first failure alone: a new reason while it is down is not said here.
      if (change && change.was === undefined) logger.warn({ gateway: 'down', reason: down }, 'the gateway does not answer the documents server: no import, export or briefing can be made until it does (/ready answers 503 "gateway":"down")');
      return;
    }
    const back = gateway.up();
    if (back) logger.info({ gateway: 'up', downSeconds: Math.round(back.downMs / 1000) }, 'the gateway answers the documents server again');
  };
}
