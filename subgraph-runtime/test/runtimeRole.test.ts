import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractMigrations, jurisdictionByKey, type Migration } from '@linju/contract';
import { ConfigError, createLogger } from '@linju/observability';
import { EmbeddedCluster } from '../src/database/EmbeddedCluster.ts';
import { canAlterAuditLog, grantRuntime } from '../src/database/grantRuntime.ts';
import { migrateStore } from '../src/database/migrateStore.ts';
import { openDatabase, type DatabaseOptions } from '../src/database/openDatabase.ts';
import { pendingMigrations } from '../src/database/applyMigrations.ts';

/**
 * Migration apart from runtime: the owner migrates the store and grants the runtime role its
 * rights; the runtime role reads and appends to the audit log and can do nothing else to it (nor
 * alter any table), and a store with nothing pending opens under it without any DDL.
 */

const MIGRATIONS = contractMigrations(jurisdictionByKey('sichuan')!);
const SILENT = createLogger('test', { level: 'silent' });
const ENTRY = "INSERT INTO audit_log (subject, role, fields, kind, types, ids, outcome, error_codes) VALUES ('t', 'viewer', '{}', 'read', '{}', '{}', 'ok', '{}')";

let dataDir: string;
let cluster: EmbeddedCluster;
let ownerUrl: string;
let runtimeUrl: string;
let owner: pg.Client;
let runtime: pg.Client;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * How PostgreSQL refused a statement (rolled back either way): `42501 <message>`, or 'accepted'. The
 * audit log's own trigger refuses with 42501 too, so the message tells a missing right (`permission
 * denied …`, `must be owner …`) from the trigger (`audit_log is append-only …`).
 */
async function refusal(client: pg.Client, sql: string): Promise<string> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
  } catch (error) {
    return `${(error as { code: string }).code} ${(error as Error).message}`;
  } finally {
    await client.query('ROLLBACK');
  }
  return 'accepted';
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'linju-roles-'));
  cluster = new EmbeddedCluster({ dataDir, durable: false });
  await cluster.start();
  const admin = await connect(cluster.url('postgres'));
  await admin.query("CREATE ROLE store_owner LOGIN PASSWORD 'owner-pw'");
  await admin.query("CREATE ROLE store_runtime LOGIN PASSWORD 'runtime-pw'");
  await admin.query('CREATE DATABASE store OWNER store_owner');
  await admin.end();
  ownerUrl = `postgresql://store_owner:owner-pw@127.0.0.1:${cluster.port}/store`;
  runtimeUrl = `postgresql://store_runtime:runtime-pw@127.0.0.1:${cluster.port}/store`;
  const migrated = await migrateStore({ url: ownerUrl, variable: 'SICHUAN_MIGRATION_DATABASE_URL', migrations: MIGRATIONS, owner: 'sichuan', connectAttempts: 1, logger: SILENT, runtimeRole: 'store_runtime' });
  expect(migrated.applied).toEqual(MIGRATIONS.map((m) => m.name));
  owner = await connect(ownerUrl);
  runtime = await connect(runtimeUrl);
  // The region tree is the owner's to load (the seed's): the records below lie in these regions.
  await owner.query(`INSERT INTO region (id, code, name, level) VALUES
    ('sichuan:Region:x', '510900', '遂宁市', '市'), ('sichuan:Region:y', '510903', '船山区', '区县'),
    ('sichuan:Region:w', '510904', '安居区', '区县'), ('sichuan:Region:z', '510921', '蓬溪县', '区县')`);
});

afterAll(async () => {
  await owner?.end();
  await runtime?.end();
  await cluster?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the runtime role, granted by the owner', () => {
  test('appends to the audit log and reads it; the chain trigger fills seq and hash', async () => {
    await runtime.query(ENTRY);
    const { rows } = await runtime.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('moves the store’s version and 数据截至 as a partly refused import does (linju_store_changed, migration 0015)', async () => {
    const before = (await runtime.query<{ version: string }>('SELECT version FROM _linju_store_version')).rows[0]!;
    const { rows } = await runtime.query<{ version: string }>('SELECT linju_store_changed() AS version');
    expect(Number(rows[0]!.version)).toBe(Number(before.version) + 1);
  });

  test.each([
    ['disable the append-only trigger', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only'],
    ['disable every trigger of the log', 'ALTER TABLE audit_log DISABLE TRIGGER ALL'],
    ['replace the trigger function', "CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"],
    ['skip triggers for the session', 'SET session_replication_role = replica'],
    ['delete an entry', 'DELETE FROM audit_log WHERE seq = 1'],
    ['change an entry', "UPDATE audit_log SET subject = 'someone else'"],
    ['truncate the log', 'TRUNCATE audit_log'],
    ['drop the log', 'DROP TABLE audit_log'],
    ['alter a table', 'ALTER TABLE organization ADD COLUMN note text'],
    ['delete a record', 'DELETE FROM organization'],
    ['create a table', 'CREATE TABLE elsewhere (id int)'],
    // What every start used to run: refused even though the table exists, so a start that runs it cannot open as this role.
    ['create the bookkeeping if missing', 'CREATE TABLE IF NOT EXISTS _linju_migrations (name text PRIMARY KEY)'],
    ['record a migration', "INSERT INTO _linju_migrations (name, checksum) VALUES ('9999_x', 'x')"],
    ['forget a migration', 'DELETE FROM _linju_migrations'],
    ['mark a seed loaded', "INSERT INTO _linju_seeds (name) VALUES ('seed-x')"],
    // The figures' rollups move with the records only (migration 0008_figure_rollups).
    ['change a figure rollup', "INSERT INTO _linju_figure_day (figure, day, value) VALUES ('talentEvents', '2024-01-01', 1)"],
    ['change an alliance figure rollup', 'UPDATE _linju_figure_alliance_day SET value = 0'],
    // A record leaves its table only through the owner's function, into the archive (migration 0017).
    ['delete an activity', 'DELETE FROM activity'],
    ['archive a record itself', "INSERT INTO withdrawn_record (id, type, record, reason, withdrawn_by) VALUES ('sichuan:Activity:x', 'Activity', '{}', 'x', 'x')"],
    ['change a withdrawn record', "UPDATE withdrawn_record SET reason = 'x'"],
    ['forget a withdrawn record', 'DELETE FROM withdrawn_record'],
    // The region tree decides what a region-scoped operator may write: moving a town under another
    // district, or adding a region, would widen an operator's authority. It is the owner's (seed, migration).
    ['move a region under another parent', "UPDATE region SET parent_id = NULL"],
    ['add a region', "INSERT INTO region (id, code, name, level) VALUES ('sichuan:Region:x', '519999', 'x', '区县')"],
  ])('may not %s (insufficient privilege, 42501: a right it lacks, before any trigger)', async (_what, sql) => {
    expect(await refusal(runtime, sql)).toMatch(/^42501 (permission denied|must be owner)/);
  });

  test('the owner could disable the trigger: the refusals above are the role, not the statements', async () => {
    expect(await refusal(owner, 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).toBe('accepted');
    expect(await canAlterAuditLog(owner)).toBe(true);
    expect(await canAlterAuditLog(runtime)).toBe(false);
  });

  test('frees an idempotency key, as a ledger import does for a refused row (its corrected row takes the key)', async () => {
    await runtime.query('BEGIN');
    try {
      await runtime.query("INSERT INTO idempotency_record (key, operation, request_hash) VALUES ('k-refused', 'sichuanRecordActivity', 'h')");
      await runtime.query("DELETE FROM idempotency_record WHERE key = ANY('{k-refused}'::text[])");
      expect((await runtime.query("SELECT count(*)::int AS n FROM idempotency_record WHERE key = 'k-refused'")).rows[0].n).toBe(0);
    } finally {
      await runtime.query('ROLLBACK');
    }
  });

  test('reads, creates and updates records', async () => {
    await runtime.query('BEGIN');
    try {
      await runtime.query("INSERT INTO service_case (id, kind, handled_on, region_id, people) VALUES ('sichuan:ServiceCase:x', '养老保险转移', '2024-04-01', 'sichuan:Region:x', 2)");
      await runtime.query("UPDATE service_case SET people = 3 WHERE id = 'sichuan:ServiceCase:x'");
      expect((await runtime.query("SELECT people FROM service_case WHERE id = 'sichuan:ServiceCase:x'")).rows).toEqual([{ people: 3 }]);
      expect((await runtime.query("SELECT name FROM region WHERE id = 'sichuan:Region:x'")).rows).toEqual([{ name: '遂宁市' }]);
    } finally {
      await runtime.query('ROLLBACK');
    }
  });

  test('moves the figures’ rollups by writing records: their triggers run as the owner', async () => {
    await runtime.query('BEGIN');
    try {
      await runtime.query("INSERT INTO service_case (id, kind, handled_on, region_id, people, alliance_id) VALUES ('sichuan:ServiceCase:y', '养老保险转移', '2024-05-01', 'sichuan:Region:y', 3, 'joint:Alliance:y')");
      const { rows } = await runtime.query("SELECT figure, value::int FROM _linju_figure_alliance_day WHERE alliance_id = 'joint:Alliance:y' ORDER BY figure");
      // The catalogue's figure, and the breakdown row serviceCasesByKind reads.
      expect(rows).toEqual([{ figure: 'pensionTransferPeople', value: 3 }, { figure: 'serviceCaseKind:养老保险转移', value: 1 }]);
    } finally {
      await runtime.query('ROLLBACK');
    }
  });
});

describe('withdrawing a record (linju_withdraw_record, migration 0017)', () => {
  const CASE = "INSERT INTO service_case (id, kind, handled_on, region_id, people) VALUES ('sichuan:ServiceCase:w', '养老保险转移', '2024-07-01', 'sichuan:Region:w', 4)";
  const people = async () => (await runtime.query("SELECT coalesce(sum(value), 0)::int AS v FROM _linju_figure_day WHERE figure = 'pensionTransferPeople' AND day = '2024-07-01'")).rows[0].v as number;

  test('moves the record whole into the archive, and its figures leave the rollups', async () => {
    await runtime.query('BEGIN');
    try {
      await runtime.query(CASE);
      expect(await people()).toBe(4);
      const { rows } = await runtime.query("SELECT id, type, reason, withdrawn_by, record->>'people' AS people FROM linju_withdraw_record('ServiceCase', 'sichuan:ServiceCase:w', '重复', 'clerk')");
      expect(rows).toEqual([{ id: 'sichuan:ServiceCase:w', type: 'ServiceCase', reason: '重复', withdrawn_by: 'clerk', people: '4' }]);
      expect((await runtime.query("SELECT count(*)::int AS n FROM service_case WHERE id = 'sichuan:ServiceCase:w'")).rows[0].n).toBe(0);
      expect(await people()).toBe(0);
      // A record that is not there: nothing archived.
      expect((await runtime.query("SELECT * FROM linju_withdraw_record('ServiceCase', 'sichuan:ServiceCase:none', '重复', 'clerk')")).rows).toEqual([]);
    } finally {
      await runtime.query('ROLLBACK');
    }
  });

  test.each([
    ['an organization', "SELECT linju_withdraw_record('Organization', 'sichuan:Organization:x', 'x', 'x')"],
    ['the audit log', "SELECT linju_withdraw_record('audit_log', '1', 'x', 'x')"],
    ['a table named by SQL', "SELECT linju_withdraw_record('Activity; DELETE FROM region', 'x', 'x', 'x')"],
  ])('deletes from no other table: %s', async (_what, sql) => {
    expect(await refusal(runtime, sql)).toMatch(/^P0001 linju_withdraw_record: .* records cannot be withdrawn/);
  });
});

describe('the rollups cannot be forged by the runtime role', () => {
  const SHADOW_CASE = "INSERT INTO service_case (id, kind, handled_on, region_id, people) VALUES ('sichuan:ServiceCase:z', '养老保险转移', '2024-06-01', 'sichuan:Region:z', 5)";
  const dayValue = async (client: pg.Client) =>
    (await client.query("SELECT coalesce(sum(value), 0)::int AS v FROM _linju_figure_day WHERE figure = 'pensionTransferPeople' AND day = '2024-06-01'")).rows[0].v as number;

  test('a temporary table named like a rollup does not catch the trigger’s upsert (search_path ends with pg_temp)', async () => {
    await runtime.query('BEGIN');
    try {
      await runtime.query('CREATE TEMP TABLE _linju_figure_day (figure text, day date, value numeric, PRIMARY KEY (figure, day)) ON COMMIT DROP');
      await runtime.query(SHADOW_CASE);
      expect(await dayValue(runtime)).toBe(0);
      expect((await runtime.query("SELECT coalesce(sum(value), 0)::int AS v FROM public._linju_figure_day WHERE figure = 'pensionTransferPeople' AND day = '2024-06-01'")).rows[0].v).toBe(5);
    } finally {
      await runtime.query('ROLLBACK');
    }
  });

  test('a temporary table of invented records cannot be rebuilt into the rollups: the rebuild is the owner’s', async () => {
    expect(await refusal(runtime, 'SELECT linju_figure_rollups_rebuild()')).toMatch(/^42501 permission denied for function/);
    await runtime.query('BEGIN');
    try {
      await runtime.query('CREATE TEMP TABLE service_case (LIKE public.service_case INCLUDING DEFAULTS) ON COMMIT DROP');
      await runtime.query(SHADOW_CASE.replace("'sichuan:Region:z'", "'x'"));
      await expect(runtime.query('SELECT linju_figure_rollups_rebuild()')).rejects.toThrow(/permission denied/);
    } finally {
      await runtime.query('ROLLBACK');
    }
    expect(await dayValue(owner)).toBe(0);
  });
});

describe('granting', () => {
  test('is refused for the owner and for a superuser, who could alter the log whatever is granted', async () => {
    await expect(grantRuntime(owner, 'store_owner')).rejects.toThrow(/can alter the audit log whatever is granted/);
    await expect(grantRuntime(owner, 'linju')).rejects.toThrow(/can alter the audit log whatever is granted/);
    await expect(grantRuntime(owner, 'nobody_here')).rejects.toThrow(/the role nobody_here does not exist/);
  });

  test('names every table and its rights; the log gets SELECT and INSERT only', async () => {
    const grants = await grantRuntime(owner, 'store_runtime');
    expect(grants).toContain('GRANT SELECT, INSERT ON TABLE "audit_log" TO "store_runtime"');
    expect(grants).toContain('GRANT SELECT ON TABLE "_linju_migrations" TO "store_runtime"');
    expect(grants).toContain('GRANT SELECT ON TABLE "_linju_seeds" TO "store_runtime"');
    expect(grants).toContain('GRANT SELECT, INSERT, UPDATE ON TABLE "organization" TO "store_runtime"');
    expect(grants.filter((grant) => grant.startsWith('REVOKE ALL ON TABLE'))).toHaveLength(grants.filter((grant) => grant.startsWith('GRANT') && grant.includes(' ON TABLE ')).length);
    const { rows } = await owner.query<{ privilege_type: string }>(
      "SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'store_runtime' AND table_name = 'audit_log' ORDER BY privilege_type",
    );
    expect(rows.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
  });
});

describe('a store opened as the runtime role', () => {
  const extra: Migration = { name: '9001_note', sql: 'ALTER TABLE organization ADD COLUMN note text' };
  /** Opens the store as a subgraph would, over the runtime role's URL. */
  const open = (options: Partial<DatabaseOptions>) =>
    openDatabase({ databaseUrl: runtimeUrl, databaseUrlVariable: 'SICHUAN_DATABASE_URL', migrationUrlVariable: 'SICHUAN_MIGRATION_DATABASE_URL', migrations: MIGRATIONS, owner: 'sichuan', connectAttempts: 1, logger: SILENT, ...options });

  test('with nothing pending: opens without DDL (the role could run none), in production too', async () => {
    expect(await pendingMigrations(runtime, MIGRATIONS)).toEqual([]);
    for (const production of [false, true]) {
      const database = await open({ production });
      expect(database.migrations).toEqual({ applied: [], before: MIGRATIONS.length });
      await database.close();
    }
  });

  test('in production, a pending migration without the owner\'s URL refuses the start, naming the command and the variable', async () => {
    const error = await open({ migrations: [...MIGRATIONS, extra], production: true }).catch((refused: unknown) => refused);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('SICHUAN_MIGRATION_DATABASE_URL');
    expect((error as ConfigError).message).toBe(
      'SICHUAN_DATABASE_URL: the store has 1 pending migration (9001_note), and production applies none as the runtime role: run npm run migrate -- sichuan as the store\'s owner, or set SICHUAN_MIGRATION_DATABASE_URL to the owner\'s URL',
    );
    expect(await pendingMigrations(owner, [...MIGRATIONS, extra])).toEqual([extra]);
  });

  test('in production, a subgraph running as the owner is warned that it could disable the audit trail; as the runtime role it is not', async () => {
    const warnings = async (databaseUrl: string) => {
      const lines: string[] = [];
      const logger = createLogger('sichuan', { level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
      await (await open({ databaseUrl, production: true, logger })).close();
      return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    };
    expect(await warnings(ownerUrl)).toEqual([
      'SICHUAN_DATABASE_URL connects as a role that can alter the audit log (a superuser or its owner): it could disable the audit trail; run the subgraph as a runtime role (npm run migrate -- --grant-runtime, docs/operations.md)',
    ]);
    expect(await warnings(runtimeUrl)).toEqual([]);
    // A runtime role granted by an older version (the region tree was writable) or by hand: told, until regranted.
    await owner.query('GRANT INSERT, UPDATE ON region TO store_runtime');
    await owner.query('GRANT DELETE ON organization TO store_runtime');
    try {
      expect(await warnings(runtimeUrl)).toEqual([
        "SICHUAN_DATABASE_URL connects as a role with rights the runtime does not need (organization: DELETE; region: INSERT, UPDATE): run npm run migrate -- --grant-runtime sichuan as the store's owner (docs/operations.md)",
      ]);
    } finally {
      await grantRuntime(owner, 'store_runtime');
    }
    expect(await warnings(runtimeUrl)).toEqual([]);
  });

  test('with the owner\'s URL, the pending migration is applied as the owner, and the runtime role still owns nothing', async () => {
    const database = await open({ migrations: [...MIGRATIONS, extra], migrationUrl: ownerUrl, production: true });
    expect(database.migrations).toEqual({ applied: ['9001_note'], before: MIGRATIONS.length });
    await database.close();
    const { rows } = await owner.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'organization'");
    expect(rows).toEqual([{ owner: 'store_owner' }]);
    expect(await refusal(runtime, 'ALTER TABLE organization DROP COLUMN note')).toBe('42501 must be owner of table organization');
  });

  test('a pending migration that adds a table, applied at start as the owner: the runtime role is granted its rights on it, as npm run migrate -- --grant-runtime would', async () => {
    // Without the grant the new table is closed to the role the subgraph runs as: every statement
    // on it is 42501 (Internal server error to the client) until someone runs --grant-runtime.
    const table: Migration = { name: '9002_notebook', sql: 'CREATE TABLE notebook (id text PRIMARY KEY, note text NOT NULL)' };
    const lines: string[] = [];
    const logger = createLogger('sichuan', { level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const database = await open({ migrations: [...MIGRATIONS, extra, table], migrationUrl: ownerUrl, production: true, logger });
    try {
      expect(database.migrations.applied.at(-1)).toBe('9002_notebook');
      await database.pool.query("INSERT INTO notebook (id, note) VALUES ('n1', 'x')");
      await database.pool.query("UPDATE notebook SET note = 'y' WHERE id = 'n1'");
      expect((await database.pool.query('SELECT id, note FROM notebook')).rows).toEqual([{ id: 'n1', note: 'y' }]);
    } finally {
      await database.close();
    }
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContainEqual(expect.stringMatching(/^runtime role store_runtime granted: GRANT USAGE ON SCHEMA "public" TO "store_runtime"; .*GRANT SELECT, INSERT, UPDATE ON TABLE "notebook" TO "store_runtime"/));
    // Its rights and no more: the log still SELECT and INSERT, the new table not its own.
    expect(await refusal(runtime, 'DELETE FROM notebook')).toMatch(/^42501 permission denied/);
    expect(await refusal(runtime, 'DELETE FROM audit_log WHERE seq = 1')).toMatch(/^42501 permission denied/);
    expect(await refusal(runtime, 'DROP TABLE notebook')).toBe('42501 must be owner of table notebook');
  });

  test('a store whose subgraph runs as its owner, migrated at start through the same role: nothing to grant, started with the warning', async () => {
    const table: Migration = { name: '9003_scratch', sql: 'CREATE TABLE scratch (id text PRIMARY KEY)' };
    const lines: string[] = [];
    const logger = createLogger('sichuan', { level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const database = await open({ databaseUrl: ownerUrl, migrations: [...MIGRATIONS, extra, { name: '9002_notebook', sql: 'CREATE TABLE notebook (id text PRIMARY KEY, note text NOT NULL)' }, table], migrationUrl: ownerUrl, production: true, logger });
    await database.close();
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContainEqual(expect.stringMatching(/^SICHUAN_DATABASE_URL connects as a role that can alter the audit log/));
    expect(messages.filter((message) => message.includes('granted'))).toEqual([]);
  });
});
