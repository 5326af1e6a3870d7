import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditMigrations } from '@linju/contract';
import { openDatabase, type Database } from '../src/database/openDatabase.ts';
import { MAX_PREPARED_TEXTS, queryPrepared } from '../src/database/queryPrepared.ts';

let dir: string;
let store: Database;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-prepared-'));
  await chmod(dir, 0o755);
  store = await openDatabase({ dataDir: join(dir, 'store'), durable: false, migrations: auditMigrations() });
  await store.pool.query('CREATE TABLE note (id int PRIMARY KEY, body text)');
  await store.pool.query("INSERT INTO note VALUES (1, '座谈'), (2, '走访')");
});

afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** How many times `text` is prepared on the most recently used connections (each lists its own). */
async function preparedOnEveryConnection(text: string): Promise<number> {
  const clients = await Promise.all([store.pool.connect(), store.pool.connect()]);
  try {
    const counts = await Promise.all(clients.map(async (client) => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [text])).rows[0]!.n));
    return Math.max(...counts);
  } finally {
    for (const client of clients) client.release();
  }
}

test('a statement is prepared once per connection and answers as an unnamed one', async () => {
  const text = 'SELECT * FROM note WHERE id = ANY($1) ORDER BY id';
  for (let i = 0; i < 6; i++) {
    const answers = await Promise.all([queryPrepared(store.pool, { text, values: [[1, 2]] }), queryPrepared(store.pool, { text, values: [[2]] })]);
    expect(answers.map((a) => a.rows)).toEqual([[{ id: 1, body: '座谈' }, { id: 2, body: '走访' }], [{ id: 2, body: '走访' }]]);
  }
  expect(await preparedOnEveryConnection(text)).toBe(1);
  // A Prisma `sql` statement as it is (its text and values are getters).
  const statement = sql`SELECT body FROM note WHERE id = ${2}`;
  for (let i = 0; i < 2; i++) expect((await queryPrepared(store.pool, statement)).rows).toEqual([{ body: '走访' }]);
});

test('a column added while the connections live: the statement is prepared afresh and answers the table as it is now', async () => {
  const text = 'SELECT * FROM note WHERE id = $1';
  await Promise.all([queryPrepared(store.pool, { text, values: [1] }), queryPrepared(store.pool, { text, values: [2] })]);
  // A migration (another process's) changes the columns the prepared statement returns.
  await store.pool.query("ALTER TABLE note ADD COLUMN place text NOT NULL DEFAULT '磨溪镇'");
  for (let i = 0; i < 4; i++) {
    const answers = await Promise.all([queryPrepared(store.pool, { text, values: [1] }), queryPrepared(store.pool, { text, values: [2] })]);
    expect(answers.map((a) => a.rows)).toEqual([[{ id: 1, body: '座谈', place: '磨溪镇' }], [{ id: 2, body: '走访', place: '磨溪镇' }]]);
  }
  // Both connections were refused at once: one fresh name between them, not one each.
  const clients = await Promise.all([store.pool.connect(), store.pool.connect()]);
  const prepared = await Promise.all(clients.map(async (client) => (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements WHERE statement = $1', [text])).rows.map((r) => r.name)));
  for (const client of clients) client.release();
  expect(prepared.flat().length).toBeGreaterThan(0);
  expect(prepared.flat().every((name) => name.endsWith('_1'))).toBe(true);
});

test('a statement gone from its connection behind pg’s back is prepared again', async () => {
  const client = await store.pool.connect();
  try {
    const text = 'SELECT body FROM note WHERE id = $1';
    expect((await queryPrepared(client, { text, values: [1] })).rows).toEqual([{ body: '座谈' }]);
    await client.query('DEALLOCATE ALL');
    expect((await queryPrepared(client, { text, values: [2] })).rows).toEqual([{ body: '走访' }]);
  } finally {
    client.release();
  }
});

test('every execution is planned for its values: a page of one kind in a period keeps its index, not a plan for any values', async () => {
  await store.pool.query('CREATE TABLE act (id int PRIMARY KEY, kind text NOT NULL, held_on date NOT NULL)');
  await store.pool.query("INSERT INTO act SELECT i, (ARRAY['座谈交流', '走访', '培训'])[1 + i % 3], date '2015-01-01' + i % 3650 FROM generate_series(1, 300000) i");
  await store.pool.query('CREATE INDEX ON act (held_on)');
  await store.pool.query('CREATE INDEX ON act (kind, held_on)');
  await store.pool.query('ANALYZE act');
  // The shape of a records page (see periodCondition): open ends allowed, ordered, limited.
  const text = 'SELECT id FROM act WHERE kind = ANY($3) AND ($1::date IS NULL OR held_on >= $1::date) AND ($2::date IS NULL OR held_on <= $2::date) ORDER BY held_on DESC, id LIMIT 10';
  const client = await store.pool.connect();
  try {
    for (let i = 0; i < 12; i++) expect((await queryPrepared(client, { text, values: ['2021-01-01', '2021-06-30', ['座谈交流']] })).rows).toHaveLength(10);
    const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>('SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1', [text]);
    // PostgreSQL's default would have switched to a plan for any values after five (checked: 7 of 12).
    expect(rows).toEqual([{ generic_plans: '0', custom_plans: '12' }]);
  } finally {
    client.release();
  }
});

// Last: it uses up the texts this process may prepare.
test('any other error is the statement’s own, and a text past the limit is still answered', async () => {
  await expect(queryPrepared(store.pool, { text: 'SELECT * FROM no_such_table' })).rejects.toMatchObject({ code: '42P01' });
  for (let i = 0; i <= MAX_PREPARED_TEXTS; i++) await queryPrepared(store.pool, { text: `SELECT ${i} AS n` });
  const past = `SELECT ${MAX_PREPARED_TEXTS + 1} AS n`;
  expect((await queryPrepared<{ n: number }>(store.pool, { text: past })).rows).toEqual([{ n: MAX_PREPARED_TEXTS + 1 }]);
  expect(await preparedOnEveryConnection(past)).toBe(0);
});
