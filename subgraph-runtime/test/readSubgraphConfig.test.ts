import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from '@linju/observability';
import { databaseAddress, databaseUser } from '../src/database/databaseAddress.ts';
import { readStoreUrls, readSubgraphConfig } from '../src/server/readSubgraphConfig.ts';

const SECRET = 's'.repeat(40);
const URL = 'postgresql://linju:pw@db.example:5432/sichuan';
const production = { LINJU_ENV: 'production', SICHUAN_GATEWAY_SECRET: SECRET, SICHUAN_DATABASE_URL: URL };

function refusal(env: NodeJS.ProcessEnv, name = 'sichuan'): ConfigError {
  try {
    readSubgraphConfig(name, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('readSubgraphConfig', () => {
  test.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['SICHUAN_PORT', { SICHUAN_PORT: 'abc' }, /^Invalid SICHUAN_PORT="abc": expected a port number from 0 to 65535$/],
    ['SICHUAN_PORT', { SICHUAN_PORT: '65536' }, /SICHUAN_PORT="65536"/],
    ['SICHUAN_PORT', { SICHUAN_PORT: '-1' }, /SICHUAN_PORT="-1"/],
    ['LINJU_ENV', { LINJU_ENV: 'prod' }, /^Invalid LINJU_ENV="prod": expected "production" or "development"$/],
    ['LINJU_SEED', { LINJU_SEED: 'yes' }, /^Invalid LINJU_SEED="yes": expected "demo" or "none"$/],
    ['LINJU_DATABASE_CONNECT_ATTEMPTS', { LINJU_DATABASE_CONNECT_ATTEMPTS: '0' }, /LINJU_DATABASE_CONNECT_ATTEMPTS="0"/],
    ['LINJU_DATABASE_CONNECT_ATTEMPTS', { LINJU_DATABASE_CONNECT_ATTEMPTS: 'many' }, /LINJU_DATABASE_CONNECT_ATTEMPTS="many"/],
    ['LINJU_DATABASE_POOL_SIZE', { LINJU_DATABASE_POOL_SIZE: '0' }, /^Invalid LINJU_DATABASE_POOL_SIZE="0": expected a whole number of connections from 1 to 1000$/],
    ['LINJU_DATABASE_POOL_SIZE', { LINJU_DATABASE_POOL_SIZE: '10.5' }, /LINJU_DATABASE_POOL_SIZE="10.5"/],
    ['LINJU_AGGREGATE_CACHE_TTL_MS', { LINJU_AGGREGATE_CACHE_TTL_MS: 'soon' }, /LINJU_AGGREGATE_CACHE_TTL_MS="soon"/],
    // The value holds a password: the message gives the expected shape, not the value.
    ['SICHUAN_DATABASE_URL', { SICHUAN_DATABASE_URL: 'mysql://linju:hunter2@db/linju' }, /^Invalid SICHUAN_DATABASE_URL: expected a PostgreSQL URL such as postgresql:\/\/user:password@host:5432\/database$/],
    ['SICHUAN_DATABASE_URL', { SICHUAN_DATABASE_URL: 'linju:hunter2@db' }, /^Invalid SICHUAN_DATABASE_URL/],
    ['SICHUAN_MIGRATION_DATABASE_URL', { SICHUAN_MIGRATION_DATABASE_URL: 'owner:hunter2@db' }, /^Invalid SICHUAN_MIGRATION_DATABASE_URL: expected a PostgreSQL URL/],
    ['SICHUAN_DATABASE_URL', { ...production, SICHUAN_DATABASE_URL: '' }, /^SICHUAN_DATABASE_URL is not set: production .* the embedded default is for development only$/],
    ['SICHUAN_GATEWAY_SECRET', { ...production, SICHUAN_GATEWAY_SECRET: ' ' }, /^SICHUAN_GATEWAY_SECRET is not set: production/],
    ['SICHUAN_DATABASE_URL', { NODE_ENV: 'production', SICHUAN_GATEWAY_SECRET: SECRET }, /^SICHUAN_DATABASE_URL is not set/],
  ])('%s: %j is refused, naming it', (variable, env, says) => {
    const error = refusal(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(says);
    expect(error.message).not.toContain('hunter2');
  });

  test("each member's variables carry its own prefix", () => {
    expect(refusal({ LINJU_ENV: 'production' }, 'joint').variable).toBe('JOINT_DATABASE_URL');
    expect(refusal({ CHONGQING_PORT: 'x' }, 'chongqing').variable).toBe('CHONGQING_PORT');
  });

  test('the demonstration seed: in development unless LINJU_SEED=none; in production only with LINJU_SEED=demo', () => {
    expect(readSubgraphConfig('sichuan', {}).seed).toBe(true);
    expect(readSubgraphConfig('sichuan', { LINJU_SEED: 'none' }).seed).toBe(false);
    expect(readSubgraphConfig('sichuan', production).seed).toBe(false);
    expect(readSubgraphConfig('sichuan', { ...production, LINJU_SEED: 'demo' }).seed).toBe(true);
  });

  test('defaults: the member port, 127.0.0.1, the embedded store under LINJU_DATA_DIR, 8 connection attempts, a pool of 10', () => {
    const config = readSubgraphConfig('chongqing', { LINJU_DATA_DIR: '/srv/linju-data' });
    expect(config).toMatchObject({ port: 4002, host: '127.0.0.1', production: false, databaseUrl: undefined, databaseUrlVariable: 'CHONGQING_DATABASE_URL', dataDir: '/srv/linju-data/chongqing', connectAttempts: 8, poolSize: 10 });
    expect(readSubgraphConfig('chongqing', { LINJU_DATABASE_POOL_SIZE: '40' }).poolSize).toBe(40);
    expect(readSubgraphConfig('sichuan', production)).toMatchObject({ production: true, databaseUrl: URL, migrationDatabaseUrl: undefined, migrationDatabaseUrlVariable: 'SICHUAN_MIGRATION_DATABASE_URL' });
    const owner = 'postgresql://owner:pw@db.example:5432/sichuan';
    expect(readSubgraphConfig('sichuan', { ...production, SICHUAN_MIGRATION_DATABASE_URL: owner })).toMatchObject({ databaseUrl: URL, migrationDatabaseUrl: owner });
  });

  test.each([
    ['a "/" that ends the host', 'postgresql://linju:hunter2/x+y=@db.example:5432/sichuan'],
    ['a "/" after digits, which parses as a port', 'postgresql://linju:12/hunter2+y=@db.example:5432/sichuan'],
    ['a bare "%"', 'postgresql://linju:hunter2%zz@db.example:5432/sichuan'],
  ])('an unencoded password (%s) is refused with the hint to percent-encode it, never shown', (_case, value) => {
    const error = refusal({ SICHUAN_DATABASE_URL: value });
    expect(error.variable).toBe('SICHUAN_DATABASE_URL');
    expect(error.message).toMatch(/^(Invalid SICHUAN_DATABASE_URL: expected a PostgreSQL URL .*|SICHUAN_DATABASE_URL does not parse as intended: .*); a password holding \/ \+ = \(as openssl rand -base64 makes\) .* must be percent-encoded in the URL \(\/ as %2F, \+ as %2B, = as %3D/);
    expect(error.message).not.toContain('hunter2');
    expect(readSubgraphConfig('sichuan', { SICHUAN_DATABASE_URL: `postgresql://linju:${encodeURIComponent('hunter2/x+y=')}@db.example:5432/sichuan` }).databaseUrl).toContain('%2F');
  });

  // Each of these parses as a URL, but not as the operator meant: node-postgres would connect to the
  // host "ss" (the rest of the password and the real host lost in the fragment), retrying it for half a minute.
  test.each([
    ['"@" and "#"', 'postgresql://sichuan_runtime:p@ss#w/rd@127.0.0.1:4850/sichuan', 'it holds a "#", which ends the URL there (a fragment)'],
    ['"#" after digits, which parse as a port', 'postgresql://sichuan_runtime:4850#ss@127.0.0.1:4850/sichuan', 'it holds a "#", which ends the URL there (a fragment)'],
    ['two "@"', 'postgresql://sichuan_runtime:p@ss@127.0.0.1:4850/sichuan', 'it holds more than one "@" before the host'],
    ['"@" then "/"', 'postgresql://sichuan_runtime:p@ss/w@127.0.0.1:4850/sichuan', 'its path is not one database name'],
    ['"/" after digits', 'postgresql://sichuan_runtime:12/ss@127.0.0.1:4850/sichuan', 'its path is not one database name'],
  ])('a password with an unencoded %s is refused at once: the URL does not parse as intended, the password never shown', (_case, value, why) => {
    const error = refusal({ SICHUAN_DATABASE_URL: value });
    expect(error.variable).toBe('SICHUAN_DATABASE_URL');
    expect(error.message).toBe(
      `SICHUAN_DATABASE_URL does not parse as intended: ${why}; a password holding / + = (as openssl rand -base64 makes) or @ : # ? % must be percent-encoded in the URL (/ as %2F, + as %2B, = as %3D, @ as %40, # as %23, % as %25)`,
    );
    expect(refusal({ ...production, SICHUAN_MIGRATION_DATABASE_URL: value }).variable).toBe('SICHUAN_MIGRATION_DATABASE_URL');
  });

  test('the same password percent-encoded is taken, and so is a URL with no database name', () => {
    const encoded = `postgresql://sichuan_runtime:${encodeURIComponent('p@ss#w/rd')}@127.0.0.1:4850/sichuan`;
    expect(encoded).toBe('postgresql://sichuan_runtime:p%40ss%23w%2Frd@127.0.0.1:4850/sichuan');
    expect(readSubgraphConfig('sichuan', { SICHUAN_DATABASE_URL: encoded }).databaseUrl).toBe(encoded);
    expect(readSubgraphConfig('sichuan', { SICHUAN_DATABASE_URL: 'postgresql://linju:pw@db.example:5432' }).databaseUrl).toBe('postgresql://linju:pw@db.example:5432');
    expect(readSubgraphConfig('sichuan', { SICHUAN_DATABASE_URL: 'postgresql://linju:pw@db.example:5432/sichuan?sslmode=require' }).databaseUrl).toContain('sslmode');
  });

  // Each as node-postgres (pg-connection-string) and libpq read it; the address is what log lines and refusals say.
  test.each([
    ['a Unix socket, user and password, no host', 'postgresql://sichuan_runtime:pw@/sichuan?host=/var/run/postgresql', 'sichuan_runtime@/var/run/postgresql/.s.PGSQL.5432 (sichuan)'],
    ['a Unix socket, a user alone', 'postgresql://sichuan_runtime@/sichuan?host=/var/run/postgresql', 'sichuan_runtime@/var/run/postgresql/.s.PGSQL.5432 (sichuan)'],
    ['a Unix socket, no user', 'postgresql:///sichuan?host=/var/run/postgresql', '/var/run/postgresql/.s.PGSQL.5432 (sichuan)'],
    ['a Unix socket percent-encoded as the host', 'postgresql://sichuan_runtime:pw@%2Fvar%2Frun%2Fpostgresql:5433/sichuan', 'sichuan_runtime@/var/run/postgresql/.s.PGSQL.5433 (sichuan)'],
    ['IPv6 loopback', 'postgresql://sichuan_runtime:pw@[::1]:5432/sichuan', 'sichuan_runtime@[::1]:5432/sichuan'],
    ['an IPv6 address', 'postgresql://sichuan_runtime:pw@[2001:db8::5]/sichuan', 'sichuan_runtime@[2001:db8::5]:5432/sichuan'],
    ['a percent-encoded "@", "#" and "/" in the password', 'postgresql://sichuan_runtime:p%40%23%2Frd@db.example/sichuan', 'sichuan_runtime@db.example:5432/sichuan'],
    ['sslmode', 'postgresql://sichuan_runtime:pw@db.example/sichuan?sslmode=require', 'sichuan_runtime@db.example:5432/sichuan'],
    ['options', 'postgresql://sichuan_runtime:pw@db.example/sichuan?options=-c%20statement_timeout%3D5000', 'sichuan_runtime@db.example:5432/sichuan'],
    ['an "@" in application_name', 'postgresql://sichuan_runtime:pw@db.example/sichuan?application_name=a@b', 'sichuan_runtime@db.example:5432/sichuan'],
    ['host, port and user options, which win over the URL’s', 'postgresql://x:pw@db.example:5432/sichuan?host=/run/pg&port=6000&user=sichuan_runtime', 'sichuan_runtime@/run/pg/.s.PGSQL.6000 (sichuan)'],
  ])('%s is taken, by the subgraph and the tools alike (readStoreUrls), and its address read', (_case, value, address) => {
    expect(readSubgraphConfig('sichuan', { SICHUAN_DATABASE_URL: value }).databaseUrl).toBe(value);
    expect(readStoreUrls('sichuan', { SICHUAN_MIGRATION_DATABASE_URL: value }).migrationDatabaseUrl).toBe(value);
    expect(databaseAddress(value)).toBe(address);
    expect(databaseUser(value)).toBe(address.includes('@') ? 'sichuan_runtime' : '');
  });

  test.each([
    ['an unencoded "@" then "/" before a socket’s empty host', 'postgresql://sichuan_runtime:p@/ss@/sichuan?host=/var/run/postgresql', 'its path is not one database name'],
    ['an unencoded "/" before a socket’s empty host', 'postgresql://sichuan_runtime:p/ss@/sichuan?host=/var/run/postgresql', undefined],
  ])('a socket’s URL with a password holding %s is still refused', (_case, value, why) => {
    const error = refusal({ SICHUAN_DATABASE_URL: value });
    expect(error.variable).toBe('SICHUAN_DATABASE_URL');
    expect(error.message).toMatch(why ? `SICHUAN_DATABASE_URL does not parse as intended: ${why}; ` : /^Invalid SICHUAN_DATABASE_URL: expected a PostgreSQL URL .*; a password holding/);
  });
});

describe('the files a database URL names (sslrootcert, sslcert, sslkey) are read at start, as the driver would at each connection', () => {
  const folder = mkdtempSync(join(tmpdir(), 'linju-url-files-'));
  chmodSync(folder, 0o755);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const ca = join(folder, 'ca.crt');
  writeFileSync(ca, 'a CA', { mode: 0o600 });
  const url = (file: string) => `postgresql://linju:hunter2@db.example:5432/sichuan?sslmode=verify-full&sslrootcert=${encodeURIComponent(file)}`;

  test('a missing sslrootcert stops the start (and npm run migrate) with one line naming the variable, the file and the reason in words', () => {
    expect(readSubgraphConfig('sichuan', { SICHUAN_DATABASE_URL: url(ca) }).databaseUrl).toBe(url(ca));
    const missing = join(folder, 'absent.crt');
    const error = refusal({ SICHUAN_DATABASE_URL: url(missing) });
    expect(error).toMatchObject({ variable: 'SICHUAN_DATABASE_URL', message: `SICHUAN_DATABASE_URL: its sslrootcert file ${JSON.stringify(missing)} cannot be read: no such file or directory (ENOENT)` });
    expect(() => readStoreUrls('sichuan', { SICHUAN_MIGRATION_DATABASE_URL: `postgresql://owner:hunter2@db/sichuan?sslkey=${encodeURIComponent(missing)}` })).toThrow(
      new ConfigError('SICHUAN_MIGRATION_DATABASE_URL', `SICHUAN_MIGRATION_DATABASE_URL: its sslkey file ${JSON.stringify(missing)} cannot be read: no such file or directory (ENOENT)`),
    );
  });

  test('an sslrootcert the service user may not read (0600, another owner) names that user', () => {
    // Run as nobody when the test runs as root (root reads any file).
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(ca, 0o000);
    const config = fileURLToPath(new globalThis.URL('../src/server/readSubgraphConfig.ts', import.meta.url));
    const script = `import(${JSON.stringify(config)}).then((m) => { try { m.readStoreUrls('sichuan', { SICHUAN_DATABASE_URL: ${JSON.stringify(url(ca))} }); console.log('accepted'); } catch (e) { console.log(e.variable + ' | ' + e.message); } })`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(new globalThis.URL('..', import.meta.url)), ...(asRoot && { uid: 65534, gid: 65534 }) });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toMatch(new RegExp(`^SICHUAN_DATABASE_URL \\| SICHUAN_DATABASE_URL: its sslrootcert file "${ca.replace(/[.]/g, '\\.')}" cannot be read: permission denied to the user this process runs as \\(.+\\) \\(EACCES\\)$`));
    expect(run.stdout).not.toContain('hunter2');
  });
});
