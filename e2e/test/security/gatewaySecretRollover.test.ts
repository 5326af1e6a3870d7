import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANONYMOUS, CALLER_HEADER, operationDigest, signCaller } from '@linju/access';
import { loadOrCreateDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { composeSupergraph, loadSubgraphServices, subgraphs } from '@linju/schema';
import { freePort, ServiceProcess } from '@linju/testing';

/**
 * A rollover of the secret the gateway shares with a subgraph, as docs/deployment.md tells an
 * operator to run it, with the real processes: the subgraph restarted with the new secret in
 * SICHUAN_GATEWAY_SECRET and the old one in SICHUAN_GATEWAY_SECRET_PREVIOUS still answers the
 * gateway that signs with the old one; the gateway switched to the new one answers too; a
 * statement signed with any other secret is refused; once the previous secret is dropped, what
 * the old one signs is refused.
 */

const ENTRY = 'subgraph-sichuan/src/index.ts';
const OLD = randomBytes(32).toString('base64url');
const NEW = randomBytes(32).toString('base64url');
const QUERY = 'query RolloverRead { sichuan { organizations(first: 1) { totalCount } } }';
const PROBE = 'query Probe { __typename }';

let root: string;
let storeDir: string;
let supergraphPath: string;
let subgraphPort: number;
let viewer: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-rollover-'));
  // Embedded PostgreSQL runs as another account when this is root: it must reach its folder.
  await chmod(root, 0o755);
  storeDir = join(root, 'sichuan');
  supergraphPath = join(root, 'supergraph.graphql');
  await writeFile(supergraphPath, (await composeSupergraph(await loadSubgraphServices())).supergraphSdl);
  subgraphPort = await freePort();
  viewer = await mintDevToken(await loadOrCreateDevKeys(join(root, 'gateway-data', 'gateway', 'dev-keys.json')), 'viewer', 'rollover-viewer', '1h');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Sichuan's subgraph as a process, over the same store and port each time, with the secrets given. */
function startSubgraph(secrets: { SICHUAN_GATEWAY_SECRET: string; SICHUAN_GATEWAY_SECRET_PREVIOUS?: string }): Promise<ServiceProcess> {
  return ServiceProcess.start('sichuan', ENTRY, { LINJU_DATA_DIR: storeDir, SICHUAN_PORT: String(subgraphPort), ...secrets });
}

/** The gateway as a process, signing Sichuan's statements with `secret`; the other subgraphs are not running (their parts would be null). */
async function startGateway(secret: string): Promise<ServiceProcess> {
  const env: Record<string, string> = { PORT: '0', LINJU_DATA_DIR: join(root, 'gateway-data'), SUPERGRAPH_PATH: supergraphPath, LINJU_RESPONSE_CACHE_TTL_MS: '0' };
  for (const { name, urlVariable } of subgraphs) {
    env[urlVariable] = name === 'sichuan' ? `http://127.0.0.1:${subgraphPort}/graphql` : `http://127.0.0.1:${await freePort()}/graphql`;
    env[`${name.toUpperCase()}_GATEWAY_SECRET`] = name === 'sichuan' ? secret : randomBytes(32).toString('base64url');
  }
  return ServiceProcess.start('gateway', 'gateway/src/index.ts', env);
}

/** Sichuan's organizations counted through the gateway, or the first error's code. */
async function throughGateway(gateway: ServiceProcess): Promise<{ total?: number; code?: unknown }> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body: JSON.stringify({ query: QUERY }) });
  const body = (await response.json()) as { data?: { sichuan?: { organizations?: { totalCount: number } } | null }; errors?: { extensions?: { code?: unknown } }[] };
  return body.errors ? { code: body.errors[0]?.extensions?.code } : { total: body.data?.sichuan?.organizations?.totalCount };
}

/** A caller statement signed with `secret`, sent straight to the subgraph, as only the gateway should. */
async function signedWith(subgraph: ServiceProcess, secret: string): Promise<{ status: number; code?: unknown; reason?: unknown; message?: string }> {
  const header = await signCaller(ANONYMOUS, { secret, audience: 'sichuan', digest: operationDigest(PROBE, {}, 'Probe') });
  const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: header }, body: JSON.stringify({ query: PROBE, variables: {}, operationName: 'Probe' }) });
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: unknown; reason?: unknown } }[] };
  const error = body.errors?.[0];
  return { status: response.status, ...(error && { code: error.extensions?.code, reason: error.extensions?.reason, message: error.message }) };
}

const refused = { status: 401, code: 'UNAUTHENTICATED', reason: 'signature' };

describe('rolling the gateway secret over with two secrets: no request refused on the way', () => {
  test('old on both; new + previous on the subgraph; new on the gateway; previous dropped', async () => {
    // Before: both hold the old secret.
    let subgraph = await startSubgraph({ SICHUAN_GATEWAY_SECRET: OLD });
    let gateway = await startGateway(OLD);
    try {
      const before = await throughGateway(gateway);
      expect(before).toEqual({ total: expect.any(Number) });

      // Step 1: the subgraph restarted with the new secret as current and the old one as previous.
      await subgraph.stop();
      subgraph = await startSubgraph({ SICHUAN_GATEWAY_SECRET: NEW, SICHUAN_GATEWAY_SECRET_PREVIOUS: OLD });
      expect(await throughGateway(gateway), 'the gateway still signing with the old secret').toEqual(before);
      expect(await signedWith(subgraph, OLD)).toEqual({ status: 200 });
      expect(await signedWith(subgraph, NEW)).toEqual({ status: 200 });
      const unknown = await signedWith(subgraph, randomBytes(32).toString('base64url'));
      expect(unknown).toMatchObject(refused);
      expect(unknown.message).toContain('SICHUAN_GATEWAY_SECRET or SICHUAN_GATEWAY_SECRET_PREVIOUS');

      // Step 2: the gateway switched to the new secret.
      expect((await gateway.stop()).code).toBe(0);
      gateway = await startGateway(NEW);
      expect(await throughGateway(gateway)).toEqual(before);

      // Step 3: the previous secret dropped from the subgraph: the old one is refused, the new one served.
      await subgraph.stop();
      subgraph = await startSubgraph({ SICHUAN_GATEWAY_SECRET: NEW });
      expect(await signedWith(subgraph, OLD)).toMatchObject(refused);
      expect(await signedWith(subgraph, NEW)).toEqual({ status: 200 });
      expect(await throughGateway(gateway)).toEqual(before);
    } finally {
      expect((await gateway.stop()).code).toBe(0);
      expect((await subgraph.stop()).code).toBe(0);
    }
  }, 180_000);

  test.concurrent.each<[string, Record<string, string>, RegExp]>([
    ['too short', { SICHUAN_GATEWAY_SECRET: NEW, SICHUAN_GATEWAY_SECRET_PREVIOUS: 'short' }, /^SICHUAN_GATEWAY_SECRET_PREVIOUS must be at least 32 characters$/],
    ['without a current secret', { SICHUAN_GATEWAY_SECRET_PREVIOUS: OLD }, /^SICHUAN_GATEWAY_SECRET_PREVIOUS is set but SICHUAN_GATEWAY_SECRET is not/],
  ])('a previous secret %s refuses the start: one line naming SICHUAN_GATEWAY_SECRET_PREVIOUS, exit 1', async (_, env, says) => {
    const dataDir = await mkdtemp(join(root, 'refused-'));
    await chmod(dataDir, 0o755);
    const service = ServiceProcess.launch('sichuan', ENTRY, { LINJU_DATA_DIR: dataDir, SICHUAN_PORT: '0', ...env });
    const exit = await Promise.race([service.finished, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`sichuan still runs:\n${service.output.join('\n')}`)), 60_000))]).finally(() => service.stop(1000));
    expect(exit.code).toBe(1);
    const lines = service.output.filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'fatal', variable: 'SICHUAN_GATEWAY_SECRET_PREVIOUS', msg: expect.stringMatching(says) });
  });
});
