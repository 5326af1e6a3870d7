-- 撤销登记 (WithdrawRecord): a record registered in error leaves its table for this archive in the
-- write's transaction, whole (its row as JSON), with the reason and who withdrew it, so that it leaves
-- the lists and, through its table's own triggers, the figures' rollups, and is never lost. Only the
-- owner's function linju_withdraw_record (generated from the contract, contract/src/withdrawRecordSql.ts)
-- moves a record here; the runtime role may only read it. Append-only, as the audit log is.
CREATE TABLE withdrawn_record (
  id           text PRIMARY KEY CHECK (id LIKE '{{key}}:%'),
  type         text NOT NULL,
  record       jsonb NOT NULL,
  reason       text NOT NULL,
  withdrawn_at timestamptz(3) NOT NULL DEFAULT now(),
  withdrawn_by text NOT NULL
);

CREATE INDEX withdrawn_record_withdrawn_at_id_idx ON withdrawn_record (withdrawn_at, id);

CREATE FUNCTION withdrawn_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'withdrawn_record is append-only: % refused', TG_OP;
END
$fn$;

CREATE TRIGGER withdrawn_record_no_change BEFORE UPDATE OR DELETE ON withdrawn_record
  FOR EACH ROW EXECUTE FUNCTION withdrawn_record_append_only();
CREATE TRIGGER withdrawn_record_no_truncate BEFORE TRUNCATE ON withdrawn_record
  FOR EACH STATEMENT EXECUTE FUNCTION withdrawn_record_append_only();
