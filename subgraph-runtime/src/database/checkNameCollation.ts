import type pg from 'pg';
import { ConfigError } from '@linju/observability';

/**
 * Refuses, at start, a PostgreSQL without the ICU collation a subgraph's lists sort names by
 * (`zh-x-icu` for a jurisdiction's NAME order by pinyin). initdb imports ICU's collations into
 * pg_collation only on a server built with ICU; without it every NAME read failed, at read time, as
 * an internal error the client saw masked, and nothing said so when the subgraph started.
 * @param where the variable that chose the database, and where it points, for the message
 * @throws {ConfigError} "SICHUAN_DATABASE_URL: the PostgreSQL at … has no "zh-x-icu" collation …"
 */
export async function checkNameCollation(db: Pick<pg.Pool, 'query'>, collation: string, where: { variable: string; address: string; owner?: string | undefined }): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM pg_collation WHERE collname = $1', [collation]);
  if (rowCount) return;
  const whose = where.owner ? `${where.owner}'s` : 'the';
  throw new ConfigError(
    where.variable,
    `${where.variable}: the PostgreSQL at ${where.address} has no "${collation}" collation, which ${whose} lists sort names by (orderBy: NAME): ` +
      `it was built without ICU. Run ${whose} store on a PostgreSQL built with ICU (Debian's packages and the official images are; docs/deployment.md)`,
  );
}
