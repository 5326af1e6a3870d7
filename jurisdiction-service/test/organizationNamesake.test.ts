import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { GraphQLError } from 'graphql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { comparedName, contractMigrations, jurisdictionByKey } from '@linju/contract';
import { openDatabase, type Db } from '@linju/subgraph-runtime';
import { refuseNamesake, refuseNamesakes, storedCompared, type NameScope } from '../src/mutations/organizationNamesake.ts';

/**
 * The namesake checks of organizations read only the organizations of the places they compare in
 * (the parent's children, or the region's organizations), whatever the store holds elsewhere:
 * counted as the rows the check's transaction read from `organization` (pg_stat_xact_user_tables),
 * not timed. A batch's check compared every stored name again for every row (a 1 000-row import
 * against ~1 000 organizations took 11 s, past the gateway's limit).
 */
const side = jurisdictionByKey('sichuan')!;
const PARENTS = 30;
const CHILDREN = 100;
const TOP_ELSEWHERE = 500;
const TOP_HERE = 5;

let dataDir: string;
let store: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linju-namesakes-'));
  store = await openDatabase({ dataDir, durable: false, migrations: contractMigrations(side) });
  const q = (text: string) => store.pool.query(text);
  await q(`INSERT INTO region (id, code, name, level) VALUES ('sichuan:Region:town', '510904001', '磨溪镇', 'town'), ('sichuan:Region:big', '510904002', '大镇', 'town'), ('sichuan:Region:small', '510904003', '小镇', 'town')`);
  // 30 parents of 100 branches each, 500 top-level organizations in one region and 5 in another: 3 535 in all.
  await q(`INSERT INTO organization (id, name, kind, level, region_id, founded_on)
    SELECT 'sichuan:Organization:p' || p, '第' || p || '党委', '党委', '乡镇', 'sichuan:Region:town', '2020-01-01' FROM generate_series(1, ${PARENTS}) p`);
  await q(`INSERT INTO organization (id, name, kind, level, parent_id, region_id, founded_on)
    SELECT 'sichuan:Organization:p' || p || 'c' || c, c || '村党支部（机关）', '党支部', '村', 'sichuan:Organization:p' || p, 'sichuan:Region:town', '2020-01-01'
    FROM generate_series(1, ${PARENTS}) p, generate_series(1, ${CHILDREN}) c`);
  await q(`INSERT INTO organization (id, name, kind, level, region_id, founded_on)
    SELECT 'sichuan:Organization:big' || n, '大镇第' || n || '党委', '党委', '乡镇', 'sichuan:Region:big', '2020-01-01' FROM generate_series(1, ${TOP_ELSEWHERE}) n`);
  await q(`INSERT INTO organization (id, name, kind, level, region_id, founded_on)
    SELECT 'sichuan:Organization:small' || n, '小镇第' || n || '党委', '党委', '乡镇', 'sichuan:Region:small', '2020-01-01' FROM generate_series(1, ${TOP_HERE}) n`);
  await q('ANALYZE organization');
}, 120_000);

afterAll(async () => {
  await store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `check` in a transaction of its own; answers what it returned and the rows it read from `organization`. */
async function counted<T>(check: (db: Db) => Promise<T>): Promise<{ result: T | GraphQLError; read: number }> {
  const client: pg.PoolClient = await store.pool.connect();
  try {
    await client.query('BEGIN');
    // The counters hold what this connection read before and has not reported yet: read before and after, within the transaction (reported only between transactions).
    const readSoFar = async () =>
      Number((await client.query<{ read: string }>(`SELECT coalesce(sum(seq_tup_read + idx_tup_fetch), 0) AS read FROM pg_stat_xact_user_tables WHERE relname = 'organization'`)).rows[0]!.read);
    const before = await readSoFar();
    const db: Db = { $queryRaw: async <R>(query: Sql) => (await client.query(query.text, query.values as unknown[])).rows as R };
    const result = await check(db).catch((error: GraphQLError) => error);
    return { result, read: (await readSoFar()) - before };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const under = (parent: number, name: string): NameScope => ({ name, parentId: `sichuan:Organization:p${parent}`, regionId: 'sichuan:Region:town' });
const top = (name: string): NameScope => ({ name, parentId: null, regionId: 'sichuan:Region:small' });

test('a batch of 1 000 rows reads only its parents’ children and its regions’ organizations, and finds each namesake (全角 and spaces alike)', async () => {
  const scopes: NameScope[] = [
    under(1, '7村党支部(机关)'),
    under(2, ' 8村 党支部（机关）'),
    top('小镇第3党委'),
    ...Array.from({ length: 990 }, (_, i) => under(1 + (i % 2), `新${i}村党支部`)),
    under(1, '新0村党支部'),
    top('小镇新党委'),
    top('小镇 新党委'),
    under(3, '7村党支部（机关）'),
    under(3, '新0村党支部'),
    under(3, '新1村党支部'),
  ];
  const { result, read } = await counted((db) => refuseNamesakes(db, scopes));
  const refusals = result as ReadonlyMap<number, GraphQLError>;
  const refused = [...refusals.keys()].sort((a, b) => a - b);
  expect(refused).toEqual([0, 1, 2, 993, 995, 996]);
  expect(refusals.get(0)!.message).toContain('(sichuan:Organization:p1c7)');
  expect(refusals.get(1)!.message).toContain('(sichuan:Organization:p2c8)');
  expect(refusals.get(2)!.message).toContain('(sichuan:Organization:small3)');
  expect(refusals.get(993)!.message).toMatch(/^名称：党组织“.+”在.+已由本次导入的前面一行登记/);
  expect(refusals.get(0)!.message).toMatch(/^名称：党组织“.+”在.+已经登记/);
  expect(refusals.get(995)!.message).toContain('已由本次导入的前面一行登记');
  expect(refusals.get(996)!.extensions).toMatchObject({ field: 'name', rule: 'duplicate' });
  // Three parents' children and one small region's organizations; every other organization of the store unread.
  expect(read).toBeLessThanOrEqual(3 * CHILDREN + TOP_HERE);
});

test('a single write reads only the organizations of its place', async () => {
  const child = await counted((db) => refuseNamesake(db, under(4, '9村 党支部(机关)')));
  expect((child.result as GraphQLError).message).toContain('(sichuan:Organization:p4c9)');
  expect(child.read).toBeLessThanOrEqual(CHILDREN);
  const free = await counted((db) => refuseNamesake(db, top('小镇另一党委')));
  expect(free.result).toBeUndefined();
  expect(free.read).toBeLessThanOrEqual(TOP_HERE);
  const renamed = await counted((db) => refuseNamesake(db, top('小镇第2党委'), 'sichuan:Organization:small2'));
  expect(renamed.result).toBeUndefined();
});

test('the store compares a name as contract’s comparedName does, character for character: a no-break space is a space there too', async () => {
  // Every character of the Basic Multilingual Plane the store's comparison changes, against those comparedName changes.
  const query = sql`SELECT c, ${storedCompared(sql`chr(c)`)} AS compared FROM generate_series(1, 65535) c WHERE c NOT BETWEEN 55296 AND 57343 AND ${storedCompared(sql`chr(c)`)} <> chr(c) ORDER BY c`;
  const { rows } = await store.pool.query<{ c: number; compared: string }>(query.text, query.values as unknown[]);
  const expected = new Map<number, string>();
  for (let c = 1; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const character = String.fromCharCode(c);
    if (comparedName(character) !== character) expected.set(c, comparedName(character));
  }
  expect(new Map(rows.map((r) => [r.c, r.compared]))).toEqual(expected);
  expect(expected.get(0xa0)).toBe('');
  // A title pasted from a web page or WeChat with a no-break space, and the one typed with a space: one name in the store.
  const pair = sql`SELECT ${storedCompared(sql`${'川渝\u00a0联席会'}::text`)} = ${storedCompared(sql`${'川渝 联席会'}::text`)} AS same`;
  expect((await store.pool.query<{ same: boolean }>(pair.text, pair.values as unknown[])).rows[0]!.same).toBe(true);
});

test('a batch of 1 000 rows in 1 000 places holds at most 64 advisory locks (by bucket, as a write\'s other checks), not one per place', async () => {
  const rows = Array.from({ length: 1000 }, (_, i) => under((i % PARENTS) + 1, `新建${i}村党支部`));
  const { result } = await counted(async (db) => {
    await refuseNamesakes(db, rows);
    return (await db.$queryRaw<{ held: number }[]>(sql`SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`))[0]!.held;
  });
  expect(result).toBeGreaterThan(0);
  expect(result).toBeLessThanOrEqual(64);
});
