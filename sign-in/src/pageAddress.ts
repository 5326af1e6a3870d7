/**
 * A page's redirect URI: its own address without query or fragment (`…/dashboard/`, `…/`), as
 * registered with the identity provider.
 */
export function redirectUriOf(address: URL): string {
  return `${address.origin}${address.pathname}`;
}

/** The parameters an authorization response adds to the address; they leave the address bar once read. */
const CALLBACK_PARAMETERS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

/** Whether the address is the identity provider's answer to a sign-in (a code or an error, with state). */
export function isCallback(address: URL): boolean {
  const query = address.searchParams;
  return query.has('state') && (query.has('code') || query.has('error'));
}

/** The address to show once the answer is read: the same page, its other parameters and fragment kept. */
export function withoutCallback(address: URL): string {
  const clean = new URL(address);
  for (const name of CALLBACK_PARAMETERS) clean.searchParams.delete(name);
  return `${clean.pathname}${clean.search}${clean.hash}`;
}

/**
 * Plain HTTP only on this machine (the development identity provider on 127.0.0.1); anywhere else
 * the issuer must be HTTPS, which oauth4webapi enforces.
 */
export function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}
