import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditMigrations } from '@linju/contract';
import { AggregateCache } from '../src/cache/AggregateCache.ts';
import { openDatabase, type Database } from '../src/database/openDatabase.ts';
import { storeStatementClaims } from '../src/server/storeStatementClaims.ts';

/**
 * Two replicas over one store, each with its own pool and aggregate cache, as two subgraph
 * processes have them: a statement one claims the other cannot, and a write committed through
 * either empties both caches at the next request.
 */
let dir: string;
let store: Database;
let other: pg.Pool;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-claims-'));
  await chmod(dir, 0o755);
  store = await openDatabase({ dataDir: join(dir, 'store'), durable: false, migrations: auditMigrations() });
  const { rows } = await store.pool.query<{ port: string }>("SELECT current_setting('port') AS port");
  const password = (await import('node:fs')).readFileSync(join(dir, 'store', 'password'), 'utf8').trim();
  other = new pg.Pool({ host: '127.0.0.1', port: Number(rows[0]!.port), user: 'linju', password, database: 'linju', max: 2 });
  // A connection the server has not let go of when the cluster stops is told so after the test.
  other.on('error', () => undefined);
});

afterAll(async () => {
  await other?.end();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** An audit entry as a write's transaction appends it (or, `outcome: 'error'`, as a failed write is recorded). */
async function auditEntry(pool: pg.Pool, outcome: 'ok' | 'error'): Promise<void> {
  await pool.query(
    `INSERT INTO audit_log (subject, role, operation_name, fields, kind, types, ids, outcome, error_codes) VALUES ('clerk', 'sichuan-operator', 'Record', '{}', 'write', '{}', '{}', $1, '{}')`,
    [outcome],
  );
}

describe('storeStatementClaims', () => {
  const exp = () => Math.floor(Date.now() / 1000) + 30;

  test('claims stay out of the write-ahead log: a read request does not wait for a WAL flush to begin', async () => {
    const { rows } = await store.pool.query<{ persistence: string }>("SELECT relpersistence AS persistence FROM pg_class WHERE relname = '_linju_caller_statement'");
    expect(rows).toEqual([{ persistence: 'u' }]);
    // The row and its two index entries write no WAL; what is left is the commit record (40 bytes),
    // which PostgreSQL does not wait to flush for a transaction that logged nothing else.
    // One claim first: the first statements after the migrations may prune catalog pages their DDL left
    // dead tuples on (a WAL record of its own, nothing of the claim's).
    const claim = storeStatementClaims(store.pool, new AggregateCache());
    await claim(`wal-warm-${Date.now()}`, Math.floor(Date.now() / 1000) + 30);
    const before = await store.pool.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    await claim(`wal-${Date.now()}`, Math.floor(Date.now() / 1000) + 30);
    const { rows: grown } = await store.pool.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1) AS bytes', [before.rows[0]!.lsn]);
    expect(Number(grown[0]!.bytes)).toBeLessThan(64);
  });

  test('a statement claimed through one replica is refused by the other, and by itself', async () => {
    const [a, b] = [storeStatementClaims(store.pool, new AggregateCache()), storeStatementClaims(other, new AggregateCache())];
    expect(await a('jti-1', exp())).toBe(true);
    expect(await b('jti-1', exp())).toBe(false);
    expect(await a('jti-1', exp())).toBe(false);
    // Both at once: one wins.
    expect((await Promise.all([a('jti-2', exp()), b('jti-2', exp())])).sort()).toEqual([false, true]);
  });

  test('claims that arrive while one is under way go together in the next statement, each answered as if alone', async () => {
    let statements = 0;
    const counted = { query: ((...args: Parameters<pg.Pool['query']>) => (statements++, store.pool.query(...args))) as pg.Pool['query'] };
    const claim = storeStatementClaims(counted, new AggregateCache());
    expect(await claim('batch-before', exp())).toBe(true);
    statements = 0;
    // Twenty at once: one or two statements (the first may go alone, the rest come meanwhile).
    const ids = ['batch-before', ...Array.from({ length: 16 }, (_, i) => `batch-${i}`), 'batch-twice', 'batch-twice', 'batch-3'];
    const answers = await Promise.all(ids.map((id) => claim(id, exp())));
    expect(statements).toBeLessThanOrEqual(2);
    // Claimed before, a replay; a new one, fresh; the same ID twice at once (or twice in all), fresh once.
    expect(answers).toEqual([false, ...Array.from({ length: 16 }, () => true), true, false, false]);
    // Every one of them is claimed for every replica.
    expect(await storeStatementClaims(other, new AggregateCache())('batch-7', exp())).toBe(false);
  });

  test('a claim statement the store refuses fails the claims it carried, and those queued meanwhile go in the next', async () => {
    let refusals = 1;
    const failing = { query: ((...args: Parameters<pg.Pool['query']>) => (refusals-- > 0 ? Promise.reject(new Error('connection terminated')) : store.pool.query(...args))) as pg.Pool['query'] };
    const claim = storeStatementClaims(failing, new AggregateCache());
    // The first goes alone and is refused; the two that came while it was under way go next.
    const settled = await Promise.allSettled(['down-1', 'down-2', 'down-3'].map((id) => claim(id, exp())));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await claim('down-1', exp())).toBe(true);
    expect(await claim('down-2', exp())).toBe(false);
  });

  test('two replicas claiming the same IDs in opposite orders at once: each ID fresh once, no statement refused', async () => {
    const [a, b] = [storeStatementClaims(store.pool, new AggregateCache()), storeStatementClaims(other, new AggregateCache())];
    for (let round = 0; round < 20; round++) {
      const ids = Array.from({ length: 32 }, (_, i) => `race-${round}-${i}`);
      // Each replica's first claim goes alone, the other 31 together in its next statement.
      const answers = await Promise.all([...ids.map((id) => a(id, exp())), ...[...ids].reverse().map((id) => b(id, exp()))]);
      expect(answers.filter(Boolean)).toHaveLength(ids.length);
    }
  });

  test('a committed write empties every replica\'s aggregates at its next request; a failed write\'s entry does not', async () => {
    const caches = [new AggregateCache(), new AggregateCache()];
    const claims = [storeStatementClaims(store.pool, caches[0]!), storeStatementClaims(other, caches[1]!)];
    let computed = 0;
    const figure = (cache: AggregateCache) => cache.get('overview', async () => ++computed);
    let n = 0;
    const request = async (replica: 0 | 1) => {
      await claims[replica]!(`r-${n++}`, exp());
      return figure(caches[replica]!);
    };
    expect([await request(0), await request(1), await request(0), await request(1)]).toEqual([1, 2, 1, 2]);
    await auditEntry(other, 'error');
    expect([await request(0), await request(1)]).toEqual([1, 2]);
    // A write through the second replica: the first, which did not write, computes again.
    await auditEntry(other, 'ok');
    expect([await request(0), await request(1)]).toEqual([3, 4]);
    expect([await request(0), await request(1)]).toEqual([3, 4]);
  });

  test('claims past their expiry (and the clocks\' margin) are deleted as the replicas go', async () => {
    await store.pool.query("INSERT INTO _linju_caller_statement (jti, expires_at) VALUES ('old', now() - interval '2 minutes')");
    // A fresh claim function prunes in its first statement.
    await storeStatementClaims(store.pool, new AggregateCache())('jti-new', exp());
    const { rows } = await store.pool.query<{ jti: string }>("SELECT jti FROM _linju_caller_statement WHERE jti IN ('old', 'jti-new') ORDER BY jti");
    expect(rows.map((row) => row.jti)).toEqual(['jti-new']);
  });
});
