import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { ConfigError } from './ConfigError.ts';
import { setting } from './setting.ts';

/** An address as written in a socket's `remoteAddress` or a header: IPv4 mapped into IPv6 as plain IPv4. */
function plain(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * Who sent a request, as a server's log line names it: the socket's peer, unless the peer is a
 * balancer the server trusts (`LINJU_TRUSTED_PROXIES`), whose `X-Forwarded-For` then says who came
 * before it. Only that header's last address is read, the one the balancer itself added: whatever
 * a client wrote there before is never believed, even when the client's address is the balancer's
 * own (one machine, `npm run cluster`). A last entry that is no address leaves the peer.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, trusted: ReadonlySet<string>): string | undefined {
  const peer = request.socket.remoteAddress && plain(request.socket.remoteAddress);
  if (!peer || !trusted.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const added = plain((Array.isArray(header) ? header.join(',') : header ?? '').split(',').at(-1) ?? '');
  return isIP(added) ? added : peer;
}

/**
 * `LINJU_TRUSTED_PROXIES`: the addresses of the balancers in front of this server (comma- or
 * space-separated IP addresses), whose `X-Forwarded-For` it believes. Unset: none, every request's
 * client is its socket's peer.
 * @throws {ConfigError} naming the variable, for an entry that is no IP address
 */
export function trustedProxiesSetting(env: NodeJS.ProcessEnv): ReadonlySet<string> {
  const value = setting(env, 'LINJU_TRUSTED_PROXIES');
  if (value === undefined) return new Set();
  const entries = value.split(/[\s,]+/).filter(Boolean);
  const wrong = entries.find((entry) => !isIP(entry));
  if (wrong !== undefined) throw ConfigError.invalid('LINJU_TRUSTED_PROXIES', value, `IP addresses of the balancers in front of this server, separated by commas (10.0.0.11,10.0.0.12), not ${JSON.stringify(wrong)}`);
  return new Set(entries.map(plain));
}
