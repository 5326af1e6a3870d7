import { GraphQLError } from 'graphql';
import { homeName, ownerOfHome } from '@linju/contract';
import { errorChain } from './errorChain.ts';

/** Socket errors of a connection to PostgreSQL that could not be made or was lost. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception),
 * 57P01–57P03 (shut down by an administrator, crashed, cannot connect now), 53300 (too many
 * connections).
 */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** Prisma's codes for a store it cannot reach: P1001 unreachable, P1002 timed out, P1017 connection closed, P2024 no pooled connection in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/** Kinds of `@prisma/adapter-pg`'s driver errors that mean the store is not reachable. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Messages of `pg` and Prisma for a lost or refused connection, which carry no code. */
const MESSAGES =
  /Can't reach database server|Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Server has closed the connection/;

interface Inspectable {
  code?: unknown;
  message?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
}

function says(error: Inspectable): boolean {
  const { code, message, meta } = error;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE.test(code) || PRISMA_CODES.has(code))) return true;
  const adapter = meta?.driverAdapterError?.cause;
  if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || (adapter.kind === 'postgres' && SQLSTATE.test(String(adapter.code))))) return true;
  if (typeof meta?.code === 'string' && SQLSTATE.test(meta.code)) return true;
  return typeof message === 'string' && MESSAGES.test(message);
}

/**
 * Whether an error (a resolver's, as GraphQL wraps it, or a driver's) means the store could not be
 * reached: PostgreSQL down, restarting, refusing connections or unreachable. Follows
 * `originalError` and `cause`, so Prisma's and GraphQL's wrappers are seen through.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((layer) => says(layer as Inspectable));
}

/** The store's name for people: `四川省 (Sichuan Province)`, `遂潼联合办公室 (the joint office)`. */
export function storeLabel(store: string): string {
  const home = ownerOfHome(store);
  return home ? `${home.name} (${home.nameEn})` : store;
}

/**
 * What a client gets instead of a driver's message (which names hosts and ports) when the store is
 * down: code DATABASE_UNAVAILABLE, the store in `extensions.store` and by name in the message.
 * A write that met it may be sent again with the same idempotency key once the store is back.
 */
export function databaseUnavailableError(store: string): GraphQLError {
  return new GraphQLError(`${homeName(store)}的数据库暂时无法连接，请稍后再试；写入可用原幂等键重新提交 / The ${store} store of ${storeLabel(store)} is unavailable: its database cannot be reached. Try again shortly; a write may be sent again with its idempotency key`, {
    extensions: { code: 'DATABASE_UNAVAILABLE', store },
  });
}
