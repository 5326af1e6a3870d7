/**
 * The bearer token the page sends. `npm start` prints the dashboard's address with a viewer token
 * in the fragment (`/dashboard/#token=…`): a fragment never reaches a server or its logs. The page
 * moves it to sessionStorage (gone when the tab closes) and removes it from the address bar, so it
 * is neither bookmarked nor shown on a projected screen. Without a token the page shows the public
 * figures only.
 */
const KEY = 'linju.dashboard.token';

/** Takes a token from the address's fragment, if any, and returns the token to use (or null). */
export function initialToken(location: Location, history: History, storage: Storage): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get('token');
  if (fromFragment) {
    storage.setItem(KEY, fromFragment.trim());
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }
  return storage.getItem(KEY);
}

/** Keeps a pasted token for this tab, or forgets it (null or blank). */
export function storeToken(storage: Storage, token: string | null): string | null {
  const value = token?.trim().replace(/^Bearer\s+/i, '') || null;
  if (value) storage.setItem(KEY, value);
  else storage.removeItem(KEY);
  return value;
}
