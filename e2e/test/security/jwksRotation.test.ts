import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { composeSupergraph, loadSubgraphServices, subgraphs } from '@linju/schema';
import { ServiceProcess, sharedFederation, type Federation } from '@linju/testing';

/**
 * LINJU_JWKS_FILE as an operator runs it: the gateway as its own process, its keys a JWKS file of
 * the office's own, in front of the real subgraphs. Keys rotate by editing the file, without a
 * restart; a file that does not check out is refused at start (one line naming the variable, exit
 * 1) and, once running, logged and ignored while the keys before stay in use.
 */

const ISSUER = 'https://id.example.gov.cn/realms/linju';
const AUDIENCE = 'linju';
const QUERY = '{ overview { alliances { total } } }';

interface Key {
  publicJwk: JWK;
  privateJwk: JWK;
}

async function keyPair(kid: string): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' } };
}

async function tokenOf(key: Key): Promise<string> {
  return new SignJWT({ role: 'viewer' })
    .setProtectedHeader({ alg: 'ES256', kid: key.privateJwk.kid! })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(`analyst-${key.privateJwk.kid}`)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(await importJWK(key.privateJwk, 'ES256'));
}

let federation: Federation;
let dir: string;
let supergraphPath: string;
let a: Key;
let b: Key;
beforeAll(async () => {
  [a, b] = await Promise.all([keyPair('office-2024'), keyPair('office-2025')]);
  dir = await mkdtemp(join(tmpdir(), 'linju-jwks-e2e-'));
  // The supergraph of the subgraphs as they are now, as startFederation composes it.
  supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, (await composeSupergraph(await loadSubgraphServices())).supergraphSdl);
  federation = await sharedFederation();
});
afterAll(async () => {
  await federation?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The gateway's environment, as an operator sets it: the JWKS file (or URL), the issuer and audience, the subgraphs and their secrets. */
function gatewayEnv(jwks: { LINJU_JWKS_FILE: string } | { LINJU_JWKS_URL: string }): Record<string, string> {
  return {
    PORT: '0',
    LINJU_DATA_DIR: join(dir, 'data'),
    SUPERGRAPH_PATH: supergraphPath,
    ...jwks,
    LINJU_JWT_ISSUER: ISSUER,
    LINJU_JWT_AUDIENCE: AUDIENCE,
    LINJU_RESPONSE_CACHE_TTL_MS: '0',
    ...Object.fromEntries(
      subgraphs.flatMap(({ name, urlVariable }) => [
        [urlVariable, federation.subgraphs[name]!.url],
        [`${name.toUpperCase()}_GATEWAY_SECRET`, federation.secrets[name]!],
      ]),
    ),
  };
}

/** An operator's save: the new file renamed over the old one. */
async function publish(path: string, content: string): Promise<void> {
  await writeFile(`${path}.new`, content);
  await rename(`${path}.new`, path);
}

const jwksOf = (...keys: Key[]) => JSON.stringify({ keys: keys.map((key) => key.publicJwk) });

async function ask(gateway: ServiceProcess, key: Key): Promise<{ status: number; code?: unknown; total?: unknown }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(key)}` },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { data?: { overview?: { alliances?: { total?: unknown } } }; errors?: Array<{ extensions?: { code?: unknown } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, total: body.data?.overview?.alliances?.total };
}

/** Asks until the answer is the one expected (a change is picked up within about a second), or fails with the last answer. */
async function eventually(gateway: ServiceProcess, key: Key, accepted: boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  let answer = await ask(gateway, key);
  while ((answer.status === 200) !== accepted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await ask(gateway, key);
  }
  if (accepted) expect(answer).toMatchObject({ status: 200, total: expect.any(Number) });
  else expect(answer).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
}

/** The gateway's JSON log records. */
function records(gateway: ServiceProcess): Array<{ level: string; msg: string; variable?: string }> {
  return gateway.output.flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

describe('LINJU_JWKS_FILE: keys rotate without a restart', () => {
  test('a key added is accepted, a key removed refused, a broken file logged and ignored', async () => {
    const jwksFile = join(dir, 'jwks.json');
    await writeFile(jwksFile, jwksOf(a));
    const gateway = await ServiceProcess.start('gateway', 'gateway/src/index.ts', gatewayEnv({ LINJU_JWKS_FILE: jwksFile }));
    try {
      expect(await ask(gateway, a)).toMatchObject({ status: 200, total: expect.any(Number) });
      expect(await ask(gateway, b)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

      await publish(jwksFile, jwksOf(a, b));
      await eventually(gateway, b, true);
      expect(await ask(gateway, a)).toMatchObject({ status: 200 });

      await publish(jwksFile, jwksOf(b));
      await eventually(gateway, a, false);
      expect(await ask(gateway, b)).toMatchObject({ status: 200 });

      await publish(jwksFile, 'this is not a JWKS');
      const deadline = Date.now() + 5_000;
      while (!records(gateway).some((record) => record.level === 'error') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const errors = records(gateway).filter((record) => record.level === 'error');
      expect(errors).toEqual([expect.objectContaining({ variable: 'LINJU_JWKS_FILE', msg: expect.stringMatching(/^LINJU_JWKS_FILE ".*jwks\.json" is not JSON .*; the keys read before stay in use$/) })]);
      expect(await ask(gateway, b)).toMatchObject({ status: 200 });
      expect(await ask(gateway, a)).toMatchObject({ status: 401 });
      expect(records(gateway).filter((record) => /reloaded/.test(record.msg)).map((record) => record.msg)).toEqual([
        expect.stringMatching(/reloaded: 2 key\(s\), office-2024, office-2025$/),
        expect.stringMatching(/reloaded: 1 key\(s\), office-2025$/),
      ]);
    } finally {
      expect((await gateway.stop()).code).toBe(0);
    }
  });

  test.concurrent.each<[string, () => string, RegExp]>([
    ['a private key', () => JSON.stringify({ keys: [a.privateJwk] }), /holds a private key \(kid "office-2024"\): publish public keys only$/],
    ['no key', () => JSON.stringify({ keys: [] }), /holds no key: publish at least one public signing key$/],
    ['malformed JSON', () => '{"keys": [', /is not JSON \(/],
  ])('the gateway refuses to start on a JWKS file with %s: one line naming LINJU_JWKS_FILE, exit 1', async (what, content, says) => {
    const jwksFile = join(dir, `refused-${what.replaceAll(' ', '-')}.json`);
    await writeFile(jwksFile, content());
    const line = await refusal({ LINJU_JWKS_FILE: jwksFile });
    expect(JSON.parse(line)).toMatchObject({ level: 'fatal', variable: 'LINJU_JWKS_FILE', msg: expect.stringMatching(says) });
    expect(line).toContain(jwksFile);
  });

  test('the gateway refuses to start on a JWKS URL that serves a private key: one line naming LINJU_JWKS_URL, exit 1', async () => {
    const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [b.privateJwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const line = await refusal({ LINJU_JWKS_URL: url });
      expect(JSON.parse(line)).toMatchObject({ level: 'fatal', variable: 'LINJU_JWKS_URL', msg: `LINJU_JWKS_URL "${url}" holds a private key (kid "office-2025"): publish public keys only` });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** Runs a gateway that must refuse to start: it exits 1 having printed one line, returned. */
async function refusal(jwks: Parameters<typeof gatewayEnv>[0]): Promise<string> {
  const gateway = ServiceProcess.launch('gateway', 'gateway/src/index.ts', gatewayEnv(jwks));
  const exit = await Promise.race([gateway.finished, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the gateway still runs:\n${gateway.output.join('\n')}`)), 60_000))]).finally(() => gateway.stop(1000));
  expect(exit.code).toBe(1);
  const lines = gateway.output.filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}
