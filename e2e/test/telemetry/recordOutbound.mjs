// Loaded with --import before anything else of the process: every name lookup and every TCP
// connection that is not to this machine is written to stderr as one line and refused here, so a
// test sees traffic that would leave the machine (usage reports, cloud-metadata probes) without
// any of it being sent.
import dns from 'node:dns';
import net from 'node:net';

const local = (host) => host === undefined || host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
const refused = (what, host) => {
  process.stderr.write(`OUTBOUND ${what} ${host}\n`);
  return Object.assign(new Error(`refused by the test: ${what} ${host}`), { code: 'ENOTFOUND' });
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (local(hostname)) return lookup.call(this, hostname, ...rest);
  const callback = rest.find((arg) => typeof arg === 'function');
  const error = refused('lookup', hostname);
  process.nextTick(() => callback?.(error));
  return undefined;
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  return local(hostname) ? promisesLookup.call(this, hostname, ...rest) : Promise.reject(refused('lookup', hostname));
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (!options || options.path || local(options.host)) return connect.apply(this, args);
  const error = refused('connect', options.host);
  process.nextTick(() => this.destroy(error));
  return this;
};
