import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { expect, test } from 'vitest';
import type { Database } from '@linju/subgraph-runtime';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { acrossMigration } from './storeAcrossMigration.ts';

// A store created by a process in China's zone, as an office's `npm start` creates it: the cluster
// takes Asia/Shanghai as its default TimeZone.
process.env.TZ = 'Asia/Shanghai';

const target = (id: string) => ({ id: `joint:FigureTarget:${id}`, figure: 'policyTalks', periodFrom: new Date('2026-01-01'), periodTo: new Date('2026-12-31'), value: 10 });
const storedAt = async (pool: pg.Pool, id: string) =>
  (await pool.query<{ created_at: Date; updated_at: Date; removed_at: Date | null }>('SELECT created_at, updated_at, removed_at FROM figure_target WHERE id = $1', [`joint:FigureTarget:${id}`])).rows[0]!;
const near = (at: Date, instant: Date) => expect(Math.abs(at.getTime() - instant.getTime())).toBeLessThan(5_000);

test('a target written through Prisma is stored at the instant it was written; one stored 8 hours early before is moved by the migration', async () => {
  let written = new Date();
  await acrossMigration('0012_figure_target_utc', async (store) => {
    // The store as it was before: every migration up to the one that moves the times.
    expect((await store.pool.query("SELECT reset_val FROM pg_settings WHERE name = 'TimeZone'")).rows[0].reset_val).toBe('Asia/Shanghai');
    // Written as before: Prisma over a connection left in the cluster's zone.
    const before = rawPool(store);
    written = new Date();
    const old = new PrismaClient({ adapter: new PrismaPg(before) });
    await old.figureTarget.create({ data: target('before') });
    await old.figureTarget.update({ where: { id: target('before').id }, data: { removedAt: written, updatedAt: written } });
    await old.$disconnect();
    await before.end();
    near((await storedAt(store.pool, 'before')).created_at, new Date(written.getTime() - 8 * 3_600_000));
  }, async (store) => {
    const moved = await storedAt(store.pool, 'before');
    for (const at of [moved.created_at, moved.updated_at, moved.removed_at!]) near(at, written);

    // Written now, through the subgraph's own pool (every connection in UTC): stored and read as written.
    const prisma = new PrismaClient({ adapter: new PrismaPg(store.pool) });
    const now = new Date();
    const created = await prisma.figureTarget.create({ data: target('after') });
    near(created.createdAt, now);
    near((await storedAt(store.pool, 'after')).created_at, now);
    expect((await prisma.figureTarget.findUniqueOrThrow({ where: { id: target('before').id } })).removedAt).toEqual(moved.removed_at);
    await prisma.$disconnect();
  });
});

/**
 * A pool to the store with none of the subgraph's connection settings. pg's `end` resolves once it
 * has asked its connections to close: one the server has not yet let go of when the cluster stops is
 * told so, an error this pool would throw out of the test's process with no listener (Prisma removes
 * its own), as it did once on a loaded CI.
 */
function rawPool(opened: Database): pg.Pool {
  const pool = new pg.Pool({ connectionString: (opened.pool.options as { connectionString: string }).connectionString, max: 1 });
  pool.on('error', () => undefined);
  return pool;
}
