import type { JurisdictionInfo } from './federationMembers.ts';
import { figureRollupMigration, FIGURE_ROLLUPS } from './figures/figureRollupMigration.ts';
import { readMigrations, type Migration } from './Migration.ts';
import { fillPlaceholders, jurisdictionPlaceholders } from './placeholders.ts';
import { withdrawRecordMigration, WITHDRAWN_RECORDS } from './withdrawRecordSql.ts';

/** The contract's store, once for every jurisdiction: `{{key}}` names the side (its CHECK constraints). */
const CONTRACT_MIGRATIONS = new URL('migrations/', import.meta.url);

/**
 * The migrations every jurisdiction's store starts with, for one side. A migration that every
 * jurisdiction needs (a contract field's column, an index the contract's queries use) is added
 * here, once; a side's own follow in its `prisma/migrations`.
 */
export function contractMigrations(side: JurisdictionInfo): Migration[] {
  const values = jurisdictionPlaceholders(side);
  const migrations = readMigrations(CONTRACT_MIGRATIONS, (sql) => fillPlaceholders(sql, values));
  if (migrations.length === 0) throw new Error(`No contract migrations in ${CONTRACT_MIGRATIONS.pathname}`);
  // The figures' triggers and backfill, generated from the catalogue, right after their tables.
  const rollups = migrations.findIndex((migration) => migration.name === FIGURE_ROLLUPS);
  if (rollups >= 0) migrations.splice(rollups + 1, 0, figureRollupMigration(values));
  // The function that withdraws a record, generated from the contract's Record… writes, after its archive.
  const withdrawn = migrations.findIndex((migration) => migration.name === WITHDRAWN_RECORDS);
  if (withdrawn >= 0) migrations.splice(withdrawn + 1, 0, withdrawRecordMigration(values));
  return migrations;
}

/**
 * The contract's migrations of the audit log, of the replicas' shared bookkeeping (0007, its claims
 * unlogged in 0011), of when the store last changed (0009, and by a partly refused import: 0015),
 * the chain's lock (0013) and the archive of withdrawn records (0017), which every store keeps: the
 * joint office's too (it has no `{{key}}` tables).
 */
const AUDIT_MIGRATIONS = [
  '0004_audit_log',
  '0006_audit_actor',
  '0007_replicas',
  '0009_store_changed_at',
  '0011_unlogged_claims',
  '0013_audit_lock_per_schema',
  '0015_partial_import_changes',
  '0017_withdrawn_records',
];

/** The audit log's migrations, as every store applies them: the joint office takes them from here rather than copying them. */
export function auditMigrations(): Migration[] {
  return readMigrations(CONTRACT_MIGRATIONS).filter((migration) => AUDIT_MIGRATIONS.includes(migration.name));
}

/**
 * A store's own migrations (a folder of `<n>_<name>/migration.sql`, the joint office's) with the audit
 * log's of {@link auditMigrations}, in name order: its own may build on theirs (0018 on 0017).
 */
export function withAuditMigrations(ownFolder: URL): Migration[] {
  return [...readMigrations(ownFolder), ...auditMigrations()].sort((a, b) => a.name.localeCompare(b.name));
}
