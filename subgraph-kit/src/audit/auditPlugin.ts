import type { ApolloServerPlugin } from '@apollo/server';
import type { Db } from '../database/Db.ts';

/**
 * The owner's audit log: every request that touches this store's data is appended to it.
 * (To be filled in: the hash-chained log.)
 */
export function auditPlugin(_db: Db, _home: string): ApolloServerPlugin {
  return {};
}
