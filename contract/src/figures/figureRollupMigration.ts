import { createHash } from 'node:crypto';
import type { Migration } from '../Migration.ts';
import { fillPlaceholders } from '../placeholders.ts';
import { figureRollupTriggersSql } from './figureRollupSql.ts';

/** The contract migration that creates the figures' rollup tables. */
export const FIGURE_ROLLUPS = '0008_figure_rollups';

/**
 * The figures' triggers and backfill as a migration, named by a hash of the SQL generated from the
 * catalogue (`0008_figure_rollups_<hash>`, placed right after {@link FIGURE_ROLLUPS}): a store
 * applies it once, and a changed catalogue is a new name, so the next start replaces the triggers
 * and rebuilds the rollups instead of refusing an applied migration whose SQL changed.
 */
export function figureRollupMigration(values: Readonly<Record<string, string>>): Migration {
  const template = figureRollupTriggersSql();
  const hash = createHash('sha256').update(template).digest('hex').slice(0, 12);
  return { name: `${FIGURE_ROLLUPS}_${hash}`, sql: fillPlaceholders(template, values) };
}
