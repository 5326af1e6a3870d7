import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subgraphs } from '@linju/schema';
import { skipWithoutSystemPostgres, startFederation, SystemPostgres, type Federation, type GraphQLResponse } from '@linju/testing';
import { createOwnerAndRuntimeStores, type OwnerAndRuntimeStores } from './ownerAndRuntimeStores.ts';

/**
 * The production path as an operator runs it: Debian's PostgreSQL (a cluster of its own on a free
 * port, removed after), one database per store owned by an owner role, each subgraph running as a
 * runtime role of its own. `npm run migrate -- --grant-runtime` migrates every store as its owner
 * and grants the runtime roles their rights; the federation then runs in production mode over the
 * three stores: a write, an audited read, and an outage of PostgreSQL answered DATABASE_UNAVAILABLE,
 * then recovered from without restarting any subgraph.
 */

const STORES = subgraphs.map((entry) => entry.name);
const REGION = { id: 'sichuan:Region:510904', code: '510904', name: '安居区' };

let server: SystemPostgres;
let stores: OwnerAndRuntimeStores;
let federation: Federation;
let migrate: { code: number; lines: string[] };
const runMigrate = (args: readonly string[]) => stores.migrate(args);
const runtimeUrl = (store: string) => stores.runtimeUrl(store);
const asOwner: OwnerAndRuntimeStores['asOwner'] = (store, sql, values) => stores.asOwner(store, sql, values);

/** The message of a JSON log line, or the line. */
const message = (line: string): string => {
  try {
    return (JSON.parse(line) as { msg: string }).msg;
  } catch {
    return line;
  }
};

const CREATE = `mutation ProductionWrite($input: OrganizationInput!, $key: String) { sichuanCreateOrganization(input: $input, idempotencyKey: $key) { id name region { id name } } }`;
const READ = `query ProductionRead($filter: RecordFilter) { sichuan { organizations(filter: $filter, first: 10) { totalCount edges { node { id name } } } } }`;
const CHAIN = `{ sichuan { auditChain { entries verified brokenAt } } }`;
type Read = { sichuan: { organizations: { totalCount: number; edges: { node: { id: string; name: string } }[] } } | null };
const codes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions?.code);

describe.skipIf(skipWithoutSystemPostgres("the production path on Debian's PostgreSQL"))("production on Debian's PostgreSQL, owner and runtime roles apart", () => {
  beforeAll(async () => {
    server = await SystemPostgres.create();
    stores = await createOwnerAndRuntimeStores(server, STORES);
    migrate = await runMigrate(['--grant-runtime']);
    // Reference data an operator loads as the owner: production brings no demonstration records.
    if (migrate.code === 0) await asOwner('sichuan', 'INSERT INTO region (id, code, name, level) VALUES ($1, $2, $3, $4)', [REGION.id, REGION.code, REGION.name, '区县']);
    federation = await startFederation({ production: true, stores: Object.fromEntries(STORES.map((store) => [store, { databaseUrl: runtimeUrl(store) }])) });
  });
  afterAll(async () => {
    await federation?.stop();
    await server?.remove();
  });

  test(`npm run migrate -- --grant-runtime: every store migrated as its owner, each runtime role granted its rights`, async () => {
    expect(migrate.code, migrate.lines.join('\n')).toBe(0);
    const messages = migrate.lines.map(message);
    for (const store of STORES) {
      expect(messages).toContainEqual(expect.stringMatching(/^migrations applied: 0001_init, 0002_writes, .* \(0 applied before\)$/));
      expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^runtime role ${store}_runtime granted: GRANT USAGE ON SCHEMA "public" TO "${store}_runtime"; .*GRANT SELECT, INSERT ON TABLE "audit_log" TO "${store}_runtime"`)));
      expect(await asOwner(store, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ tableowner: `${store}_owner` }]);
      const rights = await asOwner<{ privilege_type: string }>(store, "SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 AND table_name = 'audit_log' ORDER BY 1", [`${store}_runtime`]);
      expect(rights.map((right) => right.privilege_type)).toEqual(['INSERT', 'SELECT']);
    }
    // Again: nothing pending, the grants the same.
    const again = await runMigrate(['--grant-runtime', 'joint']);
    expect(again.code, again.lines.join('\n')).toBe(0);
    expect(again.lines.map(message)).toContainEqual(expect.stringMatching(/^migrations: none pending \(\d+ applied before\)$/));
  });

  test('each subgraph runs as its runtime role, which cannot disable the audit trigger, delete an entry or alter a table', async () => {
    for (const store of STORES) {
      const pool = federation.subgraphs[store]!.pool;
      expect((await pool.query('SELECT current_user AS role')).rows).toEqual([{ role: `${store}_runtime` }]);
      for (const sql of ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only', 'DELETE FROM audit_log', 'ALTER TABLE idempotency_record ADD COLUMN note text', 'SET session_replication_role = replica']) {
        // For want of a right (the log's own trigger would refuse a DELETE with 42501 too, as "append-only").
        await expect(pool.query(sql), sql).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/^(permission denied|must be owner)/) });
      }
    }
    // Debian's server, not the embedded one.
    const { rows } = await federation.subgraphs.sichuan!.pool.query<{ major: string }>("SELECT current_setting('server_version_num')::int / 10000 || '' AS major");
    expect(rows).toEqual([{ major: server.major }]);
  });

  test('a write as the operator, read back and audited in the owning store: entries appended by the runtime role, chain verified', async () => {
    const name = `生产路径测试党支部${randomBytes(3).toString('hex')}`;
    const written = await federation.query<{ sichuanCreateOrganization: { id: string; name: string; region: { id: string } } }>(
      CREATE,
      { input: { name, kind: '党支部', level: '村', regionId: REGION.id, foundedOn: '2021-03-01' }, key: randomBytes(8).toString('hex') },
      { as: 'sichuan-operator' },
    );
    expect(written.errors).toBeUndefined();
    const id = written.data!.sichuanCreateOrganization.id;
    expect(written.data!.sichuanCreateOrganization).toEqual({ id, name, region: { id: REGION.id, name: REGION.name } });

    const read = await federation.query<Read>(READ, { filter: { search: name } }, { as: 'sichuan-operator' });
    expect(read.errors).toBeUndefined();
    expect(read.data!.sichuan!.organizations.edges.map((edge) => edge.node)).toEqual([{ id, name }]);

    const entries = await asOwner<{ operation_name: string; kind: string; ids: string[]; outcome: string }>('sichuan', 'SELECT operation_name, kind, ids, outcome FROM audit_log ORDER BY seq');
    expect(entries).toContainEqual({ operation_name: 'ProductionWrite', kind: 'write', ids: [id], outcome: 'ok' });
    expect(entries).toContainEqual({ operation_name: 'ProductionRead', kind: 'read', ids: [id], outcome: 'ok' });
    const chain = await federation.query<{ sichuan: { auditChain: { entries: number; verified: boolean; brokenAt: string | null } } }>(CHAIN, {}, { as: 'sichuan-operator' });
    expect(chain.data!.sichuan.auditChain).toMatchObject({ verified: true, brokenAt: null });
  });

  test('a ledger import as the runtime role, row by row: the good row written, the refused one frees its key; a record withdrawn into the archive', async () => {
    const org = await federation.query<{ sichuanCreateOrganization: { id: string } }>(
      CREATE,
      { input: { name: `生产路径导入党支部${randomBytes(3).toString('hex')}`, kind: '党支部', level: '村', regionId: REGION.id, foundedOn: '2021-03-01' }, key: randomBytes(8).toString('hex') },
      { as: 'sichuan-operator' },
    );
    expect(org.errors).toBeUndefined();
    const activity = (heldOn: string) => ({ kind: '培训', title: `生产路径导入${randomBytes(3).toString('hex')}`, heldOn, organizerId: org.data!.sichuanCreateOrganization.id, personTimes: 12 });
    const refusedKey = randomBytes(8).toString('hex');
    const imported = await federation.query<{ sichuanImportActivities: { created: number; refused: number; rows: { status: string; id: string | null }[] } }>(
      `mutation ProductionImport($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows, mode: ROW_BY_ROW) { created refused rows { status id } } }`,
      { rows: [{ input: activity('2024-03-01'), idempotencyKey: randomBytes(8).toString('hex') }, { input: activity('2999-01-01'), idempotencyKey: refusedKey }] },
      { as: 'sichuan-operator' },
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.sichuanImportActivities).toMatchObject({ created: 1, refused: 1 });
    expect(await asOwner('sichuan', 'SELECT key FROM idempotency_record WHERE key = $1', [refusedKey])).toEqual([]);
    const id = imported.data!.sichuanImportActivities.rows[0]!.id!;
    const withdrawn = await federation.query<{ sichuanWithdrawRecord: { id: string } }>(
      `mutation ProductionWithdraw($id: ID!) { sichuanWithdrawRecord(id: $id, reason: "生产路径测试") { id } }`, { id }, { as: 'sichuan-operator' });
    expect(withdrawn.errors).toBeUndefined();
    expect(await asOwner('sichuan', 'SELECT id, reason FROM withdrawn_record WHERE id = $1', [id])).toEqual([{ id, reason: '生产路径测试' }]);
  });

  test('PostgreSQL stopped: DATABASE_UNAVAILABLE; started again: the same subgraphs answer and write, none restarted', async () => {
    const running = { ...federation.subgraphs };
    const before = await federation.query<Read>(READ, {}, { as: 'sichuan-operator' });
    expect(before.errors).toBeUndefined();

    await server.stop();
    try {
      const down = await federation.query<Read>(READ, {}, { as: 'sichuan-operator' });
      expect(codes(down)).toContain('DATABASE_UNAVAILABLE');
      expect(down.data?.sichuan ?? null).toBeNull();
      expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    } finally {
      await server.start();
    }

    // The pools reconnect by themselves: poll until the read answers again.
    let after: GraphQLResponse<Read> = { errors: [] };
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
      after = await federation.query<Read>(READ, {}, { as: 'sichuan-operator' });
      if (!after.errors) break;
    }
    expect(after.errors).toBeUndefined();
    expect(after.data!.sichuan!.organizations.totalCount).toBe(before.data!.sichuan!.organizations.totalCount);
    const written = await federation.query(CREATE, { input: { name: `恢复后党支部${randomBytes(3).toString('hex')}`, kind: '党支部', level: '村', regionId: REGION.id, foundedOn: '2021-03-01' } }, { as: 'sichuan-operator' });
    expect(written.errors).toBeUndefined();
    for (const store of STORES) expect(federation.subgraphs[store]).toBe(running[store]);
  });
});
