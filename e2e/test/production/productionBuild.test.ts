import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildProduction, REPOSITORY_ROOT, type BuiltProcess } from '@linju/deploy';
import { subgraphs } from '@linju/schema';
import { createDatabaseIfMissing, EmbeddedCluster } from '@linju/subgraph-runtime';
import { ServiceProcess } from '@linju/testing';

/**
 * The production build as an operator deploys it (docs/deployment.md): `npm run build`'s bundles,
 * each started with plain `node dist/<name>/index.mjs` (no tsx, no loader), in production mode,
 * over stores of a PostgreSQL started here, behind the gateway with a JWKS of the office's own.
 */

const ISSUER = 'https://id.example.gov.cn/realms/linju';
const AUDIENCE = 'linju';
const QUERY = '{ overview { alliances { total } } sichuan { activities(first: 1) { totalCount } } chongqing { activities(first: 1) { totalCount } } }';
/** Prints every name lookup or connection that would leave the machine (see ../telemetry/recordOutbound.mjs). */
const RECORD_OUTBOUND = fileURLToPath(new URL('../telemetry/recordOutbound.mjs', import.meta.url));

let dir: string;
let built: BuiltProcess[];
let cluster: EmbeddedCluster;
const running: ServiceProcess[] = [];
let gateway: ServiceProcess;
let viewerToken: string;

function bundleOf(name: string): string {
  return built.find((entry) => entry.server.name === name)!.bundle;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-production-build-'));
  await chmod(dir, 0o755);
  const clusterDir = join(dir, 'cluster');
  await mkdir(clusterDir);
  cluster = new EmbeddedCluster({ dataDir: clusterDir, durable: false });
  [built] = await Promise.all([buildProduction(), cluster.start()]);
  for (const { name } of subgraphs) await createDatabaseIfMissing(cluster.url('postgres'), name);

  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwksFile = join(dir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'office', alg: 'ES256', use: 'sig' }] }));
  viewerToken = await new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'ES256', kid: 'office' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('analyst').setIssuedAt().setExpirationTime('10m').sign(privateKey);

  // What an operator's EnvironmentFile= gives each process.
  const secrets = Object.fromEntries(subgraphs.map(({ name }) => [`${name.toUpperCase()}_GATEWAY_SECRET`, randomBytes(32).toString('base64url')]));
  // No NODE_OPTIONS either: nothing but the bundle and node_modules is loaded.
  const common = { LINJU_ENV: 'production', LINJU_DATA_DIR: join(dir, 'data'), LINJU_DATABASE_CONNECT_ATTEMPTS: '3', NODE_OPTIONS: '' };
  const started = await Promise.all(
    subgraphs.map(({ name }) => {
      const key = name.toUpperCase();
      const store = { [`${key}_DATABASE_URL`]: cluster.url(name), [`${key}_MIGRATION_DATABASE_URL`]: cluster.url(name) };
      // Sichuan's pool held to one connection, to see LINJU_DATABASE_POOL_SIZE reach the pool.
      const pool: Record<string, string> = name === 'sichuan' ? { LINJU_DATABASE_POOL_SIZE: '1' } : {};
      return ServiceProcess.start(name, bundleOf(name), { ...common, ...store, ...pool, [`${key}_PORT`]: '0', [`${key}_GATEWAY_SECRET`]: secrets[`${key}_GATEWAY_SECRET`]! });
    }),
  );
  running.push(...started);
  gateway = await ServiceProcess.start('gateway', bundleOf('gateway'), {
    ...common,
    ...secrets,
    ...Object.fromEntries(subgraphs.map(({ name, urlVariable }) => [urlVariable, started.find((service) => service.label === name)!.url])),
    PORT: '0',
    LINJU_JWKS_FILE: jwksFile,
    LINJU_JWT_ISSUER: ISSUER,
    LINJU_JWT_AUDIENCE: AUDIENCE,
    LINJU_RESPONSE_CACHE_TTL_MS: '0',
    // The shell of an operator who never heard of the variable: the gateway turns Apollo's telemetry off itself.
    APOLLO_TELEMETRY_DISABLED: '',
    NODE_OPTIONS: `--import ${RECORD_OUTBOUND}`,
  });
  running.push(gateway);
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ask(query: string, authorization?: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('npm run build: every server process as one bundle, run by plain node', () => {
  test('a bundle per process, importing only what its workspaces list as dependencies', () => {
    expect(built.map(({ bundle }) => bundle).sort()).toEqual([...subgraphs.map(({ name }) => `dist/${name}/index.mjs`), 'dist/gateway/index.mjs'].sort());
    expect(built.flatMap(({ problems }) => problems)).toEqual([]);
  });

  test('the workspace code is inside the bundle, third-party packages are imported from node_modules', async () => {
    const sichuan = await readFile(join(REPOSITORY_ROOT, bundleOf('sichuan')), 'utf8');
    expect(sichuan).not.toMatch(/from ["']@linju\//);
    expect(sichuan).toMatch(/from ["']@apollo\/server["']/);
    expect(sichuan).not.toMatch(/["']tsx["']/);
    // Files beside each source are found relative to the bundle: the build moves with the repository.
    expect(sichuan).not.toContain(REPOSITORY_ROOT);
  });
});

describe('in production mode over PostgreSQL stores of their own', () => {
  test('each subgraph runs as plain node with its bundle, migrated its store from the repository\'s SQL and seeded nothing; the gateway says production', async () => {
    for (const service of running.filter((entry) => entry !== gateway)) {
      expect((await readFile(`/proc/${service.pid}/cmdline`, 'utf8')).split('\0').filter(Boolean)).toEqual([process.execPath, bundleOf(service.label)]);
      const log = service.output.join('\n');
      expect(log).toMatch(/migrations applied: 0001_init/);
      expect(log).toMatch(/seeds: none/);
    }
    expect(gateway.output.join('\n')).toMatch(/gateway ready at http:\/\/127\.0\.0\.1:\d+\/graphql \(production mode\)/);
    // Nothing generated, nothing written: the systemd units of docs/deployment.md give them no writable folder.
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  test('the gateway answers a query across the three subgraphs, for a token of the office\'s JWKS', async () => {
    expect(await ask(QUERY, `Bearer ${viewerToken}`)).toEqual({
      data: { overview: { alliances: { total: 0 } }, sichuan: { activities: { totalCount: 0 } }, chongqing: { activities: { totalCount: 0 } } },
    });
  });

  test('each process says the version and the git commit its bundle was built from, on /health and as linju_build_info', async () => {
    const { version } = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string };
    const commit = (await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: REPOSITORY_ROOT })).stdout.trim();
    for (const service of running) {
      expect(await (await fetch(new URL('health', service.url))).json(), service.label).toMatchObject({ status: 'ok', version, commit });
      expect(await (await fetch(new URL('metrics', service.url))).text(), service.label).toContain(`linju_build_info{version="${version}",commit="${commit}"`);
    }
  });

  test('LINJU_DATABASE_POOL_SIZE bounds the connections a subgraph keeps to its store', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, () => ask(QUERY, `Bearer ${viewerToken}`)));
    expect(burst.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const client = new pg.Client({ connectionString: cluster.url('postgres') });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string; connections: number }>(
        "SELECT datname, count(*)::int AS connections FROM pg_stat_activity WHERE datname IN ('sichuan', 'chongqing') GROUP BY datname ORDER BY datname",
      );
      // The same burst, with the default pool of 10, opens more than one connection to Chongqing's store.
      expect(rows.find((row) => row.datname === 'chongqing')?.connections).toBeGreaterThan(1);
      expect(rows.find((row) => row.datname === 'sichuan')?.connections).toBe(1);
    } finally {
      await client.end();
    }
  });

  test('production protections hold in the bundle: introspection refused, a forged token refused', async () => {
    const introspection = await ask('{ __schema { types { name } } }', `Bearer ${viewerToken}`);
    expect(introspection.errors?.[0]).toMatchObject({ extensions: { code: 'INTROSPECTION_DISABLED' } });
    const forged = await ask(QUERY, `Bearer ${viewerToken.slice(0, -4)}AAAA`);
    expect(forged.data ?? undefined).toBeUndefined();
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  test('nothing left the machine, though the gateway\'s environment did not turn Apollo\'s telemetry off', async () => {
    // Apollo's reporter and probes start within moments of the gateway's construction.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(gateway.output.filter((line) => line.startsWith('OUTBOUND'))).toEqual([]);
  });
});
