import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { concatAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadOrCreateDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { checkSchema, composeSupergraph, loadSubgraphServices, subgraphs, type SubgraphService } from '@linju/schema';
import type { RunningSubgraph, SubgraphDefinition, SubgraphOptions } from '@linju/subgraph-runtime';
import { startSubgraph } from '@linju/subgraph-runtime';
import { ServiceProcess, startFederation, type Federation } from '@linju/testing';

/**
 * One member upgraded without the others, as docs/deployment.md ("Upgrading one member without the
 * others") orders it: Sichuan's next release adds a field; its subgraph runs it while the gateway
 * still serves the supergraph of the release before. The check the guide prescribes passes (the
 * next SDL against the served supergraph: additions only), and refuses the way back; the old gateway answers everything it
 * knows, cross-border references to Sichuan included, and does not know the new field yet; a
 * gateway on the recomposed supergraph answers it too.
 */

const ADDED = 'extend type SichuanJurisdiction {\n  """本版本说明 / A note of this release"""\n  releaseNote: String\n}';
const NOTE = '下一版本';
const CROSS_BORDER = `query UpgradeCrossBorder { alliances(first: 5) { edges { node { name members { organization { __typename name } } } } } sichuan { name organizations(first: 3) { totalCount } } }`;
const NEW_FIELD = `query UpgradeNewField { sichuan { name releaseNote } }`;

const sichuan = subgraphs.find((entry) => entry.name === 'sichuan')!;
const secret = randomBytes(32).toString('base64url');
let dir: string;
let next: RunningSubgraph;
let nextServices: SubgraphService[];
let federation: Federation;
let viewer: string;

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: unknown } }[] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-upgrade-'));
  // Embedded PostgreSQL runs as another account when this is root: it must reach its folder.
  await chmod(dir, 0o755);
  // Sichuan's next release: today's subgraph (loaded as the membership file places it) with one field added.
  const { definition } = (await import(pathToFileURL(join(sichuan.directory, 'src/subgraph.ts')).href)) as { definition: SubgraphDefinition<never, object> };
  const resolvers = { ...definition.resolvers, SichuanJurisdiction: { ...definition.resolvers.SichuanJurisdiction, releaseNote: () => NOTE } };
  const nextDefinition = { ...definition, typeDefs: concatAST([definition.typeDefs, parse(ADDED)]), resolvers, ownFields: [...(definition.ownFields ?? []), 'SichuanJurisdiction.releaseNote'] };
  next = await startSubgraph(nextDefinition, { port: 0, host: '127.0.0.1', dataDir: join(dir, 'sichuan'), durable: false, gatewaySecret: secret } satisfies SubgraphOptions);
  nextServices = (await loadSubgraphServices()).map((service) => (service.name === 'sichuan' ? { ...service, typeDefs: nextDefinition.typeDefs } : service));
  // The gateway as deployed: the supergraph of the release before (today's subgraphs), the others unchanged.
  federation = await startFederation({ external: { sichuan: { url: next.url, secret } } });
  viewer = await mintDevToken(await loadOrCreateDevKeys(join(dir, 'gateway-data', 'gateway', 'dev-keys.json')), 'viewer', 'upgrade-viewer', '1h');
}, 240_000);

afterAll(async () => {
  await federation?.stop();
  await next?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Sichuan a release ahead of the gateway', () => {
  test('the guide’s check: the next SDL against the supergraph served passes (one addition); the way back is refused', async () => {
    const served = (await composeSupergraph(await loadSubgraphServices())).supergraphSdl;
    const report = checkSchema({ baseSupergraphSdl: served, services: nextServices, operations: [], subgraph: 'sichuan' });
    expect(report.ok).toBe(true);
    expect(report.changes.map((change) => [change.severity, change.description])).toEqual([['safe', 'SichuanJurisdiction.releaseNote was added.']]);
    // Back the other way (the member rolled back under a gateway already recomposed): refused, hence the guide's order.
    const back = checkSchema({ baseSupergraphSdl: (await composeSupergraph(nextServices)).supergraphSdl, services: await loadSubgraphServices(), operations: [], subgraph: 'sichuan' });
    expect(back.ok).toBe(false);
    expect(back.changes.map((change) => [change.severity, change.description])).toEqual([['breaking', 'SichuanJurisdiction.releaseNote was removed.']]);
  });

  test('the gateway of the release before answers whole over it, and does not know the new field yet', async () => {
    const answer = await federation.query<{ alliances: { edges: { node: { members: { organization: { __typename: string; name: string } | null }[] } }[] }; sichuan: { organizations: { totalCount: number } } }>(CROSS_BORDER, {}, { as: 'viewer' });
    expect(answer.errors).toBeUndefined();
    const organizations = answer.data!.alliances.edges.flatMap((edge) => edge.node.members.map((member) => member.organization));
    // Sichuan's members of the joint alliances are resolved by the upgraded subgraph, each with its name.
    expect(organizations.filter((organization) => organization?.__typename === 'SichuanOrganization').length).toBeGreaterThan(0);
    expect(organizations.every((organization) => organization && organization.name)).toBe(true);
    expect(answer.data!.sichuan.organizations.totalCount).toBeGreaterThan(0);
    const unknown = await federation.query(NEW_FIELD, {}, { as: 'viewer' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('the gateway on the recomposed supergraph answers the new field, and the rest as before', async () => {
    const supergraphPath = join(dir, 'next-supergraph.graphql');
    await writeFile(supergraphPath, (await composeSupergraph(nextServices)).supergraphSdl);
    const env: Record<string, string> = { PORT: '0', LINJU_DATA_DIR: join(dir, 'gateway-data'), SUPERGRAPH_PATH: supergraphPath, LINJU_RESPONSE_CACHE_TTL_MS: '0' };
    for (const { name, urlVariable } of subgraphs) {
      env[urlVariable] = name === 'sichuan' ? next.url : federation.subgraphs[name]!.url;
      env[`${name.toUpperCase()}_GATEWAY_SECRET`] = name === 'sichuan' ? secret : federation.secrets[name]!;
    }
    const gateway = await ServiceProcess.start('gateway', 'gateway/src/index.ts', env);
    try {
      const ask = async (query: string): Promise<Answer> => {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body: JSON.stringify({ query }) });
        return (await response.json()) as Answer;
      };
      expect(await ask(NEW_FIELD)).toEqual({ data: { sichuan: { name: expect.any(String), releaseNote: NOTE } } });
      const before = await federation.query(CROSS_BORDER, {}, { as: 'viewer' });
      expect(await ask(CROSS_BORDER)).toEqual({ data: before.data });
    } finally {
      expect((await gateway.stop()).code).toBe(0);
    }
  }, 120_000);
});
