/**
 * `npm run certs -- --out .data/tls --hosts sichuan=10.77.1.2,chongqing=10.77.2.2,joint=10.77.3.2`:
 * a private CA for development (docs/separate-hosts.md) and, signed by it, a server certificate per
 * member (its name and the given addresses in subjectAltName; several with `+`:
 * `sichuan=10.77.1.2+sichuan.example`) and a client certificate for the gateway (`--client`, again
 * for more). A CA already in `--out` is kept. Keys are written 0600. Development only.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDevCertificates } from '@linju/testing/tls';

const usage = 'Usage: npm run certs -- --out <dir> --hosts <name>=<ip or dns>[+<more>][,<name>=…] [--client gateway] [--days 825]';

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { out: { type: 'string' }, hosts: { type: 'string' }, client: { type: 'string', multiple: true }, days: { type: 'string' }, help: { type: 'boolean' } } });
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
try {
  const made = createDevCertificates({ out: resolve(values.out), servers, ...(values.client && { clients: values.client }), ...(days && { days }) });
  console.log(`CA:      ${made.ca.cert} (key ${made.ca.key})`);
  for (const [name, files] of Object.entries(made.servers)) console.log(`server:  ${name.padEnd(10)} ${files.cert} (key ${files.key})`);
  for (const [name, files] of Object.entries(made.clients)) console.log(`client:  ${name.padEnd(10)} ${files.cert} (key ${files.key})`);
} catch (error) {
  fail((error as Error).message);
}
