import type { Sql } from '@prisma/client/runtime/client';

/**
 * The part of a generated Prisma client that shared code queries through. Every subgraph passes
 * its own client (generated from its own schema.prisma); shared code never needs the models.
 */
export interface Db {
  $queryRaw<T = unknown>(query: Sql): PromiseLike<T>;
}
