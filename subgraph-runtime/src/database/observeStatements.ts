import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type pg from 'pg';
import { Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '@linju/observability';

const OPERATIONS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'LOCK', 'SET', 'SHOW', 'CREATE', 'ALTER', 'DROP']);

/** Statement texts described so far: a store's statements are a few hundred texts (values travel apart), sent over and over. */
const described = new Map<string, { operation: string; table?: string }>();
const DESCRIBED_MAX = 2000;

/** The statement's first keyword (folded to OTHER) and the first table it names: never its text or values. */
function describe(text: unknown): { operation: string; table?: string } {
  if (typeof text !== 'string') return { operation: 'OTHER' };
  let description = described.get(text);
  if (!description) {
    // Texts with values written in (a batch of audit entries) are many: the map starts again rather than grow.
    if (described.size >= DESCRIBED_MAX) described.clear();
    described.set(text, (description = describeText(text)));
  }
  return description;
}

function describeText(text: string): { operation: string; table?: string } {
  const keyword = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'OTHER';
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+(?:"?\w+"?\.)?"?([A-Za-z_]\w{0,62})"?/i.exec(text)?.[1];
  return { operation: OPERATIONS.has(keyword) ? keyword : 'OTHER', ...(table && { table }) };
}

function statementText(args: unknown[]): unknown {
  const [first] = args;
  return typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
}

/** The statement's span, child of the request's span active here; none outside a request. */
function statementSpan(tracer: Tracer, operation: string, table: string | undefined): Span | undefined {
  const parent = context.active();
  if (!trace.getSpan(parent)) return undefined;
  return tracer.startSpan(
    table ? `${operation} ${table}` : operation,
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, ...(table && { 'db.collection.name': table }) } },
    parent,
  );
}

/**
 * A span (`SELECT organization`, kind CLIENT, `db.system.name` postgresql) for each statement a
 * request's resolvers send, child of the request's span, and the statements' latencies in
 * `linju_subgraph_db_statement_duration_seconds` (by operation). Statements outside a request
 * (migrations, the seed) are timed but get no span, and without a tracer (tracing off) no statement
 * looks for one. Only the operation and the table are recorded.
 */
export function observeStatements(pool: pg.Pool, tracer: Tracer | undefined, registry: Registry): void {
  const duration = new Histogram({
    name: 'linju_subgraph_db_statement_duration_seconds',
    help: 'Time of one SQL statement of this subgraph\'s store, in seconds, by operation',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // One labelled child per operation, made once: prom-client otherwise hashes the labels at every observation.
  const byOperation = new Map<string, { observe(seconds: number): void }>();
  const timer = (operation: string) => {
    let child = byOperation.get(operation);
    if (!child) byOperation.set(operation, (child = duration.labels({ operation })));
    return child;
  };
  const watched = new WeakSet<object>();
  // On every checkout rather than on 'connect': the pool's connections opened by the migrations
  // before this runs are reused for requests.
  pool.on('acquire', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const { operation, table } = describe(statementText(args));
      const span = tracer && statementSpan(tracer, operation, table);
      const started = process.hrtime.bigint();
      const end = (error?: unknown) => {
        timer(operation).observe(Number(process.hrtime.bigint() - started) / 1e9);
        if (!span) return;
        if (error) {
          const code = (error as { code?: unknown }).code;
          if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
          end(error ?? undefined);
          return (callback as (...values: unknown[]) => unknown)(error, ...rest);
        };
        return query(...args);
      }
      let result: unknown;
      try {
        result = query(...args);
      } catch (error) {
        end(error);
        throw error;
      }
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
        (result as PromiseLike<unknown>).then(() => end(), (error: unknown) => end(error));
      } else {
        end();
      }
      return result;
    };
  });
}
