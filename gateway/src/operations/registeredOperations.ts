import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { operationHash, readManifest, type OperationManifest } from '@linju/schema/operations';
import { sendGraphQLErrors } from '../limits/sendGraphQLErrors.ts';
import { BoundedLru, MEMO_MAX_ENTRIES, memoizeByText } from '@linju/contract/memo';

/** The code of a request refused in registered-only mode. */
export const OPERATION_NOT_REGISTERED = 'OPERATION_NOT_REGISTERED';

/** How the gateway treats operations it was not told about. */
export interface RegisteredOperationsOptions {
  /** Accept only operations of the manifest, by hash or by document. @default false */
  only?: boolean;
  /** The registered operations. @default the committed schema/operations/manifest.json (read only when `only`) */
  manifest?: OperationManifest;
  /** How many documents automatic persisted queries keep in memory. @default MEMO_MAX_ENTRIES (1000) */
  cacheSize?: number;
}

/** The cache Apollo Server's automatic persisted queries store documents in (its KeyValueCache). */
export interface PersistedQueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * An in-memory, bounded APQ cache. Apollo prefixes keys with `apq:`; the hash is what follows.
 * With `allowed`, it is preloaded with those documents and stores nothing else, so APQ can never
 * register an operation outside the manifest.
 */
export function persistedQueryCache(size: number, allowed?: ReadonlyMap<string, string>): PersistedQueryCache {
  // The least recently used document goes first.
  const entries = new BoundedLru<string, string>(size);
  const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  return {
    async get(key) {
      return allowed?.get(hashOf(key)) ?? entries.get(key);
    },
    async set(key, value) {
      if (allowed) return; // Preloaded: the manifest is the only source.
      entries.set(key, value);
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: OPERATION_NOT_REGISTERED } });
}

type Request = Parameters<RequestHandler>[0];

/** The query text and APQ hash of a request, wherever GraphQL over HTTP carries them. */
function requestParts(request: Request): { query: unknown; hash: unknown; body?: Record<string, unknown> } {
  if (request.method === 'GET') {
    let extensions: unknown;
    try {
      extensions = typeof request.query['extensions'] === 'string' ? JSON.parse(request.query['extensions']) : undefined;
    } catch {
      extensions = undefined;
    }
    return { query: request.query['query'], hash: (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash };
  }
  const body: unknown = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { query: undefined, hash: undefined };
  const record = body as Record<string, unknown>;
  const extensions = record['extensions'] as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  return { query: record['query'], hash: extensions?.persistedQuery?.sha256Hash, body: record };
}

/**
 * Registered-only mode: a request must carry the hash of a registered operation
 * (`extensions.persistedQuery.sha256Hash`) or a registered document; anything else is refused with
 * `OPERATION_NOT_REGISTERED` before Apollo parses it or any subgraph is called. A known hash sent
 * alone in a POST gets its document filled in, so the query limits see it.
 */
export function registeredOperationsGate(documents: ReadonlyMap<string, string>): RequestHandler {
  // Whether a document is registered depends on its text alone: hashed once per text, not per request.
  const isRegistered = memoizeByText((query) => documents.has(operationHash(query)));
  return (request, response, next) => {
    // A batch is refused by Apollo whatever it holds.
    if (request.method === 'POST' && Array.isArray(request.body)) return next();
    const { query, hash, body } = requestParts(request);
    if (typeof query === 'string' && query.trim() !== '') {
      if (isRegistered(query)) return next();
      return sendGraphQLErrors(response, 400, [refusal('本网关只接受已登记的操作，此文档未登记 / This gateway accepts registered operations only, and this document is not registered (see schema/operations/manifest.json)')]);
    }
    if (typeof hash === 'string') {
      const document = documents.get(hash);
      if (document === undefined) return sendGraphQLErrors(response, 400, [refusal(`本网关只接受已登记的操作，没有以此哈希登记的操作 / This gateway accepts registered operations only, and no operation is registered under hash ${hash.slice(0, 64)}`)]);
      if (body) body['query'] = document;
      return next();
    }
    return sendGraphQLErrors(response, 400, [refusal('本网关只接受已登记的操作 / This gateway accepts registered operations only: send extensions.persistedQuery.sha256Hash or a registered document')]);
  };
}

/** What the gateway needs for persisted and registered operations. */
export interface OperationRegistry {
  /** Apollo Server's `persistedQueries` option (APQ, in memory). */
  readonly persistedQueries: { cache: PersistedQueryCache };
  /** Express middleware to run after the body is parsed and before the query limits: empty unless registered-only. */
  readonly middleware: RequestHandler[];
}

/** APQ always; in registered-only mode, the gate and a cache preloaded with the manifest. */
export async function operationRegistry(options: RegisteredOperationsOptions = {}): Promise<OperationRegistry> {
  const size = options.cacheSize ?? MEMO_MAX_ENTRIES;
  if (!options.only) return { persistedQueries: { cache: persistedQueryCache(size) }, middleware: [] };
  const manifest = options.manifest ?? (await readManifest());
  const documents = new Map(Object.entries(manifest.operations).map(([hash, { document }]) => [hash, document]));
  return { persistedQueries: { cache: persistedQueryCache(size, documents) }, middleware: [registeredOperationsGate(documents)] };
}
