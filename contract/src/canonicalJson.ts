/**
 * JSON with object keys in a fixed order, so equal values give equal text (hashes of requests).
 * Keys are compared as strings: GraphQL's argument objects have no prototype and cannot be
 * turned into strings themselves.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
