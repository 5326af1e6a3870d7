/**
 * Where GraphiQL keeps what it remembers (its tabs, its history, its favourites, the query and
 * variables being typed): the tab's sessionStorage under GraphiQL's own namespace, never
 * localStorage, and never a request header. GraphiQL (5.4) keeps all of it in localStorage by
 * default, its history with each run's headers: a token typed into Headers stayed on the computer
 * after 退出 and after the tab closed, and variables (an ID number) with it.
 *
 * DOM-free: the storages are passed in, so Node tests can give it a Map-backed one.
 */

/** GraphiQL's namespace (`graphiql:tabState`, `graphiql:queries`, …): `StorageAPI` writes every key under it. */
export const GRAPHIQL_PREFIX = 'graphiql:';

/** GraphiQL's keys whose values may hold request headers: the Headers editor's text, and operations saved with theirs. */
const HEADERS_KEY = `${GRAPHIQL_PREFIX}headers`;
/** Operations with a `headers` field: the tabs (`{ tabs: [...] }`), the history and the favourites (`{ queries: [...] }`, `{ favorites: [...] }`). */
const OPERATION_LISTS: Readonly<Record<string, string>> = {
  [`${GRAPHIQL_PREFIX}tabState`]: 'tabs',
  [`${GRAPHIQL_PREFIX}queries`]: 'queries',
  [`${GRAPHIQL_PREFIX}favorites`]: 'favorites',
};

/** The keys of `storage` under GraphiQL's namespace. */
function graphiqlKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(GRAPHIQL_PREFIX)) keys.push(key);
  }
  return keys;
}

/**
 * The value GraphiQL writes under `key`, with no request headers in it: a saved operation keeps its
 * query and variables, never its headers (where a typed `Authorization: Bearer …` is); the Headers
 * editor's text is not kept at all (null). A value that is not the JSON expected is kept as it is.
 */
export function withoutHeaders(key: string, value: string): string | null {
  if (key === HEADERS_KEY) return null;
  const list = OPERATION_LISTS[key];
  if (!list) return value;
  try {
    const saved = JSON.parse(value) as Record<string, unknown> | null;
    const operations = saved?.[list];
    if (!Array.isArray(operations)) return value;
    return JSON.stringify({ ...saved, [list]: operations.map((operation: unknown) => (operation && typeof operation === 'object' ? { ...operation, headers: null } : operation)) });
  } catch {
    return value;
  }
}

/**
 * The `storage` prop for GraphiQL: the tab's sessionStorage (`tab`), GraphiQL's keys only (its
 * `clear` leaves the sign-in's tokens alone), every value without request headers.
 */
export function explorerStorage(tab: Storage): Storage {
  return {
    getItem: (key) => tab.getItem(key),
    setItem: (key, value) => {
      const kept = withoutHeaders(key, value);
      if (kept === null) tab.removeItem(key);
      else tab.setItem(key, kept);
    },
    removeItem: (key) => tab.removeItem(key),
    clear: () => forgetExplorerState(tab),
    key: (index) => graphiqlKeys(tab)[index] ?? null,
    get length() {
      return graphiqlKeys(tab).length;
    },
  };
}

/**
 * Forgets what GraphiQL kept in `storage` (its tabs, history, favourites, query and variables): at
 * 退出 in the tab's sessionStorage, and on every load in localStorage, where GraphiQL kept it
 * before (tokens in the history's headers among it). Storage that cannot be used is left alone.
 */
export function forgetExplorerState(storage: Storage | null): void {
  try {
    if (storage) for (const key of graphiqlKeys(storage)) storage.removeItem(key);
  } catch {
    // Storage blocked (a private window): nothing was kept there either.
  }
}
