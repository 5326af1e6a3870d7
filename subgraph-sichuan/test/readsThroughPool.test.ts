import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditMigrations } from '@linju/contract';
import { openDatabase, readsThroughPool, toRow, type Database } from '@linju/subgraph-runtime';
import { PrismaClient } from '../src/generated/prisma/client.ts';

// Rows read through the pool must be the rows Prisma gives, in any time zone the process runs in
// (an office in Chengdu runs it in Asia/Shanghai): dates are days, not local midnights.
process.env.TZ = 'Asia/Shanghai';

let dir: string;
let store: Database;
let prisma: PrismaClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-reads-'));
  await chmod(dir, 0o755);
  store = await openDatabase({ dataDir: join(dir, 'store'), durable: false, migrations: auditMigrations() });
  prisma = new PrismaClient({ adapter: new PrismaPg(store.pool) });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a statement read through the pool gives the rows Prisma gives, type for type', async () => {
  const day = new Date('2024-03-01T00:00:00Z');
  const statement = sql`
    SELECT 7::int4 AS int4, 9007199254740993::int8 AS int8, count(*) AS count, sum(x)::numeric AS total, 2.5::numeric(10,2) AS decimal, 0.25::float8 AS float,
           '2024-03-01'::date AS day, '2024-03-01 10:20:30.5'::timestamp AS stamp, '2024-03-01 10:20:30+08'::timestamptz AS stamptz,
           ARRAY[1, 2]::int8[] AS int8s, ARRAY['2024-03-01', '2024-12-31']::date[] AS days, ARRAY['四川', '重庆'] AS texts,
           '{"名称": "示例", "n": [1, 2]}'::jsonb AS json, true AS flag, NULL::date AS missing, ${day}::date AS day_parameter,
           ${['a', 'b']}::text[] AS text_parameter, ${12n}::int8 AS bigint_parameter
    FROM (VALUES (1), (2), (3)) AS v(x)`;
  const viaPrisma = (await prisma.$queryRaw<Record<string, unknown>[]>(statement)).map(toRow);
  const viaPool = (await readsThroughPool(prisma, store.pool).$queryRaw<Record<string, unknown>[]>(statement)).map(toRow);
  // The cluster took Asia/Shanghai from the process that created it, and Prisma's driver adapter
  // drops a timestamptz's offset: it read 10:20:30Z here, 8 hours off, until every connection of
  // the pool was set to UTC (`connectionSettings`). Now both read the instant PostgreSQL stored.
  expect((await store.pool.query("SELECT reset_val FROM pg_settings WHERE name = 'TimeZone'")).rows[0].reset_val).toBe('Asia/Shanghai');
  expect(viaPrisma).toEqual(viaPool);
  expect(viaPrisma[0]!.stamptz).toEqual(new Date('2024-03-01T02:20:30Z'));
  expect(viaPool[0]).toMatchObject({ int8: 9007199254740993n, count: 3n, total: 6, day, dayParameter: day, stamp: new Date('2024-03-01T10:20:30.500Z'), int8s: [1n, 2n] });
});

test('everything but a statement outside a transaction stays the client’s own', async () => {
  const client = readsThroughPool(prisma, store.pool);
  // A transaction and the statements inside it are Prisma's: they commit or roll back together.
  await expect(
    client.$transaction(async (tx) => {
      await tx.$queryRaw`CREATE TABLE scratch (n int)`;
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(await client.$queryRaw(sql`SELECT to_regclass('scratch') IS NULL AS gone`)).toEqual([{ gone: true }]);
  // A tagged template goes to Prisma as written.
  expect(await client.$queryRaw`SELECT ${'四川'}::text AS name`).toEqual([{ name: '四川' }]);
});
