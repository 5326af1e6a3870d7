import { createHash } from 'node:crypto';
import type { Migration } from './Migration.ts';
import { WITHDRAWABLE_TYPES } from './mutationTypeDefs.ts';
import { fillPlaceholders } from './placeholders.ts';

/** The contract migration that creates the archive of withdrawn records (`withdrawn_record`). */
export const WITHDRAWN_RECORDS = '0017_withdrawn_records';

/** The owner's function that moves a record to the archive: the only way a record leaves its table. */
export const WITHDRAW_RECORD_FUNCTION = 'linju_withdraw_record';

/** A contract type's table in a jurisdiction's store (`TeamAction` → `team_action`). */
export const tableOfType = (type: string): string => type.replace(/[A-Z]/g, (c, at: number) => `${at ? '_' : ''}${c.toLowerCase()}`);

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * `linju_withdraw_record(type, id, reason, by)`: deletes the record of a withdrawable type (and of no
 * other table, whatever the caller passes) and keeps it whole in `withdrawn_record`, in the caller's
 * transaction; answers the archive's row, or nothing when there is no such record. SECURITY DEFINER, so
 * the runtime role deletes nothing itself; its search_path pinned to the store's schema (pg_temp last).
 */
export function withdrawRecordFunctionSql(): string {
  const tables = WITHDRAWABLE_TYPES.map((type) => `WHEN ${quote(type)} THEN ${quote(tableOfType(type))}`).join(' ');
  return `-- Generated from the contract's Record… writes (contract/src/withdrawRecordSql.ts).
CREATE OR REPLACE FUNCTION ${WITHDRAW_RECORD_FUNCTION}(record_type text, record_id text, why text, by_whom text)
RETURNS SETOF withdrawn_record LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  source_table text := CASE record_type ${tables} END;
  kept jsonb;
BEGIN
  IF source_table IS NULL THEN
    RAISE EXCEPTION '${WITHDRAW_RECORD_FUNCTION}: % records cannot be withdrawn', record_type;
  END IF;
  EXECUTE format('DELETE FROM %I t WHERE t.id = $1 RETURNING to_jsonb(t)', source_table) INTO kept USING record_id;
  IF kept IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY INSERT INTO withdrawn_record (id, type, record, reason, withdrawn_by)
    VALUES (record_id, record_type, kept, why, by_whom) RETURNING *;
END
$fn$;

DO $pin$
BEGIN
  EXECUTE format('ALTER FUNCTION ${WITHDRAW_RECORD_FUNCTION}(text, text, text, text) SET search_path = %I, pg_temp', current_schema());
END
$pin$;

-- Not PUBLIC's: a monitoring or analyst login of the store must not delete records through it (grantRuntime gives the runtime role EXECUTE).
REVOKE EXECUTE ON FUNCTION ${WITHDRAW_RECORD_FUNCTION}(text, text, text, text) FROM PUBLIC;
`;
}

/**
 * The function as a migration named by a hash of its SQL (`0017_withdrawn_records_<hash>`, right after
 * {@link WITHDRAWN_RECORDS}): a new `Record…` write makes a new name, and the next start replaces the function.
 */
export function withdrawRecordMigration(values: Readonly<Record<string, string>>): Migration {
  const template = withdrawRecordFunctionSql();
  const hash = createHash('sha256').update(template).digest('hex').slice(0, 12);
  return { name: `${WITHDRAWN_RECORDS}_${hash}`, sql: fillPlaceholders(template, values) };
}
