import type pg from 'pg';

/**
 * A pool option (`onConnect`) that settles two things on every connection the pool opens, before
 * the pool hands it to anyone (so statement counters never see them; each is the connection's,
 * not a request's):
 *
 * - **Each execution of a prepared statement planned for its values** (`plan_cache_mode =
 *   force_custom_plan`), as a statement sent unnamed is. Left to itself, PostgreSQL switches a
 *   statement to one plan for any values after five executions when it estimates that plan no
 *   dearer, and a page of records of one kind in a period, ordered and limited, went from 1.3 ms to
 *   23 ms that way (its `(… IS NULL OR held_on >= …)` conditions cannot use the index in a plan for
 *   any values). What preparing saves is the parse and analysis (see `queryPrepared`). Should the
 *   server refuse it (a pooler, an old server), the connection is used as it is, with a warning.
 * - **Times in UTC** (`TimeZone = 'UTC'`). A cluster takes its default zone from where it was
 *   created (an embedded cluster started in Asia/Shanghai takes that zone; a server in China is
 *   often set to it), and Prisma's driver adapter sends and reads a `timestamptz` as text without
 *   its offset: in such a zone it stored the joint office's target times 8 hours early and read
 *   them back 8 hours late, while the pool read the instant stored (migration
 *   0012_figure_target_utc moves the times stored before). In UTC every client stores and reads
 *   the instant. Dates (`date` columns) do not depend on it, and no statement here turns a time
 *   into a day by the session's zone. A connection that cannot be set to UTC is not used.
 */
export function connectionSettings(warn: (message: string) => void): Pick<pg.PoolConfig, 'onConnect'> {
  return {
    onConnect: async (client) => {
      await client.query('SET plan_cache_mode = force_custom_plan').catch((error: Error) => warn(`plan_cache_mode not set on a new connection: ${error.message}`));
      // Not merely warned about: a connection in another zone would store Prisma's times off again.
      // Thrown here, the pool drops the connection and the statement that asked for it fails.
      await client.query("SET TimeZone = 'UTC'");
    },
  };
}
