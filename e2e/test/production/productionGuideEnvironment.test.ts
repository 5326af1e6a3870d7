import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readGatewayConfig } from '@linju/gateway/config';
import { readSubgraphConfig } from '@linju/subgraph-runtime';
import { createDevCertificates } from '@linju/testing/tls';

/**
 * The environment files docs/deployment.md tells an operator to write for a jurisdiction's replica
 * and for the gateway, read by the processes' own configuration readers as systemd would hand them
 * over, with every certificate file made where they name it: production, and the gateway's calls
 * across the network in HTTPS, the replica requiring a client certificate of the federation's CA.
 * (Unknown variables are not refused by the readers, so a misspelt optional one would pass here.)
 */

const GUIDE = readFileSync(new URL('../../../docs/deployment.md', import.meta.url), 'utf8');
const TLS_FOLDER = '/etc/linju/tls/';

/** The `sh` block that the sentence naming `/etc/linju/<file>` introduces, as written. */
function environmentFileText(file: string): string {
  const block = new RegExp(`\`/etc/linju/${file.replace('.', '\\.')}\`[^\`]*?:\n\n\`\`\`sh\n([\\s\\S]*?)\`\`\``).exec(GUIDE);
  if (!block) throw new Error(`docs/deployment.md shows no /etc/linju/${file}`);
  return block[1]!;
}

/** The variables a file assigns, by the names on its lines (comments left out). */
const assigned = (text: string) => [...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]!);

/** Only the variables the file assigns, of an environment read from it. */
const only = (text: string, env: Record<string, string>) => Object.fromEntries(assigned(text).flatMap((key) => (key in env ? [[key, env[key]!]] : [])));

/**
 * The file as the tools' hosts load it (docs/deployment.md, "Operations tools"): `set -a; . file;
 * set +a` in `sh` (Debian's dash), with nothing else in the environment.
 */
function asShellReadsIt(text: string): Record<string, string> {
  const file = join(scratch, 'shell.env');
  writeFileSync(file, text);
  const result = spawnSync('/bin/sh', ['-c', 'set -a; . "$1"; set +a; wait; env -0', 'sh', file], { env: {}, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sh could not load it: ${result.stderr}`);
  return only(text, Object.fromEntries(result.stdout.split('\0').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])));
}

/**
 * systemd's environment.d generator: it reads a file with the parser of `EnvironmentFile=`
 * (systemd's parse_env_file_internal; it adds `$VAR` expansion, which these files do not use), and
 * prints each variable quoted for the shell where it must be.
 */
const ENVIRONMENT_D = '/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator';

/** The file as systemd's `EnvironmentFile=` reads it, when systemd's generator is installed. */
function asSystemdReadsIt(text: string): Record<string, string> | undefined {
  if (!existsSync(ENVIRONMENT_D)) return undefined;
  const home = mkdtempSync(join(scratch, 'systemd-'));
  mkdirSync(join(home, 'environment.d'));
  writeFileSync(join(home, 'environment.d', '50-linju.conf'), text);
  const result = spawnSync(ENVIRONMENT_D, [], { env: { HOME: home, XDG_CONFIG_HOME: home }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`systemd's generator failed: ${result.stderr}`);
  return only(text, Object.fromEntries(result.stdout.split('\n').filter(Boolean).map((line) => {
    const value = line.slice(line.indexOf('=') + 1);
    // Printed in double quotes, backslash before " \ ` $, when the value needs quoting for a shell.
    return [line.slice(0, line.indexOf('=')), value.startsWith('"') ? value.slice(1, -1).replace(/\\(["\\`$])/g, '$1') : value];
  })));
}

/** The environment a file gives the process: as systemd reads it (as the shell does where systemd's reader is not installed). */
function environmentFile(file: string): Record<string, string> {
  const text = environmentFileText(file);
  return asSystemdReadsIt(text) ?? asShellReadsIt(text);
}

// Made as the file is loaded: the environment files are read (by sh, by systemd's generator) in it.
const scratch = mkdtempSync(join(tmpdir(), 'linju-guide-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The database server's CA the URLs name (`sslrootcert`), made here too. */
const DATABASE_CA = '/etc/linju/postgres-ca.pem';

/** The file as this test's process reads it: certificates made here instead of `/etc/linju/tls/` (and the database's CA), a secret instead of `…`. */
function asDeployed(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [
    key,
    value === '…' ? randomBytes(32).toString('base64url') : value.replace('…', 'password').replace(TLS_FOLDER, `${scratch}/`).replace(DATABASE_CA, join(scratch, 'postgres-ca.pem')),
  ]));
}

/** The certificate file a variable names, by its name in the TLS folder (`sichuan-s1.crt`). */
const fileIn = (value: string | undefined) => value?.startsWith(TLS_FOLDER) ? value.slice(TLS_FOLDER.length) : undefined;

describe('the production guide’s environment files', () => {
  const sichuan = environmentFile('sichuan.env');
  const gateway = environmentFile('gateway.env');

  // An unquoted `&` (a database URL's second parameter) makes `set -a; .` run the assignment in
  // the background, and the URL never reaches the tools: each value must read the same both ways.
  test.each(['sichuan.env', 'gateway.env', 'documents.env'])('%s reads the same through `set -a; . file; set +a` as through systemd’s EnvironmentFile=', (file) => {
    const text = environmentFileText(file);
    const shell = asShellReadsIt(text);
    expect(Object.keys(shell)).toEqual(assigned(text));
    const systemd = asSystemdReadsIt(text);
    if (systemd) expect(shell).toEqual(systemd);
    else console.warn(`Skipping systemd's reading: ${ENVIRONMENT_D} is not installed here`);
  });

  beforeAll(() => {
    // Every file they name in the TLS folder, from a CA of the test's: Sichuan's replica's
    // certificate for its own address and its balancer's (the host of the gateway's URL), the other
    // members' for theirs, and the gateway's client certificate.
    const replica = fileIn(sichuan.LINJU_TLS_CERT)!.replace(/\.crt$/, '');
    createDevCertificates({
      out: scratch,
      servers: {
        [replica]: [sichuan.LINJU_HOST!, new URL(gateway.SICHUAN_URL!).hostname],
        chongqing: [new URL(gateway.CHONGQING_URL!).hostname],
        joint: [new URL(gateway.JOINT_URL!).hostname],
      },
    });
    // The CA's key is never on the hosts; its certificate is, under the guide's name.
    rmSync(join(scratch, 'ca.key'));
    copyFileSync(join(scratch, 'ca.crt'), join(scratch, fileIn(gateway.LINJU_SUBGRAPH_CA)!));
    copyFileSync(join(scratch, 'ca.crt'), join(scratch, 'postgres-ca.pem'));
  });

  test('a jurisdiction’s replica: production, its address, its store, HTTPS requiring a client certificate of the federation’s CA', () => {
    const config = readSubgraphConfig('sichuan', asDeployed(sichuan));
    expect(config.production).toBe(true);
    expect(config.host).toBe(sichuan.LINJU_HOST);
    expect(config.port).toBe(Number(sichuan.SICHUAN_PORT));
    expect(config.databaseUrl).toMatch(/^postgresql:\/\/sichuan_runtime:.*sslmode=verify-full/);
    expect(config.tls?.cert).toContain('BEGIN CERTIFICATE');
    expect(config.tls?.key).toContain('PRIVATE KEY');
    // The CA it requires the gateway's certificate to chain to is the one the gateway trusts for it.
    expect(sichuan.LINJU_TLS_CLIENT_CA).toBe(gateway.LINJU_SUBGRAPH_CA);
    expect(config.tls?.clientCa).toContain('BEGIN CERTIFICATE');
  });

  test('the gateway: every member across the network in HTTPS, the federation’s CA and its client certificate', () => {
    const config = readGatewayConfig(asDeployed(gateway));
    expect(config.production).toBe(true);
    expect(Object.keys(config.subgraphUrls).sort()).toEqual(['chongqing', 'joint', 'sichuan']);
    for (const url of Object.values(config.subgraphUrls)) expect(new URL(url).protocol).toBe('https:');
    expect(config.subgraphTls?.ca).toContain('BEGIN CERTIFICATE');
    expect(config.subgraphTls?.cert).toContain('BEGIN CERTIFICATE');
    expect(config.subgraphTls?.key).toContain('PRIVATE KEY');
    // Sichuan's balancer listens on the replicas' port.
    expect(new URL(config.subgraphUrls.sichuan!).port).toBe(sichuan.SICHUAN_PORT);
  });

  test('the member’s balancer listens where the gateway calls Sichuan and sends to the replica, passing its TLS through', () => {
    const balancer = [...GUIDE.matchAll(/```\n(global\n[\s\S]*?)```/g)].map((match) => match[1]!).find((config) => /^  mode tcp$/m.test(config));
    expect(balancer).toBeDefined();
    const url = new URL(gateway.SICHUAN_URL!);
    expect(balancer).toMatch(new RegExp(`^  bind ${url.hostname.replaceAll('.', '\\.')}:${url.port}$`, 'm'));
    expect(balancer).toMatch(new RegExp(`^  server \\S+ ${sichuan.LINJU_HOST!.replaceAll('.', '\\.')}:${sichuan.SICHUAN_PORT}$`, 'm'));
    // Its checks present a client certificate and verify the replica's against the federation's CA.
    expect(balancer).toMatch(/check-ssl verify required ca-file \S+ crt \S+/);
  });
});
