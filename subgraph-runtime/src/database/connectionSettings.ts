import type pg from 'pg';

/**
 * A pool option (`onConnect`) that settles two things on every connection the pool opens, before
 * the pool hands it to anyone (so statement counters never see them; each is the connection's,
 * not a request's, and one that fails is only warned about):
 *
 * - **Each execution of a prepared statement planned for its values** (`plan_cache_mode =
 *   force_custom_plan`), as a statement sent unnamed is. Left to itself, PostgreSQL switches a
 *   statement to one plan for any values after five executions when it estimates that plan no
 *   dearer, and a page of records of one kind in a period, ordered and limited, went from 1.3 ms to
 *   23 ms that way (its `(… IS NULL OR held_on >= …)` conditions cannot use the index in a plan for
 *   any values). What preparing saves is the parse and analysis (see `queryPrepared`).
 * - **Times in UTC** (`TimeZone = 'UTC'`). A cluster takes its default zone from where it was
 *   created (an embedded cluster started in Asia/Shanghai takes that zone), and Prisma's driver
 *   adapter reads a `timestamptz` without its offset: inside a transaction a time was read 8 hours
 *   off there. In UTC every client reads the instant stored. Dates (`date` columns) do not depend on
 *   it, and no statement here turns a time into a day by the session's zone.
 */
export function connectionSettings(warn: (message: string) => void): Pick<pg.PoolConfig, 'onConnect'> {
  return {
    onConnect: async (client) => {
      await client.query('SET plan_cache_mode = force_custom_plan').catch((error: Error) => warn(`plan_cache_mode not set on a new connection: ${error.message}`));
      await client.query("SET TimeZone = 'UTC'").catch((error: Error) => warn(`TimeZone not set to UTC on a new connection: ${error.message}`));
    },
  };
}
