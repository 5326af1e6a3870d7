/**
 * The key of a public answer: the same for every caller, because a public answer does not depend
 * on who asks (see `responseCachePlugin.ts`). The document's hash (as Apollo computed it, so a
 * persisted query and its full text share an entry), the operation run, and the variables in a
 * canonical form, so `{ a, b }` and `{ b, a }` are one entry.
 */
export function responseCacheKey(queryHash: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return JSON.stringify([queryHash, operationName ?? null, canonical(variables ?? {})]);
}

/** Objects with their keys sorted, recursively; arrays keep their order (it is meaningful). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
