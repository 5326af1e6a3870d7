import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { operationHash, readManifest, type OperationManifest } from '@linju/schema/operations';
import { sendGraphQLErrors } from '../limits/sendGraphQLErrors.ts';
import { BoundedLru, MEMO_MAX_ENTRIES, memoizeByText } from '@linju/contract/memo';
import { quotedEn, quotedZh } from '@linju/contract';

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

/** The query text and APQ extension (`extensions.persistedQuery`) of a request, wherever GraphQL over HTTP carries them. */
function requestParts(request: Request): { query: unknown; persistedQuery: unknown; body?: Record<string, unknown> } {
  if (request.method === 'GET') {
    let extensions: unknown;
    try {
      extensions = typeof request.query['extensions'] === 'string' ? JSON.parse(request.query['extensions']) : undefined;
    } catch {
      extensions = undefined;
    }
    return { query: request.query['query'], persistedQuery: (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery };
  }
  const body: unknown = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { query: undefined, persistedQuery: undefined };
  const record = body as Record<string, unknown>;
  return { query: record['query'], persistedQuery: (record['extensions'] as { persistedQuery?: unknown } | null | undefined)?.persistedQuery, body: record };
}

/** A hash Apollo's APQ can know: the SHA-256 of a query text, as it computes it. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What a refusal says was sent, in each half: quoted short (`excerpt`), or said to be missing. */
const sent = (value: unknown): [zh: string, en: string] => (value === undefined ? ['未填', 'it is missing'] : [`收到${quotedZh(value)}`, `got ${quotedEn(value)}`]);

/**
 * What is wrong with an APQ extension (`extensions.persistedQuery`), in Linju's words, or undefined
 * for none or a good one: `{"version": 1, "sha256Hash": "<64 lowercase hex digits>"}`, the only form
 * Apollo's APQ reads. Left to Apollo, another version (or a value that is no object) was an
 * internal error, logged with its stack at each request, and a hash that is no hash (a number, `x`)
 * PERSISTED_QUERY_NOT_FOUND, which a client answers by sending it again with its query.
 */
export function persistedQueryProblem(persistedQuery: unknown): string | undefined {
  if (persistedQuery === undefined || persistedQuery === null) return undefined;
  if (typeof persistedQuery !== 'object' || Array.isArray(persistedQuery)) {
    const [zh, en] = sent(persistedQuery);
    return `extensions.persistedQuery 须为 JSON 对象 {"version": 1, "sha256Hash": "…"}（${zh}） / extensions.persistedQuery must be a JSON object {"version": 1, "sha256Hash": "…"}; ${en}`;
  }
  const { version, sha256Hash } = persistedQuery as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) {
    const [zh, en] = sent(version);
    return `只支持第 1 版的持久化查询，extensions.persistedQuery.version 须为 1（${zh}） / Only version 1 of persisted queries is supported: extensions.persistedQuery.version must be 1; ${en}`;
  }
  if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
    const [zh, en] = sent(sha256Hash);
    return `extensions.persistedQuery.sha256Hash 须为查询文本的 SHA-256，64 位小写十六进制数字（${zh}） / extensions.persistedQuery.sha256Hash must be the SHA-256 of the query text, 64 lowercase hex digits; ${en}`;
  }
  return undefined;
}

/**
 * Refuses a malformed APQ extension ({@link persistedQueryProblem}) with BAD_REQUEST (HTTP 400),
 * before Apollo or the registered-only gate reads it: a client's mistake, said as one, and nothing logged.
 */
export const persistedQueryCheck: RequestHandler = (request, response, next) => {
  const problem = persistedQueryProblem(requestParts(request).persistedQuery);
  if (problem === undefined) return next();
  sendGraphQLErrors(response, 400, [new GraphQLError(problem, { extensions: { code: 'BAD_REQUEST' } })]);
};

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
    const { query, persistedQuery, body } = requestParts(request);
    // Well formed, or none: persistedQueryCheck ran first.
    const hash = (persistedQuery as { sha256Hash?: unknown } | null | undefined)?.sha256Hash;
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
  /** Express middleware to run after the body is parsed and before the query limits: the APQ extension's check, and in registered-only mode the gate. */
  readonly middleware: RequestHandler[];
}

/** APQ always, its extension checked; in registered-only mode, the gate and a cache preloaded with the manifest. */
export async function operationRegistry(options: RegisteredOperationsOptions = {}): Promise<OperationRegistry> {
  const size = options.cacheSize ?? MEMO_MAX_ENTRIES;
  if (!options.only) return { persistedQueries: { cache: persistedQueryCache(size) }, middleware: [persistedQueryCheck] };
  const manifest = options.manifest ?? (await readManifest());
  const documents = new Map(Object.entries(manifest.operations).map(([hash, { document }]) => [hash, document]));
  return { persistedQueries: { cache: persistedQueryCache(size, documents) }, middleware: [persistedQueryCheck, registeredOperationsGate(documents)] };
}
