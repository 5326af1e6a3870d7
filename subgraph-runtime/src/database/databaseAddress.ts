/** A stand-in for the host a URL leaves out after its user, which WHATWG's URL refuses and node-postgres accepts (`pg-connection-string` does the same). */
const NO_HOST = '@no-host.invalid/';

/**
 * A PostgreSQL URL, parsed as node-postgres reads it, and where it connects: `host` (a host name,
 * an address, or a Unix socket's folder), from the `host` option first, then the URL's host, else
 * `localhost`; `port` likewise. A URL that names a user but no host
 * (`postgresql://user:password@/database?host=/var/run/postgresql`, a socket) is read as
 * node-postgres and libpq read it, though WHATWG's URL alone refuses it. Undefined when it does not
 * parse at all.
 */
export function parseDatabaseUrl(value: string): { url: URL; host: string; port: string } | undefined {
  let url: URL;
  let named = true;
  try {
    url = new URL(value);
  } catch {
    try {
      url = new URL(value.replace('@/', NO_HOST));
      named = false;
    } catch {
      return undefined;
    }
  }
  const hostname = named ? url.hostname.replace(/^\[(.+)\]$/, '$1') : '';
  let host = url.searchParams.get('host') || hostname;
  try {
    host = decodeURIComponent(host);
  } catch {
    // Kept as written: the URL's own check refuses it.
  }
  return { url, host: host || 'localhost', port: url.searchParams.get('port') || url.port || '5432' };
}

/**
 * Where a PostgreSQL URL points, for a log line or an operator's message: `user@host:port/database`
 * (`[…]` around an IPv6 address), or for a Unix socket `user@<folder>/.s.PGSQL.<port> (database)`,
 * the socket's path as PostgreSQL names it; never the password (nor the query's other options,
 * which may hold a certificate's path or key).
 */
export function databaseAddress(value: string): string {
  const parsed = parseDatabaseUrl(value);
  if (!parsed) return '(an unreadable URL)';
  const { url, host, port } = parsed;
  try {
    const name = databaseUser(value);
    const user = name ? `${name}@` : '';
    const database = decodeURIComponent(url.pathname.slice(1));
    if (host.startsWith('/')) return `${user}${host.replace(/\/$/, '')}/.s.PGSQL.${port}${database ? ` (${database})` : ''}`;
    return `${user}${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/** The user a PostgreSQL URL connects as, as node-postgres reads it (its `user` option first); '' when it names none. */
export function databaseUser(value: string): string {
  const url = parseDatabaseUrl(value)?.url;
  return url ? url.searchParams.get('user') || decodeURIComponent(url.username) : '';
}

/** A message of the driver's with the URL's password taken out, should the message repeat it. */
export function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(parseDatabaseUrl(url)?.url.password ?? '');
  } catch {
    return message;
  }
  return password ? message.replaceAll(password, '***') : message;
}
