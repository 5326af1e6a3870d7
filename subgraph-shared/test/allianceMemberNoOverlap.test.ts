import { expect, test } from 'vitest';
import { grantRuntime } from '@linju/subgraph-runtime';
import type pg from 'pg';
import { acrossMigration } from './storeAcrossMigration.ts';

/**
 * The store's own rule on membership periods (migration 0020): an organization's periods of one
 * alliance share no day, whoever writes them. Written around the API, as the runtime role the
 * subgraph runs as in production (`grantRuntime`'s rights, taken with SET ROLE).
 */

const A = 'joint:Alliance:a';
const LEFT_SAME_DAY = 'sichuan:Organization:rejoined-same-day';
const STAYS = 'chongqing:Organization:stays';
const RUNTIME = 'joint_runtime_test';

type Period = [organization: string, period: number, joinedOn: string, leftOn: string | null];

const insertSql = `INSERT INTO alliance_member (alliance_id, organization_id, jurisdiction, period, joined_on, left_on) VALUES ($1, $2, split_part($2, ':', 1), $3, $4, $5)`;
const insertPeriod = (db: Pick<pg.ClientBase, 'query'>, [organization, period, joinedOn, leftOn]: Period) => db.query(insertSql, [A, organization, period, joinedOn, leftOn]);
const storeAlliance = (db: Pick<pg.ClientBase, 'query'>) => db.query(`INSERT INTO alliance (id, kind, name, founded_on) VALUES ($1, '毗邻乡镇党建联建', '甲联盟', '2021-03-18')`, [A]);

/** Two connections to the store as the runtime role the subgraph runs as in production (created and granted here). */
async function runtimeClients(pool: pg.Pool): Promise<[pg.PoolClient, pg.PoolClient]> {
  await pool.query(`CREATE ROLE ${RUNTIME}`);
  await grantRuntime(pool, RUNTIME);
  const asRuntime = async () => {
    const client = await pool.connect();
    await client.query(`SET ROLE ${RUNTIME}`);
    return client;
  };
  return [await asRuntime(), await asRuntime()];
}

/** How the store refused a statement: the constraint it names, or 'accepted'. */
async function refusal(client: pg.PoolClient, sql: string, values: unknown[]): Promise<string> {
  await client.query('BEGIN');
  try {
    await client.query(sql, values);
    return 'accepted';
  } catch (error) {
    return `${(error as { code: string }).code} ${(error as { constraint?: string }).constraint}`;
  } finally {
    await client.query('ROLLBACK');
  }
}

test('a rejoin stored on the day its member left begins the day after; then, as the runtime role, no period may share a day with another of its organization, concurrent writers included', async () => {
  await acrossMigration('0020_alliance_member_no_overlap', async ({ pool }) => {
    await storeAlliance(pool);
    // The API took a rejoin on the day the member left until b9138cf.
    await insertPeriod(pool, [LEFT_SAME_DAY, 1, '2021-03-18', '2022-03-01']);
    await insertPeriod(pool, [LEFT_SAME_DAY, 2, '2022-03-01', null]);
    await insertPeriod(pool, [STAYS, 1, '2021-03-18', '2021-12-31']);
  }, async ({ pool }) => {
    const periods = async (organization: string) =>
      (await pool.query(`SELECT period, joined_on::text, left_on::text FROM alliance_member WHERE organization_id = $1 ORDER BY period`, [organization])).rows;
    expect(await periods(LEFT_SAME_DAY)).toEqual([
      { period: 1, joined_on: '2021-03-18', left_on: '2022-03-01' },
      { period: 2, joined_on: '2022-03-02', left_on: null },
    ]);

    const [one, two] = await runtimeClients(pool);
    try {
      const NO_OVERLAP = '23P01 alliance_member_no_overlap';
      // A closed period inside another, across its end, sharing its last day; a correction moving a day into the next period.
      expect(await refusal(one, insertSql, [A, STAYS, 2, '2021-05-01', '2021-06-01'])).toBe(NO_OVERLAP);
      expect(await refusal(one, insertSql, [A, STAYS, 2, '2021-12-01', '2022-02-01'])).toBe(NO_OVERLAP);
      expect(await refusal(one, insertSql, [A, STAYS, 2, '2021-12-31', null])).toBe(NO_OVERLAP);
      expect(await refusal(one, `UPDATE alliance_member SET left_on = '2022-03-02' WHERE organization_id = $1 AND period = 1`, [LEFT_SAME_DAY])).toBe(NO_OVERLAP);
      expect(await refusal(one, `UPDATE alliance_member SET joined_on = '2022-03-01' WHERE organization_id = $1 AND period = 2`, [LEFT_SAME_DAY])).toBe(NO_OVERLAP);
      // The day after is another period's first day; another organization's or alliance's periods are not compared.
      expect(await refusal(one, insertSql, [A, STAYS, 2, '2022-01-01', '2022-06-30'])).toBe('accepted');
      expect(await refusal(one, insertSql, [A, 'chongqing:Organization:other', 1, '2021-05-01', null])).toBe('accepted');

      // Two writers of overlapping periods at once, neither through the API: the second waits for the
      // first's lock on the alliance, then finds its period and is refused.
      await one.query('BEGIN');
      await two.query('BEGIN');
      await insertPeriod(one, [STAYS, 2, '2022-01-01', '2022-06-30']);
      let settled = false;
      const second = insertPeriod(two, [STAYS, 3, '2022-06-01', '2022-12-31']).finally(() => (settled = true));
      second.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled, 'the second writer waits for the first').toBe(false);
      await one.query('COMMIT');
      await expect(second).rejects.toMatchObject({ code: '23P01', constraint: 'alliance_member_no_overlap' });
      await two.query('ROLLBACK');
      expect(await periods(STAYS)).toEqual([
        { period: 1, joined_on: '2021-03-18', left_on: '2021-12-31' },
        { period: 2, joined_on: '2022-01-01', left_on: '2022-06-30' },
      ]);
    } finally {
      one.release();
      two.release();
    }
  });
});

test('a store holding periods that overlap otherwise is not migrated: the migration names them', async () => {
  const migrated = acrossMigration('0020_alliance_member_no_overlap', async ({ pool }) => {
    await storeAlliance(pool);
    await insertPeriod(pool, [STAYS, 1, '2021-03-18', '2021-12-31']);
    await insertPeriod(pool, [STAYS, 2, '2021-06-01', null]);
  }, async () => {});
  await expect(migrated).rejects.toThrow(`overlap: ${A} ${STAYS} periods 1 and 2`);
});

test('a writer around the API never deadlocks with it: the store locks after the rows, as the API does (0021); a writer outside READ COMMITTED is refused', async () => {
  await acrossMigration('0021_alliance_member_no_overlap_locks', async ({ pool }) => {
    await storeAlliance(pool);
    await insertPeriod(pool, [STAYS, 1, '2021-03-18', '2021-12-31']);
    await insertPeriod(pool, [STAYS, 2, '2022-01-01', '2022-06-30']);
  }, async ({ pool }) => {
    const outcome = (write: Promise<unknown>) =>
      write.then(
        () => 'accepted',
        (error: { code: string; constraint?: string }) => `${error.code} ${error.constraint}`,
      );
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [api, around] = await runtimeClients(pool);
    try {
      // The API's order: the alliance's row first (lockAlliance), then the period. The writer around
      // it updates that period meanwhile and keeps it locked for a while; before 0021 its trigger then
      // waited for the alliance's row, and the two waited for each other (40P01 deadlock detected).
      await api.query('BEGIN');
      await api.query(`SELECT id FROM alliance WHERE id = $1 FOR UPDATE`, [A]);
      await around.query('BEGIN');
      const aroundWrite = outcome(around.query(`UPDATE alliance_member SET joined_on = '2022-01-10' WHERE organization_id = $1 AND period = 2`, [STAYS]));
      const aroundDone = aroundWrite.then(async (result) => {
        await pause(600);
        await around.query(result === 'accepted' ? 'COMMIT' : 'ROLLBACK');
        return result;
      });
      await pause(300);
      // The API moves the same period into the one before: it waits for the other writer's row, then is refused.
      const apiWrite = await outcome(api.query(`UPDATE alliance_member SET joined_on = '2021-12-15' WHERE organization_id = $1 AND period = 2`, [STAYS]));
      await api.query('ROLLBACK');
      expect({ around: await aroundDone, api: apiWrite }).toEqual({ around: 'accepted', api: '23P01 alliance_member_no_overlap' });

      // The same with a new period: the writer around the API waits for the alliance before it writes
      // the row, so the API's insert of the same period never waits for it.
      await api.query('BEGIN');
      await api.query(`SELECT id FROM alliance WHERE id = $1 FOR UPDATE`, [A]);
      await around.query('BEGIN');
      const aroundInsert = outcome(insertPeriod(around, [STAYS, 3, '2022-08-01', null])).then(async (result) => {
        await around.query('ROLLBACK');
        return result;
      });
      await pause(300);
      const apiInsert = await outcome(insertPeriod(api, [STAYS, 3, '2022-09-01', null]));
      await api.query('COMMIT');
      expect({ around: await aroundInsert, api: apiInsert }).toEqual({ around: '23505 alliance_member_pkey', api: 'accepted' });

      // Under REPEATABLE READ or SERIALIZABLE the check would read an older snapshot than the lock's
      // holder committed: such a writer is refused, saying so; read committed (the default) is not.
      for (const isolation of ['REPEATABLE READ', 'SERIALIZABLE']) {
        await around.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        await expect(around.query(`UPDATE alliance_member SET left_on = '2023-01-01' WHERE organization_id = $1 AND period = 3`, [STAYS])).rejects.toThrow(
          /alliance_member is written under READ COMMITTED only/,
        );
        await around.query('ROLLBACK');
      }
      expect(await refusal(around, `UPDATE alliance_member SET left_on = '2023-01-01' WHERE organization_id = $1 AND period = 3`, [STAYS])).toBe('accepted');
    } finally {
      api.release();
      around.release();
    }
  });
});

test('a rejoin stored on the day its member left that cannot begin the day after is one period with the one before: left that day too, or the day after past its closing or in the future (0019_alliance_member_same_day); the migration then goes through', async () => {
  const CLOSED = 'joint:Alliance:closed';
  let TODAY = '';
  const [LEFT_AGAIN, AT_CLOSING, TODAY_REJOIN, MOVED] = ['sichuan:Organization:left-again', 'sichuan:Organization:at-closing', 'chongqing:Organization:today', 'chongqing:Organization:moved'];
  await acrossMigration('0019_alliance_member_same_day', async ({ pool }) => {
    TODAY = (await pool.query<{ today: string }>('SELECT current_date::text AS today')).rows[0]!.today;
    await storeAlliance(pool);
    await pool.query(`INSERT INTO alliance (id, kind, name, founded_on, closed_on) VALUES ($1, '毗邻乡镇党建联建', '乙联盟', '2021-03-18', '2023-06-30')`, [CLOSED]);
    const periods: [alliance: string, ...Period][] = [
      // Joined again and left on the day it left, then joined again later.
      [A, LEFT_AGAIN, 1, '2021-03-18', '2022-03-01'],
      [A, LEFT_AGAIN, 2, '2022-03-01', '2022-03-01'],
      [A, LEFT_AGAIN, 3, '2022-06-01', null],
      // Joined again on the closing day: the day after is past it.
      [CLOSED, AT_CLOSING, 1, '2021-03-18', '2023-06-30'],
      [CLOSED, AT_CLOSING, 2, '2023-06-30', null],
      // Joined again today: the day after is tomorrow.
      [A, TODAY_REJOIN, 1, '2021-03-18', TODAY],
      [A, TODAY_REJOIN, 2, TODAY, null],
      // The day after is free: moved, as 0020 moved it.
      [A, MOVED, 1, '2021-03-18', '2022-03-01'],
      [A, MOVED, 2, '2022-03-01', '2022-09-30'],
    ];
    for (const period of periods) await pool.query(insertSql, period);
  }, async ({ pool }) => {
    const { rows } = await pool.query(`SELECT alliance_id, organization_id, period, joined_on::text, left_on::text FROM alliance_member ORDER BY alliance_id, organization_id, period`);
    const row = (alliance_id: string, organization_id: string, period: number, joined_on: string, left_on: string | null) => ({ alliance_id, organization_id, period, joined_on, left_on });
    expect(rows).toEqual([
      row(A, MOVED, 1, '2021-03-18', '2022-03-01'),
      row(A, MOVED, 2, '2022-03-02', '2022-09-30'),
      row(A, TODAY_REJOIN, 1, '2021-03-18', null),
      row(A, LEFT_AGAIN, 1, '2021-03-18', '2022-03-01'),
      row(A, LEFT_AGAIN, 2, '2022-06-01', null),
      row(CLOSED, AT_CLOSING, 1, '2021-03-18', null),
    ]);
  });
});

test('a store 0020 migrated before 0019_alliance_member_same_day was added takes it, and 0021, after: it finds nothing to join', async () => {
  const at0020 = (name: string) => name <= '0020_alliance_member_no_overlap' && name !== '0019_alliance_member_same_day';
  await acrossMigration('0019_alliance_member_same_day', async ({ pool }) => {
    await storeAlliance(pool);
    await insertPeriod(pool, [STAYS, 1, '2021-03-18', '2021-12-31']);
    await insertPeriod(pool, [STAYS, 2, '2022-01-01', null]);
  }, async ({ pool }) => {
    const { rows } = await pool.query(`SELECT name FROM _linju_migrations WHERE name LIKE '00%alliance_member%' ORDER BY applied_at, name`);
    expect(rows.map((r) => r.name)).toEqual(['0019_alliance_member_periods', '0020_alliance_member_no_overlap', '0019_alliance_member_same_day', '0021_alliance_member_no_overlap_locks']);
    expect((await pool.query(`SELECT period, joined_on::text, left_on::text FROM alliance_member ORDER BY period`)).rows).toEqual([
      { period: 1, joined_on: '2021-03-18', left_on: '2021-12-31' },
      { period: 2, joined_on: '2022-01-01', left_on: null },
    ]);
  }, at0020);
});
