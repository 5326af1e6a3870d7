/**
 * Where a PostgreSQL URL points, for a log line or an operator's message: `user@host:port/database`,
 * never the password (nor the query's options, which may hold a certificate's path or key).
 */
export function databaseAddress(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${user}${host}:${parsed.port || '5432'}/${decodeURIComponent(parsed.pathname.slice(1))}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/** A message of the driver's with the URL's password taken out, should the message repeat it. */
export function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password ? message.replaceAll(password, '***') : message;
}
