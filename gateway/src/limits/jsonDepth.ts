/**
 * The most levels of objects and arrays a request's JSON body may nest (the body itself is level 1).
 * The deepest a client sends is an import's rows (`{"variables": {"rows": [{"input": {"items": [{…}]}}]}}`,
 * 6); far deeper JSON still parses, but the code that walks it (the response cache's key, graphql-js's
 * coercion, the checks of every string in the variables) recurses, and 10 000 levels overflowed the
 * stack: a 500 and an error logged for a client's body.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests deeper than `limit` levels of objects and arrays; walked without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (!item || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
