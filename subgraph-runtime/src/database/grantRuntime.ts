import pg from 'pg';
import { FIGURE_ROLLUPS_REBUILD } from '@linju/contract/figures';
import { REFERENCE_TABLES } from './referenceTables.ts';

/**
 * What the role a subgraph runs as may do to each table of its store, where it differs from a
 * record table's: the audit log is read and appended to, never changed or removed; the
 * bookkeeping of migrations and seeds is only read; the replicas' shared bookkeeping (migration
 * 0007_replicas) is the runtime's own: the store's version is read and moved on by each write's
 * audit entry, caller statements are claimed and, once expired, deleted. The role owns nothing, so it can never ALTER,
 * DROP, TRUNCATE or disable a trigger.
 */
export const RUNTIME_TABLE_RIGHTS: Readonly<Record<string, readonly string[]>> = {
  audit_log: ['SELECT', 'INSERT'],
  _linju_migrations: ['SELECT'],
  _linju_seeds: ['SELECT'],
  _linju_store_version: ['SELECT', 'UPDATE'],
  _linju_caller_statement: ['SELECT', 'INSERT', 'DELETE'],
  // A write's key and first answer; a ledger import's refused row frees its key for the corrected row.
  idempotency_record: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // The figures' rollups (migration 0008_figure_rollups) are kept by the owner's triggers alone.
  _linju_figure_day: ['SELECT'],
  _linju_figure_month: ['SELECT'],
  _linju_figure_alliance_day: ['SELECT'],
  // Reference data (the region tree) is the owner's to load: see REFERENCE_TABLES.
  ...Object.fromEntries([...REFERENCE_TABLES].map((table) => [table, ['SELECT']])),
  // Withdrawn records (migration 0017) are moved there by the owner's function alone, and kept.
  withdrawn_record: ['SELECT'],
};

/** Every other table holds records: read, created and updated; the subgraphs never delete one (a withdrawn record is moved by the owner's function). */
export const RUNTIME_RECORD_RIGHTS: readonly string[] = ['SELECT', 'INSERT', 'UPDATE'];

/** The rights the runtime role has on a table of the store: its own (RUNTIME_TABLE_RIGHTS) or a record table's. */
const runtimeRights = (table: string): readonly string[] => RUNTIME_TABLE_RIGHTS[table] ?? RUNTIME_RECORD_RIGHTS;

/**
 * Gives `role` exactly the rights the runtime needs on this store (run as its owner, after the
 * migrations): USAGE on the schema; on each table, whatever it had revoked, then
 * `RUNTIME_TABLE_RIGHTS` or `RUNTIME_RECORD_RIGHTS`; USAGE and SELECT on any sequence; EXECUTE on
 * the schema's functions (the audit chain's, which run with the caller's rights) but the figure
 * rollups' rebuild, which only the owner may run. Repeatable: run
 * it after every migration that adds a table. `db` is one connection (the grants are one transaction).
 * @returns the statements it issued, in order
 * @throws when the role does not exist, or could alter the audit log anyway (a superuser, the
 *   tables' owner or a member of it): those rights cannot be taken away by a grant
 */
export async function grantRuntime(db: Pick<pg.ClientBase, 'query'>, role: string): Promise<string[]> {
  const { rows: found } = await db.query<{ exists: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists', [role]);
  if (!found[0]?.exists) throw new Error(`the role ${role} does not exist: create it first (CREATE ROLE ${role} LOGIN PASSWORD '…')`);
  if (await canAlterAuditLog(db, role)) throw new Error(`the role ${role} can alter the audit log whatever is granted (a superuser, the owner of the tables, or a member of the owner): the runtime role must be another`);
  const { rows: objects } = await db.query<{ name: string; kind: 'r' | 'p' | 'S' }>(
    `SELECT relname AS name, relkind AS kind FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'S') ORDER BY relkind, relname`,
  );
  const schema = (await db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
  const who = pg.escapeIdentifier(role);
  const statements = [`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(schema)} TO ${who}`];
  for (const { name, kind } of objects) {
    const object = pg.escapeIdentifier(name);
    if (kind === 'S') statements.push(`REVOKE ALL ON SEQUENCE ${object} FROM ${who}`, `GRANT USAGE, SELECT ON SEQUENCE ${object} TO ${who}`);
    else statements.push(`REVOKE ALL ON TABLE ${object} FROM ${who}`, `GRANT ${runtimeRights(name).join(', ')} ON TABLE ${object} TO ${who}`);
  }
  statements.push(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${pg.escapeIdentifier(schema)} TO ${who}`);
  // …but not the rollups' rebuild, which runs with the owner's rights (a repair is the owner's).
  const { rows: rebuild } = await db.query<{ exists: boolean }>('SELECT to_regprocedure($1) IS NOT NULL AS exists', [`${FIGURE_ROLLUPS_REBUILD}()`]);
  if (rebuild[0]?.exists) statements.push(`REVOKE EXECUTE ON FUNCTION ${FIGURE_ROLLUPS_REBUILD}() FROM ${who}`);
  await db.query('BEGIN');
  try {
    for (const statement of statements) await db.query(statement);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  return statements;
}

/** The rights on a table beyond reading that a role may hold (SELECT is every table's). */
const WRITE_RIGHTS = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

/**
 * What the connected role may do to the store's tables beyond what `grantRuntime` gives it, as
 * `table: RIGHT, RIGHT`: rights granted by an older version (before the region tree was read-only)
 * or by hand, which `--grant-runtime` takes away. Empty for a role granted as the runtime.
 */
export async function runtimeRightsBeyond(db: Pick<pg.Pool, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ name: string; rights: string[] }>(
    `SELECT c.relname AS name, array_agg(r.priv ORDER BY r.priv) AS rights
       FROM pg_class c CROSS JOIN unnest($1::text[]) AS r(priv)
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, r.priv)
      GROUP BY c.relname ORDER BY c.relname`,
    [WRITE_RIGHTS],
  );
  return rows.flatMap(({ name, rights }) => {
    const granted = runtimeRights(name);
    const beyond = rights.filter((right) => !granted.includes(right));
    return beyond.length ? [`${name}: ${beyond.join(', ')}`] : [];
  });
}

/**
 * Whether `role` (the connected one when not given) could disable the audit log's triggers or
 * alter it: a superuser, its owner, or a member of its owner. False before the log exists.
 */
export async function canAlterAuditLog(db: Pick<pg.Pool, 'query'>, role?: string): Promise<boolean> {
  const { rows } = await db.query<{ can: boolean }>(
    `SELECT r.rolsuper OR pg_has_role(r.oid, c.relowner, 'MEMBER') AS can
       FROM pg_roles r, pg_class c
      WHERE r.rolname = coalesce($1, current_user) AND c.oid = to_regclass('audit_log')`,
    [role ?? null],
  );
  return rows[0]?.can ?? false;
}
