/**
 * `npm run certs -- --out .data/tls --hosts sichuan=10.77.1.2,chongqing=10.77.2.2,joint=10.77.3.2`:
 * a private CA for development (docs/separate-hosts.md) and, signed by it, a server certificate per
 * member (its name and the given addresses in subjectAltName; several with `+`:
 * `sichuan=10.77.1.2+sichuan.example`) and a client certificate for the gateway (`--client`, again
 * for more). A CA already in `--out` is kept (one out of date is refused: every certificate must be
 * made again under a new one), and so is each certificate whose `<name>.crt` and `<name>.key` are
 * already there (run again to add a host: only the new one is made), unless `--force` (each named one
 * made again, with a new key) or it could not serve any more (`certificateToKeep`: expired, another
 * CA's, missing an address now given; made again, and why said). Keys are written 0600. Development only.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDevCertificates } from '@linju/testing/tls';
import { certificateToKeep, type CertificateToKeep } from './certificateToKeep.ts';

const usage = 'Usage: npm run certs -- --out <dir> --hosts <name>=<ip or dns>[+<more>][,<name>=…] [--client gateway] [--days 825] [--force]';

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { out: { type: 'string' }, hosts: { type: 'string' }, client: { type: 'string', multiple: true }, days: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.out) fail('--out is required');
if (!values.hosts) fail('--hosts is required');
const servers = Object.fromEntries(
  values.hosts.split(',').map((pair) => {
    const [name, addresses] = pair.split('=');
    if (!name || !addresses) fail(`--hosts: "${pair}" is not <name>=<address>`);
    return [name.trim(), addresses.split('+').map((address) => address.trim())];
  }),
);
const days = values.days === undefined ? undefined : Number(values.days);
if (days !== undefined && (!Number.isInteger(days) || days < 1)) fail('--days: a whole number of days');
const out = resolve(values.out);
const clients = values.client ?? ['gateway'];
const caFile = join(out, 'ca.crt');
// A CA made now (either file missing) signs anew: no certificate already there verifies under it.
const caMadeNow = !existsSync(caFile) || !existsSync(join(out, 'ca.key'));
if (!caMadeNow) {
  const validTo = new Date(new X509Certificate(readFileSync(caFile)).validTo);
  if (validTo <= new Date()) fail(`The CA in ${caFile} expired on ${validTo.toISOString().slice(0, 10)}: move ca.crt and ca.key away, then run this with --force for every host and client (each must be made again under the new CA, and every process given the new ca.crt)`);
}
// A certificate in use (the gateway's, a replica's) and its key stay as they are while they can serve: made again with --force, or when they cannot.
const kept = new Map<string, CertificateToKeep>(
  [...Object.entries(servers), ...clients.map((name) => [name, undefined] as const)].map(([name, addresses]) => [
    name,
    values.force
      ? { keep: false }
      : caMadeNow && existsSync(join(out, `${name}.crt`))
        ? { keep: false, why: 'was signed by a CA no longer there (the CA is made anew)' }
        : certificateToKeep({ cert: join(out, `${name}.crt`), key: join(out, `${name}.key`), ca: caFile }, addresses),
  ]),
);
const making = (name: string) => !kept.get(name)?.keep;
try {
  const made = createDevCertificates({
    out,
    servers: Object.fromEntries(Object.entries(servers).filter(([name]) => making(name))),
    clients: clients.filter(making),
    ...(days && { days }),
  });
  console.log(`CA:      ${made.ca.cert} (key ${made.ca.key})`);
  const line = (kind: string, name: string, files: { cert: string; key: string } | undefined) => {
    const state = kept.get(name);
    const said = state?.keep
      ? `${join(out, `${name}.crt`)} (key ${join(out, `${name}.key`)}): kept, already there, valid until ${state.validTo.toISOString().slice(0, 10)} (--force makes it again with a new key)`
      : `${files!.cert} (key ${files!.key})${state?.why ? `: made again, the one there ${state.why}` : ''}`;
    console.log(`${kind.padEnd(8)} ${name.padEnd(10)} ${said}`);
  };
  for (const name of Object.keys(servers)) line('server:', name, made.servers[name]);
  for (const name of clients) line('client:', name, made.clients[name]);
} catch (error) {
  fail((error as Error).message);
}
