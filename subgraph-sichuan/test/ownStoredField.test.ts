import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CALLER_HEADER, operationDigest, signCaller, type Caller } from '@linju/access';
import { defineMutation, jurisdictionSubgraph } from '@linju/jurisdiction-service';
import { globalId, optionalText, resolverProblems, startSubgraph, storedColumns, updateVersioned, type RunningSubgraph } from '@linju/subgraph-runtime';
import { migratedColumns } from '@linju/subgraph-runtime/storeChecks';
import { parts } from '../src/subgraph.ts';

// The recipe of docs/maintaining-a-subgraph.md ("A stored field of your own"), followed for real:
// Sichuan adds a contact line to its organizations, stored in a column of its own migration and
// written by a mutation of its own; the contract and the other sides are untouched.
//
// The guide's example is `publicContact` and `sichuanSetPublicContact`, which a side's engineer may
// well add to the real schema.graphql. So this test adds names that are its own (`testOnlyContact`,
// `sichuanSetTestOnlyContact`, column `test_only_contact`) on top of whatever Sichuan has: its SDL,
// its resolvers and its committed migrations, so no field Sichuan adds can collide with the test's.
const side = parts.side;
const TEST_FIELD = 'testOnlyContact';
const TEST_MUTATION = 'sichuanSetTestOnlyContact';
const TEST_MIGRATION = 'sichuan_9999_test_only_contact';
const ownSdl = `${parts.sdl}
extend type SichuanOrganization {
  """仅供测试：党组织公开联系电话 / Test only: the organization's public contact line"""
  ${TEST_FIELD}: String
}
extend type Mutation {
  """仅供测试：设置党组织公开联系电话 / Test only: sets an organization's public contact line"""
  ${TEST_MUTATION}(id: ID!, version: Int!, ${TEST_FIELD}: String, idempotencyKey: String): SichuanOrganization!
}`;

const setTestOnlyContact = defineMutation({
  clean: (args) => ({
    id: globalId(args.id, 'id', side.key, 'Organization'),
    version: args.version as number,
    testOnlyContact: optionalText(args.testOnlyContact, TEST_FIELD, 40),
  }),
  async write(tx, { id, version, testOnlyContact }, _side, withinRegion) {
    await withinRegion([{ type: 'Organization', id }]);
    return updateVersioned(tx, 'organization', id, version, { testOnlyContact });
  },
});

const scratch = mkdtempSync(join(tmpdir(), 'linju-own-field-'));
// A folder of its own: as root, PostgreSQL's account is given it, but could not pass through `scratch` (0700).
const storeDir = mkdtempSync(join(tmpdir(), 'linju-own-field-store-'));
// Sichuan's committed migrations, then the test's own, last.
const migrations = join(scratch, 'migrations');
cpSync(fileURLToPath(parts.migrationsDir), migrations, { recursive: true });
mkdirSync(join(migrations, TEST_MIGRATION));
writeFileSync(join(migrations, TEST_MIGRATION, 'migration.sql'), 'ALTER TABLE organization ADD COLUMN test_only_contact text;\n');

/** Sichuan as committed, plus the test's field and mutation, over the migrations of `migrationsDir`. */
function definitionWith(migrationsDir: URL) {
  const { Mutation, ...resolvers } = parts.resolvers;
  return jurisdictionSubgraph({
    ...parts,
    sdl: ownSdl,
    resolvers: { ...resolvers, Mutation: { ...Mutation, [TEST_MUTATION]: setTestOnlyContact(side, TEST_MUTATION) } },
    migrationsDir,
    seed: undefined,
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
    // Sichuan's migrations as committed, without the test's.
    const withoutColumn = definitionWith(parts.migrationsDir);
    expect(resolverProblems(withoutColumn, await migratedColumns(withoutColumn.migrations)).unresolved).toEqual([
      'SichuanOrganization.testOnlyContact has neither a resolver nor a stored column (organization.test_only_contact): it would answer null',
    ]);
  });

  test('is written by its own mutation, checked, versioned, and read back', async () => {
    const write = `mutation ($id: ID!, $version: Int!, $contact: String) { sichuanSetTestOnlyContact(id: $id, version: $version, testOnlyContact: $contact) { id testOnlyContact version } }`;
    const written = await call<{ sichuanSetTestOnlyContact: { testOnlyContact: string; version: number } }>(write, { id: 'sichuan:Organization:t1', version: 1, contact: '0825-1234567' });
    expect(written.errors).toBeUndefined();
    expect(written.data!.sichuanSetTestOnlyContact).toMatchObject({ testOnlyContact: '0825-1234567', version: 2 });
    const { rows } = await running.pool.query(`SELECT test_only_contact FROM organization WHERE id = 'sichuan:Organization:t1'`);
    expect(rows).toEqual([{ test_only_contact: '0825-1234567' }]);

    const read = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on SichuanOrganization { testOnlyContact } } }`;
    const answer = await call<{ _entities: { testOnlyContact: string }[] }>(read, { representations: [{ __typename: 'SichuanOrganization', id: 'sichuan:Organization:t1' }] });
    expect(answer.data!._entities).toEqual([{ testOnlyContact: '0825-1234567' }]);

    // The version read is required: a stale one is refused, and nothing changes.
    const stale = await call(write, { id: 'sichuan:Organization:t1', version: 1, contact: '0825-7654321' });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
