import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { Sql } from '@prisma/client/runtime/client';
import type { GraphQLError } from 'graphql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractMigrations, jurisdictionByKey } from '@linju/contract';
import { openDatabase, type Db, type Row } from '@linju/subgraph-runtime';
import { refuseSameRecord, sameRecords } from '../src/mutations/sameRecord.ts';

/**
 * The same-record check (`sameRecord.ts`) against a store: the locks a large import holds, and what
 * its refusals say to a clerk. Counted (advisory locks in pg_locks, ASCII in a Chinese half), not timed.
 */
const side = jurisdictionByKey('sichuan')!;

let dataDir: string;
let store: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linju-same-record-'));
  store = await openDatabase({ dataDir, durable: false, migrations: contractMigrations(side) });
  const q = (text: string) => store.pool.query(text);
  await q(`INSERT INTO region (id, code, name, level) VALUES ('sichuan:Region:town', '510904001', '磨溪镇', 'town')`);
  await q(`INSERT INTO organization (id, name, kind, level, region_id, founded_on) VALUES ('sichuan:Organization:o', '磨溪镇党委', '党委', '乡镇', 'sichuan:Region:town', '2020-01-01')`);
  await q(`INSERT INTO team (id, category, kind, name, organization_id, founded_on) VALUES ('sichuan:Team:t', '社会治理工作队', '巡逻队', '磨溪巡逻队', 'sichuan:Organization:o', '2020-01-01')`);
  await q(`INSERT INTO facility (id, kind, name, region_id, area_sqm, converted_from_idle, idle_asset_kind, opened_on)
    VALUES ('sichuan:Facility:f', '党员活动室', '磨溪党员活动室', 'sichuan:Region:town', 120, false, NULL, '2024-03-01')`);
  await q(`INSERT INTO team_action (id, team_id, kind, acted_on, occurrences) VALUES ('sichuan:TeamAction:a', 'sichuan:Team:t', '日常巡逻', '2026-12-04', 1)`);
}, 120_000);

afterAll(async () => {
  await store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `check` in a transaction of its own (rolled back); answers its result and the advisory locks the transaction held at its end. */
async function inTransaction<T>(check: (db: Db) => Promise<T>): Promise<{ result: T | GraphQLError; locks: number }> {
  const client: pg.PoolClient = await store.pool.connect();
  try {
    await client.query('BEGIN');
    const db: Db = { $queryRaw: async <R>(query: Sql) => (await client.query(query.text, query.values as unknown[])).rows as R };
    const result = await check(db).catch((error: GraphQLError) => error);
    const { rows } = await client.query<{ locks: string }>(`SELECT count(*) AS locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`);
    return { result, locks: Number(rows[0]!.locks) };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const region = new Map<string, Row>([['regionId', { id: 'sichuan:Region:town', name: '磨溪镇' } as Row]]);
const team = new Map<string, Row>([['teamId', { id: 'sichuan:Team:t', name: '磨溪巡逻队' } as Row]]);
const facility = { kind: '党员活动室', name: '磨溪党员活动室', regionId: 'sichuan:Region:town', organizationId: null, areaSqm: 120, openedOn: '2024-03-01', allianceId: null };
/** The Chinese half of a refusal: what a clerk reads. */
const chinese = (error: GraphQLError) => error.message.split(' / ')[0]!;

test('an import of 1 000 rows holds at most 64 advisory locks (one per bucket), not one per row', async () => {
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    values: { kind: '座谈交流', title: `第${i}次联席会`, heldOn: '2026-12-04', organizerId: 'sichuan:Organization:o', sessions: 1, personTimes: 30, talentsRecruited: 0, allianceId: null },
    found: new Map<string, Row>(),
  }));
  const { result, locks } = await inTransaction((db) => sameRecords(db, 'Activity', 'activity', rows));
  expect((result as ReadonlyMap<number, GraphQLError>).size).toBe(0);
  expect(locks).toBeGreaterThan(0);
  expect(locks).toBeLessThanOrEqual(64);
});

test('a facility re-registered with an idle-asset kind is refused on the field sent (idleAssetKind), the Chinese half in the clerk’s words', async () => {
  const { result } = await inTransaction((db) =>
    refuseSameRecord(db, 'Facility', 'facility', { values: { ...facility, convertedFromIdle: true, idleAssetKind: '闲置小学' }, found: region }),
  );
  const refusal = result as GraphQLError;
  expect(refusal.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-identity', field: 'idleAssetKind', id: 'sichuan:Facility:f' });
  expect(chinese(refusal)).toContain('为空，本次为 闲置小学');
});

test('the Chinese half of every same-identity refusal names no ASCII identifier (no field name, no true/false)', async () => {
  const writes = [
    { values: { ...facility, convertedFromIdle: true, idleAssetKind: '闲置小学' }, found: region },
    { values: { ...facility, convertedFromIdle: false, idleAssetKind: null, areaSqm: 80 }, found: region },
    { values: { ...facility, convertedFromIdle: false, idleAssetKind: null, openedOn: '2024-03-02', allianceId: 'sichuan:Alliance:x' }, found: region },
  ];
  for (const write of writes) {
    const { result } = await inTransaction((db) => refuseSameRecord(db, 'Facility', 'facility', write));
    const refusal = result as GraphQLError;
    expect(refusal.extensions?.rule).toBe('same-identity');
    expect(chinese(refusal)).not.toMatch(/[A-Za-z_][A-Za-z0-9_]*/);
  }
  const { result } = await inTransaction((db) =>
    refuseSameRecord(db, 'TeamAction', 'team_action', { values: { teamId: 'sichuan:Team:t', kind: '日常巡逻', actedOn: '2026-12-04', occurrences: 2 }, found: team }),
  );
  expect((result as GraphQLError).extensions?.field).toBe('occurrences');
  expect(chinese(result as GraphQLError)).not.toMatch(/[A-Za-z_][A-Za-z0-9_]*/);
});

test('the same team action sent again is the day’s record, and the answer says how a second patrol of the day is registered (the day’s total)', async () => {
  const { result } = await inTransaction((db) =>
    refuseSameRecord(db, 'TeamAction', 'team_action', { values: { teamId: 'sichuan:Team:t', kind: '日常巡逻', actedOn: '2026-12-04', occurrences: 1 }, found: team }),
  );
  const refusal = result as GraphQLError;
  expect(refusal.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-record', id: 'sichuan:TeamAction:a' });
  expect(chinese(refusal)).toContain('内容相同，未重复登记；如确是同一天的另一次队伍行动，请先撤销原记录，再按当天合计次数重新登记');
  expect(refusal.message).toContain("record it again with the day's total occurrences");
  expect(chinese(refusal)).not.toMatch(/[A-Za-z_][A-Za-z0-9_]*/);
});

test('an activity (no count) sent again says only that it is recorded', async () => {
  await store.pool.query(`INSERT INTO activity (id, kind, title, held_on, organizer_id, sessions, person_times) VALUES ('sichuan:Activity:x', '座谈交流', '联席会', '2026-12-04', 'sichuan:Organization:o', 1, 30)`);
  const values = { kind: '座谈交流', title: '联席会', heldOn: '2026-12-04', organizerId: 'sichuan:Organization:o', sessions: 1, personTimes: 30, talentsRecruited: 0, allianceId: null };
  const { result } = await inTransaction((db) => refuseSameRecord(db, 'Activity', 'activity', { values, found: new Map([['organizerId', { id: 'sichuan:Organization:o', name: '磨溪镇党委' } as Row]]) }));
  expect(chinese(result as GraphQLError)).toBe('该活动已登记（座谈交流，“联席会”，磨溪镇党委，2026-12-04），内容相同，未重复登记');
});
