import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to a request instead of (or before) passing it on. */
export type Fault =
  /** Waits this long, then passes the request on. */
  | { delayMs: number }
  /**
   * Answers this HTTP status itself (a JSON body with a GraphQL error). The subgraph never sees the
   * request, unless `afterForwarding`: then it gets and answers it, and its answer is thrown away
   * (a gateway retrying with the same caller statement would be refused as a replay).
   */
  | { status: number; afterForwarding?: boolean }
  /** Drops the connection without an answer; the subgraph never sees the request. */
  | { reset: true }
  /**
   * Holds the request this long, then passes it on even if the gateway gave up on it meanwhile (the
   * answer then goes nowhere): a subgraph stopped (`kill -STOP`) past the gateway's timeout, whose
   * socket keeps the request until it is continued, and then acts on it.
   */
  | { heldMs: number };

/** A GraphQL request that reached the proxy. */
export interface ProxiedRequest {
  /** The operation type, read from the query text. */
  operation: 'query' | 'mutation' | 'other';
  /** The fault applied to it, if any. */
  fault?: Fault;
}

/** Which requests a fault applies to. */
export interface FaultScope {
  /** Only requests of this operation type. @default any */
  operation?: ProxiedRequest['operation'];
  /** Only the next `times` such requests; then requests pass again. @default every request until `clear()` */
  times?: number;
}

interface Rule extends FaultScope {
  fault: Fault;
}

function operationOf(body: string): ProxiedRequest['operation'] {
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    const keyword = typeof query === 'string' ? /^\s*(query|mutation)\b/.exec(query)?.[1] : undefined;
    return keyword === 'query' || keyword === 'mutation' ? keyword : 'other';
  } catch {
    return 'other';
  }
}

/**
 * A fault injector in front of one subgraph on 127.0.0.1: passes every request on to the subgraph
 * unless told to delay it, answer an HTTP error itself, or drop the connection, and counts the
 * GraphQL requests it got (so a test sees retries). When the subgraph itself is down, it answers
 * 502 as a reverse proxy would.
 */
export class FaultProxy {
  /** Every GraphQL request (POST /graphql) that reached the proxy, in order. */
  readonly requests: ProxiedRequest[] = [];
  #rules: Rule[] = [];

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
    /** The subgraph's GraphQL URL through the proxy. */
    readonly url: string,
  ) {}

  /** Starts a proxy on a free port of 127.0.0.1 in front of the subgraph at `targetUrl` (its GraphQL URL). */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    let proxy: FaultProxy | undefined;
    const server = createServer((request, response) => void proxy!.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    proxy = new FaultProxy(server, target, `http://127.0.0.1:${port}${target.pathname}`);
    return proxy;
  }

  /** Applies `fault` to the requests in `scope` (every request until `clear()`, by default). */
  inject(fault: Fault, scope: FaultScope = {}): void {
    this.#rules.push({ fault, ...scope });
  }

  /** Removes every fault: requests pass again. */
  clear(): void {
    this.#rules = [];
  }

  /** Forgets the requests counted so far. */
  resetCounts(): void {
    this.requests.length = 0;
  }

  /** Requests counted so far of one operation type. */
  count(operation: ProxiedRequest['operation']): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private faultFor(operation: ProxiedRequest['operation']): Fault | undefined {
    const rule = this.#rules.find((r) => r.operation === undefined || r.operation === operation);
    if (!rule) return undefined;
    if (rule.times !== undefined && --rule.times <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return rule.fault;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let fault: Fault | undefined;
    if (request.method === 'POST' && request.url?.startsWith(this.target.pathname)) {
      const operation = operationOf(body.toString('utf8'));
      fault = this.faultFor(operation);
      this.requests.push({ operation, ...(fault && { fault }) });
    }
    if (fault && 'reset' in fault) {
      request.socket.destroy();
      return;
    }
    if (fault && 'status' in fault) {
      if (fault.afterForwarding) await this.forwardAndDiscard(request, body);
      response.writeHead(fault.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: `injected HTTP ${fault.status}` }] }));
      return;
    }
    if (fault && 'heldMs' in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.heldMs));
      if (request.socket.destroyed) await this.forwardAndDiscard(request, body);
      else this.forward(request, body, response);
      return;
    }
    if (fault && 'delayMs' in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      // The gateway gave up meanwhile: nothing to pass on.
      if (request.socket.destroyed) return;
    }
    this.forward(request, body, response);
  }

  private forwardAndDiscard(request: IncomingMessage, body: Buffer): Promise<void> {
    return new Promise((resolve) => {
      const upstream = httpRequest(
        { host: this.target.hostname, port: this.target.port, method: request.method, path: request.url, headers: { ...request.headers, host: this.target.host } },
        (answer) => {
          answer.resume();
          answer.on('end', resolve);
        },
      );
      upstream.on('error', () => resolve());
      upstream.end(body);
    });
  }

  private forward(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const upstream = httpRequest(
      { host: this.target.hostname, port: this.target.port, method: request.method, path: request.url, headers: { ...request.headers, host: this.target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('Bad Gateway: the subgraph is not answering');
    });
    upstream.end(body);
  }
}
