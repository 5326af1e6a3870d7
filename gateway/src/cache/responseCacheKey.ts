import { canonicalJson } from '@linju/contract';

/**
 * The key of a public answer: the same for every caller, because a public answer does not depend
 * on who asks (see `responseCachePlugin.ts`). The document's hash (as Apollo computed it, so a
 * persisted query and its full text share an entry), the operation run, and the variables in a
 * canonical form, so `{ a, b }` and `{ b, a }` are one entry.
 */
export function responseCacheKey(queryHash: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return canonicalJson([queryHash, operationName ?? null, variables ?? {}]);
}
