import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CALLER_HEADER, operationDigest, signCaller, type Caller } from '@linju/access';
import { jurisdictionByKey } from '@linju/contract';
import { defineMutation, jurisdictionSubgraph } from '@linju/jurisdiction-service';
import { globalId, optionalText, resolverProblems, startSubgraph, storedColumns, updateVersioned, type RunningSubgraph } from '@linju/subgraph-runtime';
import { migratedColumns } from '@linju/subgraph-runtime/storeChecks';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { Query } from '../src/resolvers/Query.ts';

// The recipe of docs/maintaining-a-subgraph.md ("A stored field of your own"), followed for real:
// Sichuan adds a public contact line to its organizations, stored in a column of its own migration
// and written by a mutation of its own; the contract and the other sides are untouched.
const side = jurisdictionByKey('sichuan')!;
const ownSdl = `${readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')}
extend type SichuanOrganization {
  """党组织公开联系电话 / The organization's public contact line"""
  publicContact: String
}
extend type Mutation {
  """设置党组织公开联系电话 / Sets an organization's public contact line"""
  sichuanSetPublicContact(id: ID!, version: Int!, publicContact: String, idempotencyKey: String): SichuanOrganization!
}`;

const setPublicContact = defineMutation({
  clean: (args) => ({
    id: globalId(args.id, 'id', side.key, 'Organization'),
    version: args.version as number,
    publicContact: optionalText(args.publicContact, 'publicContact', 40),
  }),
  async write(tx, { id, version, publicContact }, _side, withinRegion) {
    await withinRegion([{ type: 'Organization', id }]);
    return updateVersioned(tx, 'organization', id, version, { publicContact });
  },
});

const scratch = mkdtempSync(join(tmpdir(), 'linju-own-field-'));
// A folder of its own: as root, PostgreSQL's account is given it, but could not pass through `scratch` (0700).
const storeDir = mkdtempSync(join(tmpdir(), 'linju-own-field-store-'));
const migrations = join(scratch, 'migrations');
mkdirSync(join(migrations, 'sichuan_0001_public_contact'), { recursive: true });
writeFileSync(join(migrations, 'sichuan_0001_public_contact/migration.sql'), 'ALTER TABLE organization ADD COLUMN public_contact text;\n');

function definitionWith(migrationsDir: URL) {
  return jurisdictionSubgraph({
    side,
    sdl: ownSdl,
    resolvers: { Query, Mutation: { sichuanSetPublicContact: setPublicContact(side, 'sichuanSetPublicContact') } },
    migrationsDir,
    createPrisma: (pool) => new PrismaClient({ adapter: new PrismaPg(pool) }),
  });
}
const definition = definitionWith(pathToFileURL(`${migrations}/`));

const secret = 'own-field-test-secret';
const operator: Caller = { subject: 'test-operator', role: 'sichuan-operator', region: side.code };
let running: RunningSubgraph;

/** A request as the gateway sends it: signed for this subgraph, this operation and this caller. */
async function call<T>(query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const statement = await signCaller(operator, { secret, audience: 'sichuan', digest: operationDigest(query, variables) });
  const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: statement }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as never;
}

beforeAll(async () => {
  running = await startSubgraph(definition, { port: 0, dataDir: storeDir, durable: false, seed: false, gatewaySecret: secret });
  await running.pool.query(`INSERT INTO region (id, code, name, level) VALUES ('sichuan:Region:510000', '510000', '四川省', 'province')`);
  await running.pool.query(`INSERT INTO organization (id, name, kind, level, region_id, founded_on) VALUES ('sichuan:Organization:t1', '试点党支部', '党支部', '村', 'sichuan:Region:510000', '2020-01-01')`);
});
afterAll(async () => {
  await running?.stop();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(storeDir, { recursive: true, force: true });
});

describe("a side's own stored field", () => {
  test('resolves from its own column, so the resolver check finds nothing missing; without the migration it would answer null', async () => {
    expect(resolverProblems(definition, await storedColumns(running.pool))).toEqual({ stray: [], unresolved: [] });
    // Sichuan's migrations as committed, without the side's new one.
    const withoutColumn = definitionWith(new URL('../prisma/migrations/', import.meta.url));
    expect(resolverProblems(withoutColumn, await migratedColumns(withoutColumn.migrations)).unresolved).toEqual([
      'SichuanOrganization.publicContact has neither a resolver nor a stored column (organization.public_contact): it would answer null',
    ]);
  });

  test('is written by its own mutation, checked, versioned, and read back', async () => {
    const write = `mutation ($id: ID!, $version: Int!, $contact: String) { sichuanSetPublicContact(id: $id, version: $version, publicContact: $contact) { id publicContact version } }`;
    const written = await call<{ sichuanSetPublicContact: { publicContact: string; version: number } }>(write, { id: 'sichuan:Organization:t1', version: 1, contact: '0825-1234567' });
    expect(written.errors).toBeUndefined();
    expect(written.data!.sichuanSetPublicContact).toMatchObject({ publicContact: '0825-1234567', version: 2 });
    const { rows } = await running.pool.query(`SELECT public_contact FROM organization WHERE id = 'sichuan:Organization:t1'`);
    expect(rows).toEqual([{ public_contact: '0825-1234567' }]);

    const read = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on SichuanOrganization { publicContact } } }`;
    const answer = await call<{ _entities: { publicContact: string }[] }>(read, { representations: [{ __typename: 'SichuanOrganization', id: 'sichuan:Organization:t1' }] });
    expect(answer.data!._entities).toEqual([{ publicContact: '0825-1234567' }]);

    // The version read is required: a stale one is refused, and nothing changes.
    const stale = await call(write, { id: 'sichuan:Organization:t1', version: 1, contact: '0825-7654321' });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
