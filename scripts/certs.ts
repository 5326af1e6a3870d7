/**
 * `npm run certs -- --out .data/tls --hosts sichuan=10.77.1.2,chongqing=10.77.2.2,joint=10.77.3.2`:
 * a private CA for development (docs/separate-hosts.md) and, signed by it, a server certificate per
 * member (its name and the given addresses in subjectAltName; several with `+`:
 * `sichuan=10.77.1.2+sichuan.example`) and a client certificate for the gateway (`--client`, again
 * for more). A CA already in `--out` is kept, and so is each certificate whose `<name>.crt` and
 * `<name>.key` are already there (run again to add a host: only the new one is made), unless
 * `--force` (each named one made again, with a new key). Keys are written 0600. Development only.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDevCertificates } from '@linju/testing/tls';

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
// Made again only with --force: a certificate in use (the gateway's, a replica's) and its key stay as they are.
const existing = (name: string) => !values.force && existsSync(join(out, `${name}.crt`)) && existsSync(join(out, `${name}.key`));
try {
  const made = createDevCertificates({
    out,
    servers: Object.fromEntries(Object.entries(servers).filter(([name]) => !existing(name))),
    clients: clients.filter((name) => !existing(name)),
    ...(days && { days }),
  });
  console.log(`CA:      ${made.ca.cert} (key ${made.ca.key})`);
  const line = (kind: string, name: string, files: { cert: string; key: string } | undefined) =>
    console.log(`${kind.padEnd(8)} ${name.padEnd(10)} ${files ? `${files.cert} (key ${files.key})` : `${join(out, `${name}.crt`)} (key ${join(out, `${name}.key`)}): kept, already there (--force makes it again with a new key)`}`);
  for (const name of Object.keys(servers)) line('server:', name, made.servers[name]);
  for (const name of clients) line('client:', name, made.clients[name]);
} catch (error) {
  fail((error as Error).message);
}
