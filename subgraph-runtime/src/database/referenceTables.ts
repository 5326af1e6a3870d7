/**
 * Tables of reference data: the side's region tree (GB/T 2260), loaded by the store's owner (the
 * seed, a migration), never by a write. It decides what a region-scoped operator may write, so the
 * runtime role only reads it (`RUNTIME_TABLE_RIGHTS`), and a write that refers to a region reads it
 * without a row lock (PostgreSQL's FOR SHARE needs the UPDATE right, and nothing at runtime can
 * change the row under the write anyway).
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set(['region']);

/** The row lock a write takes on rows of `table` it reads: none for reference data. */
export const rowLock = (table: string, lock: 'UPDATE' | 'SHARE'): string => (REFERENCE_TABLES.has(table) ? '' : `FOR ${lock}`);
